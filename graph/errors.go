package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"github.com/factgraph/factgraph/internal/domain"
)

// Codes sent to clients in extensions.code. Clients branch on them, so they
// are part of the API: never rename one.
const (
	CodeBadUserInput = "BAD_USER_INPUT"
	CodeNotFound     = "NOT_FOUND"
	CodeConflict     = "CONFLICT"
	CodeInternal     = "INTERNAL"
	// CodeUnauthenticated: no valid API key where one is needed.
	CodeUnauthenticated = "UNAUTHENTICATED"
	// CodeForbidden: the key's role may not do this.
	CodeForbidden = "FORBIDDEN"
	// CodeRateLimited: over the cost budget; Retry-After says when to retry.
	CodeRateLimited = "RATE_LIMITED"
	// CodeQueryTooComplex: the query exceeds a depth, size or cost limit.
	CodeQueryTooComplex = "QUERY_TOO_COMPLEX"
	// CodeTimeout: the request ran out of time.
	CodeTimeout = "TIMEOUT"
	// CodeBehind: a subscription fell further behind the live events than
	// the server keeps, so it ended rather than skip some.
	CodeBehind = "BEHIND"
)

var codes = map[string]string{
	domain.EINVALID:  CodeBadUserInput,
	domain.ENOTFOUND: CodeNotFound,
	domain.ECONFLICT: CodeConflict,
	domain.EINTERNAL: CodeInternal,

	domain.EUNAUTHENTICATED: CodeUnauthenticated,
	domain.EFORBIDDEN:       CodeForbidden,
	domain.ERATELIMITED:     CodeRateLimited,
	domain.ETOOCOMPLEX:      CodeQueryTooComplex,
	domain.ETIMEOUT:         CodeTimeout,
	domain.EBEHIND:          CodeBehind,
}

// ErrorPresenter turns any resolver error into a GraphQL error with an
// extensions.code. Domain errors keep their message; anything else is logged
// with its path and shown only as "internal error", so no SQL, file path or
// stack ever reaches a client. A field that failed because its request was
// over (timed out or abandoned by the client) is the request's outcome, not
// a fault: it is coded TIMEOUT and not logged. Within LogErrorsOnce, a
// response logs its internal errors in one line.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		// The presented error may be err itself: keep its text for the
		// log before the message is replaced.
		detail := err.Error()
		var de *domain.Error
		if errors.As(err, &de) {
			gqlErr.Message = de.Message
			setCode(gqlErr, codes[de.Code])
			if de.Code == domain.ETIMEOUT {
				noteFailure(ctx, log, gqlErr, detail)
			}
			return gqlErr
		}
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			gqlErr.Message = "operation was cancelled before this field was resolved"
			setCode(gqlErr, CodeTimeout)
			return gqlErr
		}
		var ge *gqlerror.Error
		if errors.As(err, &ge) && ge.Unwrap() == nil {
			// Made by gqlgen or gqlparser themselves, with messages meant
			// for clients: parse and validation errors come coded; a
			// request-level error without a code (a body that is not JSON)
			// is the client's; a field-level one (a non-null field that
			// resolved to null) is ours.
			if gqlErr.Extensions["code"] == nil {
				if len(gqlErr.Path) == 0 {
					setCode(gqlErr, CodeBadUserInput)
				} else {
					setCode(gqlErr, CodeInternal)
					noteFailure(ctx, log, gqlErr, detail)
				}
			}
			return gqlErr
		}
		gqlErr.Message = "internal error"
		setCode(gqlErr, CodeInternal)
		noteFailure(ctx, log, gqlErr, detail)
		return gqlErr
	}
}

// failures gathers what went wrong in one response, so that it is logged
// once: a query through thousands of objects that fails for one cause (the
// database went away) would otherwise log thousands of lines.
type failures struct {
	mu    sync.Mutex
	n     int
	first string
	path  string
	code  string
	done  bool
}

type failuresKey struct{}

// LogErrorsOnce is a response middleware: every internal or timeout error
// of the response is counted, and when the response is done one line
// reports the first (with its path) and how many there were. Errors of an
// operation that was already answered (a run abandoned at its time limit)
// are dropped, since the line about it has been written.
func LogErrorsOnce(log *slog.Logger) graphql.ResponseMiddleware {
	return func(ctx context.Context, next graphql.ResponseHandler) *graphql.Response {
		f := &failures{}
		resp := next(context.WithValue(ctx, failuresKey{}, f))
		f.mu.Lock()
		defer f.mu.Unlock()
		f.done = true
		switch {
		case f.n == 0:
		case f.code == CodeTimeout:
			log.WarnContext(ctx, "request timed out", "err", f.first)
		default:
			log.ErrorContext(ctx, "request failed", "path", f.path, "errors", f.n, "err", f.first)
		}
		return resp
	}
}

// noteFailure records err, shown as e, in the response's failures, or logs
// it at once outside LogErrorsOnce.
func noteFailure(ctx context.Context, log *slog.Logger, e *gqlerror.Error, err string) {
	code, _ := e.Extensions["code"].(string)
	f, ok := ctx.Value(failuresKey{}).(*failures)
	if !ok {
		log.ErrorContext(ctx, "request failed", "path", e.Path.String(), "err", err)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.done {
		return
	}
	f.n++
	if f.n == 1 || (code == CodeTimeout && f.code != CodeTimeout) {
		f.first, f.path, f.code = err, e.Path.String(), code
	}
}

func setCode(e *gqlerror.Error, code string) {
	if e.Extensions == nil {
		e.Extensions = map[string]any{}
	}
	e.Extensions["code"] = code
}

// RecoverFunc turns a panic in a resolver into an INTERNAL error for that
// field instead of a dead connection; the stack goes to the log only.
func RecoverFunc(log *slog.Logger) graphql.RecoverFunc {
	return func(ctx context.Context, p any) error {
		log.ErrorContext(ctx, "panic in resolver", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		return errors.New("panic in resolver")
	}
}
