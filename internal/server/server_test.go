package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
)

// env is one running API over a real SQLite file.
type env struct {
	store   *storage.Store
	handler http.Handler
	client  *client.Client
}

func newEnv(t testing.TB, assets string) *env {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	return newEnvWith(t, log, func(c *server.Config) { c.PlaygroundAssets = assets })
}

// newEnvWith builds the whole API over a fresh SQLite file, wired as main
// wires it; edit may change the configuration before the handler is made.
func newEnvWith(t testing.TB, log *slog.Logger, edit func(*server.Config)) *env {
	t.Helper()
	store, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "factgraph.db"), log)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	return newEnvOn(t, store, log, edit)
}

// newEnvOn is newEnvWith over a store the test opened.
func newEnvOn(t testing.TB, store *storage.Store, log *slog.Logger, edit func(*server.Config)) *env {
	t.Helper()
	broker := newBroker(t, store)
	cfg := server.Config{
		Store:  store,
		Ingest: &ingest.Service{Store: store, Analyzer: analysis.New(), Events: broker, Log: log},
		Events: broker,
		Log:    log,
		DB:     store,
	}
	if edit != nil {
		edit(&cfg)
	}
	h, err := server.New(cfg)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	return &env{store: store, handler: h, client: client.New(h, client.Path("/query"))}
}

// newBroker follows the live event log of store until the test ends.
func newBroker(t testing.TB, store events.Log) *events.Broker {
	t.Helper()
	b, err := events.NewBroker(context.Background(), store, events.Options{})
	if err != nil {
		t.Fatalf("events.NewBroker: %v", err)
	}
	t.Cleanup(b.Close)
	return b
}

// testArticle is an article of testdata/articles.json.
type testArticle struct {
	Title       string  `json:"title"`
	Body        string  `json:"body"`
	URL         *string `json:"url"`
	Outlet      *string `json:"outlet"`
	PublishedAt *string `json:"publishedAt"`
}

func loadArticles(t testing.TB) []testArticle {
	t.Helper()
	data, err := os.ReadFile("testdata/articles.json")
	if err != nil {
		t.Fatal(err)
	}
	var arts []testArticle
	if err := json.Unmarshal(data, &arts); err != nil {
		t.Fatal(err)
	}
	return arts
}

func (a testArticle) input() map[string]any {
	return map[string]any{"title": a.Title, "body": a.Body, "url": a.URL, "outlet": a.Outlet, "publishedAt": a.PublishedAt}
}

const ingestMutation = `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { created article { id title } } }`

type ingestResp struct {
	IngestArticle struct {
		Created bool
		Article struct{ ID, Title string }
	}
}

func (e *env) ingest(t *testing.T, in map[string]any) ingestResp {
	t.Helper()
	var resp ingestResp
	if err := e.client.Post(ingestMutation, &resp, client.Var("in", in)); err != nil {
		t.Fatalf("ingest: %v", err)
	}
	return resp
}

// gqlError is one error of a raw GraphQL response.
type gqlError struct {
	Message    string
	Path       []any
	Extensions map[string]any
}

// rawPost sends a query and returns the errors (and data) without failing on
// them, for tests that expect errors.
func (e *env) rawPost(t *testing.T, query string, vars map[string]any) (json.RawMessage, []gqlError) {
	t.Helper()
	opts := []client.Option{}
	for k, v := range vars {
		opts = append(opts, client.Var(k, v))
	}
	resp, err := e.client.RawPost(query, opts...)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	var errs []gqlError
	if len(resp.Errors) > 0 {
		if err := json.Unmarshal(resp.Errors, &errs); err != nil {
			t.Fatalf("decode errors %s: %v", resp.Errors, err)
		}
	}
	data, _ := json.Marshal(resp.Data)
	return data, errs
}

func wantCode(t *testing.T, errs []gqlError, code, msgPart string) {
	t.Helper()
	if len(errs) == 0 {
		t.Fatalf("want a %s error containing %q, got none", code, msgPart)
	}
	for _, e := range errs {
		if e.Extensions["code"] == code && strings.Contains(e.Message, msgPart) {
			return
		}
	}
	t.Fatalf("want a %s error containing %q, got %+v", code, msgPart, errs)
}

func (e *env) articleCount(t *testing.T) int {
	t.Helper()
	var resp struct{ Articles struct{ TotalCount int } }
	e.client.MustPost(`{ articles { totalCount } }`, &resp)
	return resp.Articles.TotalCount
}

func TestIngestIsIdempotent(t *testing.T) {
	e := newEnv(t, "")
	a := loadArticles(t)[0]
	first := e.ingest(t, a.input())
	if !first.IngestArticle.Created || first.IngestArticle.Article.ID == "" {
		t.Fatalf("first ingest: %+v", first)
	}
	again := e.ingest(t, a.input())
	if again.IngestArticle.Created || again.IngestArticle.Article.ID != first.IngestArticle.Article.ID {
		t.Fatalf("second ingest by url: %+v, want created=false and id %s", again, first.IngestArticle.Article.ID)
	}
	// Without a url, the same title+body is the same article.
	noURL := map[string]any{"title": "Plain", "body": "Officials said 12 people were hurt."}
	x := e.ingest(t, noURL)
	y := e.ingest(t, noURL)
	if !x.IngestArticle.Created || y.IngestArticle.Created || x.IngestArticle.Article.ID != y.IngestArticle.Article.ID {
		t.Fatalf("ingest without url: %+v then %+v", x, y)
	}
	if n := e.articleCount(t); n != 2 {
		t.Fatalf("stored %d articles, want 2", n)
	}
}

func TestIngestReturnsAnalysis(t *testing.T) {
	e := newEnv(t, "")
	a := loadArticles(t)[0]
	var resp struct {
		IngestArticle struct {
			Article struct {
				ID         string
				Body       string
				IngestedAt string
				Statements []struct {
					Cue, Status, Text string
					Span              struct{ Start, End int }
					Speakers          []struct{ Name string }
				}
				Figures []struct {
					Text   string
					Value  float64
					Head   string
					Status string
					Span   struct{ Start, End int }
				}
				Entities []struct{ Name, Kind string }
				Claims   []struct{ Status string }
			}
		}
	}
	q := `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { article {
		id body ingestedAt
		statements { cue status text span { start end } speakers { name } }
		figures { text value head status span { start end } }
		entities { name kind }
		claims { status } } } }`
	e.client.MustPost(q, &resp, client.Var("in", a.input()))
	art := resp.IngestArticle.Article
	body := []rune(art.Body)
	if len(art.Figures) == 0 || len(art.Statements) == 0 || len(art.Entities) == 0 {
		t.Fatalf("analysis is empty: %+v", art)
	}
	for _, f := range art.Figures {
		if f.Span.Start < 0 || f.Span.End > len(body) || f.Span.Start >= f.Span.End {
			t.Fatalf("figure span %+v outside body of %d code points", f.Span, len(body))
		}
		if got := string(body[f.Span.Start:f.Span.End]); got != f.Text {
			t.Errorf("figure text %q but span covers %q", f.Text, got)
		}
	}
	found := false
	for _, f := range art.Figures {
		if f.Text == "4,200" && f.Value == 4200 && f.Head == "migrant" {
			found = true
		}
	}
	if !found {
		t.Errorf("no figure 4,200 migrants in %+v", art.Figures)
	}
	for _, s := range art.Statements {
		if got := string(body[s.Span.Start:s.Span.End]); got != s.Text {
			t.Errorf("statement text %q but span covers %q", s.Text, got)
		}
	}
}

func TestNodeResolvesEveryType(t *testing.T) {
	e := newEnv(t, "")
	all := entityIDs(t, e)
	ids := map[string]string{}
	for typ, list := range all {
		if len(list) == 0 {
			t.Fatalf("no %s stored", typ)
		}
		ids[typ] = list[0]
	}
	for typ, id := range ids {
		var got struct {
			Node struct {
				Typename string `json:"__typename"`
				ID       string
			}
		}
		e.client.MustPost(`query($id: ID!) { node(id: $id) { __typename id } }`, &got, client.Var("id", id))
		if got.Node.Typename != typ || got.Node.ID != id {
			t.Errorf("node(%s) = %+v, want %s", id, got.Node, typ)
		}
	}
	// A well-formed ID of nothing is null; a malformed one is the client's error.
	var missing struct{ Node *struct{ ID string } }
	e.client.MustPost(`{ node(id: "QXJ0aWNsZTo5OTk5") { id } }`, &missing)
	if missing.Node != nil {
		t.Errorf("node of a missing article = %+v, want null", missing.Node)
	}
	for _, bad := range []string{"not-an-id", "QmFuYW5hOjE", ""} {
		_, errs := e.rawPost(t, `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": bad})
		wantCode(t, errs, "BAD_USER_INPUT", "malformed id")
	}
	_, errs := e.rawPost(t, `query($id: ID!) { entity(id: $id) { id } }`, map[string]any{"id": ids["Article"]})
	wantCode(t, errs, "BAD_USER_INPUT", "is not a Entity id")
}

func TestBadInputIsRejectedAndNothingStored(t *testing.T) {
	e := newEnv(t, "")
	big := strings.Repeat("Officials said 5 people were hurt. ", (1<<20)/30)
	tests := []struct {
		name string
		in   map[string]any
		msg  string
	}{
		{"empty title", map[string]any{"title": "", "body": "Text."}, "title must not be empty"},
		{"blank body", map[string]any{"title": "T", "body": "  \n"}, "body must not be empty"},
		{"body over 1 MiB", map[string]any{"title": "T", "body": big}, "limit is 1048576 bytes"},
		{"bad publishedAt", map[string]any{"title": "T", "body": "Text.", "publishedAt": "yesterday"}, "not RFC 3339"},
		{"bad url", map[string]any{"title": "T", "body": "Text.", "url": "javascript:alert(1)"}, "absolute http"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := e.rawPost(t, ingestMutation, map[string]any{"in": tt.in})
			wantCode(t, errs, "BAD_USER_INPUT", tt.msg)
		})
	}
	t.Run("not JSON", func(t *testing.T) {
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{"query": `))
		req.Header.Set("Content-Type", "application/json")
		e.handler.ServeHTTP(rec, req)
		var resp struct{ Errors []gqlError }
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatalf("decode %q: %v", rec.Body.String(), err)
		}
		wantCode(t, resp.Errors, "BAD_USER_INPUT", "request body is not valid JSON: unexpected end of JSON input at byte 10")
	})
	t.Run("invalid UTF-8", func(t *testing.T) {
		body := []byte(`{"query":"mutation { ingestArticle(input: {title: \"T\", body: \"bad ` + "\xff\xfe" + `\"}) { created } }"}`)
		rec := httptest.NewRecorder()
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(string(body)))
		req.Header.Set("Content-Type", "application/json")
		e.handler.ServeHTTP(rec, req)
		var resp struct{ Errors []gqlError }
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatalf("decode %q: %v", rec.Body.String(), err)
		}
		if rec.Code != http.StatusBadRequest {
			t.Errorf("status %d, want 400", rec.Code)
		}
		wantCode(t, resp.Errors, "BAD_USER_INPUT", "not valid UTF-8")
	})
	if n := e.articleCount(t); n != 0 {
		t.Fatalf("bad input stored %d articles", n)
	}
}

func TestPagination(t *testing.T) {
	e := newEnv(t, "")
	for i := range 25 {
		e.ingest(t, map[string]any{"title": fmt.Sprintf("Report %d", i), "body": fmt.Sprintf("Officials said %d people attended the meeting.", i+10)})
	}
	type page struct {
		Articles struct {
			TotalCount int
			Edges      []struct {
				Cursor string
				Node   struct{ Title string }
			}
			PageInfo struct {
				HasNextPage, HasPreviousPage bool
				StartCursor, EndCursor       *string
			}
		}
	}
	q := `query($first: Int, $after: String) { articles(first: $first, after: $after) { totalCount edges { cursor node { title } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`
	var p1 page
	e.client.MustPost(q, &p1)
	if p1.Articles.TotalCount != 25 || len(p1.Articles.Edges) != 20 || !p1.Articles.PageInfo.HasNextPage || p1.Articles.PageInfo.HasPreviousPage {
		t.Fatalf("first page: total %d, %d edges, info %+v", p1.Articles.TotalCount, len(p1.Articles.Edges), p1.Articles.PageInfo)
	}
	if p1.Articles.Edges[0].Node.Title != "Report 24" {
		t.Errorf("newest first: got %q first", p1.Articles.Edges[0].Node.Title)
	}
	var p2 page
	e.client.MustPost(q, &p2, client.Var("after", *p1.Articles.PageInfo.EndCursor), client.Var("first", 10))
	if len(p2.Articles.Edges) != 5 || p2.Articles.PageInfo.HasNextPage || !p2.Articles.PageInfo.HasPreviousPage {
		t.Fatalf("second page: %d edges, info %+v", len(p2.Articles.Edges), p2.Articles.PageInfo)
	}
	seen := map[string]bool{}
	for _, ed := range append(p1.Articles.Edges, p2.Articles.Edges...) {
		if seen[ed.Node.Title] {
			t.Errorf("%q on two pages", ed.Node.Title)
		}
		seen[ed.Node.Title] = true
	}
	_, errs := e.rawPost(t, q, map[string]any{"first": 101})
	wantCode(t, errs, "BAD_USER_INPUT", "at most 100")
	_, errs = e.rawPost(t, q, map[string]any{"first": -1})
	wantCode(t, errs, "BAD_USER_INPUT", "must not be negative")
	_, errs = e.rawPost(t, q, map[string]any{"after": "bm9wZQ"})
	wantCode(t, errs, "BAD_USER_INPUT", "not a cursor of this list")
	// A cursor of one list is refused by another.
	var claims struct {
		Claims struct{ PageInfo struct{ EndCursor *string } }
	}
	e.client.MustPost(`{ claims(first: 1) { pageInfo { endCursor } } }`, &claims)
	if c := claims.Claims.PageInfo.EndCursor; c != nil {
		_, errs = e.rawPost(t, q, map[string]any{"after": *c})
		wantCode(t, errs, "BAD_USER_INPUT", "not a cursor of this list")
	}
}
