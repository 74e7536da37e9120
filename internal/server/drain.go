package server

import (
	"context"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// Drain stops an http.Server without dropping a request that was on its way
// when the stop was asked for. http.Server.Shutdown alone closes the
// listener and every idle keep-alive connection at once, so a request the
// client had just written on an idle connection, or a connection the kernel
// had accepted but the server had not yet taken, was reset. Drain first
// keeps serving for a short linger while every response closes its
// connection (clients then open new ones, which are still accepted) and
// /readyz answers 503 (load balancers stop sending traffic); only then does
// it shut the server down, waiting for the requests in flight.
type Drain struct {
	draining atomic.Bool
	open     atomic.Int64
}

// Wrap applies the drain to every request of h.
func (d *Drain) Wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d.draining.Load() {
			if r.URL.Path == "/readyz" {
				w.Header().Set("Content-Type", "text/plain; charset=utf-8")
				w.Header().Set("Connection", "close")
				w.WriteHeader(http.StatusServiceUnavailable)
				_, _ = w.Write([]byte("shutting down\n"))
				return
			}
			if r.Header.Get("Upgrade") == "" {
				w.Header().Set("Connection", "close")
			}
		}
		h.ServeHTTP(w, r)
	})
}

// ConnState must be the server's ConnState hook: it counts the open
// connections, so that the linger ends early when there are none.
func (d *Drain) ConnState(_ net.Conn, s http.ConnState) {
	switch s {
	case http.StateNew:
		d.open.Add(1)
	case http.StateHijacked, http.StateClosed:
		d.open.Add(-1)
	}
}

// Shutdown lingers (see Drain) for up to linger, or until no connection is
// open, then shuts srv down and waits for the requests in flight until ctx
// ends.
func (d *Drain) Shutdown(ctx context.Context, srv *http.Server, linger time.Duration) error {
	d.draining.Store(true)
	t := time.NewTimer(linger)
	defer t.Stop()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
wait:
	for d.open.Load() > 0 {
		select {
		case <-t.C:
			break wait
		case <-ctx.Done():
			break wait
		case <-tick.C:
		}
	}
	return srv.Shutdown(ctx)
}
