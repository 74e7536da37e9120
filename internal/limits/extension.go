package limits

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/factgraph/factgraph/internal/domain"
)

// CostExtension is the key of the cost report in a response's extensions.
const CostExtension = "cost"

// CostReport is what every response says of its operation's cost, so that
// clients can see how close they are to the limits before they hit them.
type CostReport struct {
	// Requested is the operation's computed cost (see Cost).
	Requested int `json:"requested"`
	// Limit is the cost limit per operation; null when there is none.
	Limit *int `json:"limit"`
	// Remaining is what is left of the caller's rate budget once this
	// operation was charged. Without a budget, or when the operation was
	// refused before being charged, it is Limit - Requested (at least 0;
	// null without a limit).
	Remaining *int `json:"remaining"`
}

// Extension enforces Limits and a Budget inside gqlgen's executor, and adds
// the CostReport to every response. The limits on the query text and the
// variables run before parsing; those on the operation's shape and cost
// after validation, before any resolver; the timeout around execution.
type Extension struct {
	limits  Limits
	budget  Budget
	present graphql.ErrorPresenterFunc
	schema  *ast.Schema
}

var _ interface {
	graphql.HandlerExtension
	graphql.OperationParameterMutator
	graphql.OperationContextMutator
	graphql.ResponseInterceptor
	graphql.FieldInterceptor
} = (*Extension)(nil)

// NewExtension returns the extension for l (zero fields take the defaults)
// and b (nil for no rate limit). present must be the server's error
// presenter: a timed-out response is built outside the executor's own
// error path and must come out coded like any other.
func NewExtension(l Limits, b Budget, present graphql.ErrorPresenterFunc) *Extension {
	if present == nil {
		present = graphql.DefaultErrorPresenter
	}
	return &Extension{limits: l.WithDefaults(), budget: b, present: present}
}

// ExtensionName implements graphql.HandlerExtension.
func (e *Extension) ExtensionName() string { return "Limits" }

// Validate implements graphql.HandlerExtension; it keeps the schema that
// operations are measured against.
func (e *Extension) Validate(es graphql.ExecutableSchema) error {
	if es == nil || es.Schema() == nil {
		return errors.New("limits: no schema")
	}
	e.schema = es.Schema()
	return nil
}

// MutateOperationParameters refuses, before validation, a query text with
// too many tokens or of too large a shape, and variables that are too large
// or too deep.
func (e *Extension) MutateOperationParameters(ctx context.Context, params *graphql.RawParams) *gqlerror.Error {
	if err := checkTokens(params.Query, e.limits.MaxTokens); err != nil {
		return requestError(err)
	}
	if err := checkShape(e.schema, params.Query, e.limits); err != nil {
		return requestError(err)
	}
	if err := checkVariables(params.Variables, e.limits); err != nil {
		return requestError(err)
	}
	return nil
}

// statsKey holds the CostReport in the operation's stats, from measuring
// to responding.
const statsKey = "limits.cost"

// MutateOperationContext measures the validated operation, records its
// cost report, refuses it when over a limit and otherwise charges its cost
// to the budget.
func (e *Extension) MutateOperationContext(ctx context.Context, opCtx *graphql.OperationContext) *gqlerror.Error {
	m := Measure(e.schema, opCtx.Operation, opCtx.Variables)
	report := &CostReport{Requested: m.Cost}
	if l := e.limits.MaxComplexity; l >= 0 {
		left := max(0, l-m.Cost)
		report.Limit, report.Remaining = &l, &left
	}
	opCtx.Stats.SetExtension(statsKey, report)

	if err := checkMeasurement(m, e.limits); err != nil {
		return requestError(err)
	}
	if l := e.limits.MaxComplexity; l >= 0 && m.Cost > l {
		return requestError(domain.Errorf(domain.ETOOCOMPLEX, "query cost %d exceeds the limit of %d", m.Cost, l))
	}
	if e.budget == nil {
		return nil
	}
	remaining, wait, ok := e.budget.Take(ctx, m.Cost)
	report.Remaining = &remaining
	if !ok {
		NoteRetryAfter(ctx, wait)
		secs := RetryAfterSeconds(wait)
		err := requestError(domain.Errorf(domain.ERATELIMITED,
			"rate limit exceeded: this operation costs %d and %d is left; retry after %d s", m.Cost, max(0, remaining), secs))
		err.Extensions = map[string]any{"retryAfter": secs}
		return err
	}
	return nil
}

// InterceptResponse adds the cost report to the response and bounds the
// running time of queries and mutations.
func (e *Extension) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	if !graphql.HasOperationContext(ctx) {
		return next(ctx)
	}
	opCtx := graphql.GetOperationContext(ctx)
	report, _ := opCtx.Stats.GetExtension(statsKey).(*CostReport)
	if report != nil {
		graphql.RegisterExtension(ctx, CostExtension, report)
	}
	op := opCtx.Operation
	if op == nil || op.Operation == ast.Subscription {
		return next(ctx)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	r := &run{cancel: cancel}
	ctx = context.WithValue(ctx, runKey{}, r)
	var resp *graphql.Response
	if e.limits.Timeout < 0 {
		resp = next(ctx)
	} else {
		resp = e.runWithin(ctx, opCtx, report, next)
	}
	if r.tooLarge.Load() {
		// The fields left unresolved carry cancellation errors that say
		// nothing useful: the one error is the size.
		tooLarge := domain.Errorf(domain.ETOOCOMPLEX,
			"the response would hold more than %d bytes of text; ask for fewer items or leave out long fields such as body", e.limits.MaxResponseBytes)
		resp = &graphql.Response{Errors: gqlerror.List{e.present(ctx, tooLarge)}}
		if report != nil {
			resp.Extensions = map[string]any{CostExtension: report}
		}
	}
	return resp
}

// InterceptField resolves nothing more once the operation's context is
// done: at the time limit, when the client went away, or once the response
// holds too much text, every field left returns at once with the context's
// error instead of reading the database, so the run ends in moments and
// frees what it held. It also counts the text each field returns.
func (e *Extension) InterceptField(ctx context.Context, next graphql.Resolver) (any, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res, err := next(ctx)
	if run, ok := ctx.Value(runKey{}).(*run); ok && e.limits.MaxResponseBytes >= 0 {
		run.count(res, e.limits.MaxResponseBytes)
	}
	return res, err
}

// run is the state of one query or mutation while it executes.
type run struct {
	bytes    atomic.Int64
	tooLarge atomic.Bool
	cancel   context.CancelFunc
}

type runKey struct{}

// count adds the text of a resolved value; past limit it stops the run.
func (r *run) count(v any, limit int) {
	n := 0
	switch v := v.(type) {
	case string:
		n = len(v)
	case *string:
		if v != nil {
			n = len(*v)
		}
	case []string:
		for _, s := range v {
			n += len(s)
		}
	default:
		return
	}
	if r.bytes.Add(int64(n)) > int64(limit) && !r.tooLarge.Swap(true) {
		r.cancel()
	}
}

// runWithin runs next under the timeout. Execution goes on in its own
// goroutine so that the client is answered on time even when a resolver
// ignores its context; the abandoned run sees a cancelled context and its
// result is dropped.
func (e *Extension) runWithin(ctx context.Context, opCtx *graphql.OperationContext, report *CostReport, next graphql.ResponseHandler) *graphql.Response {
	limit := e.limits.Timeout
	tctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	done := make(chan *graphql.Response, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- &graphql.Response{Errors: gqlerror.List{e.present(ctx, opCtx.RecoverFunc(ctx, p))}}
			}
		}()
		done <- next(tctx)
	}()
	select {
	case resp := <-done:
		if !errors.Is(tctx.Err(), context.DeadlineExceeded) {
			return resp
		}
	case <-tctx.Done():
		if !errors.Is(tctx.Err(), context.DeadlineExceeded) {
			// The client went away: nobody waits for a timeout error.
			return <-done
		}
	}
	timeout := domain.Errorf(domain.ETIMEOUT, "operation did not finish within the limit of %s and was cancelled", limit)
	resp := &graphql.Response{Errors: gqlerror.List{e.present(ctx, timeout)}}
	if report != nil {
		resp.Extensions = map[string]any{CostExtension: report}
	}
	return resp
}

// requestError wraps a domain error for gqlgen, keeping it in the chain so
// the error presenter finds its code.
func requestError(err *domain.Error) *gqlerror.Error {
	return &gqlerror.Error{Message: err.Message, Err: fmt.Errorf("limits: %w", err)}
}

// String describes l for logs.
func (l Limits) String() string {
	return fmt.Sprintf("depth %d, complexity %d, aliases %d, fields %d, tokens %d, variables %d, input values %d, input depth %d, response bytes %d, timeout %s",
		l.MaxDepth, l.MaxComplexity, l.MaxAliases, l.MaxFields, l.MaxTokens, l.MaxVariables, l.MaxInputValues, l.MaxInputDepth, l.MaxResponseBytes, l.Timeout)
}
