package graph

import (
	"context"
	"log/slog"
	"slices"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/events"
)

// liveArticles streams every newly analysed article.
func (r *Resolver) liveArticles(ctx context.Context) <-chan *domain.Article {
	return subscribe(ctx, r.Events, func(_ context.Context, ev events.Event) []*domain.Article {
		return []*domain.Article{ev.Article}
	})
}

// liveClaims streams the claims whose status an ingest changed: the one
// with row ID want, or all when want is 0.
func (r *Resolver) liveClaims(ctx context.Context, want int64) <-chan *domain.Claim {
	return subscribe(ctx, r.Events, func(ctx context.Context, ev events.Event) []*domain.Claim {
		return changed(ctx, r.Log, "claim", ev.ClaimIDs, want, r.Store.ClaimsByIDs)
	})
}

// liveSeries streams the series an ingest added figures to: the one with
// row ID want, or all when want is 0.
func (r *Resolver) liveSeries(ctx context.Context, want int64) <-chan *domain.FigureSeries {
	return subscribe(ctx, r.Events, func(ctx context.Context, ev events.Event) []*domain.FigureSeries {
		return changed(ctx, r.Log, "series", ev.SeriesIDs, want, r.Store.SeriesByIDs)
	})
}

func claimRowID(c *domain.Claim) int64         { return c.ID }
func seriesRowID(s *domain.FigureSeries) int64 { return s.ID }

// subscribe turns broker events into a subscription's stream: each event
// is mapped by send to zero or more payloads. The stream ends, and the
// broker forgets the subscriber, when the client goes away or the broker
// closes for a drain.
func subscribe[T any](ctx context.Context, b *events.Broker, send func(ctx context.Context, ev events.Event) []T) <-chan T {
	in, cancel := b.Subscribe()
	out := make(chan T)
	go func() {
		defer close(out)
		defer cancel()
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-in:
				if !ok {
					return
				}
				for _, v := range send(ctx, ev) {
					select {
					case out <- v:
					case <-ctx.Done():
						return
					}
				}
			}
		}
	}()
	return out
}

// changed reads, fresh from storage, the objects of ids that a subscription
// wants (all of them when want is 0). Subscriptions outlive requests, so
// they read through the store, never through a request's loaders and their
// cache. A failed read is logged and costs the subscriber this event only.
func changed[T any](ctx context.Context, log *slog.Logger, what string, ids []int64, want int64,
	load func(context.Context, []int64) ([]*T, []error)) []*T {
	if want != 0 {
		if !slices.Contains(ids, want) {
			return nil
		}
		ids = []int64{want}
	}
	if len(ids) == 0 {
		return nil
	}
	objs, errs := load(ctx, ids)
	for _, err := range errs {
		if err != nil {
			log.ErrorContext(ctx, "live update unread", "what", what, "err", err)
			return nil
		}
	}
	out := make([]*T, 0, len(objs))
	for _, o := range objs {
		if o != nil {
			out = append(out, o)
		}
	}
	return out
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
