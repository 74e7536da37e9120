package storage

import "time"

// The rows below are the database shape of the domain types. They stay
// unexported so that nothing outside storage depends on column layout; the
// association fields exist only so that AutoMigrate declares foreign keys and
// are never filled.

// articleRow is one stored article. IngestKey makes ingest idempotent and
// Fingerprint finds syndicated copies.
type articleRow struct {
	ID            int64       `gorm:"primaryKey"`
	IngestKey     string      `gorm:"not null;uniqueIndex"`
	Title         string      `gorm:"not null"`
	Body          string      `gorm:"not null"`
	URL           *string     `gorm:"column:url"`
	Outlet        *string     `gorm:"index"`
	PublishedAt   *time.Time  `gorm:"index"`
	IngestedAt    time.Time   `gorm:"not null"`
	Fingerprint   string      `gorm:"not null;index"`
	DuplicateOfID *int64      `gorm:"index"`
	DuplicateOf   *articleRow `gorm:"foreignKey:DuplicateOfID;constraint:OnDelete:SET NULL"`
	// AnalysisVersion names the rules that produced the stored analysis;
	// re-analysis looks for articles whose version is not the current one.
	AnalysisVersion string `gorm:"not null;default:'';index"`
}

func (articleRow) TableName() string { return "articles" }

// storyTime is the article's place in a story's timeline: its publication
// time, else its ingest time.
func (a *articleRow) storyTime() time.Time {
	if a.PublishedAt != nil {
		return a.PublishedAt.UTC()
	}
	return a.IngestedAt.UTC()
}

// entityRow is one canonical entity. NameKey is the case-folded name that
// makes "south korea" and "South Korea" the same entity.
type entityRow struct {
	ID      int64  `gorm:"primaryKey"`
	Name    string `gorm:"not null;index"`
	NameKey string `gorm:"not null;uniqueIndex"`
	Kind    string `gorm:"not null;index"`
}

func (entityRow) TableName() string { return "entities" }

// aliasRow is another way an entity was written; AliasKey is case-folded for
// search and to keep one spelling per entity.
type aliasRow struct {
	ID       int64      `gorm:"primaryKey"`
	EntityID int64      `gorm:"not null;uniqueIndex:entity_aliases_entity_alias,priority:1"`
	Alias    string     `gorm:"not null"`
	AliasKey string     `gorm:"not null;uniqueIndex:entity_aliases_entity_alias,priority:2;index"`
	Entity   *entityRow `gorm:"foreignKey:EntityID;constraint:OnDelete:CASCADE"`
}

func (aliasRow) TableName() string { return "entity_aliases" }

// articleEntityRow links an article to an entity it mentions; Ordinal is the
// order of first mention in the body.
type articleEntityRow struct {
	ArticleID int64       `gorm:"primaryKey;autoIncrement:false"`
	EntityID  int64       `gorm:"primaryKey;autoIncrement:false;index"`
	Ordinal   int         `gorm:"not null"`
	Article   *articleRow `gorm:"foreignKey:ArticleID;constraint:OnDelete:CASCADE"`
	Entity    *entityRow  `gorm:"foreignKey:EntityID;constraint:OnDelete:CASCADE"`
}

func (articleEntityRow) TableName() string { return "article_entities" }

// statementRow is one attribution event in an article.
type statementRow struct {
	ID        int64  `gorm:"primaryKey"`
	ArticleID int64  `gorm:"not null;uniqueIndex:statements_article_ordinal,priority:1"`
	Ordinal   int    `gorm:"not null;uniqueIndex:statements_article_ordinal,priority:2"`
	Cue       string `gorm:"not null"`
	Status    string `gorm:"not null;index;index:statements_claim_status,priority:2"`
	Text      string `gorm:"not null"`
	SpanStart int    `gorm:"not null"`
	SpanEnd   int    `gorm:"not null"`
	// (claim_id, status) answers which statuses a claim's statements have
	// from the index alone.
	ClaimID *int64 `gorm:"index:statements_claim_status,priority:1"`
	// At is the article's place in a story's timeline (its publication
	// time, else its ingest time), kept on the statement so that a
	// claim's statements are read oldest article first from the index
	// statements_claim_at (claim_id, at, article_id, ordinal), a page at a
	// time, however many statements the claim has.
	At *time.Time
	// The cue and the reported content, for highlighting; the content
	// is absent when it cannot be delimited.
	CueStart, CueEnd         int `gorm:"not null;default:0"`
	ContentStart, ContentEnd *int
	Article                  *articleRow `gorm:"foreignKey:ArticleID;constraint:OnDelete:CASCADE"`
	Claim                    *claimRow   `gorm:"foreignKey:ClaimID;constraint:OnDelete:SET NULL"`
}

func (statementRow) TableName() string { return "statements" }

// sourceRow is one source of a statement as the statement writes it:
// "he", "the spokesman", "Seoul", with the entity it resolves to.
type sourceRow struct {
	StatementID int64         `gorm:"primaryKey;autoIncrement:false"`
	Position    int           `gorm:"primaryKey;autoIncrement:false"`
	Text        string        `gorm:"not null"`
	SpanStart   int           `gorm:"not null"`
	SpanEnd     int           `gorm:"not null"`
	EntityID    *int64        `gorm:"index"`
	Statement   *statementRow `gorm:"foreignKey:StatementID;constraint:OnDelete:CASCADE"`
	Entity      *entityRow    `gorm:"foreignKey:EntityID;constraint:OnDelete:SET NULL"`
}

func (sourceRow) TableName() string { return "statement_sources" }

// speakerRow says who made a statement; Position keeps the speakers in the
// order the analysis gave them.
type speakerRow struct {
	StatementID int64         `gorm:"primaryKey;autoIncrement:false"`
	EntityID    int64         `gorm:"primaryKey;autoIncrement:false;index"`
	Position    int           `gorm:"not null"`
	Statement   *statementRow `gorm:"foreignKey:StatementID;constraint:OnDelete:CASCADE"`
	Entity      *entityRow    `gorm:"foreignKey:EntityID;constraint:OnDelete:CASCADE"`
}

func (speakerRow) TableName() string { return "statement_speakers" }

// mentionRow says that an entity is named inside a statement's sentence, so
// that claims can be found by the entities they are about.
type mentionRow struct {
	StatementID int64         `gorm:"primaryKey;autoIncrement:false"`
	EntityID    int64         `gorm:"primaryKey;autoIncrement:false;index"`
	Statement   *statementRow `gorm:"foreignKey:StatementID;constraint:OnDelete:CASCADE"`
	Entity      *entityRow    `gorm:"foreignKey:EntityID;constraint:OnDelete:CASCADE"`
}

func (mentionRow) TableName() string { return "statement_mentions" }

// figureRow is one normalised number in an article.
type figureRow struct {
	ID          int64   `gorm:"primaryKey"`
	ArticleID   int64   `gorm:"not null;uniqueIndex:figures_article_ordinal,priority:1"`
	StatementID *int64  `gorm:"index"`
	Ordinal     int     `gorm:"not null;uniqueIndex:figures_article_ordinal,priority:2"`
	Text        string  `gorm:"not null"`
	Value       float64 `gorm:"not null;index"`
	Low         *float64
	High        *float64
	Approximate bool   `gorm:"not null"`
	Subject     string `gorm:"not null"`
	Head        string `gorm:"not null"` // indexed by figures_head_id_value
	Unit        *string
	SourceID    *int64 `gorm:"index"`
	SeriesID    *int64 `gorm:"index:figures_series_at,priority:1"`
	// At is the article's place in a story's timeline (its publication
	// time, else its ingest time), kept on the figure so that the figures
	// of a series near one date are found by index.
	At        *time.Time    `gorm:"index:figures_series_at,priority:2"`
	Status    string        `gorm:"not null;index"`
	SpanStart int           `gorm:"not null"`
	SpanEnd   int           `gorm:"not null"`
	Article   *articleRow   `gorm:"foreignKey:ArticleID;constraint:OnDelete:CASCADE"`
	Statement *statementRow `gorm:"foreignKey:StatementID;constraint:OnDelete:SET NULL"`
	Source    *entityRow    `gorm:"foreignKey:SourceID;constraint:OnDelete:SET NULL"`
}

func (figureRow) TableName() string { return "figures" }

// seriesRow is one quantity that figures measure. Key is the blocking key
// of internal/stories; the aggregates are recomputed by every ingest that
// adds a figure to the series.
type seriesRow struct {
	ID          int64  `gorm:"primaryKey;index:series_updated_id,priority:2"`
	Key         string `gorm:"not null;uniqueIndex"`
	Label       string `gorm:"not null"`
	LabelFold   string `gorm:"not null"`
	Head        string `gorm:"not null;index"`
	Unit        *string
	Low         float64 `gorm:"not null"`
	High        float64 `gorm:"not null"`
	Status      string  `gorm:"not null;index"`
	Conflicting bool    `gorm:"not null;index"`
	// (updated_at, id) is the keyset order of series lists.
	UpdatedAt time.Time `gorm:"not null;autoUpdateTime:false;index:series_updated_id,priority:1"`
}

func (seriesRow) TableName() string { return "series" }

// claimRow is a proposition tracked across articles. TextFold is the
// case-folded text that search matches against; Status is the aggregate of
// its statements, kept up to date by every ingest that touches the claim.
type claimRow struct {
	ID          int64     `gorm:"primaryKey;index:claims_updated_id,priority:2"`
	Key         string    `gorm:"not null;uniqueIndex"`
	Text        string    `gorm:"not null"`
	TextFold    string    `gorm:"not null"`
	Status      string    `gorm:"not null;index"`
	FirstSeenAt time.Time `gorm:"not null"`
	// (updated_at, id) is the keyset order of claim lists.
	UpdatedAt time.Time `gorm:"not null;autoUpdateTime:false;index:claims_updated_id,priority:1"`
}

func (claimRow) TableName() string { return "claims" }

// claimChangeRow records one change of a claim's aggregate status and the
// article that caused it.
type claimChangeRow struct {
	ID         int64 `gorm:"primaryKey"`
	ClaimID    int64 `gorm:"not null;index"`
	ArticleID  int64 `gorm:"not null;index"`
	FromStatus *string
	ToStatus   string      `gorm:"not null"`
	At         time.Time   `gorm:"not null"`
	Claim      *claimRow   `gorm:"foreignKey:ClaimID;constraint:OnDelete:CASCADE"`
	Article    *articleRow `gorm:"foreignKey:ArticleID;constraint:OnDelete:CASCADE"`
}

func (claimChangeRow) TableName() string { return "claim_changes" }

// redirectRow sends the ID of an entity, claim or series that re-analysis
// merged into another to the one that absorbed it, so that IDs clients
// hold keep resolving. Redirects are kept flat: ToID is never itself
// redirected.
type redirectRow struct {
	Kind   string `gorm:"primaryKey"`
	FromID int64  `gorm:"primaryKey;autoIncrement:false"`
	ToID   int64  `gorm:"not null;index"`
}

func (redirectRow) TableName() string { return "redirects" }

// apiKeyRow is an API key. Hash is the hex SHA-256 of the secret, which is
// never stored; a revoked key keeps its row so listings show its history.
type apiKeyRow struct {
	ID         int64      `gorm:"primaryKey"`
	Name       string     `gorm:"not null"`
	Role       string     `gorm:"not null"`
	Hash       string     `gorm:"not null;uniqueIndex"`
	CreatedAt  time.Time  `gorm:"not null;autoCreateTime:false"`
	RevokedAt  *time.Time `gorm:"index"`
	LastUsedAt *time.Time
}

func (apiKeyRow) TableName() string { return "api_keys" }

// allModels lists every table in creation order, parents first.
func allModels() []any {
	return []any{
		&articleRow{}, &entityRow{}, &aliasRow{}, &articleEntityRow{}, &seriesRow{},
		&claimRow{}, &statementRow{}, &speakerRow{}, &mentionRow{}, &sourceRow{},
		&figureRow{}, &claimChangeRow{}, &redirectRow{}, &apiKeyRow{},
		&eventRow{},
	}
}
