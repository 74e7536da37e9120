//go:build tools

// Package tools pins the code generators that the build depends on, so that
// `go run github.com/99designs/gqlgen` uses the version in go.mod.
package tools

import (
	_ "github.com/99designs/gqlgen"
	_ "github.com/vikstrous/dataloadgen"
)
