package limits

import (
	"encoding/json"
	"math"
	"strconv"

	"github.com/vektah/gqlparser/v2/ast"
)

// Cost model. A field costs 1. A list field multiplies the cost of what it
// selects by the most items it can return, so that the cost is an upper
// bound of the objects a request resolves, not a guess:
//   - a list that takes `first` (Claim.articles, Article.statements...)
//     returns at most its `first`: the argument, its variable, or the
//     schema's default, and never more than MaxListSize;
//   - the edges of a connection return at most the connection's `first`,
//     under the same cap;
//   - Query._entities returns one item per representation;
//   - any other list is charged AssumedListSize. Every list of objects in
//     the schema takes `first`; what is left are lists of scalars, which
//     select nothing further.
const (
	// DefaultPageSize is the `first` assumed for a connection asked without
	// one; the resolvers use the same default.
	DefaultPageSize = 20
	// MaxListSize is the largest `first` that any connection or list field
	// accepts; the resolvers refuse more, and the estimate never charges
	// more.
	MaxListSize = 100
	// AssumedListSize is the length charged for a list that takes no
	// `first`.
	AssumedListSize = 10
)

// entitiesField is the federation entry point whose length is its
// representations argument's.
const entitiesField = "_entities"

// pageArg is the argument that makes a field a connection.
const pageArg = "first"

// Measurement is the size of one operation, with fragments expanded: what
// every per-operation limit is checked against.
type Measurement struct {
	// Cost is the estimated work, as in Cost.
	Cost int
	// Depth is the deepest nesting of fields; a root field is at depth 1.
	Depth int
	// Fields is the number of fields selected.
	Fields int
	// Aliases is the number of fields selected under an alias.
	Aliases int
}

// Cost returns the computed cost of op with vars against schema.
func Cost(schema *ast.Schema, op *ast.OperationDefinition, vars map[string]any) int {
	return Measure(schema, op, vars).Cost
}

// Measure returns the size of op with vars against schema. op should be
// validated (as gqlgen's OperationContext.Operation is), so that fragment
// spreads point at their definitions; a spread that does not, or that would
// expand a fragment inside itself, counts as empty. Every total saturates
// instead of overflowing, and each fragment is measured once per page size,
// so a document that reuses fragments exponentially is measured in linear
// time.
func Measure(schema *ast.Schema, op *ast.OperationDefinition, vars map[string]any) Measurement {
	if schema == nil || op == nil {
		return Measurement{}
	}
	return newWalker(schema, vars, nil).operation(op)
}

func newWalker(schema *ast.Schema, vars map[string]any, fragments ast.FragmentDefinitionList) *walker {
	return &walker{schema: schema, vars: vars, fragments: fragments, memo: map[fragmentKey]Measurement{}, active: map[string]bool{}}
}

// operation measures op from its root type.
func (w *walker) operation(op *ast.OperationDefinition) Measurement {
	var root *ast.Definition
	switch op.Operation {
	case ast.Mutation:
		root = w.schema.Mutation
	case ast.Subscription:
		root = w.schema.Subscription
	default:
		root = w.schema.Query
	}
	return w.selections(op.SelectionSet, root, noPage)
}

// noPage marks a selection set that is not a connection's.
const noPage = -1

// fragmentKey identifies one measurement of a named fragment: the same body
// costs more inside a connection asked for more items.
type fragmentKey struct {
	name string
	page int
}

type walker struct {
	schema *ast.Schema
	vars   map[string]any
	// fragments resolves spreads of a document that was not validated.
	fragments ast.FragmentDefinitionList
	memo      map[fragmentKey]Measurement
	active    map[string]bool // fragments being expanded, to cut cycles
}

// selections measures set, whose fields belong to parent; page is the page
// size of the connection that parent is, or noPage.
func (w *walker) selections(set ast.SelectionSet, parent *ast.Definition, page int) Measurement {
	var m Measurement
	for _, sel := range set {
		var s Measurement
		switch sel := sel.(type) {
		case *ast.Field:
			s = w.field(sel, parent, page)
		case *ast.InlineFragment:
			typ := parent
			if sel.TypeCondition != "" {
				typ = w.schema.Types[sel.TypeCondition]
			}
			s = w.selections(sel.SelectionSet, typ, page)
		case *ast.FragmentSpread:
			s = w.fragment(sel, page)
		}
		m = m.plus(s)
	}
	return m
}

func (w *walker) fragment(spread *ast.FragmentSpread, page int) Measurement {
	def := spread.Definition
	if def == nil {
		def = w.fragments.ForName(spread.Name)
	}
	if def == nil || w.active[def.Name] {
		return Measurement{}
	}
	key := fragmentKey{def.Name, page}
	if m, ok := w.memo[key]; ok {
		return m
	}
	w.active[def.Name] = true
	m := w.selections(def.SelectionSet, w.schema.Types[def.TypeCondition], page)
	delete(w.active, def.Name)
	w.memo[key] = m
	return m
}

func (w *walker) field(f *ast.Field, parent *ast.Definition, page int) Measurement {
	m := Measurement{Cost: 1, Depth: 1, Fields: 1}
	if f.Alias != "" && f.Alias != f.Name {
		m.Aliases = 1
	}
	def := w.definition(f, parent)
	if def == nil {
		return m
	}
	if f.Name == "__schema" || f.Name == "__type" {
		// Introspection reads the schema, not the database: its nesting is
		// bounded by the MaxIntrospectionDepth validation rule instead, so
		// that GraphiQL's deep introspection query keeps working.
		sub := w.selections(f.SelectionSet, w.schema.Types[def.Type.Name()], noPage)
		m.Fields = satAdd(m.Fields, sub.Fields)
		m.Aliases = satAdd(m.Aliases, sub.Aliases)
		return m
	}
	childPage := noPage
	if def.Type.Elem == nil && def.Arguments.ForName(pageArg) != nil {
		childPage = w.pageSize(f, def)
	}
	sub := w.selections(f.SelectionSet, w.schema.Types[def.Type.Name()], childPage)
	items := 1
	if def.Type.Elem != nil {
		switch {
		case def.Arguments.ForName(pageArg) != nil:
			items = w.pageSize(f, def)
		case page != noPage:
			items = page
		case f.Name == entitiesField:
			items = w.listLength(f, "representations")
		default:
			items = AssumedListSize
		}
	}
	m.Cost = satAdd(m.Cost, satMul(items, sub.Cost))
	m.Depth = satAdd(m.Depth, sub.Depth)
	m.Fields = satAdd(m.Fields, sub.Fields)
	m.Aliases = satAdd(m.Aliases, sub.Aliases)
	return m
}

// definition returns f's schema definition, looking it up when op was not
// validated.
func (w *walker) definition(f *ast.Field, parent *ast.Definition) *ast.FieldDefinition {
	if f.Definition != nil {
		return f.Definition
	}
	if parent == nil {
		return nil
	}
	if def := parent.Fields.ForName(f.Name); def != nil {
		return def
	}
	switch f.Name {
	case "__schema":
		return &ast.FieldDefinition{Name: f.Name, Type: ast.NonNullNamedType("__Schema", nil)}
	case "__type":
		return &ast.FieldDefinition{Name: f.Name, Type: ast.NamedType("__Type", nil)}
	}
	return nil
}

// pageSize is the `first` that f asks for: its argument, a variable, the
// argument's default in the schema, or DefaultPageSize.
func (w *walker) pageSize(f *ast.Field, def *ast.FieldDefinition) int {
	// What the resolvers use when the argument is absent or null: the
	// schema's default, or DefaultPageSize.
	fallback := DefaultPageSize
	if ad := def.Arguments.ForName(pageArg); ad != nil && ad.DefaultValue != nil {
		if raw, err := ad.DefaultValue.Value(nil); err == nil {
			if n, ok := toInt(raw); ok {
				fallback = n
			}
		}
	}
	arg := f.Arguments.ForName(pageArg)
	if arg == nil {
		return clampPage(fallback)
	}
	v := arg.Value
	if v.Kind == ast.Variable {
		if _, ok := w.vars[v.Raw]; !ok && v.VariableDefinition != nil && v.VariableDefinition.DefaultValue != nil {
			v = v.VariableDefinition.DefaultValue
		}
	}
	raw, err := v.Value(w.vars)
	if err != nil {
		return clampPage(fallback)
	}
	n, ok := toInt(raw)
	if !ok {
		return clampPage(fallback)
	}
	return clampPage(n)
}

// clampPage bounds a page size to what the resolvers accept.
func clampPage(n int) int {
	return max(0, min(n, MaxListSize))
}

// listLength is the number of items of f's list argument name, as given
// inline or in a variable; AssumedListSize when it cannot be read.
func (w *walker) listLength(f *ast.Field, name string) int {
	arg := f.Arguments.ForName(name)
	if arg == nil {
		return AssumedListSize
	}
	raw, err := arg.Value.Value(w.vars)
	if err != nil {
		return AssumedListSize
	}
	if l, ok := raw.([]any); ok {
		return len(l)
	}
	if raw == nil {
		return 0
	}
	return 1 // a single value is coerced to a list of one
}

// toInt reads an Int argument in any of the forms that JSON decoding and
// variable coercion leave it in.
func toInt(v any) (int, bool) {
	switch n := v.(type) {
	case int:
		return n, true
	case int32:
		return int(n), true
	case int64:
		return clampInt(float64(n)), true
	case float64:
		return clampInt(n), true
	case json.Number:
		f, err := strconv.ParseFloat(string(n), 64)
		return clampInt(f), err == nil
	case string:
		f, err := strconv.ParseFloat(n, 64)
		return clampInt(f), err == nil
	}
	return 0, false
}

func clampInt(f float64) int {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt:
		return math.MaxInt
	case f <= math.MinInt:
		return math.MinInt
	}
	return int(f)
}

// plus combines the measurements of sibling selections.
func (m Measurement) plus(o Measurement) Measurement {
	return Measurement{
		Cost:    satAdd(m.Cost, o.Cost),
		Depth:   max(m.Depth, o.Depth),
		Fields:  satAdd(m.Fields, o.Fields),
		Aliases: satAdd(m.Aliases, o.Aliases),
	}
}

// satAdd adds non-negative a and b, stopping at math.MaxInt.
func satAdd(a, b int) int {
	if a > math.MaxInt-b {
		return math.MaxInt
	}
	return a + b
}

// satMul multiplies non-negative a and b, stopping at math.MaxInt.
func satMul(a, b int) int {
	if a == 0 || b == 0 {
		return 0
	}
	if a > math.MaxInt/b {
		return math.MaxInt
	}
	return a * b
}
