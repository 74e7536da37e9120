package server

import (
	"bytes"
	"encoding/json"
	"errors"
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
