package limits

import (
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/lexer"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/factgraph/factgraph/internal/domain"
)

// countTokens returns the number of lexical tokens in query, comments
// included, as the parser counts them. It stops at the first lexical error:
// the parser reports that one with its position.
func countTokens(query string) int {
	lx := lexer.New(&ast.Source{Input: query})
	n := 0
	for {
		tok, err := lx.ReadToken()
		if err != nil || tok.Kind == lexer.EOF {
			return n
		}
		n++
	}
}

// checkTokens rejects a query text longer than max tokens; max < 0 means
// no limit.
func checkTokens(query string, max int) *domain.Error {
	if max < 0 {
		return nil
	}
	if n := countTokens(query); n > max {
		return domain.Errorf(domain.ETOOCOMPLEX, "query has %d tokens, which exceeds the limit of %d", n, max)
	}
	return nil
}

// inputSize is the shape of a decoded JSON value.
type inputSize struct {
	values int // every value below the root, containers included
	depth  int // lists and objects nested below the root
}

// measureInput measures the values held by a decoded JSON object or list.
func measureInput(v any) inputSize {
	var s inputSize
	add := func(child any) {
		c := measureInput(child)
		s.values = satAdd(s.values, satAdd(1, c.values))
		s.depth = max(s.depth, c.depth)
	}
	switch v := v.(type) {
	case map[string]any:
		for _, child := range v {
			add(child)
		}
	case []any:
		for _, child := range v {
			add(child)
		}
	default:
		return s
	}
	s.depth++
	return s
}

// checkVariables rejects a variables object with too many keys, too many
// values in all, or lists and objects nested too deeply. The body limit
// already bounds the bytes; this bounds the work of coercing them. Limits
// below zero are off.
func checkVariables(vars map[string]any, l Limits) *domain.Error {
	if l.MaxVariables >= 0 && len(vars) > l.MaxVariables {
		return domain.Errorf(domain.ETOOCOMPLEX, "variables object has %d keys, which exceeds the limit of %d", len(vars), l.MaxVariables)
	}
	s := measureInput(vars)
	if l.MaxInputValues >= 0 && s.values > l.MaxInputValues {
		return domain.Errorf(domain.ETOOCOMPLEX, "variables hold %d values, which exceeds the limit of %d", s.values, l.MaxInputValues)
	}
	// The variables object itself is not a level of nesting.
	if depth := s.depth - 1; l.MaxInputDepth >= 0 && depth > l.MaxInputDepth {
		return domain.Errorf(domain.ETOOCOMPLEX, "variables nest %d levels deep, which exceeds the limit of %d", depth, l.MaxInputDepth)
	}
	return nil
}

// checkShape refuses a query text in which any operation or fragment nests
// too deeply or selects too many fields or aliases. It runs before
// validation because validation compares the fields of a selection pairwise:
// ten thousand repeated fields, well within the token limit, would take
// seconds of CPU. A text that does not parse passes, for the executor to
// report with its position.
func checkShape(schema *ast.Schema, query string, l Limits) *domain.Error {
	doc, err := parser.ParseQuery(&ast.Source{Input: query})
	if err != nil || doc == nil {
		return nil
	}
	w := newWalker(schema, nil, doc.Fragments)
	for _, op := range doc.Operations {
		if err := checkMeasurement(w.operation(op), l); err != nil {
			return err
		}
	}
	for _, f := range doc.Fragments {
		if isIntrospectionType(f.TypeCondition) {
			// Such a fragment can only be spread inside __schema or
			// __type, which are measured apart (see walker.field): the
			// standard introspection query of graphql-js nests its
			// TypeRef fragment ten levels deep.
			continue
		}
		if err := checkMeasurement(w.fragment(&ast.FragmentSpread{Name: f.Name, Definition: f}, noPage), l); err != nil {
			return err
		}
	}
	return nil
}

// isIntrospectionType reports whether name is one of the schema's own
// introspection types (__Schema, __Type, __Field...).
func isIntrospectionType(name string) bool {
	return len(name) > 2 && name[:2] == "__"
}

// checkMeasurement rejects an operation over any of the size limits; the
// cost limit is checked apart, since the cost is reported either way.
func checkMeasurement(m Measurement, l Limits) *domain.Error {
	checks := []struct {
		what       string
		got, limit int
	}{
		{"query depth", m.Depth, l.MaxDepth},
		{"number of fields", m.Fields, l.MaxFields},
		{"number of aliases", m.Aliases, l.MaxAliases},
	}
	for _, c := range checks {
		if c.limit >= 0 && c.got > c.limit {
			return domain.Errorf(domain.ETOOCOMPLEX, "%s %d exceeds the limit of %d", c.what, c.got, c.limit)
		}
	}
	return nil
}
