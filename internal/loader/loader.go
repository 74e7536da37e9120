// Package loader batches the reads that GraphQL relations cause. One set of
// loaders lives for one request, so results are never shared between users
// and a list of N articles costs a constant number of SQL statements, not N.
package loader

import (
	"context"
	"net/http"
	"time"

	"github.com/vikstrous/dataloadgen"

	"github.com/factgraph/factgraph/internal/domain"
)

// Loaders holds one batching loader per relation.
type Loaders struct {
	Article   *dataloadgen.Loader[int64, *domain.Article]
	Entity    *dataloadgen.Loader[int64, *domain.Entity]
	Statement *dataloadgen.Loader[int64, *domain.Statement]
	Figure    *dataloadgen.Loader[int64, *domain.Figure]
	Claim     *dataloadgen.Loader[int64, *domain.Claim]

	ArticleStatements *dataloadgen.Loader[int64, []*domain.Statement]
	ArticleFigures    *dataloadgen.Loader[int64, []*domain.Figure]
	ArticleEntities   *dataloadgen.Loader[int64, []*domain.Entity]
	ArticleClaims     *dataloadgen.Loader[int64, []*domain.Claim]
	StatementFigures  *dataloadgen.Loader[int64, []*domain.Figure]
	ArticleSources    *dataloadgen.Loader[int64, []*domain.Mention]
	ClaimStatements   *dataloadgen.Loader[Slice, []*domain.Statement]
	ClaimArticles     *dataloadgen.Loader[Slice, []*domain.Article]
	ClaimChanges      *dataloadgen.Loader[Slice, []*domain.ClaimChange]
	ClaimFigures      *dataloadgen.Loader[Slice, []*domain.Figure]
	ClaimConfirmedBy  *dataloadgen.Loader[Slice, []*domain.Entity]
	ClaimDeniedBy     *dataloadgen.Loader[Slice, []*domain.Entity]

	Series         *dataloadgen.Loader[int64, *domain.FigureSeries]
	SeriesFigures  *dataloadgen.Loader[Slice, []*domain.Figure]
	SeriesLatest   *dataloadgen.Loader[int64, *domain.Figure]
	SeriesArticles *dataloadgen.Loader[Slice, []*domain.Article]
	SeriesSources  *dataloadgen.Loader[Slice, []*domain.Entity]
}

// wait is how long a loader collects keys before it runs its batch. GraphQL
// resolves sibling fields concurrently, so a few milliseconds gather a whole
// list level into one query.
const wait = 5 * time.Millisecond

// New makes a fresh set of loaders over src. Call it once per request.
func New(src Source) *Loaders {
	opts := []dataloadgen.Option{dataloadgen.WithWait(wait), dataloadgen.WithBatchCapacity(5000)}
	return &Loaders{
		Article:   dataloadgen.NewLoader(src.ArticlesByIDs, opts...),
		Entity:    dataloadgen.NewLoader(src.EntitiesByIDs, opts...),
		Statement: dataloadgen.NewLoader(src.StatementsByIDs, opts...),
		Figure:    dataloadgen.NewLoader(src.FiguresByIDs, opts...),
		Claim:     dataloadgen.NewLoader(src.ClaimsByIDs, opts...),

		ArticleStatements: dataloadgen.NewLoader(src.StatementsByArticle, opts...),
		ArticleFigures:    dataloadgen.NewLoader(src.FiguresByArticle, opts...),
		ArticleEntities:   dataloadgen.NewLoader(src.EntitiesByArticle, opts...),
		ArticleClaims:     dataloadgen.NewLoader(src.ClaimsByArticle, opts...),
		StatementFigures:  dataloadgen.NewLoader(src.FiguresByStatement, opts...),
		ArticleSources:    dataloadgen.NewLoader(src.SourcesByArticle, opts...),
		ClaimStatements:   dataloadgen.NewLoader(sliced(src.StatementsByClaim), opts...),
		ClaimArticles:     dataloadgen.NewLoader(sliced(src.ArticlesByClaim), opts...),
		ClaimChanges:      dataloadgen.NewLoader(sliced(src.ChangesByClaim), opts...),
		ClaimFigures:      dataloadgen.NewLoader(sliced(src.FiguresByClaim), opts...),
		ClaimConfirmedBy:  dataloadgen.NewLoader(sliced(bindStatus(src.SpeakersByClaim, domain.Confirmed)), opts...),
		ClaimDeniedBy:     dataloadgen.NewLoader(sliced(bindStatus(src.SpeakersByClaim, domain.Denied)), opts...),

		Series:         dataloadgen.NewLoader(src.SeriesByIDs, opts...),
		SeriesFigures:  dataloadgen.NewLoader(sliced(src.FiguresBySeries), opts...),
		SeriesLatest:   dataloadgen.NewLoader(src.LatestFigureBySeries, opts...),
		SeriesArticles: dataloadgen.NewLoader(sliced(src.ArticlesBySeries), opts...),
		SeriesSources:  dataloadgen.NewLoader(sliced(src.SourcesBySeries), opts...),
	}
}

func bindStatus(f func(context.Context, domain.Status, []int64, int) ([][]*domain.Entity, []error), s domain.Status) func(context.Context, []int64, int) ([][]*domain.Entity, []error) {
	return func(ctx context.Context, ids []int64, limit int) ([][]*domain.Entity, []error) {
		return f(ctx, s, ids, limit)
	}
}

// Slice asks for the first First items of the list that ID owns. The lists
// of a claim or a series grow with every article stored, so their loaders
// are keyed by Slice and read at most First items per owner from the
// database, never the whole list.
type Slice struct {
	ID    int64
	First int
}

// sliced adapts a batch read with one limit for all owners to a loader of
// Slices. The keys of one batch usually share a limit (one field of one
// query); when they differ, the read takes the largest and each key keeps
// its own share.
func sliced[T any](read func(context.Context, []int64, int) ([][]T, []error)) func(context.Context, []Slice) ([][]T, []error) {
	return func(ctx context.Context, keys []Slice) ([][]T, []error) {
		ids := make([]int64, len(keys))
		limit := 0
		for i, k := range keys {
			ids[i] = k.ID
			limit = max(limit, k.First)
		}
		lists, errs := read(ctx, ids, limit)
		for i, k := range keys {
			if i < len(lists) && len(lists[i]) > k.First {
				lists[i] = lists[i][:k.First:k.First]
			}
		}
		return lists, errs
	}
}

type ctxKey struct{}

// With returns a context carrying l.
func With(ctx context.Context, l *Loaders) context.Context {
	return context.WithValue(ctx, ctxKey{}, l)
}

// For returns the loaders of the request in ctx. It panics when there are
// none, which is a wiring bug that every API test would catch at once.
func For(ctx context.Context) *Loaders {
	l, ok := ctx.Value(ctxKey{}).(*Loaders)
	if !ok {
		panic("loader: no loaders in context; wrap the handler with loader.Middleware")
	}
	return l
}

// Middleware gives every HTTP request (and so every WebSocket connection) its
// own loaders.
func Middleware(src Source, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(With(r.Context(), New(src))))
	})
}
