package storagetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
)

// reanalysisFixture is one article analysed twice: by old rules that
// called the speaker "Putin", filed the statement under claim "old" and the
// figure under series "old", and by new rules that know him as "Vladimir
// Putin" and file both under "new".
func reanalysisFixture(t *testing.T, version, name string, aliases []string, key string) domain.Analysis {
	t.Helper()
	body := "Vladimir Putin said 300 drones fell."
	an := domain.Analysis{
		Version: version,
		Entities: []domain.FoundEntity{{Name: name, Kind: domain.KindPerson, Aliases: aliases,
			Mentions: []domain.Span{span(t, body, "Putin")}}},
		Statements: []domain.FoundStatement{{Speakers: []int{0}, Cue: "said", Status: domain.Claimed, Text: body,
			Span: span(t, body, body), ClaimKey: "claim " + key, ClaimText: "Drones fell (" + key + ")"}},
		Figures: []domain.FoundFigure{{Text: "300", Value: 300, Subject: "drones", Head: "drone", Source: 0, Statement: 0,
			Status: domain.Claimed, Span: span(t, body, "300"), SeriesKey: "series " + key, SeriesLabel: "Drones (" + key + ")"}},
	}
	return an
}

func testReanalyze(t *testing.T, s *storage.Store) {
	body := "Vladimir Putin said 300 drones fell."
	day := func(d int) *time.Time { t := time.Date(2024, 10, d, 0, 0, 0, 0, time.UTC); return &t }
	in := domain.NewArticle{Title: "Drones", Body: body, URL: ptr("https://r/1"), PublishedAt: day(9)}
	a := ingest(t, s, in, reanalysisFixture(t, "v1", "Putin", nil, "old"))
	// A second article keeps the old claim alive; it was published earlier.
	other := simple{title: "Other", body: "Kim said 5 drones fell.", url: "https://r/2", speaker: "Kim",
		status: domain.Denied, claimKey: "claim old", claimText: "Drones fell (old)", published: *day(2)}
	oan := other.analysis(t)
	oan.Version = "v2"
	b := ingest(t, s, other.article(), oan)

	oldEntity := res(s.EntitiesByArticle(ctx(t), []int64{a.ID})).one(t, "EntitiesByArticle")[0]
	oldClaim := res(s.ClaimsByArticle(ctx(t), []int64{a.ID})).one(t, "ClaimsByArticle")[0]
	oldSeries := res(s.FiguresByArticle(ctx(t), []int64{a.ID})).one(t, "FiguresByArticle")[0].SeriesID
	equal(t, "status before", oldClaim.Status, domain.Disputed)

	n, err := s.CountStale(ctx(t), "v2")
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "stale articles", n, int64(1))
	stale, err := s.StaleArticles(ctx(t), "v0", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) != 2 || stale[0].ID != b.ID || stale[1].ID != a.ID {
		t.Fatalf("stale articles = %+v, want %d then %d (publication order)", stale, b.ID, a.ID)
	}
	rest, err := s.StaleArticles(ctx(t), "v0", &stale[0], 10)
	if err != nil || len(rest) != 1 || rest[0].ID != a.ID {
		t.Fatalf("stale articles after the first = %+v, %v", rest, err)
	}

	// A malformed new analysis changes nothing.
	bad := reanalysisFixture(t, "v2", "Vladimir Putin", []string{"Putin"}, "new")
	bad.Figures[0].Span = domain.Span{Start: 0, End: 9999}
	if err := s.ReanalyzeArticle(ctx(t), a.ID, fixed(bad, nil)); err == nil {
		t.Fatal("re-analysis with a span past the body succeeded")
	}
	if got := res(s.ClaimsByArticle(ctx(t), []int64{a.ID})).one(t, "ClaimsByArticle"); len(got) != 1 || got[0].ID != oldClaim.ID {
		t.Fatalf("failed re-analysis changed the article's claims: %+v", got)
	}

	for range 2 { // twice: re-running is harmless
		if err := s.ReanalyzeArticle(ctx(t), a.ID, fixed(reanalysisFixture(t, "v2", "Vladimir Putin", []string{"Putin"}, "new"), nil)); err != nil {
			t.Fatalf("ReanalyzeArticle: %v", err)
		}
	}
	if n, _ := s.CountStale(ctx(t), "v2"); n != 0 {
		t.Errorf("stale after re-analysis = %d, want 0", n)
	}

	// The article now feeds the new claim; the old one lives on for the
	// other article, with its status recomputed from what is left.
	claims := res(s.ClaimsByArticle(ctx(t), []int64{a.ID})).one(t, "ClaimsByArticle")
	if len(claims) != 1 || claims[0].ID == oldClaim.ID || claims[0].Text != "Drones fell (new)" {
		t.Fatalf("claims after re-analysis = %+v", claims)
	}
	kept := res(s.ClaimsByIDs(ctx(t), []int64{oldClaim.ID})).one(t, "ClaimsByIDs")
	if kept == nil || kept.ID != oldClaim.ID {
		t.Fatalf("claim still fed by another article = %+v", kept)
	}
	equal(t, "status of the claim left to the other article", kept.Status, domain.Denied)
	equal(t, "statements of the claim left", len(res(s.StatementsByClaim(ctx(t), []int64{oldClaim.ID}, all)).one(t, "StatementsByClaim")), 1)

	// The old series fed by this article alone is gone, and its ID leads
	// to the series its figure moved to.
	figs := res(s.FiguresByArticle(ctx(t), []int64{a.ID})).one(t, "FiguresByArticle")
	if len(figs) != 1 || figs[0].SeriesID == oldSeries {
		t.Fatalf("figures after re-analysis = %+v", figs)
	}
	got := res(s.SeriesByIDs(ctx(t), []int64{oldSeries, figs[0].SeriesID})).all(t, "SeriesByIDs", 2)
	if got[0] == nil || got[0].ID != figs[0].SeriesID || got[1] == nil || got[1].Label != "Drones (new)" {
		t.Fatalf("old series ID resolves to %+v, want the new series %d", got[0], figs[0].SeriesID)
	}

	// "Putin" was merged into "Vladimir Putin": the old ID resolves to it.
	ents := res(s.EntitiesByArticle(ctx(t), []int64{a.ID})).one(t, "EntitiesByArticle")
	if len(ents) != 1 || ents[0].Name != "Vladimir Putin" || ents[0].ID == oldEntity.ID {
		t.Fatalf("entities after re-analysis = %+v", ents)
	}
	e := res(s.EntitiesByIDs(ctx(t), []int64{oldEntity.ID})).one(t, "EntitiesByIDs")
	if e == nil || e.ID != ents[0].ID {
		t.Fatalf("merged entity ID %d resolves to %+v, want entity %d", oldEntity.ID, e, ents[0].ID)
	}
	if page, err := s.ListEntities(ctx(t), domain.EntityFilter{}, domain.PageRequest{First: 10}); err != nil {
		t.Fatal(err)
	} else {
		for _, x := range page.Items {
			if x.Name == "Putin" {
				t.Errorf("entity list still holds the merged-away entity %+v", x)
			}
		}
	}

	// A later merge of the survivor moves the redirect along: IDs never
	// chain.
	third := reanalysisFixture(t, "v3", "President Vladimir Putin", []string{"Vladimir Putin"}, "new")
	if err := s.ReanalyzeArticle(ctx(t), a.ID, fixed(third, nil)); err != nil {
		t.Fatal(err)
	}
	now := res(s.EntitiesByArticle(ctx(t), []int64{a.ID})).one(t, "EntitiesByArticle")[0]
	for _, id := range []int64{oldEntity.ID, ents[0].ID} {
		if e := res(s.EntitiesByIDs(ctx(t), []int64{id})).one(t, "EntitiesByIDs"); e == nil || e.ID != now.ID {
			t.Errorf("entity %d resolves to %+v, want %d", id, e, now.ID)
		}
	}
}

// testIncrementalAggregates ingests one series and one claim over several
// articles, out of publication order, and checks that the aggregates kept
// up by ingest alone (folded in, article by article) equal the ones
// re-analysis recomputes from every figure and statement.
func testIncrementalAggregates(t *testing.T, s *storage.Store) {
	const key = "troop|present|x|y"
	day := func(d int) time.Time { return time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	type report struct {
		source string
		value  float64
		approx bool
		day    int
		status domain.Status
	}
	reports := []report{
		{"Agency A", 3000, false, 30, domain.Claimed},
		{"Agency C", 4000, false, 28, domain.Denied}, // 2 days from 3,000 by A: conflicts
		// later ingests far from that pair must keep the conflict
		{"Agency B", 3100, true, 0, domain.Claimed},
		{"Agency A", 9000, false, 60, domain.Confirmed},
		{"Agency B", 20000, false, 90, domain.Claimed},
	}
	var ids []int64
	for i, r := range reports {
		in, an := seriesArticle(t, "https://inc/"+itoa(int64(i)), r.source, r.value, r.approx, key, day(r.day))
		an.Statements[0].Status = r.status
		an.Statements[0].ClaimKey = "deployed"
		an.Statements[0].ClaimText = "Troops are deployed"
		an.Figures[0].Status = r.status
		ids = append(ids, ingest(t, s, in, an).ID)
	}
	figs := res(s.FiguresByArticle(ctx(t), []int64{ids[0]})).one(t, "FiguresByArticle")
	seriesID := figs[0].SeriesID
	claim := res(s.ClaimsByArticle(ctx(t), []int64{ids[0]})).one(t, "ClaimsByArticle")[0]
	incSeries := *res(s.SeriesByIDs(ctx(t), []int64{seriesID})).one(t, "SeriesByIDs")
	incClaim := *res(s.ClaimsByIDs(ctx(t), []int64{claim.ID})).one(t, "ClaimsByIDs")
	equal(t, "incremental low", incSeries.Low, 3000.0) // the smallest value given
	equal(t, "incremental high", incSeries.High, 20000.0)
	equal(t, "incremental conflicting", incSeries.Conflicting, true)
	equal(t, "incremental claim status", incClaim.Status, domain.Disputed)
	if !incSeries.UpdatedAt.Equal(day(90)) {
		t.Errorf("incremental updatedAt = %v, want the latest publication %v", incSeries.UpdatedAt, day(90))
	}

	// Re-analysing one article without its figure and claim, then with
	// them again, recomputes both from every figure and statement.
	_, an := seriesArticle(t, "https://inc/0", "Agency A", 3000, false, key, day(30))
	an.Statements[0].Status, an.Figures[0].Status = domain.Claimed, domain.Claimed
	an.Statements[0].ClaimKey, an.Statements[0].ClaimText = "deployed", "Troops are deployed"
	without := an
	without.Figures = an.Figures[1:]
	without.Statements = []domain.FoundStatement{an.Statements[0]}
	without.Statements[0].ClaimKey = "other"
	for _, a := range []domain.Analysis{without, an} {
		if err := s.ReanalyzeArticle(ctx(t), ids[0], fixed(a, nil)); err != nil {
			t.Fatal(err)
		}
	}
	if mid := res(s.SeriesByIDs(ctx(t), []int64{seriesID})).one(t, "SeriesByIDs"); mid == nil {
		t.Fatal("series gone after re-analysis")
	}
	full := *res(s.SeriesByIDs(ctx(t), []int64{seriesID})).one(t, "SeriesByIDs")
	fullClaim := *res(s.ClaimsByIDs(ctx(t), []int64{claim.ID})).one(t, "ClaimsByIDs")
	equal(t, "low", full.Low, incSeries.Low)
	equal(t, "high", full.High, incSeries.High)
	equal(t, "status", full.Status, incSeries.Status)
	equal(t, "conflicting", full.Conflicting, incSeries.Conflicting)
	equal(t, "claim status", fullClaim.Status, incClaim.Status)
	if !full.UpdatedAt.Equal(incSeries.UpdatedAt) {
		t.Errorf("updatedAt: full %v, incremental %v", full.UpdatedAt, incSeries.UpdatedAt)
	}
}

// testReanalyzeWhileReading re-analyses one article over and over, each
// time switching between two analyses with different numbers of
// statements and figures, while readers keep reading it: every read sees
// one analysis whole, never a mix of the two or an article half written.
func testReanalyzeWhileReading(t *testing.T, s *storage.Store) {
	body := "Vladimir Putin said 300 drones fell."
	a := ingest(t, s, domain.NewArticle{Title: "Drones", Body: body}, reanalysisFixture(t, "v1", "Putin", nil, "old"))
	one := reanalysisFixture(t, "v2", "Vladimir Putin", []string{"Putin"}, "new")
	two := one
	two.Statements = append(slices.Clone(one.Statements), one.Statements[0])
	two.Statements[1].ClaimKey = "claim second"
	two.Figures = append(slices.Clone(one.Figures), one.Figures[0])
	two.Figures[1].Statement = 1
	two.Figures[1].SeriesKey = "series second"

	stop := make(chan struct{})
	errs := make(chan error, 4)
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				st, e1 := s.StatementsByArticle(ctx(t), []int64{a.ID})
				fg, e2 := s.FiguresByArticle(ctx(t), []int64{a.ID})
				if len(e1) > 0 && e1[0] != nil || len(e2) > 0 && e2[0] != nil {
					continue // a busy database may refuse a read; that is not a mix
				}
				if n := len(st[0]); n != 1 && n != 2 {
					errs <- fmt.Errorf("read %d statements, want 1 or 2", n)
					return
				}
				if n := len(fg[0]); n != 1 && n != 2 {
					errs <- fmt.Errorf("read %d figures, want 1 or 2", n)
					return
				}
			}
		}()
	}
	for i := range 20 {
		an := one
		if i%2 == 1 {
			an = two
		}
		if err := s.ReanalyzeArticle(ctx(t), a.ID, fixed(an, nil)); err != nil {
			t.Errorf("re-analysis %d: %v", i, err)
		}
	}
	close(stop)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
