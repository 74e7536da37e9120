package main

import (
	"bytes"
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
)

// TestReanalyzeReplacesOldAnalyses stores articles as an older analysis
// left them (no statements, no figures, an old version), then runs the
// command and checks that the current analysis replaced it, that a second
// run finds nothing to do, and that -all takes every article again.
func TestReanalyzeReplacesOldAnalyses(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "old.db")
	store, err := storage.Open(ctx, db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	old := func(string, string) domain.Analysis { return domain.Analysis{Version: "a0-old"} }
	bodies := []string{
		"Officials said 40 homes were flooded in Derna.",
		"The union said 3,000 dockers walked out in Antwerp on Monday.",
		"Kenya's health ministry said 12 people died of cholera.",
	}
	var ids []int64
	for i, b := range bodies {
		pub := time.Date(2025, 4, 3-i, 0, 0, 0, 0, time.UTC) // newest first
		a, _, err := store.IngestArticle(ctx, domain.NewArticle{Title: "Article " + b[:10], Body: b, PublishedAt: &pub}, old)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	store.Close()

	// A run cancelled before it starts fails and changes nothing.
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	var out, errOut bytes.Buffer
	if err := run(cancelled, []string{"reanalyze", "-db", db, "-log-level", "warn"}, &out, &errOut); err == nil {
		t.Fatalf("cancelled run succeeded: %s", out.String())
	}

	out.Reset()
	errOut.Reset()
	if err := run(ctx, []string{"reanalyze", "-db", db, "-log-level", "warn"}, &out, &errOut); err != nil {
		t.Fatalf("reanalyze: %v\n%s", err, errOut.String())
	}
	if !strings.Contains(out.String(), "re-analysed 3 articles") {
		t.Fatalf("reanalyze printed %q", out.String())
	}
	if !strings.Contains(errOut.String(), "3/3 articles") {
		t.Errorf("no progress line in %q", errOut.String())
	}

	store, err = storage.Open(ctx, db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	figs, errs := store.FiguresByArticle(ctx, ids)
	if len(errs) > 0 && errs[0] != nil {
		t.Fatal(errs)
	}
	for i, f := range figs {
		if len(f) == 0 {
			t.Errorf("article %d has no figures after re-analysis", ids[i])
		}
	}
	stmts, _ := store.StatementsByArticle(ctx, ids)
	for i, s := range stmts {
		if len(s) == 0 {
			t.Errorf("article %d has no statements after re-analysis", ids[i])
		}
	}
	store.Close()

	out.Reset()
	if err := run(ctx, []string{"reanalyze", "-db", db, "-log-level", "warn"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "re-analysed 0 articles") {
		t.Errorf("second run printed %q, want nothing left to do", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"reanalyze", "-db", db, "-all", "-log-level", "warn"}, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "re-analysed 3 articles") {
		t.Errorf("-all printed %q, want all three again", out.String())
	}
}

func TestProgressLine(t *testing.T) {
	got := progressLine(1200, 50000, 4*time.Second)
	if got != "1200/50000 articles  300/s  ETA 2m43s" {
		t.Errorf("progressLine = %q", got)
	}
	if got := progressLine(0, 10, 0); got != "0/10 articles  0/s  ETA ?" {
		t.Errorf("progressLine at start = %q", got)
	}
}
