package storage

import (
	"fmt"
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

// updateSeries recomputes the aggregates of the given series (bounds,
// status, conflicts and the latest publication) from all their figures:
// re-analysis takes figures away as well as adding them. First ingests
// fold new figures in instead (see batchWriter.foldSeries).
func (s *Store) updateSeries(tx *gorm.DB, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	ids = uniqueIDs(ids)
	cols := "f.series_id, f.article_id, f.value, f.low, f.high, f.approximate, f.head, f.status, f.source_id, f.at"
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

// writeSeriesAggregates stores the aggregates of the series ids.
func (s *Store) writeSeriesAggregates(tx *gorm.DB, ids []int64, aggs map[int64]domain.FigureSeries) error {
	return s.raw(tx).updateByID("series", []string{"low", "high", "status", "conflicting", "updated_at"}, seriesCasts, ids,
		func(id int64) []any {
			u := aggs[id]
			return []any{u.Low, u.High, string(u.Status), u.Conflicting, u.UpdatedAt}
		})
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
