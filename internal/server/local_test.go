package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/server"
)

// TestRestartAfterEveryKeyWasRevokedMakesNoKey: a key is only minted for a
// database that never had one; when all were revoked, the server says so.
func TestRestartAfterEveryKeyWasRevokedMakesNoKey(t *testing.T) {
	e := newAuthEnv(t, server.AuthConfig{Mode: "writes"})
	ac := server.AuthConfig{Mode: "writes"}
	var out bytes.Buffer
	if err := ac.Bootstrap(t.Context(), e.store, &out, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "no API key had ever been created, so an admin key was created") {
		t.Fatalf("first start:\n%s", out.String())
	}
	e.key(t, auth.RoleEditor)
	keys, _ := e.store.ListAPIKeys(t.Context())
	for _, k := range keys {
		if _, err := e.store.RevokeAPIKey(t.Context(), k.ID); err != nil {
			t.Fatal(err)
		}
	}
	out.Reset()
	if err := ac.Bootstrap(t.Context(), e.store, &out, nil); err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if strings.Contains(text, "Bearer") || !strings.Contains(text, "every API key of this database has been revoked") ||
		!strings.Contains(text, "No new key was created") || !strings.Contains(text, "apikey create -role admin") {
		t.Fatalf("restart with every key revoked:\n%s", text)
	}
	if after, _ := e.store.ListAPIKeys(t.Context()); len(after) != 2 {
		t.Fatalf("%d keys after the restart, want the 2 revoked ones", len(after))
	}
	if a := e.post(t, "", ingestMutation, map[string]any{"in": testInput}); a.code() != "UNAUTHENTICATED" {
		t.Fatalf("a write without a key after revoking all: %s", a.body)
	}
}

// TestAuthAllTellsAnonymousCallersNothingOfTheSchema: without a key, a
// query with a misspelt field gets UNAUTHENTICATED, not a validation error
// naming fields; with a key the suggestion is there.
func TestAuthAllTellsAnonymousCallersNothingOfTheSchema(t *testing.T) {
	e := newAuthEnv(t, server.AuthConfig{Mode: "all"})
	reader, _ := e.key(t, auth.RoleReader)
	const typo = `{ articles { edges { node { titel } } } }`
	for _, secret := range []string{"", "fgk_not-a-key"} {
		a := e.post(t, secret, typo, nil)
		if a.status != http.StatusUnauthorized || a.code() != "UNAUTHENTICATED" || strings.Contains(a.body, "title") || strings.Contains(a.body, "titel") {
			t.Fatalf("anonymous typo under -auth all (key %q): %d %s", secret, a.status, a.body)
		}
	}
	a := e.post(t, "", `{ __schema { types { name } } }`, nil)
	if a.code() != "UNAUTHENTICATED" || strings.Contains(a.body, "Article") {
		t.Fatalf("anonymous introspection under -auth all: %s", a.body)
	}
	if a := e.post(t, reader, typo, nil); !strings.Contains(a.body, `Did you mean \"title\"`) {
		t.Fatalf("a reader's typo: %s", a.body)
	}
}

// TestAuthOffLiftsTheAnonymousBudgetForLocalCallers runs the local recipe
// of the README: -auth off with the default budgets, and a script on the
// same machine ingesting 600 articles, asking for their analysis back.
func TestAuthOffLiftsTheAnonymousBudgetForLocalCallers(t *testing.T) {
	const ingest = `mutation($in: IngestArticleInput!) { ingestArticle(input: $in) {
		created article { id statements { cue speakers { name } } figures { text value source { name } } } } }`
	local := func(ac server.AuthConfig) (*httptest.Server, *authEnv) {
		e := newAuthEnv(t, ac)
		srv := httptest.NewServer(e.handler)
		t.Cleanup(srv.Close)
		return srv, e
	}
	post := func(t *testing.T, url string, i int) (int, string) {
		t.Helper()
		body, _ := json.Marshal(map[string]any{"query": ingest, "variables": map[string]any{"in": map[string]any{
			"title": fmt.Sprintf("Report %d", i), "body": fmt.Sprintf("The ministry said %d people were evacuated from %d towns.", 100+i, 2+i%7),
		}}})
		resp, err := http.Post(url+"/query", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var b bytes.Buffer
		_, _ = b.ReadFrom(resp.Body)
		return resp.StatusCode, b.String()
	}

	srv, _ := local(server.AuthConfig{Mode: "off", RateLimit: server.DefaultRateLimit, RateLimitAnonymous: server.DefaultRateLimitAnonymous})
	refused := 0
	for i := range 600 {
		status, body := post(t, srv.URL, i)
		if status == http.StatusTooManyRequests || strings.Contains(body, "RATE_LIMITED") {
			refused++
		} else if !strings.Contains(body, `"created":true`) {
			t.Fatalf("ingest %d: %d %s", i, status, body)
		}
	}
	if refused > 0 {
		t.Fatalf("%d of 600 local ingests were rate-limited under -auth off", refused)
	}

	// The same script against -auth writes is held to the anonymous
	// budget (reads only; here a tiny budget shows it).
	srv, _ = local(server.AuthConfig{Mode: "writes", RateLimitAnonymous: 5})
	if status, body := post(t, srv.URL, 0); status != http.StatusUnauthorized && !strings.Contains(body, "RATE_LIMITED") {
		t.Fatalf("-auth writes, anonymous write: %d %s", status, body)
	}

	// Under -auth off, callers from other machines keep the budget.
	_, e := local(server.AuthConfig{Mode: "off", RateLimitAnonymous: 5})
	limited := false
	for range 10 {
		r := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(`{"query":"{ articles { totalCount } }"}`))
		r.Header.Set("Content-Type", "application/json")
		r.RemoteAddr = "203.0.113.7:40000"
		if a := e.do(t, r); a.code() == "RATE_LIMITED" {
			limited = true
			break
		}
	}
	if !limited {
		t.Fatal("a remote anonymous caller under -auth off was never rate-limited")
	}
}
