package server_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func TestFederationService(t *testing.T) {
	e := newEnv(t, "")
	var resp struct {
		Service struct{ SDL string } `json:"_service"`
	}
	e.client.MustPost(`{ _service { sdl } }`, &resp)
	sdl := resp.Service.SDL
	doc, err := parser.ParseSchema(&ast.Source{Name: "sdl", Input: sdl})
	if err != nil {
		t.Fatalf("sdl does not parse: %v", err)
	}
	if !strings.HasPrefix(sdl, `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7"`) {
		t.Errorf("sdl starts %.120q, want the federation @link", sdl)
	}
	for _, typ := range []string{"Article", "Claim", "Entity", "Figure", "Statement"} {
		if !strings.Contains(sdl, "type "+typ+` implements Node @key(fields: "id")`) {
			t.Errorf("sdl lacks @key on %s", typ)
		}
	}
	for _, typ := range []string{"Query", "Mutation", "Subscription", "ArticleConnection", "IngestArticleInput", "ConfirmationStatus", "Time"} {
		if doc.Definitions.ForName(typ) == nil {
			t.Errorf("sdl lacks %s", typ)
		}
	}
	for _, gone := range []string{"_entities", "_service", "_Any", "_Entity", "_Service", "directive @"} {
		if strings.Contains(sdl, gone) {
			t.Errorf("sdl holds %q", gone)
		}
	}
}

// entityIDs ingests the test articles and returns, per type, the global IDs
// of some objects of that type.
func entityIDs(t *testing.T, e *env) map[string][]string {
	t.Helper()
	for _, a := range loadArticles(t) {
		e.ingest(t, a.input())
	}
	var resp struct {
		Articles struct {
			Edges []struct {
				Node struct {
					ID         string
					Statements []struct{ ID string }
					Figures    []struct{ ID string }
					Entities   []struct{ ID string }
					Claims     []struct{ ID string }
				}
			}
		}
	}
	e.client.MustPost(`{ articles { edges { node { id statements { id } figures { id } entities { id } claims { id } } } } }`, &resp)
	ids := map[string][]string{}
	for _, ed := range resp.Articles.Edges {
		n := ed.Node
		ids["Article"] = append(ids["Article"], n.ID)
		for typ, list := range map[string][]struct{ ID string }{"Statement": n.Statements, "Figure": n.Figures, "Entity": n.Entities, "Claim": n.Claims} {
			for _, x := range list {
				ids[typ] = append(ids[typ], x.ID)
			}
		}
	}
	for _, typ := range []string{"Article", "Claim", "Entity", "Figure", "Statement"} {
		if len(ids[typ]) < 2 {
			t.Fatalf("test articles yield %d %s objects, want 2", len(ids[typ]), typ)
		}
	}
	return ids
}

const entitiesQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) {
	__typename
	... on Article { id title }
	... on Claim { id text }
	... on Entity { id name }
	... on Figure { id text }
	... on Statement { id cue }
} }`

// entityResult is one position of an _entities answer.
type entityResult struct {
	Typename string `json:"__typename"`
	ID       string
	Title    string
	Text     string
	Name     string
	Cue      string
}

func reps(pairs ...string) []map[string]any {
	out := []map[string]any{}
	for i := 0; i < len(pairs); i += 2 {
		out = append(out, map[string]any{"__typename": pairs[i], "id": pairs[i+1]})
	}
	return out
}

// missingID is the well-formed global ID of an article that does not exist.
var missingID = base64.RawURLEncoding.EncodeToString([]byte("Article:999999"))

func TestFederationEntities(t *testing.T) {
	e := newEnv(t, "")
	ids := entityIDs(t, e)
	in := reps(
		"Figure", ids["Figure"][1],
		"Article", ids["Article"][0],
		"Statement", ids["Statement"][0],
		"Article", missingID,
		"Entity", ids["Entity"][1],
		"Claim", ids["Claim"][0],
		"Article", ids["Article"][1],
		"Figure", ids["Figure"][0],
		"Entity", ids["Entity"][1],
	)
	var resp struct {
		Entities []*entityResult `json:"_entities"`
	}
	e.client.MustPost(entitiesQuery, &resp, client.Var("reps", in))
	if len(resp.Entities) != len(in) {
		t.Fatalf("%d results for %d representations", len(resp.Entities), len(in))
	}
	for i, r := range in {
		got := resp.Entities[i]
		if r["id"] == missingID {
			if got != nil {
				t.Errorf("position %d: %+v, want null for an id of nothing", i, got)
			}
			continue
		}
		if got == nil || got.Typename != r["__typename"] || got.ID != r["id"] {
			t.Errorf("position %d: %+v, want %s %s", i, got, r["__typename"], r["id"])
			continue
		}
		if got.Title+got.Text+got.Name+got.Cue == "" {
			t.Errorf("position %d: %+v has no fields", i, got)
		}
	}
}

func TestFederationEntitiesAreBatched(t *testing.T) {
	e := newEnv(t, "")
	arts := loadArticles(t)
	var articleIDs []string
	for i := range 50 {
		in := arts[i%len(arts)].input()
		in["url"] = fmt.Sprintf("https://news.example/federation/%d", i)
		articleIDs = append(articleIDs, e.ingest(t, in).IngestArticle.Article.ID)
	}
	ids := entityIDs(t, e)
	n := countSQL(t, e.store.DB())
	run := func(in []map[string]any) int64 {
		t.Helper()
		n.Store(0)
		var resp struct {
			Entities []*entityResult `json:"_entities"`
		}
		e.client.MustPost(entitiesQuery, &resp, client.Var("reps", in))
		for i, r := range resp.Entities {
			if r == nil || r.ID != in[i]["id"] {
				t.Fatalf("position %d: %+v, want %s", i, r, in[i]["id"])
			}
		}
		return n.Load()
	}
	var two, fifty []string
	for i, id := range articleIDs {
		if i < 2 {
			two = append(two, "Article", id)
		}
		fifty = append(fifty, "Article", id)
	}
	small, large := run(reps(two...)), run(reps(fifty...))
	t.Logf("SQL statements: 2 articles → %d, 50 articles → %d", small, large)
	if small != large || large > 2 {
		t.Errorf("SQL statements: 2 articles → %d, 50 articles → %d; want equal and at most 2", small, large)
	}

	// Several types, interleaved: one batch per type, so the same
	// statements for two objects of each type as for many.
	mixed := func(per int) []map[string]any {
		var pairs []string
		for i := range per {
			for _, typ := range []string{"Statement", "Article", "Figure", "Claim", "Entity"} {
				pairs = append(pairs, typ, ids[typ][i%len(ids[typ])])
			}
		}
		return reps(pairs...)
	}
	small, large = run(mixed(2)), run(mixed(20))
	t.Logf("SQL statements: 2 of each type → %d, 20 of each type → %d", small, large)
	if small != large || large > 10 {
		t.Errorf("SQL statements: 2 of each type → %d, 20 of each type → %d; want equal and at most 10", small, large)
	}
}

func TestFederationEntitiesBadInput(t *testing.T) {
	e := newEnv(t, "")
	ids := entityIDs(t, e)
	in := []map[string]any{
		{"__typename": "Article", "id": ids["Article"][0]},
		{"__typename": "Banana", "id": ids["Article"][0]},
		{"__typename": "Article", "id": "not-an-id"},
		{"__typename": "Entity", "id": ids["Article"][0]},
		{"id": ids["Article"][0]},
		{"__typename": "Claim"},
		{"__typename": "Claim", "id": ids["Claim"][0]},
	}
	data, errs := e.rawPost(t, entitiesQuery, map[string]any{"reps": in})
	var resp struct {
		Entities []*entityResult `json:"_entities"`
	}
	if err := json.Unmarshal(data, &resp); err != nil {
		t.Fatalf("decode %s: %v", data, err)
	}
	if len(resp.Entities) != len(in) {
		t.Fatalf("data %s, want %d positions", data, len(in))
	}
	if r := resp.Entities[0]; r == nil || r.ID != ids["Article"][0] {
		t.Errorf("good article beside bad representations: %+v", r)
	}
	if r := resp.Entities[6]; r == nil || r.ID != ids["Claim"][0] {
		t.Errorf("good claim beside bad representations: %+v", r)
	}
	want := map[int]string{
		1: `unknown __typename "Banana"`,
		2: "malformed id",
		3: "is not a Entity id",
		4: "has no __typename",
		5: "has no id string",
	}
	for i, msg := range want {
		if resp.Entities[i] != nil {
			t.Errorf("position %d: %+v, want null", i, resp.Entities[i])
		}
		var found bool
		for _, err := range errs {
			if len(err.Path) == 2 && err.Path[0] == "_entities" && err.Path[1] == float64(i) {
				found = true
				if err.Extensions["code"] != "BAD_USER_INPUT" || !strings.Contains(err.Message, msg) {
					t.Errorf("error at %d: %+v, want BAD_USER_INPUT %q", i, err, msg)
				}
			}
		}
		if !found {
			t.Errorf("no error with path [_entities %d] in %+v", i, errs)
		}
	}
	if len(errs) != len(want) {
		t.Errorf("%d errors, want %d: %+v", len(errs), len(want), errs)
	}

	// A representation that is not an object is refused before anything runs.
	_, errs = e.rawPost(t, entitiesQuery, map[string]any{"reps": []any{"Article"}})
	wantCode(t, errs, "BAD_USER_INPUT", "must be an object")
}
