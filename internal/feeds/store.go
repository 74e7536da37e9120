package feeds

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// feedRow is a subscription: a feed URL polled every Every seconds.
type feedRow struct {
	ID      int64  `gorm:"primaryKey"`
	URL     string `gorm:"not null;uniqueIndex"`
	Title   string `gorm:"not null;default:''"`
	EveryMS int64  `gorm:"column:every_ms;not null"`
	// ETag and LastModified are the validators of the last 200 answer,
	// sent back so an unchanged feed costs a 304.
	ETag          string `gorm:"not null;default:''"`
	LastModified  string `gorm:"not null;default:''"`
	LastFetchedAt *time.Time
	LastError     string `gorm:"not null;default:''"`
	// Failures counts polls failed in a row; it sets the backoff and is
	// reset by a good poll.
	Failures    int       `gorm:"not null;default:0"`
	NextFetchAt time.Time `gorm:"not null"`
	CreatedAt   time.Time `gorm:"not null"`
}

func (feedRow) TableName() string { return "feeds" }

// Item states.
const (
	statusPending  = "pending"
	statusIngested = "ingested"
	statusFailed   = "failed"
)

// itemRow is an entry seen in a feed. Its key is unique within the feed, so
// an entry is taken once however many polls list it. It keeps what the feed
// said, so the entry can be ingested from the feed's text when its page
// cannot be fetched.
type itemRow struct {
	ID        int64  `gorm:"primaryKey"`
	FeedID    int64  `gorm:"not null;uniqueIndex:feed_items_feed_key,priority:1"`
	Key       string `gorm:"not null;uniqueIndex:feed_items_feed_key,priority:2"`
	Link      string `gorm:"not null;default:''"`
	Title     string `gorm:"not null;default:''"`
	Author    string `gorm:"not null;default:''"`
	Published *time.Time
	// Body is the entry's content, else its summary, as the feed gave it
	// (often HTML).
	Body   string `gorm:"not null;default:''"`
	Status string `gorm:"not null;index"`
	// Error says why a failed entry was not ingested.
	Error     string `gorm:"not null;default:''"`
	ArticleID *int64
	// Created is true when this entry stored its article (false when the
	// article was there already, from another feed or a paste).
	Created bool `gorm:"not null;default:false"`
	// Source says where the ingested text came from: page or feed.
	Source string    `gorm:"not null;default:''"`
	SeenAt time.Time `gorm:"not null"`
	DoneAt *time.Time
}

func (itemRow) TableName() string { return "feed_items" }

// store is the feed tables in the application database.
type store struct {
	db *gorm.DB
}

// sqlTx is the database/sql transaction under a GORM transaction, which
// River's database/sql drivers insert jobs into, so a feed row and its
// poll job (or an entry and its fetch job) commit together.
func sqlTx(tx *gorm.DB) (*sql.Tx, error) {
	t, ok := tx.Statement.ConnPool.(*sql.Tx)
	if !ok {
		return nil, fmt.Errorf("feeds: the transaction is a %T, not a *sql.Tx", tx.Statement.ConnPool)
	}
	return t, nil
}

// take reads the one row matching where, or nil when there is none.
func take[T any](ctx context.Context, db *gorm.DB, what string, where string, arg any) (*T, error) {
	var row T
	err := db.WithContext(ctx).Where(where, arg).Take(&row).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("feeds: read %s %v: %w", what, arg, err)
	}
	return &row, nil
}

func (s *store) feed(ctx context.Context, id int64) (*feedRow, error) {
	return take[feedRow](ctx, s.db, "feed", "id = ?", id)
}

func (s *store) feedByURL(ctx context.Context, url string) (*feedRow, error) {
	return take[feedRow](ctx, s.db, "feed", "url = ?", url)
}

func (s *store) item(ctx context.Context, id int64) (*itemRow, error) {
	return take[itemRow](ctx, s.db, "entry", "id = ?", id)
}

// insertItem stores an entry unless its key was seen before in the feed;
// inserted says which.
func insertItem(tx *gorm.DB, it *itemRow) (inserted bool, err error) {
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "feed_id"}, {Name: "key"}}, DoNothing: true}).Create(it)
	if res.Error != nil {
		return false, fmt.Errorf("feeds: store entry: %w", res.Error)
	}
	return res.RowsAffected == 1, nil
}

// finishItem records the outcome of a pending entry. It changes nothing
// when the entry is no longer pending (another run finished it first).
func (s *store) finishItem(ctx context.Context, id int64, fields map[string]any) error {
	err := s.db.WithContext(ctx).Model(&itemRow{}).Where("id = ? AND status = ?", id, statusPending).Updates(fields).Error
	if err != nil {
		return fmt.Errorf("feeds: record entry %d: %w", id, err)
	}
	return nil
}

// updateFeed writes fields of a feed row.
func (s *store) updateFeed(ctx context.Context, id int64, fields map[string]any) error {
	if err := s.db.WithContext(ctx).Model(&feedRow{}).Where("id = ?", id).Updates(fields).Error; err != nil {
		return fmt.Errorf("feeds: update feed %d: %w", id, err)
	}
	return nil
}

// feedCounts are the entry tallies of one feed.
type feedCounts struct {
	FeedID  int64
	Seen    int
	Created int
	Failed  int
	Pending int
}

// counts tallies the entries of the given feeds.
func (s *store) counts(ctx context.Context, ids []int64) (map[int64]feedCounts, error) {
	var rows []feedCounts
	err := s.db.WithContext(ctx).Model(&itemRow{}).
		Select(`feed_id,
			count(*) AS seen,
			sum(CASE WHEN created THEN 1 ELSE 0 END) AS created,
			sum(CASE WHEN status = ? THEN 1 ELSE 0 END) AS failed,
			sum(CASE WHEN status = ? THEN 1 ELSE 0 END) AS pending`, statusFailed, statusPending).
		Where("feed_id IN ?", ids).Group("feed_id").Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("feeds: count entries: %w", err)
	}
	m := make(map[int64]feedCounts, len(rows))
	for _, r := range rows {
		m[r.FeedID] = r
	}
	return m, nil
}
