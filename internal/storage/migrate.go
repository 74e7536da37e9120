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

// migrateSQLite migrates a SQLite file and creates its FTS4 index, filling
// the index from existing articles when it is new.
func (s *Store) migrateSQLite(db *gorm.DB) error {
	if err := autoMigrate(db); err != nil {
		return err
	}
	var n int64
	if err := db.Raw("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", ftsTable).Scan(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	return db.Transaction(func(tx *gorm.DB) error {
		if err := tx.Exec(`CREATE VIRTUAL TABLE ` + ftsTable + ` USING fts4(content="articles", title, body, tokenize=porter)`).Error; err != nil {
			return err
		}
		return tx.Exec(`INSERT INTO ` + ftsTable + `(` + ftsTable + `) VALUES ('rebuild')`).Error
	})
}

// autoMigrate creates and alters the tables, and fills the columns that
// the alteration added to rows already stored: the story time of figures
// written before figures carried it. The backfill runs only on the
// migration that adds the column, not on every start.
func autoMigrate(db *gorm.DB) error {
	hadAt := db.Migrator().HasTable(&figureRow{}) && db.Migrator().HasColumn(&figureRow{}, "at")
	if err := db.AutoMigrate(allModels()...); err != nil {
		return err
	}
	if hadAt {
		return nil
	}
	return db.Exec(`UPDATE figures SET at = (SELECT COALESCE(a.published_at, a.ingested_at) FROM articles a
		WHERE a.id = figures.article_id) WHERE at IS NULL`).Error
}
