package feeds

import (
	"context"
	"fmt"
	"github.com/factgraph/factgraph/internal/feeds/feedstest"
	"strings"
	"testing"
	"time"
)

func TestAddValidatesAndIsIdempotent(t *testing.T) {
	room := feedstest.New(t)
	r := openReplica(t, sqliteDSN(t), room, options{})
	ctx := context.Background()
	for _, c := range []struct {
		url   string
		every time.Duration
		want  string
	}{
		{"ftp://x.example/feed", 0, "must start with http"},
		{"not a url", 0, "must start with http"},
		{"http:///feed", 0, "has no host"},
		{room.URL("/feed"), 10 * time.Millisecond, "at most every 100ms"},
		{room.URL("/feed"), 30 * 24 * time.Hour, "at least every 168h"},
	} {
		if _, _, err := r.feeds.Add(ctx, c.url, c.every); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Add(%q, %s) = %v, want an error saying %q", c.url, c.every, err, c.want)
		}
	}
	f, created, err := r.feeds.Add(ctx, room.URL("/feed"), 0)
	if err != nil || !created || f.Every != DefaultEvery {
		t.Fatalf("Add = %+v, %v, %v", f, created, err)
	}
	again, created, err := r.feeds.Add(ctx, room.URL("/feed"), time.Hour)
	if err != nil || created || again.ID != f.ID || again.Every != time.Hour {
		t.Fatalf("second Add = %+v, %v, %v", again, created, err)
	}
	list, more, err := r.feeds.List(ctx, 10, 0)
	if err != nil || more || len(list) != 1 {
		t.Fatalf("List = %v, %v, %v", list, more, err)
	}
	removed, err := r.feeds.Remove(ctx, room.URL("/feed"))
	if err != nil || !removed {
		t.Fatalf("Remove = %v, %v", removed, err)
	}
	if removed, _ := r.feeds.Remove(ctx, room.URL("/feed")); removed {
		t.Error("second Remove removed something")
	}
}

// TestFormats polls an RSS, an Atom and a JSON feed and checks that every
// entry's page became an article under its canonical URL.
func TestFormats(t *testing.T) {
	for _, c := range []struct {
		name, contentType string
		doc               func(n *feedstest.Newsroom) string
	}{
		{"rss", "application/rss+xml", func(n *feedstest.Newsroom) string { return n.RSS(1, 2, 3) }},
		{"atom", "application/atom+xml", func(n *feedstest.Newsroom) string {
			var b strings.Builder
			b.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom"><title>Water Board</title>`)
			for i := 1; i <= 3; i++ {
				fmt.Fprintf(&b, `<entry><id>tag:board,%d</id><title>%s</title><link href="/story/%d"/><updated>2024-10-07T10:00:00Z</updated></entry>`, i, feedstest.Title(i), i)
			}
			return b.String() + `</feed>`
		}},
		{"json", "application/feed+json", func(n *feedstest.Newsroom) string {
			var items []string
			for i := 1; i <= 3; i++ {
				items = append(items, fmt.Sprintf(`{"id": "%d", "url": %q, "title": %q, "date_published": "2024-10-07T10:00:00Z"}`, i, n.URL(feedstest.StoryPath(i)), feedstest.Title(i)))
			}
			return `{"version": "https://jsonfeed.org/version/1.1", "title": "Water Board", "items": [` + strings.Join(items, ",") + `]}`
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			room := feedstest.New(t)
			room.SetFeed(c.doc(room), c.contentType)
			r := openReplica(t, sqliteDSN(t), room, options{poll: true})
			if _, _, err := r.feeds.Add(context.Background(), room.URL("/feed"), time.Hour); err != nil {
				t.Fatal(err)
			}
			waitFor(t, "3 entries done", 20*time.Second, func() bool {
				f := feedState(t, r.feeds, room.URL("/feed"))
				return f.ItemsSeen == 3 && f.ItemsPending == 0
			})
			f := feedState(t, r.feeds, room.URL("/feed"))
			if f.Title == "" || f.ItemsSeen != 3 || f.ArticlesCreated != 3 || f.ItemsFailed != 0 || f.LastError != nil || f.LastFetchedAt == nil {
				t.Errorf("feed = %+v", f)
			}
			for i := 1; i <= 3; i++ {
				u := room.URL(feedstest.StoryPath(i))
				var n int64
				r.store.DB().Table("articles").Where("url = ?", u).Count(&n)
				if n != 1 {
					t.Errorf("%d articles at %s, want 1", n, u)
				}
			}
		})
	}
}

// TestNewEntriesOnly polls a feed that gains an entry between polls, then
// answers 304: only the new entry is fetched and ingested.
func TestNewEntriesOnly(t *testing.T) {
	room := feedstest.New(t)
	room.SetFeed(room.RSS(1, 2), "application/rss+xml")
	r := openReplica(t, sqliteDSN(t), room, options{poll: true})
	ctx := context.Background()
	if _, _, err := r.feeds.Add(ctx, room.URL("/feed"), 300*time.Millisecond); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "2 articles", 20*time.Second, func() bool { return articleCount(t, r.store) == 2 })
	room.SetFeed(room.RSS(3, 1, 2), "application/rss+xml")
	waitFor(t, "the third article", 20*time.Second, func() bool { return articleCount(t, r.store) == 3 })
	// The feed has not changed since: the next polls are answered 304.
	waitFor(t, "a 304", 20*time.Second, func() bool {
		return room.NotModified() >= 2
	})
	for i := 1; i <= 3; i++ {
		if n := room.Hits(feedstest.StoryPath(i)); n != 1 {
			t.Errorf("story %d fetched %d times, want once", i, n)
		}
	}
	f := feedState(t, r.feeds, room.URL("/feed"))
	if f.ItemsSeen != 3 || f.ArticlesCreated != 3 || f.LastError != nil {
		t.Errorf("feed = %+v", f)
	}
	if !f.NextFetchAt.After(*f.LastFetchedAt) {
		t.Errorf("next fetch %s not after last fetch %s", f.NextFetchAt, *f.LastFetchedAt)
	}
	if n := articleCount(t, r.store); n != 3 {
		t.Errorf("%d articles after the 304s, want 3", n)
	}
}

// TestFeedErrorsBackOff serves a failing feed: the error is recorded on
// the feed, polls are retried with growing waits, and the first good
// answer clears the error.
func TestFeedErrorsBackOff(t *testing.T) {
	room := feedstest.New(t)
	room.SetFeed(room.RSS(1), "application/rss+xml")
	room.SetFeedCode(503)
	r := openReplica(t, sqliteDSN(t), room, options{poll: true})
	ctx := context.Background()
	if _, _, err := r.feeds.Add(ctx, room.URL("/feed"), 10*time.Second); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "4 failed polls", 20*time.Second, func() bool {
		return len(room.Polls()) >= 4
	})
	f := feedState(t, r.feeds, room.URL("/feed"))
	if f.LastError == nil || !strings.Contains(*f.LastError, "503") {
		t.Fatalf("last error = %v, want the 503", f.LastError)
	}
	at := room.Polls()
	var gaps []time.Duration
	for i := 1; i < 4; i++ {
		gaps = append(gaps, at[i].Sub(at[i-1]))
	}
	// Retry base 200ms, doubled: about 200ms, 400ms, 800ms.
	if gaps[0] < 150*time.Millisecond || gaps[2] < gaps[0]*2 {
		t.Errorf("retry gaps %v: want a backoff from 200ms that grows", gaps)
	}
	room.SetFeedCode(0)
	waitFor(t, "the article after recovery", 20*time.Second, func() bool { return articleCount(t, r.store) == 1 })
	waitFor(t, "the error cleared", 5*time.Second, func() bool { return feedState(t, r.feeds, room.URL("/feed")).LastError == nil })
	t.Logf("retry gaps while failing: %v", gaps)
}

// TestMalformedFeed records a document that is no feed as the feed's
// error, and polls on.
func TestMalformedFeed(t *testing.T) {
	room := feedstest.New(t)
	room.SetFeed(`<rss version="2.0"><channel><item><title>cut off`, "application/rss+xml")
	r := openReplica(t, sqliteDSN(t), room, options{poll: true})
	if _, _, err := r.feeds.Add(context.Background(), room.URL("/feed"), 10*time.Second); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the error recorded", 20*time.Second, func() bool {
		f := feedState(t, r.feeds, room.URL("/feed"))
		return f.LastError != nil
	})
	f := feedState(t, r.feeds, room.URL("/feed"))
	if !strings.Contains(*f.LastError, "malformed feed: bad rss document") || f.ItemsSeen != 0 {
		t.Errorf("feed = %+v, error %q", f, *f.LastError)
	}
	room.SetFeed(room.RSS(4), "application/rss+xml")
	waitFor(t, "the article once the feed is repaired", 20*time.Second, func() bool { return articleCount(t, r.store) == 1 })
}

// TestPageFailures: an entry whose page is gone is ingested from the
// feed's text when that is a full story, and recorded as failed with the
// reason when it is a summary.
func TestPageFailures(t *testing.T) {
	room := feedstest.New(t)
	room.SetMissing(7, 8)
	full := strings.Repeat("The council met on Tuesday and officials said the new bridge will open in May. ", 15)
	room.SetFeed(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Council</title>
<item><title>Bridge opens in May</title><link>`+room.URL("/story/7")+`</link><guid>7</guid><content:encoded><![CDATA[<p>`+full+`</p><p>`+full+`</p>]]></content:encoded></item>
<item><title>Short note</title><link>`+room.URL("/story/8")+`</link><guid>8</guid><description>Only a teaser of twelve words here, not the story at all.</description></item>
</channel></rss>`, "application/rss+xml")
	r := openReplica(t, sqliteDSN(t), room, options{poll: true})
	if _, _, err := r.feeds.Add(context.Background(), room.URL("/feed"), time.Hour); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both entries done", 20*time.Second, func() bool {
		f := feedState(t, r.feeds, room.URL("/feed"))
		return f.ItemsSeen == 2 && f.ItemsPending == 0
	})
	f := feedState(t, r.feeds, room.URL("/feed"))
	if f.ArticlesCreated != 1 || f.ItemsFailed != 1 {
		t.Errorf("feed = %+v", f)
	}
	var it itemRow
	r.store.DB().Where("key = ?", "8").Take(&it)
	if it.Status != statusFailed || !strings.Contains(it.Error, "404") || !strings.Contains(it.Error, "fewer than the 150 of a full story") {
		t.Errorf("teaser entry = %+v", it)
	}
	it = itemRow{}
	r.store.DB().Where("key = ?", "7").Take(&it)
	if it.Status != statusIngested || it.Source != "feed" || it.ArticleID == nil {
		t.Errorf("full-text entry = %+v", it)
	}
	var body string
	r.store.DB().Table("articles").Where("url = ?", room.URL("/story/7")).Select("body").Scan(&body)
	if !strings.Contains(body, "new bridge will open in May") || strings.Contains(body, "<p>") {
		t.Errorf("article body from the feed = %.120q", body)
	}
}
