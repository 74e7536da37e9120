package domain

import "time"

// The filters below narrow list queries. Every field is optional: nil means
// "no constraint", so that one struct serves every combination a client sends.

// ArticleFilter narrows a list of articles.
type ArticleFilter struct {
	Outlet          *string
	PublishedAfter  *time.Time
	PublishedBefore *time.Time
	// Search matches words of the title or body (full-text search).
	Search   *string
	EntityID *int64
}

// ClaimFilter narrows a list of claims.
type ClaimFilter struct {
	Status   *Status
	EntityID *int64
	Search   *string
}

// FigureFilter narrows a list of figures.
type FigureFilter struct {
	Head      *string
	Status    *Status
	SourceID  *int64
	ArticleID *int64
	MinValue  *float64
	MaxValue  *float64
}

// EntityFilter narrows a list of entities.
type EntityFilter struct {
	Kind *EntityKind
	// Search matches the name or any alias, ignoring case.
	Search *string
}

// NewArticle is what a client submits for ingest, after validation.
type NewArticle struct {
	Title       string
	Body        string
	URL         *string
	Outlet      *string
	PublishedAt *time.Time
}

// SeriesFilter narrows a list of figure series.
type SeriesFilter struct {
	Search      *string
	EntityID    *int64
	Head        *string
	Conflicting *bool
	Status      *Status
}
