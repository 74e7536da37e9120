package limits

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

const testSDL = `
type Query {
  items(first: Int = 20, after: String): ItemConnection!
  item(id: ID!): Item
  tags: [String!]!
  _entities(representations: [String!]!): [Item]!
}
type Mutation { add(name: String!): Item! }
type ItemConnection { edges: [ItemEdge!]! pageInfo: PageInfo! totalCount: Int! }
type ItemEdge { cursor: String! node: Item! }
type PageInfo { hasNextPage: Boolean! }
type Item { id: ID! name: String! parts: [Item!]! owner: Item children(first: Int = 5): [Item!]! }
`

func testSchema(t *testing.T) *ast.Schema {
	t.Helper()
	s, err := gqlparser.LoadSchema(&ast.Source{Name: "test.graphqls", Input: testSDL})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// operation parses and validates query against schema.
func operation(t *testing.T, schema *ast.Schema, query string) *ast.OperationDefinition {
	t.Helper()
	doc, errs := gqlparser.LoadQuery(schema, query)
	if len(errs) > 0 {
		t.Fatalf("query %q: %v", query, errs)
	}
	return doc.Operations[0]
}

func TestMeasure(t *testing.T) {
	schema := testSchema(t)
	tests := []struct {
		name  string
		query string
		vars  map[string]any
		want  Measurement
	}{
		{"a field costs 1", `{ item(id: "1") { id name } }`, nil, Measurement{Cost: 3, Depth: 2, Fields: 3}},
		{"a connection without list", `{ items { totalCount } }`, nil, Measurement{Cost: 2, Depth: 2, Fields: 2}},
		{"edges default to 20", `{ items { edges { node { id } } } }`, nil, Measurement{Cost: 1 + 1 + 20*2, Depth: 4, Fields: 4}},
		{"edges take first", `{ items(first: 5) { edges { node { id } } pageInfo { hasNextPage } } }`, nil, Measurement{Cost: 1 + (1 + 5*2) + 2, Depth: 4, Fields: 6}},
		{"first from a variable", `query($n: Int) { items(first: $n) { edges { cursor } } }`, map[string]any{"n": int64(50)}, Measurement{Cost: 1 + 1 + 50, Depth: 3, Fields: 3}},
		{"first from a JSON number", `query($n: Int) { items(first: $n) { edges { cursor } } }`, map[string]any{"n": json.Number("7")}, Measurement{Cost: 1 + 1 + 7, Depth: 3, Fields: 3}},
		{"first from a variable default", `query($n: Int = 3) { items(first: $n) { edges { cursor } } }`, nil, Measurement{Cost: 1 + 1 + 3, Depth: 3, Fields: 3}},
		{"first null means the default", `query($n: Int) { items(first: $n) { edges { cursor } } }`, map[string]any{"n": nil}, Measurement{Cost: 1 + 1 + 20, Depth: 3, Fields: 3}},
		{"negative first costs nothing below", `{ items(first: -4) { edges { cursor } } }`, nil, Measurement{Cost: 2, Depth: 3, Fields: 3}},
		{"a list without first is assumed 10 long", `{ item(id: "1") { parts { id } } }`, nil, Measurement{Cost: 1 + 1 + 10, Depth: 3, Fields: 3}},
		{"nested lists multiply", `{ item(id: "1") { parts { parts { id } } } }`, nil, Measurement{Cost: 1 + 1 + 10*(1+10), Depth: 4, Fields: 4}},
		{"a list with first is charged its default", `{ item(id: "1") { children { id } } }`, nil, Measurement{Cost: 1 + 1 + 5, Depth: 3, Fields: 3}},
		{"a list with first is charged its first", `{ item(id: "1") { children(first: 40) { children(first: 2) { id } } } }`, nil, Measurement{Cost: 1 + 1 + 40*(1+2), Depth: 4, Fields: 4}},
		{"a list given null is charged its default", `query($n: Int) { item(id: "1") { children(first: $n) { id } } }`, map[string]any{"n": nil}, Measurement{Cost: 1 + 1 + 5, Depth: 3, Fields: 3}},
		{"a list given no variable is charged its default", `query($n: Int) { item(id: "1") { children(first: $n) { id } } }`, nil, Measurement{Cost: 1 + 1 + 5, Depth: 3, Fields: 3}},
		{"a list is never charged above the cap", `query($n: Int) { item(id: "1") { children(first: $n) { id } } }`, map[string]any{"n": 1e30}, Measurement{Cost: 1 + 1 + MaxListSize, Depth: 3, Fields: 3}},
		{"a connection is never charged above the cap", `{ items(first: 100000) { edges { cursor } } }`, nil, Measurement{Cost: 1 + 1 + MaxListSize, Depth: 3, Fields: 3}},
		{"entities are charged per representation", `query($r: [String!]!) { _entities(representations: $r) { id } }`, map[string]any{"r": []any{"a", "b", "c"}}, Measurement{Cost: 1 + 3, Depth: 2, Fields: 2}},
		{"inline representations too", `{ _entities(representations: ["a", "b"]) { id children { id } } }`, nil, Measurement{Cost: 1 + 2*(1+1+5), Depth: 3, Fields: 4}},
		{"a list of scalars costs 1", `{ tags }`, nil, Measurement{Cost: 1, Depth: 1, Fields: 1}},
		{"lists below a node are not the connection's", `{ items(first: 2) { edges { node { parts { id } } } } }`, nil, Measurement{Cost: 1 + 1 + 2*(1+1+10), Depth: 5, Fields: 5}},
		{"a fragment keeps the connection's first", `{ items(first: 2) { ...conn } } fragment conn on ItemConnection { edges { node { id } } }`, nil, Measurement{Cost: 1 + 1 + 2*2, Depth: 4, Fields: 4}},
		{"one fragment under two page sizes", `{ a: items(first: 2) { ...conn } b: items(first: 3) { ...conn } } fragment conn on ItemConnection { edges { cursor } }`, nil, Measurement{Cost: (2 + 2) + (2 + 3), Depth: 3, Fields: 6, Aliases: 2}},
		{"inline fragments add no depth", `{ item(id: "1") { ... on Item { name } ... { id } } }`, nil, Measurement{Cost: 3, Depth: 2, Fields: 3}},
		{"aliases are counted", `{ a: item(id: "1") { id } b: item(id: "2") { n: name } item(id: "3") { id } }`, nil, Measurement{Cost: 6, Depth: 2, Fields: 6, Aliases: 3}},
		{"introspection costs its root only", `{ __schema { types { fields { name type { ofType { name } } } } } }`, nil, Measurement{Cost: 1, Depth: 1, Fields: 7}},
		{"mutations measure from Mutation", `mutation { add(name: "x") { id parts { id } } }`, nil, Measurement{Cost: 1 + 1 + 11, Depth: 3, Fields: 4}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op := operation(t, schema, tt.query)
			got := Measure(schema, op, tt.vars)
			if got != tt.want {
				t.Errorf("Measure = %+v, want %+v", got, tt.want)
			}
			if c := Cost(schema, op, tt.vars); c != tt.want.Cost {
				t.Errorf("Cost = %d, want %d", c, tt.want.Cost)
			}
		})
	}
}

// TestMeasureFragmentBomb shows that fragments spread twice at every level,
// which expand to 2^64 fields, are measured at once and saturate instead of
// overflowing.
func TestMeasureFragmentBomb(t *testing.T) {
	schema := testSchema(t)
	var b strings.Builder
	b.WriteString(`{ item(id: "1") { ...f0 } }`)
	const levels = 64
	for i := range levels {
		fmt.Fprintf(&b, " fragment f%d on Item { a: parts { ...f%d } b: owner { ...f%d } }", i, i+1, i+1)
	}
	fmt.Fprintf(&b, " fragment f%d on Item { id }", levels)
	doc, err := parser.ParseQuery(&ast.Source{Input: b.String()})
	if err != nil {
		t.Fatal(err)
	}
	link(doc)
	start := time.Now()
	m := Measure(schema, doc.Operations[0], nil)
	if time.Since(start) > time.Second {
		t.Errorf("measuring took %s", time.Since(start))
	}
	if m.Cost != math.MaxInt || m.Fields != math.MaxInt || m.Aliases != math.MaxInt || m.Depth != levels+2 {
		t.Errorf("Measure = %+v, want saturated totals and depth %d", m, levels+2)
	}
}

// TestMeasureFragmentCycle shows that a fragment spread inside itself, which
// validation would refuse, is cut instead of recursing forever.
func TestMeasureFragmentCycle(t *testing.T) {
	schema := testSchema(t)
	doc, err := parser.ParseQuery(&ast.Source{Input: `{ item(id: "1") { ...a } }
		fragment a on Item { id owner { ...b } }
		fragment b on Item { name owner { ...a } }`})
	if err != nil {
		t.Fatal(err)
	}
	link(doc)
	want := Measurement{Cost: 5, Depth: 3, Fields: 5} // item id owner name owner
	if got := Measure(schema, doc.Operations[0], nil); got != want {
		t.Errorf("Measure = %+v, want %+v", got, want)
	}
}

func TestMeasureNil(t *testing.T) {
	if got := Measure(nil, nil, nil); got != (Measurement{}) {
		t.Errorf("Measure(nil) = %+v", got)
	}
}

// link points fragment spreads at their definitions, as validation does,
// for documents that validation would refuse.
func link(doc *ast.QueryDocument) {
	var walk func(ast.SelectionSet)
	walk = func(set ast.SelectionSet) {
		for _, sel := range set {
			switch sel := sel.(type) {
			case *ast.Field:
				walk(sel.SelectionSet)
			case *ast.InlineFragment:
				walk(sel.SelectionSet)
			case *ast.FragmentSpread:
				sel.Definition = doc.Fragments.ForName(sel.Name)
			}
		}
	}
	for _, op := range doc.Operations {
		walk(op.SelectionSet)
	}
	for _, f := range doc.Fragments {
		walk(f.SelectionSet)
	}
}
