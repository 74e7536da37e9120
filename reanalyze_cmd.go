package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/storage"
)

// reanalyzeBatch is how many stale articles are listed at a time.
const reanalyzeBatch = 200

// runReanalyze re-runs analysis and grouping over the stored articles that
// an older version analysed, oldest publication first, one transaction per
// article. Interrupted, it leaves every article either old or new; run
// again, it carries on with the articles still old.
func runReanalyze(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	var all bool
	fs := flag.NewFlagSet("factgraph reanalyze", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o.register(fs)
	fs.BoolVar(&all, "all", false, "re-analyse every article, not only those analysed by an older version")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: factgraph reanalyze [flags]  (re-runs analysis and story grouping over stored articles)")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf(fs, "reanalyze: unexpected arguments: %v", fs.Args())
	}
	store, log, err := o.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	svc := &ingest.Service{Store: store, Analyzer: analysis.New(), Log: log}
	version := svc.Version()
	if all {
		if _, err := store.MarkAllStale(ctx); err != nil {
			return err
		}
	}
	total, err := store.CountStale(ctx, version)
	if err != nil {
		return err
	}
	prog := newProgress(stderr, total)
	var after *storage.StaleArticle
	var done, failed int64
	for {
		batch, err := store.StaleArticles(ctx, version, after, reanalyzeBatch)
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			return err
		}
		if len(batch) == 0 {
			break
		}
		for i := range batch {
			if ctx.Err() != nil {
				break
			}
			after = &batch[i]
			if err := reanalyzeOne(ctx, store, batch[i].ID, svc.Analyze); err != nil {
				if ctx.Err() != nil {
					break
				}
				failed++
				log.ErrorContext(ctx, "reanalyze failed", "article_id", batch[i].ID, "err", err)
				fmt.Fprintf(stderr, "article %d: %s\n", batch[i].ID, domain.ErrorMessage(err))
			} else {
				done++
			}
			prog.update(done + failed)
		}
		if ctx.Err() != nil {
			break
		}
	}
	prog.finish(done + failed)
	if ctx.Err() != nil {
		fmt.Fprintf(stdout, "interrupted: re-analysed %d of %d articles; run again to continue\n", done, total)
		return ctx.Err()
	}
	fmt.Fprintf(stdout, "re-analysed %d articles (version %s) in %s, failed %d\n",
		done, version, prog.elapsed().Round(time.Millisecond), failed)
	if failed > 0 {
		return fmt.Errorf("%d articles failed", failed)
	}
	return nil
}

// reanalyzeOne re-analyses one article, trying again when its transaction
// lost a lock race with a concurrent ingest (a Postgres deadlock the
// server resolved by aborting this side).
func reanalyzeOne(ctx context.Context, store *storage.Store, id int64, analyze func(title, body string) domain.Analysis) error {
	var err error
	for attempt := range 3 {
		if err = store.ReanalyzeArticle(ctx, id, analyze); domain.ErrorCode(err) != domain.ECONFLICT {
			return err
		}
		time.Sleep(time.Duration(attempt+1) * 50 * time.Millisecond)
	}
	return err
}

// progress shows done / total, rate and time left: redrawn in place on a
// terminal, a line every few seconds otherwise (a log file, CI).
type progress struct {
	w        io.Writer
	total    int64
	tty      bool
	start    time.Time
	last     time.Time
	interval time.Duration
}

func newProgress(w io.Writer, total int64) *progress {
	tty := isTerminal(w)
	p := &progress{w: w, total: total, tty: tty, start: time.Now(), interval: 10 * time.Second}
	if tty {
		p.interval = 200 * time.Millisecond
	}
	return p
}

// isTerminal reports whether w is a terminal, where progress redraws one
// line.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

func (p *progress) elapsed() time.Duration { return time.Since(p.start) }

// update redraws the line when enough time has passed since the last.
func (p *progress) update(done int64) {
	if now := time.Now(); now.Sub(p.last) >= p.interval {
		p.last = now
		p.draw(done)
	}
}

// finish draws the final state and ends the terminal line.
func (p *progress) finish(done int64) {
	if p.total == 0 {
		return
	}
	p.draw(done)
	if p.tty {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) draw(done int64) {
	line := progressLine(done, p.total, p.elapsed())
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", line)
	} else {
		fmt.Fprintln(p.w, line)
	}
}

// progressLine reads "1200/50000 articles  412/s  ETA 1m58s", or
// "1200 articles  412/s" when the total is not known (negative).
func progressLine(done, total int64, elapsed time.Duration) string {
	rate := 0.0
	if s := elapsed.Seconds(); s > 0 {
		rate = float64(done) / s
	}
	if total < 0 {
		return fmt.Sprintf("%d articles  %.0f/s", done, rate)
	}
	eta := "?"
	if rate > 0 {
		eta = time.Duration(float64(total-done) / rate * float64(time.Second)).Round(time.Second).String()
	}
	return fmt.Sprintf("%d/%d articles  %.0f/s  ETA %s", done, total, rate, eta)
}
