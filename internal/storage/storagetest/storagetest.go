// Package storagetest is the conformance suite every storage backend must
// pass. It lives in a non-test file so that the SQLite and Postgres tests
// (and any future backend) run the very same checks.
package storagetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
	"gorm.io/gorm"
)

// Run runs the conformance suite. open must return a new, empty Store for
// each call; the suite calls it once per subtest so that subtests never see
// each other's data.
func Run(t *testing.T, open func(t *testing.T) *storage.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s *storage.Store)
	}{
		{"IngestAndReadBack", testIngestAndReadBack},
		{"IdempotentByURL", testIdempotentByURL},
		{"IdempotentByText", testIdempotentByText},
		{"DuplicateOf", testDuplicateOf},
		{"EntitiesMergeAcrossArticles", testEntitiesMerge},
		{"ClaimAggregateAcrossArticles", testClaimAggregate},
		{"SeriesAcrossArticles", testSeriesAcrossArticles},
		{"BatchReadsAlignToKeys", testBatchAlignment},
		{"BatchReadsConstantStatements", testBatchStatementCount},
		{"ListArticles", testListArticles},
		{"ListEntities", testListEntities},
		{"ListClaims", testListClaims},
		{"ListFigures", testListFigures},
		{"FullTextSearch", testSearch},
		{"InvalidRequests", testInvalidRequests},
		{"InvalidAnalysisWritesNothing", testInvalidAnalysis},
		{"FailedWriteRollsBack", testRollback},
		{"ConcurrentIdenticalIngest", testConcurrentIdentical},
		{"ConcurrentSharedClaim", testConcurrentSharedClaim},
		{"Reanalyze", testReanalyze},
		{"IncrementalAggregatesMatchFull", testIncrementalAggregates},
		{"ReanalyzeWhileReading", testReanalyzeWhileReading},
		{"BatchIngest", testBatchIngest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			tt.fn(t, s)
		})
	}
}

// ---- fixtures ----

// span locates the first occurrence of sub in body in code points, as the
// analysis reports spans.
func span(t *testing.T, body, sub string) domain.Span {
	t.Helper()
	i := strings.Index(body, sub)
	if i < 0 {
		t.Fatalf("fixture: %q not in body", sub)
	}
	start := utf8.RuneCountInString(body[:i])
	return domain.Span{Start: start, End: start + utf8.RuneCountInString(sub)}
}

func ptr[T any](v T) *T { return &v }

// fixed returns an analyze function that returns an and counts its calls.
func fixed(an domain.Analysis, calls *atomic.Int32) func(string, string) domain.Analysis {
	return func(string, string) domain.Analysis {
		if calls != nil {
			calls.Add(1)
		}
		return an
	}
}

func ctx(t *testing.T) context.Context { return t.Context() }

// troopsBody is the main fixture article.
const troopsBody = "South Korea's spy agency said 10,000 North Korean soldiers were sent to Russia. " +
	"Moscow denied the report. Zelensky said about 12,000 troops were involved, and Seoul confirmed it."

const troopsClaim = "north korea sent troops to russia"

// troopsAnalysis is a hand-built analysis of troopsBody. Entities are
// listed out of mention order on purpose (Russia before South Korea) so that
// first-mention ordering is checked.
func troopsAnalysis(t *testing.T) domain.Analysis {
	b := troopsBody
	s1 := "South Korea's spy agency said 10,000 North Korean soldiers were sent to Russia."
	s2 := "Moscow denied the report."
	s3 := "Zelensky said about 12,000 troops were involved, and Seoul confirmed it."
	return domain.Analysis{
		Entities: []domain.FoundEntity{
			{Name: "Russia", Kind: domain.KindCountry, Aliases: []string{"Moscow"},
				Mentions: []domain.Span{span(t, b, "Russia"), span(t, b, "Moscow")}},
			{Name: "South Korea", Kind: domain.KindCountry, Aliases: []string{"Seoul"},
				Mentions: []domain.Span{span(t, b, "South Korea"), span(t, b, "Seoul")}},
			{Name: "National Intelligence Service", Kind: domain.KindOrganization, Aliases: []string{"spy agency", "Spy Agency"},
				Mentions: []domain.Span{span(t, b, "spy agency")}},
			{Name: "North Korea", Kind: domain.KindCountry, Aliases: []string{"North Korean"},
				Mentions: []domain.Span{span(t, b, "North Korean")}},
			{Name: "Volodymyr Zelenskyy", Kind: domain.KindPerson, Aliases: []string{"Zelensky"},
				Mentions: []domain.Span{span(t, b, "Zelensky")}},
		},
		Statements: []domain.FoundStatement{
			{Speakers: []int{2}, Cue: "said", CueSpan: span(t, b, "said"), Status: domain.Claimed,
				Text: s1, Span: span(t, b, s1), ClaimKey: troopsClaim, ClaimText: "North Korea sent troops to Russia",
				Content:        span(t, b, "10,000 North Korean soldiers were sent to Russia"),
				SourceMentions: []domain.FoundMention{{Span: span(t, b, "South Korea's spy agency"), Entity: 2}}},
			{Speakers: []int{0}, Cue: "denied", CueSpan: span(t, b, "denied"), Status: domain.Denied,
				Text: s2, Span: span(t, b, s2), ClaimKey: troopsClaim, ClaimText: "North Korea sent troops to Russia",
				SourceMentions: []domain.FoundMention{{Span: span(t, b, "Moscow"), Entity: 0}}},
			{Speakers: []int{4, 1}, Cue: "said", Status: domain.Claimed, Text: s3, Span: span(t, b, s3),
				SourceMentions: []domain.FoundMention{{Span: span(t, b, "Zelensky"), Entity: 4}, {Span: span(t, b, "Seoul"), Entity: 1},
					{Span: span(t, b, "it."), Entity: -1}}},
		},
		Figures: []domain.FoundFigure{
			// Listed out of text order on purpose.
			{Text: "about 12,000", Value: 12000, Approximate: true, Subject: "troops", Head: "troop",
				Source: 4, Statement: 2, Status: domain.Claimed, Span: span(t, b, "about 12,000")},
			{Text: "10,000", Value: 10000, Low: ptr(10000.0), Subject: "North Korean soldiers", Head: "soldier",
				Source: 2, Statement: 0, Status: domain.Claimed, Span: span(t, b, "10,000")},
		},
	}
}

func troopsArticle() domain.NewArticle {
	return domain.NewArticle{
		Title:       "Seoul says North Korean troops sent to Russia",
		Body:        troopsBody,
		URL:         ptr("https://example.com/troops"),
		Outlet:      ptr("Reuters"),
		PublishedAt: ptr(time.Date(2024, 10, 18, 9, 30, 0, 0, time.FixedZone("KST", 9*3600))),
	}
}

// simple builds an article with one statement on claimKey by speaker, with
// the given status, and one figure.
type simple struct {
	title, body, url, outlet string
	published                time.Time
	speaker                  string
	kind                     domain.EntityKind
	status                   domain.Status
	claimKey, claimText      string
	head                     string
	value                    float64
}

func (sa simple) article() domain.NewArticle {
	a := domain.NewArticle{Title: sa.title, Body: sa.body}
	if sa.url != "" {
		a.URL = ptr(sa.url)
	}
	if sa.outlet != "" {
		a.Outlet = ptr(sa.outlet)
	}
	if !sa.published.IsZero() {
		a.PublishedAt = ptr(sa.published)
	}
	return a
}

func (sa simple) analysis(t *testing.T) domain.Analysis {
	an := domain.Analysis{}
	kind := sa.kind
	if kind == "" {
		kind = domain.KindPerson
	}
	if sa.speaker != "" {
		an.Entities = []domain.FoundEntity{{Name: sa.speaker, Kind: kind, Mentions: []domain.Span{span(t, sa.body, sa.speaker)}}}
	}
	speakers := []int{}
	source := -1
	if sa.speaker != "" {
		speakers = []int{0}
		source = 0
	}
	status := sa.status
	if status == "" {
		status = domain.Claimed
	}
	an.Statements = []domain.FoundStatement{{
		Speakers: speakers, Cue: "said", Status: status, Text: sa.body,
		Span: domain.Span{Start: 0, End: utf8.RuneCountInString(sa.body)}, ClaimKey: sa.claimKey, ClaimText: sa.claimText,
	}}
	if sa.head != "" {
		an.Figures = []domain.FoundFigure{{
			Text: fmt.Sprint(sa.value), Value: sa.value, Subject: sa.head + "s", Head: sa.head,
			Source: source, Statement: 0, Status: status, Span: domain.Span{Start: 0, End: 1},
		}}
	}
	return an
}

func ingest(t *testing.T, s *storage.Store, in domain.NewArticle, an domain.Analysis) *domain.Article {
	t.Helper()
	a, created, err := s.IngestArticle(ctx(t), in, fixed(an, nil))
	if err != nil {
		t.Fatalf("IngestArticle(%q): %v", in.Title, err)
	}
	if !created {
		t.Fatalf("IngestArticle(%q): created = false, want true", in.Title)
	}
	return a
}

func noErrs(t *testing.T, op string, errs []error) {
	t.Helper()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("%s: %v", op, err)
		}
	}
}

// result holds what a batch read returned, so that one call can be checked
// inline: res(s.ArticlesByIDs(ctx, ids)).one(t, "ArticlesByIDs").
type result[T any] struct {
	items []T
	errs  []error
}

func res[T any](items []T, errs []error) result[T] { return result[T]{items, errs} }

// one returns the only result of a one-key batch.
func (r result[T]) one(t *testing.T, op string) T {
	t.Helper()
	noErrs(t, op, r.errs)
	if len(r.items) != 1 {
		t.Fatalf("%s: got %d results for 1 key", op, len(r.items))
	}
	return r.items[0]
}

// all returns the results of a batch, checking they align to n keys.
func (r result[T]) all(t *testing.T, op string, n int) []T {
	t.Helper()
	noErrs(t, op, r.errs)
	if len(r.items) != n {
		t.Fatalf("%s: got %d results for %d keys", op, len(r.items), n)
	}
	return r.items
}

func entityNames(es []*domain.Entity) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Name
	}
	return out
}

func equal[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func equalSlice[T comparable](t *testing.T, what string, got, want []T) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

// countRows counts the rows of a table through the Store's GORM handle.
func countRows(t *testing.T, s *storage.Store, table string) int64 {
	t.Helper()
	var n int64
	if err := s.DB().WithContext(ctx(t)).Table(table).Count(&n).Error; err != nil {
		t.Fatalf("count %s: %v", table, err)
	}
	return n
}

var allTables = []string{
	"articles", "entities", "entity_aliases", "article_entities", "statements",
	"statement_speakers", "statement_mentions", "statement_sources", "figures", "claims", "claim_changes", "series", "redirects",
}

// countStatements counts every SQL statement the Store issues through GORM
// while fn runs.
func countStatements(t *testing.T, s *storage.Store, fn func()) int {
	t.Helper()
	var n atomic.Int32
	name := fmt.Sprintf("storagetest:count:%d", time.Now().UnixNano())
	inc := func(db *gorm.DB) {
		// A subquery is built by a dry run of its own, which sends nothing.
		if !db.DryRun {
			n.Add(1)
		}
	}
	cb := s.DB().Callback()
	must := func(err error) {
		if err != nil {
			t.Fatalf("register callback: %v", err)
		}
	}
	must(cb.Query().After("gorm:query").Register(name, inc))
	must(cb.Row().After("gorm:row").Register(name, inc))
	must(cb.Raw().After("gorm:raw").Register(name, inc))
	must(cb.Create().After("gorm:create").Register(name, inc))
	must(cb.Update().After("gorm:update").Register(name, inc))
	must(cb.Delete().After("gorm:delete").Register(name, inc))
	defer func() {
		_ = cb.Query().Remove(name)
		_ = cb.Row().Remove(name)
		_ = cb.Raw().Remove(name)
		_ = cb.Create().Remove(name)
		_ = cb.Update().Remove(name)
		_ = cb.Delete().Remove(name)
	}()
	fn()
	return int(n.Load())
}

func equalStrings(a, b []string) bool { return slices.Equal(a, b) }
func equalInts(a, b []int64) bool     { return slices.Equal(a, b) }
func itoa(n int64) string             { return fmt.Sprint(n) }

func statementIDs(ss []*domain.Statement) []int64 {
	out := make([]int64, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

func articleIDs(as []*domain.Article) []int64 {
	out := make([]int64, len(as))
	for i, a := range as {
		out[i] = a.ID
	}
	return out
}

// changeStrings renders a history as "FROM->TO@article" for comparison.
func changeStrings(cs []*domain.ClaimChange) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		from := "<nil>"
		if c.From != nil {
			from = string(*c.From)
		}
		out[i] = fmt.Sprintf("%s->%s@%d", from, c.To, c.ArticleID)
	}
	return out
}

func changesString(cs []*domain.ClaimChange) string { return strings.Join(changeStrings(cs), ", ") }

// errorsJoin reports the first non-nil error of a batch, for messages.
func errorsJoin(errs []error) error { return errors.Join(errs...) }

// near reports whether t is at or shortly after ref: stamps taken later in
// the same ingest.
func near(t, ref time.Time) bool { return !t.Before(ref) && t.Sub(ref) < 5*time.Second }

// all is a limit above the length of every relation list the cases read,
// for the reads that take one.
const all = 1000
