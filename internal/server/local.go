package server

import (
	"context"
	"net/netip"
	"time"

	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/limits"
)

// localUnlimited lifts the anonymous budget for callers on this machine
// when keys are off: -auth off is how local scripts and evaluation tools
// talk to their own server, and holding them to the budget meant for
// strangers only made them fail half-way. Callers from other machines keep
// the anonymous budget.
type localUnlimited struct{ next limits.Budget }

// Take implements limits.Budget.
func (l localUnlimited) Take(ctx context.Context, cost int) (int, time.Duration, bool) {
	if p, _ := auth.FromContext(ctx); p.Anonymous() && isLoopback(p.IP) {
		return -1, 0, true
	}
	return l.next.Take(ctx, cost)
}

// isLoopback reports whether ip is an address of this machine's loopback
// interface (127.0.0.0/8 or ::1, IPv4-mapped forms included).
func isLoopback(ip string) bool {
	a, err := netip.ParseAddr(ip)
	return err == nil && a.Unmap().IsLoopback()
}
