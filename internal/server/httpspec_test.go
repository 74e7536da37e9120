package server_test

import (
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/factgraph/factgraph/internal/server"
)

// TestGraphQLOverHTTP checks the answers /query gives where the GraphQL over
// HTTP specification differs from gqlgen's defaults: status codes by Accept
// header, no "data" entry on request errors, Content-Type, 405 and 415.
// Event streams and WebSockets, which must not be buffered, are covered by
// the subscription tests.
func TestGraphQLOverHTTP(t *testing.T) {
	e := newEnv(t, "")
	const (
		jsonType = "application/json"
		gqlType  = "application/graphql-response+json"
		okQuery  = `{"query":"{ articles { totalCount } }"}`
	)
	tests := []struct {
		name        string
		method      string
		target      string // defaults to /query
		contentType string // defaults to application/json for POST
		accept      string
		body        string

		status    int
		wantType  string
		wantData  string // "" means the body must have no data entry
		wantCode  string // extensions.code of the first error, if any
		wantAllow string
	}{
		{name: "success, application/json", accept: jsonType, body: okQuery,
			status: 200, wantType: jsonType, wantData: `{"articles":{"totalCount":0}}`},
		{name: "success, graphql-response+json", accept: gqlType, body: okQuery,
			status: 200, wantType: gqlType, wantData: `{"articles":{"totalCount":0}}`},
		{name: "success, no Accept", body: okQuery,
			status: 200, wantType: jsonType, wantData: `{"articles":{"totalCount":0}}`},
		{name: "success, Accept */*", accept: "*/*", body: okQuery,
			status: 200, wantType: jsonType, wantData: `{"articles":{"totalCount":0}}`},

		{name: "parse failure, application/json", accept: jsonType, body: `{"query":"{"}`,
			status: 200, wantType: jsonType, wantCode: "GRAPHQL_PARSE_FAILED"},
		{name: "parse failure, graphql-response+json", accept: gqlType, body: `{"query":"{"}`,
			status: 400, wantType: gqlType, wantCode: "GRAPHQL_PARSE_FAILED"},
		{name: "validation failure, application/json", accept: jsonType, body: `{"query":"{ noSuchField }"}`,
			status: 200, wantType: jsonType, wantCode: "GRAPHQL_VALIDATION_FAILED"},
		{name: "validation failure, graphql-response+json", accept: gqlType, body: `{"query":"{ noSuchField }"}`,
			status: 400, wantType: gqlType, wantCode: "GRAPHQL_VALIDATION_FAILED"},
		{name: "variable coercion failure, application/json", accept: jsonType,
			body:   `{"query":"query($n: Int) { articles(first: $n) { totalCount } }","variables":{"n":"many"}}`,
			status: 200, wantType: jsonType, wantCode: "GRAPHQL_VALIDATION_FAILED"},
		{name: "variable coercion failure, graphql-response+json", accept: gqlType,
			body:   `{"query":"query($n: Int) { articles(first: $n) { totalCount } }","variables":{"n":"many"}}`,
			status: 400, wantType: gqlType, wantCode: "GRAPHQL_VALIDATION_FAILED"},
		{name: "unknown operationName, application/json", accept: jsonType,
			body:   `{"query":"query A { __typename }","operationName":"B"}`,
			status: 200, wantType: jsonType, wantCode: "GRAPHQL_VALIDATION_FAILED"},

		{name: "no query, no Accept", body: `{"qeury":"{ __typename }"}`,
			status: 400, wantType: jsonType, wantCode: "GRAPHQL_VALIDATION_FAILED"},
		{name: "no query, graphql-response+json", accept: gqlType, body: `{}`,
			status: 400, wantType: gqlType, wantCode: "GRAPHQL_VALIDATION_FAILED"},
		{name: "body is not JSON", accept: jsonType, body: `{"query": `,
			status: 400, wantType: jsonType, wantCode: "BAD_USER_INPUT"},
		{name: "query is not a string", accept: gqlType, body: `{"query": 7}`,
			status: 400, wantType: gqlType, wantCode: "BAD_USER_INPUT"},

		{name: "field error keeps data null", accept: gqlType, body: `{"query":"{ articles(first: 500) { totalCount } }"}`,
			status: 200, wantType: gqlType, wantData: `null`, wantCode: "BAD_USER_INPUT"},

		{name: "GET query", method: http.MethodGet, accept: gqlType,
			target: "/query?query=" + url.QueryEscape(`{ articles { totalCount } }`),
			status: 200, wantType: gqlType, wantData: `{"articles":{"totalCount":0}}`},
		{name: "GET parse failure, application/json", method: http.MethodGet, accept: jsonType,
			target: "/query?query=" + url.QueryEscape(`{`),
			status: 200, wantType: jsonType, wantCode: "GRAPHQL_PARSE_FAILED"},
		{name: "GET mutation", method: http.MethodGet, accept: gqlType,
			target: "/query?query=" + url.QueryEscape(`mutation { ingestArticle(input: {title: "T", body: "B"}) { created } }`),
			status: 405, wantType: gqlType, wantAllow: "POST"},
		{name: "PUT", method: http.MethodPut, accept: jsonType, body: okQuery,
			status: 405, wantType: jsonType, wantCode: "BAD_USER_INPUT", wantAllow: "OPTIONS, GET, POST"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method, target := tt.method, tt.target
			if method == "" {
				method = http.MethodPost
			}
			if target == "" {
				target = "/query"
			}
			req := httptest.NewRequest(method, target, strings.NewReader(tt.body))
			switch {
			case tt.contentType != "":
				req.Header.Set("Content-Type", tt.contentType)
			case method == http.MethodPost:
				req.Header.Set("Content-Type", "application/json")
			}
			if tt.accept != "" {
				req.Header.Set("Accept", tt.accept)
			}
			rec := httptest.NewRecorder()
			e.handler.ServeHTTP(rec, req)
			body := rec.Body.String()

			if rec.Code != tt.status {
				t.Errorf("status %d, want %d: %s", rec.Code, tt.status, body)
			}
			if ct := rec.Header().Get("Content-Type"); ct != tt.wantType {
				t.Errorf("Content-Type %q, want %q", ct, tt.wantType)
			}
			if got := rec.Header().Get("Allow"); got != tt.wantAllow {
				t.Errorf("Allow %q, want %q", got, tt.wantAllow)
			}
			if cl := rec.Header().Get("Content-Length"); cl != strconv.Itoa(rec.Body.Len()) {
				t.Errorf("Content-Length %q for a body of %d bytes", cl, rec.Body.Len())
			}
			var resp map[string]json.RawMessage
			if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
				t.Fatalf("body is not a JSON object: %v: %s", err, body)
			}
			data, hasData := resp["data"]
			switch {
			case tt.wantData == "" && hasData:
				t.Errorf("request error has a data entry: %s", body)
			case tt.wantData != "" && string(data) != tt.wantData:
				t.Errorf("data %s, want %s", data, tt.wantData)
			}
			var errs []gqlError
			if raw, ok := resp["errors"]; ok {
				if err := json.Unmarshal(raw, &errs); err != nil {
					t.Fatalf("errors: %v: %s", err, raw)
				}
			}
			switch {
			case tt.wantData == "" && len(errs) == 0:
				t.Errorf("no data and no errors: %s", body)
			case tt.wantCode != "" && (len(errs) == 0 || errs[0].Extensions["code"] != tt.wantCode):
				t.Errorf("errors %s, want code %s", resp["errors"], tt.wantCode)
			}
		})
	}
}

// TestGraphQLOverHTTPPersistedQueryNotFound checks the request error that
// automatic persisted queries rely on.
func TestGraphQLOverHTTPPersistedQueryNotFound(t *testing.T) {
	e := newEnv(t, "")
	req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(
		`{"extensions":{"persistedQuery":{"version":1,"sha256Hash":"0000000000000000000000000000000000000000000000000000000000000000"}}}`))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	e.handler.ServeHTTP(rec, req)
	// Apollo clients look for this error to send the full query next; with
	// application/json it stays a 200.
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), "PERSISTED_QUERY_NOT_FOUND") || strings.Contains(rec.Body.String(), `"data"`) {
		t.Fatalf("%d %s", rec.Code, rec.Body.String())
	}
}

// TestGraphQLOverHTTPLeavesAuthStatus checks that a refused operation keeps
// the status authentication gives it, 401, rather than becoming a 400 for
// clients that accept application/graphql-response+json.
func TestGraphQLOverHTTPLeavesAuthStatus(t *testing.T) {
	h := newEnvWith(t, slog.New(slog.DiscardHandler), func(c *server.Config) {
		c.Auth = server.AuthConfig{Mode: "writes"}
	}).handler
	for _, accept := range []string{"application/json", "application/graphql-response+json"} {
		req := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(
			`{"query":"mutation { ingestArticle(input: {title: \"T\", body: \"B\"}) { created } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", accept)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "UNAUTHENTICATED") || strings.Contains(rec.Body.String(), `"data"`) {
			t.Errorf("Accept %s: %d %s, want 401 UNAUTHENTICATED without data", accept, rec.Code, rec.Body.String())
		}
	}
}
