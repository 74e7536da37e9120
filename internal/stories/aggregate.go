package stories

import (
	"math"
	"slices"
	"time"
)

// Observation is one figure of a series as the conflict rule sees it.
type Observation struct {
	// Source identifies who gives the figure; 0 is the article's own voice,
	// which contradicts nobody.
	Source      int64
	Value       float64
	Low, High   *float64
	Approximate bool
	// Scale turns the value into the series' common unit (12 for years in
	// a series of months); 0 means 1.
	Scale float64
	// At is the publication time of the figure's article.
	At time.Time
}

// ConflictWindow is how close in time two figures must be for different
// values to contradict: a count a fortnight later may simply have moved.
const ConflictWindow = 14 * 24 * time.Hour

// Interval is the set of values a figure allows, in the series' common
// unit, rounding included: two figures conflict only when their intervals
// are disjoint, which lets a store look for the figures that may conflict
// with a new one instead of reading them all.
func (o Observation) Interval() (lo, hi float64) {
	s := o.Scale
	if s == 0 {
		s = 1
	}
	lo, hi = o.Value*s, o.Value*s
	if o.Low != nil {
		lo = *o.Low * s
		hi = math.Inf(1)
	}
	if o.High != nil {
		hi = *o.High * s
		if o.Low == nil {
			lo = 0
		}
	}
	if o.Low != nil && o.High != nil {
		lo, hi = *o.Low*s, *o.High*s
	}
	// rounding: a plain number allows 5%, an approximate one 15%
	tol := 0.05
	if o.Approximate {
		tol = 0.15
	}
	return lo * (1 - tol), hi * (1 + tol)
}

// Conflicts reports whether a and b contradict each other: two different
// named sources whose values cannot both hold, published within
// ConflictWindow of each other. Bounds, ranges and rounding count: "more
// than 10,000" does not contradict 12,000, nor "about 1,000" 1,100.
func Conflicts(a, b Observation) bool {
	if a.Source == 0 || b.Source == 0 || a.Source == b.Source {
		return false
	}
	d := a.At.Sub(b.At)
	if d < 0 {
		d = -d
	}
	if d > ConflictWindow {
		return false
	}
	alo, ahi := a.Interval()
	blo, bhi := b.Interval()
	return ahi < blo || bhi < alo
}

// Conflicting reports whether any two of obs conflict. Only figures within
// ConflictWindow of each other can, so after a sort by time each figure is
// compared with those of the following fortnight alone: a long-running
// series costs its length times the density of reports, not its length
// squared. obs is reordered.
func Conflicting(obs []Observation) bool {
	slices.SortFunc(obs, func(a, b Observation) int { return a.At.Compare(b.At) })
	for i := range obs {
		for j := i + 1; j < len(obs) && obs[j].At.Sub(obs[i].At) <= ConflictWindow; j++ {
			if Conflicts(obs[i], obs[j]) {
				return true
			}
		}
	}
	return false
}

// DurationScale is the factor that turns a duration head into months, so
// that "31 months" and "two and a half years" compare; 0 for other heads.
func DurationScale(head string) float64 {
	switch head {
	case "year":
		return 12
	case "month":
		return 1
	case "week":
		return 7.0 / 30.44
	case "day":
		return 1 / 30.44
	}
	return 0
}
