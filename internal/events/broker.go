// Package events carries "article analysed" notifications, with the claims
// and series that article changed, from ingest to live subscribers.
package events

import (
	"sync"

	"github.com/factgraph/factgraph/internal/domain"
)

// Event is one committed ingest: the new article, the claims whose
// aggregate status it changed, and the series it added figures to.
// Subscribers read the current state of those from storage; the event only
// says where to look.
type Event struct {
	Article   *domain.Article
	ClaimIDs  []int64
	SeriesIDs []int64
}

// Broker fans out events to subscribers in this process. A slow subscriber
// loses events rather than stalling ingest: each has a small buffer and a
// full buffer drops the event for it alone.
type Broker struct {
	mu     sync.Mutex
	subs   map[chan Event]struct{}
	closed bool
}

// NewBroker returns a broker with no subscribers.
func NewBroker() *Broker {
	return &Broker{subs: map[chan Event]struct{}{}}
}

// Subscribe registers a subscriber. The returned cancel func must be called
// when the subscriber goes away; it closes the channel.
func (b *Broker) Subscribe() (<-chan Event, func()) {
	ch := make(chan Event, 16)
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		close(ch)
		return ch, func() {}
	}
	b.subs[ch] = struct{}{}
	return ch, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if _, ok := b.subs[ch]; ok {
			delete(b.subs, ch)
			close(ch)
		}
	}
}

// Subscribed reports whether anyone listens, so that publishers can skip
// gathering what an event would carry when nobody would receive it.
func (b *Broker) Subscribed() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs) > 0
}

// Publish sends an event to every subscriber without blocking.
func (b *Broker) Publish(e Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- e:
		default:
		}
	}
}

// Close ends every subscription, so that open subscriptions complete
// cleanly when the server drains.
func (b *Broker) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.closed = true
	for ch := range b.subs {
		delete(b.subs, ch)
		close(ch)
	}
}
