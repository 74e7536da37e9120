package server_test

import (
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/storage/storagetest"
)

// newsSite serves one story under several links, as news sites do: the
// article's own URL, the same with tracking parameters, a short link that
// redirects to it and an AMP copy, all naming the article's URL as
// canonical. It also has a page robots.txt forbids and a page without an
// article.
func newsSite(t *testing.T) (*httptest.Server, *atomic.Int64) {
	t.Helper()
	var storyHits atomic.Int64
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page := func(body string) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, body)
		}
		switch r.URL.Path {
		case "/robots.txt":
			fmt.Fprint(w, "User-agent: *\nDisallow: /members/\n")
		case "/news/ferry-strike", "/amp/ferry-strike":
			storyHits.Add(1)
			page(strings.ReplaceAll(storyPage, "CANONICAL", srv.URL+"/news/ferry-strike"))
		case "/s/42":
			http.Redirect(w, r, "/news/ferry-strike?utm_source=short", http.StatusMovedPermanently)
		case "/members/exclusive":
			page(strings.ReplaceAll(storyPage, "CANONICAL", srv.URL+"/members/exclusive"))
		case "/empty":
			page("<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>")
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, &storyHits
}

const storyPage = `<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Ferry crews strike for a second day | Harbour Times</title>
<link rel="canonical" href="CANONICAL">
<meta property="og:site_name" content="Harbour Times">
<meta property="article:published_time" content="2026-11-30T07:45:00Z">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Ferry crews strike for a second day","author":{"@type":"Person","name":"Lena Okafor"}}</script>
</head><body>
<div class="cookie-banner">We use cookies on Harbour Times. Accept all?</div>
<nav class="menu"><a href="/">Home</a> <a href="/harbour">Harbour news</a> <a href="/subscribe">Subscribe today</a></nav>
<article>
<h1>Ferry crews strike for a second day</h1>
<div class="share-tools"><a href="#">Share on Facebook</a></div>
<p>Ferry crews walked out for a second day on Tuesday, leaving about 14,000 commuters without their usual crossing to the islands.</p>
<p>The union said 240 crew members joined the strike, which began on Monday after talks over pay and rest periods broke down.</p>
<p>The ferry company said it had hired 6 buses to carry passengers around the bay, a journey that takes almost two hours.</p>
<p>"We are ready to talk at any time, but not under this pressure," a company spokesperson said on Tuesday evening.</p>
</article>
<aside class="related"><h2>Related stories</h2><a href="/harbour/tolls">Bridge tolls to rise in spring</a></aside>
<section class="comments"><p>Stuck on the island again, thanks a lot.</p></section>
</body></html>`

const ingestURLMutation = `mutation($url: String!) { ingestURL(url: $url) { created article { id title body url outlet publishedAt } } }`

type ingestURLResp struct {
	IngestURL struct {
		Created bool
		Article struct {
			ID, Title, Body, URL, Outlet, PublishedAt string
		}
	}
}

// webEnv is the whole API over store, allowed to fetch from site.
func webEnv(t *testing.T, store *storage.Store, site *httptest.Server) *env {
	return newEnvOn(t, store, slog.New(slog.DiscardHandler), func(c *server.Config) {
		c.Fetch.AllowHosts = []string{site.Listener.Addr().String()}
		c.Fetch.PerHostInterval = -1
	})
}

func TestIngestURLSQLite(t *testing.T) {
	site, hits := newsSite(t)
	store := storagetest.Open(t, filepath.Join(t.TempDir(), "factgraph.db"))
	testIngestURL(t, webEnv(t, store, site), site, hits)
}

func TestIngestURLPostgres(t *testing.T) {
	store := storagetest.OpenPostgres(t)
	site, hits := newsSite(t)
	testIngestURL(t, webEnv(t, store, site), site, hits)
}

func testIngestURL(t *testing.T, e *env, site *httptest.Server, hits *atomic.Int64) {
	canonical := site.URL + "/news/ferry-strike"
	ingestURL := func(u string) ingestURLResp {
		t.Helper()
		var resp ingestURLResp
		if err := e.client.Post(ingestURLMutation, &resp, client.Var("url", u)); err != nil {
			t.Fatalf("ingestURL %s: %v", u, err)
		}
		return resp
	}
	first := ingestURL(site.URL + "/s/42")
	a := first.IngestURL.Article
	if !first.IngestURL.Created || a.Title != "Ferry crews strike for a second day" || a.URL != canonical ||
		a.Outlet != "Harbour Times" || a.PublishedAt != "2026-11-30T07:45:00Z" {
		t.Fatalf("first ingest: %+v", first)
	}
	for _, p := range []string{"about 14,000 commuters", "240 crew members", "hired 6 buses", "not under this pressure"} {
		if !strings.Contains(a.Body, p) {
			t.Errorf("body lacks %q: %q", p, a.Body)
		}
	}
	for _, b := range []string{"cookies", "Subscribe today", "Share on Facebook", "Related stories", "Bridge tolls", "Stuck on the island"} {
		if strings.Contains(a.Body, b) {
			t.Errorf("body holds boilerplate %q: %q", b, a.Body)
		}
	}
	// The same story by other links is the same article.
	for _, link := range []string{canonical, canonical + "?utm_source=feed#comments", site.URL + "/amp/ferry-strike"} {
		again := ingestURL(link)
		if again.IngestURL.Created || again.IngestURL.Article.ID != a.ID {
			t.Errorf("ingest of %s: %+v, want the stored article %s", link, again, a.ID)
		}
	}
	if n := e.articleCount(t); n != 1 {
		t.Fatalf("%d articles stored for one story, want 1", n)
	}
	if hits.Load() != 4 {
		t.Errorf("story pages fetched %d times, want 4", hits.Load())
	}

	// Refusals: clear BAD_USER_INPUT messages, nothing stored.
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		t.Errorf("internal server reached: %s", r.URL)
	}))
	defer internal.Close()
	for u, msg := range map[string]string{
		"ftp://files.example/story":      "only http and https",
		"http://10.0.0.1/admin":          "10.0.0.1 is a private address",
		"http://169.254.169.254/latest/": "link-local",
		internal.URL + "/":               "127.0.0.1 is a loopback address",
		"http://localhost:1/":            "localhost resolves to a loopback address",
		site.URL + "/members/exclusive":  "asks crawlers not to fetch this page (robots.txt)",
		site.URL + "/empty":              "no article text was found",
		site.URL + "/missing":            "answered 404 Not Found",
		"not a url":                      "only http and https",
	} {
		_, errs := e.rawPost(t, ingestURLMutation, map[string]any{"url": u})
		wantCode(t, errs, "BAD_USER_INPUT", msg)
	}
	if n := e.articleCount(t); n != 1 {
		t.Fatalf("%d articles after refusals, want 1", n)
	}
}

func TestFetchAllowHostsFlag(t *testing.T) {
	t.Setenv("FACTGRAPH_FETCH_ALLOW_HOSTS", "wiki.corp, 10.0.0.5:8080")
	var c server.FetchConfig
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	c.RegisterFlags(fs)
	if got := strings.Join(c.AllowHosts, "|"); got != "wiki.corp|10.0.0.5:8080" {
		t.Fatalf("from the environment: %q", got)
	}
	if err := fs.Parse([]string{"-fetch-allow-hosts", "intranet.example,,127.0.0.1:9000"}); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.AllowHosts, "|"); got != "intranet.example|127.0.0.1:9000" {
		t.Fatalf("the flag wins: %q", got)
	}
}

// TestIngestURLNeedsEditor: ingestURL is a write, so under -auth writes a
// reader's key is refused before anything is fetched, and an editor's
// works.
func TestIngestURLNeedsEditor(t *testing.T) {
	site, hits := newsSite(t)
	e := newEnvWith(t, slog.New(slog.DiscardHandler), func(c *server.Config) {
		c.Auth = server.AuthConfig{Mode: "writes"}
		c.Fetch.AllowHosts = []string{site.Listener.Addr().String()}
		c.Fetch.PerHostInterval = -1
	})
	ae := &authEnv{store: e.store, handler: e.handler}
	reader, _ := ae.key(t, auth.RoleReader)
	editor, _ := ae.key(t, auth.RoleEditor)
	vars := map[string]any{"url": site.URL + "/news/ferry-strike"}
	if a := ae.post(t, "", ingestURLMutation, vars); a.code() != "UNAUTHENTICATED" {
		t.Fatalf("anonymous ingestURL: %d %s", a.status, a.body)
	}
	if a := ae.post(t, reader, ingestURLMutation, vars); a.code() != "FORBIDDEN" {
		t.Fatalf("reader ingestURL: %d %s", a.status, a.body)
	}
	if hits.Load() != 0 {
		t.Fatalf("a refused caller made the server fetch %d times", hits.Load())
	}
	if a := ae.post(t, editor, ingestURLMutation, vars); len(a.errors) > 0 || !strings.Contains(string(a.data), `"created":true`) {
		t.Fatalf("editor ingestURL: %d %s", a.status, a.body)
	}
}
