package feeds

import (
	"context"
	"github.com/factgraph/factgraph/internal/feeds/feedstest"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/storage/storagetest"
)

// TestTwoReplicasShareOneFeed runs two polling replicas on one PostgreSQL
// database with one feed of 50 entries: every entry is ingested exactly
// once and every page fetched once, whichever replica took it.
func TestTwoReplicasShareOneFeed(t *testing.T) {
	dsn := storagetest.PostgresURL(t)
	room := feedstest.New(t)
	room.SetFeed(room.RSS(feedstest.Stories(50)...), "application/rss+xml")
	a := openReplica(t, dsn, room, options{poll: true})
	b := openReplica(t, dsn, room, options{poll: true})
	start := time.Now()
	if _, _, err := a.feeds.Add(context.Background(), room.URL("/feed"), 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "50 entries done", 60*time.Second, func() bool {
		f := feedState(t, b.feeds, room.URL("/feed"))
		return f.ItemsSeen == 50 && f.ItemsPending == 0
	})
	took := time.Since(start)
	// Several more polls: all answered 304 or finding nothing new.
	polls := room.Hits("/feed")
	waitFor(t, "three more polls", 20*time.Second, func() bool { return room.Hits("/feed") >= polls+3 })
	if n := articleCount(t, a.store); n != 50 {
		t.Errorf("%d articles, want 50", n)
	}
	f := feedState(t, a.feeds, room.URL("/feed"))
	if f.ArticlesCreated != 50 || f.ItemsFailed != 0 {
		t.Errorf("feed = %+v", f)
	}
	for i := 1; i <= 50; i++ {
		if n := room.Hits(feedstest.StoryPath(i)); n != 1 {
			t.Errorf("story %d fetched %d times, want once", i, n)
		}
	}
	byReplica := map[string]int{}
	var rows []struct {
		AttemptedBy string
		N           int
	}
	a.store.DB().Raw(`SELECT attempted_by[1] AS attempted_by, count(*) AS n FROM river_job WHERE kind = 'feed_item' GROUP BY 1`).Scan(&rows)
	for _, r := range rows {
		byReplica[r.AttemptedBy] = r.N
	}
	t.Logf("50-entry feed: all articles stored %s after the feed was added; page jobs per replica: %v; feed requests %d (304s %d)",
		took.Round(time.Millisecond), byReplica, room.Hits("/feed"), room.NotModified())
}
