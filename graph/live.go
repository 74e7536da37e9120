package graph

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/events"
)

// The subscriptions follow the live event log of package events (whose
// package comment has the design) and never drop an event silently:
//
//   - Every subscription pulls the events after its own cursor from the
//     broker and sends, for each, the payloads it fires (zero or more), each
//     in a message whose extensions.cursor names the event and how many of
//     its payloads were sent, so a client that resumes with that cursor as
//     `after` continues exactly after the last message it received.
//   - Payloads are loaded fresh from storage when sent: the log holds IDs,
//     and the current state is what a subscriber wants.
//   - A stream that cannot go on without a gap ends with one message holding
//     one coded error, then completes: BEHIND when the subscriber fell
//     further behind than the log keeps (see events.BehindError), INTERNAL
//     when storage failed (its message names the cursor to resume from),
//     or whatever error the operation's end signal carries (see EndOn: a
//     revoked API key). A broker closing for a drain completes streams
//     without an error.

// liveArticles streams every newly analysed article.
func (r *Resolver) liveArticles(ctx context.Context, after *string) (<-chan *domain.Article, error) {
	return subscribe(ctx, r, after, func(ctx context.Context, ev events.Event) ([]*domain.Article, error) {
		return loadFresh(ctx, []int64{ev.ArticleID}, r.Store.ArticlesByIDs)
	})
}

// liveClaims streams the claims whose status an ingest changed: the one
// with row ID want, or all when want is 0.
func (r *Resolver) liveClaims(ctx context.Context, want int64, after *string) (<-chan *domain.Claim, error) {
	return subscribe(ctx, r, after, func(ctx context.Context, ev events.Event) ([]*domain.Claim, error) {
		return loadFresh(ctx, wanted(ev.ClaimIDs, want), r.Store.ClaimsByIDs)
	})
}

// liveSeries streams the series an ingest added figures to: the one with
// row ID want, or all when want is 0.
func (r *Resolver) liveSeries(ctx context.Context, want int64, after *string) (<-chan *domain.FigureSeries, error) {
	return subscribe(ctx, r, after, func(ctx context.Context, ev events.Event) ([]*domain.FigureSeries, error) {
		return loadFresh(ctx, wanted(ev.SeriesIDs, want), r.Store.SeriesByIDs)
	})
}

func claimRowID(c *domain.Claim) int64         { return c.ID }
func seriesRowID(s *domain.FigureSeries) int64 { return s.ID }

// liveCursor is a position in the live event log: after the first Sent
// payloads that the event Seq fires for a subscription. Resuming reads that
// event again and skips those, so a client never misses the rest of an
// ingest that fired several payloads.
type liveCursor struct {
	Seq  int64
	Sent int
}

const cursorPrefix = "live:"

func (c liveCursor) String() string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatInt(c.Seq, 10) + ":" + strconv.Itoa(c.Sent)))
}

// parseLiveCursor reads the after argument of a subscription.
func parseLiveCursor(s string) (liveCursor, error) {
	bad := domain.Errorf(domain.EINVALID, "malformed cursor %q: pass the extensions.cursor of a subscription message", truncate(s, 64))
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return liveCursor{}, bad
	}
	rest, ok := strings.CutPrefix(string(raw), cursorPrefix)
	seqText, sentText, ok2 := strings.Cut(rest, ":")
	seq, err1 := strconv.ParseInt(seqText, 10, 64)
	sent, err2 := strconv.Atoi(sentText)
	if !ok || !ok2 || err1 != nil || err2 != nil || seq < 0 || sent < 0 {
		return liveCursor{}, bad
	}
	return liveCursor{Seq: seq, Sent: sent}, nil
}

// subscribe turns the events after the cursor after (after now when nil)
// into a subscription's stream: each event is mapped by fire to the
// payloads it sends. A malformed cursor is refused before the stream
// starts. The stream ends when the client goes away, the broker closes, or
// an error ends it (see the comment at the top of this file).
func subscribe[T any](ctx context.Context, r *Resolver, after *string, fire func(ctx context.Context, ev events.Event) ([]T, error)) (<-chan T, error) {
	var from *int64
	skip := liveCursor{Seq: -1}
	if after != nil {
		c, err := parseLiveCursor(*after)
		if err != nil {
			return nil, err
		}
		// The event the cursor names is read again, so that its payloads
		// beyond the ones sent can be.
		from, skip = new(c.Seq-1), c
	}
	sub, err := r.Events.Subscribe(ctx, from)
	if err != nil {
		return nil, err
	}
	slot, _ := ctx.Value(liveSlotKey{}).(*liveSlot)
	out := make(chan T)
	go func() {
		defer close(out)
		defer sub.Close()
		err := stream(ctx, sub, skip, fire, out, slot)
		if err != nil && ctx.Err() == nil && slot != nil {
			slot.finish(liveEnd(r.Log, err))
		}
	}()
	return out, nil
}

// stream sends the payloads of every event sub yields until an error,
// which it returns; skip names the payloads of one event already sent.
func stream[T any](ctx context.Context, sub *events.Subscription, skip liveCursor, fire func(ctx context.Context, ev events.Event) ([]T, error), out chan<- T, slot *liveSlot) error {
	ctx, stop := endable(ctx)
	defer stop()
	for {
		evs, err := sub.Next(ctx)
		if err != nil {
			return endCause(ctx, err)
		}
		for _, ev := range evs {
			vals, err := fire(ctx, ev)
			if err != nil {
				return &interruptedError{at: liveCursor{Seq: ev.Seq}, err: err}
			}
			for i, v := range vals {
				if ev.Seq == skip.Seq && i < skip.Sent {
					continue
				}
				slot.put(liveCursor{Seq: ev.Seq, Sent: i + 1})
				select {
				case out <- v:
				case <-ctx.Done():
					return endCause(ctx, ctx.Err())
				}
				if err := slot.wait(ctx); err != nil {
					return endCause(ctx, err)
				}
			}
		}
	}
}

// liveSlot hands the cursor of each payload, and the error that ends a
// stream, from a subscription's resolver to its responses. The resolver
// puts a cursor, sends the payload and waits until the response for it is
// made, so a cursor always reaches the message of its own payload.
type liveSlot struct {
	mu     sync.Mutex
	cursor *liveCursor
	end    error
	ack    chan struct{}
}

func (s *liveSlot) put(c liveCursor) {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.cursor = &c
	s.mu.Unlock()
}

// wait blocks until the response for the payload just sent is made.
func (s *liveSlot) wait(ctx context.Context) error {
	if s == nil {
		return nil
	}
	select {
	case <-s.ack:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// finish records the error that ends the stream, nil for none; it is
// sent when the stream's channel is seen closed.
func (s *liveSlot) finish(err error) {
	s.mu.Lock()
	s.end = err
	s.mu.Unlock()
}

// done takes the cursor of the payload a response carries, and tells the
// resolver it may go on.
func (s *liveSlot) done() *liveCursor {
	s.mu.Lock()
	c := s.cursor
	s.cursor = nil
	s.mu.Unlock()
	select {
	case s.ack <- struct{}{}:
	default:
	}
	return c
}

// takeEnd takes the error that ends the stream, once.
func (s *liveSlot) takeEnd() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	err := s.end
	s.end = nil
	return err
}

// interruptedError is a storage failure while a stream sends an event;
// the client may resume at the cursor given.
type interruptedError struct {
	at  liveCursor
	err error
}

func (e *interruptedError) Error() string { return fmt.Sprintf("live event %d: %v", e.at.Seq, e.err) }
func (e *interruptedError) Unwrap() error { return e.err }

// liveEnd is the error a stream ends with for the client, nil for a clean
// completion.
func liveEnd(log *slog.Logger, err error) error {
	var behind *events.BehindError
	var interrupted *interruptedError
	var de *domain.Error
	switch {
	case errors.Is(err, events.ErrClosed):
		return nil
	case errors.As(err, &behind):
		return domain.Errorf(domain.EBEHIND,
			"this subscription %s, so events were missed and it has ended; query the current state, then subscribe again without after",
			behind.Error())
	case errors.As(err, &interrupted):
		log.Error("live update unread", "err", err)
		return domain.Errorf(domain.EINTERNAL,
			"live updates were interrupted by a server fault; subscribe again with after: %q to continue", interrupted.at)
	case errors.As(err, &de):
		return de
	}
	log.Error("live updates interrupted", "err", err)
	return domain.Errorf(domain.EINTERNAL, "live updates were interrupted by a server fault; subscribe again with the last extensions.cursor received as after")
}

// wanted narrows the IDs an event touched to the one a subscription
// watches, when it watches one (want not 0).
func wanted(ids []int64, want int64) []int64 {
	if want == 0 {
		return ids
	}
	if slices.Contains(ids, want) {
		return []int64{want}
	}
	return nil
}

// loadFresh reads, fresh from storage, the objects of ids. Subscriptions
// outlive requests, so they read through the store, never through a
// request's loaders and their cache. An object gone since (merged away by
// re-analysis) is skipped: its survivor has its own event.
func loadFresh[T any](ctx context.Context, ids []int64, read func(context.Context, []int64) ([]*T, []error)) ([]*T, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	objs, errs := read(ctx, ids)
	for _, err := range errs {
		if err != nil && domain.ErrorCode(err) != domain.ENOTFOUND {
			return nil, err
		}
	}
	out := make([]*T, 0, len(objs))
	for _, o := range objs {
		if o != nil {
			out = append(out, o)
		}
	}
	return out, nil
}

type (
	liveSlotKey  struct{}
	endSignalKey struct{}
)

// EndOn returns ctx whose subscriptions end when end yields an error: the
// client receives that error (a domain error, shown as it is) and the
// stream completes. The server uses it to end the subscriptions of a key
// revoked while they run.
func EndOn(ctx context.Context, end <-chan error) context.Context {
	return context.WithValue(ctx, endSignalKey{}, end)
}

// endable derives from ctx one that is cancelled, with the error as its
// cause, when the end signal of EndOn fires.
func endable(ctx context.Context) (context.Context, func()) {
	end, _ := ctx.Value(endSignalKey{}).(<-chan error)
	ctx, cancel := context.WithCancelCause(ctx)
	if end == nil {
		return ctx, func() { cancel(nil) }
	}
	var once sync.Once
	done := make(chan struct{})
	go func() {
		select {
		case err := <-end:
			cancel(err)
		case <-done:
		}
	}()
	return ctx, func() {
		once.Do(func() { close(done) })
		cancel(nil)
	}
}

// endCause is err, or the error that ended ctx through its end signal.
func endCause(ctx context.Context, err error) error {
	var de *domain.Error
	if cause := context.Cause(ctx); errors.As(cause, &de) {
		return de
	}
	return err
}

// LiveExtension completes each subscription message: it adds the cursor
// of the event it reports as extensions.cursor, and sends the error that
// ended a stream, if one did, as the stream's last message.
type LiveExtension struct {
	Log *slog.Logger
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationInterceptor
	graphql.ResponseInterceptor
} = LiveExtension{}

// ExtensionName implements graphql.HandlerExtension.
func (LiveExtension) ExtensionName() string { return "LiveCursors" }

// Validate implements graphql.HandlerExtension.
func (LiveExtension) Validate(graphql.ExecutableSchema) error { return nil }

// InterceptOperation gives every subscription the slot its resolver and
// its responses share.
func (LiveExtension) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	oc := graphql.GetOperationContext(ctx)
	if oc == nil || oc.Operation == nil || oc.Operation.Operation != ast.Subscription {
		return next(ctx)
	}
	return next(context.WithValue(ctx, liveSlotKey{}, &liveSlot{ack: make(chan struct{}, 1)}))
}

// InterceptResponse adds the cursor to a subscription message, or turns
// the end of a stream that an error ended into a message with that error
// (the stream completes after it).
func (e LiveExtension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	slot, _ := ctx.Value(liveSlotKey{}).(*liveSlot)
	if slot == nil {
		return resp
	}
	if resp == nil {
		if err := slot.takeEnd(); err != nil {
			return &graphql.Response{Errors: gqlerror.List{ErrorPresenter(e.Log)(ctx, err)}}
		}
		return nil
	}
	if c := slot.done(); c != nil {
		ext := make(map[string]any, len(resp.Extensions)+1)
		maps.Copy(ext, resp.Extensions)
		ext["cursor"] = c.String()
		resp.Extensions = ext
	}
	return resp
}

// watchedID resolves the optional ID argument of a story subscription to
// the row it watches: 0 for every row, else the row the ID names now (an
// ID merged away by re-analysis watches its survivor). An ID of another
// type or of nothing stored is a client error, reported before the
// subscription starts.
func watchedID[T any](ctx context.Context, gid *string, typ string, load func(context.Context, []int64) ([]*T, []error), idOf func(*T) int64) (int64, error) {
	id, err := optionalTypedID(gid, typ)
	if err != nil || id == nil {
		return 0, err
	}
	objs, errs := load(ctx, []int64{*id})
	for _, err := range errs {
		if err != nil {
			return 0, err
		}
	}
	if len(objs) == 0 || objs[0] == nil {
		return 0, domain.Errorf(domain.ENOTFOUND, "no %s with id %q", typ, truncate(*gid, 64))
	}
	return idOf(objs[0]), nil
}
