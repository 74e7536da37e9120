package auth

import (
	"container/list"
	"context"
	"math"
	"net/netip"
	"strconv"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// DefaultMaxBuckets bounds how many callers a Budget remembers at once. A
// bucket is a few hundred bytes, so this caps the memory of a flood of
// distinct addresses at a few megabytes.
const DefaultMaxBuckets = 50_000

// Budget is a cost budget per caller: a token bucket per API key and, for
// anonymous callers, per client address (per /64 for IPv6, which one host
// usually owns whole). A bucket holds one minute of budget and refills
// continuously, so bursts up to the minute's budget pass and sustained load
// is held to the rate. Only the most recently seen callers keep a bucket;
// a bucket idle long enough to be full again is dropped first, which loses
// nothing. A nil *Budget allows everything.
type Budget struct {
	perKey, perAnon int
	max             int
	now             func() time.Time

	mu      sync.Mutex
	order   *list.List // of *bucket, most recently used first
	buckets map[string]*list.Element
}

type bucket struct {
	id   string
	lim  *rate.Limiter
	used time.Time
}

// NewBudget returns a budget of perKey cost units per minute for each API
// key and perAnonymous for each anonymous client address; 0 leaves that kind
// of caller unlimited. maxBuckets bounds memory (DefaultMaxBuckets when not
// positive). It returns nil, which allows everything, when both are 0.
func NewBudget(perKey, perAnonymous, maxBuckets int) *Budget {
	if perKey <= 0 && perAnonymous <= 0 {
		return nil
	}
	if maxBuckets <= 0 {
		maxBuckets = DefaultMaxBuckets
	}
	return &Budget{
		perKey: max(perKey, 0), perAnon: max(perAnonymous, 0), max: maxBuckets,
		now: time.Now, order: list.New(), buckets: map[string]*list.Element{},
	}
}

// Take charges cost to the caller of ctx (see FromContext). It returns the
// budget left after the charge; when the budget cannot cover it, nothing is
// charged, ok is false and retryAfter says when it will. A cost above a whole
// minute's budget is charged as the whole budget, so an expensive query can
// still run with a full bucket instead of never. For an unlimited caller
// remaining is -1.
//
// A refusal also asks the HTTP layer (see WithReply) to answer 429 with a
// Retry-After header, so plain HTTP clients and proxies can back off without
// reading the GraphQL error.
func (b *Budget) Take(ctx context.Context, cost int) (remaining int, retryAfter time.Duration, ok bool) {
	if b == nil {
		return -1, 0, true
	}
	p, _ := FromContext(ctx)
	id, perMinute := b.identify(p)
	if perMinute == 0 {
		return -1, 0, true
	}
	cost = min(max(cost, 0), perMinute)
	now := b.now()
	lim := b.limiter(id, perMinute, now)
	if lim.AllowN(now, cost) {
		return tokensLeft(lim, now), 0, true
	}
	missing := float64(cost) - lim.TokensAt(now)
	retryAfter = time.Duration(math.Ceil(missing / float64(lim.Limit()) * float64(time.Second)))
	return tokensLeft(lim, now), retryAfter, false
}

func tokensLeft(lim *rate.Limiter, now time.Time) int {
	return max(int(lim.TokensAt(now)), 0)
}

// identify names the bucket of p and its budget per minute.
func (b *Budget) identify(p Principal) (string, int) {
	if !p.Anonymous() {
		return "key:" + strconv.FormatInt(p.KeyID, 10), b.perKey
	}
	return "ip:" + addressGroup(p.IP), b.perAnon
}

// addressGroup is the part of a client address that identifies one client:
// the whole IPv4 address, or the /64 network of an IPv6 one.
func addressGroup(ip string) string {
	a, err := netip.ParseAddr(ip)
	if err != nil {
		return ip
	}
	a = a.Unmap()
	if a.Is6() {
		if pfx, err := a.Prefix(64); err == nil {
			return pfx.String()
		}
	}
	return a.String()
}

// limiter returns the bucket of id, making it (and making room) if needed.
func (b *Budget) limiter(id string, perMinute int, now time.Time) *rate.Limiter {
	b.mu.Lock()
	defer b.mu.Unlock()
	if el, ok := b.buckets[id]; ok {
		bk := el.Value.(*bucket)
		bk.used = now
		b.order.MoveToFront(el)
		return bk.lim
	}
	// A bucket idle for a minute has refilled completely, so dropping it
	// changes nothing; the least recently used goes when all are busy.
	for el := b.order.Back(); el != nil; el = b.order.Back() {
		bk := el.Value.(*bucket)
		if len(b.buckets) < b.max && now.Sub(bk.used) < time.Minute {
			break
		}
		b.order.Remove(el)
		delete(b.buckets, bk.id)
	}
	bk := &bucket{id: id, lim: rate.NewLimiter(rate.Limit(float64(perMinute)/60), perMinute), used: now}
	b.buckets[id] = b.order.PushFront(bk)
	return bk.lim
}

// Len reports how many callers have a bucket, for tests and metrics.
func (b *Budget) Len() int {
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.buckets)
}
