package server_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"gorm.io/gorm"

	"github.com/factgraph/factgraph/graph"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/server"
)

// countSQL counts every statement GORM sends to the database.
func countSQL(t *testing.T, db *gorm.DB) *atomic.Int64 {
	var n atomic.Int64
	inc := func(d *gorm.DB) {
		n.Add(1)
		t.Logf("SQL: %.160s", d.Statement.SQL.String())
	}
	cb := db.Callback()
	_ = cb.Query().After("gorm:query").Register("test:count", inc)
	_ = cb.Row().After("gorm:row").Register("test:count", inc)
	_ = cb.Raw().After("gorm:raw").Register("test:count", inc)
	_ = cb.Create().After("gorm:create").Register("test:count", inc)
	_ = cb.Update().After("gorm:update").Register("test:count", inc)
	_ = cb.Delete().After("gorm:delete").Register("test:count", inc)
	return &n
}

// TestRelationsAreBatched proves the dataloaders work: a deep query over N
// articles runs a small number of SQL statements, the same for 5 and 50.
func TestRelationsAreBatched(t *testing.T) {
	e := newEnv(t, "")
	arts := loadArticles(t)
	for i := range 50 {
		a := arts[i%len(arts)]
		in := a.input()
		in["url"] = fmt.Sprintf("https://news.example/batch/%d", i)
		e.ingest(t, in)
	}
	n := countSQL(t, e.store.DB())
	// The nested lists ask for a share each that keeps 50 articles within
	// the default cost limit, which charges every list at its first.
	q := `query($first: Int) { articles(first: $first) { edges { node {
		statements(first: 20) { speakers(first: 3) { name } figures(first: 3) { text } }
		figures(first: 20) { source { name } }
		entities(first: 20) { name }
		claims(first: 20) { status } } } } }`
	run := func(first int) int64 {
		n.Store(0)
		var resp struct {
			Articles struct {
				Edges []struct {
					Node struct {
						Statements []struct {
							Speakers []struct{ Name string }
							Figures  []struct{ Text string }
						}
						Figures  []struct{ Source *struct{ Name string } }
						Entities []struct{ Name string }
						Claims   []struct{ Status string }
					}
				}
			}
		}
		e.client.MustPost(q, &resp, client.Var("first", first))
		if len(resp.Articles.Edges) != first {
			t.Fatalf("first: %d returned %d articles", first, len(resp.Articles.Edges))
		}
		var statements, figures int
		for _, ed := range resp.Articles.Edges {
			statements += len(ed.Node.Statements)
			figures += len(ed.Node.Figures)
		}
		if statements == 0 || figures == 0 {
			t.Fatalf("articles came back with %d statements and %d figures", statements, figures)
		}
		return n.Load()
	}
	small, large := run(5), run(50)
	t.Logf("SQL statements: first 5 → %d, first 50 → %d", small, large)
	if large > 10 || small != large {
		t.Fatalf("SQL statements: first 5 → %d, first 50 → %d; want equal and at most 10", small, large)
	}
}

// failingStore breaks every read, to show what a client sees of an outage.
type failingStore struct {
	graph.Store
	panics bool
}

func (f failingStore) ListArticles(context.Context, domain.ArticleFilter, domain.PageRequest) (domain.Page[*domain.Article], error) {
	if f.panics {
		panic("index out of range in storage")
	}
	return domain.Page[*domain.Article]{}, fmt.Errorf("query articles: %w", errors.New("pq: password authentication failed for user factgraph at 10.0.0.7"))
}

func TestInternalErrorsDoNotLeak(t *testing.T) {
	for _, panics := range []bool{false, true} {
		t.Run(fmt.Sprintf("panics=%t", panics), func(t *testing.T) {
			base := newEnv(t, "")
			var logged strings.Builder
			log := slog.New(slog.NewTextHandler(&logged, nil))
			store := failingStore{Store: base.store, panics: panics}
			h, err := server.New(server.Config{
				Store: store, Ingest: &ingest.Service{Store: store, Log: log}, Events: newBroker(t, base.store), Log: log, DB: base.store,
			})
			if err != nil {
				t.Fatal(err)
			}
			resp, err := client.New(h, client.Path("/query")).RawPost(`{ articles { totalCount } }`)
			if err != nil {
				t.Fatal(err)
			}
			got := string(resp.Errors)
			if !strings.Contains(got, `"INTERNAL"`) || !strings.Contains(got, "internal error") {
				t.Fatalf("errors %s, want INTERNAL", got)
			}
			secrets := []string{"password", "10.0.0.7"}
			if panics {
				secrets = []string{"index out of range"}
			}
			for _, secret := range secrets {
				if strings.Contains(got, secret) {
					t.Errorf("client saw %q: %s", secret, got)
				}
				if !strings.Contains(logged.String(), secret) {
					t.Errorf("log lacks %q: %s", secret, logged.String())
				}
			}
		})
	}
}

func TestPlayground(t *testing.T) {
	get := func(h http.Handler, path string) (int, string) {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		return rec.Code, rec.Body.String()
	}
	t.Run("cdn", func(t *testing.T) {
		e := newEnv(t, "")
		code, body := get(e.handler, "/")
		if code != http.StatusOK || !strings.Contains(body, "graphiql@4.1.2") || !strings.Contains(body, "/query") {
			t.Fatalf("GET /: %d %.300s", code, body)
		}
	})
	t.Run("local assets", func(t *testing.T) {
		dir := t.TempDir()
		files := map[string]string{
			"node_modules/graphiql/graphiql.min.js":                  "/* graphiql */",
			"node_modules/graphiql/graphiql.min.css":                 "/* css */",
			"node_modules/react/umd/react.production.min.js":         "/* react */",
			"node_modules/react-dom/umd/react-dom.production.min.js": "/* react-dom */",
			"node_modules/secret.txt":                                "not served",
		}
		for name, content := range files {
			p := filepath.Join(dir, name)
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		e := newEnv(t, dir)
		code, body := get(e.handler, "/")
		if code != http.StatusOK || strings.Contains(body, "cdn.jsdelivr.net") || !strings.Contains(body, "/playground-assets/graphiql/graphiql.min.js") {
			t.Fatalf("GET / with assets: %d %.500s", code, body)
		}
		if code, body := get(e.handler, "/playground-assets/react/umd/react.production.min.js"); code != 200 || body != "/* react */" {
			t.Fatalf("asset: %d %q", code, body)
		}
		if code, _ := get(e.handler, "/playground-assets/secret.txt"); code != http.StatusNotFound {
			t.Fatalf("other files must not be served, got %d", code)
		}
	})
	t.Run("missing assets fail at start", func(t *testing.T) {
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		_, err := server.New(server.Config{Log: log, PlaygroundAssets: t.TempDir()})
		if err == nil || !strings.Contains(err.Error(), "graphiql") {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestHealth(t *testing.T) {
	e := newEnv(t, "")
	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ready"} {
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != 200 || !strings.Contains(rec.Body.String(), want) {
			t.Errorf("%s: %d %q", path, rec.Code, rec.Body.String())
		}
	}
	e.store.Close()
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
	if rec.Code != http.StatusServiceUnavailable {
		t.Errorf("/readyz with the database closed: %d", rec.Code)
	}
}

// TestSchemaIsDocumented keeps the promise that every type, field, argument
// and enum value of the public schema has a description.
func TestSchemaIsDocumented(t *testing.T) {
	files, err := filepath.Glob("../../schema/*.graphqls")
	if err != nil || len(files) == 0 {
		t.Fatalf("no schema files: %v", err)
	}
	var sources []*ast.Source
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: f, Input: string(data)})
	}
	schema, gerr := gqlparser.LoadSchema(sources...)
	if gerr != nil {
		t.Fatal(gerr)
	}
	for name, def := range schema.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		if strings.TrimSpace(def.Description) == "" {
			t.Errorf("type %s has no description", name)
		}
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") {
				continue
			}
			if strings.TrimSpace(f.Description) == "" {
				t.Errorf("field %s.%s has no description", name, f.Name)
			}
		}
		for _, v := range def.EnumValues {
			if strings.TrimSpace(v.Description) == "" {
				t.Errorf("enum value %s.%s has no description", name, v.Name)
			}
		}
	}
}

// deepArticlePage is the page a story view asks for: articles with their
// statements, each statement's speakers, figures and sources as written
// with their entities, and the articles' figures with their sources and
// entities.
const deepArticlePage = `query($first: Int) { articles(first: $first) { edges { node { id title
	statements(first: 20) { text status speakers(first: 5) { name } figures(first: 5) { text value }
		sourceMentions(first: 5) { text entity { name } } }
	figures(first: 20) { text value source { name } } entities(first: 20) { name kind } } } } }`

// TestDeepPageStatements holds the deep page to at most 8 SQL statements
// whatever its size: every nested list is read per article in one wave,
// and every entity the page shows comes from its article's entity list.
func TestDeepPageStatements(t *testing.T) {
	e := newEnvWith(t, slog.New(slog.DiscardHandler), func(c *server.Config) {
		c.Limits.MaxComplexity, c.Limits.MaxResponseBytes = -1, -1
	})
	arts := loadArticles(t)
	for i := range 100 {
		in := arts[i%len(arts)].input()
		in["url"] = fmt.Sprintf("https://news.example/deep/%d", i)
		e.ingest(t, in)
	}
	n := countSQL(t, e.store.DB())
	for _, first := range []int{1, 10, 100} {
		n.Store(0)
		data, errs := e.rawPost(t, deepArticlePage, map[string]any{"first": first})
		got := n.Load()
		if len(errs) > 0 {
			t.Fatalf("first: %d: %v", first, errs)
		}
		if articles := strings.Count(string(data), `"title":`); articles != first {
			t.Fatalf("first: %d returned %d articles", first, articles)
		}
		// Every source mention selects its entity: count those found.
		mentions := strings.Count(string(data), `"entity":`)
		resolved := mentions - strings.Count(string(data), `"entity":null`)
		if mentions == 0 || resolved == 0 {
			t.Fatalf("first: %d: %d source mentions, %d with an entity", first, mentions, resolved)
		}
		t.Logf("first %d: %d SQL statements, %d source mentions", first, got, mentions)
		if got > 8 {
			t.Errorf("deep page of %d articles: %d SQL statements, want at most 8", first, got)
		}
	}
}
