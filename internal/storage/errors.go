package storage

import (
	"context"
	"errors"
	"fmt"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mattn/go-sqlite3"
	"gorm.io/gorm"
)

// errAlreadyStored aborts an ingest transaction that lost the race to store
// the same article; the caller returns the winner's article instead.
var errAlreadyStored = errors.New("article already stored")

// wrapErr gives a database error its operation name and, where the client
// can act on it, a domain code: a write that lost a race against another
// (deadlock, serialisation failure, a locked SQLite file) is ECONFLICT, which
// tells the client to retry. Cancellation and everything else pass through
// wrapped, and the API edge reports them as internal.
func wrapErr(op string, err error) error {
	if err == nil {
		return nil
	}
	var de *domain.Error
	switch {
	case errors.As(err, &de), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("storage: %s: %w", op, err)
	case isConflict(err):
		return fmt.Errorf("storage: %s: %w: %w", op, domain.Errorf(domain.ECONFLICT, "the write raced another one; retry"), err)
	}
	return fmt.Errorf("storage: %s: %w", op, err)
}

// isConflict reports whether err is a transient failure caused by a
// concurrent transaction.
func isConflict(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "40001", "40P01", "55P03": // serialization_failure, deadlock_detected, lock_not_available
			return true
		}
	}
	if errors.Is(err, gorm.ErrDuplicatedKey) {
		return true
	}
	return sqliteBusy(err)
}

// sqliteBusy reports whether err is SQLite giving up on a locked file after
// the busy timeout.
func sqliteBusy(err error) bool {
	var sqErr sqlite3.Error
	if errors.As(err, &sqErr) {
		return sqErr.Code == sqlite3.ErrBusy || sqErr.Code == sqlite3.ErrLocked
	}
	return false
}
