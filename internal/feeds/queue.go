package feeds

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
	"gorm.io/gorm"
)

// The queues: polls apart from page fetches, so that a feed with many new
// entries never delays the polls of the others.
const (
	queuePolls = "feed_polls"
	queuePages = "feed_pages"
)

// migrateLockKey serialises the feed tables' and River's migrations when
// several PostgreSQL replicas start at once.
const migrateLockKey = 7_146_052_312

// uniqueWhileQueued makes a job unique among the jobs not yet finished:
// one poll job per feed, one page job per entry. Finished jobs are left
// out, so a feed removed and added again gets a poller again.
var uniqueWhileQueued = &river.UniqueOpts{
	ByArgs: true,
	ByState: []rivertype.JobState{
		rivertype.JobStateAvailable, rivertype.JobStatePending, rivertype.JobStateRetryable,
		rivertype.JobStateRunning, rivertype.JobStateScheduled,
	},
}

// pollArgs is the durable job of one feed. It never ends while the feed
// exists: each run snoozes it until the next poll, so exactly one such job
// exists per feed and only the replica holding it polls the feed.
type pollArgs struct {
	FeedID int64 `json:"feed_id"`
}

func (pollArgs) Kind() string { return "feed_poll" }

func (pollArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queuePolls, UniqueOpts: *uniqueWhileQueued}
}

// itemArgs is the job that fetches and ingests one new entry.
type itemArgs struct {
	ItemID int64 `json:"item_id"`
}

func (itemArgs) Kind() string { return "feed_item" }

// itemAttempts is how many times an entry's page is tried before the
// entry is recorded as failed.
const itemAttempts = 4

func (itemArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queuePages, MaxAttempts: itemAttempts, UniqueOpts: *uniqueWhileQueued}
}

// resumeArgs is the periodic job that gives every feed a poll job again if
// it lost it (its job discarded after repeated database failures).
type resumeArgs struct{}

func (resumeArgs) Kind() string { return "feed_resume" }

func (resumeArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{Queue: queuePolls}
}

// resumeEvery is how often the resume job runs.
const resumeEvery = 5 * time.Minute

// queue is the River client on the application database.
type queue struct {
	client *river.Client[*sql.Tx]
	poll   bool
}

// schedulePoll queues the poll job of a feed inside tx.
func (q *queue) schedulePoll(ctx context.Context, tx *gorm.DB, feedID int64) error {
	return q.insertTx(ctx, tx, pollArgs{FeedID: feedID})
}

// scheduleItem queues the page job of an entry inside tx.
func (q *queue) scheduleItem(ctx context.Context, tx *gorm.DB, itemID int64) error {
	return q.insertTx(ctx, tx, itemArgs{ItemID: itemID})
}

// insertTx queues a job inside the GORM transaction tx, so that it exists
// exactly when what it works on was committed.
func (q *queue) insertTx(ctx context.Context, tx *gorm.DB, args river.JobArgs) error {
	t, err := sqlTx(tx)
	if err != nil {
		return err
	}
	if _, err := q.client.InsertTx(ctx, t, args, nil); err != nil {
		return fmt.Errorf("feeds: queue %s %+v: %w", args.Kind(), args, err)
	}
	return nil
}

// driver picks River's driver for the application database: its
// database/sql drivers, so jobs are inserted in the application's own
// transactions (GORM's *sql.Tx).
func driver(db *gorm.DB) (riverdriver.Driver[*sql.Tx], error) {
	pool, err := db.DB()
	if err != nil {
		return nil, fmt.Errorf("feeds: database pool: %w", err)
	}
	switch name := db.Dialector.Name(); name {
	case "postgres":
		return riverdatabasesql.New(pool), nil
	case "sqlite":
		return riversqlite.New(pool), nil
	default:
		return nil, fmt.Errorf("feeds: no job queue for a %s database", name)
	}
}

// migrate creates the feed tables and River's. On PostgreSQL replicas that
// start together take turns under an advisory lock; River's migrations run
// one transaction each, as some of them need (a new enum value is usable
// only once committed).
func migrate(ctx context.Context, db *gorm.DB, drv riverdriver.Driver[*sql.Tx], log *slog.Logger) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("feeds: migrate: %w", err)
		}
	}()
	m, err := rivermigrate.New(drv, &rivermigrate.Config{Logger: log})
	if err != nil {
		return err
	}
	if db.Dialector.Name() == "postgres" {
		pool, err := db.DB()
		if err != nil {
			return err
		}
		conn, err := pool.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", migrateLockKey); err != nil {
			return err
		}
		defer func() {
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", migrateLockKey)
		}()
	}
	if err := db.WithContext(ctx).AutoMigrate(&feedRow{}, &itemRow{}); err != nil {
		return err
	}
	_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	return err
}

// backoff is the wait before try number n (1 for the first retry): base
// doubled each time, capped, with a tenth of jitter so that replicas that
// failed together do not retry together.
func backoff(base, ceiling time.Duration, n int) time.Duration {
	d := base
	for i := 1; i < n && d < ceiling; i++ {
		d *= 2
	}
	d = min(d, ceiling)
	return d + time.Duration(rand.Int64N(int64(d)/10+1))
}

// retryPolicy is River's retry policy for failed jobs: exponential from
// the configured base, capped at an hour.
type retryPolicy struct{ base time.Duration }

func (p retryPolicy) NextRetry(job *rivertype.JobRow) time.Time {
	return time.Now().Add(backoff(p.base, time.Hour, max(job.Attempt, 1)))
}

// errorLogger logs failed jobs with their kind and attempt.
type errorLogger struct{ log *slog.Logger }

func (h errorLogger) HandleError(ctx context.Context, job *rivertype.JobRow, err error) *river.ErrorHandlerResult {
	h.log.WarnContext(ctx, "feed job failed", "kind", job.Kind, "job_id", job.ID, "attempt", job.Attempt, "max_attempts", job.MaxAttempts, "err", err)
	return nil
}

func (h errorLogger) HandlePanic(ctx context.Context, job *rivertype.JobRow, panicVal any, trace string) *river.ErrorHandlerResult {
	h.log.ErrorContext(ctx, "feed job panicked", "kind", job.Kind, "job_id", job.ID, "panic", fmt.Sprint(panicVal), "trace", trace)
	return nil
}

// errNotPolling is returned by Start on a service opened without workers.
var errNotPolling = errors.New("feeds: this service was opened without -poll")
