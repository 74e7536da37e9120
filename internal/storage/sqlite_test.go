package storage_test

import (
	"path/filepath"
	"testing"

	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/storage/storagetest"
)

// openSQLite opens a Store on a fresh file in the test's temporary directory.
func openSQLite(t *testing.T) *storage.Store {
	t.Helper()
	return storagetest.Open(t, filepath.Join(t.TempDir(), "factgraph.db"))
}

func TestSQLiteConformance(t *testing.T) {
	storagetest.Run(t, openSQLite)
}

func TestSQLiteSettings(t *testing.T) {
	s := openSQLite(t)
	db := s.DB().WithContext(t.Context())

	var mode string
	if err := db.Raw("PRAGMA journal_mode").Scan(&mode).Error; err != nil {
		t.Fatal(err)
	}
	if mode != "wal" {
		t.Errorf("journal_mode = %q, want wal", mode)
	}
	var fk int
	if err := db.Raw("PRAGMA foreign_keys").Scan(&fk).Error; err != nil {
		t.Fatal(err)
	}
	if fk != 1 {
		t.Errorf("foreign_keys = %d, want 1", fk)
	}
	var busy int
	if err := db.Raw("PRAGMA busy_timeout").Scan(&busy).Error; err != nil {
		t.Fatal(err)
	}
	if busy < 1000 {
		t.Errorf("busy_timeout = %d, want at least 1000", busy)
	}
	// Foreign keys are declared, not only enabled: an orphan row fails.
	err := db.Exec("INSERT INTO statements (article_id, ordinal, cue, status, text, span_start, span_end) VALUES (424242, 0, 'said', 'CLAIMED', 'x', 0, 1)").Error
	if err == nil {
		t.Error("inserting a statement of a missing article succeeded")
	}
	if err := s.Ping(t.Context()); err != nil {
		t.Errorf("Ping: %v", err)
	}
}
