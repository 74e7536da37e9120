package ingest

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/factgraph/factgraph/internal/domain"
)

// BatchStore stores many analysed articles at once; see
// storage.Store.IngestAnalysed and storage.Store.StoredArticles.
type BatchStore interface {
	StoredArticles(ctx context.Context, ins []domain.NewArticle) ([]*domain.Article, error)
	IngestAnalysed(ctx context.Context, ins []domain.NewArticle, ans []domain.Analysis, announce bool) ([]*domain.Article, []bool, []error, error)
}

// Item is one article of a bulk input, numbered from 0 in input order.
// Err is set when the input could not be read as an article: it is then
// reported as failed, in its place, and the run goes on.
type Item struct {
	Index int
	In    domain.NewArticle
	Err   error
}

// Outcome is what became of one Item.
type Outcome struct {
	Index   int
	Article *domain.Article // nil when Err is set
	Created bool
	Err     error
}

// Bulk ingests a stream of articles using the whole machine: Workers
// analyse in parallel while one writer stores the analysed articles in
// input order, Batch of them per transaction. Articles already stored
// are found a batch at a time and never analysed again, so a re-run over
// the same input resumes where the last one stopped. Outcomes are reported
// in input order, and only once their transaction has committed: what was
// reported stored stays stored whatever happens to the process next.
type Bulk struct {
	Service *Service // analyses
	Store   BatchStore
	// Announce appends each new article's event to the live log, in the
	// article's transaction, for the servers of the same database.
	Announce bool
	Workers  int // 0: GOMAXPROCS
	Batch    int // 0: 200
}

// job is the analysis of one article of a chunk.
type job struct {
	c *chunk
	i int
}

// chunk is one batch on its way through the pipeline.
type chunk struct {
	items    []Item
	stored   []*domain.Article // found before, aligned to items
	analyses []domain.Analysis
	pending  sync.WaitGroup // analyses still running
	err      error          // the stored-article lookup failed
}

// Run reads items from next until it returns io.EOF, and calls report for
// each item's outcome, in order, from one goroutine. It returns next's
// first other error (after reporting everything before it), a store
// failure that is not about one article, or the context's error.
func (b *Bulk) Run(ctx context.Context, next func() (Item, error), report func(Outcome)) error {
	workers, size := b.Workers, b.Batch
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	if size <= 0 {
		size = 200
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	jobs := make(chan job, workers*2)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				in := j.c.items[j.i].In
				j.c.analyses[j.i] = b.Service.Analyze(in.Title, in.Body)
				j.c.pending.Done()
			}
		})
	}
	// At most two chunks wait for the writer: memory stays a few batches
	// whatever the input's size.
	chunks := make(chan *chunk, 2)
	var readErr error
	go func() {
		defer close(jobs)
		defer close(chunks)
		for {
			c := &chunk{}
			for len(c.items) < size {
				it, err := next()
				if err != nil {
					if !errors.Is(err, io.EOF) {
						readErr = err
					}
					break
				}
				c.items = append(c.items, it)
			}
			if len(c.items) == 0 {
				return
			}
			b.prepare(ctx, c, jobs)
			select {
			case chunks <- c:
			case <-ctx.Done():
				return
			}
			if len(c.items) < size {
				return
			}
		}
	}()
	var err error
	for c := range chunks {
		c.pending.Wait()
		if err == nil {
			err = b.write(ctx, c, report)
		}
		if err != nil {
			cancel() // stops the reader; drain what it sent
		}
	}
	wg.Wait()
	if err != nil {
		return err
	}
	if readErr != nil {
		return readErr
	}
	return ctx.Err()
}

// prepare checks c's articles, looks up which of them are stored already
// and queues the others for analysis.
func (b *Bulk) prepare(ctx context.Context, c *chunk, jobs chan<- job) {
	c.stored = make([]*domain.Article, len(c.items))
	c.analyses = make([]domain.Analysis, len(c.items))
	var ins []domain.NewArticle
	var at []int
	for i := range c.items {
		it := &c.items[i]
		if it.Err == nil {
			it.Err = it.In.Validate()
		}
		if it.Err == nil {
			ins, at = append(ins, it.In), append(at, i)
		}
	}
	if len(ins) == 0 {
		return
	}
	found, err := b.Store.StoredArticles(ctx, ins)
	if err != nil {
		c.err = err
		return
	}
	for k, i := range at {
		if found[k] != nil {
			c.stored[i] = found[k]
			continue
		}
		c.pending.Add(1)
		select {
		case jobs <- job{c, i}:
		case <-ctx.Done():
			c.pending.Done()
			return
		}
	}
}

// write stores c's analysed articles in one call to the store and reports
// every item of c.
func (b *Bulk) write(ctx context.Context, c *chunk, report func(Outcome)) error {
	if c.err != nil {
		return c.err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var ins []domain.NewArticle
	var ans []domain.Analysis
	var at []int
	for i, it := range c.items {
		if it.Err == nil && c.stored[i] == nil {
			ins, ans, at = append(ins, it.In), append(ans, c.analyses[i]), append(at, i)
		}
	}
	out := make([]Outcome, len(c.items))
	for i, it := range c.items {
		out[i] = Outcome{Index: it.Index, Article: c.stored[i], Err: it.Err}
	}
	if len(ins) > 0 {
		arts, created, errs, err := b.Store.IngestAnalysed(ctx, ins, ans, b.Announce)
		if err != nil {
			return err
		}
		for k, i := range at {
			out[i].Article, out[i].Created, out[i].Err = arts[k], created[k], errs[k]
		}
	}
	for _, o := range out {
		report(o)
	}
	return nil
}
