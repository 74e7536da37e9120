// Package observe makes factgraph observable: Prometheus metrics on a
// registry of its own, OpenTelemetry traces exported over OTLP/HTTP when the
// standard OTEL_* environment asks for them, request IDs, and a slog handler
// that stamps log lines with the request and trace they belong to. The HTTP
// middleware and the gqlgen extension here are mounted by internal/server.
package observe

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// namespace prefixes every factgraph metric, so they cannot clash with the
// go_, process_ and go_sql_ families of the standard collectors.
const namespace = "factgraph"

// DefaultMaxOperationNames is how many distinct GraphQL operation names get
// their own label value before the rest are counted as "other": operation
// names are chosen by clients, and every value is a time series.
const DefaultMaxOperationNames = 100

// Label values with a fixed meaning.
const (
	// OperationAnonymous labels operations sent without a name.
	OperationAnonymous = "anonymous"
	// OperationUnknown labels requests that failed before an operation
	// was found in them (unparsable JSON or GraphQL).
	OperationUnknown = "unknown"
	// LabelOther collects values beyond a label's cardinality cap.
	LabelOther = "other"
	// CodeNone is the code label of successful operations and of errors
	// without extensions.code.
	CodeNone = "none"
)

// Outcomes of a GraphQL operation.
const (
	OutcomeOK       = "ok"
	OutcomeError    = "error"
	OutcomeCanceled = "canceled"
)

// maxCodes caps distinct extensions.code values; the server defines a
// handful, so reaching the cap means something is producing junk codes.
const maxCodes = 32

// MetricsOptions tune NewMetrics; the zero value is fine.
type MetricsOptions struct {
	// MaxOperationNames caps the operation label (first come, first
	// served); 0 means DefaultMaxOperationNames.
	MaxOperationNames int
}

// Metrics holds every factgraph metric on a registry of its own, so tests
// and several servers in one process never collide on the global one. It
// implements ingest.Observer. A nil *Metrics records nothing.
type Metrics struct {
	reg *prometheus.Registry

	httpDuration     *prometheus.HistogramVec
	gqlRequests      *prometheus.CounterVec
	gqlDuration      *prometheus.HistogramVec
	subscriptions    *prometheus.GaugeVec
	analysisDuration prometheus.Histogram
	analysedBytes    prometheus.Counter
	behind           prometheus.Counter

	operations *capped
	codes      *capped

	handlerOnce sync.Once
	handler     http.Handler
}

// NewMetrics returns Metrics registered on a fresh registry together with
// the Go runtime, process and build-info collectors.
func NewMetrics(opts MetricsOptions) *Metrics {
	maxOps := opts.MaxOperationNames
	if maxOps <= 0 {
		maxOps = DefaultMaxOperationNames
	}
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		httpDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Subsystem: "http", Name: "request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route, method and status class (1xx..5xx). WebSocket and server-sent-event streams are left out: their lifetime is not latency.",
			Buckets: prometheus.DefBuckets,
		}, []string{"route", "method", "status"}),
		gqlRequests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "graphql", Name: "requests_total",
			Help: "GraphQL operations by operation name (unnamed: anonymous; beyond the cap: other), type (query, mutation, subscription, unknown), outcome (ok, error, canceled) and the extensions.code of the first error (none without one). Subscriptions are counted when they end.",
		}, []string{"operation", "type", "outcome", "code"}),
		gqlDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Namespace: namespace, Subsystem: "graphql", Name: "request_duration_seconds",
			Help:    "Time from reading a GraphQL query or mutation to having its response, by operation name and type.",
			Buckets: prometheus.DefBuckets,
		}, []string{"operation", "type"}),
		subscriptions: prometheus.NewGaugeVec(prometheus.GaugeOpts{
			Namespace: namespace, Subsystem: "graphql", Name: "subscriptions_active",
			Help: "GraphQL subscriptions open now, by transport (websocket, sse).",
		}, []string{"transport"}),
		analysisDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Namespace: namespace, Subsystem: "analysis", Name: "duration_seconds",
			Help:    "Time the analysis pipeline took per newly ingested article.",
			Buckets: prometheus.ExponentialBuckets(0.0005, 2, 15), // 0.5 ms .. 8 s
		}),
		analysedBytes: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "analysis", Name: "bytes_total",
			Help: "Bytes of article body analysed.",
		}),
		behind: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: namespace, Subsystem: "graphql", Name: "subscriptions_behind_total",
			Help: "Subscriptions ended with BEHIND because they fell further behind the live events than the server keeps (the events they missed are reported to them, never dropped silently).",
		}),
		operations: newCapped(maxOps),
		codes:      newCapped(maxCodes),
	}
	m.reg.MustRegister(
		m.httpDuration, m.gqlRequests, m.gqlDuration, m.subscriptions,
		m.analysisDuration, m.analysedBytes, m.behind,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewBuildInfoCollector(),
	)
	return m
}

// Registry returns the registry behind /metrics, for tests and for adding
// collectors of other parts of the program.
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in the Prometheus exposition formats.
func (m *Metrics) Handler() http.Handler {
	m.handlerOnce.Do(func() {
		m.handler = promhttp.InstrumentMetricHandler(m.reg, promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{
			Registry:          m.reg,
			ErrorHandling:     promhttp.ContinueOnError,
			EnableOpenMetrics: true,
		}))
	})
	return m.handler
}

// CollectDB exports the connection pool statistics of db (go_sql_* with
// db_name=name), so pool exhaustion shows before requests time out.
// Collecting the same name twice is not an error.
func (m *Metrics) CollectDB(name string, db *sql.DB) error {
	if m == nil || db == nil {
		return nil
	}
	err := m.reg.Register(collectors.NewDBStatsCollector(db, name))
	var dup prometheus.AlreadyRegisteredError
	if err != nil && !errors.As(err, &dup) {
		return fmt.Errorf("observe: collect database stats: %w", err)
	}
	return nil
}

// ObserveAnalysis records one analysis run; it makes Metrics an
// ingest.Observer.
func (m *Metrics) ObserveAnalysis(d time.Duration, bodyBytes int) {
	if m == nil {
		return
	}
	m.analysisDuration.Observe(d.Seconds())
	m.analysedBytes.Add(float64(bodyBytes))
}

// SubscriberBehind counts a subscription that fell too far behind; it
// makes Metrics an events.Observer.
func (m *Metrics) SubscriberBehind() {
	if m == nil {
		return
	}
	m.behind.Inc()
}

// observeHTTP records one finished plain HTTP request.
func (m *Metrics) observeHTTP(route, method string, status int, d time.Duration) {
	m.httpDuration.WithLabelValues(route, method, statusClass(status)).Observe(d.Seconds())
}

// observeOperation records one finished GraphQL operation; d < 0 leaves the
// latency histogram alone (subscriptions).
func (m *Metrics) observeOperation(name, typ, outcome, code string, d time.Duration) {
	op := m.operation(name)
	m.gqlRequests.WithLabelValues(op, typ, outcome, m.code(code)).Inc()
	if d >= 0 {
		m.gqlDuration.WithLabelValues(op, typ).Observe(d.Seconds())
	}
}

// subscriptionStarted counts a subscription open on transport and returns
// the function that counts it closed.
func (m *Metrics) subscriptionStarted(transport string) func() {
	g := m.subscriptions.WithLabelValues(transport)
	g.Inc()
	return g.Dec
}

// operation maps an operation name to its bounded label value.
func (m *Metrics) operation(name string) string {
	switch name {
	case "", OperationAnonymous:
		return OperationAnonymous
	case OperationUnknown:
		return OperationUnknown
	}
	return m.operations.value(name)
}

// code maps an extensions.code to its bounded label value.
func (m *Metrics) code(code string) string {
	if code == "" || code == CodeNone {
		return CodeNone
	}
	if !plainCode(code) {
		return LabelOther
	}
	return m.codes.value(code)
}

// plainCode reports whether code looks like an error code (A-Z, 0-9, _), so
// free text never becomes a label value.
func plainCode(code string) bool {
	if len(code) > 64 {
		return false
	}
	for i := 0; i < len(code); i++ {
		c := code[i]
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// statusClass maps an HTTP status to 1xx..5xx.
func statusClass(status int) string {
	if status < 100 || status > 599 {
		return "other"
	}
	return strconv.Itoa(status/100) + "xx"
}

// httpMethod bounds the method label to the methods HTTP defines.
func httpMethod(m string) string {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
		http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace:
		return m
	}
	return "OTHER"
}

// capped admits the first max distinct values and maps the rest to
// LabelOther, keeping a label's cardinality bounded.
type capped struct {
	mu   sync.RWMutex
	max  int
	seen map[string]struct{}
}

func newCapped(max int) *capped {
	return &capped{max: max, seen: make(map[string]struct{}, max)}
}

func (c *capped) value(v string) string {
	c.mu.RLock()
	_, ok := c.seen[v]
	full := len(c.seen) >= c.max
	c.mu.RUnlock()
	if ok {
		return v
	}
	if full {
		return LabelOther
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, ok := c.seen[v]; ok {
		return v
	}
	if len(c.seen) >= c.max {
		return LabelOther
	}
	c.seen[v] = struct{}{}
	return v
}

type metricsKey struct{}

// withMetrics returns ctx carrying m, for the GraphQL extension and the
// /metrics handler when they were built without a Metrics of their own.
func withMetrics(ctx context.Context, m *Metrics) context.Context {
	return context.WithValue(ctx, metricsKey{}, m)
}

// metricsFrom returns the Metrics ctx carries, or nil.
func metricsFrom(ctx context.Context) *Metrics {
	m, _ := ctx.Value(metricsKey{}).(*Metrics)
	return m
}

// MetricsHandler serves m; with a nil m it serves the Metrics that the
// surrounding Middleware put in the request context (404 without one), so a
// route can be registered before the middleware that owns the registry is
// built.
func MetricsHandler(m *Metrics) http.Handler {
	if m != nil {
		return m.Handler()
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cm := metricsFrom(r.Context())
		if cm == nil {
			http.NotFound(w, r)
			return
		}
		cm.Handler().ServeHTTP(w, r)
	})
}
