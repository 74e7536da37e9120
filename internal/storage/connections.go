package storage

import (
	"context"

	"github.com/factgraph/factgraph/internal/domain"
	"gorm.io/gorm"
)

// The lists below belong to one claim, series or entity and grow with every
// article stored. Each is read a page at a time by keyset, in an order an
// index gives after the owner's key, so a page costs the same however long
// the list is.

// afterRow continues a list ordered by cols (ascending) after the row of
// table with the cursor's ID, compared as a row value: the cursor carries
// only the ID, and the row's own columns place it.
func afterRow(table, cols string) func(*gorm.DB, domain.Cursor) (*gorm.DB, error) {
	return func(db *gorm.DB, c domain.Cursor) (*gorm.DB, error) {
		return db.Where("("+cols+") > (SELECT "+cols+" FROM "+table+" WHERE id = ?)", c.ID), nil
	}
}

// ClaimStatementsPage returns a page of the claim's statements, oldest
// article first, then text order (index statements_claim_at).
func (s *Store) ClaimStatementsPage(ctx context.Context, claimID int64, p domain.PageRequest) (domain.Page[*domain.Statement], error) {
	q := pageQuery[statementRow, *domain.Statement]{
		op:      "claim statements",
		filter:  func(db *gorm.DB) *gorm.DB { return db.Where("claim_id = ?", claimID) },
		after:   afterRow("statements", "at, article_id, ordinal"),
		order:   "at, article_id, ordinal",
		convert: s.withSpeakers,
		cursor:  func(r *statementRow) domain.Cursor { return domain.Cursor{ID: r.ID} },
	}
	return q.run(ctx, s.db, p)
}

// SeriesFiguresPage returns a page of the series' figures, oldest
// publication first, then text order (index figures_series_at).
func (s *Store) SeriesFiguresPage(ctx context.Context, seriesID int64, p domain.PageRequest) (domain.Page[*domain.Figure], error) {
	q := pageQuery[figureRow, *domain.Figure]{
		op:      "series figures",
		filter:  func(db *gorm.DB) *gorm.DB { return db.Where("series_id = ?", seriesID) },
		after:   afterRow("figures", "at, article_id, ordinal"),
		order:   "at, article_id, ordinal",
		convert: convertEach(func(r *figureRow) *domain.Figure { return r.toDomain() }),
		cursor:  func(r *figureRow) domain.Cursor { return domain.Cursor{ID: r.ID} },
	}
	return q.run(ctx, s.db, p)
}

// EntityStatementsPage returns a page of the statements the entity is a
// speaker of, most recently stored first (index
// statement_speakers_entity_statement).
func (s *Store) EntityStatementsPage(ctx context.Context, entityID int64, p domain.PageRequest) (domain.Page[*domain.Statement], error) {
	q := pageQuery[statementRow, *domain.Statement]{
		op: "entity statements",
		filter: func(db *gorm.DB) *gorm.DB {
			return db.Where("id IN (SELECT statement_id FROM statement_speakers WHERE entity_id = ?)", entityID)
		},
		after: func(db *gorm.DB, c domain.Cursor) (*gorm.DB, error) {
			return db.Where("id < ?", c.ID), nil
		},
		order:   "id DESC",
		convert: s.withSpeakers,
		cursor:  func(r *statementRow) domain.Cursor { return domain.Cursor{ID: r.ID} },
	}
	return q.run(ctx, s.db, p)
}
