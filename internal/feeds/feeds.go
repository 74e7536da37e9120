// Package feeds subscribes factgraph to news feeds and reads them
// continuously: every feed is polled by a durable job in the application's
// own database (River, on SQLite or PostgreSQL), each new entry becomes a job
// that fetches its page and ingests it. With PostgreSQL every replica that
// runs the workers shares the jobs, so a feed is polled by one replica at a
// time and a killed replica's jobs are picked up by the others.
package feeds

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/fetch"
	"gorm.io/gorm"
)

// Poll intervals: the default when none is given, and the least accepted,
// so that no outlet is polled more often than a polite reader would.
const (
	DefaultEvery = 15 * time.Minute
	MinEvery     = time.Minute
	MaxEvery     = 7 * 24 * time.Hour
)

// Fetcher fetches feed documents (conditionally) and pages; *fetch.Client
// is the one used, with its address checks and per-host rate limit.
type Fetcher interface {
	Fetch(ctx context.Context, r fetch.Request) (*fetch.Response, error)
}

// PageIngester fetches an article page, extracts the story and ingests it
// under its canonical URL.
type PageIngester interface {
	IngestURL(ctx context.Context, url string) (*domain.Article, bool, error)
}

// ArticleIngester stores and analyses an article given as text; an entry
// whose page cannot be fetched is ingested through it from the feed's text.
type ArticleIngester interface {
	Ingest(ctx context.Context, in domain.NewArticle) (*domain.Article, bool, error)
}

// Feed is a subscription as clients see it.
type Feed struct {
	ID    int64
	URL   string
	Title string
	Every time.Duration
	// LastFetchedAt is when the feed was last read (nil before the first
	// poll); LastError the reason the last poll failed, nil when it did not.
	LastFetchedAt *time.Time
	LastError     *string
	// ItemsSeen counts the distinct entries the feed has listed,
	// ArticlesCreated those that stored a new article, ItemsFailed those
	// that could not be ingested, ItemsPending those still queued.
	ItemsSeen       int
	ArticlesCreated int
	ItemsFailed     int
	ItemsPending    int
	NextFetchAt     time.Time
	AddedAt         time.Time
}

// Service manages subscriptions and, when polling, works the feed jobs.
type Service struct {
	store    *store
	queue    *queue
	log      *slog.Logger
	minEvery time.Duration
}

// Add subscribes to the feed at rawURL, polled every every (0: the
// default). Adding a URL already subscribed changes its interval and
// returns it; created says which happened. The feed row and its first poll
// job commit together, so a subscription is never left without a poller.
func (s *Service) Add(ctx context.Context, rawURL string, every time.Duration) (*Feed, bool, error) {
	u, err := CheckURL(rawURL)
	if err != nil {
		return nil, false, err
	}
	if every == 0 {
		every = DefaultEvery
	}
	if err := s.checkEvery(every); err != nil {
		return nil, false, err
	}
	var (
		id      int64
		created bool
	)
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var f feedRow
		err := tx.Where("url = ?", u).Take(&f).Error
		switch {
		case err == nil:
			id = f.ID
			return tx.Model(&feedRow{}).Where("id = ?", f.ID).Update("every_ms", every.Milliseconds()).Error
		case !errors.Is(err, gorm.ErrRecordNotFound):
			return err
		}
		now := time.Now().UTC()
		f = feedRow{URL: u, EveryMS: every.Milliseconds(), NextFetchAt: now, CreatedAt: now}
		if err := tx.Create(&f).Error; err != nil {
			return err
		}
		id, created = f.ID, true
		return s.queue.schedulePoll(ctx, tx, f.ID)
	})
	if err != nil {
		return nil, false, fmt.Errorf("feeds: add %s: %w", u, err)
	}
	if created {
		s.log.InfoContext(ctx, "feed added", "feed_id", id, "url", u, "every", every)
	}
	f, err := s.get(ctx, id)
	return f, created, err
}

// Remove unsubscribes from the feed at rawURL and forgets its entries (the
// articles stay). Its queued jobs find no feed and end. removed is false
// when no such feed was subscribed.
func (s *Service) Remove(ctx context.Context, rawURL string) (bool, error) {
	u, err := CheckURL(rawURL)
	if err != nil {
		return false, err
	}
	removed := false
	err = s.store.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		var f feedRow
		err := tx.Where("url = ?", u).Take(&f).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := tx.Where("feed_id = ?", f.ID).Delete(&itemRow{}).Error; err != nil {
			return err
		}
		removed = true
		return tx.Delete(&feedRow{}, f.ID).Error
	})
	if err != nil {
		return false, fmt.Errorf("feeds: remove %s: %w", u, err)
	}
	if removed {
		s.log.InfoContext(ctx, "feed removed", "url", u)
	}
	return removed, nil
}

// List returns a page of feeds in the order they were added: first feeds
// after the ID after (0: from the start), and whether more follow.
func (s *Service) List(ctx context.Context, first int, after int64) ([]*Feed, bool, error) {
	var rows []feedRow
	err := s.store.db.WithContext(ctx).Where("id > ?", after).Order("id").Limit(first + 1).Find(&rows).Error
	if err != nil {
		return nil, false, fmt.Errorf("feeds: list: %w", err)
	}
	more := len(rows) > first
	if more {
		rows = rows[:first]
	}
	out, err := s.withCounts(ctx, rows)
	return out, more, err
}

// Count is the number of subscribed feeds.
func (s *Service) Count(ctx context.Context) (int, error) {
	var n int64
	if err := s.store.db.WithContext(ctx).Model(&feedRow{}).Count(&n).Error; err != nil {
		return 0, fmt.Errorf("feeds: count: %w", err)
	}
	return int(n), nil
}

// Get returns the feed at rawURL, or nil when it is not subscribed.
func (s *Service) Get(ctx context.Context, rawURL string) (*Feed, error) {
	f, err := s.store.feedByURL(ctx, strings.TrimSpace(rawURL))
	if err != nil || f == nil {
		return nil, err
	}
	return s.get(ctx, f.ID)
}

func (s *Service) get(ctx context.Context, id int64) (*Feed, error) {
	f, err := s.store.feed(ctx, id)
	if err != nil || f == nil {
		return nil, err
	}
	out, err := s.withCounts(ctx, []feedRow{*f})
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

func (s *Service) withCounts(ctx context.Context, rows []feedRow) ([]*Feed, error) {
	out := make([]*Feed, len(rows))
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	counts, err := s.store.counts(ctx, ids)
	if err != nil {
		return nil, err
	}
	for i, r := range rows {
		c := counts[r.ID]
		f := &Feed{
			ID: r.ID, URL: r.URL, Title: r.Title, Every: time.Duration(r.EveryMS) * time.Millisecond,
			LastFetchedAt: r.LastFetchedAt, NextFetchAt: r.NextFetchAt, AddedAt: r.CreatedAt,
			ItemsSeen: c.Seen, ArticlesCreated: c.Created, ItemsFailed: c.Failed, ItemsPending: c.Pending,
		}
		if r.LastError != "" {
			e := r.LastError
			f.LastError = &e
		}
		out[i] = f
	}
	return out, nil
}

// CheckURL validates a feed URL given by a user: absolute http or https
// with a host. Whether its address may be reached is the fetcher's call,
// at every poll.
func CheckURL(raw string) (string, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil || raw == "" {
		return "", domain.Errorf(domain.EINVALID, "feed url %q is not a URL", raw)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return "", domain.Errorf(domain.EINVALID, "feed url %q must start with http:// or https://", raw)
	}
	if u.Host == "" {
		return "", domain.Errorf(domain.EINVALID, "feed url %q has no host", raw)
	}
	u.Fragment = ""
	return u.String(), nil
}

// checkEvery validates a poll interval.
func (s *Service) checkEvery(every time.Duration) error {
	if every < s.minEvery || every > MaxEvery {
		return domain.Errorf(domain.EINVALID, "every is %s; a feed is polled at most every %s and at least every %s",
			every, s.minEvery, formatEvery(MaxEvery))
	}
	return nil
}

// formatEvery writes a long interval in hours rather than Go's h/m/s form.
func formatEvery(d time.Duration) string {
	if d%time.Hour == 0 {
		return fmt.Sprintf("%dh", d/time.Hour)
	}
	return d.String()
}
