package observe

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"
	"go.opentelemetry.io/otel/trace"
	collectortrace "go.opentelemetry.io/proto/otlp/collector/trace/v1"
	"google.golang.org/protobuf/proto"
)

func TestValidRequestID(t *testing.T) {
	for id, want := range map[string]bool{
		"abc-123":                   true,
		"0f8fad5b-d9cb-469f-a165":   true,
		"a/b:c=d+e":                 true,
		strings.Repeat("x", 128):    true,
		"":                          false,
		strings.Repeat("x", 129):    false,
		"with space":                false,
		"line\nbreak":               false,
		"nul\x00":                   false,
		"caf\u00e9":                 false,
		"\x7f":                      false,
		"Set-Cookie: a=b\r\nX: bad": false,
	} {
		if got := validRequestID(id); got != want {
			t.Errorf("validRequestID(%q) = %v, want %v", id, got, want)
		}
	}
	if a, b := newRequestID(), newRequestID(); a == b || !validRequestID(a) {
		t.Errorf("newRequestID gave %q and %q", a, b)
	}
}

// logLine runs log with ctx through LogHandler over a JSON handler and
// returns the decoded record.
func logLine(t *testing.T, ctx context.Context, log func(*slog.Logger, context.Context)) map[string]any {
	t.Helper()
	var buf bytes.Buffer
	log(slog.New(LogHandler(slog.NewJSONHandler(&buf, nil))), ctx)
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("decode %q: %v", buf.String(), err)
	}
	if n := strings.Count(buf.String(), `"request_id"`); n > 1 {
		t.Errorf("request_id %d times in %s", n, buf.String())
	}
	return rec
}

func TestLogHandler(t *testing.T) {
	traceID, _ := trace.TraceIDFromHex("4bf92f3577b34da6a3ce929d0e0e4736")
	spanID, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	withID := WithRequestID(context.Background(), "req-1")
	withSpan := trace.ContextWithSpanContext(withID, trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: traceID, SpanID: spanID, TraceFlags: trace.FlagsSampled,
	}))

	t.Run("adds the request ID", func(t *testing.T) {
		rec := logLine(t, withID, func(l *slog.Logger, ctx context.Context) { l.InfoContext(ctx, "hi", "k", 1) })
		if rec["request_id"] != "req-1" || rec["k"] != float64(1) || rec["trace_id"] != nil {
			t.Errorf("record %v", rec)
		}
	})
	t.Run("adds the trace", func(t *testing.T) {
		rec := logLine(t, withSpan, func(l *slog.Logger, ctx context.Context) { l.WarnContext(ctx, "hi") })
		if rec["request_id"] != "req-1" || rec["trace_id"] != traceID.String() || rec["span_id"] != spanID.String() {
			t.Errorf("record %v", rec)
		}
	})
	t.Run("nothing without a context", func(t *testing.T) {
		rec := logLine(t, context.Background(), func(l *slog.Logger, ctx context.Context) { l.Info("hi") })
		if _, ok := rec["request_id"]; ok {
			t.Errorf("record %v", rec)
		}
	})
	t.Run("top level inside groups", func(t *testing.T) {
		rec := logLine(t, withSpan, func(l *slog.Logger, ctx context.Context) {
			l.With("a", 1).WithGroup("g").With("b", 2).InfoContext(ctx, "hi", "c", 3)
		})
		g, _ := rec["g"].(map[string]any)
		if rec["request_id"] != "req-1" || rec["trace_id"] != traceID.String() || rec["a"] != float64(1) ||
			g["b"] != float64(2) || g["c"] != float64(3) || g["request_id"] != nil {
			t.Errorf("record %v", rec)
		}
	})
	t.Run("an explicit request ID wins", func(t *testing.T) {
		rec := logLine(t, withID, func(l *slog.Logger, ctx context.Context) { l.InfoContext(ctx, "hi", "request_id", "own") })
		if rec["request_id"] != "own" {
			t.Errorf("record %v", rec)
		}
		rec = logLine(t, withID, func(l *slog.Logger, ctx context.Context) { l.With("request_id", "bound").InfoContext(ctx, "hi") })
		if rec["request_id"] != "bound" {
			t.Errorf("record %v", rec)
		}
	})
	t.Run("levels pass through", func(t *testing.T) {
		h := LogHandler(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelWarn}))
		if h.Enabled(withID, slog.LevelInfo) || !h.Enabled(withID, slog.LevelError) {
			t.Error("Enabled does not follow the wrapped handler")
		}
	})
}

func TestCappedIsBoundedUnderConcurrency(t *testing.T) {
	c := newCapped(10)
	var wg sync.WaitGroup
	for i := range 100 {
		wg.Go(func() { c.value(fmt.Sprintf("op%d", i)) })
	}
	wg.Wait()
	if len(c.seen) != 10 {
		t.Fatalf("admitted %d names, want 10", len(c.seen))
	}
	for name := range c.seen {
		if c.value(name) != name {
			t.Errorf("admitted %q maps to %q", name, c.value(name))
		}
	}
	if got := c.value("late"); got != LabelOther {
		t.Errorf("late name maps to %q", got)
	}
}

func TestMetricsLabels(t *testing.T) {
	m := NewMetrics(MetricsOptions{MaxOperationNames: 1})
	m.observeOperation("", "query", OutcomeOK, "", time.Millisecond)
	m.observeOperation("A", "query", OutcomeError, "NOT_FOUND", time.Millisecond)
	m.observeOperation("B", "query", OutcomeError, "free text, not a code", time.Millisecond)
	m.ObserveAnalysis(3*time.Millisecond, 42)
	var nilMetrics *Metrics
	nilMetrics.ObserveAnalysis(time.Second, 1) // must not panic
	for _, tc := range []struct {
		labels []string
		want   float64
	}{
		{[]string{"anonymous", "query", "ok", "none"}, 1},
		{[]string{"A", "query", "error", "NOT_FOUND"}, 1},
		{[]string{"other", "query", "error", "other"}, 1},
	} {
		if got := testutil.ToFloat64(m.gqlRequests.WithLabelValues(tc.labels...)); got != tc.want {
			t.Errorf("requests%v = %v, want %v", tc.labels, got, tc.want)
		}
	}
	if got := testutil.ToFloat64(m.analysedBytes); got != 42 {
		t.Errorf("analysed bytes %v", got)
	}
	for in, want := range map[int]string{101: "1xx", 200: "2xx", 304: "3xx", 404: "4xx", 503: "5xx", 0: "other"} {
		if got := statusClass(in); got != want {
			t.Errorf("statusClass(%d) = %s", in, got)
		}
	}
	if httpMethod("BREW") != "OTHER" || httpMethod(http.MethodPatch) != http.MethodPatch {
		t.Error("httpMethod does not bound methods")
	}
}

func TestMiddlewareWithoutMetricsOrLog(t *testing.T) {
	var seen string
	h := Middleware(HTTPOptions{}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = RequestID(r.Context())
		w.WriteHeader(http.StatusTeapot)
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/x", nil))
	if rec.Code != http.StatusTeapot || seen == "" || rec.Header().Get(RequestIDHeader) != seen {
		t.Errorf("status %d, context ID %q, header %q", rec.Code, seen, rec.Header().Get(RequestIDHeader))
	}
	rec = httptest.NewRecorder()
	MetricsHandler(nil).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("MetricsHandler without metrics: %d", rec.Code)
	}
}

func clearOTelEnv(t *testing.T) {
	for _, k := range []string{"OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_SERVICE_NAME",
		"OTEL_RESOURCE_ATTRIBUTES", "OTEL_SDK_DISABLED", "OTEL_TRACES_EXPORTER", "OTEL_TRACES_SAMPLER"} {
		t.Setenv(k, "")
	}
}

func TestTracingIsOptIn(t *testing.T) {
	clearOTelEnv(t)
	if TracingEnabled() {
		t.Fatal("tracing enabled without an endpoint")
	}
	shutdown, err := SetupTracing(context.Background())
	if err != nil || shutdown(context.Background()) != nil {
		t.Fatalf("no-op setup: %v", err)
	}
	t.Setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://127.0.0.1:1/v1/traces")
	if !TracingEnabled() {
		t.Error("traces endpoint alone does not enable tracing")
	}
	t.Setenv("OTEL_SDK_DISABLED", "true")
	if TracingEnabled() {
		t.Error("OTEL_SDK_DISABLED=true does not disable tracing")
	}
	t.Setenv("OTEL_SDK_DISABLED", "")
	t.Setenv("OTEL_TRACES_EXPORTER", "none")
	if TracingEnabled() {
		t.Error("OTEL_TRACES_EXPORTER=none does not disable tracing")
	}
}

func TestTracingRespectsServiceName(t *testing.T) {
	clearOTelEnv(t)
	var (
		mu       sync.Mutex
		services []string
	)
	col := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var req collectortrace.ExportTraceServiceRequest
		if err := proto.Unmarshal(body, &req); err != nil {
			t.Errorf("decode export: %v", err)
		}
		mu.Lock()
		defer mu.Unlock()
		for _, rs := range req.GetResourceSpans() {
			for _, kv := range rs.GetResource().GetAttributes() {
				if kv.GetKey() == "service.name" {
					services = append(services, kv.GetValue().GetStringValue())
				}
			}
		}
	}))
	defer col.Close()
	t.Setenv("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", col.URL+"/v1/traces")
	t.Setenv("OTEL_SERVICE_NAME", "factgraph-staging")
	ctx := context.Background()
	shutdown, err := SetupTracing(ctx)
	if err != nil {
		t.Fatal(err)
	}
	h := Middleware(HTTPOptions{}, http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/", nil))
	if err := shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(services) == 0 || services[0] != "factgraph-staging" {
		t.Errorf("service names %v, want factgraph-staging", services)
	}
}
