package feeds

import (
	"context"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/feeds/feedstest"
)

// BenchmarkPoll50 measures a 50-entry RSS feed end to end on one SQLite
// replica: from the subscription to the 50th article stored (feed fetch,
// parse, 50 page jobs each fetching, extracting, analysing and storing a
// page), without the per-host rate limit, so it shows the pipeline's own
// cost; with the default limit of one request a second per host the pages
// alone take 50 s.
func BenchmarkPoll50(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		room := feedstest.New(b)
		room.SetFeed(room.RSS(feedstest.Stories(50)...), "application/rss+xml")
		r := openReplica(b, sqliteDSN(b), room, options{poll: true})
		b.StartTimer()
		if _, _, err := r.feeds.Add(context.Background(), room.URL("/feed"), time.Hour); err != nil {
			b.Fatal(err)
		}
		waitFor(b, "50 entries done", time.Minute, func() bool {
			f := feedState(b, r.feeds, room.URL("/feed"))
			return f.ItemsSeen == 50 && f.ItemsPending == 0
		})
	}
}
