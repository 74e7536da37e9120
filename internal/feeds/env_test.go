package feeds

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/fetch"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/webingest"
)

// newsroom is an outlet served by httptest: one feed whose document the
// test sets, and story pages /story/N. It counts every request by path and
// answers conditional GETs on the feed.
type newsroom struct {
	srv *httptest.Server

	mu       sync.Mutex
	feedBody string
	feedType string
	feedCode int // non-zero: answer the feed with this status
	hits     map[string]int
	pollAt   []time.Time
	notMod   int
	missing  map[int]bool // story pages that answer 404
}

func newNewsroom(t *testing.T) *newsroom {
	n := &newsroom{hits: map[string]int{}, missing: map[int]bool{}}
	n.srv = httptest.NewServer(http.HandlerFunc(n.serve))
	t.Cleanup(n.srv.Close)
	return n
}

func (n *newsroom) serve(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.hits[r.URL.Path]++
	switch {
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
	case r.URL.Path == "/feed":
		n.pollAt = append(n.pollAt, time.Now())
		if n.feedCode != 0 {
			http.Error(w, "down for maintenance", n.feedCode)
			return
		}
		etag := fmt.Sprintf(`"v%d"`, len(n.feedBody))
		if r.Header.Get("If-None-Match") == etag {
			n.notMod++
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", n.feedType)
		io.WriteString(w, n.feedBody)
	case strings.HasPrefix(r.URL.Path, "/story/"):
		var i int
		if _, err := fmt.Sscanf(r.URL.Path, "/story/%d", &i); err != nil || n.missing[i] {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>%s</title><link rel="canonical" href="%s"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article><h1>%s</h1>%s</article>
<footer>Copyright Water Board News</footer></body></html>`, storyTitle(i), n.srv.URL+r.URL.Path, storyTitle(i), storyBody(i))
	default:
		http.NotFound(w, r)
	}
}

func (n *newsroom) setFeed(body, contentType string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.feedBody, n.feedType = body, contentType
}

func (n *newsroom) setFeedCode(code int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.feedCode = code
}

func (n *newsroom) hit(path string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.hits[path]
}

func (n *newsroom) url(path string) string { return n.srv.URL + path }

func storyTitle(i int) string { return fmt.Sprintf("Reservoir level report number %d", i) }

// storyBody is a story of a few paragraphs, as article pages hold.
func storyBody(i int) string {
	return fmt.Sprintf(`<p>The water board said the reservoir stood at %d percent of capacity on Monday, officials confirmed after the weekly inspection of the dam and its spillway.</p>
<p>Engineers from the regional authority measured the level at dawn and again at noon, and said the figures matched the readings taken by the automatic gauges on the eastern shore.</p>
<p>Farmers downstream have asked for more water to be released before the planting season, while the town council wants a reserve kept for the summer months.</p>
<p>The board will meet again on Thursday to decide how much water to release, a spokesperson said, adding that report number %d would be published next week.</p>`, 40+i%50, i)
}

// rss writes an RSS 2.0 feed listing the stories given.
func (n *newsroom) rss(stories ...int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Water Board News</title><link>` + n.srv.URL + `/</link>`)
	for _, i := range stories {
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link><guid>story-%d</guid><pubDate>Mon, 07 Oct 2024 10:%02d:00 +0000</pubDate><description>A short summary.</description></item>`,
			storyTitle(i), n.url(fmt.Sprintf("/story/%d", i)), i, i%60)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

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

func openReplica(t *testing.T, dsn string, room *newsroom, o options) *replica {
	t.Helper()
	ctx := context.Background()
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	st, err := storage.Open(ctx, dsn, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	u, _ := url.Parse(room.srv.URL)
	fc := fetch.New(fetch.Options{AllowHosts: []string{u.Host}, PerHostInterval: -1, Logger: log})
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

func sqliteDSN(t *testing.T) string { return filepath.Join(t.TempDir(), "feeds.db") }

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, within time.Duration, cond func() bool) {
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
func feedState(t *testing.T, s *Service, u string) *Feed {
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
