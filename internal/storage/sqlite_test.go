package storage_test

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	_ "github.com/mattn/go-sqlite3"

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

// TestSQLiteWriterOutlastsBusyTimeout holds the file's write lock from
// another connection (as another process would) for longer than the busy
// timeout: the ingest waiting for it replays its transaction and succeeds
// once the lock is released, instead of failing with CONFLICT.
func TestSQLiteWriterOutlastsBusyTimeout(t *testing.T) {
	path := filepath.Join(t.TempDir(), "factgraph.db")
	s := storagetest.Open(t, path)
	other, err := sql.Open("sqlite3", path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	held := 6 * time.Second // past the 5 s busy timeout
	go func() {
		time.Sleep(held)
		_, _ = conn.ExecContext(context.Background(), "COMMIT")
	}()
	start := time.Now()
	url := "https://locked.example/1"
	a, created, err := s.IngestArticle(t.Context(), domain.NewArticle{Title: "Locked", Body: "The file was locked.", URL: &url},
		func(string, string) domain.Analysis { return domain.Analysis{Version: "test"} })
	if err != nil {
		t.Fatalf("ingest behind a lock held %s: %v", held, err)
	}
	if !created || a.ID == 0 {
		t.Errorf("created = %v, id = %d", created, a.ID)
	}
	if took := time.Since(start); took < held {
		t.Errorf("ingest took %s, before the lock was released", took)
	}
}
