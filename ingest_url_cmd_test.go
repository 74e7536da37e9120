package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage/storagetest"
)

// TestIngestURLCommand ingests one story by two links (a short link that
// redirects, and the page itself): one article, stored under the page's
// canonical URL; a refused URL is reported and the run fails.
func TestIngestURLCommand(t *testing.T) {
	page, err := os.ReadFile("internal/extract/testdata/opengraph.html")
	if err != nil {
		t.Fatal(err)
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/farming/grain-harvest-falls":
			w.Header().Set("Content-Type", "text/html")
			_, _ = w.Write(page)
		case "/go/1":
			http.Redirect(w, r, "/farming/grain-harvest-falls?src=rss", http.StatusFound)
		default:
			http.NotFound(w, r)
		}
	}))
	defer site.Close()
	db := filepath.Join(t.TempDir(), "web.db")
	var out, errOut bytes.Buffer
	err = run(context.Background(), []string{"ingest-url", "-db", db, "-log-level", "warn",
		"-fetch-allow-hosts", site.Listener.Addr().String(),
		site.URL + "/go/1", site.URL + "/farming/grain-harvest-falls", "http://192.168.1.1/router"}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "1 of 3 URLs failed") {
		t.Fatalf("err %v, want 1 of 3 failed\nstdout %s\nstderr %s", err, out.String(), errOut.String())
	}
	canonical := site.URL + "/farming/grain-harvest-falls"
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.Contains(lines[0], "\t"+canonical+"\tcreated=true\tGrain harvest falls for second year") ||
		!strings.Contains(lines[1], "\t"+canonical+"\tcreated=false\t") {
		t.Fatalf("stdout %q", out.String())
	}
	if !strings.Contains(errOut.String(), "http://192.168.1.1/router: refused: 192.168.1.1 is a private address") {
		t.Fatalf("stderr %q", errOut.String())
	}
	store := storagetest.Open(t, db)
	page1, err := store.ListArticles(context.Background(), domain.ArticleFilter{}, domain.PageRequest{First: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(page1.Items) != 1 || *page1.Items[0].URL != canonical || *page1.Items[0].Outlet != "Valley Courier" {
		t.Fatalf("stored %+v", page1.Items)
	}
}

// TestServerFetchAllowHostsFlag runs the server as a process: without
// -fetch-allow-hosts a page on 127.0.0.1 is refused as a loopback
// address; with the flag naming it, ingestURL stores its article.
func TestServerFetchAllowHostsFlag(t *testing.T) {
	page, err := os.ReadFile("internal/extract/testdata/jsonld.html")
	if err != nil {
		t.Fatal(err)
	}
	site := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/city/bridge" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(page)
	}))
	defer site.Close()
	query, _ := json.Marshal(map[string]any{
		"query":     `mutation($u: String!) { ingestURL(url: $u) { created article { url title } } }`,
		"variables": map[string]any{"u": site.URL + "/city/bridge"},
	})
	post := func(p *serverProcess) string {
		t.Helper()
		resp, err := http.Post("http://"+p.addr+"/query", "application/json", bytes.NewReader(query))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return string(body)
	}
	dir := t.TempDir()
	closed := startServer(t, "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "a.db"), "-auth", "off")
	if got := post(closed); !strings.Contains(got, "127.0.0.1 is a loopback address") || !strings.Contains(got, "BAD_USER_INPUT") {
		t.Fatalf("without -fetch-allow-hosts: %s", got)
	}
	open := startServer(t, "-addr", "127.0.0.1:0", "-db", filepath.Join(dir, "b.db"), "-auth", "off",
		"-fetch-allow-hosts", "intranet.example,"+site.Listener.Addr().String())
	want := `{"data":{"ingestURL":{"created":true,"article":{"url":"` + site.URL + `/city/bridge","title":"Council approves river bridge budget"}}}`
	if got := post(open); !strings.HasPrefix(got, want) {
		t.Fatalf("with -fetch-allow-hosts: %s\nwant %s", got, want)
	}
}
