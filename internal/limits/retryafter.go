package limits

import (
	"bufio"
	"context"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync/atomic"
	"time"
)

// retryHolder carries, from the GraphQL executor back to the HTTP layer,
// how long a rate-limited caller must wait. The executor only returns a
// response body, so the header has to travel through the context.
type retryHolder struct {
	wait atomic.Int64 // nanoseconds; 0 while unset
}

type retryKey struct{}

// WithRetryAfter returns ctx with an empty holder for NoteRetryAfter, unless
// ctx already has one.
func WithRetryAfter(ctx context.Context) context.Context {
	if holderFrom(ctx) != nil {
		return ctx
	}
	return context.WithValue(ctx, retryKey{}, &retryHolder{})
}

func holderFrom(ctx context.Context) *retryHolder {
	h, _ := ctx.Value(retryKey{}).(*retryHolder)
	return h
}

// NoteRetryAfter records that the request in ctx was refused for d; with
// several notes the longest wins. It does nothing when ctx has no holder
// (outside RetryAfterMiddleware) or d is not positive.
func NoteRetryAfter(ctx context.Context, d time.Duration) {
	h := holderFrom(ctx)
	if h == nil || d <= 0 {
		return
	}
	for {
		old := h.wait.Load()
		if int64(d) <= old || h.wait.CompareAndSwap(old, int64(d)) {
			return
		}
	}
}

// retryAfter returns the recorded wait, if any.
func (h *retryHolder) retryAfter() (time.Duration, bool) {
	d := time.Duration(h.wait.Load())
	return d, d > 0
}

// RetryAfterMiddleware lets the GraphQL layer refuse a request with HTTP 429
// and a Retry-After header: it installs the holder that NoteRetryAfter fills
// and, when the holder is set before the response starts, answers with
// status 429 and Retry-After in whole seconds (rounded up). Responses that
// have started (a subscription stream, a WebSocket) are left alone; their
// errors still say RATE_LIMITED.
func RetryAfterMiddleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if holderFrom(r.Context()) != nil {
			// An outer RetryAfterMiddleware already answers for it.
			next.ServeHTTP(w, r)
			return
		}
		h := &retryHolder{}
		r = r.WithContext(context.WithValue(r.Context(), retryKey{}, h))
		next.ServeHTTP(&retryWriter{ResponseWriter: w, holder: h}, r)
	})
}

// RetryAfterSeconds is the Retry-After value for d: whole seconds, rounded
// up, at least 1.
func RetryAfterSeconds(d time.Duration) int {
	s := math.Ceil(d.Seconds())
	if s < 1 {
		return 1
	}
	if s > math.MaxInt32 {
		return math.MaxInt32
	}
	return int(s)
}

// retryWriter turns the first status into 429 once the holder is set.
type retryWriter struct {
	http.ResponseWriter
	holder  *retryHolder
	started bool
}

func (w *retryWriter) WriteHeader(status int) {
	if !w.started {
		w.started = true
		if d, ok := w.holder.retryAfter(); ok && status < http.StatusInternalServerError {
			w.Header().Set("Retry-After", strconv.Itoa(RetryAfterSeconds(d)))
			status = http.StatusTooManyRequests
		}
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *retryWriter) Write(b []byte) (int, error) {
	if !w.started {
		w.WriteHeader(http.StatusOK)
	}
	return w.ResponseWriter.Write(b)
}

// Flush keeps server-sent events streaming through the wrapper.
func (w *retryWriter) Flush() {
	if !w.started {
		w.WriteHeader(http.StatusOK)
	}
	_ = http.NewResponseController(w.ResponseWriter).Flush()
}

// Hijack keeps WebSocket upgrades working through the wrapper.
func (w *retryWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.started = true
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *retryWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
