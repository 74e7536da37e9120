package storagetest

import (
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
)

// refuseStatements makes every insert of statements whose text contains
// marker fail, until the returned function is called: a failure in the
// middle of one article's writes, after its article row.
func refuseStatements(t *testing.T, s *storage.Store, marker string) (restore func()) {
	t.Helper()
	return refuseInserts(t, s, "statements", "NEW.text LIKE '%"+marker+"%'", "injected failure: statement refused")
}

// testBatchIngest stores analysed articles a batch at a time: all in one
// go when all are fine, and when one fails inside the transaction, every
// other article of the batch still stored, the failed one not at all, an
// article stored before and a second copy in the batch found, not
// stored again, and one event per new article.
func testBatchIngest(t *testing.T, s *storage.Store) {
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	var ins []domain.NewArticle
	var ans []domain.Analysis
	for i, src := range []string{"Reuters", "REFUSED agency", "AFP", "Kyodo"} {
		in, an := seriesArticle(t, "https://example.com/batch/"+itoa(int64(i)), src, float64(1000+i), false, "troops:batch", day.Add(time.Duration(i)*time.Hour))
		ins, ans = append(ins, in), append(ans, an)
	}
	before := ingest(t, s, troopsArticle(), troopsAnalysis(t))
	bad := troopsAnalysis(t)
	bad.Figures[0].Statement = 99
	ins = append([]domain.NewArticle{troopsArticle(), {Title: "Broken analysis", Body: troopsBody + " Again."}}, ins...)
	ans = append([]domain.Analysis{troopsAnalysis(t), bad}, ans...)
	ins, ans = append(ins, ins[2]), append(ans, ans[2]) // Reuters twice

	found, err := s.StoredArticles(ctx(t), ins)
	if err != nil {
		t.Fatal(err)
	}
	for i, a := range found {
		equal(t, "found stored "+itoa(int64(i)), a != nil && a.ID == before.ID, i == 0)
	}

	restore := refuseStatements(t, s, "REFUSED")
	arts, created, errs, err := s.IngestAnalysed(ctx(t), ins, ans, true)
	restore()
	if err != nil {
		t.Fatal(err)
	}
	equalSlice(t, "created", created, []bool{false, false, true, false, true, true, false})
	for i, e := range errs {
		equal(t, "failed "+itoa(int64(i)), e != nil, i == 1 || i == 3)
	}
	equal(t, "broken analysis code", domain.ErrorCode(errs[1]), domain.EINTERNAL)
	equal(t, "found before", arts[0].ID, before.ID)
	equal(t, "second copy", arts[6].ID, arts[2].ID)
	equal(t, "articles", countRows(t, s, "articles"), int64(4))
	equal(t, "statements", countRows(t, s, "statements"), int64(len(troopsAnalysis(t).Statements)+3))
	equal(t, "events", countRows(t, s, "live_events"), int64(3))
	if n := countWhere(t, s, "articles", "title LIKE ?", "%REFUSED%"); n != 0 {
		t.Errorf("the refused article is stored")
	}

	// The refused article stores once nothing refuses it, in a batch of
	// its own kind: every article new, one transaction.
	more, moreAn := seriesArticle(t, "https://example.com/batch/9", "Yonhap", 1009, false, "troops:batch", day.Add(9*time.Hour))
	arts, created, errs, err = s.IngestAnalysed(ctx(t), []domain.NewArticle{ins[3], more}, []domain.Analysis{ans[3], moreAn}, false)
	if err != nil || errs[0] != nil || errs[1] != nil {
		t.Fatalf("IngestAnalysed: %v %v", err, errs)
	}
	equalSlice(t, "created", created, []bool{true, true})
	equal(t, "in order", arts[0].ID < arts[1].ID, true)
	equal(t, "articles", countRows(t, s, "articles"), int64(6))
	equal(t, "events (none asked)", countRows(t, s, "live_events"), int64(3))
	series := res(s.SeriesByIDs(ctx(t), []int64{seriesOf(t, s, arts[1].ID)})).one(t, "SeriesByIDs")
	equal(t, "series low", series.Low, 1000.0)
	equal(t, "series high", series.High, 1009.0)
}

// seriesOf is the keyed series of an article's first figure.
func seriesOf(t *testing.T, s *storage.Store, articleID int64) int64 {
	t.Helper()
	figs := res(s.FiguresByArticle(ctx(t), []int64{articleID})).one(t, "FiguresByArticle")
	if len(figs) == 0 {
		t.Fatalf("article %d has no figures", articleID)
	}
	return figs[0].SeriesID
}

func countWhere(t *testing.T, s *storage.Store, table, where string, args ...any) int64 {
	t.Helper()
	var n int64
	if err := s.DB().WithContext(ctx(t)).Table(table).Where(where, args...).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
