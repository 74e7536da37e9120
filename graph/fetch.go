package graph

import (
	"context"
	"fmt"

	"github.com/vikstrous/dataloadgen"

	"github.com/factgraph/factgraph/graph/model"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/loader"
)

// load fetches one object through a request loader; a missing object is a
// NOT_FOUND error, since the caller asked for a reference that must exist.
func load[T any](ctx context.Context, l *dataloadgen.Loader[int64, *T], id int64, typ string) (*T, error) {
	v, err := l.Load(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load %s %d: %w", typ, id, err)
	}
	if v == nil {
		return nil, domain.Errorf(domain.ENOTFOUND, "%s %s does not exist", typ, globalID(typ, id))
	}
	return v, nil
}

// loadOptional is load for nullable references: no ID, no object.
func loadOptional[T any](ctx context.Context, l *dataloadgen.Loader[int64, *T], id *int64, typ string) (*T, error) {
	if id == nil {
		return nil, nil
	}
	return load(ctx, l, *id, typ)
}

// loadList fetches a relation list through a request loader.
func loadList[T any](ctx context.Context, l *dataloadgen.Loader[int64, []*T], id int64) ([]*T, error) {
	v, err := l.Load(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("load list for %d: %w", id, err)
	}
	if v == nil {
		v = []*T{}
	}
	return v, nil
}

// lookup resolves a global ID of a known type to its object, or nil when
// nothing has that ID (the contract's node/article/entity return null then).
func lookup(ctx context.Context, gid string) (model.Node, error) {
	typ, id, err := parseGlobalID(gid)
	if err != nil {
		return nil, err
	}
	l := loader.For(ctx)
	var (
		v     any
		isNil bool
	)
	switch typ {
	case typeArticle:
		a, e := l.Article.Load(ctx, id)
		v, isNil, err = a, a == nil, e
	case typeEntity:
		a, e := l.Entity.Load(ctx, id)
		v, isNil, err = a, a == nil, e
	case typeStatement:
		a, e := l.Statement.Load(ctx, id)
		v, isNil, err = a, a == nil, e
	case typeFigure:
		a, e := l.Figure.Load(ctx, id)
		v, isNil, err = a, a == nil, e
	case typeClaim:
		a, e := l.Claim.Load(ctx, id)
		v, isNil, err = a, a == nil, e
	case typeSeries:
		a, e := l.Series.Load(ctx, id)
		v, isNil, err = a, a == nil, e
	}
	if err != nil {
		return nil, fmt.Errorf("lookup %s %d: %w", typ, id, err)
	}
	if isNil {
		return nil, nil
	}
	return v, nil
}

// lookupTyped is lookup for fields that take the ID of one type only.
func lookupTyped[T any](ctx context.Context, l *dataloadgen.Loader[int64, *T], gid, typ string) (*T, error) {
	id, err := parseTypedID(gid, typ)
	if err != nil {
		return nil, err
	}
	v, err := l.Load(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("lookup %s %d: %w", typ, id, err)
	}
	return v, nil
}

// The relations below are answered from the lists of the statement's or
// figure's own article. Those lists are loaded per article, once per
// request, usually already for article.entities and article.figures; reading
// through them keeps a deep query at a fixed number of SQL statements, where
// batching by statement would depend on how goroutines happen to be timed.

// articleEntities returns the entities with the given IDs, in that order,
// from the article's entity list, falling back to a load by ID for any the
// list lacks.
func articleEntities(ctx context.Context, articleID int64, ids []int64) ([]*domain.Entity, error) {
	l := loader.For(ctx)
	all, err := loadList(ctx, l.ArticleEntities, articleID)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*domain.Entity, len(all))
	for _, e := range all {
		byID[e.ID] = e
	}
	out := make([]*domain.Entity, len(ids))
	for i, id := range ids {
		if e, ok := byID[id]; ok {
			out[i] = e
			continue
		}
		e, err := load(ctx, l.Entity, id, typeEntity)
		if err != nil {
			return nil, err
		}
		out[i] = e
	}
	return out, nil
}

// articleEntity is articleEntities for one optional reference.
func articleEntity(ctx context.Context, articleID int64, id *int64) (*domain.Entity, error) {
	if id == nil {
		return nil, nil
	}
	es, err := articleEntities(ctx, articleID, []int64{*id})
	if err != nil {
		return nil, err
	}
	return es[0], nil
}

// statementFigures returns the figures a statement carries, in text order.
func statementFigures(ctx context.Context, s *domain.Statement) ([]*domain.Figure, error) {
	return ofStatement(ctx, loader.For(ctx).ArticleFigures, s, func(f *domain.Figure) bool {
		return f.StatementID != nil && *f.StatementID == s.ID
	})
}

// statementSources returns a statement's sources as written, in the order
// of its speakers, from the list of its article's sources.
func statementSources(ctx context.Context, s *domain.Statement) ([]*domain.Mention, error) {
	return ofStatement(ctx, loader.For(ctx).ArticleSources, s, func(m *domain.Mention) bool { return m.StatementID == s.ID })
}

// ofStatement keeps, of a list of the statement's article, the items that
// belong to the statement, in the list's order.
func ofStatement[T any](ctx context.Context, l *dataloadgen.Loader[int64, []*T], s *domain.Statement, mine func(*T) bool) ([]*T, error) {
	all, err := loadList(ctx, l, s.ArticleID)
	if err != nil {
		return nil, err
	}
	out := []*T{}
	for _, it := range all {
		if mine(it) {
			out = append(out, it)
		}
	}
	return out, nil
}

// Sizes of the list fields that take `first`. Every list that can grow with
// the data takes it, so that the cost model (internal/limits) can charge a
// list at most what it may return: the lists of claims and series grow with
// every article and start at the connections' default; an article's lists
// are bounded by its body and start large enough to hold a whole article;
// a statement's lists are bounded by one sentence.
const (
	DefaultStoryListSize     = DefaultPageSize
	DefaultArticleListSize   = MaxPageSize
	DefaultStatementListSize = 10
)

// listSize validates the `first` of a list field; def applies when the
// client passed null.
func listSize(first *int, def int) (int, error) {
	if first == nil {
		return def, nil
	}
	switch {
	case *first < 0:
		return 0, domain.Errorf(domain.EINVALID, "first must not be negative")
	case *first > MaxPageSize:
		return 0, domain.Errorf(domain.EINVALID, "first is %d; at most %d items can be asked for at once", *first, MaxPageSize)
	}
	return *first, nil
}

// loadSlice fetches the first items of a list that grows with the data;
// the database reads no more than that.
func loadSlice[T any](ctx context.Context, l *dataloadgen.Loader[loader.Slice, []*T], id int64, first *int) ([]*T, error) {
	n, err := listSize(first, DefaultStoryListSize)
	if err != nil {
		return nil, err
	}
	v, err := l.Load(ctx, loader.Slice{ID: id, First: n})
	if err != nil {
		return nil, fmt.Errorf("load list for %d: %w", id, err)
	}
	if v == nil {
		v = []*T{}
	}
	return v, nil
}

// loadFirst fetches a list bounded by one article and keeps its first
// items.
func loadFirst[T any](ctx context.Context, l *dataloadgen.Loader[int64, []*T], id int64, first *int, def int) ([]*T, error) {
	n, err := listSize(first, def)
	if err != nil {
		return nil, err
	}
	v, err := loadList(ctx, l, id)
	if err != nil {
		return nil, err
	}
	return v[:min(n, len(v))], nil
}

// firstOf keeps the first items of a list bounded by one statement.
func firstOf[T any](list []T, err error, first *int) ([]T, error) {
	if err != nil {
		return nil, err
	}
	n, err := listSize(first, DefaultStatementListSize)
	if err != nil {
		return nil, err
	}
	return list[:min(n, len(list))], nil
}
