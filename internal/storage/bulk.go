package storage

import (
	"context"
	"errors"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/factgraph/factgraph/internal/domain"
	"gorm.io/gorm"
)

// StoredArticles returns, aligned to ins, the article already stored under
// each one's ingest key (as IngestArticle finds it), or nil: one query for
// the lot, so that a bulk run resuming over a file skips what it stored
// before without analysing it again.
func (s *Store) StoredArticles(ctx context.Context, ins []domain.NewArticle) ([]*domain.Article, error) {
	out := make([]*domain.Article, len(ins))
	keys := make([]string, len(ins))
	for i, in := range ins {
		keys[i] = ingestKey(in)
	}
	byKey := make(map[string]*domain.Article, len(ins))
	for start := 0; start < len(keys); start += batchSize * 4 {
		var rows []articleRow
		if err := s.db.WithContext(ctx).Where("ingest_key IN ?", keys[start:min(start+batchSize*4, len(keys))]).
			Find(&rows).Error; err != nil {
			return nil, wrapErr("find articles", err)
		}
		for i := range rows {
			byKey[rows[i].IngestKey] = rows[i].toDomain()
		}
	}
	for i, k := range keys {
		out[i] = byKey[k]
	}
	return out, nil
}

// IngestAnalysed stores articles whose analysis is done, as IngestArticle
// stores one: each article is all or nothing and idempotent. They are
// written in order in one transaction, which is what makes a bulk load
// fast (one commit, one lock, for the lot). When any of them cannot be
// written, that transaction is rolled back and each article is written in
// a transaction of its own, so one bad article costs only itself. With
// announce, each new article's event (see StoryChanges) is appended to the
// live log in the article's own transaction.
//
// The results are aligned to ins: the article (stored now or before),
// whether this call created it, and why it failed. The error is for the
// context ending only.
func (s *Store) IngestAnalysed(ctx context.Context, ins []domain.NewArticle, ans []domain.Analysis, announce bool) ([]*domain.Article, []bool, []error, error) {
	arts := make([]*domain.Article, len(ins))
	created := make([]bool, len(ins))
	errs := make([]error, len(ins))
	plan := func(i int) *ingestPlan {
		if err := validateNewArticle(ins[i]); err != nil {
			errs[i] = wrapErr("ingest", err)
			return nil
		}
		p, err := newIngestPlan(ins[i], ingestKey(ins[i]), ans[i])
		if err != nil {
			errs[i] = wrapErr("ingest", err)
			return nil
		}
		return p
	}
	// Planning is pure work on each article alone: it runs on every
	// core, leaving the one writer only the writing.
	plans := make([]*ingestPlan, len(ins))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(ins)) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(ins); i = int(next.Add(1)) - 1 {
				plans[i] = plan(i)
			}
		})
	}
	wg.Wait()
	var batch []int
	seen := make(map[string]bool, len(ins))
	var later []int // a second copy of an article: stored alone, after the first
	for i := range ins {
		if plans[i] == nil {
			continue
		}
		if k := plans[i].article.IngestKey; seen[k] {
			later = append(later, i)
		} else {
			seen[k] = true
			batch = append(batch, i)
		}
	}
	if len(batch) > 1 {
		err := s.transact(ctx, func(tx *gorm.DB) error {
			ps := make([]*ingestPlan, len(batch))
			for k, i := range batch {
				ps[k] = plans[i]
			}
			return s.writeBatch(tx, ps, announce)
		})
		if err == nil {
			for _, i := range batch {
				arts[i], created[i] = plans[i].article.toDomain(), true
			}
			batch = nil
		} else if ctx.Err() != nil {
			return nil, nil, nil, ctx.Err()
		} else {
			s.log.DebugContext(ctx, "batch rolled back; storing its articles one by one", "err", err)
		}
	}
	for _, i := range append(batch, later...) {
		if ctx.Err() != nil {
			return nil, nil, nil, ctx.Err()
		}
		if batch != nil {
			// the rolled back attempt numbered the rows: plan afresh
			if plans[i] = plan(i); plans[i] == nil {
				continue
			}
		}
		arts[i], created[i], errs[i] = s.ingestPlanned(ctx, plans[i], announce)
	}
	return arts, created, errs, nil
}

// ingestPlanned stores one planned article in a transaction of its own,
// with its event when announce is set.
func (s *Store) ingestPlanned(ctx context.Context, p *ingestPlan, announce bool) (*domain.Article, bool, error) {
	err := s.transact(ctx, func(tx *gorm.DB) error { return s.writeBatch(tx, []*ingestPlan{p}, announce) })
	if errors.Is(err, errAlreadyStored) {
		a, err := s.articleByKey(ctx, p.article.IngestKey)
		return a, false, err
	}
	if err != nil {
		return nil, false, wrapErr("ingest", err)
	}
	return p.article.toDomain(), true, nil
}
