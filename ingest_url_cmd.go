package main

import (
	"bufio"
	"context"
	"fmt"
	"io"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/webingest"
)

// runIngestURL fetches web pages and ingests their articles, one line per
// URL on standard output: the canonical URL the article is stored under,
// whether it was new, and its title. A URL that fails is reported on
// standard error and the others are still ingested.
func runIngestURL(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	var fc server.FetchConfig
	fs := commandFlags("factgraph ingest-url", "usage: factgraph ingest-url [flags] URL...  (fetch each page and ingest its article)", stderr)
	o.register(fs)
	fc.RegisterFlags(fs)
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf(fs, "ingest-url: no URLs given")
	}
	store, log, err := o.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	// New articles' events go to the log, for the subscribers of servers
	// on the same database.
	broker, err := events.NewBroker(ctx, store, events.Options{Log: log})
	if err != nil {
		return err
	}
	defer broker.Close()
	web := &webingest.Service{
		Fetcher: fc.NewClient(log),
		Ingest:  &ingest.Service{Store: store, Analyzer: analysis.New(), Events: broker, Log: log},
		Log:     log,
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	failed := 0
	for _, u := range fs.Args() {
		a, created, err := web.IngestURL(ctx, u)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			failed++
			out.Flush()
			fmt.Fprintf(stderr, "%s: %s\n", u, domain.ErrorMessage(err))
			log.Debug("ingest-url failed", "url", u, "err", err)
			continue
		}
		stored := ""
		if a.URL != nil {
			stored = *a.URL
		}
		fmt.Fprintf(out, "%s\t%s\tcreated=%t\t%s\n", u, stored, created, a.Title)
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d URLs failed", failed, fs.NArg())
	}
	return nil
}
