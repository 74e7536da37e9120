package feeds

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/feeds/feedstest"
	"github.com/factgraph/factgraph/internal/fetch"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/webingest"
)

// replica is one process's worth of feed polling on a database.
type replica struct {
	store *storage.Store
	feeds *Service
	fetch *fetch.Client
}

// options tune a test replica: short intervals and backoffs.
type options struct {
	poll        bool
	rescueAfter time.Duration
}

func openReplica(t testing.TB, dsn string, room *feedstest.Newsroom, o options) *replica {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := storage.Open(ctx, dsn, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	fc := fetch.New(fetch.Options{AllowHosts: []string{room.Host()}, PerHostInterval: -1, Logger: log})
	ing := &ingest.Service{Store: st, Analyzer: analysis.New(), Log: log}
	cfg := Config{
		DB: st.DB(), Fetcher: fc, Pages: &webingest.Service{Fetcher: fc, Ingest: ing, Log: log}, Articles: ing, Log: log,
		Poll: o.poll, MinEvery: 100 * time.Millisecond, RetryBase: 200 * time.Millisecond,
		FetchInterval: 50 * time.Millisecond, JobTimeout: 5 * time.Second, RescueAfter: o.rescueAfter,
	}
	svc, err := Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	r := &replica{store: st, feeds: svc, fetch: fc}
	if o.poll {
		if err := svc.Start(ctx); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			_ = svc.Stop(sctx)
		})
	}
	return r
}

func sqliteDSN(t testing.TB) string { return filepath.Join(t.TempDir(), "feeds.db") }

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t testing.TB, what string, within time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out after %s waiting for %s", within, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// feedState reads a feed as clients see it.
func feedState(t testing.TB, s *Service, u string) *Feed {
	t.Helper()
	f, err := s.Get(context.Background(), u)
	if err != nil || f == nil {
		t.Fatalf("get %s: %v (%v)", u, f, err)
	}
	return f
}

// articleCount counts stored articles.
func articleCount(t *testing.T, st *storage.Store) int64 {
	t.Helper()
	var n int64
	if err := st.DB().Table("articles").Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
