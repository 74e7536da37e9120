// Package feedstest serves a news outlet over httptest for the tests of
// feed polling: one feed whose document a test sets, story pages, and
// counts of every request, so tests can check what was fetched and how
// often.
package feedstest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// Newsroom is the outlet: the feed at /feed, story pages at /story/N, and
// a robots.txt that allows everything. The feed answers conditional GETs
// with 304 when its document has not changed.
type Newsroom struct {
	srv *httptest.Server

	mu        sync.Mutex
	feedBody  string
	feedType  string
	feedCode  int
	hits      map[string]int
	pollAt    []time.Time
	notMod    int
	missing   map[int]bool
	pageDelay time.Duration
}

// New starts a newsroom, closed when the test ends.
func New(t testing.TB) *Newsroom {
	n := &Newsroom{hits: map[string]int{}, missing: map[int]bool{}}
	n.srv = httptest.NewServer(http.HandlerFunc(n.serve))
	t.Cleanup(n.srv.Close)
	return n
}

func (n *Newsroom) serve(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	n.hits[r.URL.Path]++
	delay := n.pageDelay
	n.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
	case r.URL.Path == "/feed":
		n.serveFeed(w, r)
	case strings.HasPrefix(r.URL.Path, "/story/"):
		var i int
		n.mu.Lock()
		_, err := fmt.Sscanf(r.URL.Path, "/story/%d", &i)
		gone := err != nil || n.missing[i]
		n.mu.Unlock()
		if gone {
			http.NotFound(w, r)
			return
		}
		time.Sleep(delay)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html><head><title>%s</title><link rel="canonical" href="%s"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article><h1>%s</h1>%s</article>
<footer>Copyright Water Board News</footer></body></html>`, Title(i), n.srv.URL+r.URL.Path, Title(i), storyBody(i))
	default:
		http.NotFound(w, r)
	}
}

func (n *Newsroom) serveFeed(w http.ResponseWriter, r *http.Request) {
	n.mu.Lock()
	defer n.mu.Unlock()
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
	_, _ = io.WriteString(w, n.feedBody)
}

// SetFeed sets the feed's document.
func (n *Newsroom) SetFeed(body, contentType string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.feedBody, n.feedType = body, contentType
}

// SetFeedCode makes the feed answer with an error status; 0 serves it
// again.
func (n *Newsroom) SetFeedCode(code int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.feedCode = code
}

// SetMissing makes the story pages i answer 404.
func (n *Newsroom) SetMissing(stories ...int) {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, i := range stories {
		n.missing[i] = true
	}
}

// SetPageDelay makes every story page take d to answer.
func (n *Newsroom) SetPageDelay(d time.Duration) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.pageDelay = d
}

// Hits is how many requests path got.
func (n *Newsroom) Hits(path string) int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.hits[path]
}

// NotModified is how many feed requests were answered 304.
func (n *Newsroom) NotModified() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.notMod
}

// Polls are the times the feed was requested.
func (n *Newsroom) Polls() []time.Time {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]time.Time(nil), n.pollAt...)
}

// URL is the absolute URL of path on the newsroom.
func (n *Newsroom) URL(path string) string { return n.srv.URL + path }

// Host is the newsroom's host:port, for allow lists.
func (n *Newsroom) Host() string { return strings.TrimPrefix(n.srv.URL, "http://") }

// StoryPath is the path of story i.
func StoryPath(i int) string { return fmt.Sprintf("/story/%d", i) }

// Title is the headline of story i.
func Title(i int) string { return fmt.Sprintf("Reservoir level report number %d", i) }

// storyBody is a story of a few paragraphs, as article pages hold.
func storyBody(i int) string {
	return fmt.Sprintf(`<p>The water board said the reservoir stood at %d percent of capacity on Monday, officials confirmed after the weekly inspection of the dam and its spillway.</p>
<p>Engineers from the regional authority measured the level at dawn and again at noon, and said the figures matched the readings taken by the automatic gauges on the eastern shore.</p>
<p>Farmers downstream have asked for more water to be released before the planting season, while the town council wants a reserve kept for the summer months.</p>
<p>The board will meet again on Thursday to decide how much water to release, a spokesperson said, adding that report number %d would be published next week.</p>`, 40+i%50, i)
}

// RSS is an RSS 2.0 feed listing the stories given.
func (n *Newsroom) RSS(stories ...int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><rss version="2.0"><channel><title>Water Board News</title><link>` + n.srv.URL + `/</link>`)
	for _, i := range stories {
		fmt.Fprintf(&b, `<item><title>%s</title><link>%s</link><guid>story-%d</guid><pubDate>Mon, 07 Oct 2024 10:%02d:00 +0000</pubDate><description>A short summary.</description></item>`,
			Title(i), n.URL(StoryPath(i)), i, i%60)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

// Stories is 1..n, for a feed of n stories.
func Stories(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i + 1
	}
	return s
}
