package server

import (
	"flag"

	"github.com/99designs/gqlgen/graphql/handler"
)

// LimitsConfig holds the bounds on what one request may ask for.
type LimitsConfig struct{}

// RegisterFlags adds the limit flags to the command line.
func (c *LimitsConfig) RegisterFlags(fs *flag.FlagSet) {}

func configureLimits(cfg Config, srv *handler.Server) error { return nil }
