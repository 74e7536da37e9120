// Package model holds the GraphQL-only types that gqlgen generates (pages,
// edges, inputs) and the few it binds by hand.
package model

// Node is any object with a global ID. The domain types implement it
// implicitly (every value is a Node); the generated type switch decides
// which GraphQL type a value is.
type Node any
