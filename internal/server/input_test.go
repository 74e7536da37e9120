package server_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage/storagetest"
)

// onBothBackends runs test against the API over a SQLite file and over
// PostgreSQL (skipped, saying why, when no PostgreSQL server is given).
func onBothBackends(t *testing.T, test func(t *testing.T, e *env)) {
	t.Run("sqlite", func(t *testing.T) {
		test(t, newEnvWith(t, slog.New(slog.DiscardHandler), nil))
	})
	t.Run("postgres", func(t *testing.T) {
		store := storagetest.OpenPostgres(t)
		test(t, newEnvOn(t, store, slog.New(slog.DiscardHandler), nil))
	})
}

// words returns n distinct words separated by spaces.
func words(n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = fmt.Sprintf("w%d", i)
	}
	return strings.Join(w, " ")
}

func TestSearchInputIsBounded(t *testing.T) {
	onBothBackends(t, func(t *testing.T, e *env) {
		e.ingest(t, map[string]any{"title": "Drone strikes on the port", "body": "Officials said 12 drones hit the port of Odesa."})
		searches := map[string]string{
			"articles": `query($s: String) { articles(filter: {search: $s}) { totalCount } }`,
			"claims":   `query($s: String) { claims(filter: {search: $s}) { totalCount } }`,
			"entities": `query($s: String) { entities(filter: {search: $s}) { totalCount } }`,
			"series":   `query($s: String) { series(filter: {search: $s}) { totalCount } }`,
		}
		probes := []struct {
			name, text, msg string
		}{
			// The probes that failed inside the databases: the FTS4
			// expression limit, SQLite's LIKE pattern limit, and the
			// PostgreSQL stack depth.
			{"4,200 words", words(4200), "the limit is 500 bytes"},
			{"50 KB", strings.Repeat("ab ", 17000), "filter.search is 51000 bytes; the limit is 500 bytes"},
			{"100,000 words", words(100_000), "the limit is 500 bytes"},
			{"too many short words", strings.Repeat("x ", domain.MaxSearchWords+1), "filter.search has 33 words; the limit is 32 words"},
		}
		for field, q := range searches {
			for _, p := range probes {
				t.Run(field+" "+p.name, func(t *testing.T) {
					_, errs := e.rawPost(t, q, map[string]any{"s": p.text})
					wantCode(t, errs, "BAD_USER_INPUT", p.msg)
				})
			}
			t.Run(field+" at the limits", func(t *testing.T) {
				long := "drones " + strings.Repeat("x", domain.MaxSearchBytes-len("drones "))
				for _, s := range []string{long, "drones " + strings.Repeat("y ", domain.MaxSearchWords-1)} {
					if _, errs := e.rawPost(t, q, map[string]any{"s": s}); len(errs) > 0 {
						t.Fatalf("a search of %d bytes was refused: %+v", len(s), errs)
					}
				}
			})
		}
		var got struct{ Articles struct{ TotalCount int } }
		e.client.MustPost(`{ articles(filter: {search: "drones port"}) { totalCount } }`, &got)
		if got.Articles.TotalCount != 1 {
			t.Fatalf("a short search found %d articles, want 1", got.Articles.TotalCount)
		}
	})
}

func TestControlCharactersInTextInputsAreRefused(t *testing.T) {
	onBothBackends(t, func(t *testing.T, e *env) {
		const ingestOutlet = `mutation($o: String) { ingestArticle(input: {title: "Dam", body: "Officials said 40 homes were flooded.", outlet: $o}) { created } }`
		refused := []struct {
			name, query string
			vars        map[string]any
			msg         string
		}{
			{"NUL in outlet", ingestOutlet, map[string]any{"o": "Daily\x00News"}, "variable $o holds a NUL character (U+0000) at byte 5"},
			{"BEL in outlet", ingestOutlet, map[string]any{"o": "Daily\aNews"}, "variable $o holds the control character U+0007"},
			{"DEL in outlet", ingestOutlet, map[string]any{"o": "Daily\x7fNews"}, "U+007F"},
			{"C1 in outlet", ingestOutlet, map[string]any{"o": "Daily\u0085News"}, "U+0085"},
			{"NUL in an input object", ingestMutation, map[string]any{"in": map[string]any{"title": "Dam\x00", "body": "Officials said 40 homes were flooded."}}, "variable $in.title holds a NUL"},
			{"NUL in a literal", `mutation { ingestArticle(input: {title: "Dam", body: "Officials said 40 homes\u0000 were flooded."}) { created } }`, nil, "argument ingestArticle.input.body holds a NUL"},
			{"NUL in the outlet filter", `query($o: String) { articles(filter: {outlet: $o}) { totalCount } }`, map[string]any{"o": "a\x00b"}, "NUL"},
			{"NUL in article search", `query($s: String) { articles(filter: {search: $s}) { totalCount } }`, map[string]any{"s": "dam\x00"}, "NUL"},
			{"NUL in entity search", `query($s: String) { entities(filter: {search: $s}) { totalCount } }`, map[string]any{"s": "dam\x00"}, "NUL"},
			{"NUL in claim search", `query($s: String) { claims(filter: {search: $s}) { totalCount } }`, map[string]any{"s": "dam\x00"}, "NUL"},
			{"NUL in series search", `query($s: String) { series(filter: {search: $s}) { totalCount } }`, map[string]any{"s": "dam\x00"}, "NUL"},
			{"NUL in the head filter", `query($h: String) { figures(filter: {head: $h}) { totalCount } }`, map[string]any{"h": "home\x00"}, "NUL"},
			{"NUL in an id", `query($id: ID!) { node(id: $id) { id } }`, map[string]any{"id": "QXJ0\x00"}, "NUL"},
		}
		for _, tt := range refused {
			t.Run(tt.name, func(t *testing.T) {
				_, errs := e.rawPost(t, tt.query, tt.vars)
				wantCode(t, errs, "BAD_USER_INPUT", tt.msg)
			})
		}
		if n := e.articleCount(t); n != 0 {
			t.Fatalf("%d articles stored from refused input", n)
		}
		// Tabs and line breaks are text.
		var ok ingestResp
		e.client.MustPost(ingestMutation, &ok, client.Var("in", map[string]any{"title": "Dam\tbreach", "body": "Officials said\r\n40 homes were flooded.\n", "outlet": "Daily News"}))
		if !ok.IngestArticle.Created {
			t.Fatal("an article with tabs and line breaks was not stored")
		}
	})
}

// TestMalformedRequestsAreAnsweredBriefly sends multi-megabyte requests that
// cannot be used and checks that the answer quotes only an excerpt.
func TestMalformedRequestsAreAnsweredBriefly(t *testing.T) {
	e := newEnvWith(t, slog.New(slog.DiscardHandler), nil)
	big := strings.Repeat("a", 7_750_000)
	cases := []struct {
		name, body, accept, msg string
	}{
		{"no closing brace", `{"query":"{ articles { totalCount } }","variables":{"x":"` + big + `"`, "", "request body is not valid JSON: unexpected end of JSON input at byte 7750058"},
		{"no closing brace over SSE", `{"query":"subscription { articleAnalyzed { id } }","variables":{"x":"` + big + `"`, "text/event-stream", "request body is not valid JSON"},
		{"query of the wrong type", `{"query":["` + big + `"]}`, "", `must be a string or null`},
		{"a huge field name", `{"query":"{ ` + big + ` }"}`, "", "Cannot query field"},
		{"a huge variable name", `{"query":"query($` + big + `: Int) { articles(first: 1) { totalCount } }"}`, "", "is never used"},
	}
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(tt.body))
			r.Header.Set("Content-Type", "application/json")
			if tt.accept != "" {
				r.Header.Set("Accept", tt.accept)
			}
			rec := httptest.NewRecorder()
			e.handler.ServeHTTP(rec, r)
			if n := rec.Body.Len(); n > 1024 {
				t.Fatalf("a %d-byte request got a %d-byte answer: %.300s…", len(tt.body), n, rec.Body.String())
			}
			if !strings.Contains(rec.Body.String(), "BAD_USER_INPUT") && !strings.Contains(rec.Body.String(), "GRAPHQL_VALIDATION_FAILED") {
				t.Fatalf("answer without a client error code: %s", rec.Body.String())
			}
			if !strings.Contains(rec.Body.String(), tt.msg) {
				t.Fatalf("answer %s lacks %q", rec.Body.String(), tt.msg)
			}
		})
	}
}

func TestOneCanonicalIDPerObject(t *testing.T) {
	e := newEnvWith(t, slog.New(slog.DiscardHandler), nil)
	id := e.ingest(t, map[string]any{"title": "Dam", "body": "Officials said 40 homes were flooded."}).IngestArticle.Article.ID
	enc := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	if id != enc("Article:1") {
		t.Fatalf("the first article's id is %q", id)
	}
	var got struct{ Node *struct{ ID string } }
	e.client.MustPost(`query($id: ID!) { node(id: $id) { id } }`, &got, client.Var("id", id))
	if got.Node == nil || got.Node.ID != id {
		t.Fatalf("the canonical id resolves to %+v", got.Node)
	}
	// The same row number written otherwise, or the canonical text with
	// line breaks the decoder would skip, are not IDs.
	for _, other := range []string{enc("Article:01"), enc("Article:+1"), enc("Article:1 "), id + "\n", id[:4] + "\r\n" + id[4:]} {
		for _, q := range []string{`query($id: ID!) { node(id: $id) { id } }`, `query($id: ID!) { article(id: $id) { id } }`} {
			data, errs := e.rawPost(t, q, map[string]any{"id": other})
			wantCode(t, errs, "BAD_USER_INPUT", "malformed id")
			if strings.Contains(string(data), id) {
				t.Fatalf("%q resolved: %s", other, data)
			}
		}
	}
}

func TestRequestErrorsSayWhatToChange(t *testing.T) {
	e := newEnvWith(t, slog.New(slog.DiscardHandler), nil)
	post := func(t *testing.T, body string) (int, []gqlError) {
		t.Helper()
		r := httptest.NewRequest(http.MethodPost, "/query", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		e.handler.ServeHTTP(rec, r)
		var resp struct{ Errors []gqlError }
		if err := json.Unmarshal(rec.Body.Bytes(), &resp); err != nil {
			t.Fatalf("decode %s: %v", rec.Body.String(), err)
		}
		return rec.Code, resp.Errors
	}
	t.Run("two operations without operationName", func(t *testing.T) {
		_, errs := post(t, `{"query":"query A { articles { totalCount } } query B { claims { totalCount } }"}`)
		wantCode(t, errs, "GRAPHQL_VALIDATION_FAILED", "the document holds 2 operations (A, B); operationName is required")
		_, errs = post(t, `{"query":"query A { articles { totalCount } } query B { claims { totalCount } }","operationName":"C"}`)
		wantCode(t, errs, "GRAPHQL_VALIDATION_FAILED", `operationName "C" names no operation of the document, which holds A, B`)
		_, errs = post(t, `{"query":"query A { articles { totalCount } } query B { claims { totalCount } }","operationName":"B"}`)
		if len(errs) > 0 {
			t.Fatalf("a named operation failed: %+v", errs)
		}
	})
	t.Run("Int variables", func(t *testing.T) {
		q := `"query":"query($n: Int) { articles(first: $n) { totalCount } }"`
		for raw, msg := range map[string]string{
			"1e30":          "variable $n is 1e30, which is not an Int: an Int is a whole number from -2147483648 to 2147483647",
			"1.5":           "variable $n is 1.5, which is not an Int",
			"-3000000000.0": "variable $n is -3000000000.0, which is not an Int",
		} {
			_, errs := post(t, `{`+q+`,"variables":{"n":`+raw+`}}`)
			wantCode(t, errs, "BAD_USER_INPUT", msg)
		}
		// Whole numbers written with an exponent or a fraction are Ints.
		for _, raw := range []string{"1e1", "10.0", "10"} {
			if _, errs := post(t, `{`+q+`,"variables":{"n":`+raw+`}}`); len(errs) > 0 {
				t.Fatalf("first: %s refused: %+v", raw, errs)
			}
		}
		_, errs := post(t, `{"query":"{ articles(first: 1e30) { totalCount } }"}`)
		wantCode(t, errs, "GRAPHQL_VALIDATION_FAILED", "Int cannot represent non-integer value: 1e30")
	})
}
