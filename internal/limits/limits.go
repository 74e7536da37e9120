// Package limits bounds what one GraphQL operation may ask of the server —
// its size, depth, cost, input and running time — and charges its cost to a
// rate budget. Each bound turns a request that would tie up the database or
// the CPU into a clear, coded error before any resolver runs.
//
// # Cost is a bound, not a guess
//
// The cost of an operation (Measure) is an upper bound of the objects it
// can make the server resolve, so that the cost limit bounds memory and
// time whatever the data holds:
//
//   - Every list of objects in the schema takes `first`, at most
//     MaxListSize (100). The lists of claims and series grow with every
//     article and default to 20, like the connections; an article's lists
//     are bounded by its body and default to 100; a statement's, bounded
//     by a sentence, to 10. The resolvers refuse a larger `first`, and the
//     estimate charges each list at its `first` (or default), never more
//     than the cap; Query._entities is charged per representation.
//   - The database reads no more than that: the loaders of the growing
//     lists are keyed by (owner, first) and their SQL keeps the first
//     items of each owner with a window function (storage.firstPerOwner),
//     so a claim with ten thousand articles costs a request what it asked
//     for, not ten thousand rows.
//
// # What the estimate cannot see is bounded at run time
//
//   - Text: one field (Article.body) may hold 1 MiB. The extension counts
//     the text each field returns and stops the operation past
//     MaxResponseBytes, answering one QUERY_TOO_COMPLEX error.
//   - Time: the operation runs under Timeout; the client is answered at
//     the deadline, and every field left of the abandoned run returns at
//     once (InterceptField checks the context before resolving), as do
//     its pending reads, so it frees what it held in moments.
//   - Connections: one request's reads hold at most half of the pool
//     (storage.Store.ShareConns), so a heavy request slows itself, not the
//     others.
//   - Logs: a failing response logs one line with its first error and how
//     many there were (graph.LogErrorsOnce); a timeout is one warning, and
//     the cancelled fields behind it are not errors of their own.
//
// The worst queries the default limits allow are searched for and run by
// internal/server's TestCostBoundsRealWork, which holds the heap under
// 256 MB and the time under the timeout.
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
	// DefaultMaxResponseBytes leaves room for a hundred long articles
	// while keeping one response far below the memory of a small server.
	DefaultMaxResponseBytes = 32 << 20
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
	// MaxResponseBytes bounds the text one query or mutation returns. The
	// cost counts fields, and one field (Article.body) may hold up to
	// 1 MiB: this bounds the bytes the cost cannot see.
	MaxResponseBytes int
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
	def(&l.MaxResponseBytes, DefaultMaxResponseBytes)
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
