package storage

import (
	"context"
	"strings"

	"github.com/factgraph/factgraph/internal/domain"
	"gorm.io/gorm"
)

// ListArticles returns articles newest first (by ingest order), keyed by ID.
func (s *Store) ListArticles(ctx context.Context, f domain.ArticleFilter, p domain.PageRequest) (domain.Page[*domain.Article], error) {
	var terms []string
	if f.Search != nil {
		terms = searchTerms(*f.Search)
	}
	// A SQLite search walks the full-text index newest first and stops at
	// the page's end: the order and the cursor name the index's docid.
	key := "articles.id"
	if len(terms) > 0 && s.dialect != dialectPostgres {
		key = ftsTable + ".docid"
	}
	q := pageQuery[articleRow, *domain.Article]{
		op: "list articles",
		filter: func(db *gorm.DB) *gorm.DB {
			if f.Outlet != nil {
				db = db.Where("outlet = ?", *f.Outlet)
			}
			if f.PublishedAfter != nil {
				db = db.Where("published_at >= ?", f.PublishedAfter.UTC())
			}
			if f.PublishedBefore != nil {
				db = db.Where("published_at < ?", f.PublishedBefore.UTC())
			}
			if len(terms) > 0 {
				db = s.articleSearch(db, terms)
			}
			if f.EntityID != nil {
				db = db.Where("id IN (SELECT article_id FROM article_entities WHERE entity_id = ?)", *f.EntityID)
			}
			return db
		},
		after: func(db *gorm.DB, c domain.Cursor) (*gorm.DB, error) {
			return db.Where(key+" < ?", c.ID), nil
		},
		order:        key + " DESC",
		convert:      convertEach(func(r *articleRow) *domain.Article { return r.toDomain() }),
		cursor:       func(r *articleRow) domain.Cursor { return domain.Cursor{ID: r.ID} },
		countInOrder: key != "articles.id",
	}
	if key != "articles.id" && f == (domain.ArticleFilter{Search: f.Search}) {
		q.countKeys = func(db *gorm.DB) *gorm.DB { return s.searchKeys(db, terms) }
	}
	return q.run(ctx, s.db, p)
}

// ListEntities returns entities by canonical name, then ID.
func (s *Store) ListEntities(ctx context.Context, f domain.EntityFilter, p domain.PageRequest) (domain.Page[*domain.Entity], error) {
	q := pageQuery[entityRow, *domain.Entity]{
		op: "list entities",
		filter: func(db *gorm.DB) *gorm.DB {
			if f.Kind != nil {
				db = db.Where("kind = ?", string(*f.Kind))
			}
			if f.Search != nil && strings.TrimSpace(*f.Search) != "" {
				pat := containsPattern(*f.Search)
				db = db.Where("name_key LIKE ? ESCAPE '"+likeEscape+"' OR id IN (SELECT entity_id FROM entity_aliases WHERE alias_key LIKE ? ESCAPE '"+likeEscape+"')", pat, pat)
			}
			return db
		},
		after: func(db *gorm.DB, c domain.Cursor) (*gorm.DB, error) {
			return db.Where("name > ? OR (name = ? AND id > ?)", c.Sort, c.Sort, c.ID), nil
		},
		order:   "name, id",
		convert: s.withAliases,
		cursor:  func(r *entityRow) domain.Cursor { return domain.Cursor{Sort: r.Name, ID: r.ID} },
	}
	return q.run(ctx, s.db, p)
}

// ListClaims returns claims most recently updated first.
func (s *Store) ListClaims(ctx context.Context, f domain.ClaimFilter, p domain.PageRequest) (domain.Page[*domain.Claim], error) {
	q := pageQuery[claimRow, *domain.Claim]{
		op: "list claims",
		filter: func(db *gorm.DB) *gorm.DB {
			if f.Status != nil {
				db = db.Where("status = ?", string(*f.Status))
			}
			if f.EntityID != nil {
				db = db.Where(`id IN (
					SELECT s.claim_id FROM statements s JOIN statement_speakers sp ON sp.statement_id = s.id WHERE sp.entity_id = ?
					UNION
					SELECT s.claim_id FROM statements s JOIN statement_mentions m ON m.statement_id = s.id WHERE m.entity_id = ?)`,
					*f.EntityID, *f.EntityID)
			}
			if f.Search != nil && strings.TrimSpace(*f.Search) != "" {
				db = db.Where("text_fold LIKE ? ESCAPE '"+likeEscape+"'", containsPattern(*f.Search))
			}
			return db
		},
		after:   afterUpdated,
		order:   "updated_at DESC, id DESC",
		convert: convertEach(func(r *claimRow) *domain.Claim { return r.toDomain() }),
		cursor: func(r *claimRow) domain.Cursor {
			return domain.Cursor{Sort: timeCursor(r.UpdatedAt), ID: r.ID}
		},
	}
	return q.run(ctx, s.db, p)
}

// ListFigures returns figures in ingest order, keyed by ID.
func (s *Store) ListFigures(ctx context.Context, f domain.FigureFilter, p domain.PageRequest) (domain.Page[*domain.Figure], error) {
	q := pageQuery[figureRow, *domain.Figure]{
		op: "list figures",
		filter: func(db *gorm.DB) *gorm.DB {
			if f.Head != nil {
				db = db.Where("head = ?", strings.ToLower(strings.TrimSpace(*f.Head)))
			}
			if f.Status != nil {
				db = db.Where("status = ?", string(*f.Status))
			}
			if f.SourceID != nil {
				db = db.Where("source_id = ?", *f.SourceID)
			}
			if f.ArticleID != nil {
				db = db.Where("article_id = ?", *f.ArticleID)
			}
			if f.MinValue != nil {
				db = db.Where("value >= ?", *f.MinValue)
			}
			if f.MaxValue != nil {
				db = db.Where("value <= ?", *f.MaxValue)
			}
			return db
		},
		after: func(db *gorm.DB, c domain.Cursor) (*gorm.DB, error) {
			return db.Where("id > ?", c.ID), nil
		},
		order:   "id",
		convert: convertEach(func(r *figureRow) *domain.Figure { return r.toDomain() }),
		cursor:  func(r *figureRow) domain.Cursor { return domain.Cursor{ID: r.ID} },
	}
	return q.run(ctx, s.db, p)
}

// afterUpdated continues a list kept most recently updated first after the
// cursor's (updated_at, id).
func afterUpdated(db *gorm.DB, c domain.Cursor) (*gorm.DB, error) {
	t, err := parseTimeCursor(c.Sort)
	if err != nil {
		return nil, err
	}
	return db.Where("updated_at < ? OR (updated_at = ? AND id < ?)", t, t, c.ID), nil
}
