package server

import (
	"flag"
	"net/http"

	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/transport"
)

// AuthConfig holds the settings of API keys, roles, rate limits and CORS.
type AuthConfig struct{}

// RegisterFlags adds the auth flags to the command line.
func (c *AuthConfig) RegisterFlags(fs *flag.FlagSet) {}

func configureAuth(cfg Config, srv *handler.Server) error { return nil }

func websocketInit(cfg Config) transport.WebsocketInitFunc { return nil }

func wrapAuth(cfg Config, next http.Handler) http.Handler { return next }

func wrapCORS(cfg Config, next http.Handler) http.Handler { return next }
