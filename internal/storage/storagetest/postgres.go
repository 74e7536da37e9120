package storagetest

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	gormlogger "gorm.io/gorm/logger"

	"github.com/factgraph/factgraph/internal/storage"
)

// PostgresEnv names the variable holding the URL of the PostgreSQL server
// tests run against; CI sets it, and tests that need it skip without it.
const PostgresEnv = "FACTGRAPH_TEST_POSTGRES"

var schemaSeq atomic.Int64

// OpenPostgres opens a Store in a new schema of the database named by
// PostgresEnv, so every run, and every subtest, starts empty and leaves
// nothing behind. It skips the test when PostgresEnv is unset.
func OpenPostgres(t testing.TB) *storage.Store {
	t.Helper()
	return Open(t, PostgresURL(t))
}

// PostgresURL makes a new schema in the database named by PostgresEnv,
// dropped when the test ends, and returns the URL that selects it, for
// tests that open several stores (replicas) on one database. It skips the
// test when PostgresEnv is unset.
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(PostgresEnv)
	if base == "" {
		t.Skip(PostgresEnv + " not set: tests on PostgreSQL run in CI, which starts a server")
	}
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: gormlogger.Discard})
	if err != nil {
		t.Fatalf("connect to %s: %v", base, err)
	}
	adminDB, _ := admin.DB()
	t.Cleanup(func() { _ = adminDB.Close() })

	schema := fmt.Sprintf("factgraph_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano(), schemaSeq.Add(1))
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() {
		if err := admin.Exec("DROP SCHEMA " + schema + " CASCADE").Error; err != nil {
			t.Errorf("drop schema: %v", err)
		}
	})

	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PostgresEnv, err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens a Store on dsn (a SQLite path or a postgres:// URL) and closes
// it when the test ends.
func Open(t testing.TB, dsn string) *storage.Store {
	t.Helper()
	s, err := storage.Open(t.Context(), dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}
