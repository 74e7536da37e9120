package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/coder/websocket"
	"github.com/coder/websocket/wsjson"

	"github.com/factgraph/factgraph/graph"
	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
)

// authEnv is one running API with authentication settings, over a real
// SQLite file.
type authEnv struct {
	store   *storage.Store
	handler http.Handler
}

func newAuthEnv(t *testing.T, ac server.AuthConfig) *authEnv {
	t.Helper()
	e := newEnvWith(t, slog.New(slog.DiscardHandler), func(c *server.Config) { c.Auth = ac })
	return &authEnv{store: e.store, handler: e.handler}
}

// key creates an API key directly in the store and returns its secret.
func (e *authEnv) key(t *testing.T, role auth.Role) (string, auth.Key) {
	t.Helper()
	secret, k, err := auth.NewKeys(e.store, nil).Create(t.Context(), "test "+string(role), role)
	if err != nil {
		t.Fatal(err)
	}
	return secret, k
}

// answer is one HTTP answer of the GraphQL endpoint.
type answer struct {
	status int
	header http.Header
	data   json.RawMessage
	errors []gqlError
	body   string
}

func (a answer) code() string {
	if len(a.errors) == 0 {
		return ""
	}
	c, _ := a.errors[0].Extensions["code"].(string)
	return c
}

// do sends r to the handler and decodes the GraphQL answer.
func (e *authEnv) do(t *testing.T, r *http.Request) answer {
	t.Helper()
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, r)
	a := answer{status: rec.Code, header: rec.Header(), body: rec.Body.String()}
	var resp struct {
		Data   json.RawMessage
		Errors []gqlError
	}
	if strings.Contains(rec.Header().Get("Content-Type"), "json") {
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatalf("decode %q: %v", rec.Body.String(), err)
		}
	}
	a.data, a.errors = resp.Data, resp.Errors
	return a
}

// post sends a GraphQL POST with an optional bearer secret.
func (e *authEnv) post(t *testing.T, secret, query string, vars map[string]any) answer {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	r := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if secret != "" {
		r.Header.Set("Authorization", "Bearer "+secret)
	}
	return e.do(t, r)
}

func (e *authEnv) count(t *testing.T) int {
	t.Helper()
	var n int
	if err := e.store.DB().Raw("SELECT count(*) FROM articles").Scan(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}

var testInput = map[string]any{"title": "Port strike", "body": "The union said 3,000 dockers walked out."}

const countQuery = `{ articles { totalCount } }`

func TestAuthWritesMode(t *testing.T) {
	e := newAuthEnv(t, server.AuthConfig{Mode: "writes"})
	reader, _ := e.key(t, auth.RoleReader)
	editor, _ := e.key(t, auth.RoleEditor)
	admin, _ := e.key(t, auth.RoleAdmin)
	in := map[string]any{"in": testInput}

	if a := e.post(t, "", countQuery, nil); a.status != http.StatusOK || len(a.errors) > 0 || !strings.Contains(string(a.data), `"totalCount":0`) {
		t.Fatalf("anonymous query: %d %s", a.status, a.body)
	}
	a := e.post(t, "", ingestMutation, in)
	if a.code() != "UNAUTHENTICATED" || a.status != http.StatusUnauthorized || !strings.HasPrefix(a.header.Get("WWW-Authenticate"), "Bearer") {
		t.Fatalf("anonymous mutation: %d %v %s", a.status, a.header, a.body)
	}
	if !strings.Contains(a.errors[0].Message, "Authorization: Bearer") {
		t.Fatalf("the refusal does not say how to authenticate: %s", a.errors[0].Message)
	}
	if n := e.count(t); n != 0 {
		t.Fatalf("a refused mutation stored %d articles", n)
	}
	if a := e.post(t, reader, ingestMutation, in); a.code() != "FORBIDDEN" || a.status != http.StatusForbidden {
		t.Fatalf("reader mutation: %d %s", a.status, a.body)
	}
	if n := e.count(t); n != 0 {
		t.Fatalf("a reader stored %d articles", n)
	}
	if a := e.post(t, reader, countQuery, nil); len(a.errors) > 0 {
		t.Fatalf("reader query: %s", a.body)
	}
	if a := e.post(t, editor, ingestMutation, in); a.status != http.StatusOK || len(a.errors) > 0 || !strings.Contains(string(a.data), `"created":true`) {
		t.Fatalf("editor mutation: %d %s", a.status, a.body)
	}
	if a := e.post(t, admin, ingestMutation, map[string]any{"in": map[string]any{"title": "Dam", "body": "Officials said 40 homes were flooded."}}); len(a.errors) > 0 {
		t.Fatalf("admin mutation: %s", a.body)
	}
	if n := e.count(t); n != 2 {
		t.Fatalf("stored %d articles, want 2", n)
	}
}

func TestAuthBadKeysAreRefusedEvenForReads(t *testing.T) {
	e := newAuthEnv(t, server.AuthConfig{Mode: "writes"})
	secret, k := e.key(t, auth.RoleEditor)
	if a := e.post(t, secret, countQuery, nil); len(a.errors) > 0 {
		t.Fatalf("good key: %s", a.body)
	}
	used, _ := e.store.APIKeyByHash(t.Context(), k.Hash)
	if used.LastUsedAt == nil {
		t.Fatal("last use not recorded")
	}
	if _, err := e.store.RevokeAPIKey(t.Context(), k.ID); err != nil {
		t.Fatal(err)
	}
	unknown, _, _ := auth.NewSecret()
	for name, s := range map[string]string{"revoked": secret, "unknown": unknown, "malformed": "letmein"} {
		a := e.post(t, s, countQuery, nil)
		if a.code() != "UNAUTHENTICATED" || a.status != http.StatusUnauthorized || len(a.errors) != 1 {
			t.Errorf("%s key: %d %s", name, a.status, a.body)
		}
		if strings.Contains(a.body, s) {
			t.Errorf("%s key: the answer repeats the secret", name)
		}
	}
	r := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{"query":"{ articles { totalCount } }"}`))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Basic dXNlcjpwYXNz")
	if a := e.do(t, r); a.code() != "UNAUTHENTICATED" {
		t.Errorf("basic auth: %s", a.body)
	}
}

func TestAuthAllMode(t *testing.T) {
	e := newAuthEnv(t, server.AuthConfig{Mode: "all"})
	reader, _ := e.key(t, auth.RoleReader)
	a := e.post(t, "", countQuery, nil)
	if a.code() != "UNAUTHENTICATED" || a.status != http.StatusUnauthorized || string(a.data) != "" && string(a.data) != "null" {
		t.Fatalf("anonymous query: %d %s", a.status, a.body)
	}
	if a := e.post(t, "", `{ __schema { queryType { name } } }`, nil); a.code() != "UNAUTHENTICATED" {
		t.Fatalf("anonymous introspection: %s", a.body)
	}
	if a := e.post(t, reader, countQuery, nil); len(a.errors) > 0 {
		t.Fatalf("reader query: %s", a.body)
	}
	if a := e.post(t, reader, ingestMutation, map[string]any{"in": testInput}); a.code() != "FORBIDDEN" {
		t.Fatalf("reader mutation: %s", a.body)
	}

	get := func(path, secret string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodGet, path, nil)
		if secret != "" {
			r.Header.Set("Authorization", "Bearer "+secret)
		}
		e.handler.ServeHTTP(rec, r)
		return rec
	}
	for _, p := range []string{"/", "/healthz", "/readyz"} {
		if rec := get(p, ""); rec.Code != http.StatusOK {
			t.Errorf("GET %s without a key: %d", p, rec.Code)
		}
		if rec := get(p, "letmein"); rec.Code != http.StatusOK {
			t.Errorf("GET %s with a bad key: %d", p, rec.Code)
		}
	}
	q := "/query?query=" + url.QueryEscape(countQuery)
	if rec := get(q, ""); rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "UNAUTHENTICATED") {
		t.Errorf("GET query without a key: %d %s", rec.Code, rec.Body.String())
	}
	if rec := get(q, reader); rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"totalCount":0`) {
		t.Errorf("GET query with a key: %d %s", rec.Code, rec.Body.String())
	}
}

func TestAuthOffMode(t *testing.T) {
	for _, mode := range []string{"", "off"} {
		e := newAuthEnv(t, server.AuthConfig{Mode: mode})
		if a := e.post(t, "letmein", ingestMutation, map[string]any{"in": testInput}); len(a.errors) > 0 {
			t.Fatalf("mode %q: %s", mode, a.body)
		}
	}
}

func TestAuthSettingsAreChecked(t *testing.T) {
	store, err := storage.Open(t.Context(), filepath.Join(t.TempDir(), "x.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	for _, ac := range []server.AuthConfig{
		{Mode: "some"},
		{Mode: "writes", CORSOrigins: []string{"*", "https://a.example"}},
		{CORSOrigins: []string{"newsroom.example"}},
		{CORSOrigins: []string{"https://a.example/path"}},
		{RateLimit: -1},
	} {
		if _, err := server.New(server.Config{Store: store, DB: store, Auth: ac}); err == nil {
			t.Errorf("%+v accepted", ac)
		}
	}
	// Keys need somewhere to live.
	if _, err := server.New(server.Config{Store: keylessStore{store}, DB: store, Auth: server.AuthConfig{Mode: "writes"}}); err == nil {
		t.Error("auth without a key store accepted")
	}
}

// keylessStore serves the API but keeps no keys.
type keylessStore struct{ graph.Store }

func TestAuthFlags(t *testing.T) {
	parse := func(args ...string) (server.AuthConfig, error) {
		var c server.AuthConfig
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		c.RegisterFlags(fs)
		return c, fs.Parse(args)
	}
	c, err := parse()
	if err != nil || c.Mode != "writes" || c.RateLimit != 60000 || c.RateLimitAnonymous != 20000 || len(c.CORSOrigins) != 0 {
		t.Fatalf("defaults: %+v, %v", c, err)
	}
	c, err = parse("-auth", "all", "-rate-limit", "0", "-rate-limit-anonymous", "5", "-cors-origins", "https://a.example, https://*.b.example")
	if err != nil || c.Mode != "all" || c.RateLimit != 0 || c.RateLimitAnonymous != 5 || len(c.CORSOrigins) != 2 || c.CORSOrigins[1] != "https://*.b.example" {
		t.Fatalf("flags: %+v, %v", c, err)
	}
	if _, err := parse("-cors-origins", "a.example"); err == nil {
		t.Fatal("a bad origin was accepted")
	}
	if _, err := parse("-rate-limit", "lots"); err == nil {
		t.Fatal("a bad rate was accepted")
	}
	if c, err := parse("-replicas", "3"); err != nil || c.Replicas != 3 {
		t.Fatalf("-replicas 3: %+v, %v", c, err)
	}
	t.Setenv("FACTGRAPH_AUTH", "off")
	t.Setenv("FACTGRAPH_RATE_LIMIT", "100")
	t.Setenv("FACTGRAPH_CORS_ORIGINS", "https://a.example")
	c, err = parse()
	if err != nil || c.Mode != "off" || c.RateLimit != 100 || len(c.CORSOrigins) != 1 {
		t.Fatalf("environment: %+v, %v", c, err)
	}
	c, _ = parse("-auth", "writes")
	if c.Mode != "writes" {
		t.Fatal("the flag does not win over the environment")
	}
	// A malformed variable stops the server, unless the flag overrides it.
	t.Setenv("FACTGRAPH_RATE_LIMIT", "lots")
	c, _ = parse()
	if _, err := server.New(server.Config{Auth: c}); err == nil || !strings.Contains(err.Error(), "FACTGRAPH_RATE_LIMIT") {
		t.Fatalf("malformed environment: %v", err)
	}
	c, _ = parse("-rate-limit", "7")
	if c.RateLimit != 7 {
		t.Fatalf("flag over malformed environment: %+v", c)
	}
}

func TestBootstrapKey(t *testing.T) {
	e := newAuthEnv(t, server.AuthConfig{Mode: "writes"})
	ac := server.AuthConfig{Mode: "writes"}
	var out bytes.Buffer
	if err := ac.Bootstrap(t.Context(), e.store, &out, nil); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	_, rest, ok := strings.Cut(text, `{"Authorization": "Bearer `)
	if !ok {
		t.Fatalf("notice lacks the header to paste:\n%s", text)
	}
	secret, _, _ := strings.Cut(rest, `"`)
	if !strings.HasPrefix(secret, auth.SecretPrefix) || strings.Count(text, secret) != 2 {
		t.Fatalf("notice:\n%s", text)
	}
	if a := e.post(t, secret, ingestMutation, map[string]any{"in": testInput}); len(a.errors) > 0 {
		t.Fatalf("the bootstrap key cannot ingest: %s", a.body)
	}
	keys, _ := e.store.ListAPIKeys(t.Context())
	if len(keys) != 1 || keys[0].Role != auth.RoleAdmin {
		t.Fatalf("keys after bootstrap: %+v", keys)
	}

	// The second start finds the key and prints nothing.
	out.Reset()
	if err := ac.Bootstrap(t.Context(), e.store, &out, nil); err != nil || out.Len() != 0 {
		t.Fatalf("second start: %q, %v", out.String(), err)
	}
	// Without keys, nothing is made.
	e2 := newAuthEnv(t, server.AuthConfig{})
	if err := (server.AuthConfig{Mode: "off"}).Bootstrap(t.Context(), e2.store, &out, nil); err != nil || out.Len() != 0 {
		t.Fatalf("auth off: %q, %v", out.String(), err)
	}
	if keys, _ := e2.store.ListAPIKeys(t.Context()); len(keys) != 0 {
		t.Fatalf("auth off made keys: %+v", keys)
	}
}

// TestRateLimitSharedByReplicas: with -replicas 3 each process holds a
// third of each budget (rounded up), so three replicas together allow
// about the whole budget.
func TestRateLimitSharedByReplicas(t *testing.T) {
	b := server.AuthConfig{RateLimit: 1000, RateLimitAnonymous: 10, Replicas: 3}.NewBudget()
	ctx := auth.With(context.Background(), auth.Anonymous("192.0.2.1"), nil)
	if left, _, ok := b.Take(ctx, 4); !ok || left != 0 {
		t.Fatalf("first 4 of a 10/3 share: left %d, ok %t", left, ok)
	}
	if _, _, ok := b.Take(ctx, 1); ok {
		t.Fatal("a replica allowed more than its share of the anonymous budget")
	}
	if one := (server.AuthConfig{RateLimit: 1000, Replicas: 1}).NewBudget(); one == nil {
		t.Fatal("one replica: no budget")
	}
}

func TestRateLimitPerCaller(t *testing.T) {
	e := newAuthEnv(t, server.AuthConfig{Mode: "writes", RateLimit: 1000, RateLimitAnonymous: 3})
	reader, _ := e.key(t, auth.RoleReader)
	// The first query may use the whole (full) bucket; the next cannot.
	if a := e.post(t, "", countQuery, nil); len(a.errors) > 0 {
		t.Fatalf("first query: %s", a.body)
	}
	a := e.post(t, "", countQuery, nil)
	if a.code() != "RATE_LIMITED" || a.status != http.StatusTooManyRequests {
		t.Fatalf("over budget: %d %s", a.status, a.body)
	}
	if ra := a.header.Get("Retry-After"); ra == "" || ra == "0" {
		t.Fatalf("Retry-After %q", ra)
	}
	// A key has its own budget, even from the same address.
	if a := e.post(t, reader, countQuery, nil); len(a.errors) > 0 {
		t.Fatalf("key query: %s", a.body)
	}
}

func TestCORS(t *testing.T) {
	const allowed = "https://newsroom.example"
	e := newAuthEnv(t, server.AuthConfig{Mode: "writes", CORSOrigins: []string{allowed}})
	preflight := func(h http.Handler, origin string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodOptions, "/query", nil)
		r.Header.Set("Origin", origin)
		r.Header.Set("Access-Control-Request-Method", http.MethodPost)
		r.Header.Set("Access-Control-Request-Headers", "authorization,content-type")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		return rec
	}
	rec := preflight(e.handler, allowed)
	h := rec.Header()
	if rec.Code >= 300 || h.Get("Access-Control-Allow-Origin") != allowed ||
		!strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "authorization") ||
		!strings.Contains(h.Get("Access-Control-Allow-Methods"), http.MethodPost) ||
		h.Get("Access-Control-Allow-Credentials") != "" {
		t.Fatalf("allowed preflight: %d %v", rec.Code, h)
	}
	rec = preflight(e.handler, "https://evil.example")
	if v := rec.Header().Get("Access-Control-Allow-Origin"); v != "" {
		t.Fatalf("disallowed preflight allowed %q", v)
	}
	// The answer itself carries the header for the allowed origin only.
	for origin, want := range map[string]string{allowed: allowed, "https://evil.example": ""} {
		r := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{"query":"{ articles { totalCount } }"}`))
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("Origin", origin)
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, r)
		if got := rec.Header().Get("Access-Control-Allow-Origin"); got != want {
			t.Errorf("POST from %s: Allow-Origin %q, want %q", origin, got, want)
		}
	}
	// Without origins, no CORS headers at all.
	plain := newAuthEnv(t, server.AuthConfig{Mode: "writes"})
	if v := preflight(plain.handler, allowed).Header().Get("Access-Control-Allow-Origin"); v != "" {
		t.Fatalf("CORS header %q without any allowed origin", v)
	}
	// "*" allows any origin, without credentials.
	star := newAuthEnv(t, server.AuthConfig{Mode: "writes", CORSOrigins: []string{"*"}})
	rec = preflight(star.handler, "https://any.example")
	if rec.Header().Get("Access-Control-Allow-Origin") == "" || rec.Header().Get("Access-Control-Allow-Credentials") != "" {
		t.Fatalf("* preflight: %v", rec.Header())
	}
}

func TestOnlyJSONPostsAreAccepted(t *testing.T) {
	e := newAuthEnv(t, server.AuthConfig{Mode: "off"})
	mutation := `mutation { ingestArticle(input: {title: "T", body: "Officials said 7 ships arrived."}) { created } }`
	jsonBody, _ := json.Marshal(map[string]any{"query": mutation})
	form := url.Values{"query": {mutation}}.Encode()
	for ct, body := range map[string]string{
		"text/plain":                        string(jsonBody),
		"text/plain;charset=UTF-8":          string(jsonBody),
		"application/x-www-form-urlencoded": form,
		"multipart/form-data; boundary=xx":  "--xx\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\n" + mutation + "\r\n--xx--\r\n",
		"":                                  string(jsonBody),
	} {
		r := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
		if ct != "" {
			r.Header.Set("Content-Type", ct)
		}
		a := e.do(t, r)
		if a.status != http.StatusUnsupportedMediaType || a.code() != "BAD_USER_INPUT" || !strings.Contains(a.errors[0].Message, "application/json") {
			t.Errorf("%q: %d %s", ct, a.status, a.body)
		}
	}
	if n := e.count(t); n != 0 {
		t.Fatalf("refused posts stored %d articles", n)
	}
	// GET never runs mutations, whatever the key.
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/query?query="+url.QueryEscape(mutation), nil))
	if rec.Code == http.StatusOK || e.count(t) != 0 {
		t.Fatalf("GET mutation: %d %s", rec.Code, rec.Body.String())
	}
	// The GraphQL response type is accepted as a request type.
	r := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(jsonBody))
	r.Header.Set("Content-Type", "application/graphql-response+json; charset=utf-8")
	if a := e.do(t, r); a.status != http.StatusOK || len(a.errors) > 0 || e.count(t) != 1 {
		t.Fatalf("application/graphql-response+json: %d %s", a.status, a.body)
	}
}

// wsConn is a graphql-transport-ws connection for tests.
type wsConn struct {
	t   *testing.T
	ctx context.Context
	c   *websocket.Conn
}

type wsMsg struct {
	ID      string          `json:"id,omitempty"`
	Type    string          `json:"type"`
	Payload json.RawMessage `json:"payload,omitempty"`
}

// dialWS opens a WebSocket to srv with an optional Origin and sends
// connection_init with payload; it returns the connection once
// acknowledged, or the error that closed it.
func dialWS(t *testing.T, srv *httptest.Server, origin string, payload map[string]any) (*wsConn, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	opts := &websocket.DialOptions{Subprotocols: []string{"graphql-transport-ws"}, HTTPHeader: http.Header{}}
	if origin != "" {
		opts.HTTPHeader.Set("Origin", origin)
	}
	c, resp, err := websocket.Dial(ctx, "ws"+strings.TrimPrefix(srv.URL, "http")+"/query", opts)
	if err != nil {
		if resp != nil {
			return nil, errors.New(resp.Status)
		}
		return nil, err
	}
	t.Cleanup(func() { c.CloseNow() })
	p, _ := json.Marshal(payload)
	if err := wsjson.Write(ctx, c, wsMsg{Type: "connection_init", Payload: p}); err != nil {
		return nil, err
	}
	var m wsMsg
	if err := wsjson.Read(ctx, c, &m); err != nil {
		return nil, err
	}
	if m.Type != "connection_ack" {
		return nil, errors.New("got " + m.Type)
	}
	return &wsConn{t: t, ctx: ctx, c: c}, nil
}

// run sends one operation and returns its first result.
func (w *wsConn) run(id, query string, vars map[string]any) (json.RawMessage, []gqlError) {
	w.t.Helper()
	p, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err := wsjson.Write(w.ctx, w.c, wsMsg{ID: id, Type: "subscribe", Payload: p}); err != nil {
		w.t.Fatal(err)
	}
	for {
		var m wsMsg
		if err := wsjson.Read(w.ctx, w.c, &m); err != nil {
			w.t.Fatalf("read: %v", err)
		}
		switch {
		case m.ID != id:
			continue
		case m.Type == "error":
			var errs []gqlError
			_ = json.Unmarshal(m.Payload, &errs)
			return nil, errs
		case m.Type == "next":
			var r struct {
				Data   json.RawMessage
				Errors []gqlError
			}
			_ = json.Unmarshal(m.Payload, &r)
			return r.Data, r.Errors
		}
	}
}

func TestWebsocketAuth(t *testing.T) {
	t.Run("writes", func(t *testing.T) {
		e := newAuthEnv(t, server.AuthConfig{Mode: "writes"})
		srv := httptest.NewServer(e.handler)
		defer srv.Close()
		editor, k := e.key(t, auth.RoleEditor)

		anon, err := dialWS(t, srv, "", nil)
		if err != nil {
			t.Fatalf("anonymous init: %v", err)
		}
		if _, errs := anon.run("1", countQuery, nil); len(errs) > 0 {
			t.Fatalf("anonymous query: %+v", errs)
		}
		if _, errs := anon.run("2", ingestMutation, map[string]any{"in": testInput}); len(errs) == 0 || errs[0].Extensions["code"] != "UNAUTHENTICATED" {
			t.Fatalf("anonymous mutation: %+v", errs)
		}

		for _, header := range []string{"Authorization", "authorization"} {
			c, err := dialWS(t, srv, "", map[string]any{header: "Bearer " + editor})
			if err != nil {
				t.Fatalf("init with %s: %v", header, err)
			}
			if _, errs := c.run("1", ingestMutation, map[string]any{"in": testInput}); len(errs) > 0 {
				t.Fatalf("editor mutation with %s: %+v", header, errs)
			}
		}

		_, err = dialWS(t, srv, "", map[string]any{"Authorization": "Bearer letmein"})
		if websocket.CloseStatus(err) != 4403 {
			t.Fatalf("bad key at init: %v", err)
		}

		// Revoking a key stops the operations of its open connections.
		c, err := dialWS(t, srv, "", map[string]any{"Authorization": "Bearer " + editor})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.store.RevokeAPIKey(t.Context(), k.ID); err != nil {
			t.Fatal(err)
		}
		if _, errs := c.run("1", countQuery, nil); len(errs) == 0 || errs[0].Extensions["code"] != "UNAUTHENTICATED" {
			t.Fatalf("revoked key on an open connection: %+v", errs)
		}
	})

	t.Run("all", func(t *testing.T) {
		e := newAuthEnv(t, server.AuthConfig{Mode: "all"})
		srv := httptest.NewServer(e.handler)
		defer srv.Close()
		reader, _ := e.key(t, auth.RoleReader)
		if _, err := dialWS(t, srv, "", nil); websocket.CloseStatus(err) != 4403 {
			t.Fatalf("init without a key: %v", err)
		}
		c, err := dialWS(t, srv, "", map[string]any{"Authorization": "Bearer " + reader})
		if err != nil {
			t.Fatalf("init with a key: %v", err)
		}
		if _, errs := c.run("1", countQuery, nil); len(errs) > 0 {
			t.Fatalf("reader query: %+v", errs)
		}
	})

	t.Run("gqlgen client", func(t *testing.T) {
		e := newAuthEnv(t, server.AuthConfig{Mode: "all"})
		c := client.New(e.handler, client.Path("/query"))
		bad := c.WebsocketWithPayload(subscription, map[string]any{"Authorization": "Bearer letmein"})
		defer bad.Close()
		var resp analyzedResp
		if err := bad.Next(&resp); err == nil {
			t.Fatal("a bad key subscribed")
		}
	})
}

func TestWebsocketOrigins(t *testing.T) {
	const allowed = "https://newsroom.example"
	e := newAuthEnv(t, server.AuthConfig{Mode: "off", CORSOrigins: []string{allowed}})
	srv := httptest.NewServer(e.handler)
	defer srv.Close()
	if _, err := dialWS(t, srv, "", nil); err != nil {
		t.Fatalf("no origin (not a browser): %v", err)
	}
	if _, err := dialWS(t, srv, srv.URL, nil); err != nil {
		t.Fatalf("same origin: %v", err)
	}
	if _, err := dialWS(t, srv, allowed, nil); err != nil {
		t.Fatalf("allowed origin: %v", err)
	}
	if _, err := dialWS(t, srv, "https://evil.example", nil); err == nil || !strings.Contains(err.Error(), "403") {
		t.Fatalf("disallowed origin: %v", err)
	}
	closed := newAuthEnv(t, server.AuthConfig{Mode: "off"})
	srv2 := httptest.NewServer(closed.handler)
	defer srv2.Close()
	if _, err := dialWS(t, srv2, allowed, nil); err == nil {
		t.Fatal("a cross-site WebSocket was accepted without any allowed origin")
	}
}

func TestSSEWithAuthorizationHeader(t *testing.T) {
	e := newAuthEnv(t, server.AuthConfig{Mode: "all"})
	srv := httptest.NewServer(e.handler)
	t.Cleanup(srv.Close) // after the streams below are closed
	reader, _ := e.key(t, auth.RoleReader)
	editor, _ := e.key(t, auth.RoleEditor)

	open := func(secret string) (*http.Response, *bufio.Scanner) {
		body, _ := json.Marshal(map[string]any{"query": subscription})
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodPost, srv.URL+"/query", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "text/event-stream")
		if secret != "" {
			req.Header.Set("Authorization", "Bearer "+secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp, bufio.NewScanner(resp.Body)
	}
	nextData := func(sc *bufio.Scanner) string {
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				return data
			}
		}
		t.Fatalf("stream ended: %v", sc.Err())
		return ""
	}

	_, sc := open("")
	if data := nextData(sc); !strings.Contains(data, "UNAUTHENTICATED") {
		t.Fatalf("SSE without a key: %s", data)
	}

	resp, sc := open(reader)
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("content type %q", ct)
	}
	done := make(chan struct{})
	defer close(done)
	go func() {
		for i := 0; i < 100; i++ {
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
			in := map[string]any{"title": "Live " + time.Now().Format(time.RFC3339Nano), "body": "Officials said 7 ships arrived."}
			body, _ := json.Marshal(map[string]any{"query": ingestMutation, "variables": map[string]any{"in": in}})
			r := httptest.NewRequest(http.MethodPost, "/query", bytes.NewReader(body))
			r.Header.Set("Content-Type", "application/json")
			r.Header.Set("Authorization", "Bearer "+editor)
			e.handler.ServeHTTP(httptest.NewRecorder(), r)
		}
	}()
	var r struct{ Data analyzedResp }
	if data := nextData(sc); json.Unmarshal([]byte(data), &r) != nil || !strings.HasPrefix(r.Data.ArticleAnalyzed.Title, "Live ") {
		t.Fatalf("SSE event: %s", data)
	}
}
