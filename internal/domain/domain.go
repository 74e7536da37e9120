// Package domain holds the values that flow between analysis, storage and the
// API. It has no I/O and no dependencies beyond the standard library, so every
// other package can share one vocabulary without import cycles.
package domain

import "time"

// Status is how certain a statement, figure or claim is, relative to its
// source. Claims aggregate it across sources, which is where Disputed arises.
type Status string

// The statuses the contract defines. Disputed only ever applies to claims.
const (
	Confirmed   Status = "CONFIRMED"
	Claimed     Status = "CLAIMED"
	Unconfirmed Status = "UNCONFIRMED"
	Denied      Status = "DENIED"
	Disputed    Status = "DISPUTED"
)

// Valid reports whether s is one of the five statuses, so that input from
// clients and databases can be checked before it is trusted.
func (s Status) Valid() bool {
	switch s {
	case Confirmed, Claimed, Unconfirmed, Denied, Disputed:
		return true
	}
	return false
}

// EntityKind says what sort of thing an entity is; speakers of different kinds
// resolve pronouns differently ("he" vs "the ministry").
type EntityKind string

// The entity kinds the contract defines.
const (
	KindCountry      EntityKind = "COUNTRY"
	KindPerson       EntityKind = "PERSON"
	KindOrganization EntityKind = "ORGANIZATION"
	KindGroup        EntityKind = "GROUP"
	KindLocation     EntityKind = "LOCATION"
	KindOther        EntityKind = "OTHER"
)

// Span is a half-open range [Start, End) of Unicode code point offsets into
// an article body. Code points, not bytes, because that is what the API
// promises to JavaScript and Python clients.
type Span struct {
	Start int
	End   int
}

// Article is a stored news article. Bodies are immutable once stored: ingest
// is idempotent and re-ingesting returns the stored article unchanged.
type Article struct {
	ID          int64
	Title       string
	Body        string
	URL         *string
	Outlet      *string
	PublishedAt *time.Time
	IngestedAt  time.Time
	// DuplicateOfID points at an earlier article this one repeats
	// (near-)verbatim, so clients can collapse syndicated copies.
	DuplicateOfID *int64
}

// Entity is a country, person, organisation... resolved to one canonical
// name, with every other way it has been written collected as aliases.
type Entity struct {
	ID      int64
	Name    string
	Kind    EntityKind
	Aliases []string
}

// Statement is one attribution event: someone says, warns, denies or
// confirms something in one sentence of an article.
type Statement struct {
	ID        int64
	ArticleID int64
	// Ordinal orders statements in text order within their article.
	Ordinal int
	// SpeakerIDs is empty when the article speaks in its own voice.
	SpeakerIDs []int64
	Cue        string
	Status     Status
	Text       string
	Span       Span
	// CueSpan locates the attribution words; ContentSpan what is
	// reported, nil when it cannot be delimited.
	CueSpan     Span
	ContentSpan *Span
	ClaimID     *int64
}

// Mention is one place where a statement names or refers to a source, as
// written ("he", "the spokesman", "Seoul"), so that front ends can
// highlight who said what.
type Mention struct {
	StatementID int64
	// ArticleID is the article of the statement: the mention's entity is
	// one of that article's entities, and is read from its list.
	ArticleID int64
	Text      string
	Span      Span
	// EntityID is what the mention resolves to; nil when unresolved.
	EntityID *int64
}

// Figure is a number that counts or measures something, normalised so that
// figures from different articles can be compared and filtered.
type Figure struct {
	ID          int64
	ArticleID   int64
	StatementID *int64
	// Ordinal orders figures in text order within their article.
	Ordinal     int
	Text        string
	Value       float64
	Low         *float64
	High        *float64
	Approximate bool
	Subject     string
	Head        string
	Unit        *string
	SourceID    *int64
	Status      Status
	Span        Span
	// SeriesID is the series of figures that measure the same quantity.
	SeriesID int64
}

// FigureSeries is one quantity in the world that several figures estimate
// or update, within and across articles: the timeline a reader follows
// ("North Korean troops in Russia").
type FigureSeries struct {
	ID int64
	// Label names the quantity like a headline fragment.
	Label string
	// Head is the head noun its figures share, lowercase singular.
	Head string
	Unit *string
	// Low and High are the smallest and largest values any figure gives.
	Low, High float64
	// Status aggregates the statuses of its figures as for claims.
	Status Status
	// Conflicting is true when two sources give values that cannot both
	// hold at about the same time (see stories.Conflicting).
	Conflicting bool
	// UpdatedAt is the publication time of its latest figure.
	UpdatedAt time.Time
}

// Claim is a proposition tracked across statements and articles. Its status
// is the aggregate of the statuses of all its statements.
type Claim struct {
	ID int64
	// Key is the normalised proposition that statements are grouped by
	// across articles; it is never shown to clients.
	Key         string
	Text        string
	Status      Status
	FirstSeenAt time.Time
	UpdatedAt   time.Time
}

// ClaimChange records one change of a claim's aggregate status, so clients
// can show how a story moved from CLAIMED to DISPUTED to CONFIRMED.
type ClaimChange struct {
	ID        int64
	ClaimID   int64
	ArticleID int64
	From      *Status
	To        Status
	At        time.Time
}
