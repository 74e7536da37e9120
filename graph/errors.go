package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"

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
// stack ever reaches a client.
func ErrorPresenter(log *slog.Logger) graphql.ErrorPresenterFunc {
	return func(ctx context.Context, err error) *gqlerror.Error {
		gqlErr := graphql.DefaultErrorPresenter(ctx, err)
		var de *domain.Error
		if errors.As(err, &de) {
			gqlErr.Message = de.Message
			setCode(gqlErr, codes[de.Code])
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
					log.ErrorContext(ctx, "field error", "path", gqlErr.Path.String(), "err", err)
					setCode(gqlErr, CodeInternal)
				}
			}
			return gqlErr
		}
		log.ErrorContext(ctx, "request failed", "path", gqlErr.Path.String(), "err", err)
		gqlErr.Message = "internal error"
		setCode(gqlErr, CodeInternal)
		return gqlErr
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
