package storage

import (
	"context"
	"math/rand/v2"
	"time"

	"gorm.io/gorm"
)

// Write transactions that lose a race to another writer (a PostgreSQL
// deadlock or serialisation failure, a unique key taken between a read and
// an insert, a SQLite file still locked after the busy timeout) are run
// again here rather than reported: every write the Store does is a whole
// transaction that can be replayed, and a client should not have to retry
// an idempotent ingest because of the Store's own locking.
const (
	// writeAttempts bounds the replays, so a write that keeps failing
	// still ends, with the conflict error, in bounded time.
	writeAttempts = 8
	// retryBase and retryMax bound the pause before a replay: it doubles
	// from retryBase, capped at retryMax, and is drawn at random up to
	// that, so writers that collided do not collide again in step.
	retryBase = 5 * time.Millisecond
	retryMax  = 250 * time.Millisecond
)

// transact runs fn in a write transaction, replaying it from the start
// when it fails with a conflict (isConflict) and attempts remain. On
// SQLite, writers of this process queue for the one write lock in the
// process instead of in the database's busy handler, which is first come,
// first served and wastes no time polling; writers in other processes are
// still handled by the busy timeout and the replays. fn must not keep
// state between calls that a rolled back attempt would leave wrong.
func (s *Store) transact(ctx context.Context, fn func(tx *gorm.DB) error) error {
	var err error
	for attempt := range writeAttempts {
		if attempt > 0 {
			if werr := sleepCtx(ctx, backoff(attempt)); werr != nil {
				return err
			}
		}
		err = s.transactOnce(ctx, fn)
		if err == nil || !isConflict(err) || ctx.Err() != nil {
			return err
		}
		s.log.DebugContext(ctx, "write raced another; replaying", "attempt", attempt+1, "err", err)
	}
	return err
}

// transactOnce is one attempt of transact.
func (s *Store) transactOnce(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.writeLock != nil {
		select {
		case s.writeLock <- struct{}{}:
			defer func() { <-s.writeLock }()
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return s.db.WithContext(ctx).Transaction(fn)
}

// backoff is the random pause before replay number attempt (1 for the
// first replay).
func backoff(attempt int) time.Duration {
	ceiling := min(retryBase<<(attempt-1), retryMax)
	return retryBase/2 + rand.N(ceiling)
}

// sleepCtx waits d, or less if ctx ends first (then it returns ctx's
// error).
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
