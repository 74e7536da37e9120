package server

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/felixge/httpsnoop"
	"github.com/rs/cors"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/factgraph/factgraph/graph"
	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/limits"
)

// queryPath is where the GraphQL endpoint is mounted; only requests to it
// are authenticated and held to the browser safety rules.
const queryPath = "/query"

// Default budgets, in query cost units per minute: a key gets what a busy
// integration needs, an anonymous address a third of it.
const (
	DefaultRateLimit          = 60_000
	DefaultRateLimitAnonymous = 20_000
)

// AuthConfig holds the settings of API keys, roles, rate limits and CORS.
// Its zero value turns all of them off, so a Config built in code (tests,
// embedding tools) stays open unless it asks for keys; the command line
// defaults to -auth writes.
type AuthConfig struct {
	// Mode is "off", "writes" or "all" (see auth.Mode); empty means off.
	Mode string
	// Keys holds the API keys. When nil, Config.Store is used if it keeps
	// keys too (the database does).
	Keys auth.KeyStore
	// RateLimit is the budget of each API key in query cost units per
	// minute; 0 means unlimited.
	RateLimit int
	// RateLimitAnonymous is the budget of each anonymous client address in
	// cost units per minute; 0 means unlimited.
	RateLimitAnonymous int
	// Replicas is how many server processes share the database behind one
	// load balancer (-replicas); 0 or 1 for one. Budgets are counted in
	// each process, so each holds RateLimit/Replicas and
	// RateLimitAnonymous/Replicas (rounded up): a caller whose requests
	// are spread evenly gets about the whole budget in all, and one held
	// to one replica (a WebSocket, sticky sessions) gets that replica's
	// share.
	Replicas int
	// CORSOrigins are the browser origins (scheme://host[:port], one "*"
	// wildcard allowed, or "*" alone for any) that may call the API from
	// other sites; empty sends no CORS headers.
	CORSOrigins []string

	// envErrs holds malformed environment variables, reported by the
	// server at start unless the matching flag overrides them.
	envErrs map[string]error
}

// RegisterFlags adds the auth flags to the command line, each defaulting to
// its environment variable.
func (c *AuthConfig) RegisterFlags(fs *flag.FlagSet) {
	c.envErrs = map[string]error{}
	c.Mode = string(auth.ModeWrites)
	if v := os.Getenv("FACTGRAPH_AUTH"); v != "" {
		c.Mode = v
	}
	fs.StringVar(&c.Mode, "auth", c.Mode,
		"who needs an API key: off (nobody), writes (mutations need an editor or admin key) or all (every GraphQL operation needs a key) (env FACTGRAPH_AUTH)")
	c.intFlag(fs, &c.RateLimit, "rate-limit", "FACTGRAPH_RATE_LIMIT", DefaultRateLimit,
		"query cost units per minute for each API key; 0 disables (env FACTGRAPH_RATE_LIMIT)")
	c.intFlag(fs, &c.RateLimitAnonymous, "rate-limit-anonymous", "FACTGRAPH_RATE_LIMIT_ANONYMOUS", DefaultRateLimitAnonymous,
		"query cost units per minute for each anonymous client address; 0 disables (env FACTGRAPH_RATE_LIMIT_ANONYMOUS)")
	c.intFlag(fs, &c.Replicas, "replicas", "FACTGRAPH_REPLICAS", 1,
		"how many replicas share the database behind one load balancer; each enforces 1/N of the rate limits (env FACTGRAPH_REPLICAS)")
	c.CORSOrigins = splitOrigins(os.Getenv("FACTGRAPH_CORS_ORIGINS"))
	fs.Func("cors-origins",
		"comma-separated browser origins allowed to call the API from other sites, e.g. https://newsroom.example; * for any; empty sends no CORS headers (env FACTGRAPH_CORS_ORIGINS)",
		func(s string) error {
			c.CORSOrigins = splitOrigins(s)
			return validateOrigins(c.CORSOrigins)
		})
}

// intFlag registers an integer flag whose default comes from env, keeping
// a malformed variable as an error unless the flag is given.
func (c *AuthConfig) intFlag(fs *flag.FlagSet, p *int, name, env string, def int, usage string) {
	*p = def
	if v := os.Getenv(env); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			c.envErrs[name] = fmt.Errorf("%s=%q: want a whole number of at least 0", env, v)
		} else {
			*p = n
		}
	}
	fs.Func(name, fmt.Sprintf("%s (default %d)", usage, def), func(s string) error {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			return fmt.Errorf("want a whole number of at least 0")
		}
		*p = n
		delete(c.envErrs, name)
		return nil
	})
}

// NewBudget returns the per-caller rate budget the settings ask for, to be
// charged with the cost of each operation (it implements limits.Budget);
// nil, which allows everything, when both rates are 0. Make one per server:
// callers are only held to a budget within one Budget.
func (c AuthConfig) NewBudget() *auth.Budget {
	return auth.NewBudget(share(c.RateLimit, c.Replicas), share(c.RateLimitAnonymous, c.Replicas), auth.DefaultMaxBuckets)
}

// share is one replica's part of a budget, rounded up so that no positive
// budget becomes 0 (unlimited).
func share(budget, replicas int) int {
	if replicas <= 1 || budget <= 0 {
		return budget
	}
	return (budget + replicas - 1) / replicas
}

// Bootstrap makes sure a fresh server that needs keys can be used at once:
// when keys are on and no key was ever made, it creates an admin key and
// prints its secret to w, once. When every key has been revoked it makes
// none and says so on w. keys is where keys live (the database);
// AuthConfig.Keys wins when set.
func (c AuthConfig) Bootstrap(ctx context.Context, keys auth.KeyStore, w io.Writer, log *slog.Logger) error {
	mode, err := c.mode()
	if err != nil || mode == auth.ModeOff {
		return err
	}
	if c.Keys != nil {
		keys = c.Keys
	}
	if keys == nil {
		return errors.New("auth: no key store to bootstrap")
	}
	secret, key, created, err := auth.NewKeys(keys, log).Bootstrap(ctx)
	switch {
	case err != nil:
		return err
	case !created && !key.Active():
		if log != nil {
			log.WarnContext(ctx, "every API key is revoked; requests that need a key are refused until one is created", "last_revoked_key_id", key.ID)
		}
		return auth.WriteAllRevokedNotice(w, key)
	case !created:
		return nil
	}
	if log != nil {
		log.InfoContext(ctx, "created the first API key", "key_id", key.ID, "role", key.Role)
	}
	return auth.WriteBootstrapNotice(w, secret, key)
}

func (c AuthConfig) mode() (auth.Mode, error) {
	if c.Mode == "" {
		return auth.ModeOff, nil
	}
	m, err := auth.ParseMode(c.Mode)
	if err != nil {
		return "", fmt.Errorf("-auth: %w", err)
	}
	return m, nil
}

// check reports malformed settings (environment variables, mode, rates,
// origins) without needing a key store, and returns the mode.
func (c AuthConfig) check() (auth.Mode, error) {
	if len(c.envErrs) > 0 {
		errs := make([]error, 0, len(c.envErrs))
		for _, err := range c.envErrs {
			errs = append(errs, err)
		}
		return "", errors.Join(errs...)
	}
	mode, err := c.mode()
	if err != nil {
		return "", err
	}
	if c.RateLimit < 0 || c.RateLimitAnonymous < 0 {
		return "", errors.New("rate limits must not be negative")
	}
	if err := validateOrigins(c.CORSOrigins); err != nil {
		return "", fmt.Errorf("-cors-origins: %w", err)
	}
	return mode, nil
}

// authState is what the auth wiring needs at run time, derived once per
// handler from the settings.
type authState struct {
	mode auth.Mode
	keys *auth.Keys // nil when mode is off
	cors *cors.Cors // nil without origins
	log  *slog.Logger
}

// resolveAuth checks the settings and prepares them for serving.
func resolveAuth(cfg Config) (*authState, error) {
	c := cfg.Auth
	mode, err := c.check()
	if err != nil {
		return nil, err
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	st := &authState{mode: mode, log: log}
	if mode != auth.ModeOff {
		store := c.Keys
		if store == nil {
			store, _ = cfg.Store.(auth.KeyStore)
		}
		if store == nil {
			return nil, fmt.Errorf("-auth %s needs a key store, and the configured store keeps no keys", mode)
		}
		st.keys = auth.NewKeys(store, log)
	}
	if len(c.CORSOrigins) > 0 {
		st.cors = cors.New(cors.Options{
			AllowedOrigins: c.CORSOrigins,
			AllowedMethods: []string{http.MethodGet, http.MethodPost, http.MethodOptions},
			AllowedHeaders: []string{"Authorization", "Content-Type"},
			ExposedHeaders: []string{"Retry-After", "WWW-Authenticate"},
			MaxAge:         600,
			// Keys travel in the Authorization header, never in
			// cookies, so browsers need not send credentials; this is
			// also what makes "*" safe.
			AllowCredentials: false,
		})
	}
	return st, nil
}

// configureAuth checks the settings and makes every operation pass the
// permission check of its kind, whatever the transport: the operation type
// is only known once the query is parsed, which is why this happens here and
// not in the HTTP middleware.
func configureAuth(cfg Config, srv *handler.Server) error {
	st, err := resolveAuth(cfg)
	if err != nil {
		return fmt.Errorf("auth: %w", err)
	}
	if st.mode == auth.ModeOff {
		return nil
	}
	present := graph.ErrorPresenter(st.log)
	revoked := &revocations{keys: st.keys, log: st.log, every: RevocationCheck, watched: map[int64]*watchedKey{}}
	if st.mode == auth.ModeAll {
		srv.Use(keyBeforeParse{st: st})
	}
	srv.AroundOperations(func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		op := auth.Read
		oc := graphql.GetOperationContext(ctx)
		if oc.Operation != nil && oc.Operation.Operation == ast.Mutation {
			op = auth.Write
		}
		p, credErr := auth.FromContext(ctx)
		if credErr == nil && p.Lasting() {
			// A WebSocket authenticated once; its key may have been
			// revoked since.
			if p, credErr = st.keys.Recheck(ctx, p); credErr == nil {
				ctx = auth.With(ctx, p, nil)
			}
		}
		if err := auth.Authorize(st.mode, op, p, credErr); err != nil {
			st.log.DebugContext(ctx, "operation refused", "principal", p.String(), "code", domain.ErrorCode(err))
			switch domain.ErrorCode(err) {
			case domain.EUNAUTHENTICATED:
				auth.SetReply(ctx, http.StatusUnauthorized, "WWW-Authenticate", `Bearer realm="factgraph"`)
			case domain.EFORBIDDEN:
				auth.SetReply(ctx, http.StatusForbidden, "", "")
			}
			return graphql.OneShot(&graphql.Response{Errors: gqlerror.List{present(ctx, err)}})
		}
		if !p.Anonymous() && oc.Operation != nil && oc.Operation.Operation == ast.Subscription {
			ctx = graph.EndOn(ctx, revoked.watch(ctx, p))
		}
		return next(ctx)
	})
	return nil
}

// RevocationCheck is how often the keys of open subscriptions are checked
// against the database, so that revoking a key (from any process: the
// command line, another replica) ends its subscriptions within a second.
// It costs one indexed read per key with open subscriptions per check.
const RevocationCheck = 250 * time.Millisecond

// revocations ends the subscriptions of keys revoked while they run.
type revocations struct {
	keys  *auth.Keys
	log   *slog.Logger
	every time.Duration

	mu      sync.Mutex
	watched map[int64]*watchedKey // by key ID
	running bool
}

// watchedKey is one key with open subscriptions, each told on its channel
// when the key is found revoked.
type watchedKey struct {
	p    auth.Principal
	subs map[chan error]struct{}
}

// watch returns a channel that yields an error when p's key is revoked,
// for as long as ctx (the subscription) lasts.
func (r *revocations) watch(ctx context.Context, p auth.Principal) <-chan error {
	ch := make(chan error, 1)
	r.mu.Lock()
	wk := r.watched[p.KeyID]
	if wk == nil {
		wk = &watchedKey{p: p, subs: map[chan error]struct{}{}}
		r.watched[p.KeyID] = wk
	}
	wk.subs[ch] = struct{}{}
	if !r.running {
		r.running = true
		go r.check()
	}
	r.mu.Unlock()
	context.AfterFunc(ctx, func() {
		r.mu.Lock()
		defer r.mu.Unlock()
		delete(wk.subs, ch)
		if len(wk.subs) == 0 && r.watched[p.KeyID] == wk {
			delete(r.watched, p.KeyID)
		}
	})
	return ch
}

// check looks up every watched key each period while any is watched.
func (r *revocations) check() {
	tick := time.NewTicker(r.every)
	defer tick.Stop()
	for range tick.C {
		r.mu.Lock()
		if len(r.watched) == 0 {
			r.running = false
			r.mu.Unlock()
			return
		}
		keys := make([]auth.Principal, 0, len(r.watched))
		for _, wk := range r.watched {
			keys = append(keys, wk.p)
		}
		r.mu.Unlock()
		for _, p := range keys {
			ctx, cancel := context.WithTimeout(context.Background(), 5*r.every)
			_, err := r.keys.Recheck(ctx, p)
			cancel()
			switch domain.ErrorCode(err) {
			case "":
			case domain.EUNAUTHENTICATED:
				r.revoke(p.KeyID)
			default:
				r.log.Warn("checking an API key for revocation", "key_id", p.KeyID, "err", err)
			}
		}
	}
}

// revoke ends every subscription of a revoked key.
func (r *revocations) revoke(id int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	wk := r.watched[id]
	if wk == nil {
		return
	}
	delete(r.watched, id)
	r.log.Info("API key revoked: ending its subscriptions", "key_id", id, "subscriptions", len(wk.subs))
	for ch := range wk.subs {
		ch <- domain.Errorf(domain.EUNAUTHENTICATED, "API key %d was revoked; this subscription has ended", id)
	}
}

// keyBeforeParse refuses a caller without a valid key under -auth all
// before the query is even parsed, so that such a caller learns nothing of
// the schema: not from validation errors, which name fields and suggest
// others.
type keyBeforeParse struct{ st *authState }

// ExtensionName implements graphql.HandlerExtension.
func (keyBeforeParse) ExtensionName() string { return "KeyBeforeParse" }

// Validate implements graphql.HandlerExtension.
func (keyBeforeParse) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters implements graphql.OperationParameterMutator.
func (k keyBeforeParse) MutateOperationParameters(ctx context.Context, _ *graphql.RawParams) *gqlerror.Error {
	p, credErr := auth.FromContext(ctx)
	err := auth.Authorize(k.st.mode, auth.Read, p, credErr)
	if err == nil || domain.ErrorCode(err) != domain.EUNAUTHENTICATED {
		return nil
	}
	auth.SetReply(ctx, http.StatusUnauthorized, "WWW-Authenticate", `Bearer realm="factgraph"`)
	return &gqlerror.Error{Message: domain.ErrorMessage(err), Err: fmt.Errorf("auth: %w", err)}
}

// websocketClosedForbidden is the close code graphql-transport-ws reserves
// for a refused connection_init.
const websocketClosedForbidden = 4403

// websocketInit authenticates a WebSocket from its connection_init payload
// ({"Authorization": "Bearer <key>"}; browsers cannot set headers on a
// WebSocket), falling back to the upgrade request's header. A bad key, or no
// key when every operation needs one, closes the connection at once.
func websocketInit(cfg Config) transport.WebsocketInitFunc {
	st, err := resolveAuth(cfg)
	if err != nil || st.mode == auth.ModeOff {
		return nil
	}
	return func(ctx context.Context, payload transport.InitPayload) (context.Context, *transport.InitPayload, error) {
		p, credErr := auth.FromContext(ctx)
		if h := payload.Authorization(); h != "" {
			p, credErr = st.keys.Authenticate(ctx, h, p.IP)
		}
		if credErr == nil && st.mode == auth.ModeAll {
			credErr = auth.Authorize(st.mode, auth.Read, p, nil)
		}
		if credErr != nil {
			if domain.ErrorCode(credErr) == domain.EINTERNAL {
				st.log.ErrorContext(ctx, "websocket authentication failed", "err", credErr)
			}
			ctx = transport.WithWebsocketCloseCode(ctx, websocketClosedForbidden)
			ctx = transport.AppendCloseReason(ctx, "Forbidden")
			return ctx, nil, errors.New(domain.ErrorMessage(credErr))
		}
		return auth.With(ctx, p.ForConnection(), nil), nil, nil
	}
}

// wrapAuth puts the caller into every request's context: the principal of
// the API key in the Authorization header, or anonymous with the client's
// address; a bad key is kept as an error for the operation to report. Keys
// are only looked up for the GraphQL endpoint, so health probes and the
// playground never touch the database. It also lets refusals set the HTTP
// status (401, 403) of plain HTTP answers.
func wrapAuth(cfg Config, next http.Handler) http.Handler {
	st, err := resolveAuth(cfg)
	if err != nil {
		st = &authState{mode: auth.ModeOff}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ip := clientIP(r)
		p, credErr := auth.Anonymous(ip), error(nil)
		if st.keys != nil && r.URL.Path == queryPath {
			p, credErr = st.keys.Authenticate(r.Context(), r.Header.Get("Authorization"), ip)
		}
		ctx := auth.With(r.Context(), p, credErr)
		ctx, reply := auth.WithReply(ctx)
		next.ServeHTTP(replyWriter(w, reply), r.WithContext(ctx))
	})
}

// clientIP is the address the connection comes from. Forwarding headers are
// not trusted: anyone can send them to dodge the anonymous budget.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// replyWriter applies reply's status and headers when the response starts,
// keeping the writer's optional interfaces (flushing for server-sent events,
// hijacking for WebSockets).
func replyWriter(w http.ResponseWriter, reply *auth.Reply) http.ResponseWriter {
	var (
		mu      sync.Mutex
		started bool
	)
	// start returns the status to send instead of code when the response
	// starts now, and whether it does.
	start := func(code int) (int, bool) {
		mu.Lock()
		defer mu.Unlock()
		if started || code < http.StatusOK {
			return code, false
		}
		started = true
		return reply.Apply(w.Header(), code), true
	}
	implicit := func() {
		if code, now := start(http.StatusOK); now && code != http.StatusOK {
			w.WriteHeader(code)
		}
	}
	return httpsnoop.Wrap(w, httpsnoop.Hooks{
		WriteHeader: func(next httpsnoop.WriteHeaderFunc) httpsnoop.WriteHeaderFunc {
			return func(code int) {
				code, _ = start(code)
				next(code)
			}
		},
		Write: func(next httpsnoop.WriteFunc) httpsnoop.WriteFunc {
			return func(b []byte) (int, error) {
				implicit()
				return next(b)
			}
		},
		ReadFrom: func(next httpsnoop.ReadFromFunc) httpsnoop.ReadFromFunc {
			return func(src io.Reader) (int64, error) {
				implicit()
				return next(src)
			}
		},
		Flush: func(next httpsnoop.FlushFunc) httpsnoop.FlushFunc {
			return func() {
				implicit()
				next()
			}
		},
	})
}

// wrapCORS makes the API safe to expose to browsers. It answers CORS
// preflights for the allowed origins; it accepts WebSockets only from the
// server's own origin or an allowed one (browsers send cookies and skip
// CORS on WebSockets); and it accepts POSTs to the GraphQL endpoint only
// with a JSON content type, which no HTML form can send, so another site can
// only post to the API after a preflight that CORS approves.
func wrapCORS(cfg Config, next http.Handler) http.Handler {
	st, err := resolveAuth(cfg)
	if err != nil {
		st = &authState{}
	}
	h := requireJSONPost(next)
	h = checkWebsocketOrigin(st.cors, h)
	if st.cors != nil {
		h = st.cors.Handler(h)
	}
	return h
}

// requireJSONPost refuses POSTs to the GraphQL endpoint whose body is not
// JSON. text/plain, application/x-www-form-urlencoded and
// multipart/form-data are what a browser may send cross-site without
// asking; refusing them is what makes mutations immune to cross-site
// request forgery. application/graphql-response+json is accepted as a
// request type for clients that send it, and handed on as JSON.
func requireJSONPost(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != queryPath {
			next.ServeHTTP(w, r)
			return
		}
		ct := r.Header.Get("Content-Type")
		mt, params, err := mime.ParseMediaType(ct)
		switch {
		case err == nil && mt == "application/json":
		case err == nil && mt == "application/graphql-response+json":
			r = r.Clone(r.Context())
			r.Header.Set("Content-Type", mime.FormatMediaType("application/json", params))
		default:
			writeRequestError(w, http.StatusUnsupportedMediaType, graph.CodeBadUserInput,
				fmt.Sprintf("POST %s needs Content-Type: application/json (got %q); form, multipart and text/plain bodies are refused so that other sites cannot post without CORS approval", queryPath, ct))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// checkWebsocketOrigin refuses WebSocket upgrades from other sites unless
// their origin is allowed. Accepted cross-site requests go on without their
// Origin header: it has been checked here, against the same list CORS uses,
// and the WebSocket library would otherwise refuse every other site.
func checkWebsocketOrigin(c *cors.Cors, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		if origin == "" || !strings.EqualFold(r.Header.Get("Upgrade"), "websocket") || sameOrigin(r, origin) {
			next.ServeHTTP(w, r)
			return
		}
		if c == nil || !c.OriginAllowed(r) {
			writeRequestError(w, http.StatusForbidden, graph.CodeForbidden,
				fmt.Sprintf("WebSocket connections from origin %q are not allowed", origin))
			return
		}
		r = r.Clone(r.Context())
		r.Header.Del("Origin")
		next.ServeHTTP(w, r)
	})
}

// sameOrigin reports whether origin names the host the request was sent to.
func sameOrigin(r *http.Request, origin string) bool {
	u, err := url.Parse(origin)
	return err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host)
}

// writeRequestError answers with a GraphQL response holding one coded
// request error.
func writeRequestError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": code}}},
	})
}

// splitOrigins reads a comma-separated list, ignoring blanks.
func splitOrigins(s string) []string {
	var out []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(o); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// validateOrigins checks that each entry is a browser origin: "*" alone, or
// http(s)://host[:port] with at most one "*" wildcard, nothing after it.
func validateOrigins(origins []string) error {
	for _, o := range origins {
		if o == "*" {
			if len(origins) > 1 {
				return errors.New(`"*" allows every origin and must stand alone`)
			}
			continue
		}
		scheme, host, ok := strings.Cut(o, "://")
		if !ok || (scheme != "http" && scheme != "https") || host == "" ||
			strings.ContainsAny(host, "/?#@ ") || strings.Count(o, "*") > 1 {
			return fmt.Errorf("%q is not an origin like https://newsroom.example or https://*.newsroom.example", o)
		}
	}
	return nil
}

// The budget made by AuthConfig.NewBudget is what the limits extension
// charges.
var _ limits.Budget = (*auth.Budget)(nil)
