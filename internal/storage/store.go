// Package storage keeps articles and everything the analysis finds in them in
// a relational database: SQLite for a single node, Postgres for replicas. It
// implements the batch reads behind the API's loaders, the paged lists, and
// the one write, ingest, which stores an article and its analysis atomically.
package storage

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/mattn/go-sqlite3"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
)

// dialect is the database family behind a Store; the few queries GORM cannot
// express portably (full-text search, id sets, row locks) switch on it.
type dialect int

const (
	dialectSQLite dialect = iota
	dialectPostgres
)

// Store is the database behind the API. It is safe for concurrent use and
// for several processes sharing one Postgres database.
type Store struct {
	db      *gorm.DB
	log     *slog.Logger
	dialect dialect
	// dsn is kept for the connection that listens for live events.
	dsn string
	// eventRetention is how many live events are kept; 0 for the default.
	eventRetention int64
	// perRequest is how many connections one request's reads may hold.
	perRequest int
	// writeLock, on SQLite, queues this process's write transactions for
	// the file's single write lock (see transact); nil on PostgreSQL.
	writeLock chan struct{}
}

// sqliteParams are the connection settings every SQLite file needs: WAL so
// readers never block the writer, enforced foreign keys, waiting on a locked
// file instead of failing, and write transactions that take the lock up
// front so two writers cannot deadlock upgrading from read to write; and a
// cache of prepared statements on each connection, since an ingest runs
// the same two dozen statements for every article.
const sqliteParams = "_journal_mode=WAL&_foreign_keys=1&_busy_timeout=5000&_txlock=immediate&_stmt_cache_size=128"

// sqliteDriver is the SQLite driver with the per-connection settings that
// have no DSN parameter: temp_store=MEMORY keeps the statement journals of
// a long write transaction in memory. A multi-row INSERT inside a
// transaction journals every page it touches so that it can be undone
// alone; in temporary files, that was nine in ten of a bulk ingest's
// writes (and of its system time).
const sqliteDriver = "sqlite3_factgraph"

func init() {
	sql.Register(sqliteDriver, &sqlite3.SQLiteDriver{ConnectHook: func(c *sqlite3.SQLiteConn) error {
		_, err := c.Exec("PRAGMA temp_store = MEMORY", nil)
		return err
	}})
}

// Open connects to the database named by dsn and brings its schema up to
// date. A postgres:// or postgresql:// URL selects Postgres; anything else is
// the path of a SQLite file, created if missing.
func Open(ctx context.Context, dsn string, log *slog.Logger) (*Store, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	cfg := &gorm.Config{
		Logger:                 newGormLogger(log),
		TranslateError:         true,
		SkipDefaultTransaction: true,
		NowFunc:                func() time.Time { return now() },
	}

	s := &Store{log: log, dsn: dsn}
	var (
		db  *gorm.DB
		err error
	)
	if isPostgresDSN(dsn) {
		s.dialect = dialectPostgres
		db, err = gorm.Open(postgres.Open(dsn), cfg)
	} else {
		s.dialect = dialectSQLite
		db, err = gorm.Open(sqlite.New(sqlite.Config{DriverName: sqliteDriver, DSN: sqliteDSN(dsn)}), cfg)
	}
	if err != nil {
		if s.dialect == dialectSQLite {
			return nil, explainSQLiteOpen(dsn, err)
		}
		return nil, fmt.Errorf("storage: open database: %w", err)
	}
	s.db = db

	sqlDB, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("storage: open database: %w", err)
	}
	switch s.dialect {
	case dialectSQLite:
		// One file, one writer at a time; a few connections let readers
		// run alongside it under WAL.
		conns := 4
		if strings.Contains(dsn, ":memory:") || strings.Contains(dsn, "mode=memory") {
			// Every connection to an in-memory database is a new database.
			conns = 1
		}
		sqlDB.SetMaxOpenConns(conns)
		sqlDB.SetMaxIdleConns(conns)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		s.writeLock = make(chan struct{}, 1)
	case dialectPostgres:
		sqlDB.SetMaxOpenConns(16)
		sqlDB.SetMaxIdleConns(8)
		sqlDB.SetConnMaxLifetime(30 * time.Minute)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	}

	s.perRequest = max(1, sqlDB.Stats().MaxOpenConnections/2)
	if err := registerShare(db); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("storage: register the connection share: %w", err)
	}
	if err := s.Ping(ctx); err != nil {
		_ = sqlDB.Close()
		if s.dialect == dialectSQLite {
			return nil, explainSQLiteOpen(dsn, err)
		}
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		_ = sqlDB.Close()
		return nil, err
	}
	log.InfoContext(ctx, "storage opened", "dialect", s.dialect.String())
	return s, nil
}

// isPostgresDSN reports whether dsn is a Postgres connection URL.
func isPostgresDSN(dsn string) bool {
	lower := strings.ToLower(dsn)
	return strings.HasPrefix(lower, "postgres://") || strings.HasPrefix(lower, "postgresql://")
}

// sqliteDSN adds the required connection settings to a SQLite path, keeping
// any parameters the caller gave.
func sqliteDSN(path string) string {
	if strings.Contains(path, "?") {
		return path + "&" + sqliteParams
	}
	return path + "?" + sqliteParams
}

// ForBulkLoad returns dsn tuned for one process loading many articles. On
// SQLite, commits stop waiting for the disk (synchronous=NORMAL, safe in
// WAL mode: a process that crashes or is killed loses nothing committed; a
// power cut may lose the last commits, which a re-run of the load stores
// again) and each connection caches 128 MB of pages, so that the indexes
// a large store writes into stay in memory. A PostgreSQL URL is returned
// as is.
func ForBulkLoad(dsn string) string {
	if isPostgresDSN(dsn) {
		return dsn
	}
	const bulk = "_sync=NORMAL&_cache_size=-131072"
	if strings.Contains(dsn, "?") {
		return dsn + "&" + bulk
	}
	return dsn + "?" + bulk
}

// String names the dialect in logs.
func (d dialect) String() string {
	if d == dialectPostgres {
		return "postgres"
	}
	return "sqlite"
}

// Close releases the connection pool. The Store must not be used afterwards.
func (s *Store) Close() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("storage: close: %w", err)
	}
	if err := sqlDB.Close(); err != nil {
		return fmt.Errorf("storage: close: %w", err)
	}
	return nil
}

// Ping checks that the database answers, for readiness probes.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return fmt.Errorf("storage: ping: %w", err)
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return fmt.Errorf("storage: ping: %w", err)
	}
	return nil
}

// DB exposes the GORM handle so tests can observe the SQL a call issues
// (through GORM callbacks) and inspect the schema. Application code should
// go through the Store's methods.
func (s *Store) DB() *gorm.DB { return s.db }

// now is the clock for every stored timestamp: UTC, at the microsecond
// precision both databases keep, so a value reads back exactly as written.
func now() time.Time { return time.Now().UTC().Truncate(time.Microsecond) }
