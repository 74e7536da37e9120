package storage_test

import (
	"os"
	"testing"

	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/storage/storagetest"
)

// openPostgres opens a Store in a fresh schema of the test PostgreSQL
// database (see storagetest.OpenPostgres).
func openPostgres(t *testing.T) *storage.Store {
	t.Helper()
	return storagetest.OpenPostgres(t)
}

func TestPostgresConformance(t *testing.T) {
	if os.Getenv("FACTGRAPH_TEST_POSTGRES") == "" {
		t.Skip("FACTGRAPH_TEST_POSTGRES not set: Postgres conformance runs in CI, which starts a server")
	}
	storagetest.Run(t, openPostgres)
}
