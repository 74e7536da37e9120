package storage

import (
	"context"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"gorm.io/gorm"
)

// maxPage bounds one page, so a client cannot ask for the whole table.
const maxPage = 1000

// pageQuery describes one keyset-paginated list: how to filter it, how to
// continue after a cursor, its order, and how to turn rows into items and
// cursors. The order must be total (end in a unique column) for pages to
// neither skip nor repeat items.
type pageQuery[R any, T any] struct {
	op      string
	filter  func(*gorm.DB) *gorm.DB
	after   func(*gorm.DB, domain.Cursor) (*gorm.DB, error)
	order   string
	convert func(*gorm.DB, []R) ([]T, error)
	cursor  func(*R) domain.Cursor
	// countInOrder makes the bounded total read the rows in the list's
	// order, for filters whose index yields rows only in that order
	// without reading all matches first (full-text search on SQLite);
	// otherwise the database counts from whichever index is smallest.
	countInOrder bool
	// countKeys, when set, selects the keys of the matching rows for the
	// bounded total in place of the filter over the list's table: a
	// cheaper source of the same set (the full-text index alone, when the
	// search is the whole filter).
	countKeys func(*gorm.DB) *gorm.DB
}

// run fetches one page: First+1 rows to learn whether another page follows,
// and, when asked for, a COUNT of at most CountBound+1 rows under the same
// filter for the total.
func (q pageQuery[R, T]) run(ctx context.Context, db *gorm.DB, p domain.PageRequest) (domain.Page[T], error) {
	var page domain.Page[T]
	if p.First < 0 {
		return page, wrapErr(q.op, domain.Errorf(domain.EINVALID, "first must not be negative"))
	}
	if p.First > maxPage {
		return page, wrapErr(q.op, domain.Errorf(domain.EINVALID, "first must be at most %d", maxPage))
	}
	db = db.WithContext(ctx)
	model := new(R)

	var total int64
	if p.Count {
		// At most CountBound+1 rows: one more than the bound tells that
		// the total is not exact. Selecting the key alone lets the
		// database count from an index rather than the rows.
		var bounded *gorm.DB
		if q.countKeys != nil {
			bounded = q.countKeys(db)
		} else {
			bounded = q.filter(db.Model(model)).Select("id")
		}
		bounded = bounded.Limit(domain.CountBound + 1)
		if q.countInOrder {
			bounded = bounded.Order(q.order)
		}
		if err := db.Table("(?) AS bounded", bounded).Count(&total).Error; err != nil {
			return page, wrapErr(q.op, err)
		}
	}

	rowsQ := q.filter(db.Model(model))
	if p.After != nil {
		var err error
		if rowsQ, err = q.after(rowsQ, *p.After); err != nil {
			return page, wrapErr(q.op, err)
		}
	}
	var rows []R
	if err := rowsQ.Order(q.order).Limit(p.First + 1).Find(&rows).Error; err != nil {
		return page, wrapErr(q.op, err)
	}
	if len(rows) > p.First {
		page.HasNext = true
		rows = rows[:p.First]
	}
	items, err := q.convert(db, rows)
	if err != nil {
		return page, wrapErr(q.op, err)
	}
	page.Items = items
	page.Cursors = make([]domain.Cursor, len(rows))
	for i := range rows {
		page.Cursors[i] = q.cursor(&rows[i])
	}
	page.Total, page.TotalExact = int(min(total, domain.CountBound)), total <= domain.CountBound
	page.HasPrevious = p.After != nil
	return page, nil
}

// timeCursor renders a timestamp as a cursor sort value.
func timeCursor(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

// parseTimeCursor reads a sort value written by timeCursor; anything else is
// the client's mistake.
func parseTimeCursor(v string) (time.Time, error) {
	t, err := time.Parse(time.RFC3339Nano, v)
	if err != nil {
		return time.Time{}, domain.Errorf(domain.EINVALID, "invalid cursor")
	}
	return t.UTC(), nil
}

// convertEach converts rows that need no further queries.
func convertEach[R any, T any](f func(*R) T) func(*gorm.DB, []R) ([]T, error) {
	return func(_ *gorm.DB, rows []R) ([]T, error) {
		out := make([]T, len(rows))
		for i := range rows {
			out[i] = f(&rows[i])
		}
		return out, nil
	}
}
