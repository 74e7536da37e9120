package auth

import (
	"context"
	"net/http"
	"sync"
)

// Reply collects what the code deciding on a request wants the HTTP answer
// to say beyond the GraphQL body: a status (401 for a missing key, 429 when
// over budget) and headers (WWW-Authenticate, Retry-After). GraphQL
// execution cannot reach the http.ResponseWriter, so the HTTP layer puts a
// Reply into the context and applies it when the response starts. Answers
// that have started already (server-sent events, WebSocket messages) ignore
// it.
type Reply struct {
	mu     sync.Mutex
	status int
	header http.Header
}

type replyKey struct{}

// WithReply returns ctx carrying a fresh Reply for one HTTP request.
func WithReply(ctx context.Context) (context.Context, *Reply) {
	r := &Reply{header: http.Header{}}
	return context.WithValue(ctx, replyKey{}, r), r
}

// SetReply asks for status (when not 0) and a header on the HTTP answer of
// ctx's request; without a Reply in ctx it does nothing.
func SetReply(ctx context.Context, status int, header, value string) {
	r, _ := ctx.Value(replyKey{}).(*Reply)
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if status != 0 {
		r.status = status
	}
	if header != "" {
		r.header.Set(header, value)
	}
}

// Apply copies the requested headers into h and returns the status to
// answer with: the requested one in place of a plain 200, else def, so a
// refusal never hides a more specific error status.
func (r *Reply) Apply(h http.Header, def int) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	for k, v := range r.header {
		h[k] = v
	}
	if r.status != 0 && def == http.StatusOK {
		return r.status
	}
	return def
}
