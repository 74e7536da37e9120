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

// loadAll fetches objects by ID keeping their order, as for the speakers of
// a statement. A missing object is NOT_FOUND: the references are ours.
func loadAll[T any](ctx context.Context, l *dataloadgen.Loader[int64, *T], ids []int64, typ string) ([]*T, error) {
	vs, err := l.LoadAll(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("load %ss: %w", typ, err)
	}
	for i, v := range vs {
		if v == nil {
			return nil, domain.Errorf(domain.ENOTFOUND, "%s %s does not exist", typ, globalID(typ, ids[i]))
		}
	}
	return vs, nil
}
