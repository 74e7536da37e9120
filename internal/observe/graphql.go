package observe

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	otelcodes "go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// tracerName identifies the spans this package starts.
const tracerName = "github.com/factgraph/factgraph/internal/observe"

// Span attribute keys, after the OpenTelemetry GraphQL conventions.
const (
	attrOperationName = attribute.Key("graphql.operation.name")
	attrOperationType = attribute.Key("graphql.operation.type")
	attrFieldName     = attribute.Key("graphql.field.name")
	attrFieldAlias    = attribute.Key("graphql.field.alias")
	attrErrorCode     = attribute.Key("graphql.error.code")
)

// GraphQL is the gqlgen extension that counts and times operations, tracks
// open subscriptions, and traces each operation with a child span per root
// field. Add it with srv.Use.
type GraphQL struct {
	// Metrics records operations; nil uses the Metrics that Middleware put
	// in the request context, and records nothing without one.
	Metrics *Metrics
	// TracerProvider defaults to the global one.
	TracerProvider trace.TracerProvider
}

var (
	_ graphql.HandlerExtension     = GraphQL{}
	_ graphql.OperationInterceptor = GraphQL{}
	_ graphql.ResponseInterceptor  = GraphQL{}
	_ graphql.RootFieldInterceptor = GraphQL{}
)

// ExtensionName names the extension in gqlgen's stats.
func (GraphQL) ExtensionName() string { return "Observe" }

// Validate accepts every schema.
func (GraphQL) Validate(graphql.ExecutableSchema) error { return nil }

type dispatchedKey struct{}

// InterceptOperation opens the operation span and records the operation when
// its (first, for queries and mutations) response is ready, or, for a
// subscription, when the stream ends.
func (g GraphQL) InterceptOperation(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
	opCtx := graphql.GetOperationContext(ctx)
	name, typ := operationOf(opCtx)
	start := opCtx.Stats.OperationStart
	if start.IsZero() {
		start = time.Now()
	}
	spanName := name
	if spanName == "" {
		spanName = OperationAnonymous
	}
	ctx, span := g.tracer().Start(ctx, spanName, trace.WithAttributes(
		attrOperationName.String(name), attrOperationType.String(typ),
	))
	ctx = context.WithValue(ctx, dispatchedKey{}, true)

	op := &operation{metrics: g.metrics(ctx), span: span, name: name, typ: typ, start: start}
	if typ == string(ast.Subscription) && op.metrics != nil {
		op.closeSub = op.metrics.subscriptionStarted(transportFrom(ctx))
	}
	// The context ends when the client goes away or the subscription is
	// stopped; the response handler may never be called again then.
	stop := context.AfterFunc(ctx, func() { op.finish(OutcomeCanceled) })

	responses := next(ctx)
	return func(ctx context.Context) *graphql.Response {
		resp := responses(ctx)
		if resp == nil {
			stop()
			op.finish(OutcomeCanceled)
			return nil
		}
		op.note(resp.Errors)
		if typ != string(ast.Subscription) {
			stop()
			op.finish(OutcomeOK)
		}
		return resp
	}
}

// InterceptResponse records requests that failed before they became an
// operation (bad JSON, parse or validation errors, limits): those never
// reach InterceptOperation.
func (g GraphQL) InterceptResponse(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
	resp := next(ctx)
	if resp == nil || ctx.Value(dispatchedKey{}) != nil {
		return resp
	}
	m := g.metrics(ctx)
	if m == nil {
		return resp
	}
	name, typ := OperationUnknown, OperationUnknown
	d := time.Duration(-1)
	if graphql.HasOperationContext(ctx) {
		opCtx := graphql.GetOperationContext(ctx)
		if opCtx.Operation != nil {
			name, typ = operationOf(opCtx)
		}
		if !opCtx.Stats.OperationStart.IsZero() {
			d = time.Since(opCtx.Stats.OperationStart)
		}
	}
	outcome, code := OutcomeOK, CodeNone
	if len(resp.Errors) > 0 {
		outcome, code = OutcomeError, errorCode(resp.Errors)
	}
	m.observeOperation(name, typ, outcome, code, d)
	return resp
}

// InterceptRootField traces one root field (Query.articles, say) as a child
// of the operation span.
func (g GraphQL) InterceptRootField(ctx context.Context, next graphql.RootResolver) graphql.Marshaler {
	fc := graphql.GetRootFieldContext(ctx)
	if fc == nil {
		return next(ctx)
	}
	// RootFieldContext.Object holds the field name in generated code; the
	// parent type is on the field's definition.
	parent := fc.Object
	if def := fc.Field.ObjectDefinition; def != nil {
		parent = def.Name
	}
	ctx, span := g.tracer().Start(ctx, parent+"."+fc.Field.Name, trace.WithAttributes(
		attrFieldName.String(fc.Field.Name), attrFieldAlias.String(fc.Field.Alias),
	))
	defer span.End()
	res := next(ctx)
	for _, e := range graphql.GetErrors(ctx) {
		if len(e.Path) > 0 && e.Path[0] == ast.PathName(fc.Field.Alias) {
			span.SetStatus(otelcodes.Error, e.Message)
			span.SetAttributes(attrErrorCode.String(codeOf(e)))
			break
		}
	}
	return res
}

func (g GraphQL) tracer() trace.Tracer {
	tp := g.TracerProvider
	if tp == nil {
		tp = otel.GetTracerProvider()
	}
	return tp.Tracer(tracerName)
}

func (g GraphQL) metrics(ctx context.Context) *Metrics {
	if g.Metrics != nil {
		return g.Metrics
	}
	return metricsFrom(ctx)
}

// operation is one GraphQL operation in flight.
type operation struct {
	metrics  *Metrics
	span     trace.Span
	name     string
	typ      string
	start    time.Time
	closeSub func()

	mu      sync.Mutex
	errored bool
	code    string
	done    bool
}

// note remembers the first error of a response.
func (o *operation) note(errs gqlerror.List) {
	if len(errs) == 0 {
		return
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if !o.errored {
		o.errored, o.code = true, errorCode(errs)
	}
}

// finish records the operation once. outcome applies when no response held
// an error: ok after a response, canceled for a query or mutation whose
// client left first. A subscription that ends without errors is ok.
func (o *operation) finish(outcome string) {
	o.mu.Lock()
	if o.done {
		o.mu.Unlock()
		return
	}
	o.done = true
	errored, code := o.errored, o.code
	o.mu.Unlock()

	d := time.Since(o.start)
	if o.typ == string(ast.Subscription) {
		outcome = OutcomeOK
		if o.closeSub != nil {
			o.closeSub()
		}
		d = -1 // a subscription's lifetime is not latency
	}
	if errored {
		outcome = OutcomeError
		o.span.SetStatus(otelcodes.Error, code)
		o.span.SetAttributes(attrErrorCode.String(code))
	} else {
		code = CodeNone
	}
	if outcome == OutcomeCanceled {
		o.span.SetStatus(otelcodes.Error, "canceled")
	}
	o.span.End()
	if o.metrics != nil {
		o.metrics.observeOperation(o.name, o.typ, outcome, code, d)
	}
}

// operationOf returns the operation's name ("" when unnamed) and type.
func operationOf(opCtx *graphql.OperationContext) (name, typ string) {
	if opCtx.Operation == nil {
		return opCtx.OperationName, OperationUnknown
	}
	name = opCtx.Operation.Name
	if name == "" {
		name = opCtx.OperationName
	}
	return name, string(opCtx.Operation.Operation)
}

// errorCode is the extensions.code of the first error, or CodeNone.
func errorCode(errs gqlerror.List) string {
	if len(errs) == 0 {
		return CodeNone
	}
	return codeOf(errs[0])
}

func codeOf(e *gqlerror.Error) string {
	if e == nil || e.Extensions == nil {
		return CodeNone
	}
	switch c := e.Extensions["code"].(type) {
	case string:
		if c != "" {
			return c
		}
	case fmt.Stringer:
		return c.String()
	}
	return CodeNone
}
