package storage

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/stories"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// findOrCreateSeries returns the IDs of the article's series, aligned to
// p.seriesKeys, inserting the missing ones. As for claims, a concurrent
// insert of the same key is not an error, and on Postgres the rows are
// locked so that ingests adding to one series recompute it in turn.
func (s *Store) findOrCreateSeries(tx *gorm.DB, p *ingestPlan) ([]int64, error) {
	if len(p.seriesKeys) == 0 {
		return nil, nil
	}
	rows := make([]seriesRow, len(p.seriesRows))
	copy(rows, p.seriesRows)
	for i := range rows {
		rows[i].UpdatedAt = p.article.IngestedAt
	}
	if err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "key"}}, DoNothing: true}).
		CreateInBatches(rows, batchSize).Error; err != nil {
		return nil, fmt.Errorf("insert series: %w", err)
	}
	q := tx.Select("id", "key").Where("key IN ?", p.seriesKeys).Order("id")
	if s.dialect == dialectPostgres {
		q = q.Clauses(clause.Locking{Strength: clause.LockingStrengthUpdate})
	}
	var found []seriesRow
	if err := q.Find(&found).Error; err != nil {
		return nil, fmt.Errorf("find series: %w", err)
	}
	byKey := make(map[string]int64, len(found))
	for _, f := range found {
		byKey[f.Key] = f.ID
	}
	ids := make([]int64, len(p.seriesKeys))
	for i, k := range p.seriesKeys {
		id, ok := byKey[k]
		if !ok {
			return nil, fmt.Errorf("series %q vanished after insert", k)
		}
		ids[i] = id
	}
	return ids, nil
}

// seriesFigure is what the aggregates of a series are computed from.
type seriesFigure struct {
	SeriesID    int64
	ArticleID   int64
	Value       float64
	Low, High   *float64
	Approximate bool
	Head        string
	Status      string
	SourceID    *int64
	At          *time.Time
}

// at is when the figure was published: its article's publication time, or
// its ingest time when the article has none (kept on the figure).
func (f seriesFigure) at() time.Time {
	if f.At == nil {
		return time.Time{}
	}
	return f.At.UTC()
}

// updateSeries brings the aggregates of the given series up to date:
// bounds, status, conflicts and the latest publication. After a first
// ingest, which only adds figures (added is true), each stored aggregate
// folds in the article's new figures, and only the figures published
// within the conflict window of the article are read: the cost follows
// the density of reports, not the length of the series. Re-analysis, which
// also takes figures away, recomputes each series from all its figures.
func (s *Store) updateSeries(tx *gorm.DB, ids []int64, added bool, at time.Time, articleID int64) error {
	if len(ids) == 0 {
		return nil
	}
	ids = uniqueIDs(ids)
	cols := "f.series_id, f.article_id, f.value, f.low, f.high, f.approximate, f.head, f.status, f.source_id, f.at"
	if !added {
		var rows []seriesFigure
		if err := tx.Table("figures AS f").Select(cols).Where(s.inIDs("f.series_id", ids)).Scan(&rows).Error; err != nil {
			return fmt.Errorf("read series figures: %w", err)
		}
		by := map[int64][]seriesFigure{}
		for _, r := range rows {
			by[r.SeriesID] = append(by[r.SeriesID], r)
		}
		aggs := make(map[int64]domain.FigureSeries, len(ids))
		for _, id := range ids {
			aggs[id] = seriesAggregate(by[id])
		}
		return s.writeSeriesAggregates(tx, ids, aggs)
	}
	var stored []seriesRow
	if err := tx.Select("id", "low", "high", "status", "conflicting", "updated_at").
		Where(s.inIDs("id", ids)).Find(&stored).Error; err != nil {
		return fmt.Errorf("read series: %w", err)
	}
	// A series found conflicting stays so whatever is added: only the
	// others need the figures around the article's date, and the
	// conflicting ones, often the longest, need the article's own alone.
	var open []int64
	for _, old := range stored {
		if old.Status == pendingStatus || !old.Conflicting {
			open = append(open, old.ID)
		}
	}
	var mine, window []seriesFigure
	if len(open) < len(ids) {
		if err := tx.Table("figures AS f").Select(cols).Where("f.article_id = ?", articleID).
			Where(s.inIDs("f.series_id", ids)).Scan(&mine).Error; err != nil {
			return fmt.Errorf("read series figures: %w", err)
		}
	}
	if len(open) > 0 {
		if err := tx.Table("figures AS f").Select(cols).Where(s.inIDs("f.series_id", open)).
			Where("f.at BETWEEN ? AND ?", at.Add(-stories.ConflictWindow), at.Add(stories.ConflictWindow)).
			Scan(&window).Error; err != nil {
			return fmt.Errorf("read series figures: %w", err)
		}
	}
	own, near := map[int64][]seriesFigure{}, map[int64][]seriesFigure{}
	for _, f := range window {
		near[f.SeriesID] = append(near[f.SeriesID], f)
		if f.ArticleID == articleID {
			own[f.SeriesID] = append(own[f.SeriesID], f)
		}
	}
	for _, f := range mine {
		if len(open) == 0 || !slices.Contains(open, f.SeriesID) {
			own[f.SeriesID] = append(own[f.SeriesID], f)
		}
	}
	aggs := make(map[int64]domain.FigureSeries, len(ids))
	for _, old := range stored {
		next := seriesAggregate(own[old.ID])
		if old.Status != pendingStatus {
			next.Low, next.High = min(next.Low, old.Low), max(next.High, old.High)
			if old.UpdatedAt.After(next.UpdatedAt) {
				next.UpdatedAt = old.UpdatedAt
			}
			next.Status = domain.Aggregate([]domain.Status{next.Status, domain.Status(old.Status)})
		}
		// every figure that could contradict the new ones is in the window
		next.Conflicting = (old.Status != pendingStatus && old.Conflicting) || stories.Conflicting(observations(near[old.ID]))
		aggs[old.ID] = next
	}
	return s.writeSeriesAggregates(tx, ids, aggs)
}

// writeSeriesAggregates stores the aggregates of the series ids.
func (s *Store) writeSeriesAggregates(tx *gorm.DB, ids []int64, aggs map[int64]domain.FigureSeries) error {
	// One UPDATE per batch sets every series' aggregates through CASE
	// expressions, so a long article with hundreds of series still costs
	// a handful of statements.
	for start := 0; start < len(ids); start += batchSize {
		chunk := ids[start:min(start+batchSize, len(ids))]
		cases := map[string]*strings.Builder{}
		var args = map[string][]any{}
		cols := []string{"low", "high", "status", "conflicting", "updated_at"}
		// PostgreSQL types a CASE of bare parameters as text, so each
		// value carries its column's type there; SQLite needs no cast and
		// would turn a cast timestamp into a number.
		then := map[string]string{}
		for _, c := range cols {
			cases[c] = &strings.Builder{}
			cases[c].WriteString("CASE id")
			then[c] = " WHEN ? THEN ?"
		}
		if s.dialect == dialectPostgres {
			then["low"] = " WHEN ? THEN CAST(? AS double precision)"
			then["high"] = then["low"]
			then["conflicting"] = " WHEN ? THEN CAST(? AS boolean)"
			then["updated_at"] = " WHEN ? THEN CAST(? AS timestamptz)"
		}
		for _, id := range chunk {
			u := aggs[id]
			vals := []any{u.Low, u.High, string(u.Status), u.Conflicting, u.UpdatedAt}
			for i, c := range cols {
				cases[c].WriteString(then[c])
				args[c] = append(args[c], id, vals[i])
			}
		}
		upd := map[string]any{}
		for _, c := range cols {
			cases[c].WriteString(" END")
			upd[c] = gorm.Expr(cases[c].String(), args[c]...)
		}
		if err := tx.Model(&seriesRow{}).Where(s.inIDs("id", chunk)).Updates(upd).Error; err != nil {
			return fmt.Errorf("update series: %w", err)
		}
	}
	return nil
}

// seriesAggregate folds a series' figures into its aggregates.
func seriesAggregate(figs []seriesFigure) domain.FigureSeries {
	var out domain.FigureSeries
	statuses := make([]domain.Status, len(figs))
	for i, f := range figs {
		lo, hi := f.Value, f.Value
		if f.Low != nil {
			lo = min(lo, *f.Low)
		}
		if f.High != nil {
			hi = max(hi, *f.High)
		}
		if i == 0 || lo < out.Low {
			out.Low = lo
		}
		if i == 0 || hi > out.High {
			out.High = hi
		}
		if f.at().After(out.UpdatedAt) {
			out.UpdatedAt = f.at()
		}
		statuses[i] = domain.Status(f.Status)
	}
	out.Status = domain.Aggregate(statuses)
	out.Conflicting = stories.Conflicting(observations(figs))
	return out
}

// observations are figures as the conflict rule sees them.
func observations(figs []seriesFigure) []stories.Observation {
	obs := make([]stories.Observation, len(figs))
	for i, f := range figs {
		obs[i] = stories.Observation{Value: f.Value, Low: f.Low, High: f.High, Approximate: f.Approximate,
			Scale: stories.DurationScale(f.Head), At: f.at()}
		if f.SourceID != nil {
			obs[i].Source = *f.SourceID
		}
	}
	return obs
}
