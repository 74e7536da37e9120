package storagetest

import (
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
)

// seriesArticle is one article with one figure of the series key given, by
// a source of its own.
func seriesArticle(t *testing.T, url, source string, value float64, approx bool, key string, published time.Time) (domain.NewArticle, domain.Analysis) {
	t.Helper()
	body := source + " said " + itoa(int64(value)) + " troops were deployed. The region has 7 bridges."
	in := domain.NewArticle{Title: "Count by " + source, Body: body, URL: &url, PublishedAt: &published}
	an := domain.Analysis{
		Entities: []domain.FoundEntity{{Name: source, Kind: domain.KindOrganization, Mentions: []domain.Span{span(t, body, source)}}},
		Statements: []domain.FoundStatement{{Speakers: []int{0}, Cue: "said", Status: domain.Claimed,
			Text: body[:len(body)-len(" The region has 7 bridges.")], Span: domain.Span{Start: 0, End: len(body) - len(" The region has 7 bridges.")}}},
		Figures: []domain.FoundFigure{
			{Text: itoa(int64(value)), Value: value, Approximate: approx, Subject: "troops", Head: "troop", Source: 0, Statement: 0,
				Status: domain.Claimed, Span: span(t, body, itoa(int64(value))), Measure: domain.Measure{Class: "troop"},
				SeriesKey: key, SeriesLabel: "Troops in the region"},
			// no key: a series of its own
			{Text: "7", Value: 7, Subject: "bridges", Head: "bridge", Source: -1, Statement: -1, Status: domain.Claimed,
				Span: span(t, body, "7")},
		},
	}
	return in, an
}

func testSeriesAcrossArticles(t *testing.T, s *storage.Store) {
	const key = "troop|present|north korea|russia"
	day := func(d int) time.Time { return time.Date(2024, 10, d, 12, 0, 0, 0, time.UTC) }
	// ingested newest first: the series must still read oldest first
	in1, an1 := seriesArticle(t, "https://s/2", "Agency B", 3000, false, key, day(12))
	late := ingest(t, s, in1, an1)
	in2, an2 := seriesArticle(t, "https://s/1", "Agency A", 12000, true, key, day(10))
	early := ingest(t, s, in2, an2)

	f1 := res(s.FiguresByArticle(ctx(t), []int64{late.ID})).one(t, "FiguresByArticle")
	f2 := res(s.FiguresByArticle(ctx(t), []int64{early.ID})).one(t, "FiguresByArticle")
	if len(f1) != 2 || len(f2) != 2 {
		t.Fatalf("figures = %d / %d, want 2 / 2", len(f1), len(f2))
	}
	if f1[0].SeriesID == 0 || f1[0].SeriesID != f2[0].SeriesID {
		t.Fatalf("figures with one key are in series %d and %d", f1[0].SeriesID, f2[0].SeriesID)
	}
	if f1[1].SeriesID == f2[1].SeriesID || f1[1].SeriesID == f1[0].SeriesID {
		t.Errorf("figures without a key share a series: %d %d %d", f1[1].SeriesID, f2[1].SeriesID, f1[0].SeriesID)
	}
	id := f1[0].SeriesID
	sr := res(s.SeriesByIDs(ctx(t), []int64{id})).one(t, "SeriesByIDs")
	if sr == nil {
		t.Fatal("series not found")
	}
	equal(t, "label", sr.Label, "Troops in the region")
	equal(t, "head", sr.Head, "troop")
	equal(t, "low", sr.Low, 3000.0)
	equal(t, "high", sr.High, 12000.0)
	equal(t, "status", sr.Status, domain.Claimed)
	equal(t, "conflicting (3,000 vs about 12,000 two days apart)", sr.Conflicting, true)
	equal(t, "updatedAt is the latest publication", sr.UpdatedAt.Equal(day(12)), true)

	figs := res(s.FiguresBySeries(ctx(t), []int64{id}, all)).one(t, "FiguresBySeries")
	if len(figs) != 2 || figs[0].ArticleID != early.ID || figs[1].ArticleID != late.ID {
		t.Errorf("series figures not oldest publication first: %+v", figs)
	}
	if first := res(s.FiguresBySeries(ctx(t), []int64{id}, 1)).one(t, "FiguresBySeries(1)"); len(first) != 1 || first[0].ID != figs[0].ID {
		t.Errorf("first series figure = %+v, want the oldest alone", first)
	}
	latest, errs := s.LatestFigureBySeries(ctx(t), []int64{id, 99999})
	if errs != nil || len(latest) != 2 || latest[0] == nil || latest[0].ID != figs[1].ID || latest[1] != nil {
		t.Errorf("LatestFigureBySeries = %+v %v, want the newest figure, then nil for a missing series", latest, errs)
	}
	arts := res(s.ArticlesBySeries(ctx(t), []int64{id}, all)).one(t, "ArticlesBySeries")
	if len(arts) != 2 || arts[0].ID != early.ID {
		t.Errorf("series articles = %v", arts)
	}
	srcs := res(s.SourcesBySeries(ctx(t), []int64{id}, all)).one(t, "SourcesBySeries")
	if len(srcs) != 2 || srcs[0].Name != "Agency A" || srcs[1].Name != "Agency B" {
		t.Errorf("series sources = %v", entityNames(srcs))
	}

	// the same article again changes nothing
	if _, created, err := s.IngestArticle(ctx(t), in1, fixed(an1, nil)); err != nil || created {
		t.Fatalf("re-ingest: created=%v err=%v", created, err)
	}
	equal(t, "series rows", countRows(t, s, "series"), int64(3))

	conflicting := true
	pg, err := s.ListSeries(ctx(t), domain.SeriesFilter{Conflicting: &conflicting}, domain.PageRequest{First: 10, Count: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(pg.Items) != 1 || pg.Items[0].ID != id || pg.Total != 1 {
		t.Errorf("conflicting series = %+v (total %d)", pg.Items, pg.Total)
	}
	search := "region"
	pg, err = s.ListSeries(ctx(t), domain.SeriesFilter{Search: &search}, domain.PageRequest{First: 10, Count: true})
	if err != nil || pg.Total != 1 {
		t.Errorf("search: total %d, err %v", pg.Total, err)
	}
}
