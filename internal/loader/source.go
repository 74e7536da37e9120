package loader

import (
	"context"

	"github.com/factgraph/factgraph/internal/domain"
)

// Source is the batch reads the loaders need. Every method takes many keys
// and returns results aligned to them: result[i] belongs to keys[i]; a missing
// object is a nil entry (or an empty list) with a nil error. The errors slice
// is nil, one error for the whole batch, or one per key.
type Source interface {
	ArticlesByIDs(ctx context.Context, ids []int64) ([]*domain.Article, []error)
	EntitiesByIDs(ctx context.Context, ids []int64) ([]*domain.Entity, []error)
	StatementsByIDs(ctx context.Context, ids []int64) ([]*domain.Statement, []error)
	FiguresByIDs(ctx context.Context, ids []int64) ([]*domain.Figure, []error)
	ClaimsByIDs(ctx context.Context, ids []int64) ([]*domain.Claim, []error)

	// The lists below come in text order (statements, figures), order of
	// first mention (entities), or oldest first (claims' relations).
	StatementsByArticle(ctx context.Context, articleIDs []int64) ([][]*domain.Statement, []error)
	FiguresByArticle(ctx context.Context, articleIDs []int64) ([][]*domain.Figure, []error)
	EntitiesByArticle(ctx context.Context, articleIDs []int64) ([][]*domain.Entity, []error)
	ClaimsByArticle(ctx context.Context, articleIDs []int64) ([][]*domain.Claim, []error)
	FiguresByStatement(ctx context.Context, statementIDs []int64) ([][]*domain.Figure, []error)
	// SourcesByArticle returns the sources as written of all the
	// article's statements, in text order and, within a statement, in the
	// order of its speakers: read per article, they load in the same wave
	// as the article's statements.
	SourcesByArticle(ctx context.Context, articleIDs []int64) ([][]*domain.Mention, []error)

	// The lists of claims and series grow with the data: each read returns
	// at most limit items per owner, the first ones in the list's order.
	StatementsByClaim(ctx context.Context, claimIDs []int64, limit int) ([][]*domain.Statement, []error)
	ArticlesByClaim(ctx context.Context, claimIDs []int64, limit int) ([][]*domain.Article, []error)
	ChangesByClaim(ctx context.Context, claimIDs []int64, limit int) ([][]*domain.ClaimChange, []error)
	FiguresByClaim(ctx context.Context, claimIDs []int64, limit int) ([][]*domain.Figure, []error)
	// SpeakersByClaim returns, per claim, the distinct speakers of its
	// statements that have the given status (CONFIRMED or DENIED).
	SpeakersByClaim(ctx context.Context, status domain.Status, claimIDs []int64, limit int) ([][]*domain.Entity, []error)

	SeriesByIDs(ctx context.Context, ids []int64) ([]*domain.FigureSeries, []error)
	// The figures and articles of a series come oldest publication first;
	// its sources in the order they first gave a figure.
	FiguresBySeries(ctx context.Context, seriesIDs []int64, limit int) ([][]*domain.Figure, []error)
	ArticlesBySeries(ctx context.Context, seriesIDs []int64, limit int) ([][]*domain.Article, []error)
	SourcesBySeries(ctx context.Context, seriesIDs []int64, limit int) ([][]*domain.Entity, []error)
	// LatestFigureBySeries returns each series' most recently published
	// figure, the last of FiguresBySeries' order.
	LatestFigureBySeries(ctx context.Context, seriesIDs []int64) ([]*domain.Figure, []error)
}
