package storage

import (
	"context"
	"strings"

	"github.com/factgraph/factgraph/internal/domain"
	"gorm.io/gorm"
)

// SeriesByIDs implements loader.Source.
func (s *Store) SeriesByIDs(ctx context.Context, ids []int64) ([]*domain.FigureSeries, []error) {
	if len(ids) == 0 {
		return []*domain.FigureSeries{}, nil
	}
	var found []struct {
		Row   seriesRow `gorm:"embedded"`
		ViaID *int64
	}
	if err := s.followingRedirects(s.db.WithContext(ctx), "series", redirectSeries, uniqueIDs(ids)).Scan(&found).Error; err != nil {
		return nil, batchErr("series by id", err)
	}
	byID := make(map[int64]*domain.FigureSeries, len(found))
	for _, f := range found {
		viaIndex(byID, f.Row.ID, f.ViaID, f.Row.toDomain())
	}
	return alignOne(ids, byID), nil
}

// FiguresBySeries implements loader.Source: oldest publication first, then
// text order.
func (s *Store) FiguresBySeries(ctx context.Context, seriesIDs []int64, limit int) ([][]*domain.Figure, []error) {
	return s.figuresBySeries(ctx, seriesIDs, "", limit)
}

// LatestFigureBySeries implements loader.Source: the last figure of
// FiguresBySeries' order, read alone.
func (s *Store) LatestFigureBySeries(ctx context.Context, seriesIDs []int64) ([]*domain.Figure, []error) {
	lists, errs := s.figuresBySeries(ctx, seriesIDs, " DESC", 1)
	if errs != nil {
		return nil, errs
	}
	out := make([]*domain.Figure, len(lists))
	for i, l := range lists {
		if len(l) > 0 {
			out[i] = l[0]
		}
	}
	return out, nil
}

// figuresBySeries reads the first limit figures of each series, oldest
// publication first, or newest first with dir " DESC".
func (s *Store) figuresBySeries(ctx context.Context, seriesIDs []int64, dir string, limit int) ([][]*domain.Figure, []error) {
	if len(seriesIDs) == 0 {
		return [][]*domain.Figure{}, nil
	}
	var rows []figureRow
	db := s.db.WithContext(ctx)
	q := db.Table("figures AS f").
		Joins("JOIN articles a ON a.id = f.article_id").
		Where(s.inIDs("f.series_id", uniqueIDs(seriesIDs)))
	order := "COALESCE(a.published_at, a.ingested_at)" + dir + ", a.id" + dir + ", f.ordinal" + dir
	if err := s.firstPerOwner(db, q, "f.*", "f.series_id", order, limit, "series_id, rank_in_owner").Scan(&rows).Error; err != nil {
		return nil, batchErr("figures by series", err)
	}
	by := make(map[int64][]*domain.Figure)
	for i := range rows {
		by[*rows[i].SeriesID] = append(by[*rows[i].SeriesID], rows[i].toDomain())
	}
	return alignMany(seriesIDs, by), nil
}

// ArticlesBySeries implements loader.Source: the distinct articles of a
// series' figures, oldest publication first.
func (s *Store) ArticlesBySeries(ctx context.Context, seriesIDs []int64, limit int) ([][]*domain.Article, []error) {
	if len(seriesIDs) == 0 {
		return [][]*domain.Article{}, nil
	}
	var owned []struct {
		OwnerID int64
		Row     articleRow `gorm:"embedded"`
	}
	db := s.db.WithContext(ctx)
	q := db.Table("figures AS f").
		Joins("JOIN articles a ON a.id = f.article_id").
		Where(s.inIDs("f.series_id", uniqueIDs(seriesIDs))).
		Group("f.series_id, a.id")
	if err := s.firstPerOwner(db, q, "f.series_id AS owner_id, a.*", "f.series_id", articleAge, limit, "owner_id, rank_in_owner").
		Scan(&owned).Error; err != nil {
		return nil, batchErr("articles by series", err)
	}
	by := make(map[int64][]*domain.Article)
	for i := range owned {
		by[owned[i].OwnerID] = append(by[owned[i].OwnerID], owned[i].Row.toDomain())
	}
	return alignMany(seriesIDs, by), nil
}

// SourcesBySeries implements loader.Source: the distinct sources of a
// series' figures, in the order they first gave one.
func (s *Store) SourcesBySeries(ctx context.Context, seriesIDs []int64, limit int) ([][]*domain.Entity, []error) {
	if len(seriesIDs) == 0 {
		return [][]*domain.Entity{}, nil
	}
	db := s.db.WithContext(ctx)
	var owned []ownedEntity
	q := db.Table("figures AS f").
		Joins("JOIN entities e ON e.id = f.source_id").
		Joins("JOIN articles a ON a.id = f.article_id").
		Where(s.inIDs("f.series_id", uniqueIDs(seriesIDs))).
		Group("f.series_id, e.id")
	if err := s.firstPerOwner(db, q, "f.series_id AS owner_id, e.*", "f.series_id", "MIN(COALESCE(a.published_at, a.ingested_at)), e.id", limit, "owner_id, rank_in_owner").
		Scan(&owned).Error; err != nil {
		return nil, batchErr("sources by series", err)
	}
	by, err := s.groupEntities(db, owned)
	if err != nil {
		return nil, batchErr("sources by series", err)
	}
	return alignMany(seriesIDs, by), nil
}

// ListSeries returns figure series most recently updated first.
func (s *Store) ListSeries(ctx context.Context, f domain.SeriesFilter, p domain.PageRequest) (domain.Page[*domain.FigureSeries], error) {
	q := pageQuery[seriesRow, *domain.FigureSeries]{
		op: "list series",
		filter: func(db *gorm.DB) *gorm.DB {
			if f.Status != nil {
				db = db.Where("status = ?", string(*f.Status))
			}
			if f.Conflicting != nil {
				db = db.Where("conflicting = ?", *f.Conflicting)
			}
			if f.Head != nil {
				db = db.Where("head = ?", strings.ToLower(strings.TrimSpace(*f.Head)))
			}
			if f.EntityID != nil {
				db = db.Where("id IN (SELECT series_id FROM figures WHERE source_id = ?)", *f.EntityID)
			}
			if f.Search != nil && strings.TrimSpace(*f.Search) != "" {
				db = db.Where("label_fold LIKE ? ESCAPE '"+likeEscape+"'", containsPattern(*f.Search))
			}
			return db
		},
		after:   afterUpdated,
		order:   "updated_at DESC, id DESC",
		convert: convertEach(func(r *seriesRow) *domain.FigureSeries { return r.toDomain() }),
		cursor: func(r *seriesRow) domain.Cursor {
			return domain.Cursor{Sort: timeCursor(r.UpdatedAt), ID: r.ID}
		},
	}
	return q.run(ctx, s.db, p)
}

// StoryChanges returns the claims whose aggregate status the article's
// ingest changed and the series it added figures to, for live updates.
func (s *Store) StoryChanges(ctx context.Context, articleID int64) (claimIDs, seriesIDs []int64, err error) {
	return storyChanges(s.db.WithContext(ctx), articleID)
}

// storyChanges reads what StoryChanges tells through db, which may be a
// transaction that has just stored the article.
func storyChanges(db *gorm.DB, articleID int64) (claimIDs, seriesIDs []int64, err error) {
	if err := db.Model(&claimChangeRow{}).Distinct("claim_id").Where("article_id = ?", articleID).
		Order("claim_id").Pluck("claim_id", &claimIDs).Error; err != nil {
		return nil, nil, wrapErr("story changes", err)
	}
	if err := db.Model(&figureRow{}).Distinct("series_id").Where("article_id = ? AND series_id IS NOT NULL", articleID).
		Order("series_id").Pluck("series_id", &seriesIDs).Error; err != nil {
		return nil, nil, wrapErr("story changes", err)
	}
	return claimIDs, seriesIDs, nil
}
