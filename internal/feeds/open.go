package feeds

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/riverqueue/river"
	"gorm.io/gorm"
)

// Config is what the feed service needs.
type Config struct {
	// DB is the application database (SQLite or PostgreSQL); the feed
	// tables and the job queue live in it.
	DB *gorm.DB
	// Fetcher reads feeds; Pages ingests entry pages; Articles ingests an
	// entry from the feed's own text. Only a polling service uses them.
	Fetcher  Fetcher
	Pages    PageIngester
	Articles ArticleIngester
	Log      *slog.Logger
	// Poll runs the workers: this process polls feeds and fetches pages.
	// Without it the service only manages subscriptions and queues jobs
	// for the replicas that poll.
	Poll bool
	// Workers is how many entry pages one process fetches at once
	// (default 4).
	Workers int
	// MinEvery is the least poll interval accepted (default MinEvery).
	MinEvery time.Duration
	// RetryBase is the first wait after a failed poll or page fetch,
	// doubled at each further failure (default 30s).
	RetryBase time.Duration
	// RescueAfter is how long a job may look running before it is taken
	// to belong to a dead replica and run again elsewhere (default 5m);
	// JobTimeout bounds one poll or page job, the wait for the per-host
	// rate limit included (default 1m, or half of RescueAfter when that is
	// shorter).
	JobTimeout  time.Duration
	RescueAfter time.Duration
	// FetchInterval is how often an idle worker looks for due jobs
	// (default 1s).
	FetchInterval time.Duration
}

func (c *Config) defaults() {
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Workers <= 0 {
		c.Workers = 4
	}
	if c.MinEvery <= 0 {
		c.MinEvery = MinEvery
	}
	if c.RetryBase <= 0 {
		c.RetryBase = 30 * time.Second
	}
	if c.RescueAfter <= 0 {
		c.RescueAfter = 5 * time.Minute
	}
	if c.JobTimeout <= 0 {
		c.JobTimeout = min(time.Minute, c.RescueAfter/2)
	}
	if c.RescueAfter <= c.JobTimeout {
		c.RescueAfter = c.JobTimeout + time.Second
	}
	if c.FetchInterval <= 0 {
		c.FetchInterval = time.Second
	}
}

// Open migrates the feed tables and the job queue and makes the service.
// With cfg.Poll the workers start with Start.
func Open(ctx context.Context, cfg Config) (*Service, error) {
	cfg.defaults()
	drv, err := driver(cfg.DB)
	if err != nil {
		return nil, err
	}
	if err := migrate(ctx, cfg.DB, drv, cfg.Log); err != nil {
		return nil, err
	}
	s := &Service{store: &store{db: cfg.DB}, log: cfg.Log, minEvery: cfg.MinEvery}
	w := &worker{store: s.store, fetcher: cfg.Fetcher, pages: cfg.Pages, articles: cfg.Articles, log: cfg.Log, retryBase: cfg.RetryBase}
	workers := river.NewWorkers()
	river.AddWorker(workers, river.WorkFunc(w.poll))
	river.AddWorker(workers, river.WorkFunc(w.item))
	river.AddWorker(workers, river.WorkFunc(w.resume))
	rc := &river.Config{
		Logger:               cfg.Log.With("component", "queue"),
		Workers:              workers,
		RetryPolicy:          retryPolicy{base: cfg.RetryBase},
		ErrorHandler:         errorLogger{log: cfg.Log},
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		FetchPollInterval:    cfg.FetchInterval,
		FetchCooldown:        min(100*time.Millisecond, cfg.FetchInterval),
	}
	if cfg.Poll {
		if cfg.Fetcher == nil || cfg.Pages == nil || cfg.Articles == nil {
			return nil, fmt.Errorf("feeds: polling needs a fetcher, a page ingester and an article ingester")
		}
		rc.Queues = map[string]river.QueueConfig{
			queuePolls: {MaxWorkers: 2},
			queuePages: {MaxWorkers: cfg.Workers},
		}
		rc.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(
			river.PeriodicInterval(resumeEvery),
			func() (river.JobArgs, *river.InsertOpts) { return resumeArgs{}, nil },
			&river.PeriodicJobOpts{RunOnStart: true},
		)}
	}
	client, err := river.NewClient[*sql.Tx](drv, rc)
	if err != nil {
		return nil, fmt.Errorf("feeds: job queue: %w", err)
	}
	w.queue = &queue{client: client, poll: cfg.Poll}
	s.queue = w.queue
	return s, nil
}

// Start runs the workers until Stop; it fails on a service opened without
// Poll.
func (s *Service) Start(ctx context.Context) error {
	if !s.queue.poll {
		return errNotPolling
	}
	if err := s.queue.client.Start(ctx); err != nil {
		return fmt.Errorf("feeds: start the workers: %w", err)
	}
	s.log.InfoContext(ctx, "feed workers started")
	return nil
}

// Stop lets running jobs finish until ctx ends, then cancels them; their
// jobs run again later, here or on another replica.
func (s *Service) Stop(ctx context.Context) error {
	if !s.queue.poll {
		return nil
	}
	err := s.queue.client.Stop(ctx)
	if err == nil {
		return nil
	}
	// Out of time: cancel the jobs still running.
	cctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if cerr := s.queue.client.StopAndCancel(cctx); cerr != nil {
		err = errors.Join(err, cerr)
	}
	return fmt.Errorf("feeds: stop the workers: %w", err)
}
