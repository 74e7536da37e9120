package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"time"

	"github.com/factgraph/factgraph/internal/feeds"
	"github.com/factgraph/factgraph/internal/fetch"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/webingest"
)

// pollOptions are the server flags of feed polling.
type pollOptions struct {
	// on runs the feed workers in this process; off makes it API-only.
	on          bool
	workers     int
	rescueAfter time.Duration
}

func (p *pollOptions) register(fs *flag.FlagSet) {
	on, err := strconv.ParseBool(envOr("FACTGRAPH_POLL", "true"))
	if err != nil {
		fmt.Fprintf(os.Stderr, "factgraph: FACTGRAPH_POLL=%q is not true or false; polling stays on\n", os.Getenv("FACTGRAPH_POLL"))
		on = true
	}
	fs.BoolVar(&p.on, "poll", on, "poll the subscribed feeds and fetch their new entries here; -poll=false makes this replica API-only (env FACTGRAPH_POLL)")
	fs.IntVar(&p.workers, "poll-workers", 4, "entry pages this replica fetches at once when polling")
	fs.DurationVar(&p.rescueAfter, "poll-rescue-after", 5*time.Minute,
		"how long a feed job may stay running before it is taken to belong to a dead replica and run again by another")
}

// startFeeds opens the feed service on the server's database and, with
// -poll, starts its workers. stop ends the workers, letting running jobs
// finish until its context ends.
func startFeeds(ctx context.Context, p pollOptions, store *storage.Store, fc *fetch.Client, web *webingest.Service, ing *ingest.Service, log *slog.Logger) (*feeds.Service, func(context.Context), error) {
	// A signal during the migrations lets them finish; serve then stops.
	svc, err := feeds.Open(context.WithoutCancel(ctx), feeds.Config{
		DB: store.DB(), Fetcher: fc, Pages: web, Articles: ing, Log: log, Poll: p.on, Workers: p.workers, RescueAfter: p.rescueAfter,
	})
	if err != nil {
		return nil, nil, err
	}
	if !p.on {
		log.InfoContext(ctx, "feed polling off: this replica serves the API only")
		return svc, func(context.Context) {}, nil
	}
	// The workers outlive the signal until stop, so jobs in flight finish.
	if err := svc.Start(context.WithoutCancel(ctx)); err != nil {
		return nil, nil, err
	}
	var once sync.Once
	return svc, func(sctx context.Context) {
		once.Do(func() {
			start := time.Now()
			if err := svc.Stop(sctx); err != nil {
				log.Warn("feed workers stopped with jobs cut short; they run again later", "err", err)
				return
			}
			log.Info("feed workers stopped", "took", time.Since(start))
		})
	}, nil
}
