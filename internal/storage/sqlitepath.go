package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// sqlitePath is the file a SQLite DSN names ("x.db", "file:x.db?mode=rwc"),
// or "" for an in-memory database.
func sqlitePath(dsn string) string {
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if path == "" || strings.Contains(dsn, ":memory:") || strings.Contains(dsn, "mode=memory") {
		return ""
	}
	return path
}

// explainSQLiteOpen turns a failure to open a SQLite file, which SQLite
// reports as "unable to open database file" whatever the cause, into which
// path cannot be written and why: a missing folder, a file where a folder
// should be, or a folder or file without write permission (SQLite also
// writes the -wal and -shm files next to the database).
func explainSQLiteOpen(dsn string, err error) error {
	path := sqlitePath(dsn)
	if path == "" {
		return fmt.Errorf("storage: open database: %w", err)
	}
	cannot := func(why string, a ...any) error {
		return fmt.Errorf("storage: the database file %s cannot be written: %s: %w", path, fmt.Sprintf(why, a...), err)
	}
	if fi, serr := os.Stat(path); serr == nil && fi.IsDir() {
		return cannot("it is a folder")
	}
	dir := filepath.Dir(path)
	fi, serr := os.Stat(dir)
	switch {
	case errors.Is(serr, fs.ErrNotExist):
		return cannot("the folder %s does not exist (create it, or choose another -db)", dir)
	case serr != nil:
		return cannot("the folder %s cannot be reached (%v)", dir, serr)
	case !fi.IsDir():
		return cannot("%s is not a folder", dir)
	}
	probe, werr := os.CreateTemp(dir, ".factgraph-write-check-*")
	if werr != nil {
		return cannot("the folder %s cannot be written (%v)", dir, werr)
	}
	_ = probe.Close()
	_ = os.Remove(probe.Name())
	if f, oerr := os.OpenFile(path, os.O_RDWR, 0); oerr == nil {
		_ = f.Close()
	} else if !errors.Is(oerr, fs.ErrNotExist) {
		return cannot("%v", oerr)
	}
	return fmt.Errorf("storage: open database %s: %w", path, err)
}
