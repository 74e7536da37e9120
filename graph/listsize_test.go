package graph_test

import (
	"strconv"
	"testing"

	"github.com/factgraph/factgraph/graph"
	"github.com/factgraph/factgraph/internal/limits"
)

// TestListSizesMatchTheCostModel holds the resolvers' caps and defaults to
// the numbers the cost model charges: a list must never return more than
// it was charged for.
func TestListSizesMatchTheCostModel(t *testing.T) {
	if graph.MaxPageSize != limits.MaxListSize {
		t.Errorf("resolvers cap lists at %d, the cost model at %d", graph.MaxPageSize, limits.MaxListSize)
	}
	if graph.DefaultPageSize != limits.DefaultPageSize {
		t.Errorf("connections default to %d, the cost model assumes %d", graph.DefaultPageSize, limits.DefaultPageSize)
	}
	schema := graph.NewExecutableSchema(graph.Config{Resolvers: &graph.Resolver{}}).Schema()
	want := map[string]int{
		"Claim": graph.DefaultStoryListSize, "FigureSeries": graph.DefaultStoryListSize,
		"Article": graph.DefaultArticleListSize, "Statement": graph.DefaultStatementListSize,
	}
	for typ, def := range want {
		for _, f := range schema.Types[typ].Fields {
			ft := schema.Types[f.Type.Name()]
			if f.Type.Elem == nil || ft == nil || ft.IsLeafType() {
				continue
			}
			arg := f.Arguments.ForName("first")
			if arg == nil || arg.DefaultValue == nil {
				t.Errorf("%s.%s is a list of objects without a default first", typ, f.Name)
				continue
			}
			if arg.DefaultValue.Raw != strconv.Itoa(def) {
				t.Errorf("%s.%s defaults to first %s in the schema, the resolver to %d", typ, f.Name, arg.DefaultValue.Raw, def)
			}
		}
	}
}
