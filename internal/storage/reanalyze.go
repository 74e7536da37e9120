package storage

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/stories"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Redirect kinds: which table a redirect's IDs belong to.
const (
	redirectEntity = "entity"
	redirectClaim  = "claim"
	redirectSeries = "series"
)

// StaleArticle is an article whose stored analysis was made by other rules
// than the current ones, in the order re-analysis takes them.
type StaleArticle struct {
	ID int64
	// At is the article's publication time, or its ingest time when it
	// has none: the order in which stories are re-told.
	At time.Time
}

// storyTime is the SQL of an article's place in a story's timeline.
const storyTime = "COALESCE(published_at, ingested_at)"

// CountStale returns how many stored articles were analysed by another
// version than version, so that progress can be shown against a total.
func (s *Store) CountStale(ctx context.Context, version string) (int64, error) {
	var n int64
	if err := s.db.WithContext(ctx).Model(&articleRow{}).Where("analysis_version <> ?", version).
		Count(&n).Error; err != nil {
		return 0, wrapErr("count stale articles", err)
	}
	return n, nil
}

// StaleArticles returns up to limit articles analysed by another version
// than version, oldest publication first, strictly after the article
// after (nil for the start). Paging by position rather than by version
// lets a caller step past an article that failed without looping on it.
func (s *Store) StaleArticles(ctx context.Context, version string, after *StaleArticle, limit int) ([]StaleArticle, error) {
	q := s.db.WithContext(ctx).Model(&articleRow{}).
		Select("id", "published_at", "ingested_at").
		Where("analysis_version <> ?", version)
	if after != nil {
		at := after.At.UTC()
		q = q.Where(storyTime+" > ? OR ("+storyTime+" = ? AND id > ?)", at, at, after.ID)
	}
	var rows []struct {
		ID          int64
		PublishedAt *time.Time
		IngestedAt  time.Time
	}
	if err := q.Order(storyTime).Order("id").Limit(limit).Scan(&rows).Error; err != nil {
		return nil, wrapErr("list stale articles", err)
	}
	out := make([]StaleArticle, len(rows))
	for i, r := range rows {
		at := r.IngestedAt
		if r.PublishedAt != nil {
			at = *r.PublishedAt
		}
		out[i] = StaleArticle{ID: r.ID, At: at.UTC()}
	}
	return out, nil
}

// ReanalyzeArticle replaces the stored analysis of one article with what
// analyze returns now, in one transaction: readers see the old analysis
// or the new one, never a mix. Every claim and series the article fed
// before or feeds now is recomputed; a claim, series or entity left with
// nothing is deleted, and when the new analysis put its statements,
// figures or name somewhere else, its ID is redirected there so that IDs
// held by clients still resolve. Analysis runs before the transaction, so
// a server sharing the database waits only for the writes.
func (s *Store) ReanalyzeArticle(ctx context.Context, id int64, analyze func(title, body string) domain.Analysis) error {
	var rows []articleRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return wrapErr("reanalyze", err)
	}
	if len(rows) == 0 {
		return wrapErr("reanalyze", domain.Errorf(domain.ENOTFOUND, "article not found"))
	}
	row := rows[0]
	in := domain.NewArticle{Title: row.Title, Body: row.Body, URL: row.URL, Outlet: row.Outlet, PublishedAt: row.PublishedAt}
	p, err := newIngestPlan(in, row.IngestKey, analyze(row.Title, row.Body))
	if err != nil {
		return wrapErr("reanalyze", err)
	}
	version := p.article.AnalysisVersion
	row.AnalysisVersion = version
	p.article = &row

	err = s.transact(ctx, func(tx *gorm.DB) error {
		if s.dialect == dialectPostgres {
			// Two re-analyses of one article take turns.
			if err := tx.Exec("SELECT id FROM articles WHERE id = ? FOR UPDATE", id).Error; err != nil {
				return fmt.Errorf("lock article: %w", err)
			}
		}
		old, err := s.removeAnalysis(tx, id)
		if err != nil {
			return err
		}
		if err := s.writeAnalysis(tx, p, &old.prior); err != nil {
			return err
		}
		if err := s.settle(tx, p, old); err != nil {
			return err
		}
		return tx.Model(&articleRow{}).Where("id = ?", id).Update("analysis_version", version).Error
	})
	if err != nil {
		return wrapErr("reanalyze", err)
	}
	return nil
}

// oldAnalysis is what removeAnalysis took away: the shared rows the
// article fed and where in its body each old statement and figure sat,
// so that a group left empty can be redirected to where its parts went.
type oldAnalysis struct {
	prior         priorAnalysis
	entities      []entityRow
	claimOwners   map[int64][]int // old claim -> span starts of its statements here
	seriesMembers map[int64][]int // old series -> span starts of its figures here
}

// removeAnalysis deletes an article's statements (with their speakers and
// mentions), figures and entity links, and returns what they pointed at.
// On Postgres the old claims and series are locked in ID order, as ingest
// locks them.
func (s *Store) removeAnalysis(tx *gorm.DB, articleID int64) (oldAnalysis, error) {
	old := oldAnalysis{claimOwners: map[int64][]int{}, seriesMembers: map[int64][]int{}}
	var stmts []statementRow
	if err := tx.Select("id", "claim_id", "span_start", "status").Where("article_id = ?", articleID).
		Find(&stmts).Error; err != nil {
		return old, fmt.Errorf("read statements: %w", err)
	}
	cs, ss := map[int64][]string{}, map[int64][]string{}
	for _, st := range stmts {
		if st.ClaimID != nil {
			old.claimOwners[*st.ClaimID] = append(old.claimOwners[*st.ClaimID], st.SpanStart)
			addShare(cs, *st.ClaimID, statementShare(st))
		}
	}
	var figs []figureRow
	if err := tx.Select("id", "series_id", "span_start", "value", "low", "high", "approximate", "head", "status", "source_id", "at").
		Where("article_id = ?", articleID).Find(&figs).Error; err != nil {
		return old, fmt.Errorf("read figures: %w", err)
	}
	for _, f := range figs {
		if f.SeriesID != nil {
			old.seriesMembers[*f.SeriesID] = append(old.seriesMembers[*f.SeriesID], f.SpanStart)
			addShare(ss, *f.SeriesID, figureShare(f))
		}
	}
	old.prior.claimShare, old.prior.seriesShare = sortedShares(cs), sortedShares(ss)
	if err := tx.Model(&entityRow{}).Select("entities.id", "entities.name", "entities.kind").
		Joins("JOIN article_entities ae ON ae.entity_id = entities.id").
		Where("ae.article_id = ?", articleID).Order("entities.id").Find(&old.entities).Error; err != nil {
		return old, fmt.Errorf("read entities: %w", err)
	}

	claimIDs := slices.Sorted(maps.Keys(old.claimOwners))
	if len(claimIDs) > 0 {
		q := tx.Select("id", "status").Where(s.inIDs("id", claimIDs)).Order("id")
		if s.dialect == dialectPostgres {
			q = q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
		}
		var claims []claimRow
		if err := q.Find(&claims).Error; err != nil {
			return old, fmt.Errorf("read claims: %w", err)
		}
		for _, c := range claims {
			old.prior.claimIDs = append(old.prior.claimIDs, c.ID)
			old.prior.claimStatus = append(old.prior.claimStatus, c.Status)
		}
	}
	old.prior.seriesIDs = slices.Sorted(maps.Keys(old.seriesMembers))
	if s.dialect == dialectPostgres && len(old.prior.seriesIDs) > 0 {
		if err := tx.Model(&seriesRow{}).Select("id").Where(s.inIDs("id", old.prior.seriesIDs)).Order("id").
			Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate}).Find(&[]seriesRow{}).Error; err != nil {
			return old, fmt.Errorf("lock series: %w", err)
		}
	}

	// Figures first: they point at statements.
	for _, del := range []struct {
		what  string
		model any
	}{{"figures", &figureRow{}}, {"statements", &statementRow{}}, {"entity links", &articleEntityRow{}}} {
		if err := tx.Where("article_id = ?", articleID).Delete(del.model).Error; err != nil {
			return old, fmt.Errorf("delete %s: %w", del.what, err)
		}
	}
	return old, nil
}

// settle deletes the claims, series and entities that the article alone
// fed before and feeds no more, redirecting each to the group that took
// most of its parts (or, for an entity, its name) in the new analysis.
func (s *Store) settle(tx *gorm.DB, p *ingestPlan, old oldAnalysis) error {
	var stmts []statementRow
	if err := tx.Select("claim_id", "span_start").Where("article_id = ?", p.article.ID).Find(&stmts).Error; err != nil {
		return fmt.Errorf("read new statements: %w", err)
	}
	claimAt := map[int]int64{}
	for _, st := range stmts {
		if st.ClaimID != nil {
			claimAt[st.SpanStart] = *st.ClaimID
		}
	}
	var figs []figureRow
	if err := tx.Select("series_id", "span_start").Where("article_id = ?", p.article.ID).Find(&figs).Error; err != nil {
		return fmt.Errorf("read new figures: %w", err)
	}
	seriesAt := map[int]int64{}
	for _, f := range figs {
		if f.SeriesID != nil {
			seriesAt[f.SpanStart] = *f.SeriesID
		}
	}

	emptyClaims, err := s.unused(tx, &statementRow{}, "claim_id", old.prior.claimIDs)
	if err != nil {
		return err
	}
	for _, id := range emptyClaims {
		if err := s.retire(tx, redirectClaim, &claimRow{}, id, successor(old.claimOwners[id], claimAt)); err != nil {
			return err
		}
	}
	emptySeries, err := s.unused(tx, &figureRow{}, "series_id", old.prior.seriesIDs)
	if err != nil {
		return err
	}
	for _, id := range emptySeries {
		if err := s.retire(tx, redirectSeries, &seriesRow{}, id, successor(old.seriesMembers[id], seriesAt)); err != nil {
			return err
		}
	}

	oldIDs := make([]int64, len(old.entities))
	for i, e := range old.entities {
		oldIDs[i] = e.ID
	}
	lonely, err := s.unused(tx, &articleEntityRow{}, "entity_id", oldIDs)
	if err != nil {
		return err
	}
	if len(lonely) == 0 {
		return nil
	}
	// Where did each name go? To the new entity with the same key under
	// today's rules, or to the one that now carries it as an alias.
	newIDs, err := s.entityIDsByKey(tx, p)
	if err != nil {
		return err
	}
	for _, e := range old.entities {
		if !slices.Contains(lonely, e.ID) {
			continue
		}
		var to int64
		key := stories.EntityKey(e.Name, domain.EntityKind(e.Kind))
		for i, pe := range p.entities {
			if pe.key == key || slices.ContainsFunc(pe.aliases, func(a string) bool { return fold(a) == fold(e.Name) }) {
				to = newIDs[i]
				break
			}
		}
		if err := s.retire(tx, redirectEntity, &entityRow{}, e.ID, to); err != nil {
			return err
		}
	}
	return nil
}

// entityIDsByKey returns the IDs of the plan's entities, aligned to
// p.entities.
func (s *Store) entityIDsByKey(tx *gorm.DB, p *ingestPlan) ([]int64, error) {
	keys := make([]string, len(p.entities))
	for i, e := range p.entities {
		keys[i] = e.key
	}
	var found []entityRow
	if len(keys) > 0 {
		if err := tx.Select("id", "name_key").Where("name_key IN ?", keys).Find(&found).Error; err != nil {
			return nil, fmt.Errorf("find entities: %w", err)
		}
	}
	byKey := make(map[string]int64, len(found))
	for _, f := range found {
		byKey[f.NameKey] = f.ID
	}
	ids := make([]int64, len(keys))
	for i, k := range keys {
		ids[i] = byKey[k]
	}
	return ids, nil
}

// unused returns those of ids that no row of model refers to in column.
func (s *Store) unused(tx *gorm.DB, model any, column string, ids []int64) ([]int64, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var used []int64
	if err := tx.Model(model).Distinct(column).Where(s.inIDs(column, ids)).Pluck(column, &used).Error; err != nil {
		return nil, fmt.Errorf("find unused %s: %w", column, err)
	}
	isUsed := make(map[int64]bool, len(used))
	for _, id := range used {
		isUsed[id] = true
	}
	var out []int64
	for _, id := range uniqueIDs(ids) {
		if !isUsed[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// successor is the group that most of a retired group's parts (their span
// starts in the article) belong to now, 0 when none does; ties go to the
// lower ID so the choice does not depend on map order.
func successor(parts []int, now map[int]int64) int64 {
	votes := map[int64]int{}
	for _, at := range parts {
		if id, ok := now[at]; ok {
			votes[id]++
		}
	}
	var best int64
	for id, n := range votes {
		if best == 0 || n > votes[best] || (n == votes[best] && id < best) {
			best = id
		}
	}
	return best
}

// retire deletes row id of model and, when to is not 0, redirects its ID
// (and every ID already redirected to it) to to. Without a successor the
// redirects that led to it are dropped with it.
func (s *Store) retire(tx *gorm.DB, kind string, model any, id, to int64) error {
	if to != 0 && to != id {
		if err := tx.Model(&redirectRow{}).Where("kind = ? AND to_id = ?", kind, id).Update("to_id", to).Error; err != nil {
			return fmt.Errorf("move redirects: %w", err)
		}
		if err := tx.Clauses(clause.OnConflict{
			Columns: []clause.Column{{Name: "kind"}, {Name: "from_id"}}, DoUpdates: clause.AssignmentColumns([]string{"to_id"}),
		}).Create(&redirectRow{Kind: kind, FromID: id, ToID: to}).Error; err != nil {
			return fmt.Errorf("insert redirect: %w", err)
		}
	} else if err := tx.Where("kind = ? AND to_id = ?", kind, id).Delete(&redirectRow{}).Error; err != nil {
		return fmt.Errorf("drop redirects: %w", err)
	}
	if err := tx.Where("id = ?", id).Delete(model).Error; err != nil {
		return fmt.Errorf("delete retired %s: %w", kind, err)
	}
	return nil
}

// MarkAllStale marks every stored article as due for re-analysis, so that
// a forced run over everything can be interrupted and resumed like any
// other.
func (s *Store) MarkAllStale(ctx context.Context) (int64, error) {
	res := s.db.WithContext(ctx).Model(&articleRow{}).Where("analysis_version <> ''").Update("analysis_version", "")
	if res.Error != nil {
		return 0, wrapErr("mark articles stale", res.Error)
	}
	return res.RowsAffected, nil
}
