package limits

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestRetryAfterSeconds(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want int
	}{
		{0, 1},
		{time.Millisecond, 1},
		{time.Second, 1},
		{1500 * time.Millisecond, 2},
		{time.Minute, 60},
		{time.Duration(1<<63 - 1), 1<<31 - 1},
	}
	for _, tt := range tests {
		if got := RetryAfterSeconds(tt.d); got != tt.want {
			t.Errorf("RetryAfterSeconds(%s) = %d, want %d", tt.d, got, tt.want)
		}
	}
}

func TestRetryAfterMiddleware(t *testing.T) {
	tests := []struct {
		name       string
		notes      []time.Duration
		status     int  // what the handler writes; 0 writes the body only
		late       bool // note after the first write
		wantStatus int
		wantHeader string
	}{
		{"no note", nil, 0, false, http.StatusOK, ""},
		{"noted before the body", []time.Duration{2500 * time.Millisecond}, 0, false, http.StatusTooManyRequests, "3"},
		{"noted before the status", []time.Duration{time.Second}, http.StatusUnprocessableEntity, false, http.StatusTooManyRequests, "1"},
		{"the longest note wins", []time.Duration{time.Second, 5 * time.Second, 2 * time.Second}, 0, false, http.StatusTooManyRequests, "5"},
		{"a server error stays", []time.Duration{time.Second}, http.StatusInternalServerError, false, http.StatusInternalServerError, ""},
		{"too late to change", []time.Duration{time.Second}, 0, true, http.StatusOK, ""},
		{"nothing to wait", []time.Duration{0, -time.Second}, 0, false, http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := RetryAfterMiddleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				note := func() {
					for _, d := range tt.notes {
						NoteRetryAfter(r.Context(), d)
					}
				}
				if !tt.late {
					note()
				}
				if tt.status != 0 {
					w.WriteHeader(tt.status)
				}
				_, _ = w.Write([]byte("{}"))
				if tt.late {
					note()
					_, _ = w.Write([]byte("{}"))
				}
			}))
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, "/query", nil))
			if rec.Code != tt.wantStatus || rec.Header().Get("Retry-After") != tt.wantHeader {
				t.Errorf("status %d, Retry-After %q; want %d, %q", rec.Code, rec.Header().Get("Retry-After"), tt.wantStatus, tt.wantHeader)
			}
		})
	}
}

// TestRetryAfterMiddlewareNested shows that wrapping twice answers once,
// from the outer middleware's holder.
func TestRetryAfterMiddlewareNested(t *testing.T) {
	h := RetryAfterMiddleware(RetryAfterMiddleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		NoteRetryAfter(r.Context(), 4*time.Second)
		_, _ = w.Write([]byte("{}"))
	})))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/query", nil))
	if rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "4" {
		t.Errorf("status %d, Retry-After %q", rec.Code, rec.Header().Get("Retry-After"))
	}
}

// TestRetryAfterWriterPassesThrough shows that streaming and upgrades still
// reach the real writer: Flush flushes, Hijack reports what the writer
// supports instead of failing the type assertion.
func TestRetryAfterWriterPassesThrough(t *testing.T) {
	h := RetryAfterMiddleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f, ok := w.(http.Flusher)
		if !ok {
			t.Fatal("not a Flusher")
		}
		f.Flush()
		if _, ok := w.(http.Hijacker); !ok {
			t.Fatal("not a Hijacker")
		}
		if _, _, err := http.NewResponseController(w).Hijack(); err == nil {
			t.Error("a recorder cannot be hijacked, yet Hijack succeeded")
		}
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/query", nil))
	if !rec.Flushed {
		t.Error("Flush did not reach the recorder")
	}
}

func TestNoteRetryAfterWithoutHolder(t *testing.T) {
	NoteRetryAfter(context.Background(), time.Second) // must not panic
	ctx := WithRetryAfter(context.Background())
	if WithRetryAfter(ctx) != ctx {
		t.Error("WithRetryAfter replaced an existing holder")
	}
	NoteRetryAfter(ctx, time.Second)
	if d, ok := holderFrom(ctx).retryAfter(); !ok || d != time.Second {
		t.Errorf("holder has %s, %t", d, ok)
	}
}
