package storage

import (
	"context"
	"fmt"

	"gorm.io/gorm"
)

// migrateLockKey is the Postgres advisory lock that serialises schema
// migration when several replicas start at once.
const migrateLockKey = 7_146_052_311

// ftsTable is the SQLite FTS4 index over article titles and bodies. It is an
// external-content table: the text lives only in articles, which is safe
// because stored articles never change.
const ftsTable = "articles_fts"

// pgSearchVector is the expression Postgres full-text search indexes and
// queries; both must spell it identically for the index to be used.
const pgSearchVector = "to_tsvector('english', title || ' ' || body)"

// migrate brings the schema up to date: tables, columns and indexes through
// AutoMigrate, then what GORM cannot describe (full-text search).
func (s *Store) migrate(ctx context.Context) error {
	db := s.db.WithContext(ctx)
	var err error
	switch s.dialect {
	case dialectPostgres:
		err = db.Transaction(func(tx *gorm.DB) error {
			if err := tx.Exec("SELECT pg_advisory_xact_lock(?)", migrateLockKey).Error; err != nil {
				return err
			}
			if err := autoMigrate(tx); err != nil {
				return err
			}
			return tx.Exec("CREATE INDEX IF NOT EXISTS articles_search_idx ON articles USING GIN (" + pgSearchVector + ")").Error
		})
	default:
		err = s.migrateSQLite(db)
	}
	if err != nil {
		return fmt.Errorf("storage: migrate: %w", err)
	}
	return nil
}

// ftsDefinition creates the FTS4 index. order=DESC keeps each word's
// document list newest first, the order of the article list, so a search
// reads its matches incrementally and stops at the end of a page instead
// of loading every match.
const ftsDefinition = `CREATE VIRTUAL TABLE ` + ftsTable + ` USING fts4(content="articles", title, body, tokenize=porter, order=DESC)`

// migrateSQLite migrates a SQLite file and creates its FTS4 index, filling
// the index from existing articles when it is new. An index made before it
// was kept newest first is made again (one pass over the articles, on the
// first start of this version).
func (s *Store) migrateSQLite(db *gorm.DB) error {
	if err := autoMigrate(db); err != nil {
		return err
	}
	var defs []string
	if err := db.Raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", ftsTable).Scan(&defs).Error; err != nil {
		return err
	}
	if len(defs) > 0 && defs[0] == ftsDefinition {
		return nil
	}
	return db.Transaction(func(tx *gorm.DB) error {
		if len(defs) > 0 {
			if err := tx.Exec(`DROP TABLE ` + ftsTable).Error; err != nil {
				return err
			}
		}
		if err := tx.Exec(ftsDefinition).Error; err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO ` + ftsTable + `(` + ftsTable + `) VALUES ('rebuild')`).Error
	})
}

// readIndexes serve list pages in their order, so that a page (and a
// total bounded by domain.CountBound) reads as many index entries as it
// shows, not every row its filter matches:
//   - figures_head_id_value: the figure list filtered by head, in list
//     order, with the value bounds checked in the index. It replaces the
//     index on head alone, which let the database pick every figure with
//     the head and sort them.
//   - statements_claim_at: a claim's statements (and through them its
//     articles and figures), oldest article first.
//   - figures_series_at_article: a series' figures, oldest first, in
//     whole (figures_series_at orders them by time alone).
//   - statement_speakers_entity_statement: an entity's statements, newest
//     first.
var readIndexes = []string{
	"CREATE INDEX IF NOT EXISTS figures_head_id_value ON figures (head, id, value)",
	"DROP INDEX IF EXISTS idx_figures_head",
	"CREATE INDEX IF NOT EXISTS statements_claim_at ON statements (claim_id, at, article_id, ordinal)",
	"CREATE INDEX IF NOT EXISTS figures_series_at_article ON figures (series_id, at, article_id, ordinal)",
	"CREATE INDEX IF NOT EXISTS statement_speakers_entity_statement ON statement_speakers (entity_id, statement_id)",
}

// autoMigrate creates and alters the tables, and fills the columns that
// the alteration added to rows already stored: the story time of figures
// and statements written before they carried it. The backfill runs only on the
// migration that adds the column, not on every start.
func autoMigrate(db *gorm.DB) error {
	hadAt := db.Migrator().HasTable(&figureRow{}) && db.Migrator().HasColumn(&figureRow{}, "at")
	hadStatementAt := db.Migrator().HasTable(&statementRow{}) && db.Migrator().HasColumn(&statementRow{}, "at")
	if err := db.AutoMigrate(allModels()...); err != nil {
		return err
	}
	if !hadAt {
		if err := db.Exec(`UPDATE figures SET at = (SELECT COALESCE(a.published_at, a.ingested_at) FROM articles a
			WHERE a.id = figures.article_id) WHERE at IS NULL`).Error; err != nil {
			return err
		}
	}
	if !hadStatementAt {
		if err := db.Exec(`UPDATE statements SET at = (SELECT COALESCE(a.published_at, a.ingested_at) FROM articles a
			WHERE a.id = statements.article_id) WHERE at IS NULL`).Error; err != nil {
			return err
		}
	}
	for _, ix := range readIndexes {
		if err := db.Exec(ix).Error; err != nil {
			return err
		}
	}
	return nil
}
