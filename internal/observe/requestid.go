package observe

import (
	"context"
	"crypto/rand"
)

// RequestIDHeader is the header a request ID arrives in and is echoed back
// in, so a client or proxy can quote it when reporting a problem and find
// the matching log lines.
const RequestIDHeader = "X-Request-ID"

// maxRequestIDLen bounds an accepted incoming request ID: long enough for a
// UUID or a trace-style ID, short enough that a client cannot bloat every
// log line of its request.
const maxRequestIDLen = 128

type requestIDKey struct{}

// WithRequestID returns ctx carrying id, so LogHandler can stamp every log
// record of the request with it; the HTTP middleware calls it, tests and
// background jobs may too.
func WithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestID returns the request ID ctx carries, or "" outside a request,
// for code that wants to quote it (in an error message, say).
func RequestID(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// validRequestID reports whether an incoming ID is safe to reuse: short, and
// only visible ASCII, so it cannot split a header or forge a log line.
func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if c := id[i]; c < 0x21 || c > 0x7e {
			return false
		}
	}
	return true
}

// newRequestID returns a fresh random ID (26 base32 characters, 130 bits).
func newRequestID() string { return rand.Text() }
