package server

import (
	"flag"
	"net/http"

	"github.com/99designs/gqlgen/graphql/handler"

	"github.com/factgraph/factgraph/graph"
	"github.com/factgraph/factgraph/internal/limits"
)

// LimitsConfig holds the bounds on what one request may ask for. A zero
// field takes its default, so a server built without flags (as in tests) is
// protected too; a negative value turns one limit off.
type LimitsConfig struct {
	limits.Limits
	// Budget is charged the cost of every operation, to rate-limit each
	// caller; nil means no rate limit.
	Budget limits.Budget
}

// RegisterFlags adds the limit flags to the command line, with the defaults
// the API documents.
func (c *LimitsConfig) RegisterFlags(fs *flag.FlagSet) {
	fs.IntVar(&c.MaxDepth, "max-depth", limits.DefaultMaxDepth,
		"deepest field nesting one operation may select, fragments expanded (negative: no limit)")
	fs.IntVar(&c.MaxComplexity, "max-complexity", limits.DefaultMaxComplexity,
		"highest cost of one operation: 1 per field, each list multiplied by its first, at most 100 (negative: no limit)")
	fs.IntVar(&c.MaxAliases, "max-aliases", limits.DefaultMaxAliases,
		"most aliased fields one operation may select (negative: no limit)")
	fs.IntVar(&c.MaxFields, "max-fields", limits.DefaultMaxFields,
		"most fields one operation may select, fragments expanded (negative: no limit)")
	fs.IntVar(&c.MaxTokens, "max-tokens", limits.DefaultMaxTokens,
		"most lexical tokens in a query text (negative: no limit)")
	fs.IntVar(&c.MaxVariables, "max-variables", limits.DefaultMaxVariables,
		"most top-level keys in a request's variables (negative: no limit)")
	fs.IntVar(&c.MaxInputValues, "max-input-values", limits.DefaultMaxInputValues,
		"most values (keys, list items, scalars) in a request's variables (negative: no limit)")
	fs.IntVar(&c.MaxInputDepth, "max-input-depth", limits.DefaultMaxInputDepth,
		"deepest nesting of lists and objects in a request's variables (negative: no limit)")
	fs.IntVar(&c.MaxResponseBytes, "max-response-bytes", limits.DefaultMaxResponseBytes,
		"most bytes of text (strings and IDs) one query or mutation may return (negative: no limit)")
	fs.DurationVar(&c.Timeout, "request-timeout", limits.DefaultTimeout,
		"longest a query or mutation may run; subscriptions are never timed out (negative: no limit)")
}

// configureLimits installs the limits on the GraphQL handler: the parser's
// own token limit as a backstop, and the extension that checks everything
// else and reports costs.
func configureLimits(cfg Config, srv *handler.Server) error {
	l := cfg.Limits.WithDefaults()
	if l.MaxTokens > 0 {
		// The parser also counts the end of the text as a token.
		srv.SetParserTokenLimit(l.MaxTokens + 1)
	}
	srv.Use(limits.NewExtension(l, cfg.Limits.Budget, graph.ErrorPresenter(cfg.Log)))
	return nil
}

// WrapLimits wraps the GraphQL endpoint so that a rate-limited request is
// answered with HTTP 429 and a Retry-After header. It must enclose every
// handler that may write the response, so that it sees the first write.
func WrapLimits(cfg Config, next http.Handler) http.Handler {
	return limits.RetryAfterMiddleware(next)
}
