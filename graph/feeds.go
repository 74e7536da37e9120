package graph

import (
	"context"
	"time"

	"github.com/factgraph/factgraph/graph/model"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/feeds"
)

// FeedService is what the feed fields need: subscriptions and their
// polling state (*feeds.Service).
type FeedService interface {
	Add(ctx context.Context, url string, every time.Duration) (*feeds.Feed, bool, error)
	Remove(ctx context.Context, url string) (bool, error)
	List(ctx context.Context, first int, after int64) ([]*feeds.Feed, bool, error)
	Count(ctx context.Context) (int, error)
}

// feedService is the configured service, or an error saying that this
// server runs without feeds.
func (r *Resolver) feedService() (FeedService, error) {
	if r.Feeds == nil {
		return nil, domain.Errorf(domain.EINVALID, "feeds are not enabled on this server")
	}
	return r.Feeds, nil
}

// listFeeds pages through the feeds as a connection.
func listFeeds(ctx context.Context, s FeedService, first *int, after *string) (*model.FeedConnection, error) {
	p, err := pageRequest(ctx, "feeds", first, after)
	if err != nil {
		return nil, err
	}
	var afterID int64
	if p.After != nil {
		afterID = p.After.ID
	}
	items, more, err := s.List(ctx, p.First, afterID)
	if err != nil {
		return nil, err
	}
	pg := domain.Page[*feeds.Feed]{Items: items, HasNext: more, HasPrevious: p.After != nil}
	for _, f := range items {
		pg.Cursors = append(pg.Cursors, domain.Cursor{ID: f.ID})
	}
	if p.Count {
		if pg.Total, err = s.Count(ctx); err != nil {
			return nil, err
		}
	}
	edges, info := connection("feeds", pg, func(c string, n *feeds.Feed) *model.FeedEdge { return &model.FeedEdge{Cursor: c, Node: n} })
	return &model.FeedConnection{Edges: edges, PageInfo: info, TotalCount: pg.Total}, nil
}
