package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	collectortrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/factgraph/factgraph/internal/observe"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
)

// syncBuffer is a log sink safe for the handler's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// records returns the JSON log records written so far.
func (b *syncBuffer) records(t *testing.T) []map[string]any {
	t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(b.buf.String()), "\n") {
		if line == "" {
			continue
		}
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("log line %q: %v", line, err)
		}
		out = append(out, rec)
	}
	return out
}

// observedEnv is the full API like newEnv's, with the observability
// wiring main does: one Metrics shared with the ingest service and a
// logger wrapped by observe.LogHandler writing JSON to logs.
type observedEnv struct {
	*env
	metrics *observe.Metrics
	logs    *syncBuffer
}

func newObservedEnv(t *testing.T, opts observe.MetricsOptions) *observedEnv {
	t.Helper()
	logs := &syncBuffer{}
	log := slog.New(observe.LogHandler(slog.NewJSONHandler(logs, nil)))
	metrics := observe.NewMetrics(opts)
	e := newEnvWith(t, log, func(c *server.Config) {
		c.Ingest.Observer = metrics
		c.Observe = server.ObserveConfig{Metrics: metrics}
	})
	return &observedEnv{env: e, metrics: metrics, logs: logs}
}

// scrape reads /metrics through the whole handler, as Prometheus would.
func scrape(t *testing.T, h http.Handler) map[string]*dto.MetricFamily {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusOK {
		t.Fatalf("GET /metrics: %d %s", rec.Code, rec.Body)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/plain") {
		t.Fatalf("GET /metrics Content-Type %q", ct)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := parser.TextToMetricFamilies(rec.Body)
	if err != nil {
		t.Fatalf("parse metrics: %v", err)
	}
	return fams
}

// sample finds the series of family name with exactly labels, or nil.
func sample(fams map[string]*dto.MetricFamily, name string, labels map[string]string) *dto.Metric {
	f := fams[name]
	if f == nil {
		return nil
	}
	for _, m := range f.GetMetric() {
		if len(m.GetLabel()) != len(labels) {
			continue
		}
		match := true
		for _, lp := range m.GetLabel() {
			if v, ok := labels[lp.GetName()]; !ok || v != lp.GetValue() {
				match = false
				break
			}
		}
		if match {
			return m
		}
	}
	return nil
}

// value is the value of a counter or gauge series, or the sample count of a
// histogram; -1 when the series is missing.
func value(fams map[string]*dto.MetricFamily, name string, labels map[string]string) float64 {
	m := sample(fams, name, labels)
	switch {
	case m == nil:
		return -1
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	case m.Histogram != nil:
		return float64(m.Histogram.GetSampleCount())
	case m.Untyped != nil:
		return m.Untyped.GetValue()
	}
	return -1
}

func wantValue(t *testing.T, fams map[string]*dto.MetricFamily, name string, labels map[string]string, want float64) {
	t.Helper()
	if got := value(fams, name, labels); got != want {
		var series []string
		if f := fams[name]; f != nil {
			for _, m := range f.GetMetric() {
				series = append(series, m.String())
			}
		}
		t.Errorf("%s%v = %v, want %v; series:\n%s", name, labels, got, want, strings.Join(series, "\n"))
	}
}

func ops(op, typ, outcome, code string) map[string]string {
	return map[string]string{"operation": op, "type": typ, "outcome": outcome, "code": code}
}

func TestMetricsCountQueriesErrorsAndIngest(t *testing.T) {
	e := newObservedEnv(t, observe.MetricsOptions{})
	art := loadArticles(t)[0]
	e.ingest(t, art.input()) // an anonymous mutation that analyses one body

	var count struct{ Articles struct{ TotalCount int } }
	for range 2 {
		e.client.MustPost(`query ArticleCount { articles { totalCount } }`, &count)
	}
	_, errs := e.rawPost(t, `query BadNode { node(id: "not-an-id") { id } }`, nil)
	wantCode(t, errs, "BAD_USER_INPUT", "malformed id")
	// A query that does not parse, sent raw: its HTTP status is the
	// transport's business, the metric must count it either way.
	bad := httptest.NewRecorder()
	badReq := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{"query": "{ articles {"}`))
	badReq.Header.Set("Content-Type", "application/json")
	e.handler.ServeHTTP(bad, badReq)
	if !strings.Contains(bad.Body.String(), "GRAPHQL_PARSE_FAILED") {
		t.Fatalf("a query that does not parse: %d %s", bad.Code, bad.Body.String())
	}
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))

	fams := scrape(t, e.handler)
	const requests = "factgraph_graphql_requests_total"
	wantValue(t, fams, requests, ops("ArticleCount", "query", "ok", "none"), 2)
	wantValue(t, fams, requests, ops("BadNode", "query", "error", "BAD_USER_INPUT"), 1)
	wantValue(t, fams, requests, ops("anonymous", "mutation", "ok", "none"), 1)
	wantValue(t, fams, requests, ops("unknown", "unknown", "error", "GRAPHQL_PARSE_FAILED"), 1)
	if n := len(fams[requests].GetMetric()); n != 4 {
		t.Errorf("%d series of %s, want 4", n, requests)
	}

	const gqlLatency = "factgraph_graphql_request_duration_seconds"
	wantValue(t, fams, gqlLatency, map[string]string{"operation": "ArticleCount", "type": "query"}, 2)
	wantValue(t, fams, gqlLatency, map[string]string{"operation": "anonymous", "type": "mutation"}, 1)
	if h := sample(fams, gqlLatency, map[string]string{"operation": "ArticleCount", "type": "query"}); h.GetHistogram().GetSampleSum() <= 0 {
		t.Errorf("ArticleCount latency sum %v, want > 0", h.GetHistogram().GetSampleSum())
	}

	const httpLatency = "factgraph_http_request_duration_seconds"
	// ingest, 2 × ArticleCount, BadNode (200 with errors), and the parse
	// error, whose status depends on the response media type.
	if got := value(fams, httpLatency, map[string]string{"route": "/query", "method": "POST", "status": "2xx"}); got < 4 {
		t.Errorf("%s of POST /query 2xx = %v, want at least 4", httpLatency, got)
	}
	var queries uint64
	for _, m := range fams[httpLatency].GetMetric() {
		labels := map[string]string{}
		for _, lp := range m.GetLabel() {
			labels[lp.GetName()] = lp.GetValue()
		}
		if labels["route"] == "/query" && labels["method"] == "POST" {
			queries += m.GetHistogram().GetSampleCount()
		}
	}
	if queries != 5 {
		t.Errorf("%s counts %d POST /query, want 5", httpLatency, queries)
	}
	wantValue(t, fams, httpLatency, map[string]string{"route": "/healthz", "method": "GET", "status": "2xx"}, 1)

	wantValue(t, fams, "factgraph_analysis_duration_seconds", nil, 1)
	wantValue(t, fams, "factgraph_analysis_bytes_total", nil, float64(len(art.Body)))

	// The pool of the SQLite store (4 connections), the Go runtime and the process.
	wantValue(t, fams, "go_sql_max_open_connections", map[string]string{"db_name": "factgraph"}, 4)
	for _, name := range []string{"go_goroutines", "go_memstats_alloc_bytes", "process_cpu_seconds_total", "process_open_fds"} {
		if fams[name] == nil {
			t.Errorf("no %s in the scrape", name)
		}
	}
	// Only this server's registry: nothing registered globally leaks in.
	for name := range fams {
		if !strings.HasPrefix(name, "factgraph_") && !strings.HasPrefix(name, "go_") &&
			!strings.HasPrefix(name, "process_") && !strings.HasPrefix(name, "promhttp_") {
			t.Errorf("unexpected family %s", name)
		}
	}
}

func TestMetricsWithoutConfiguration(t *testing.T) {
	// The zero ObserveConfig (as newEnv builds it) still serves a
	// per-handler registry with GraphQL and HTTP metrics.
	e := newEnv(t, "")
	e.articleCount(t)
	fams := scrape(t, e.handler)
	wantValue(t, fams, "factgraph_graphql_requests_total", ops("anonymous", "query", "ok", "none"), 1)
	wantValue(t, fams, "factgraph_http_request_duration_seconds", map[string]string{"route": "/query", "method": "POST", "status": "2xx"}, 1)
	wantValue(t, fams, "go_sql_max_open_connections", map[string]string{"db_name": "factgraph"}, 4)
	// Two handlers never share series.
	other := newEnv(t, "")
	wantValue(t, scrape(t, other.handler), "factgraph_graphql_requests_total", ops("anonymous", "query", "ok", "none"), -1)
}

func TestMetricsCapOperationNames(t *testing.T) {
	e := newObservedEnv(t, observe.MetricsOptions{MaxOperationNames: 2})
	var count struct{ Articles struct{ TotalCount int } }
	for _, name := range []string{"First", "Second", "Third", "Fourth", "First"} {
		e.client.MustPost(`query `+name+` { articles { totalCount } }`, &count)
	}
	e.client.MustPost(`{ articles { totalCount } }`, &count)
	fams := scrape(t, e.handler)
	const requests = "factgraph_graphql_requests_total"
	wantValue(t, fams, requests, ops("First", "query", "ok", "none"), 2)
	wantValue(t, fams, requests, ops("Second", "query", "ok", "none"), 1)
	wantValue(t, fams, requests, ops("other", "query", "ok", "none"), 2)
	wantValue(t, fams, requests, ops("anonymous", "query", "ok", "none"), 1) // unnamed is never capped
	wantValue(t, fams, requests, ops("Third", "query", "ok", "none"), -1)
}

// waitFor scrapes until cond holds or five seconds pass.
func waitFor(t *testing.T, h http.Handler, what string, cond func(map[string]*dto.MetricFamily) bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		fams := scrape(t, h)
		if cond(fams) {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func TestMetricsTrackLiveSubscriptions(t *testing.T) {
	e := newObservedEnv(t, observe.MetricsOptions{})
	active := map[string]string{"transport": "websocket"}
	sub := e.client.Websocket(`subscription Live { articleAnalyzed { id } }`)
	waitFor(t, e.handler, "one open subscription", func(f map[string]*dto.MetricFamily) bool {
		return value(f, "factgraph_graphql_subscriptions_active", active) == 1
	})
	e.ingest(t, map[string]any{"title": "Live", "body": "Officials said 7 ships arrived."})
	var ev struct{ ArticleAnalyzed struct{ ID string } }
	if err := sub.Next(&ev); err != nil || ev.ArticleAnalyzed.ID == "" {
		t.Fatalf("event %+v: %v", ev, err)
	}
	if err := sub.Close(); err != nil {
		t.Fatalf("close: %v", err)
	}
	waitFor(t, e.handler, "the subscription to end", func(f map[string]*dto.MetricFamily) bool {
		return value(f, "factgraph_graphql_subscriptions_active", active) == 0 &&
			value(f, "factgraph_graphql_requests_total", ops("Live", "subscription", "ok", "none")) == 1
	})
	// A subscription's lifetime is not latency; a WebSocket is not a request to time.
	fams := scrape(t, e.handler)
	wantValue(t, fams, "factgraph_graphql_request_duration_seconds", map[string]string{"operation": "Live", "type": "subscription"}, -1)
	wantValue(t, fams, "factgraph_http_request_duration_seconds", map[string]string{"route": "/query", "method": "GET", "status": "1xx"}, -1)
}

func TestRequestIDs(t *testing.T) {
	e := newObservedEnv(t, observe.MetricsOptions{})
	get := func(id string) string {
		t.Helper()
		req := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		if id != "" {
			req.Header.Set(observe.RequestIDHeader, id)
		}
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, req)
		return rec.Header().Get(observe.RequestIDHeader)
	}
	if got := get("edge-7f3a/42"); got != "edge-7f3a/42" {
		t.Errorf("incoming ID echoed as %q", got)
	}
	a, b := get(""), get("")
	if len(a) < 16 || a == b {
		t.Errorf("generated IDs %q and %q, want distinct and at least 16 characters", a, b)
	}
	for _, bad := range []string{"has space", "new\nline", "tab\tbed", strings.Repeat("x", 129), "é"} {
		got := get(bad)
		if got == bad || len(got) < 16 || strings.ContainsAny(got, " \t\n") {
			t.Errorf("incoming ID %q answered with %q, want a fresh one", bad, got)
		}
	}
	if got := get(strings.Repeat("x", 128)); got != strings.Repeat("x", 128) {
		t.Errorf("a 128-character ID was replaced by %q", got)
	}
}

func TestAccessLogAndRequestIDInLogs(t *testing.T) {
	e := newObservedEnv(t, observe.MetricsOptions{})
	const id = "req-1234"
	e.client.MustPost(ingestMutation, &ingestResp{}, client.Var("in", map[string]any{
		"title": "Logged", "body": "Officials said 9 people were hurt.",
	}), client.AddHeader(observe.RequestIDHeader, id))

	var access, ingested map[string]any
	for _, rec := range e.logs.records(t) {
		switch rec["msg"] {
		case "http request":
			access = rec
		case "article ingested":
			ingested = rec
		}
	}
	if access == nil || ingested == nil {
		t.Fatalf("want an access line and an ingest line, got %v", e.logs.records(t))
	}
	if access["level"] != "INFO" || access["method"] != "POST" || access["path"] != "/query" ||
		access["route"] != "/query" || access["status"] != float64(200) || access["request_id"] != id {
		t.Errorf("access line %v", access)
	}
	if d, ok := access["duration"].(float64); !ok || d <= 0 {
		t.Errorf("access line duration %v", access["duration"])
	}
	// The ingest service logs with the request's context only; LogHandler
	// adds the ID.
	if ingested["request_id"] != id {
		t.Errorf("ingest line %v, want request_id %s", ingested, id)
	}
	// The access line names the ID itself; LogHandler must not repeat it.
	e.logs.mu.Lock()
	raw := e.logs.buf.String()
	e.logs.mu.Unlock()
	for _, line := range strings.Split(raw, "\n") {
		if strings.Contains(line, `"http request"`) && strings.Count(line, `"request_id"`) != 1 {
			t.Errorf("request_id repeated: %s", line)
		}
	}
}

func TestAccessLogCanBeTurnedOff(t *testing.T) {
	logs := &syncBuffer{}
	log := slog.New(slog.NewJSONHandler(logs, nil))
	store, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "factgraph.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	h, err := server.New(server.Config{Store: store, Log: log, DB: store,
		Observe: server.ObserveConfig{NoAccessLog: true, NoMetrics: true}})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("GET /metrics with metrics off: %d", rec.Code)
	}
	if rec.Header().Get(observe.RequestIDHeader) == "" {
		t.Error("no request ID with metrics and access log off")
	}
	if recs := logs.records(t); len(recs) != 0 {
		t.Errorf("logged %v with the access log off", recs)
	}
}

// otlpCollector is a minimal OTLP/HTTP trace receiver.
type otlpCollector struct {
	mu           sync.Mutex
	contentTypes []string
	requests     []*collectortrace.ExportTraceServiceRequest
	errs         []error
}

func (c *otlpCollector) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/traces" {
		http.NotFound(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	req := &collectortrace.ExportTraceServiceRequest{}
	if err == nil {
		err = proto.Unmarshal(body, req)
	}
	c.mu.Lock()
	c.contentTypes = append(c.contentTypes, r.Header.Get("Content-Type"))
	if err != nil {
		c.errs = append(c.errs, err)
	} else {
		c.requests = append(c.requests, req)
	}
	c.mu.Unlock()
	out, _ := proto.Marshal(&collectortrace.ExportTraceServiceResponse{})
	w.Header().Set("Content-Type", "application/x-protobuf")
	_, _ = w.Write(out)
}

// spans flattens everything received, with the service.name of each.
func (c *otlpCollector) spans() (spans []*tracepb.Span, services []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, req := range c.requests {
		for _, rs := range req.GetResourceSpans() {
			service := ""
			for _, kv := range rs.GetResource().GetAttributes() {
				if kv.GetKey() == "service.name" {
					service = kv.GetValue().GetStringValue()
				}
			}
			for _, ss := range rs.GetScopeSpans() {
				for _, s := range ss.GetSpans() {
					spans = append(spans, s)
					services = append(services, service)
				}
			}
		}
	}
	return spans, services
}

func TestTracingExportsOperationSpans(t *testing.T) {
	col := &otlpCollector{}
	srv := httptest.NewServer(col)
	defer srv.Close()
	t.Setenv("OTEL_EXPORTER_OTLP_ENDPOINT", srv.URL)
	t.Setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "")
	t.Setenv("OTEL_SERVICE_NAME", "")
	t.Setenv("OTEL_RESOURCE_ATTRIBUTES", "")
	t.Setenv("OTEL_SDK_DISABLED", "")
	t.Setenv("OTEL_TRACES_EXPORTER", "")
	t.Setenv("OTEL_TRACES_SAMPLER", "")
	ctx := context.Background()
	shutdown, err := observe.SetupTracing(ctx)
	if err != nil {
		t.Fatalf("SetupTracing: %v", err)
	}
	flushed := false
	defer func() {
		if !flushed {
			_ = shutdown(ctx)
		}
	}()

	e := newObservedEnv(t, observe.MetricsOptions{})
	const (
		traceID    = "4bf92f3577b34da6a3ce929d0e0e4736"
		callerSpan = "00f067aa0ba902b7"
	)
	var count struct{ Articles, Entities struct{ TotalCount int } }
	e.client.MustPost(`query Traced { articles { totalCount } entities { totalCount } }`, &count,
		client.AddHeader("traceparent", "00-"+traceID+"-"+callerSpan+"-01"))

	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	flushed = true
	if err := shutdown(sctx); err != nil {
		t.Fatalf("shutdown: %v", err)
	}

	col.mu.Lock()
	cts, errs := col.contentTypes, col.errs
	col.mu.Unlock()
	if len(cts) == 0 {
		t.Fatal("no POST /v1/traces arrived")
	}
	for _, ct := range cts {
		if ct != "application/x-protobuf" {
			t.Errorf("Content-Type %q, want application/x-protobuf", ct)
		}
	}
	if len(errs) > 0 {
		t.Fatalf("undecodable export: %v", errs)
	}
	spans, services := col.spans()
	byName := map[string]*tracepb.Span{}
	for i, s := range spans {
		byName[s.GetName()] = s
		if services[i] != "factgraph" {
			t.Errorf("span %q from service %q, want factgraph", s.GetName(), services[i])
		}
		if got := hexID(s.GetTraceId()); got != traceID {
			t.Errorf("span %q in trace %s, want the caller's %s", s.GetName(), got, traceID)
		}
	}
	httpSpan, opSpan := byName["POST /query"], byName["Traced"]
	articles, entities := byName["Query.articles"], byName["Query.entities"]
	if httpSpan == nil || opSpan == nil || articles == nil || entities == nil {
		var names []string
		for n := range byName {
			names = append(names, n)
		}
		t.Fatalf("want spans POST /query, Traced, Query.articles, Query.entities; got %v", names)
	}
	if httpSpan.GetKind() != tracepb.Span_SPAN_KIND_SERVER || hexID(httpSpan.GetParentSpanId()) != callerSpan {
		t.Errorf("HTTP span kind %v parent %s, want a server span under the caller's %s", httpSpan.GetKind(), hexID(httpSpan.GetParentSpanId()), callerSpan)
	}
	if !bytes.Equal(opSpan.GetParentSpanId(), httpSpan.GetSpanId()) {
		t.Error("the operation span is not a child of the HTTP span")
	}
	for _, f := range []*tracepb.Span{articles, entities} {
		if !bytes.Equal(f.GetParentSpanId(), opSpan.GetSpanId()) {
			t.Errorf("root field span %q is not a child of the operation span", f.GetName())
		}
	}
	attrs := map[string]string{}
	for _, kv := range opSpan.GetAttributes() {
		attrs[kv.GetKey()] = kv.GetValue().GetStringValue()
	}
	if attrs["graphql.operation.name"] != "Traced" || attrs["graphql.operation.type"] != "query" {
		t.Errorf("operation span attributes %v", attrs)
	}

	// The access line carries the trace it belongs to.
	var access map[string]any
	for _, rec := range e.logs.records(t) {
		if rec["msg"] == "http request" {
			access = rec
		}
	}
	if access["trace_id"] != traceID || access["span_id"] != hexID(httpSpan.GetSpanId()) {
		t.Errorf("access line %v, want trace_id %s and span_id of the HTTP span", access, traceID)
	}
}

func hexID(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&0xf])
	}
	return string(out)
}

func TestObserveFlags(t *testing.T) {
	parse := func(args ...string) server.ObserveConfig {
		t.Helper()
		var c server.ObserveConfig
		fs := flag.NewFlagSet("factgraph", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		c.RegisterFlags(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatalf("parse %v: %v", args, err)
		}
		return c
	}
	t.Setenv("FACTGRAPH_METRICS", "")
	t.Setenv("FACTGRAPH_ACCESS_LOG", "")
	t.Setenv("FACTGRAPH_METRICS_PATH", "")
	if c := parse(); c.NoMetrics || c.NoAccessLog || c.MetricsPath != "/metrics" {
		t.Errorf("defaults %+v", c)
	}
	if c := parse("-metrics=false", "-access-log=false", "-metrics-path", "/internal/metrics"); !c.NoMetrics || !c.NoAccessLog || c.MetricsPath != "/internal/metrics" {
		t.Errorf("flags %+v", c)
	}
	t.Setenv("FACTGRAPH_METRICS", "false")
	t.Setenv("FACTGRAPH_ACCESS_LOG", "0")
	t.Setenv("FACTGRAPH_METRICS_PATH", "/m")
	if c := parse(); !c.NoMetrics || !c.NoAccessLog || c.MetricsPath != "/m" {
		t.Errorf("environment %+v", c)
	}
	if c := parse("-metrics", "-access-log=true"); c.NoMetrics || c.NoAccessLog {
		t.Errorf("flags over environment %+v", c)
	}
}

func TestMetricsPath(t *testing.T) {
	store, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "factgraph.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	cfg := server.Config{Store: store, Log: slog.New(slog.DiscardHandler), DB: store,
		Observe: server.ObserveConfig{MetricsPath: "/internal/metrics"}}
	h, err := server.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]int{"/internal/metrics": http.StatusOK, "/metrics": http.StatusNotFound} {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
		if rec.Code != want {
			t.Errorf("GET %s: %d, want %d", path, rec.Code, want)
		}
	}
	for _, bad := range []string{"/query", "metrics", "/healthz"} {
		cfg.Observe.MetricsPath = bad
		if _, err := server.New(cfg); err == nil {
			t.Errorf("metrics path %q accepted", bad)
		}
	}
}
