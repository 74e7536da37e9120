// Package limits bounds what one GraphQL operation may ask of the server —
// its size, depth, cost, input and running time — and charges its cost to a
// rate budget. Each bound turns a request that would tie up the database or
// the CPU into a clear, coded error before any resolver runs.
package limits

import (
	"context"
	"time"
)

// Defaults of every limit. They leave ample room for the documented queries
// (the README's examples, GraphiQL's introspection) while stopping requests
// that only an attacker or a runaway client would send.
const (
	DefaultMaxDepth       = 12
	DefaultMaxComplexity  = 30000
	DefaultMaxAliases     = 30
	DefaultMaxFields      = 500
	DefaultMaxTokens      = 10000
	DefaultMaxVariables   = 50
	DefaultMaxInputValues = 1000
	DefaultMaxInputDepth  = 8
	DefaultTimeout        = 10 * time.Second
)

// Limits are the bounds one operation must stay within. A zero field takes
// its default, so a zero Limits is safe; a negative field disables that
// limit.
type Limits struct {
	// MaxDepth bounds how deeply fields nest, fragments expanded.
	MaxDepth int
	// MaxComplexity bounds the cost of one operation (see Cost).
	MaxComplexity int
	// MaxAliases bounds the aliased fields of one operation, which would
	// otherwise let one request ask for the same expensive field many times.
	MaxAliases int
	// MaxFields bounds the fields selected by one operation.
	MaxFields int
	// MaxTokens bounds the lexical tokens of the query text, so parsing and
	// validation stay cheap.
	MaxTokens int
	// MaxVariables bounds the top-level keys of the variables object.
	MaxVariables int
	// MaxInputValues bounds every value in the variables: keys, list
	// items and scalars together.
	MaxInputValues int
	// MaxInputDepth bounds how deeply lists and objects nest in the
	// variables.
	MaxInputDepth int
	// Timeout bounds how long a query or mutation runs. Subscriptions are
	// never timed out: they are meant to stay open.
	Timeout time.Duration
}

// WithDefaults returns l with every zero field set to its default.
func (l Limits) WithDefaults() Limits {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&l.MaxDepth, DefaultMaxDepth)
	def(&l.MaxComplexity, DefaultMaxComplexity)
	def(&l.MaxAliases, DefaultMaxAliases)
	def(&l.MaxFields, DefaultMaxFields)
	def(&l.MaxTokens, DefaultMaxTokens)
	def(&l.MaxVariables, DefaultMaxVariables)
	def(&l.MaxInputValues, DefaultMaxInputValues)
	def(&l.MaxInputDepth, DefaultMaxInputDepth)
	if l.Timeout == 0 {
		l.Timeout = DefaultTimeout
	}
	return l
}

// Budget is charged the cost of each operation; nil means no rate limit.
type Budget interface {
	// Take charges cost to the caller in ctx. ok=false means over budget: retryAfter says when to retry.
	Take(ctx context.Context, cost int) (remaining int, retryAfter time.Duration, ok bool)
}
