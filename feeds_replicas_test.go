package main

import (
	"bytes"
	"context"
	"log/slog"
	"syscall"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/feeds/feedstest"
	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/storage/storagetest"
)

// TestFeedReplicasSurviveAKill runs two real server processes polling one
// PostgreSQL database, subscribes them to a feed of 50 entries, and
// SIGKILLs one of them mid-way: the other finishes the work, every entry
// becomes exactly one article, and no page is fetched more than once
// except those the killed process had in flight.
func TestFeedReplicasSurviveAKill(t *testing.T) {
	dsn := storagetest.PostgresURL(t)
	room := feedstest.New(t)
	room.SetFeed(room.RSS(feedstest.Stories(50)...), "application/rss+xml")
	room.SetPageDelay(50 * time.Millisecond)
	const workers = 4
	args := []string{"-addr", "127.0.0.1:0", "-db", dsn, "-auth", "off", "-log-level", "info",
		"-fetch-allow-hosts", room.Host(), "-poll-workers", "4", "-poll-rescue-after", "20s"}
	a := startServer(t, args...)
	b := startServer(t, args...)

	var out, errOut bytes.Buffer
	start := time.Now()
	if err := run(context.Background(), []string{"feeds", "add", "-db", dsn, "-log-level", "warn", "-every", "1m", room.URL("/feed")}, &out, &errOut); err != nil {
		t.Fatalf("feeds add: %v\n%s", err, errOut.String())
	}
	st, err := storage.Open(context.Background(), dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	count := func(query string) int {
		var n int
		if err := st.DB().Raw(query).Scan(&n).Error; err != nil {
			t.Fatal(err)
		}
		return n
	}
	deadline := time.Now().Add(60 * time.Second)
	for count("SELECT count(*) FROM feed_items WHERE status = 'ingested'") < 10 {
		if time.Now().After(deadline) {
			t.Fatalf("10 entries not ingested within 60s:\n%s\n%s", a.log.String(), b.log.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if err := a.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killedAt := time.Now()
	doneBeforeKill := count("SELECT count(*) FROM feed_items WHERE status <> 'pending'")
	a.wait(t, 10*time.Second)

	deadline = time.Now().Add(180 * time.Second)
	for count("SELECT count(*) FROM feed_items WHERE status <> 'pending'") < 50 {
		if time.Now().After(deadline) {
			t.Fatalf("the surviving replica did not finish within 180s of the kill (%d done):\n%s",
				count("SELECT count(*) FROM feed_items WHERE status <> 'pending'"), b.log.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	took := time.Since(start)

	if n := count("SELECT count(*) FROM feed_items"); n != 50 {
		t.Errorf("%d entries seen, want 50", n)
	}
	if n := count("SELECT count(*) FROM feed_items WHERE status = 'ingested'"); n != 50 {
		t.Errorf("%d entries ingested, want 50", n)
	}
	if n := count("SELECT count(*) FROM articles"); n != 50 {
		t.Errorf("%d articles, want 50", n)
	}
	if n := count("SELECT count(DISTINCT url) FROM articles"); n != 50 {
		t.Errorf("%d distinct article URLs, want 50", n)
	}
	fetched, twice := 0, 0
	for i := 1; i <= 50; i++ {
		h := room.Hits(feedstest.StoryPath(i))
		fetched += h
		if h == 0 {
			t.Errorf("story %d never fetched", i)
		}
		if h > 1 {
			twice++
		}
	}
	// Only the pages the killed replica was fetching may have been
	// fetched again by the survivor.
	if twice > workers {
		t.Errorf("%d pages fetched more than once, want at most the %d the killed replica had in flight", twice, workers)
	}
	afterKill := count("SELECT count(*) FROM feed_items WHERE done_at > '" + killedAt.UTC().Format(time.RFC3339Nano) + "'")
	if afterKill == 0 {
		t.Error("the surviving replica ingested nothing after the kill")
	}
	if err := b.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if code := b.wait(t, 20*time.Second); code != 0 {
		t.Errorf("surviving replica exited %d after SIGTERM:\n%s", code, b.log.String())
	}
	t.Logf("two replicas, one SIGKILLed after %d of 50 entries: all 50 ingested once (%d by the survivor after the kill), "+
		"%d page requests for 50 pages (%d pages fetched twice), %s from feeds add to the last entry, pages at the default 1 request/s per host and replica",
		doneBeforeKill, afterKill, fetched, twice, took.Round(100*time.Millisecond))
}
