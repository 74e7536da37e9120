// Package ingest is the one way articles enter factgraph, shared by the
// GraphQL mutation and the bulk command: validate, analyse, store in one
// transaction, then tell subscribers.
package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/stories"
)

// Store persists an article and its analysis atomically and idempotently.
type Store interface {
	IngestArticle(ctx context.Context, in domain.NewArticle, analyze func(title, body string) domain.Analysis) (*domain.Article, bool, error)
}

// Analyzer is the pure analysis pipeline.
type Analyzer interface {
	Analyze(title, body string) domain.Analysis
	// Version names the pipeline's rules; see Service.Version.
	Version() string
}

// Publisher is told about every newly stored article and what it changed.
// Publish records the event durably (see package events), so it is called
// for every new article, whether or not anyone listens right now: clients
// may resume later, and other replicas may be listening.
type Publisher interface {
	Publish(ctx context.Context, ev events.Event) error
}

// StoryChanges is what a Store may also tell: the claims whose status an
// article's ingest changed and the series it added figures to, for live
// story subscribers. A Store without it publishes articles alone.
type StoryChanges interface {
	StoryChanges(ctx context.Context, articleID int64) (claimIDs, seriesIDs []int64, err error)
}

// Observer is told how long each analysis took, for metrics.
type Observer interface {
	ObserveAnalysis(d time.Duration, bodyBytes int)
}

// Service ingests articles.
type Service struct {
	Store    Store
	Analyzer Analyzer
	Events   Publisher // may be nil
	Observer Observer  // may be nil
	Log      *slog.Logger
}

// Version names the whole analysis an article gets on ingest: the
// per-article pipeline and the story grouping on top of it. An article
// stored under another version is due for `factgraph reanalyze`.
func (s *Service) Version() string {
	return s.Analyzer.Version() + "-s" + strconv.Itoa(stories.Revision)
}

// Analyze runs the whole analysis of one article: the per-article
// pipeline, then the story keys on top of it, stamped with Version. It is
// what ingest stores and what re-analysis replaces stored analyses with.
func (s *Service) Analyze(title, body string) domain.Analysis {
	start := time.Now()
	a := s.Analyzer.Analyze(title, body)
	stories.Annotate(&a)
	a.Version = s.Version()
	if s.Observer != nil {
		s.Observer.ObserveAnalysis(time.Since(start), len(body))
	}
	return a
}

// Ingest validates, analyses and stores one article. created is false when
// the article was stored before; then nothing is analysed or published.
func (s *Service) Ingest(ctx context.Context, in domain.NewArticle) (*domain.Article, bool, error) {
	if err := in.Validate(); err != nil {
		return nil, false, err
	}
	var took time.Duration
	analyze := func(title, body string) domain.Analysis {
		start := time.Now()
		a := s.Analyze(title, body)
		took = time.Since(start)
		return a
	}
	a, created, err := s.Store.IngestArticle(ctx, in, analyze)
	if err != nil {
		return nil, false, fmt.Errorf("ingest article: %w", err)
	}
	if created {
		s.Log.InfoContext(ctx, "article ingested", "article_id", a.ID, "analysis", took, "body_bytes", len(in.Body))
		if s.Events != nil {
			s.publish(ctx, a.ID)
		}
	}
	return a, created, nil
}

// publish announces a stored article. The article is stored whatever
// happens here: a failure is logged with its ID and costs the live
// subscribers that event (unread story changes: the story part of it), not
// the client its ingest.
func (s *Service) publish(ctx context.Context, articleID int64) {
	ev := events.Event{ArticleID: articleID}
	if sc, ok := s.Store.(StoryChanges); ok {
		var err error
		if ev.ClaimIDs, ev.SeriesIDs, err = sc.StoryChanges(ctx, articleID); err != nil {
			s.Log.WarnContext(ctx, "story changes unread", "article_id", articleID, "err", err)
		}
	}
	if err := s.Events.Publish(context.WithoutCancel(ctx), ev); err != nil {
		s.Log.ErrorContext(ctx, "article stored but not announced to live subscribers", "article_id", articleID, "err", err)
	}
}
