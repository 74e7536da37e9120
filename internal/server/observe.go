package server

import (
	"flag"
	"fmt"
	"net/http"
	"os"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql/handler"
	"gorm.io/gorm"

	"github.com/factgraph/factgraph/internal/observe"
)

// DefaultMetricsPath is where Prometheus scrapes unless -metrics-path says
// otherwise.
const DefaultMetricsPath = "/metrics"

// ObserveConfig holds the settings of metrics, tracing and request IDs.
// Tracing follows the standard OTEL_* environment (see
// observe.SetupTracing), which main calls; request IDs are always on. The
// zero value serves metrics at /metrics and logs every request.
type ObserveConfig struct {
	// Metrics is the registry the server records into. Share it with
	// ingest.Service.Observer so analysis timings land in the same
	// scrape; nil makes one per handler built by New (without analysis
	// timings, which the ingest service cannot reach then).
	Metrics *observe.Metrics
	// DB has its connection pool exported (go_sql_*); nil uses Config.DB
	// when it offers a DB() *gorm.DB, as storage.Store does.
	DB interface{ DB() *gorm.DB }
	// MetricsPath is the scrape route; "" means DefaultMetricsPath.
	MetricsPath string
	// NoMetrics turns metrics and their route off.
	NoMetrics bool
	// NoAccessLog turns the per-request info log line off.
	NoAccessLog bool
}

// RegisterFlags adds the observability flags to the command line.
func (c *ObserveConfig) RegisterFlags(fs *flag.FlagSet) {
	c.NoMetrics = !envBool("FACTGRAPH_METRICS", true)
	c.NoAccessLog = !envBool("FACTGRAPH_ACCESS_LOG", true)
	c.MetricsPath = DefaultMetricsPath
	if v := os.Getenv("FACTGRAPH_METRICS_PATH"); v != "" {
		c.MetricsPath = v
	}
	fs.Var(notBool{&c.NoMetrics}, "metrics", "serve Prometheus metrics (env FACTGRAPH_METRICS; default true)")
	fs.StringVar(&c.MetricsPath, "metrics-path", c.MetricsPath, "route of the Prometheus metrics (env FACTGRAPH_METRICS_PATH)")
	fs.Var(notBool{&c.NoAccessLog}, "access-log", "log one info line per HTTP request (env FACTGRAPH_ACCESS_LOG; default true)")
}

// configureObserve adds metrics and tracing of GraphQL operations.
func configureObserve(cfg Config, srv *handler.Server) error {
	ext := observe.GraphQL{}
	if !cfg.Observe.NoMetrics {
		ext.Metrics = cfg.Observe.Metrics // nil: the one wrapObserve puts in the context
	}
	srv.Use(ext)
	return nil
}

// routeObserve serves the metrics.
func routeObserve(cfg Config, mux *http.ServeMux) error {
	if cfg.Observe.NoMetrics {
		return nil
	}
	path := cfg.Observe.metricsPath()
	if err := cfg.Observe.check(); err != nil {
		return err
	}
	mux.Handle("GET "+path, observe.MetricsHandler(cfg.Observe.Metrics))
	return nil
}

// check reports a metrics path the server cannot serve.
func (c ObserveConfig) check() error {
	if c.NoMetrics {
		return nil
	}
	path := c.metricsPath()
	if !strings.HasPrefix(path, "/") || strings.ContainsAny(path, " {}") {
		return fmt.Errorf("bad -metrics-path %q: want an absolute path", path)
	}
	switch path {
	case "/", "/query", "/healthz", "/readyz":
		return fmt.Errorf("bad -metrics-path %q: the API serves that path", path)
	}
	return nil
}

// wrapObserve gives every request an ID, a trace span, a latency
// observation and an access log line.
func wrapObserve(cfg Config, next http.Handler) http.Handler {
	opts := observe.HTTPOptions{
		Route:    routeLabel(cfg.Observe.metricsPath()),
		Untraced: untraced(cfg.Observe.metricsPath()),
	}
	if !cfg.Observe.NoAccessLog {
		opts.Log = cfg.Log
	}
	if !cfg.Observe.NoMetrics {
		m := cfg.Observe.Metrics
		if m == nil {
			m = observe.NewMetrics(observe.MetricsOptions{})
		}
		if err := collectDB(cfg, m); err != nil && cfg.Log != nil {
			cfg.Log.Warn("database pool metrics unavailable", "err", err)
		}
		opts.Metrics = m
	}
	return observe.Middleware(opts, next)
}

// collectDB exports the connection pool behind the configured database.
func collectDB(cfg Config, m *observe.Metrics) error {
	src := cfg.Observe.DB
	if src == nil {
		src, _ = cfg.DB.(interface{ DB() *gorm.DB })
	}
	if src == nil || src.DB() == nil {
		return nil
	}
	sqlDB, err := src.DB().DB()
	if err != nil {
		return fmt.Errorf("database handle: %w", err)
	}
	return m.CollectDB("factgraph", sqlDB)
}

func (c ObserveConfig) metricsPath() string {
	if c.MetricsPath == "" {
		return DefaultMetricsPath
	}
	return c.MetricsPath
}

// routeLabel names the route a request hit, with the routes New registers,
// so the label stays bounded whatever paths clients try.
func routeLabel(metricsPath string) func(*http.Request) string {
	return func(r *http.Request) string {
		p := r.URL.Path
		switch {
		case p == "/", p == "/query", p == "/healthz", p == "/readyz", p == metricsPath:
			return p
		case strings.HasPrefix(p, "/playground-assets/"):
			return "/playground-assets/"
		}
		return "other"
	}
}

// untraced leaves probes, scrapes and static files out of traces.
func untraced(metricsPath string) func(string) bool {
	return func(route string) bool {
		switch route {
		case "/healthz", "/readyz", metricsPath, "/playground-assets/":
			return true
		}
		return false
	}
}

// envBool reads a boolean environment variable, def when unset or bad.
func envBool(key string, def bool) bool {
	if v, err := strconv.ParseBool(os.Getenv(key)); err == nil {
		return v
	}
	return def
}

// notBool is a boolean flag stored negated, so the config's zero value
// means "on" while the flag still reads -metrics=false.
type notBool struct{ p *bool }

func (b notBool) IsBoolFlag() bool { return true }

func (b notBool) String() string {
	if b.p == nil {
		return "true"
	}
	return strconv.FormatBool(!*b.p)
}

func (b notBool) Set(s string) error {
	v, err := strconv.ParseBool(s)
	if err != nil {
		return fmt.Errorf("want true or false: %w", err)
	}
	*b.p = !v
	return nil
}
