package observe

import (
	"context"
	"log/slog"
	"net/http"
	"strings"

	"github.com/felixge/httpsnoop"
	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Transports a request can carry GraphQL over, as the subscriptions gauge
// labels them.
const (
	TransportHTTP      = "http"
	TransportWebsocket = "websocket"
	TransportSSE       = "sse"
)

// HTTPOptions configure Middleware; every field is optional.
type HTTPOptions struct {
	// Log receives one access line per request at info level; nil logs
	// none.
	Log *slog.Logger
	// Metrics records request latencies and is put in the request context
	// for the GraphQL extension and MetricsHandler; nil records nothing.
	Metrics *Metrics
	// Route maps a request to a bounded route label (a pattern, not a
	// path: paths are unbounded); nil labels every request "other".
	Route func(*http.Request) string
	// Untraced reports routes (as Route names them) that get no span:
	// probes and scrapes would drown the traces that matter.
	Untraced func(route string) bool
	// TracerProvider and Propagators default to the global ones that
	// SetupTracing installs.
	TracerProvider trace.TracerProvider
	Propagators    propagation.TextMapPropagator
}

// Middleware is the outermost layer of the HTTP API: it gives every request
// an ID (an acceptable incoming X-Request-ID, else a fresh one) echoed in
// the response, a server span continuing the caller's W3C trace context, a
// latency observation and an access log line.
func Middleware(opts HTTPOptions, next http.Handler) http.Handler {
	route := opts.Route
	if route == nil {
		route = func(*http.Request) string { return LabelOther }
	}
	inner := &recorder{opts: opts, route: route, next: next}
	otelOpts := []otelhttp.Option{
		otelhttp.WithSpanNameFormatter(func(_ string, r *http.Request) string {
			return r.Method + " " + route(r)
		}),
	}
	if opts.Untraced != nil {
		otelOpts = append(otelOpts, otelhttp.WithFilter(func(r *http.Request) bool { return !opts.Untraced(route(r)) }))
	}
	if opts.TracerProvider != nil {
		otelOpts = append(otelOpts, otelhttp.WithTracerProvider(opts.TracerProvider))
	}
	if opts.Propagators != nil {
		otelOpts = append(otelOpts, otelhttp.WithPropagators(opts.Propagators))
	}
	traced := otelhttp.NewHandler(inner, "http.server", otelOpts...)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get(RequestIDHeader)
		if !validRequestID(id) {
			id = newRequestID()
		}
		w.Header().Set(RequestIDHeader, id)
		traced.ServeHTTP(w, r.WithContext(WithRequestID(r.Context(), id)))
	})
}

// recorder runs inside the server span, so its log line carries the trace.
type recorder struct {
	opts  HTTPOptions
	route func(*http.Request) string
	next  http.Handler
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	transport := transportOf(r)
	ctx = context.WithValue(ctx, transportKey{}, transport)
	if rec.opts.Metrics != nil {
		ctx = withMetrics(ctx, rec.opts.Metrics)
	}
	id := RequestID(ctx)
	trace.SpanFromContext(ctx).SetAttributes(attribute.String("http.request.id", id))

	m := httpsnoop.CaptureMetricsFn(w, func(w http.ResponseWriter) {
		rec.next.ServeHTTP(w, r.WithContext(ctx))
	})

	route := rec.route(r)
	if rec.opts.Metrics != nil && transport == TransportHTTP {
		rec.opts.Metrics.observeHTTP(route, httpMethod(r.Method), m.Code, m.Duration)
	}
	if rec.opts.Log != nil {
		rec.opts.Log.LogAttrs(ctx, slog.LevelInfo, "http request",
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.String("route", route),
			slog.Int("status", m.Code),
			slog.Duration("duration", m.Duration),
			slog.Int64("bytes", m.Written),
			slog.String(LogKeyRequestID, id),
		)
	}
}

type transportKey struct{}

// transportOf tells a WebSocket upgrade and a server-sent-event stream from
// a plain request.
func transportOf(r *http.Request) string {
	switch {
	case headerHasToken(r.Header, "Upgrade", "websocket"):
		return TransportWebsocket
	case strings.Contains(r.Header.Get("Accept"), "text/event-stream"):
		return TransportSSE
	}
	return TransportHTTP
}

// transportFrom returns the transport Middleware saw, or "unknown" when
// the GraphQL handler runs without it.
func transportFrom(ctx context.Context) string {
	if t, ok := ctx.Value(transportKey{}).(string); ok {
		return t
	}
	return "unknown"
}

// headerHasToken reports whether a comma-separated header holds token,
// ignoring case.
func headerHasToken(h http.Header, name, token string) bool {
	for _, v := range h.Values(name) {
		for _, t := range strings.Split(v, ",") {
			if strings.EqualFold(strings.TrimSpace(t), token) {
				return true
			}
		}
	}
	return false
}
