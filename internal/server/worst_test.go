package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/factgraph/factgraph/graph"
	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/limits"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
)

// The worst queries the default limits let through, run against a store in
// which every list is longer than its cap: each claim has more articles
// than any `first` may ask for, each article bears on many claims, every
// figure of the fixture falls in one series. Whatever the shape, the cost
// limit must bound what the server holds and how long it works.

const (
	denseArticles   = 120 // above MaxListSize, so every claim list is full
	denseStatements = 24  // statements (and claims) per article
	heapCeiling     = 256 << 20
)

// denseStore fills a SQLite file through the real ingest write, with an
// analysis made up so that the relations fan out as far as they can.
func denseStore(t *testing.T, log *slog.Logger) *storage.Store {
	t.Helper()
	store, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "dense.db"), log)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	names := []string{"Alba Ministry", "Boreal Agency", "Carta Group", "Delta Police", "Esker Council", "Fjord Union"}
	for i := range denseArticles {
		var body strings.Builder
		an := domain.Analysis{}
		for _, n := range names {
			an.Entities = append(an.Entities, domain.FoundEntity{Name: n, Kind: domain.KindOrganization})
		}
		for k := range denseStatements {
			start := body.Len()
			sentence := fmt.Sprintf("%s said that %d troops were sent to the border region in article %d, clause %d of a long report. ",
				names[k%len(names)], 1000+k, i, k)
			body.WriteString(sentence)
			speaker := k % len(names)
			an.Entities[speaker].Mentions = append(an.Entities[speaker].Mentions, domain.Span{Start: start, End: start + len(names[speaker])})
			cue := start + len(names[speaker]) + 1
			an.Statements = append(an.Statements, domain.FoundStatement{
				Speakers: []int{speaker, (speaker + 1) % len(names)}, Cue: "said", CueSpan: domain.Span{Start: cue, End: cue + 4},
				Status: []domain.Status{domain.Claimed, domain.Confirmed, domain.Denied}[k%3],
				Text:   sentence, Span: domain.Span{Start: start, End: start + len(sentence) - 1},
				ClaimKey: fmt.Sprintf("troops sent %d", k), ClaimText: fmt.Sprintf("Troops were sent (%d)", k),
			})
			num := fmt.Sprint(1000 + k)
			at := start + strings.Index(sentence, num)
			an.Figures = append(an.Figures, domain.FoundFigure{Text: num, Value: float64(1000 + k), Subject: "troops", Head: "troop",
				Source: speaker, Statement: k, Status: domain.Claimed, Span: domain.Span{Start: at, End: at + len(num)}, SeriesKey: "troop|border"})
		}
		url := fmt.Sprintf("https://dense.example/%d", i)
		pub := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)
		in := domain.NewArticle{Title: fmt.Sprintf("Report %d", i), Body: body.String(), URL: &url, PublishedAt: &pub}
		if _, _, err := store.IngestArticle(context.Background(), in, func(string, string) domain.Analysis { return an }); err != nil {
			t.Fatalf("ingest %d: %v", i, err)
		}
	}
	return store
}

// denseHandler is the whole API over store (base, or base wrapped), with
// limits l.
func denseHandler(t *testing.T, store graph.Store, base *storage.Store, log *slog.Logger, l limits.Limits) http.Handler {
	t.Helper()
	broker := newBroker(t, base)
	cfg := server.Config{
		Store: store, Ingest: &ingest.Service{Store: store, Analyzer: analysis.New(), Events: broker, Log: log},
		Events: broker, Log: log, DB: base, Limits: server.LimitsConfig{Limits: l},
	}
	h, err := server.New(cfg)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	return h
}

// hop is one step of a path through the schema: a field and, for a list
// that takes first, how many items it asks for.
type hop struct {
	field string
	list  bool
	first int
}

// path is a query through the relations: a root connection, then hops.
type path struct {
	root string
	hops []hop
	leaf string // the selection at the end
	cost int    // the server's estimate, once filled
}

func (p path) query() string {
	var b strings.Builder
	fmt.Fprintf(&b, "{ %s(first: %d) { edges { node { ", p.root, p.hops[0].first)
	for _, h := range p.hops[1:] {
		if h.list {
			fmt.Fprintf(&b, "%s(first: %d) { ", h.field, h.first)
		} else {
			fmt.Fprintf(&b, "%s { ", h.field)
		}
	}
	b.WriteString(p.leaf)
	b.WriteString(strings.Repeat(" }", len(p.hops)-1))
	b.WriteString(" } } } }")
	return b.String()
}

// worstPaths searches the schema for the queries that do the most work
// within the default limits: every path of relations from a root
// connection down to the depth limit (lists, and the single references
// that lead on to more lists), each list asking for as many items as the
// cost limit leaves. It returns, per root and leaf type, the path with the
// most list levels, and the fullest ones across all.
func worstPaths(t *testing.T, schema *ast.Schema) []path {
	t.Helper()
	roots := map[string]string{"articles": "Article", "claims": "Claim", "figures": "Figure", "series": "FigureSeries", "entities": "Entity"}
	var found []path
	// node fields sit at depth 4 (root, edges, node, field).
	var walk func(p path, typ string, depth int)
	walk = func(p path, typ string, depth int) {
		def := schema.Types[typ]
		extended := false
		if depth < limits.DefaultMaxDepth {
			for _, f := range def.Fields {
				ft := schema.Types[f.Type.Name()]
				if strings.HasPrefix(f.Name, "__") || ft == nil || ft.Kind != ast.Object {
					continue
				}
				isList := f.Type.Elem != nil
				if !isList && len(p.hops) > 1 && !p.hops[len(p.hops)-1].list {
					continue // two single references in a row lead nowhere new
				}
				next := path{root: p.root, hops: append(append([]hop{}, p.hops...), hop{field: f.Name, list: isList && f.Arguments.ForName("first") != nil, first: 1})}
				walk(next, ft.Name, depth+1)
				extended = true
			}
		}
		if !extended && len(p.hops) > 1 {
			p.leaf = leafFields(def)
			found = append(found, p)
		}
	}
	for root, typ := range roots {
		walk(path{root: root, hops: []hop{{field: root, list: true, first: 1}}}, typ, 4)
	}
	if len(found) == 0 {
		t.Fatal("no paths found")
	}
	for i := range found {
		fill(t, schema, &found[i])
	}
	// The most list levels first, then the highest cost.
	lists := func(p path) int {
		n := 0
		for _, h := range p.hops {
			if h.list && h.first > 1 {
				n++
			}
		}
		return n
	}
	// Of each root, the two with the most list levels; of each selection
	// at the end (an Article's body is the most text), the costliest.
	var picked []path
	sort.SliceStable(found, func(i, j int) bool { return lists(found[i]) > lists(found[j]) })
	perRoot := map[string]int{}
	for _, p := range found {
		if perRoot[p.root] < 2 {
			perRoot[p.root]++
			picked = append(picked, p)
		}
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].cost > found[j].cost })
	seen := map[string]bool{}
	for _, p := range found {
		if !seen[p.leaf] {
			seen[p.leaf] = true
			picked = append(picked, p)
		}
	}
	t.Logf("searched %d paths through the schema, running %d", len(found), len(picked))
	return picked
}

// leafFields selects every scalar of def: the most text an object gives.
func leafFields(def *ast.Definition) string {
	var names []string
	for _, f := range def.Fields {
		if !strings.HasPrefix(f.Name, "__") && f.Type.NamedType != "" && len(f.Arguments) == 0 {
			switch f.Type.Name() {
			case "String", "ID", "Int", "Float", "Boolean", "Time", "ConfirmationStatus", "EntityKind":
				names = append(names, f.Name)
			}
		}
	}
	if len(names) == 0 {
		return "__typename"
	}
	return strings.Join(names, " ")
}

// fill sets each list's first, innermost first, to the most the cost
// limit allows with every list outside it asking for one item.
func fill(t *testing.T, schema *ast.Schema, p *path) {
	t.Helper()
	for i := len(p.hops) - 1; i >= 0; i-- {
		if !p.hops[i].list {
			continue
		}
		// The cost is affine in one list's first: two measures give it.
		p.hops[i].first = 0
		base := measure(t, schema, p.query()).Cost
		p.hops[i].first = 1
		per := measure(t, schema, p.query()).Cost - base
		p.hops[i].first = 1
		if per > 0 {
			p.hops[i].first = max(1, min(limits.MaxListSize, (limits.DefaultMaxComplexity-base)/per))
		}
	}
	p.cost = measure(t, schema, p.query()).Cost
}

// measure is the server's own estimate of q. Validation is left out (the
// paths are made from the schema) since the search measures tens of
// thousands of queries; the picked ones are validated when they run.
func measure(t *testing.T, schema *ast.Schema, q string) limits.Measurement {
	t.Helper()
	doc, err := parser.ParseQuery(&ast.Source{Input: q})
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return limits.Measure(schema, doc.Operations[0], nil)
}

// peakHeap samples the heap until stop is closed and returns its highest
// reading.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		var peak uint64
		var ms runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapAlloc)
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

func postQuery(t *testing.T, url, q string) (int, []byte, time.Duration) {
	t.Helper()
	start := time.Now()
	resp, err := http.Post(url+"/query", "application/json", strings.NewReader(string(gqlBody(q, nil))))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body, time.Since(start)
}

// TestCostBoundsRealWork holds the bounds on what one request can make the
// server do, over one store in which every list is longer than its cap.
func TestCostBoundsRealWork(t *testing.T) {
	if testing.Short() {
		t.Skip("fills a store with a few thousand statements; skipped with -short")
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store := denseStore(t, log)
	t.Run("worst allowed queries", func(t *testing.T) { worstAllowedQueries(t, store, log) })
	t.Run("timeout stops the work", func(t *testing.T) { timeoutStopsTheWork(t, store) })
	t.Run("response text is bounded", func(t *testing.T) { responseTextIsBounded(t, store, log) })
}

// worstAllowedQueries runs the heaviest queries the default limits accept,
// found by searching the schema, and the query that used to take the
// server past 4 GB. Each must stay under 256 MB of heap and answer within
// the request timeout.
func worstAllowedQueries(t *testing.T, store *storage.Store, log *slog.Logger) {
	srv := httptest.NewServer(denseHandler(t, store, store, log, limits.Limits{}))
	defer srv.Close()
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()

	paths := worstPaths(t, schema)
	// The shape that used to take the server past 4 GB (claims, their
	// articles, their claims, their articles), as full as the limit
	// allows, with all of each article's text.
	fanout := path{root: "claims", leaf: leafFields(schema.Types["Article"]), hops: []hop{
		{field: "claims", list: true, first: 1}, {field: "articles", list: true, first: 1},
		{field: "claims", list: true, first: 1}, {field: "articles", list: true, first: 1}}}
	fill(t, schema, &fanout)
	queries := []string{
		// The query as it was sent: charged 18,906 then, refused now.
		`{ claims(first: 17) { edges { node { articles { claims { articles { id } } } } } } }`,
		fanout.query(),
	}
	for _, p := range paths {
		queries = append(queries, p.query())
	}
	for _, q := range queries {
		runtime.GC()
		stop := make(chan struct{})
		peak := peakHeap(stop)
		code, body, took := postQuery(t, srv.URL, q)
		close(stop)
		heap := <-peak
		var resp limitsResponse
		if err := json.Unmarshal(body, &resp); err != nil {
			t.Fatalf("%s: %v: %.200s", q, err, body)
		}
		cost := 0
		if resp.Extensions.Cost != nil {
			cost = resp.Extensions.Cost.Requested
		}
		t.Logf("cost %6d  heap %4d MB  %6.0f ms  %7d bytes  errors %d  %s", cost, heap>>20, took.Seconds()*1000, len(body), len(resp.Errors), q)
		if heap > heapCeiling {
			t.Errorf("peak heap %d MB, want under %d MB: %s", heap>>20, heapCeiling>>20, q)
		}
		if took > limits.DefaultTimeout {
			t.Errorf("took %s, over the %s timeout: %s", took, limits.DefaultTimeout, q)
		}
		if code != http.StatusOK {
			t.Errorf("status %d: %s", code, q)
		}
		if cost > limits.DefaultMaxComplexity {
			if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "QUERY_TOO_COMPLEX" {
				t.Errorf("over the limit but not refused: %.300s", body)
			}
			continue
		}
		if len(resp.Errors) > 0 {
			t.Errorf("errors: %.300s: %s", body, q)
		}
	}
	if len(queries) < 5 {
		t.Fatalf("only %d queries", len(queries))
	}
}

// slowStore makes every batch read take a while, as a loaded database
// would, and counts the reads that start.
type slowStore struct {
	*storage.Store
	reads atomic.Int64
}

func (s *slowStore) wait(ctx context.Context) error {
	s.reads.Add(1)
	select {
	case <-time.After(800 * time.Millisecond):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *slowStore) ArticlesByClaim(ctx context.Context, ids []int64, limit int) ([][]*domain.Article, []error) {
	if err := s.wait(ctx); err != nil {
		return nil, []error{err}
	}
	return s.Store.ArticlesByClaim(ctx, ids, limit)
}

func (s *slowStore) ClaimsByArticle(ctx context.Context, ids []int64) ([][]*domain.Claim, []error) {
	if err := s.wait(ctx); err != nil {
		return nil, []error{err}
	}
	return s.Store.ClaimsByArticle(ctx, ids)
}

// timeoutStopsTheWork shows that at the time limit the client is answered
// within 10% of it, the abandoned run stops reading the database at once,
// and the whole failure is one log line.
func timeoutStopsTheWork(t *testing.T, dense *storage.Store) {
	store := &slowStore{Store: dense}
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelWarn}))
	const timeout = time.Second
	srv := httptest.NewServer(denseHandler(t, store, store.Store, log, limits.Limits{Timeout: timeout}))
	defer srv.Close()

	// The loaders batch each level into one read, and serve repeated keys
	// from their cache: the levels still make a few slow reads one after
	// another, far longer than the timeout in all.
	q := `{ claims(first: 2) { edges { node { articles(first: 2) { claims(first: 2) { articles(first: 2) { claims(first: 2) {
		articles(first: 2) { claims(first: 2) { articles(first: 2) { claims(first: 2) { id } } } } } } } } } } } }`
	code, body, took := postQuery(t, srv.URL, q)
	if code != http.StatusOK || !strings.Contains(string(body), `"TIMEOUT"`) {
		t.Fatalf("status %d after %s and %d reads: %.300s, want a TIMEOUT error", code, took, store.reads.Load(), body)
	}
	if took > timeout+timeout/10 {
		t.Errorf("answered after %s, want within 10%% of the %s timeout", took, timeout)
	}
	// The abandoned run must stop reading within a moment.
	time.Sleep(100 * time.Millisecond)
	before := store.reads.Load()
	time.Sleep(300 * time.Millisecond)
	if after := store.reads.Load(); after != before {
		t.Errorf("the abandoned run went on reading: %d reads started after the timeout", after-before)
	}
	if recs := logs.records(t); len(recs) != 1 || recs[0]["msg"] != "request timed out" {
		t.Errorf("log has %d lines, want one that says the request timed out: %.2000v", len(recs), recs)
	}
}

// responseTextIsBounded shows the bound on bytes that the cost cannot see:
// article bodies, each up to 1 MiB, are charged one field each.
func responseTextIsBounded(t *testing.T, store *storage.Store, log *slog.Logger) {
	srv := httptest.NewServer(denseHandler(t, store, store, log, limits.Limits{MaxResponseBytes: 200 << 10}))
	defer srv.Close()
	q := `{ claims(first: 2) { edges { node { articles(first: 100) { body } } } } }`
	_, body, _ := postQuery(t, srv.URL, q)
	var resp limitsResponse
	if err := json.Unmarshal(body, &resp); err != nil {
		t.Fatal(err)
	}
	if len(resp.Errors) != 1 || resp.Errors[0].Extensions["code"] != "QUERY_TOO_COMPLEX" ||
		!strings.Contains(resp.Errors[0].Message, "204800 bytes of text") || len(body) > 4096 {
		t.Errorf("response of %d bytes: %.500s; want one QUERY_TOO_COMPLEX error about the text", len(body), body)
	}
	// Under the bound the same bodies come back.
	_, body, _ = postQuery(t, srv.URL, `{ claims(first: 1) { edges { node { articles(first: 5) { body } } } } }`)
	var small limitsResponse
	if err := json.Unmarshal(body, &small); err != nil || len(small.Errors) > 0 || !strings.Contains(string(body), "troops were sent") {
		t.Errorf("small response: %v %.300s", err, body)
	}
}
