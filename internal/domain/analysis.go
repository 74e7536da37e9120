package domain

// Analysis is what the pipeline finds in one article: plain values with no
// database identity. Cross references are indices into the slices of the same
// Analysis, so the pipeline stays pure and storage assigns IDs in one
// transaction.
type Analysis struct {
	Entities   []FoundEntity
	Statements []FoundStatement
	Figures    []FoundFigure
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
}
