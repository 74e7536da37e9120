package feeds

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/feed"
	"github.com/factgraph/factgraph/internal/fetch"
	"github.com/riverqueue/river"
	"gorm.io/gorm"
)

// worker runs the feed jobs.
type worker struct {
	store     *store
	queue     *queue
	fetcher   Fetcher
	pages     PageIngester
	articles  ArticleIngester
	log       *slog.Logger
	retryBase time.Duration
}

// poll reads one feed, stores its new entries with a page job each, and
// snoozes its own job until the next poll. A fetch or parse failure is
// recorded on the feed and the poll is tried again with backoff; only a
// database failure fails the job (and River retries it).
func (w *worker) poll(ctx context.Context, job *river.Job[pollArgs]) error {
	f, err := w.store.feed(ctx, job.Args.FeedID)
	if err != nil {
		return err
	}
	if f == nil {
		return nil // removed: the job ends
	}
	every := time.Duration(f.EveryMS) * time.Millisecond
	start := time.Now()
	resp, err := w.fetcher.Fetch(ctx, fetch.Request{URL: f.URL, Kind: fetch.Feed, ETag: f.ETag, LastModified: f.LastModified})
	if err != nil {
		return w.pollFailed(ctx, f, every, err)
	}
	now := time.Now().UTC()
	if resp.NotModified {
		next := now.Add(every)
		err := w.store.updateFeed(ctx, f.ID, map[string]any{
			"last_fetched_at": now, "last_error": "", "failures": 0, "next_fetch_at": next,
		})
		if err != nil {
			return err
		}
		w.log.InfoContext(ctx, "feed unchanged", "feed_id", f.ID, "url", f.URL)
		return river.JobSnooze(every)
	}
	doc, err := feed.Parse(resp.Body)
	if err != nil {
		return w.pollFailed(ctx, f, every, err)
	}
	fresh := 0
	next := now.Add(every)
	err = w.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		for _, e := range doc.Items {
			it := newItem(f.ID, resp.URL, e, now)
			inserted, err := insertItem(tx, it)
			if err != nil {
				return err
			}
			if !inserted {
				continue
			}
			fresh++
			if err := w.queue.scheduleItem(ctx, tx, it.ID); err != nil {
				return err
			}
		}
		fields := map[string]any{
			"last_fetched_at": now, "last_error": "", "failures": 0, "next_fetch_at": next,
			"e_tag": resp.ETag, "last_modified": resp.LastModified,
		}
		if doc.Title != "" {
			fields["title"] = doc.Title
		}
		return tx.Model(&feedRow{}).Where("id = ?", f.ID).Updates(fields).Error
	})
	if err != nil {
		return fmt.Errorf("feeds: store the entries of feed %d: %w", f.ID, err)
	}
	w.log.InfoContext(ctx, "feed polled", "feed_id", f.ID, "url", f.URL, "format", doc.Format,
		"entries", len(doc.Items), "new", fresh, "took", time.Since(start))
	return river.JobSnooze(every)
}

// pollFailed records why a poll failed and snoozes the feed's job for the
// backoff: doubling from the retry base with each failure in a row, never
// longer than the feed's interval.
func (w *worker) pollFailed(ctx context.Context, f *feedRow, every time.Duration, cause error) error {
	failures := f.Failures + 1
	wait := backoff(w.retryBase, every, failures)
	now := time.Now().UTC()
	err := w.store.updateFeed(ctx, f.ID, map[string]any{
		"last_fetched_at": now, "last_error": reason(cause), "failures": failures, "next_fetch_at": now.Add(wait),
	})
	if err != nil {
		return err
	}
	w.log.WarnContext(ctx, "feed poll failed", "feed_id", f.ID, "url", f.URL, "failures", failures, "retry_in", wait, "err", cause)
	return river.JobSnooze(wait)
}

// reason is the text stored as a feed's or entry's error: the fetch
// client's message safe to show, or the error itself for parse failures.
func reason(err error) string {
	var de *domain.Error
	var fe *fetch.Error
	switch {
	case errors.As(err, &fe):
		return fe.Error()
	case errors.As(err, &de):
		return de.Message
	}
	return err.Error()
}

// newItem is the stored form of a feed entry; base resolves relative links.
func newItem(feedID int64, base string, e feed.Item, now time.Time) *itemRow {
	body := e.Content
	if body == "" {
		body = e.Summary
	}
	it := &itemRow{
		FeedID: feedID, Key: e.Key, Link: resolve(base, e.Link), Title: e.Title, Author: e.Author,
		Body: body, Status: statusPending, SeenAt: now,
	}
	if !e.Published.IsZero() {
		p := e.Published.UTC()
		it.Published = &p
	}
	return it
}

// resolve makes link absolute against the feed's URL; an unusable link
// becomes empty.
func resolve(base, link string) string {
	if link == "" {
		return ""
	}
	b, err := url.Parse(base)
	if err != nil {
		return link
	}
	u, err := b.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.String()
}

// item ingests one new entry: its page when it can be fetched, else the
// feed's own text when that is the full story (FullTextWords words or
// more), else the entry is recorded as failed with the reason. A page that
// fails for a passing reason (timeout, 5xx) is tried again with backoff
// before the entry fails.
func (w *worker) item(ctx context.Context, job *river.Job[itemArgs]) error {
	it, err := w.store.item(ctx, job.Args.ItemID)
	if err != nil {
		return err
	}
	if it == nil || it.Status != statusPending {
		return nil // feed removed, or done by an earlier run
	}
	var pageErr error
	if it.Link == "" {
		pageErr = errors.New("the entry has no link")
	} else {
		a, created, err := w.pages.IngestURL(ctx, it.Link)
		if err == nil {
			return w.ingested(ctx, it, a, created, "page")
		}
		pageErr = err
	}
	if text := plainText(it.Body); wordCount(text) >= FullTextWords {
		in := domain.NewArticle{Title: it.Title, Body: text, PublishedAt: it.Published}
		if it.Link != "" {
			in.URL = &it.Link
		}
		if f, err := w.store.feed(ctx, it.FeedID); err == nil && f != nil && f.Title != "" {
			in.Outlet = &f.Title
		}
		a, created, err := w.articles.Ingest(ctx, in)
		if err == nil {
			w.log.InfoContext(ctx, "entry ingested from the feed's text", "item_id", it.ID, "link", it.Link, "page_err", pageErr)
			return w.ingested(ctx, it, a, created, "feed")
		}
		if domain.ErrorCode(err) != domain.EINVALID {
			return err // the database: River retries
		}
		pageErr = fmt.Errorf("%w; the feed's text was refused too: %s", pageErr, domain.ErrorMessage(err))
	}
	var fe *fetch.Error
	if errors.As(pageErr, &fe) && fe.Temporary && job.Attempt < job.MaxAttempts {
		return pageErr // River retries with backoff
	}
	if !errors.As(pageErr, &fe) && domain.ErrorCode(pageErr) == domain.EINTERNAL && job.Attempt < job.MaxAttempts {
		return pageErr // not a fetch refusal: maybe the database
	}
	now := time.Now().UTC()
	msg := "page not ingested: " + reason(pageErr)
	if wc := wordCount(plainText(it.Body)); wc > 0 {
		msg += fmt.Sprintf("; the feed's text has %d words, fewer than the %d of a full story", wc, FullTextWords)
	}
	w.log.WarnContext(ctx, "entry failed", "item_id", it.ID, "link", it.Link, "reason", msg)
	return w.store.finishItem(ctx, it.ID, map[string]any{"status": statusFailed, "error": msg, "done_at": now})
}

func (w *worker) ingested(ctx context.Context, it *itemRow, a *domain.Article, created bool, source string) error {
	// The article is stored: record it even if the job's time ran out
	// meanwhile, so that a rerun does not fetch the page again.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	now := time.Now().UTC()
	return w.store.finishItem(ctx, it.ID, map[string]any{
		"status": statusIngested, "article_id": a.ID, "created": created, "source": source, "done_at": now, "error": "",
	})
}

// resume gives every feed its poll job back if it has none.
func (w *worker) resume(ctx context.Context, _ *river.Job[resumeArgs]) error {
	var ids []int64
	if err := w.store.db.WithContext(ctx).Model(&feedRow{}).Pluck("id", &ids).Error; err != nil {
		return fmt.Errorf("feeds: list feeds: %w", err)
	}
	for _, id := range ids {
		if _, err := w.queue.client.Insert(ctx, pollArgs{FeedID: id}, nil); err != nil {
			return fmt.Errorf("feeds: queue the poll of feed %d: %w", id, err)
		}
	}
	return nil
}
