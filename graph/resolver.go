package graph

import (
	"context"
	"log/slog"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/loader"
)

// Store is what the resolvers need from storage: the batch reads behind the
// per-request loaders, the paged lists, and the one write.
type Store interface {
	loader.Source

	// IngestArticle stores an article and its analysis in one transaction.
	// It calls analyze only when the article is new; created is false when
	// the same url (or, without url, the same title+body) was stored before.
	IngestArticle(ctx context.Context, in domain.NewArticle, analyze func(title, body string) domain.Analysis) (a *domain.Article, created bool, err error)
	ListArticles(ctx context.Context, f domain.ArticleFilter, p domain.PageRequest) (domain.Page[*domain.Article], error)
	ListEntities(ctx context.Context, f domain.EntityFilter, p domain.PageRequest) (domain.Page[*domain.Entity], error)
	ListClaims(ctx context.Context, f domain.ClaimFilter, p domain.PageRequest) (domain.Page[*domain.Claim], error)
	ListFigures(ctx context.Context, f domain.FigureFilter, p domain.PageRequest) (domain.Page[*domain.Figure], error)
	ListSeries(ctx context.Context, f domain.SeriesFilter, p domain.PageRequest) (domain.Page[*domain.FigureSeries], error)
	// The lists of one claim, series or entity that grow with the data,
	// a page at a time.
	ClaimStatementsPage(ctx context.Context, claimID int64, p domain.PageRequest) (domain.Page[*domain.Statement], error)
	SeriesFiguresPage(ctx context.Context, seriesID int64, p domain.PageRequest) (domain.Page[*domain.Figure], error)
	EntityStatementsPage(ctx context.Context, entityID int64, p domain.PageRequest) (domain.Page[*domain.Statement], error)
}

// URLIngester ingests the article of a web page; see package webingest.
type URLIngester interface {
	IngestURL(ctx context.Context, url string) (a *domain.Article, created bool, err error)
}

// Resolver is the root of the resolver tree and its only dependency
// injection point: everything a resolver touches is a field here.
type Resolver struct {
	Store  Store
	Ingest *ingest.Service
	Events *events.Broker
	Log    *slog.Logger
	// Web serves ingestURL.
	Web URLIngester
	// Feeds manages feed subscriptions; nil on a server without them.
	Feeds FeedService
}
