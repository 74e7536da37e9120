package storage

import (
	"time"

	"github.com/factgraph/factgraph/internal/domain"
)

// The functions below turn rows into domain values. Times come back in UTC
// whatever zone the driver chose, so callers compare and print them alike on
// both databases.

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func (r *articleRow) toDomain() *domain.Article {
	return &domain.Article{
		ID:            r.ID,
		Title:         r.Title,
		Body:          r.Body,
		URL:           r.URL,
		Outlet:        r.Outlet,
		PublishedAt:   utcPtr(r.PublishedAt),
		IngestedAt:    r.IngestedAt.UTC(),
		DuplicateOfID: r.DuplicateOfID,
	}
}

func (r *entityRow) toDomain(aliases []string) *domain.Entity {
	if aliases == nil {
		aliases = []string{}
	}
	return &domain.Entity{ID: r.ID, Name: r.Name, Kind: domain.EntityKind(r.Kind), Aliases: aliases}
}

func (r *statementRow) toDomain(speakers []int64) *domain.Statement {
	if speakers == nil {
		speakers = []int64{}
	}
	return &domain.Statement{
		ID:         r.ID,
		ArticleID:  r.ArticleID,
		Ordinal:    r.Ordinal,
		SpeakerIDs: speakers,
		Cue:        r.Cue,
		Status:     domain.Status(r.Status),
		Text:       r.Text,
		Span:       domain.Span{Start: r.SpanStart, End: r.SpanEnd},
		CueSpan:    domain.Span{Start: r.CueStart, End: r.CueEnd},
		ContentSpan: func() *domain.Span {
			if r.ContentStart == nil || r.ContentEnd == nil {
				return nil
			}
			return &domain.Span{Start: *r.ContentStart, End: *r.ContentEnd}
		}(),
		ClaimID: r.ClaimID,
	}
}

func (r *figureRow) toDomain() *domain.Figure {
	return &domain.Figure{
		ID:          r.ID,
		ArticleID:   r.ArticleID,
		StatementID: r.StatementID,
		Ordinal:     r.Ordinal,
		Text:        r.Text,
		Value:       r.Value,
		Low:         r.Low,
		High:        r.High,
		Approximate: r.Approximate,
		Subject:     r.Subject,
		Head:        r.Head,
		Unit:        r.Unit,
		SourceID:    r.SourceID,
		Status:      domain.Status(r.Status),
		Span:        domain.Span{Start: r.SpanStart, End: r.SpanEnd},
		SeriesID:    derefID(r.SeriesID),
	}
}

// derefID is 0 for a missing ID.
func derefID(id *int64) int64 {
	if id == nil {
		return 0
	}
	return *id
}

func (r *claimRow) toDomain() *domain.Claim {
	return &domain.Claim{
		ID:          r.ID,
		Key:         r.Key,
		Text:        r.Text,
		Status:      domain.Status(r.Status),
		FirstSeenAt: r.FirstSeenAt.UTC(),
		UpdatedAt:   r.UpdatedAt.UTC(),
	}
}

func (r *claimChangeRow) toDomain() *domain.ClaimChange {
	c := &domain.ClaimChange{
		ID:        r.ID,
		ClaimID:   r.ClaimID,
		ArticleID: r.ArticleID,
		To:        domain.Status(r.ToStatus),
		At:        r.At.UTC(),
	}
	if r.FromStatus != nil {
		from := domain.Status(*r.FromStatus)
		c.From = &from
	}
	return c
}

func (r *seriesRow) toDomain() *domain.FigureSeries {
	return &domain.FigureSeries{
		ID: r.ID, Label: r.Label, Head: r.Head, Unit: r.Unit, Low: r.Low, High: r.High,
		Status: domain.Status(r.Status), Conflicting: r.Conflicting, UpdatedAt: r.UpdatedAt.UTC(),
	}
}
