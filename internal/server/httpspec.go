package server

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/factgraph/factgraph/graph"
)

// The media types of a GraphQL response over HTTP.
const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

// allowedMethods are the methods /query answers.
const allowedMethods = "OPTIONS, GET, POST"

// conformHTTP adapts gqlgen's HTTP answers to the GraphQL over HTTP
// specification (https://graphql.github.io/graphql-over-http/draft/) where
// they differ. It buffers each single JSON response, then:
//
//   - request errors (the request failed before execution: a document that
//     does not parse or validate, variables that do not coerce) carry no
//     "data" entry, not "data": null;
//   - with application/json, a well-formed request that fails that way is
//     answered 200 (gqlgen says 422); with
//     application/graphql-response+json, it is answered 400 when gqlgen
//     would say 2xx, unless the errors are ones whose status the layers
//     around this one set (401 UNAUTHENTICATED, 403 FORBIDDEN, 429
//     RATE_LIMITED);
//   - a request with no query at all is not a well-formed GraphQL request:
//     400 whatever the Accept header;
//   - a mutation over GET is 405 Method Not Allowed with Allow: POST (gqlgen
//     says 406);
//   - a method /query does not serve is 405 with an Allow header (gqlgen
//     answers a text/plain 400);
//   - every JSON answer, errors included, has the Content-Type negotiated
//     from the Accept header.
//
// Streams are never buffered: WebSocket upgrades and POSTs that accept
// text/event-stream (gqlgen's SSE transport) pass straight through, and so
// does any response that turns out to be an event stream or multipart.
func conformHTTP(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "" || (r.Method == http.MethodPost && strings.Contains(r.Header.Get("Accept"), "text/event-stream")) {
			next.ServeHTTP(w, r)
			return
		}
		h := next
		switch r.Method {
		case http.MethodOptions, http.MethodGet, http.MethodPost:
		default:
			h = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Allow", allowedMethods)
				writeError(w, http.StatusMethodNotAllowed, "method "+r.Method+" is not allowed; use GET or POST")
			})
		}
		bw := &bufferedWriter{w: w}
		h.ServeHTTP(bw, r)
		bw.finish(r)
	})
}

// bufferedWriter holds a response until the handler returns, unless the
// response is a stream, which it passes through as it is written.
type bufferedWriter struct {
	w           http.ResponseWriter
	status      int
	wroteHeader bool
	stream      bool
	buf         bytes.Buffer
}

func (b *bufferedWriter) Header() http.Header { return b.w.Header() }

func (b *bufferedWriter) WriteHeader(code int) {
	if b.wroteHeader || code < 200 {
		return
	}
	b.wroteHeader = true
	b.status = code
	ct := b.w.Header().Get("Content-Type")
	if strings.HasPrefix(ct, "text/event-stream") || strings.HasPrefix(ct, "multipart/") {
		b.stream = true
		b.w.WriteHeader(code)
	}
}

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if !b.wroteHeader {
		b.WriteHeader(http.StatusOK)
	}
	if b.stream {
		return b.w.Write(p)
	}
	return b.buf.Write(p)
}

// Flush sends what a stream has written so far; a buffered response is sent
// whole at the end anyway.
func (b *bufferedWriter) Flush() {
	if b.stream {
		_ = http.NewResponseController(b.w).Flush()
	}
}

// Unwrap lets http.ResponseController reach the connection's writer.
func (b *bufferedWriter) Unwrap() http.ResponseWriter { return b.w }

// finish rewrites the buffered response where the specification asks for
// something else, and sends it.
func (b *bufferedWriter) finish(r *http.Request) {
	if b.stream {
		return
	}
	if !b.wroteHeader {
		// The handler wrote nothing at all.
		b.w.WriteHeader(http.StatusOK)
		return
	}
	status, body := b.status, b.buf.Bytes()
	h := b.w.Header()
	media := responseMedia(r.Header.Get("Accept"))
	if resp, ok := parseResponse(body); ok {
		h.Set("Content-Type", media)
		if resp.isRequestError(status) {
			body = resp.withoutData()
			status = requestErrorStatus(r, status, media, resp)
			if status == http.StatusMethodNotAllowed && h.Get("Allow") == "" {
				h.Set("Allow", http.MethodPost)
			}
		}
	}
	h.Set("Content-Length", strconv.Itoa(len(body)))
	b.w.WriteHeader(status)
	_, _ = b.w.Write(body)
}

// requestErrorStatus is the status of a response that holds request errors
// only, given the status gqlgen chose.
func requestErrorStatus(r *http.Request, status int, media string, resp *gqlResponse) int {
	switch {
	case r.Method == http.MethodGet && status == http.StatusNotAcceptable:
		// gqlgen's answer to a mutation sent over GET.
		return http.StatusMethodNotAllowed
	case resp.noOperation():
		return http.StatusBadRequest
	case media == mediaJSON && status == http.StatusUnprocessableEntity:
		// A well-formed request whose document failed: the errors are in
		// the body, the transport worked.
		return http.StatusOK
	case media == mediaGraphQLResponse && status < 300 && !resp.hasCode(outerStatusCodes...):
		return http.StatusBadRequest
	}
	return status
}

// outerStatusCodes are the error codes whose HTTP status the authentication
// and rate limiting layers, which wrap this one, choose once they see a 200.
var outerStatusCodes = []string{graph.CodeUnauthenticated, graph.CodeForbidden, graph.CodeRateLimited}

// responseMedia is the Content-Type of a JSON answer, negotiated from the
// Accept header the way gqlgen's transports do, so that answers written
// outside them (limitBody's, a 405, a 415) get the same one.
func responseMedia(accept string) string {
	if accept == "" {
		return mediaJSON
	}
	for part := range strings.SplitSeq(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", mediaJSON:
			return mediaJSON
		case mediaGraphQLResponse:
			return mediaGraphQLResponse
		}
	}
	return mediaGraphQLResponse
}

// gqlResponse is a GraphQL response body, its entries kept as sent.
type gqlResponse struct {
	entries map[string]json.RawMessage
	errors  []struct {
		Message    string          `json:"message"`
		Path       json.RawMessage `json:"path"`
		Extensions struct {
			Code string `json:"code"`
		} `json:"extensions"`
	}
}

// parseResponse reads a body that is a GraphQL response: a JSON object
// whose entries are all among errors, data and extensions.
func parseResponse(body []byte) (*gqlResponse, bool) {
	var resp gqlResponse
	if err := json.Unmarshal(body, &resp.entries); err != nil || resp.entries == nil {
		return nil, false
	}
	for k := range resp.entries {
		if k != "errors" && k != "data" && k != "extensions" {
			return nil, false
		}
	}
	if raw, ok := resp.entries["errors"]; ok {
		if err := json.Unmarshal(raw, &resp.errors); err != nil {
			return nil, false
		}
	}
	return &resp, true
}

// isRequestError reports whether the response holds request errors only:
// errors and no data, and either an error status (gqlgen answers every
// execution result with 200) or no error at a field path (execution errors
// always carry one, and a response whose root field failed keeps
// "data": null). Variable coercion errors do carry a path, but come with
// an error status.
func (g *gqlResponse) isRequestError(status int) bool {
	if len(g.errors) == 0 {
		return false
	}
	if d, ok := g.entries["data"]; ok && string(bytes.TrimSpace(d)) != "null" {
		return false
	}
	if status >= 300 {
		return true
	}
	for _, e := range g.errors {
		if len(e.Path) > 0 && string(e.Path) != "null" {
			return false
		}
	}
	return true
}

// noOperation reports gqlgen's error for a request that has no query (and no
// persisted query either).
func (g *gqlResponse) noOperation() bool {
	return len(g.errors) == 1 && g.errors[0].Message == "no operation provided"
}

// hasCode reports whether an error carries one of codes in extensions.code.
func (g *gqlResponse) hasCode(codes ...string) bool {
	for _, e := range g.errors {
		if slices.Contains(codes, e.Extensions.Code) {
			return true
		}
	}
	return false
}

// withoutData encodes the response without its data entry, errors first.
func (g *gqlResponse) withoutData() []byte {
	var out bytes.Buffer
	out.WriteString(`{"errors":`)
	out.Write(g.entries["errors"])
	if ext, ok := g.entries["extensions"]; ok {
		out.WriteString(`,"extensions":`)
		out.Write(ext)
	}
	out.WriteString("}")
	return out.Bytes()
}
