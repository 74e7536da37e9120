package domain

// Analysis is what the pipeline finds in one article: plain values with no
// database identity. Cross references are indices into the slices of the same
// Analysis, so the pipeline stays pure and storage assigns IDs in one
// transaction.
type Analysis struct {
	Entities   []FoundEntity
	Statements []FoundStatement
	Figures    []FoundFigure
	// Topic is the place or named event the article is about ("Derna",
	// "Helene", "France"), lowercased; figures that name no owner or place
	// of their own are taken to be about it. Empty when none stands out.
	Topic string
	// Version names the rules that produced this analysis, so that stored
	// articles analysed by older rules can be found and analysed again.
	// Set by the caller that runs the whole pipeline, not by its stages.
	Version string `json:"-"`
}

// Measure says what a figure measures, in normalised words, so that figures
// of different articles that count the same thing can be found to match
// whatever their wording. Empty fields are unknown.
type Measure struct {
	// Class is the counted thing with synonyms folded: "troop" for troops,
	// soldiers and military personnel; "person" for people, the dead and
	// victims; "special force"; the unit for money and percentages.
	Class string
	// Owner is the canonical name of whose the counted thing is: "North
	// Korea" for "North Korean troops" or "Pyongyang sent 1,500 soldiers".
	Owner string
	// OwnerDemonym is the adjective of a country owner ("North Korean"),
	// for labels; empty otherwise.
	OwnerDemonym string
	// Place is the place scope, lowercased: "russia", "kursk", "paris".
	Place string
	// Region is true when Place is narrower than a country.
	Region bool
	// Event is what happened to the counted thing: "present" (deployed,
	// stationed), "planned", "dead", "wounded", "casualty" (dead or
	// wounded), "missing", "displaced", "turnout", or for durations and
	// rates the event noun ("invasion"); a rate adds "/day".
	Event string
}

// Frame is the proposition a statement reports, reduced to a predicate
// and its arguments, so that statements in different words and articles
// about one proposition can be grouped.
type Frame struct {
	// Predicate is a concept from the lexicon: "deploy", "plan", "combat",
	// "casualty", "arms", ...; empty when the content names none.
	Predicate string
	// Owner is the canonical name of the actor the proposition is about.
	Owner string
	// Place is a place narrower than a country that the proposition is
	// about ("kursk"), lowercased, or empty.
	Place string
	// Anaphoric is true when the content only points back at an earlier
	// proposition ("denied the reports", "could not confirm them").
	Anaphoric bool
}

// FoundEntity is an entity as the article mentions it: its canonical name,
// kind, and every other form used in this article.
type FoundEntity struct {
	Name    string
	Kind    EntityKind
	Aliases []string
	// Mentions are the spans where the entity is named in the body.
	Mentions []Span
}

// FoundStatement is an attribution event found in the body.
type FoundStatement struct {
	// Speakers are indices into Analysis.Entities; empty for the article's
	// own voice.
	Speakers []int
	Cue      string
	// CueSpan locates the attribution words in the body.
	CueSpan Span
	Status  Status
	// Text is the whole sentence that carries the statement; Span is its
	// location in the body.
	Text string
	Span Span
	// ClaimKey groups statements about the same proposition across
	// articles; empty when the statement carries no proposition.
	ClaimKey string
	// ClaimText is a readable form of the proposition.
	ClaimText string
	// Content is the reported content without the cue and speaker; empty
	// when the statement reports no content of its own.
	Content Span
	// Frame is the normalised proposition of the content.
	Frame Frame
	// SourceMentions are the speakers as this statement writes them
	// ("he", "the spokesman", "Seoul"), for highlighting; Entity is an
	// index into Analysis.Entities, or -1 when the mention resolves to
	// nothing.
	SourceMentions []FoundMention
}

// FoundMention is one place where an entity is named or referred to.
type FoundMention struct {
	Span   Span
	Entity int
}

// FoundFigure is a number found in the body, normalised.
type FoundFigure struct {
	Text        string
	Value       float64
	Low         *float64
	High        *float64
	Approximate bool
	Subject     string
	Head        string
	Unit        string
	// Source is an index into Analysis.Entities, or -1 for the article's own
	// voice. When several parties give a figure together the pipeline adds
	// one GROUP entity named after them all ("France and Germany").
	Source int
	// Statement is an index into Analysis.Statements, or -1 when no
	// statement carries the figure.
	Statement int
	Status    Status
	Span      Span
	// Measure is what the figure measures, normalised.
	Measure Measure
	// SeriesKey groups figures that measure the same quantity across
	// articles; empty for a figure that measures nothing else does.
	SeriesKey string
	// SeriesLabel is a readable name of the quantity ("North Korean troops
	// in Russia").
	SeriesLabel string
}
