package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/factgraph/factgraph/graph/model"
	"github.com/factgraph/factgraph/internal/domain"
)

// Page sizes of every connection. Bounded so that one request cannot ask for
// the whole database.
const (
	DefaultPageSize = 20
	MaxPageSize     = 100
)

// cursorPayload is what an opaque cursor carries. The list name stops a
// cursor of one list from being replayed against another.
type cursorPayload struct {
	List string `json:"l"`
	Sort string `json:"s,omitempty"`
	ID   int64  `json:"i"`
}

func encodeCursor(list string, c domain.Cursor) string {
	b, _ := json.Marshal(cursorPayload{List: list, Sort: c.Sort, ID: c.ID})
	return base64.RawURLEncoding.EncodeToString(b)
}

// pageRequest validates first/after for the list named list, and asks for
// the list's total only when the query selects totalCount or
// totalCountIsExact on it.
func pageRequest(ctx context.Context, list string, first *int, after *string) (domain.PageRequest, error) {
	p := domain.PageRequest{First: DefaultPageSize, Count: selects(ctx, "totalCount") || selects(ctx, "totalCountIsExact")}
	if first != nil {
		switch {
		case *first < 0:
			return p, domain.Errorf(domain.EINVALID, "first must not be negative")
		case *first > MaxPageSize:
			return p, domain.Errorf(domain.EINVALID, "first is %d; at most %d items can be asked for at once", *first, MaxPageSize)
		}
		p.First = *first
	}
	if after != nil {
		raw, err := base64.RawURLEncoding.DecodeString(*after)
		var c cursorPayload
		if err != nil || json.Unmarshal(raw, &c) != nil || c.List != list || c.ID <= 0 {
			return p, domain.Errorf(domain.EINVALID, "after is not a cursor of this list")
		}
		p.After = &domain.Cursor{Sort: c.Sort, ID: c.ID}
	}
	return p, nil
}

// selects reports whether the field being resolved selects the subfield
// name (through fragments too).
func selects(ctx context.Context, name string) bool {
	if graphql.GetFieldContext(ctx) == nil {
		return true
	}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == name {
			return true
		}
	}
	return false
}

// connection turns a storage page into the parts every GraphQL connection
// has; edge builds one typed edge.
func connection[T, E any](list string, pg domain.Page[T], edge func(cursor string, node T) E) ([]E, *model.PageInfo) {
	edges := make([]E, len(pg.Items))
	info := &model.PageInfo{HasNextPage: pg.HasNext, HasPreviousPage: pg.HasPrevious}
	for i, it := range pg.Items {
		c := encodeCursor(list, pg.Cursors[i])
		edges[i] = edge(c, it)
		if i == 0 {
			info.StartCursor = &c
		}
		if i == len(pg.Items)-1 {
			info.EndCursor = &c
		}
	}
	return edges, info
}

// ownedPage reads one page of a list that belongs to the object with ID
// owner; its cursors are bound to the list and the owner, so a cursor of
// one claim's statements cannot continue another's.
func ownedPage[T any](ctx context.Context, list string, owner int64, first *int, after *string,
	read func(context.Context, int64, domain.PageRequest) (domain.Page[T], error),
) (domain.Page[T], string, error) {
	name := fmt.Sprintf("%s:%d", list, owner)
	p, err := pageRequest(ctx, name, first, after)
	if err != nil {
		return domain.Page[T]{}, name, err
	}
	pg, err := read(ctx, owner, p)
	return pg, name, err
}

// statementConnection is a page of statements as a StatementConnection.
func statementConnection(name string, pg domain.Page[*domain.Statement]) *model.StatementConnection {
	edges, info := connection(name, pg, func(c string, n *domain.Statement) *model.StatementEdge {
		return &model.StatementEdge{Cursor: c, Node: n}
	})
	return &model.StatementConnection{Edges: edges, PageInfo: info, TotalCount: pg.Total, TotalCountIsExact: pg.TotalExact}
}
