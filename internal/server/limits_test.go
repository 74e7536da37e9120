package server_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/factgraph/factgraph/graph"
	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/limits"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
)

// limitsEnv is the whole API over a temporary SQLite file, wrapped with
// WrapLimits, with the limits and store a test chooses.
type limitsEnv struct {
	handler http.Handler
	ingest  *ingest.Service
}

// newLimitsEnv builds the API with lc; wrap, when not nil, replaces the
// store the resolvers see.
func newLimitsEnv(t *testing.T, lc server.LimitsConfig, wrap func(graph.Store) graph.Store) *limitsEnv {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	store, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "factgraph.db"), log)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	var gs graph.Store = store
	if wrap != nil {
		gs = wrap(store)
	}
	broker := newBroker(t, store)
	svc := &ingest.Service{Store: gs, Analyzer: analysis.New(), Events: broker, Log: log}
	cfg := server.Config{Store: gs, Ingest: svc, Events: broker, Log: log, DB: store, Limits: lc}
	h, err := server.New(cfg)
	if err != nil {
		t.Fatalf("server.New: %v", err)
	}
	return &limitsEnv{handler: server.WrapLimits(cfg, h), ingest: svc}
}

// limitsResponse is a decoded GraphQL response with the cost report.
type limitsResponse struct {
	Data   json.RawMessage
	Errors []struct {
		Message    string
		Extensions map[string]any
	}
	Extensions struct {
		Cost *struct {
			Requested int
			Limit     *int
			Remaining *int
		}
	}
}

// code returns the extensions.code and message of the only error.
func (r limitsResponse) only(t *testing.T) (code, msg string) {
	t.Helper()
	if len(r.Errors) != 1 {
		t.Fatalf("want one error, got %+v", r.Errors)
	}
	c, _ := r.Errors[0].Extensions["code"].(string)
	return c, r.Errors[0].Message
}

func gqlBody(query string, vars map[string]any) []byte {
	b, err := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err != nil {
		panic(err)
	}
	return b
}

// post sends body to /query and decodes the answer, whatever its status.
func (e *limitsEnv) post(t *testing.T, body []byte) (*httptest.ResponseRecorder, limitsResponse) {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(string(body)))
	req.Header.Set("Content-Type", "application/json")
	e.handler.ServeHTTP(rec, req)
	var resp limitsResponse
	if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
		t.Fatalf("status %d, body %.300q: %v", rec.Code, rec.Body.String(), err)
	}
	return rec, resp
}

// nest returns a selection of `depth` fields alternating between two list
// fields, ending in leaf.
func nest(a, b, leaf string, depth int) string {
	var open, close strings.Builder
	for i := range depth {
		f := a
		if i%2 == 1 {
			f = b
		}
		open.WriteString(f + " { ")
		close.WriteString(" }")
	}
	return open.String() + leaf + close.String()
}

// TestLimitsRefuseAbusiveRequests sends one abusive request per limit
// through the real handler under the default limits, and checks that each
// is refused with a coded error that states the limit and the actual value,
// before any data is read.
func TestLimitsRefuseAbusiveRequests(t *testing.T) {
	e := newLimitsEnv(t, server.LimitsConfig{}, nil)
	e.ingest.Ingest(context.Background(), domain.NewArticle{Title: "Seed", Body: "Officials said 12 people were hurt."})

	aliases := make([]string, 31)
	for i := range aliases {
		aliases[i] = fmt.Sprintf("a%d: articles(first: 1) { totalCount }", i)
	}
	manyKeys := map[string]any{}
	for i := range 5000 {
		manyKeys[fmt.Sprintf("v%d", i)] = i
	}
	giant := make([]any, 5000)
	var deep any = 1
	for range 50 {
		deep = []any{deep}
	}
	tokens := func(n int) string { // a query of exactly n tokens
		return "{ articles { " + strings.Repeat("totalCount ", n-5) + "} }"
	}

	tests := []struct {
		name     string
		body     []byte
		status   int
		code     string
		msg      string
		wantCost int // when > 0, extensions.cost.requested
	}{
		{
			name: "depth",
			body: gqlBody("{ articles { edges { node { "+nest("claims", "articles", "id", 11)+" } } } }", nil),
			code: "QUERY_TOO_COMPLEX", msg: "query depth 15 exceeds the limit of 12",
		},
		{
			name: "depth through fragments",
			body: gqlBody(`{ articles { ...page } }
				fragment page on ArticleConnection { edges { node { claims { ...deep } } } }
				fragment deep on Claim { `+nest("articles", "claims", "id", 8)+` }`, nil),
			code: "QUERY_TOO_COMPLEX", msg: "query depth 13 exceeds the limit of 12",
		},
		{
			// Introspection has its own bound: fields, inputFields,
			// interfaces and possibleTypes nested more than three deep
			// walk the schema over and over.
			name: "introspection nested through fields",
			body: gqlBody(`{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }`, nil),
			code: "GRAPHQL_VALIDATION_FAILED", msg: "Maximum introspection depth exceeded",
		},
		{
			// A fragment on an introspection type spread through the data
			// is not valid, and is measured like any other selection.
			name: "introspection fragment spread through the data",
			body: gqlBody(`{ articles { edges { node { ...deep } } } }
				fragment deep on Article { `+nest("claims", "articles", "id", 10)+` }
				fragment ref on __Type { `+nest("ofType", "ofType", "name", 14)+` }`, nil),
			code: "QUERY_TOO_COMPLEX", msg: "query depth 14 exceeds the limit of 12",
		},
		{
			name: "cost",
			// 100 articles × 100 claims (an article's lists default to 100)
			// × 20 articles (a claim's to 20) × 100 claims × 1 field.
			body: gqlBody(`{ articles(first: 100) { edges { node { claims { articles { claims { id } } } } } } }`, nil),
			code: "QUERY_TOO_COMPLEX", msg: "query cost 20210202 exceeds the limit of 30000", wantCost: 20210202,
		},
		{
			name: "cost from a variable",
			body: gqlBody(`query($n: Int) { claims(first: $n) { edges { node { articles { claims { articles { title } } } } } } }`, map[string]any{"n": 100}),
			code: "QUERY_TOO_COMPLEX", msg: "query cost 4202202 exceeds the limit of 30000", wantCost: 4202202,
		},
		{
			name: "aliases",
			body: gqlBody("{ "+strings.Join(aliases, " ")+" }", nil),
			code: "QUERY_TOO_COMPLEX", msg: "number of aliases 31 exceeds the limit of 30",
		},
		{
			name: "fields",
			body: gqlBody("{ articles { "+strings.Repeat("totalCount ", 510)+"} }", nil),
			code: "QUERY_TOO_COMPLEX", msg: "number of fields 511 exceeds the limit of 500",
		},
		{
			name: "tokens",
			body: gqlBody(tokens(10001), nil),
			code: "QUERY_TOO_COMPLEX", msg: "query has 10001 tokens, which exceeds the limit of 10000",
		},
		{
			// At the token limit the parser accepts the text, so the next
			// limit speaks: the two token counts agree.
			name: "tokens at the limit",
			body: gqlBody(tokens(10000), nil),
			code: "QUERY_TOO_COMPLEX", msg: "number of fields 9996 exceeds the limit of 500",
		},
		{
			name: "variables with thousands of keys",
			body: gqlBody(`{ articles { totalCount } }`, manyKeys),
			code: "QUERY_TOO_COMPLEX", msg: "variables object has 5000 keys, which exceeds the limit of 50",
		},
		{
			name: "a giant list variable",
			body: gqlBody(`query($ids: [ID!]) { articles { totalCount } }`, map[string]any{"ids": giant}),
			code: "QUERY_TOO_COMPLEX", msg: "variables hold 5001 values, which exceeds the limit of 1000",
		},
		{
			name: "deeply nested lists",
			body: gqlBody(`{ articles { totalCount } }`, map[string]any{"x": deep}),
			code: "QUERY_TOO_COMPLEX", msg: "variables nest 50 levels deep, which exceeds the limit of 8",
		},
		{
			name:   "batched operations",
			body:   []byte(`[{"query":"{ articles { totalCount } }"},{"query":"{ claims { totalCount } }"}]`),
			status: http.StatusBadRequest, code: "BAD_USER_INPUT", msg: "batched operations are not supported",
		},
		{
			name:   "a request over 8 MiB",
			body:   gqlBody(`{ articles { totalCount } }`, map[string]any{"x": strings.Repeat("a", 9<<20)}),
			status: http.StatusRequestEntityTooLarge, code: "BAD_USER_INPUT", msg: "larger than 8 MiB",
		},
		{
			name: "a page over 100",
			body: gqlBody(`{ articles(first: 101) { totalCount } }`, nil),
			code: "BAD_USER_INPUT", msg: "at most 100",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			rec, resp := e.post(t, tt.body)
			if took := time.Since(start); took > 2*time.Second {
				t.Errorf("refused after %s; a refusal must be cheap", took)
			}
			want := tt.status
			if want == 0 {
				want = http.StatusOK
			}
			if rec.Code != want {
				t.Errorf("status %d, want %d", rec.Code, want)
			}
			code, msg := resp.only(t)
			if code != tt.code || !strings.Contains(msg, tt.msg) {
				t.Errorf("error %s %q, want %s %q", code, msg, tt.code, tt.msg)
			}
			if d := string(resp.Data); d != "" && d != "null" && tt.code == "QUERY_TOO_COMPLEX" {
				t.Errorf("refused operation returned data %s", d)
			}
			if tt.wantCost > 0 && (resp.Extensions.Cost == nil || resp.Extensions.Cost.Requested != tt.wantCost) {
				t.Errorf("extensions.cost = %+v, want requested %d", resp.Extensions.Cost, tt.wantCost)
			}
		})
	}
}

// TestLimitsAcceptLegitimateQueries shows that the defaults leave room for
// what clients really send: the README's queries and GraphiQL's deep
// introspection query.
func TestLimitsAcceptLegitimateQueries(t *testing.T) {
	e := newLimitsEnv(t, server.LimitsConfig{}, nil)
	// graphql-js' getIntrospectionQuery nests ofType nine levels deep, which
	// GraphQL Code Generator, Postman, Insomnia and Altair all send.
	typeRef := "kind name " + nest("ofType", "ofType", "kind name", 9)
	introspection := `query IntrospectionQuery { __schema {
		queryType { name } mutationType { name } subscriptionType { name }
		types { ...FullType }
		directives { name description locations isRepeatable args(includeDeprecated: true) { ...InputValue } } } }
	fragment FullType on __Type { kind name description specifiedByURL isOneOf
		fields(includeDeprecated: true) { name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
		inputFields(includeDeprecated: true) { ...InputValue }
		interfaces { ...TypeRef }
		enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
		possibleTypes { ...TypeRef } }
	fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue isDeprecated deprecationReason }
	fragment TypeRef on __Type { ` + typeRef + ` }`
	queries := []string{
		introspection,
		`{ figures(filter: { head: "migrant", minValue: 1000 }) { totalCount edges { node { text value source { name aliases } article { title } } } }
		   claims(first: 5) { edges { node { text status confirmedBy { name } deniedBy { name } history { from to } } } } }`,
		`{ articles(first: 3) { totalCount edges { node { title figures { text head } } } } }`,
		`{ articles(first: 5) { edges { node { statements { speakers { name } figures { text } } figures { source { name } } entities { name } claims { status } } } } }`,
	}
	for i, q := range queries {
		rec, resp := e.post(t, gqlBody(q, nil))
		if rec.Code != http.StatusOK || len(resp.Errors) > 0 {
			t.Errorf("query %d: status %d, errors %+v", i, rec.Code, resp.Errors)
		}
	}
}

// TestCostIsReported shows extensions.cost on every kind of response: an
// answered query, a mutation, and a refused operation.
func TestCostIsReported(t *testing.T) {
	e := newLimitsEnv(t, server.LimitsConfig{}, nil)
	ingestQ := `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { created article { id title } } }`
	tests := []struct {
		name      string
		body      []byte
		requested int
		remaining int
	}{
		{"mutation", gqlBody(ingestQ, map[string]any{"in": map[string]any{"title": "T", "body": "Officials said 3 ships sank."}}), 5, 29995},
		{"query", gqlBody(`{ articles(first: 5) { totalCount edges { node { title } } } }`, nil), 13, 29987},
		{"default page size", gqlBody(`{ articles { edges { node { title } } } }`, nil), 42, 29958},
		{"refused", gqlBody(`{ articles(first: 100) { edges { node { claims { articles { claims { id } } } } } } }`, nil), 20210202, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, resp := e.post(t, tt.body)
			c := resp.Extensions.Cost
			if c == nil || c.Limit == nil || c.Remaining == nil {
				t.Fatalf("extensions.cost = %+v", c)
			}
			if c.Requested != tt.requested || *c.Limit != limits.DefaultMaxComplexity || *c.Remaining != tt.remaining {
				t.Errorf("cost {%d %d %d}, want {%d %d %d}", c.Requested, *c.Limit, *c.Remaining, tt.requested, limits.DefaultMaxComplexity, tt.remaining)
			}
		})
	}
}

// fakeBudget allows `left` cost units in all.
type fakeBudget struct {
	mu    sync.Mutex
	left  int
	wait  time.Duration
	taken []int
}

func (b *fakeBudget) Take(ctx context.Context, cost int) (int, time.Duration, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.taken = append(b.taken, cost)
	if cost > b.left {
		return b.left, b.wait, false
	}
	b.left -= cost
	return b.left, 0, true
}

// TestRateLimit shows the budget charged with each operation's cost, the
// remaining budget reported, and an operation over budget refused with
// RATE_LIMITED, HTTP 429 and Retry-After in whole seconds.
func TestRateLimit(t *testing.T) {
	budget := &fakeBudget{left: 20, wait: 2500 * time.Millisecond}
	e := newLimitsEnv(t, server.LimitsConfig{Budget: budget}, nil)
	q := gqlBody(`{ articles(first: 5) { totalCount edges { node { title } } } }`, nil) // costs 13

	rec, resp := e.post(t, q)
	if rec.Code != http.StatusOK || len(resp.Errors) > 0 || rec.Header().Get("Retry-After") != "" {
		t.Fatalf("first: status %d, errors %+v, Retry-After %q", rec.Code, resp.Errors, rec.Header().Get("Retry-After"))
	}
	if c := resp.Extensions.Cost; c == nil || c.Requested != 13 || c.Remaining == nil || *c.Remaining != 7 {
		t.Errorf("first: extensions.cost %+v, want requested 13, remaining 7", c)
	}

	rec, resp = e.post(t, q)
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "3" {
		t.Errorf("second: status %d, Retry-After %q; want 429, 3", rec.Code, rec.Header().Get("Retry-After"))
	}
	code, msg := resp.only(t)
	if code != "RATE_LIMITED" || !strings.Contains(msg, "costs 13 and 7 is left") {
		t.Errorf("second: %s %q", code, msg)
	}
	if ra, _ := resp.Errors[0].Extensions["retryAfter"].(float64); ra != 3 {
		t.Errorf("extensions.retryAfter = %v, want 3", resp.Errors[0].Extensions["retryAfter"])
	}
	if c := resp.Extensions.Cost; c == nil || *c.Remaining != 7 {
		t.Errorf("second: extensions.cost %+v, want remaining 7", c)
	}

	// Refused for its size, an operation is never charged.
	e.post(t, gqlBody(`{ articles(first: 100) { edges { node { claims { articles { claims { id } } } } } } }`, nil))
	if fmt.Sprint(budget.taken) != "[13 13]" {
		t.Errorf("budget charged %v, want [13 13]", budget.taken)
	}
}

// stuckStore never answers a read or a write until released, and ignores
// its context: the worst resolver a timeout has to cope with.
type stuckStore struct {
	graph.Store
	release chan struct{}
}

func (s stuckStore) ListArticles(ctx context.Context, f domain.ArticleFilter, p domain.PageRequest) (domain.Page[*domain.Article], error) {
	<-s.release
	return s.Store.ListArticles(ctx, f, p)
}

func (s stuckStore) IngestArticle(ctx context.Context, in domain.NewArticle, analyze func(title, body string) domain.Analysis) (*domain.Article, bool, error) {
	<-s.release
	return s.Store.IngestArticle(ctx, in, analyze)
}

// TestRequestTimeout shows that a query or mutation that runs too long is
// answered on time with TIMEOUT, even when the resolver ignores its context.
func TestRequestTimeout(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	e := newLimitsEnv(t, server.LimitsConfig{Limits: limits.Limits{Timeout: 100 * time.Millisecond}},
		func(s graph.Store) graph.Store { return stuckStore{Store: s, release: release} })
	tests := []struct {
		name string
		body []byte
	}{
		{"query", gqlBody(`{ articles { totalCount } }`, nil)},
		{"mutation", gqlBody(`mutation { ingestArticle(input: {title: "T", body: "Officials said 4 ships sank."}) { created } }`, nil)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			rec, resp := e.post(t, tt.body)
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("answered after %s", took)
			}
			code, msg := resp.only(t)
			if rec.Code != http.StatusOK || code != "TIMEOUT" || !strings.Contains(msg, "within the limit of 100ms") {
				t.Errorf("status %d, error %s %q", rec.Code, code, msg)
			}
			if resp.Extensions.Cost == nil {
				t.Error("a timed-out response lacks extensions.cost")
			}
		})
	}
}

// TestTimeoutSparesSubscriptions shows a subscription outliving the request
// timeout many times over and still delivering events, each with its cost.
func TestTimeoutSparesSubscriptions(t *testing.T) {
	e := newLimitsEnv(t, server.LimitsConfig{Limits: limits.Limits{Timeout: 50 * time.Millisecond}}, nil)
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/query",
		strings.NewReader(string(gqlBody(`subscription { articleAnalyzed { id title } }`, nil))))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "text/event-stream")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	time.Sleep(300 * time.Millisecond) // six timeouts
	done := make(chan struct{})
	defer close(done)
	ingestUntil(done, func(i int) {
		_, _, _ = e.ingest.Ingest(context.Background(), domain.NewArticle{Title: fmt.Sprintf("Live %d", i), Body: "Officials said 7 ships arrived."})
	})
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		data, ok := strings.CutPrefix(sc.Text(), "data: ")
		if !ok {
			continue
		}
		var ev limitsResponse
		if err := json.Unmarshal([]byte(data), &ev); err != nil || len(ev.Errors) > 0 || !strings.Contains(string(ev.Data), "Live ") {
			t.Fatalf("event %s: %v", data, err)
		}
		if ev.Extensions.Cost == nil || ev.Extensions.Cost.Requested != 3 {
			t.Errorf("event extensions.cost = %+v, want requested 3", ev.Extensions.Cost)
		}
		return
	}
	t.Fatalf("stream ended without an event: %v", sc.Err())
}
