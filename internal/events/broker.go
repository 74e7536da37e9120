// Package events carries "article analysed" notifications, with the claims
// and series that article changed, from ingest to live subscribers, on one
// server or across many replicas of one database, without losing any
// silently.
//
// # Design
//
// Every committed ingest appends one Event (the IDs it touched, never the
// objects) to a log kept in the database (see Log). Appends are
// serialised, so each event gets a sequence number, its cursor, and
// cursors grow in commit order: a reader that has seen cursor n will never
// later find an event below n. The log keeps the newest Retention events
// (storage may be told to keep another number).
//
// A Broker per process follows the log. On PostgreSQL the append's
// transaction also sends NOTIFY with the cursor; every replica LISTENs
// (see Watcher) and, woken, reads the log after the last cursor it holds,
// so every replica's subscribers see every replica's ingests, and a missed
// notification (a dropped listening connection) costs latency, not events:
// the broker also reads after every reconnection and every PollInterval.
// On SQLite the one server wakes itself when it publishes.
//
// The broker keeps the newest events it read in a shared in-memory tail.
// Subscribers pull: each holds its own cursor and asks for the events
// after it (Subscription.Next), served from the tail when it covers the
// cursor and from the log otherwise. Nothing is pushed into per-subscriber
// buffers, so nothing is dropped when a subscriber is slow; it only falls
// behind. A subscriber that falls further behind than the log retains
// (its next event was pruned) gets ErrBehind, which its stream reports to
// the client before completing, and the Observer counts it. A client that
// reconnects passes the last cursor it saw and resumes after it (the
// `after` argument of the subscriptions), receiving every event it missed
// while away, or ErrBehind if the log no longer holds them.
//
// What is not covered: an ingest whose process dies between its commit and
// its append is stored but never announced; the append failing is logged
// by the ingest with the article's ID.
package events

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// Retention is how many of the newest events the log keeps by default: the
// furthest a subscriber may fall behind, or a client stay away, and still
// catch up.
const Retention = 100_000

// PollInterval bounds how long an append this process was not told about
// (a lost notification, or an ingest by the command line into SQLite) waits
// before the broker reads it.
const PollInterval = 2 * time.Second

// tailSize is how many recent events the broker keeps in memory, enough
// for every subscriber that keeps up to read none from the database.
const tailSize = 4096

// readBatch is the most events one read of the log returns.
const readBatch = 256

// Event is one committed ingest: the new article, the claims whose
// aggregate status it changed, and the series it added figures to.
// Subscribers read the current state of those from storage; the event only
// says where to look.
type Event struct {
	// Seq is the event's position in the log, its cursor; 0 before it is
	// appended.
	Seq       int64
	ArticleID int64
	ClaimIDs  []int64
	SeriesIDs []int64
}

// Log is the ordered, durable record of events: the database.
type Log interface {
	// AppendEvent stores ev at the end of the log and returns its Seq.
	AppendEvent(ctx context.Context, ev Event) (int64, error)
	// EventsAfter returns up to limit events with Seq above after, oldest
	// first, and the highest Seq that may have been pruned by the time of
	// the read: when after is below it, events after it may be missing.
	EventsAfter(ctx context.Context, after int64, limit int) (evs []Event, pruned int64, err error)
	// LatestEvent returns the newest Seq in the log, 0 when empty.
	LatestEvent(ctx context.Context) (int64, error)
}

// Observer is told when a subscriber fell behind, for metrics.
type Observer interface {
	SubscriberBehind()
}

// ErrClosed ends the subscriptions of a broker that closed for a drain;
// streams complete cleanly on it.
var ErrClosed = errors.New("events: broker closed")

// BehindError says that the events after a subscriber's cursor are no
// longer retained, so it cannot be served without a gap.
type BehindError struct {
	// Cursor is where the subscriber stood; Pruned the highest event that
	// may be gone.
	Cursor, Pruned int64
}

func (e *BehindError) Error() string {
	return fmt.Sprintf("fell behind: events %d to %d after its cursor are no longer kept", e.Cursor+1, e.Pruned)
}

// Recorder appends events to the log without serving subscribers, for
// processes that ingest but do not serve (the bulk command): the servers
// of the same database pick the events up.
type Recorder struct{ Log Log }

// Publish appends ev to the log.
func (r Recorder) Publish(ctx context.Context, ev Event) error {
	if _, err := r.Log.AppendEvent(ctx, ev); err != nil {
		return fmt.Errorf("events: publish: %w", err)
	}
	return nil
}

// Broker follows the log for this process and serves its subscribers (see
// the package comment).
type Broker struct {
	log      Log
	logger   *slog.Logger
	observer Observer
	wake     chan struct{}
	done     chan struct{}
	stopped  chan struct{}

	mu sync.Mutex
	// tail holds, oldest first, every event with Seq above tailFrom up to
	// head, at most tailSize of them.
	tail     []Event
	tailFrom int64
	head     int64
	// advanced is closed, and replaced, whenever head moves.
	advanced chan struct{}
	closed   bool
	// subs counts open subscriptions; without any the log is not read,
	// and stale records that it may have grown meanwhile.
	subs  int
	stale bool
}

// Options are a broker's optional collaborators.
type Options struct {
	Log      *slog.Logger
	Observer Observer // may be nil
}

// NewBroker reads where the log ends and starts following it from there;
// Close stops it.
func NewBroker(ctx context.Context, log Log, o Options) (*Broker, error) {
	latest, err := log.LatestEvent(ctx)
	if err != nil {
		return nil, fmt.Errorf("events: start broker: %w", err)
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	b := &Broker{
		log: log, logger: o.Log, observer: o.Observer,
		wake: make(chan struct{}, 1), done: make(chan struct{}), stopped: make(chan struct{}),
		tailFrom: latest, head: latest, advanced: make(chan struct{}),
	}
	go b.follow()
	return b, nil
}

// Publish appends ev to the log and wakes this process's subscribers; on
// PostgreSQL the append also wakes every other replica.
func (b *Broker) Publish(ctx context.Context, ev Event) error {
	if _, err := b.log.AppendEvent(ctx, ev); err != nil {
		return fmt.Errorf("events: publish: %w", err)
	}
	b.Wake()
	return nil
}

// Wake tells the broker that the log may have grown. It never blocks.
func (b *Broker) Wake() {
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// Close ends every subscription, so that open subscriptions complete
// cleanly when the server drains, and stops following the log.
func (b *Broker) Close() {
	b.mu.Lock()
	if b.closed {
		b.mu.Unlock()
		return
	}
	b.closed = true
	close(b.done)
	b.mu.Unlock()
	<-b.stopped
}

// follow reads the log into the tail whenever woken, and every
// PollInterval, until Close.
func (b *Broker) follow() {
	defer close(b.stopped)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-b.done
		cancel()
	}()
	tick := time.NewTicker(PollInterval)
	defer tick.Stop()
	for {
		select {
		case <-b.done:
			return
		case <-b.wake:
		case <-tick.C:
		}
		b.mu.Lock()
		idle := b.subs == 0
		b.stale = b.stale || idle
		b.mu.Unlock()
		if idle {
			continue
		}
		if err := b.catchUp(ctx); err != nil && ctx.Err() == nil {
			b.logger.WarnContext(ctx, "reading live events", "err", err)
		}
	}
}

// catchUp reads every event after head into the tail.
func (b *Broker) catchUp(ctx context.Context) error {
	for {
		b.mu.Lock()
		head := b.head
		b.mu.Unlock()
		evs, pruned, err := b.log.EventsAfter(ctx, head, readBatch)
		if err != nil {
			return err
		}
		b.mu.Lock()
		if head < pruned {
			// This process was away longer than the log keeps: go on
			// from what is kept; subscribers still before it read the
			// log themselves and learn what they lost.
			b.tail, b.tailFrom = nil, pruned
			if len(evs) > 0 {
				b.tail, b.head = append(b.tail, evs...), evs[len(evs)-1].Seq
			}
			b.head = max(b.head, pruned)
			b.signal()
			b.mu.Unlock()
			continue
		}
		if len(evs) > 0 {
			b.tail = append(b.tail, evs...)
			if over := len(b.tail) - tailSize; over > 0 {
				b.tailFrom = b.tail[over-1].Seq
				b.tail = append([]Event(nil), b.tail[over:]...)
			}
			b.head = evs[len(evs)-1].Seq
			b.signal()
		}
		b.mu.Unlock()
		if len(evs) < readBatch {
			return nil
		}
	}
}

// signal wakes every waiting subscriber; b.mu must be held.
func (b *Broker) signal() {
	close(b.advanced)
	b.advanced = make(chan struct{})
}

// Subscription is one subscriber's position in the log.
type Subscription struct {
	b      *Broker
	cursor int64
	closed bool
}

// Subscribe starts a subscriber after the cursor after, or, when after is
// nil, after the newest event in the log. Close it when done.
func (b *Broker) Subscribe(ctx context.Context, after *int64) (*Subscription, error) {
	b.mu.Lock()
	stale := b.subs == 0 && b.stale
	b.mu.Unlock()
	latest := int64(-1)
	if stale {
		// Nobody followed the log for a while: learn where it ends.
		var err error
		if latest, err = b.log.LatestEvent(ctx); err != nil {
			return nil, fmt.Errorf("events: subscribe: %w", err)
		}
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if latest > b.head && b.subs == 0 {
		b.tail, b.tailFrom, b.head = nil, latest, latest
	}
	if latest >= 0 && b.subs == 0 {
		b.stale = false
	}
	b.subs++
	s := &Subscription{b: b, cursor: b.head}
	if after != nil {
		s.cursor = *after
	}
	return s, nil
}

// Close ends the subscription.
func (s *Subscription) Close() {
	s.b.mu.Lock()
	defer s.b.mu.Unlock()
	if !s.closed {
		s.closed = true
		s.b.subs--
	}
}

// Next waits for the events after the subscriber's cursor and returns
// them, oldest first, moving the cursor past them. It fails with ctx's
// error, ErrClosed when the broker closes, a *BehindError when events
// after the cursor are no longer retained, or the log's error.
func (s *Subscription) Next(ctx context.Context) ([]Event, error) {
	b := s.b
	for {
		b.mu.Lock()
		if b.closed {
			b.mu.Unlock()
			return nil, ErrClosed
		}
		switch {
		case s.cursor >= b.head:
			wait := b.advanced
			b.mu.Unlock()
			select {
			case <-ctx.Done():
				return nil, ctx.Err()
			case <-b.done:
				return nil, ErrClosed
			case <-wait:
			}
			continue
		case s.cursor >= b.tailFrom:
			evs := eventsAfter(b.tail, s.cursor)
			b.mu.Unlock()
			if len(evs) == 0 {
				// Only a gap in the numbering lies between the cursor
				// and the head.
				s.cursor = max(s.cursor, b.headNow())
				continue
			}
			s.cursor = evs[len(evs)-1].Seq
			return evs, nil
		}
		b.mu.Unlock()
		return s.fromLog(ctx)
	}
}

func (b *Broker) headNow() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.head
}

// eventsAfter copies out the events of tail above cursor, at most
// readBatch.
func eventsAfter(tail []Event, cursor int64) []Event {
	i := 0
	for i < len(tail) && tail[i].Seq <= cursor {
		i++
	}
	end := min(len(tail), i+readBatch)
	return append([]Event(nil), tail[i:end]...)
}

// fromLog serves a subscriber the tail no longer covers from the log.
func (s *Subscription) fromLog(ctx context.Context) ([]Event, error) {
	evs, pruned, err := s.b.log.EventsAfter(ctx, s.cursor, readBatch)
	if err != nil {
		return nil, fmt.Errorf("events: catch up after %d: %w", s.cursor, err)
	}
	if s.cursor < pruned {
		if s.b.observer != nil {
			s.b.observer.SubscriberBehind()
		}
		return nil, &BehindError{Cursor: s.cursor, Pruned: pruned}
	}
	if len(evs) == 0 {
		// The broker read events after this cursor, so the log held
		// some; none now and none pruned means the log was reset.
		return nil, fmt.Errorf("events: the log holds nothing after %d, though it did", s.cursor)
	}
	s.cursor = evs[len(evs)-1].Seq
	return evs, nil
}
