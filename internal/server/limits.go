package server

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"unicode/utf8"

	"github.com/factgraph/factgraph/graph"
)

// limitBody caps the request size and rejects request bodies that are not
// valid UTF-8. The JSON decoder would silently replace invalid bytes with
// U+FFFD, so an article with broken encoding would be stored altered; we
// refuse it instead, before anything runs.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body == nil || r.Method != http.MethodPost {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxRequestBytes))
		var tooBig *http.MaxBytesError
		switch {
		case errors.As(err, &tooBig):
			writeError(w, http.StatusRequestEntityTooLarge, "request body is larger than 8 MiB")
			return
		case err != nil:
			writeError(w, http.StatusBadRequest, "request body could not be read")
			return
		case !utf8.Valid(body):
			writeError(w, http.StatusBadRequest, "request body is not valid UTF-8")
			return
		}
		if msg := checkEnvelope(body); msg != "" {
			writeError(w, http.StatusBadRequest, msg)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

// writeError answers with a GraphQL response that holds one request error.
func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"errors": []map[string]any{{"message": msg, "extensions": map[string]any{"code": graph.CodeBadUserInput}}},
	})
}

// envelope is the shape of a GraphQL POST body. Each member is kept raw, to
// check its JSON type without decoding what it holds.
type envelope struct {
	Query         json.RawMessage `json:"query"`
	OperationName json.RawMessage `json:"operationName"`
	Variables     json.RawMessage `json:"variables"`
	Extensions    json.RawMessage `json:"extensions"`
}

// checkEnvelope says what is wrong with a POST body that is not JSON or not
// a GraphQL request object, quoting at most a short excerpt around the
// fault; "" when it is fine. The transports would otherwise answer with the
// whole body in the message.
func checkEnvelope(body []byte) string {
	if !json.Valid(body) {
		var v any
		err := json.Unmarshal(body, &v)
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			at := int(syn.Offset)
			from := max(0, at-40)
			return fmt.Sprintf("request body is not valid JSON: %s at byte %d of %d, after %q", syn.Error(), at, len(body), excerpt(string(body[from:min(at, len(body))]), 60))
		}
		return "request body is not valid JSON"
	}
	if b := bytes.TrimSpace(body); len(b) > 0 && b[0] == '[' {
		return "request body is a JSON array, but batched operations are not supported: send one JSON object per request"
	}
	var e envelope
	if err := json.Unmarshal(body, &e); err != nil {
		return "request body must be a JSON object with \"query\" and optionally \"operationName\", \"variables\" and \"extensions\""
	}
	checks := []struct {
		name, want string
		raw        json.RawMessage
		ok         func(byte) bool
	}{
		{"query", "a string", e.Query, func(c byte) bool { return c == '"' }},
		{"operationName", "a string", e.OperationName, func(c byte) bool { return c == '"' }},
		{"variables", "an object", e.Variables, func(c byte) bool { return c == '{' }},
		{"extensions", "an object", e.Extensions, func(c byte) bool { return c == '{' }},
	}
	for _, c := range checks {
		raw := bytes.TrimSpace(c.raw)
		if len(raw) == 0 || string(raw) == "null" || c.ok(raw[0]) {
			continue
		}
		return fmt.Sprintf("%q must be %s or null, not %s", c.name, c.want, excerpt(string(raw), 40))
	}
	return ""
}
