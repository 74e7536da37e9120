package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"github.com/vektah/gqlparser/v2/parser"

	"github.com/factgraph/factgraph/internal/domain"
)

// maxMessageBytes bounds the message of any error sent to a client. Parser
// and validation messages quote what the client sent (a field name, a
// value); one huge token would otherwise come back whole.
const maxMessageBytes = 300

// inputGuard holds every operation to the same rules for text and numbers,
// whatever the transport and whatever field takes them, and makes the
// executor's own request errors say what the client should change.
type inputGuard struct{}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
	graphql.ResponseInterceptor
} = inputGuard{}

// ExtensionName implements graphql.HandlerExtension.
func (inputGuard) ExtensionName() string { return "InputGuard" }

// Validate implements graphql.HandlerExtension.
func (inputGuard) Validate(graphql.ExecutableSchema) error { return nil }

// MutateOperationParameters accepts an Int variable written as a JSON
// number with a fraction or an exponent when its value is whole (100.0,
// 1e2), as JSON does not tell them apart, and refuses any other such number
// with a message naming the variable and the range of Int.
func (inputGuard) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	var odd []string
	for name, v := range params.Variables {
		if n, ok := v.(json.Number); ok {
			if _, err := n.Int64(); err != nil {
				odd = append(odd, name)
			}
		}
	}
	if len(odd) == 0 {
		return nil
	}
	doc, err := parser.ParseQuery(&ast.Source{Input: params.Query})
	if err != nil {
		return nil // the executor reports the syntax error with its position
	}
	op := doc.Operations.ForName(params.OperationName)
	if op == nil {
		return nil
	}
	slices.Sort(odd)
	for _, name := range odd {
		def := op.VariableDefinitions.ForName(name)
		if def == nil || def.Type.NamedType != "Int" {
			continue
		}
		n := params.Variables[name].(json.Number)
		f, err := n.Float64()
		if err != nil || f != math.Trunc(f) || f < math.MinInt32 || f > math.MaxInt32 {
			return inputError(domain.Errorf(domain.EINVALID,
				"variable $%s is %s, which is not an Int: an Int is a whole number from %d to %d",
				name, excerpt(n.String(), 40), math.MinInt32, math.MaxInt32))
		}
		params.Variables[name] = json.Number(strconv.FormatInt(int64(f), 10))
	}
	return nil
}

// MutateOperationContext refuses control characters in every text input
// of the operation: its variables and the string literals of its arguments
// (see domain.CheckText). It runs before the operation is charged to the
// caller's budget.
func (inputGuard) MutateOperationContext(ctx context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	names := make([]string, 0, len(oc.Variables))
	for name := range oc.Variables {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if err := checkInputValue("variable $"+name, oc.Variables[name]); err != nil {
			return inputError(err)
		}
	}
	if err := checkLiterals(oc.Doc); err != nil {
		return inputError(err)
	}
	return nil
}

// InterceptResponse rewrites the executor's answer to a document of many
// operations sent without operationName, and shortens every error message
// to a bounded excerpt.
func (inputGuard) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil {
		return nil
	}
	for _, e := range resp.Errors {
		if msg, ok := operationNameMessage(ctx); ok {
			e.Message = msg
		}
		e.Message = excerpt(e.Message, maxMessageBytes)
	}
	return resp
}

// operationNameMessage says why no operation could be chosen, when the
// operation context shows that this is what went wrong.
func operationNameMessage(ctx context.Context) (string, bool) {
	if !graphql.HasOperationContext(ctx) {
		return "", false
	}
	oc := graphql.GetOperationContext(ctx)
	if oc.Operation != nil || oc.Doc == nil || len(oc.Doc.Operations) == 0 {
		return "", false
	}
	names := make([]string, 0, len(oc.Doc.Operations))
	for _, op := range oc.Doc.Operations {
		if op.Name != "" {
			names = append(names, op.Name)
		}
	}
	list := strings.Join(names, ", ")
	if oc.OperationName == "" {
		return fmt.Sprintf("the document holds %d operations (%s); operationName is required to choose the one to run", len(oc.Doc.Operations), excerpt(list, 120)), true
	}
	return fmt.Sprintf("operationName %q names no operation of the document, which holds %s", excerpt(oc.OperationName, 60), excerpt(list, 120)), true
}

// checkInputValue walks a coerced variable value and checks every string in
// it; path says where the string is, for the message.
func checkInputValue(path string, v any) error {
	switch v := v.(type) {
	case string:
		return domain.CheckText(path, v)
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			if err := domain.CheckText(path+" key", k); err != nil {
				return err
			}
			if err := checkInputValue(path+"."+k, v[k]); err != nil {
				return err
			}
		}
	case []any:
		for i, item := range v {
			if err := checkInputValue(fmt.Sprintf("%s[%d]", path, i), item); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkLiterals checks the string literals written in the document: in
// field and directive arguments and in variable defaults.
func checkLiterals(doc *ast.QueryDocument) error {
	if doc == nil {
		return nil
	}
	for _, op := range doc.Operations {
		for _, d := range op.VariableDefinitions {
			if err := checkLiteral("default of $"+d.Variable, d.DefaultValue); err != nil {
				return err
			}
		}
		if err := checkDirectives(op.Directives); err != nil {
			return err
		}
		if err := checkSelections(op.SelectionSet); err != nil {
			return err
		}
	}
	for _, f := range doc.Fragments {
		if err := checkDirectives(f.Directives); err != nil {
			return err
		}
		if err := checkSelections(f.SelectionSet); err != nil {
			return err
		}
	}
	return nil
}

func checkSelections(set ast.SelectionSet) error {
	for _, sel := range set {
		var err error
		switch s := sel.(type) {
		case *ast.Field:
			err = checkArguments("argument "+s.Name+".", s.Arguments)
			if err == nil {
				err = checkDirectives(s.Directives)
			}
			if err == nil {
				err = checkSelections(s.SelectionSet)
			}
		case *ast.InlineFragment:
			err = checkDirectives(s.Directives)
			if err == nil {
				err = checkSelections(s.SelectionSet)
			}
		case *ast.FragmentSpread:
			err = checkDirectives(s.Directives)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func checkDirectives(ds ast.DirectiveList) error {
	for _, d := range ds {
		if err := checkArguments("argument @"+d.Name+".", d.Arguments); err != nil {
			return err
		}
	}
	return nil
}

func checkArguments(prefix string, args ast.ArgumentList) error {
	for _, a := range args {
		if err := checkLiteral(prefix+a.Name, a.Value); err != nil {
			return err
		}
	}
	return nil
}

func checkLiteral(path string, v *ast.Value) error {
	if v == nil {
		return nil
	}
	switch v.Kind {
	case ast.StringValue, ast.BlockValue:
		return domain.CheckText(path, v.Raw)
	case ast.ListValue:
		for i, c := range v.Children {
			if err := checkLiteral(fmt.Sprintf("%s[%d]", path, i), c.Value); err != nil {
				return err
			}
		}
	case ast.ObjectValue:
		for _, c := range v.Children {
			if err := checkLiteral(path+"."+c.Name, c.Value); err != nil {
				return err
			}
		}
	}
	return nil
}

// inputError makes a request error that the error presenter codes from err.
func inputError(err error) *gqlerror.Error {
	var de *domain.Error
	msg := "invalid input"
	if errors.As(err, &de) {
		msg = de.Message
	}
	return &gqlerror.Error{Message: msg, Err: fmt.Errorf("input: %w", err)}
}

// excerpt shortens s to at most n bytes (plus an ellipsis and the count of
// bytes left out), keeping its start and end and whole UTF-8 characters.
func excerpt(s string, n int) string {
	if len(s) <= n {
		return s
	}
	head, tail := n*2/3, n/3
	for head > 0 && !utf8.RuneStart(s[head]) {
		head--
	}
	end := len(s) - tail
	for end < len(s) && !utf8.RuneStart(s[end]) {
		end++
	}
	return fmt.Sprintf("%s…[%d bytes]…%s", s[:head], end-head, s[end:])
}
