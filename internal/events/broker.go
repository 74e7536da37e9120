// Package events carries "article analysed" notifications from ingest to
// live subscribers.
package events

import (
	"sync"

	"github.com/factgraph/factgraph/internal/domain"
)

// Broker fans out "article analysed" events to subscribers in this process.
// A slow subscriber loses events rather than stalling ingest: each has a
// small buffer and a full buffer drops the event for it alone.
type Broker struct {
	mu     sync.Mutex
	subs   map[chan *domain.Article]struct{}
	closed bool
}

// NewBroker returns a broker with no subscribers.
func NewBroker() *Broker {
	return &Broker{subs: map[chan *domain.Article]struct{}{}}
}

// Subscribe registers a subscriber. The returned cancel func must be called
// when the subscriber goes away; it closes the channel.
func (b *Broker) Subscribe() (<-chan *domain.Article, func()) {
	ch := make(chan *domain.Article, 16)
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

// Publish sends an article to every subscriber without blocking.
func (b *Broker) Publish(a *domain.Article) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for ch := range b.subs {
		select {
		case ch <- a:
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
