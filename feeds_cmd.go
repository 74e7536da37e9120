package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"github.com/factgraph/factgraph/graph/model"
	"github.com/factgraph/factgraph/internal/feeds"
)

const feedsUsage = `usage:
  factgraph feeds add [-every 15m] [-db ...] URL...
  factgraph feeds list [-db ...]
  factgraph feeds remove [-db ...] URL...

Feeds are polled by the servers started with -poll (the default) on the same database.`

// runFeeds manages feed subscriptions: factgraph feeds add|list|remove. It
// writes to the database the servers poll from, so a subscription added
// here is picked up by whichever replica is free, with no server restart.
func runFeeds(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return &usageError{err: errors.New("feeds: missing command: add, list or remove"), usage: feedsUsage + "\n"}
	}
	cmd, args := args[0], args[1:]
	var (
		o     options
		every time.Duration
	)
	fs := commandFlags("factgraph feeds "+cmd, feedsUsage, stderr)
	o.register(fs)
	switch cmd {
	case "add":
		fs.DurationVar(&every, "every", feeds.DefaultEvery, fmt.Sprintf("how often to poll the feed (at least %s)", feeds.MinEvery))
	case "list", "remove":
	case "-h", "-help", "--help", "help":
		fmt.Fprintln(stdout, feedsUsage)
		return nil
	default:
		return &usageError{err: fmt.Errorf("feeds: unknown command %q: want add, list or remove", cmd), usage: feedsUsage + "\n"}
	}
	urls, err := parseInterspersed(fs, args, stdout)
	if err != nil {
		return err
	}
	switch {
	case cmd == "list" && len(urls) > 0:
		return usageErrorf(fs, "feeds list: unexpected argument %q", urls[0])
	case cmd != "list" && len(urls) == 0:
		return usageErrorf(fs, "feeds %s: give at least one feed URL", cmd)
	}
	store, log, err := o.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	svc, err := feeds.Open(ctx, feeds.Config{DB: store.DB(), Log: log})
	if err != nil {
		return err
	}
	switch cmd {
	case "add":
		for _, u := range urls {
			f, created, err := svc.Add(ctx, u, every)
			if err != nil {
				return fmt.Errorf("feeds add: %s", userMessage(err))
			}
			what := "added"
			if !created {
				what = "already subscribed; interval set for"
			}
			fmt.Fprintf(stdout, "%s %s, polled every %s\n", what, f.URL, model.FormatDuration(f.Every))
		}
	case "remove":
		for _, u := range urls {
			removed, err := svc.Remove(ctx, u)
			if err != nil {
				return fmt.Errorf("feeds remove: %s", userMessage(err))
			}
			if !removed {
				return fmt.Errorf("feeds remove: no feed %s is subscribed (see factgraph feeds list)", u)
			}
			fmt.Fprintf(stdout, "removed %s\n", u)
		}
	case "list":
		return printFeeds(ctx, svc, stdout)
	}
	return nil
}

// printFeeds lists every feed with its polling state as a table.
func printFeeds(ctx context.Context, svc *feeds.Service, w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "URL\tTITLE\tEVERY\tLAST FETCHED\tNEXT FETCH\tSEEN\tCREATED\tFAILED\tPENDING\tLAST ERROR")
	var after int64
	for {
		page, more, err := svc.List(ctx, 100, after)
		if err != nil {
			return err
		}
		for _, f := range page {
			fetched, lastErr := "never", "-"
			if f.LastFetchedAt != nil {
				fetched = f.LastFetchedAt.Format(time.RFC3339)
			}
			if f.LastError != nil {
				lastErr = *f.LastError
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\n", f.URL, strconv.Quote(f.Title), model.FormatDuration(f.Every),
				fetched, f.NextFetchAt.Format(time.RFC3339), f.ItemsSeen, f.ArticlesCreated, f.ItemsFailed, f.ItemsPending, lastErr)
			after = f.ID
		}
		if !more {
			break
		}
	}
	return tw.Flush()
}
