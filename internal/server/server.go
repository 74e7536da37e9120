// Package server wires the GraphQL handler, its transports and extensions,
// the playground and the health endpoints into one http.Handler. main only
// parses flags and runs it; tests mount the very same handler.
package server

import (
	"context"
	"log/slog"
	"net/http"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/vektah/gqlparser/v2/ast"

	"github.com/factgraph/factgraph/graph"
	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/loader"
	"github.com/factgraph/factgraph/internal/webingest"
)

// MaxRequestBytes bounds one HTTP request or WebSocket message. An article
// body may be 1 MiB of text; JSON escaping can grow that up to six times
// (\u00e9), so the envelope allows some room above it.
const MaxRequestBytes = 8 * domain.MaxBodyBytes

// Pinger reports whether the database answers, for /readyz.
type Pinger interface {
	Ping(ctx context.Context) error
}

// Config is everything the handler depends on.
type Config struct {
	Store  graph.Store
	Ingest *ingest.Service
	Events *events.Broker
	Log    *slog.Logger
	// DB is pinged by /readyz.
	DB Pinger
	// Feeds manages feed subscriptions; nil leaves the feed fields
	// answering that feeds are not enabled.
	Feeds graph.FeedService
	// PlaygroundAssets is a folder holding the npm packages graphiql,
	// react and react-dom; empty to load them from the CDN.
	PlaygroundAssets string

	Auth    AuthConfig
	Limits  LimitsConfig
	Observe ObserveConfig
	Fetch   FetchConfig
	// Web ingests articles by URL; nil makes one from Ingest and Fetch.
	Web graph.URLIngester
}

// New returns the whole HTTP API: / (GraphiQL), /query (GraphQL), /healthz,
// /readyz and, with PlaygroundAssets, /playground-assets/.
func New(cfg Config) (http.Handler, error) {
	if cfg.Web == nil && cfg.Ingest != nil {
		cfg.Web = &webingest.Service{Fetcher: cfg.Fetch.NewClient(cfg.Log), Ingest: cfg.Ingest, Log: cfg.Log}
	}
	if cfg.Limits.Budget == nil {
		if b := cfg.Auth.NewBudget(); b != nil {
			cfg.Limits.Budget = b
			if mode, err := cfg.Auth.mode(); err == nil && mode == auth.ModeOff {
				cfg.Limits.Budget = localUnlimited{next: b}
			}
		}
	}
	mux := http.NewServeMux()
	gql, err := GraphQL(cfg)
	if err != nil {
		return nil, err
	}
	mux.Handle("/query", WrapLimits(cfg, conformHTTP(limitBody(gql))))
	play, err := playgroundHandler(cfg.PlaygroundAssets)
	if err != nil {
		return nil, err
	}
	mux.Handle("GET /{$}", play)
	if cfg.PlaygroundAssets != "" {
		mux.Handle("GET /playground-assets/", http.StripPrefix("/playground-assets/", assetServer(cfg.PlaygroundAssets)))
	}
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = w.Write([]byte("ok\n"))
	})
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		if err := cfg.DB.Ping(ctx); err != nil {
			cfg.Log.WarnContext(ctx, "readiness check failed", "err", err)
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("database unreachable\n"))
			return
		}
		_, _ = w.Write([]byte("ready\n"))
	})
	if err := routeObserve(cfg, mux); err != nil {
		return nil, err
	}
	// Outermost first: observability sees every request, CORS answers
	// preflights before authentication, authentication before the API.
	var h http.Handler = mux
	h = wrapAuth(cfg, h)
	h = wrapCORS(cfg, h)
	h = wrapObserve(cfg, h)
	return h, nil
}

// connSharer is a store whose connections one request may only partly hold
// (storage.Store): the rest stay free for other requests.
type connSharer interface {
	ShareConns(ctx context.Context) context.Context
}

// Validate reports the mistakes in the settings that New would refuse, and
// needs neither a store nor a database: a command checks its flags with it
// before it opens storage or creates a first API key, so a typo changes
// nothing on disk.
func (c Config) Validate() error {
	if _, err := c.Auth.check(); err != nil {
		return err
	}
	if err := c.Observe.check(); err != nil {
		return err
	}
	if _, err := playgroundHandler(c.PlaygroundAssets); err != nil {
		return err
	}
	return nil
}

// GraphQL returns the gqlgen handler with every transport and extension the
// API promises. Transports are tried in order, so SSE (a POST that accepts
// text/event-stream) comes before plain POST.
func GraphQL(cfg Config) (*handler.Server, error) {
	es := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{
		Store: cfg.Store, Ingest: cfg.Ingest, Events: cfg.Events, Log: cfg.Log, Web: cfg.Web,
		Feeds: cfg.Feeds,
	}})
	srv := handler.New(es)
	readLimit := int64(MaxRequestBytes)
	srv.AddTransport(transport.SSE{})
	srv.AddTransport(transport.POST{})
	srv.AddTransport(transport.GET{})
	srv.AddTransport(transport.Websocket{
		KeepAlivePingInterval: 10 * time.Second,
		InitTimeout:           15 * time.Second,
		PayloadReadLimit:      &readLimit,
		InitFunc:              websocketInit(cfg),
	})
	srv.AddTransport(transport.Options{})

	srv.SetQueryCache(lru.New[*ast.QueryDocument](1000))
	srv.Use(extension.Introspection{})
	srv.Use(extension.AutomaticPersistedQuery{Cache: lru.New[string](1000)})

	srv.SetErrorPresenter(graph.ErrorPresenter(cfg.Log))
	srv.SetRecoverFunc(graph.RecoverFunc(cfg.Log))

	// Subscription messages carry their cursor, and a stream ended by an
	// error says so.
	srv.Use(graph.LiveExtension{Log: cfg.Log})
	// Fresh loaders for every response: per HTTP request, and per event of
	// a subscription, so a long-lived WebSocket never serves stale data.
	srv.AroundResponses(func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		if s, ok := cfg.Store.(connSharer); ok {
			ctx = s.ShareConns(ctx)
		}
		return next(loader.With(ctx, loader.New(cfg.Store)))
	})
	srv.AroundResponses(graph.LogErrorsOnce(cfg.Log))
	// Observability first, so that requests refused by limits or auth are
	// still counted and traced.
	if err := configureObserve(cfg, srv); err != nil {
		return nil, err
	}
	// Input rules before limits, so that refused input is not charged.
	srv.Use(inputGuard{})
	if err := configureLimits(cfg, srv); err != nil {
		return nil, err
	}
	if err := configureAuth(cfg, srv); err != nil {
		return nil, err
	}
	return srv, nil
}
