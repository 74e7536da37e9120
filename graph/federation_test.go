package graph

import (
	"context"
	"errors"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/loader"
	"github.com/factgraph/factgraph/schema"
)

func TestSubgraphSDL(t *testing.T) {
	sdl, err := SubgraphSDL()
	if err != nil {
		t.Fatal(err)
	}
	doc, perr := parser.ParseSchema(&ast.Source{Name: "sdl", Input: sdl})
	if perr != nil {
		t.Fatalf("SDL does not parse: %v\n%s", perr, sdl)
	}

	// The @link that imports the federation spec, and nothing else on the schema.
	if len(doc.SchemaExtension) != 1 || len(doc.Schema) != 0 {
		t.Fatalf("want one `extend schema`, got %d extensions and %d definitions", len(doc.SchemaExtension), len(doc.Schema))
	}
	link := doc.SchemaExtension[0].Directives.ForName("link")
	if link == nil {
		t.Fatal("no @link on the schema")
	}
	if url := link.Arguments.ForName("url"); url == nil || url.Value.Raw != "https://specs.apollo.dev/federation/v2.7" {
		t.Fatalf("@link url = %v", url)
	}
	var imports []string
	if imp := link.Arguments.ForName("import"); imp != nil {
		for _, c := range imp.Value.Children {
			imports = append(imports, c.Value.Raw)
		}
	}
	for _, want := range []string{"@key", "FieldSet"} {
		if !slices.Contains(imports, want) {
			t.Errorf("@link imports %v, want %s among them", imports, want)
		}
	}

	// Every entity type carries @key(fields: "id").
	for _, typ := range entityTypes {
		def := doc.Definitions.ForName(typ)
		if def == nil {
			t.Errorf("type %s missing", typ)
			continue
		}
		key := def.Directives.ForName("key")
		if key == nil || key.Arguments.ForName("fields") == nil || key.Arguments.ForName("fields").Value.Raw != "id" {
			t.Errorf("type %s has no @key(fields: \"id\"): %v", typ, def.Directives)
		}
	}

	// No protocol types or fields, and no definitions that the linked spec supplies.
	if len(doc.Directives) != 0 {
		t.Errorf("SDL defines directives %v; the @link supplies them", doc.Directives)
	}
	for _, list := range []ast.DefinitionList{doc.Definitions, doc.Extensions} {
		for _, def := range list {
			if slices.Contains(protocolTypes, def.Name) || slices.Contains(linkedDefinitions, def.Name) {
				t.Errorf("SDL holds type %s", def.Name)
			}
			for _, f := range def.Fields {
				if strings.HasPrefix(f.Name, "_") {
					t.Errorf("SDL holds field %s.%s", def.Name, f.Name)
				}
			}
		}
	}

	// Everything else of the served schema is there: the SDL, with the
	// federation definitions added back, loads into the same API.
	fed, err := fs.ReadFile(schema.FS, "federation.graphqls")
	if err != nil {
		t.Fatal(err)
	}
	withDefs, gerr := gqlparser.LoadSchema(
		&ast.Source{Name: "sdl", Input: sdl},
		&ast.Source{Name: "federation.graphqls", Input: string(fed)},
	)
	if gerr != nil {
		t.Fatalf("SDL with the federation definitions does not load: %v", gerr)
	}
	served := NewExecutableSchema(Config{}).Schema()
	for name, def := range served.Types {
		got := withDefs.Types[name]
		if got == nil {
			t.Errorf("type %s is served but missing from the SDL", name)
			continue
		}
		for _, f := range def.Fields {
			if got.Fields.ForName(f.Name) == nil {
				t.Errorf("field %s.%s is served but missing from the SDL", name, f.Name)
			}
		}
	}
}

func TestSubgraphSDLNeedsSchemaFiles(t *testing.T) {
	if _, err := subgraphSDL(fakeFS{}); err == nil {
		t.Fatal("no error for an empty schema folder")
	}
}

// fakeFS is an empty file system.
type fakeFS struct{}

func (fakeFS) Open(string) (fs.File, error) { return nil, fs.ErrNotExist }

// countingSource answers the by-ID batches from fixed rows and counts the
// batches per type; every other read is unused here.
type countingSource struct {
	loader.Source
	mu      sync.Mutex
	batches map[string]int
	fail    bool
}

func (s *countingSource) count(typ string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches[typ]++
}

// byIDs returns an object for every ID up to 100, nil above.
func byIDs[T any](s *countingSource, typ string, ids []int64, newT func(int64) *T) ([]*T, []error) {
	s.count(typ)
	if s.fail {
		return nil, []error{errors.New("database is locked")}
	}
	out := make([]*T, len(ids))
	for i, id := range ids {
		if id <= 100 {
			out[i] = newT(id)
		}
	}
	return out, nil
}

func (s *countingSource) ArticlesByIDs(_ context.Context, ids []int64) ([]*domain.Article, []error) {
	return byIDs(s, typeArticle, ids, func(id int64) *domain.Article { return &domain.Article{ID: id} })
}

func (s *countingSource) EntitiesByIDs(_ context.Context, ids []int64) ([]*domain.Entity, []error) {
	return byIDs(s, typeEntity, ids, func(id int64) *domain.Entity { return &domain.Entity{ID: id} })
}

func (s *countingSource) StatementsByIDs(_ context.Context, ids []int64) ([]*domain.Statement, []error) {
	return byIDs(s, typeStatement, ids, func(id int64) *domain.Statement { return &domain.Statement{ID: id} })
}

func (s *countingSource) FiguresByIDs(_ context.Context, ids []int64) ([]*domain.Figure, []error) {
	return byIDs(s, typeFigure, ids, func(id int64) *domain.Figure { return &domain.Figure{ID: id} })
}

func (s *countingSource) ClaimsByIDs(_ context.Context, ids []int64) ([]*domain.Claim, []error) {
	return byIDs(s, typeClaim, ids, func(id int64) *domain.Claim { return &domain.Claim{ID: id} })
}

func (s *countingSource) SeriesByIDs(_ context.Context, ids []int64) ([]*domain.FigureSeries, []error) {
	return byIDs(s, typeSeries, ids, func(id int64) *domain.FigureSeries { return &domain.FigureSeries{ID: id} })
}

func rep(typ string, id int64) map[string]any {
	return map[string]any{"__typename": typ, "id": globalID(typ, id)}
}

func TestResolveEntitiesAlignsAndBatches(t *testing.T) {
	src := &countingSource{batches: map[string]int{}}
	ctx := loader.With(context.Background(), loader.New(src))
	reps := []map[string]any{
		rep(typeFigure, 3),
		rep(typeArticle, 7),
		rep(typeClaim, 1),
		rep(typeArticle, 999), // well-formed, but nothing has it
		rep(typeEntity, 2),
		rep(typeStatement, 5),
		rep(typeArticle, 7), // the same entity twice
		{"__typename": "Banana", "id": globalID(typeArticle, 1)},
		{"__typename": typeArticle, "id": "not-an-id"},
		{"__typename": typeEntity, "id": globalID(typeArticle, 1)},
		{"id": globalID(typeArticle, 1)},
		{"__typename": typeArticle, "id": 7},
	}
	for i := range 40 {
		reps = append(reps, rep(typeArticle, int64(10+i)))
	}
	reps = append(reps, rep(typeSeries, 4))
	out, errs := resolveEntities(ctx, reps)
	if len(out) != len(reps) {
		t.Fatalf("%d results for %d representations", len(out), len(reps))
	}
	check := func(i int, ok bool, what string) {
		t.Helper()
		if !ok {
			t.Errorf("position %d: got %#v, want %s", i, out[i], what)
		}
	}
	f, _ := out[0].(*domain.Figure)
	check(0, f != nil && f.ID == 3, "figure 3")
	a, _ := out[1].(*domain.Article)
	check(1, a != nil && a.ID == 7, "article 7")
	c, _ := out[2].(*domain.Claim)
	check(2, c != nil && c.ID == 1, "claim 1")
	check(3, out[3] == nil, "nil (missing)")
	e, _ := out[4].(*domain.Entity)
	check(4, e != nil && e.ID == 2, "entity 2")
	s, _ := out[5].(*domain.Statement)
	check(5, s != nil && s.ID == 5, "statement 5")
	a2, _ := out[6].(*domain.Article)
	check(6, a2 != nil && a2.ID == 7, "article 7 again")
	for i := 7; i < 12; i++ {
		check(i, out[i] == nil, "nil (bad representation)")
	}
	for i := 12; i < len(reps)-1; i++ {
		a, _ := out[i].(*domain.Article)
		check(i, a != nil && a.ID == int64(10+i-12), "article")
	}
	fs, _ := out[len(reps)-1].(*domain.FigureSeries)
	check(len(reps)-1, fs != nil && fs.ID == 4, "series 4")

	wantErrs := map[int]string{
		7:  `unknown __typename "Banana"`,
		8:  "malformed id",
		9:  "is not a Entity id",
		10: "has no __typename",
		11: "has no id string",
	}
	if len(errs) != len(wantErrs) {
		t.Errorf("errors %v, want %d", errs, len(wantErrs))
	}
	for _, e := range errs {
		var de *domain.Error
		if !errors.As(e.err, &de) || de.Code != domain.EINVALID || !strings.Contains(de.Message, wantErrs[e.index]) {
			t.Errorf("error at %d = %v, want EINVALID %q", e.index, e.err, wantErrs[e.index])
		}
	}

	for _, typ := range entityTypes {
		if src.batches[typ] != 1 {
			t.Errorf("%d batches of %s, want 1", src.batches[typ], typ)
		}
	}
}

func TestResolveEntitiesReportsFailedBatches(t *testing.T) {
	src := &countingSource{batches: map[string]int{}, fail: true}
	ctx := loader.With(context.Background(), loader.New(src))
	out, errs := resolveEntities(ctx, []map[string]any{rep(typeArticle, 1), rep(typeClaim, 2)})
	if out[0] != nil || out[1] != nil {
		t.Errorf("results %v, want nil for failed loads", out)
	}
	if len(errs) != 2 || errs[0].index != 0 || errs[1].index != 1 {
		t.Fatalf("errors %v, want one per position", errs)
	}
	for _, e := range errs {
		if domain.ErrorCode(e.err) != domain.EINTERNAL || !strings.Contains(e.err.Error(), "database is locked") {
			t.Errorf("error %v, want the internal load error", e.err)
		}
	}
}
