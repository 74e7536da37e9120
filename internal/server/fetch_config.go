package server

import (
	"flag"
	"log/slog"
	"os"

	"github.com/factgraph/factgraph/internal/fetch"
)

// FetchConfig sets up the client that fetches user-given URLs. Its
// zero value is the safe one: public addresses only, the documented
// limits.
type FetchConfig struct {
	fetch.Options
}

// RegisterFlags adds -fetch-allow-hosts.
func (c *FetchConfig) RegisterFlags(fs *flag.FlagSet) {
	c.AllowHosts = splitHosts(os.Getenv("FACTGRAPH_FETCH_ALLOW_HOSTS"))
	fs.Func("fetch-allow-hosts",
		"comma-separated `hosts` (name or name:port) that pages may be fetched from although they resolve to a loopback, private or other non-public address, for intranet sources; all other non-public addresses are refused (env FACTGRAPH_FETCH_ALLOW_HOSTS)",
		func(s string) error {
			c.AllowHosts = splitHosts(s)
			return nil
		})
}

// splitHosts reads a comma-separated list of hosts, ignoring blanks, as
// the CORS origins are read.
func splitHosts(s string) []string { return splitOrigins(s) }

// NewClient makes the fetch client, logging to log.
func (c FetchConfig) NewClient(log *slog.Logger) *fetch.Client {
	o := c.Options
	if o.Logger == nil {
		o.Logger = log
	}
	return fetch.New(o)
}
