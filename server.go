// Command factgraph serves the factgraph GraphQL API, ingests articles in
// bulk, re-analyses stored ones and manages API keys.
//
//	factgraph [flags]                 serve (GraphiQL at /, GraphQL at /query)
//	factgraph ingest [flags] FILE...  store and analyse articles from JSON files
//	factgraph ingest-url [flags] URL... fetch web pages and ingest their articles
//	factgraph reanalyze [flags]       re-run analysis over stored articles
//	factgraph apikey create|list|revoke
//	factgraph feeds add|list|remove     subscribe to news feeds
//	factgraph help [COMMAND]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/observe"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/webingest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// options are the settings shared by every subcommand.
type options struct {
	server     server.Config
	addr       string
	db         string
	assets     string
	logFormat  string
	logLevel   string
	drainAfter time.Duration
	poll       pollOptions
}

// openStore makes the logger and opens the database, as every subcommand
// that touches stored data does first.
func (o *options) openStore(ctx context.Context, stderr io.Writer) (*storage.Store, *slog.Logger, error) {
	log, err := newLogger(stderr, o.logFormat, o.logLevel)
	if err != nil {
		return nil, nil, err
	}
	store, err := storage.Open(ctx, o.db, log)
	if err != nil {
		return nil, nil, err
	}
	return store, log, nil
}

func (o *options) register(fs *flag.FlagSet) {
	fs.StringVar(&o.db, "db", envOr("FACTGRAPH_DB", "factgraph.db"), "SQLite file path, or a postgres:// URL (env FACTGRAPH_DB)")
	fs.StringVar(&o.logFormat, "log-format", envOr("FACTGRAPH_LOG_FORMAT", "text"), "log format: text or json (env FACTGRAPH_LOG_FORMAT)")
	fs.StringVar(&o.logLevel, "log-level", envOr("FACTGRAPH_LOG_LEVEL", "info"), "log level: debug, info, warn or error (env FACTGRAPH_LOG_LEVEL)")
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := o.serveFlags(stderr)
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		if args[0] == "help" {
			return runHelp(ctx, args[1:], stdout, stderr, fs)
		}
		if c := findCommand(args[0]); c != nil {
			return c.run(ctx, args[1:], stdout, stderr)
		}
		return unknownCommand(args[0])
	}
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		if findCommand(fs.Arg(0)) != nil {
			return usageErrorf(fs, "unexpected argument %q: a command comes first, as in: factgraph %s [flags]", fs.Arg(0), fs.Arg(0))
		}
		return usageErrorf(fs, "unexpected argument %q: the server takes flags only", fs.Arg(0))
	}
	log, err := newLogger(stderr, o.logFormat, o.logLevel)
	if err != nil {
		return usageErrorf(fs, "%w", err)
	}
	cfg := o.server
	cfg.PlaygroundAssets = o.assets
	if err := cfg.Validate(); err != nil {
		return usageErrorf(fs, "%w", err)
	}
	// Bound before the database is opened, so a busy port leaves no
	// database and no first API key behind.
	ln, err := net.Listen("tcp", o.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another server running there? choose another -addr)", o.addr, err)
	}
	defer ln.Close()
	return serve(ctx, o, ln, log, stderr)
}

// serveFlags defines the flags of the server.
func (o *options) serveFlags(stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("factgraph", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { serveHelp(fs) }
	o.register(fs)
	fs.StringVar(&o.addr, "addr", envOr("FACTGRAPH_ADDR", ":8080"), "listen address (env FACTGRAPH_ADDR)")
	fs.StringVar(&o.assets, "playground-assets", envOr("FACTGRAPH_PLAYGROUND_ASSETS", ""), "folder holding the npm packages graphiql@4.1.2, react@18.2.0 and react-dom@18.2.0, to serve the playground without internet (env FACTGRAPH_PLAYGROUND_ASSETS)")
	fs.DurationVar(&o.drainAfter, "shutdown-timeout", 15*time.Second, "how long a shutdown waits for requests in flight")
	o.server.Auth.RegisterFlags(fs)
	o.server.Limits.RegisterFlags(fs)
	o.server.Observe.RegisterFlags(fs)
	o.server.Fetch.RegisterFlags(fs)
	o.poll.register(fs)
	return fs
}

// serve opens the database, makes the first API key if none was made, and
// serves on ln until ctx ends.
func serve(ctx context.Context, o options, ln net.Listener, log *slog.Logger, stderr io.Writer) error {
	store, err := storage.Open(ctx, o.db, log)
	if err != nil {
		return err
	}
	defer store.Close()
	if err := o.server.Auth.Bootstrap(ctx, store, stderr, log); err != nil {
		return err
	}
	shutdownTracing, err := observe.SetupTracing(ctx)
	if err != nil {
		return err
	}
	defer func() {
		fctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := shutdownTracing(fctx); err != nil {
			log.Warn("flushing traces failed", "err", err)
		}
	}()
	metrics := observe.NewMetrics(observe.MetricsOptions{})
	broker, err := events.NewBroker(ctx, store, events.Options{Log: log, Observer: metrics})
	if err != nil {
		return err
	}
	defer broker.Close()
	if store.SharesEvents() {
		// Other replicas append to the same log: listen for them until
		// the database closes.
		watch, stopWatching := context.WithCancel(context.WithoutCancel(ctx))
		defer stopWatching()
		go func() {
			if err := store.WatchEvents(watch, broker.Wake); err != nil {
				log.Error("live events from other replicas stopped", "err", err)
			}
		}()
	}
	cfg := o.server
	cfg.Store = store
	cfg.Observe.Metrics = metrics
	cfg.Ingest = &ingest.Service{Store: store, Analyzer: analysis.New(), Events: broker, Observer: metrics, Log: log}
	cfg.Events = broker
	cfg.Log = log
	cfg.DB = store
	cfg.PlaygroundAssets = o.assets
	fetcher := cfg.Fetch.NewClient(log)
	web := &webingest.Service{Fetcher: fetcher, Ingest: cfg.Ingest, Log: log}
	cfg.Web = web
	feedService, stopFeeds, err := startFeeds(ctx, o.poll, store, fetcher, web, cfg.Ingest, log)
	if err != nil {
		return err
	}
	defer func() {
		// On every way out, also when serving failed.
		sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		stopFeeds(sctx)
	}()
	cfg.Feeds = feedService
	h, err := server.New(cfg)
	if err != nil {
		return err
	}
	var drain server.Drain
	srv := &http.Server{
		Handler:           drain.Wrap(h),
		ConnState:         drain.ConnState,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests in flight keep their context when the signal arrives, so
		// Shutdown can let them finish.
		BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
		ErrorLog:    slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	log.Info("factgraph listening", "addr", ln.Addr().String(), "playground", "http://"+displayAddr(ln.Addr())+"/", "db", redactDSN(o.db))
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down", "timeout", o.drainAfter)
	broker.Close() // completes open subscriptions so their connections can close
	sctx, cancel := context.WithTimeout(context.Background(), o.drainAfter)
	defer cancel()
	stopFeeds(sctx)
	if err := drain.Shutdown(sctx, srv, min(time.Second, o.drainAfter/4)); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("stopped")
	return nil
}

func displayAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if ok && tcp.IP.IsUnspecified() {
		return fmt.Sprintf("localhost:%d", tcp.Port)
	}
	return a.String()
}

// redactDSN hides the password of a postgres URL before it is logged.
func redactDSN(dsn string) string {
	u, err := url.Parse(dsn)
	if err != nil || u.User == nil {
		return dsn
	}
	return u.Redacted()
}

func envOr(key, def string) string {
	if v, ok := os.LookupEnv(key); ok && v != "" {
		return v
	}
	return def
}

func newLogger(w io.Writer, format, level string) (*slog.Logger, error) {
	var lv slog.Level
	if err := lv.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("bad -log-level %q: %w", level, err)
	}
	opts := &slog.HandlerOptions{Level: lv}
	switch format {
	case "text":
		return slog.New(observe.LogHandler(slog.NewTextHandler(w, opts))), nil
	case "json":
		return slog.New(observe.LogHandler(slog.NewJSONHandler(w, opts))), nil
	}
	return nil, fmt.Errorf("bad -log-format %q: want text or json", format)
}
