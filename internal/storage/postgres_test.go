package storage_test

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/storage/storagetest"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	gormlogger "gorm.io/gorm/logger"
)

var schemaSeq atomic.Int64

// openPostgres opens a Store in a new schema of the database named by
// FACTGRAPH_TEST_POSTGRES, so every run, and every subtest, starts empty and
// leaves nothing behind.
func openPostgres(t *testing.T) *storage.Store {
	t.Helper()
	base := os.Getenv("FACTGRAPH_TEST_POSTGRES")
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
		t.Fatalf("parse FACTGRAPH_TEST_POSTGRES: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()

	s, err := storage.Open(t.Context(), u.String(), slog.New(slog.DiscardHandler))
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

func TestPostgresConformance(t *testing.T) {
	if os.Getenv("FACTGRAPH_TEST_POSTGRES") == "" {
		t.Skip("FACTGRAPH_TEST_POSTGRES not set: Postgres conformance runs in CI, which starts a server")
	}
	storagetest.Run(t, openPostgres)
}
