package graph

// The Apollo Federation subgraph protocol: Query._service returns the schema
// a gateway composes, Query._entities fetches entities by their @key. gqlgen
// routes both fields to the two executionContext methods below by name.

import (
	"context"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"
	"github.com/vikstrous/dataloadgen"

	"github.com/factgraph/factgraph/graph/model"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/loader"
	"github.com/factgraph/factgraph/schema"
)

// entityTypes are the types a gateway can fetch by key, as in the union _Entity.
var entityTypes = []string{typeArticle, typeClaim, typeEntity, typeFigure, typeSeries, typeStatement}

// protocolTypes and protocolFields exist only for the subgraph protocol, and
// linkedDefinitions are what the @link to the federation spec brings in: a
// composer supplies those itself. The subgraph SDL leaves all of them out.
var (
	protocolTypes     = []string{"_Any", "_Entity", "_Service"}
	protocolFields    = []string{"_entities", "_service"}
	linkedDefinitions = []string{"FieldSet", "link__Import", "link__Purpose"}
	linkedDirectives  = []string{"link", "key", "shareable", "external", "requires", "provides", "tag", "inaccessible"}
)

// SubgraphSDL returns the schema that this server offers a federation
// gateway through Query._service: every type of the API with its @key
// directives and the `extend schema @link(...)` that imports them, without
// the protocol's own fields and types and without definitions that the
// linked federation spec supplies.
var SubgraphSDL = sync.OnceValues(func() (string, error) { return subgraphSDL(schema.FS) })

// subgraphSDL builds the subgraph SDL from the *.graphqls files of fsys.
func subgraphSDL(fsys fs.FS) (string, error) {
	names, err := fs.Glob(fsys, "*.graphqls")
	if err != nil {
		return "", fmt.Errorf("list schema files: %w", err)
	}
	if len(names) == 0 {
		return "", fmt.Errorf("no schema files")
	}
	sources := make([]*ast.Source, 0, len(names))
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return "", fmt.Errorf("read schema file: %w", err)
		}
		sources = append(sources, &ast.Source{Name: name, Input: string(data)})
	}
	doc, err := parser.ParseSchemas(sources...)
	if err != nil {
		return "", fmt.Errorf("parse schema: %w", err)
	}
	doc.Directives = slices.DeleteFunc(doc.Directives, func(d *ast.DirectiveDefinition) bool {
		return slices.Contains(linkedDirectives, d.Name)
	})
	dropped := func(d *ast.Definition) bool {
		return slices.Contains(protocolTypes, d.Name) || slices.Contains(linkedDefinitions, d.Name)
	}
	doc.Definitions = slices.DeleteFunc(doc.Definitions, dropped)
	doc.Extensions = slices.DeleteFunc(doc.Extensions, dropped)
	for _, list := range []ast.DefinitionList{doc.Definitions, doc.Extensions} {
		for _, d := range list {
			d.Fields = slices.DeleteFunc(d.Fields, func(f *ast.FieldDefinition) bool {
				return slices.Contains(protocolFields, f.Name)
			})
		}
	}
	// An extension left with nothing to add would print as invalid SDL.
	doc.Extensions = slices.DeleteFunc(doc.Extensions, func(d *ast.Definition) bool {
		return len(d.Fields) == 0 && len(d.Directives) == 0 && len(d.Interfaces) == 0 &&
			len(d.Types) == 0 && len(d.EnumValues) == 0
	})
	var b strings.Builder
	formatter.NewFormatter(&b, formatter.WithIndent("  ")).FormatSchemaDocument(doc)
	return b.String(), nil
}

// __resolve__service answers Query._service.
func (ec *executionContext) __resolve__service(context.Context) (model.Service, error) {
	sdl, err := SubgraphSDL()
	if err != nil {
		return model.Service{}, fmt.Errorf("subgraph sdl: %w", err)
	}
	return model.Service{Sdl: &sdl}, nil
}

// __resolve_entities answers Query._entities. A representation that cannot
// be resolved is null in its position and adds an error whose path ends
// with that position, so a gateway keeps the others.
func (ec *executionContext) __resolve_entities(ctx context.Context, representations []map[string]any) []model.FederationEntity {
	out, errs := resolveEntities(ctx, representations)
	path := graphql.GetPath(ctx)
	for _, e := range errs {
		p := append(slices.Clone(path), ast.PathIndex(e.index))
		graphql.AddError(ctx, gqlerror.WrapPath(p, e.err))
	}
	return out
}

// entityError is the failure of the representation at index.
type entityError struct {
	index int
	err   error
}

// entityGroup is the representations of one type: their positions in the
// request and their row IDs, aligned.
type entityGroup struct {
	positions []int
	ids       []int64
}

// resolveEntities fetches the entities of representations, aligned to them:
// nil where nothing has the ID or the representation is bad. Each type costs
// one batch through the request's loaders, however many representations
// name it, and the batches of all types run together.
func resolveEntities(ctx context.Context, representations []map[string]any) ([]model.FederationEntity, []entityError) {
	out := make([]model.FederationEntity, len(representations))
	var errs []entityError
	groups := map[string]*entityGroup{}
	for i, rep := range representations {
		typ, id, err := parseRepresentation(rep)
		if err != nil {
			errs = append(errs, entityError{i, err})
			continue
		}
		g := groups[typ]
		if g == nil {
			g = &entityGroup{}
			groups[typ] = g
		}
		g.positions = append(g.positions, i)
		g.ids = append(g.ids, id)
	}
	l := loader.For(ctx)
	var waits []func() []entityError
	for typ, g := range groups {
		switch typ {
		case typeArticle:
			waits = append(waits, fetchGroup(ctx, l.Article, typ, g, out))
		case typeClaim:
			waits = append(waits, fetchGroup(ctx, l.Claim, typ, g, out))
		case typeEntity:
			waits = append(waits, fetchGroup(ctx, l.Entity, typ, g, out))
		case typeFigure:
			waits = append(waits, fetchGroup(ctx, l.Figure, typ, g, out))
		case typeStatement:
			waits = append(waits, fetchGroup(ctx, l.Statement, typ, g, out))
		case typeSeries:
			waits = append(waits, fetchGroup(ctx, l.Series, typ, g, out))
		}
	}
	for _, wait := range waits {
		errs = append(errs, wait()...)
	}
	slices.SortFunc(errs, func(a, b entityError) int { return a.index - b.index })
	return out, errs
}

// fetchGroup starts the batch for one type's representations and returns a
// function that waits for it, fills their positions of out and returns the
// errors of those that failed.
func fetchGroup[T any](ctx context.Context, l *dataloadgen.Loader[int64, *T], typ string, g *entityGroup, out []model.FederationEntity) func() []entityError {
	thunk := l.LoadAllThunk(ctx, g.ids)
	return func() []entityError {
		values, err := thunk()
		perKey, _ := err.(dataloadgen.ErrorSlice)
		var errs []entityError
		for k, pos := range g.positions {
			switch {
			case len(perKey) > k && perKey[k] != nil:
				errs = append(errs, entityError{pos, fmt.Errorf("load %s %d: %w", typ, g.ids[k], perKey[k])})
			case err != nil && perKey == nil:
				errs = append(errs, entityError{pos, fmt.Errorf("load %s %d: %w", typ, g.ids[k], err)})
			case values[k] != nil:
				out[pos] = values[k]
			}
		}
		return errs
	}
}

// parseRepresentation reads the type and row ID of an entity representation,
// which holds __typename and the @key field id.
func parseRepresentation(rep map[string]any) (string, int64, error) {
	typ, _ := rep["__typename"].(string)
	if typ == "" {
		return "", 0, domain.Errorf(domain.EINVALID, "representation has no __typename")
	}
	if !slices.Contains(entityTypes, typ) {
		return "", 0, domain.Errorf(domain.EINVALID, "unknown __typename %q: _entities resolves %s", truncate(typ, 64), strings.Join(entityTypes, ", "))
	}
	gid, ok := rep["id"].(string)
	if !ok {
		return "", 0, domain.Errorf(domain.EINVALID, "representation of %s has no id string", typ)
	}
	id, err := parseTypedID(gid, typ)
	if err != nil {
		return "", 0, err
	}
	return typ, id, nil
}
