package storagetest

import (
	"testing"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
)

// twoArticles stores the main fixture and one more article sharing its
// claim, and returns their IDs with the claim's.
func twoArticles(t *testing.T, s *storage.Store) (a1, a2, claimID int64) {
	t.Helper()
	first := ingest(t, s, troopsArticle(), troopsAnalysis(t))
	confirm := simple{title: "Seoul confirms", body: "Seoul confirmed 11,000 soldiers were sent.", url: "https://x/seoul",
		speaker: "Seoul", kind: domain.KindCountry, status: domain.Confirmed, claimKey: troopsClaim, head: "soldier", value: 11000}
	second := ingest(t, s, confirm.article(), confirm.analysis(t))
	c := res(s.ClaimsByArticle(ctx(t), []int64{first.ID})).one(t, "ClaimsByArticle")
	if len(c) != 1 {
		t.Fatalf("claims = %v", c)
	}
	return first.ID, second.ID, c[0].ID
}

// checkAligned checks the shape every batch read promises for keys
// [k, missing, k2, k]: one result per key, the missing key empty, the
// repeated key repeated.
func checkAligned(t *testing.T, op string, empty func(i int) bool, same func(i, j int) bool, nonEmpty []int) {
	t.Helper()
	if !empty(1) {
		t.Errorf("%s: result for a missing key is not empty", op)
	}
	if !same(0, 3) {
		t.Errorf("%s: results for a repeated key differ", op)
	}
	for _, i := range nonEmpty {
		if empty(i) {
			t.Errorf("%s: result %d is empty", op, i)
		}
	}
}

func testBatchAlignment(t *testing.T, s *storage.Store) {
	a1, a2, claim := twoArticles(t, s)
	const missing = 987654321
	keys := func(k1, k2 int64) []int64 { return []int64{k1, missing, k2, k1} }

	// Empty batches give empty results and no error.
	if got, errs := s.ArticlesByIDs(ctx(t), nil); len(got) != 0 || errorsJoin(errs) != nil {
		t.Errorf("ArticlesByIDs(nil) = %v, %v", got, errs)
	}
	if got, errs := s.StatementsByClaim(ctx(t), []int64{}, all); len(got) != 0 || errorsJoin(errs) != nil {
		t.Errorf("StatementsByClaim([]) = %v, %v", got, errs)
	}

	arts := res(s.ArticlesByIDs(ctx(t), keys(a2, a1))).all(t, "ArticlesByIDs", 4)
	if arts[0] == nil || arts[0].ID != a2 || arts[1] != nil || arts[2] == nil || arts[2].ID != a1 || arts[3] == nil || arts[3].ID != a2 {
		t.Errorf("ArticlesByIDs misaligned: %v", arts)
	}

	stmts1 := res(s.StatementsByArticle(ctx(t), []int64{a1})).one(t, "StatementsByArticle")
	stmts2 := res(s.StatementsByArticle(ctx(t), []int64{a2})).one(t, "StatementsByArticle")
	ents := res(s.EntitiesByArticle(ctx(t), []int64{a1})).one(t, "EntitiesByArticle")
	figs := res(s.FiguresByArticle(ctx(t), []int64{a1})).one(t, "FiguresByArticle")
	s1, s2 := stmts1[0].ID, stmts2[0].ID
	e1, e2 := ents[0].ID, ents[len(ents)-1].ID
	f1, f2 := figs[0].ID, figs[1].ID

	es := res(s.EntitiesByIDs(ctx(t), keys(e2, e1))).all(t, "EntitiesByIDs", 4)
	checkAligned(t, "EntitiesByIDs", func(i int) bool { return es[i] == nil },
		func(i, j int) bool { return es[i].ID == es[j].ID && es[i].ID == e2 }, []int{0, 2, 3})
	ss := res(s.StatementsByIDs(ctx(t), keys(s2, s1))).all(t, "StatementsByIDs", 4)
	checkAligned(t, "StatementsByIDs", func(i int) bool { return ss[i] == nil },
		func(i, j int) bool { return ss[i].ID == ss[j].ID && ss[i].ID == s2 }, []int{0, 2, 3})
	if ss[2] != nil && ss[2].ID != s1 {
		t.Errorf("StatementsByIDs[2] = %d, want %d", ss[2].ID, s1)
	}
	fs := res(s.FiguresByIDs(ctx(t), keys(f2, f1))).all(t, "FiguresByIDs", 4)
	checkAligned(t, "FiguresByIDs", func(i int) bool { return fs[i] == nil },
		func(i, j int) bool { return fs[i].ID == fs[j].ID && fs[i].ID == f2 }, []int{0, 2, 3})
	cs := res(s.ClaimsByIDs(ctx(t), []int64{claim, missing, claim})).all(t, "ClaimsByIDs", 3)
	if cs[0] == nil || cs[1] != nil || cs[2] == nil || cs[0].ID != claim || cs[2].ID != claim {
		t.Errorf("ClaimsByIDs misaligned: %v", cs)
	}

	byArticle := keys(a2, a1)
	sa := res(s.StatementsByArticle(ctx(t), byArticle)).all(t, "StatementsByArticle", 4)
	checkAligned(t, "StatementsByArticle", func(i int) bool { return len(sa[i]) == 0 },
		func(i, j int) bool {
			return len(sa[i]) == 1 && len(sa[j]) == 1 && sa[i][0].ID == s2 && sa[j][0].ID == s2
		}, []int{0, 2, 3})
	if len(sa[2]) != 3 || sa[2][0].ID != s1 {
		t.Errorf("StatementsByArticle[2] = %v", statementIDs(sa[2]))
	}
	if sa[1] == nil {
		t.Error("StatementsByArticle: missing key gives a nil list, want an empty one")
	}
	fa := res(s.FiguresByArticle(ctx(t), byArticle)).all(t, "FiguresByArticle", 4)
	checkAligned(t, "FiguresByArticle", func(i int) bool { return len(fa[i]) == 0 },
		func(i, j int) bool { return len(fa[i]) == 1 && len(fa[j]) == 1 && fa[i][0].ID == fa[j][0].ID }, []int{0, 2, 3})
	ea := res(s.EntitiesByArticle(ctx(t), byArticle)).all(t, "EntitiesByArticle", 4)
	checkAligned(t, "EntitiesByArticle", func(i int) bool { return len(ea[i]) == 0 },
		func(i, j int) bool {
			return len(ea[i]) == 1 && len(ea[j]) == 1 && ea[i][0].Name == "Seoul" && ea[j][0].Name == "Seoul"
		}, []int{0, 2, 3})
	equal(t, "EntitiesByArticle[2] count", len(ea[2]), 5)
	ca := res(s.ClaimsByArticle(ctx(t), byArticle)).all(t, "ClaimsByArticle", 4)
	checkAligned(t, "ClaimsByArticle", func(i int) bool { return len(ca[i]) == 0 },
		func(i, j int) bool {
			return len(ca[i]) == 1 && len(ca[j]) == 1 && ca[i][0].ID == claim && ca[j][0].ID == claim
		}, []int{0, 2, 3})

	fst := res(s.FiguresByStatement(ctx(t), keys(s2, s1))).all(t, "FiguresByStatement", 4)
	checkAligned(t, "FiguresByStatement", func(i int) bool { return len(fst[i]) == 0 },
		func(i, j int) bool { return len(fst[i]) == 1 && len(fst[j]) == 1 && fst[i][0].ID == fst[j][0].ID }, []int{0, 2, 3})

	byClaim := []int64{claim, missing, claim}
	sc := res(s.StatementsByClaim(ctx(t), byClaim, all)).all(t, "StatementsByClaim", 3)
	if len(sc[0]) != 3 || len(sc[1]) != 0 || len(sc[2]) != 3 {
		t.Errorf("StatementsByClaim sizes = %d %d %d, want 3 0 3", len(sc[0]), len(sc[1]), len(sc[2]))
	}
	ac := res(s.ArticlesByClaim(ctx(t), byClaim, all)).all(t, "ArticlesByClaim", 3)
	if len(ac[0]) != 2 || len(ac[1]) != 0 || len(ac[2]) != 2 {
		t.Errorf("ArticlesByClaim sizes = %d %d %d, want 2 0 2", len(ac[0]), len(ac[1]), len(ac[2]))
	}
	ch := res(s.ChangesByClaim(ctx(t), byClaim, all)).all(t, "ChangesByClaim", 3)
	if len(ch[0]) != 1 || len(ch[1]) != 0 || len(ch[2]) != 1 {
		t.Errorf("ChangesByClaim = %s | %s | %s", changesString(ch[0]), changesString(ch[1]), changesString(ch[2]))
	}
	fc := res(s.FiguresByClaim(ctx(t), byClaim, all)).all(t, "FiguresByClaim", 3)
	if len(fc[0]) != 2 || len(fc[1]) != 0 || len(fc[2]) != 2 {
		t.Errorf("FiguresByClaim sizes = %d %d %d, want 2 0 2", len(fc[0]), len(fc[1]), len(fc[2]))
	}
	// A limit cuts each owner's list to its first items, in the list's order.
	sc1 := res(s.StatementsByClaim(ctx(t), byClaim, 2)).all(t, "StatementsByClaim(2)", 3)
	if len(sc1[0]) != 2 || len(sc1[2]) != 2 || sc1[0][0].ID != sc[0][0].ID || sc1[0][1].ID != sc[0][1].ID {
		t.Errorf("StatementsByClaim(limit 2) = %d %d items, want the first 2 of %d", len(sc1[0]), len(sc1[2]), len(sc[0]))
	}
	ac1 := res(s.ArticlesByClaim(ctx(t), byClaim, 1)).all(t, "ArticlesByClaim(1)", 3)
	if len(ac1[0]) != 1 || ac1[0][0].ID != ac[0][0].ID {
		t.Errorf("ArticlesByClaim(limit 1) = %v, want the oldest article alone", ac1[0])
	}
	fc0 := res(s.FiguresByClaim(ctx(t), byClaim, 0)).all(t, "FiguresByClaim(0)", 3)
	if len(fc0[0]) != 0 || fc0[0] == nil {
		t.Errorf("FiguresByClaim(limit 0) = %v, want an empty list", fc0[0])
	}
	sp := res(s.SpeakersByClaim(ctx(t), domain.Confirmed, byClaim, all)).all(t, "SpeakersByClaim", 3)
	if len(sp[0]) != 1 || len(sp[1]) != 0 || len(sp[2]) != 1 || sp[0][0].Name != "Seoul" {
		t.Errorf("SpeakersByClaim(CONFIRMED) = %v | %v | %v", entityNames(sp[0]), entityNames(sp[1]), entityNames(sp[2]))
	}
	for i, l := range [][]*domain.Figure{fc[1], fa[1], fst[1]} {
		if l == nil {
			t.Errorf("figure list %d: nil for a missing key, want empty", i)
		}
	}
}

// testBatchStatementCount checks that a batch read costs the same number of
// SQL statements for one key as for many.
func testBatchStatementCount(t *testing.T, s *storage.Store) {
	a1, a2, claim := twoArticles(t, s)
	extra := simple{title: "Third", body: "Kim said 5 drones fell.", url: "https://x/third", speaker: "Kim",
		status: domain.Claimed, claimKey: "drones fell", head: "drone", value: 5}
	a3 := ingest(t, s, extra.article(), extra.analysis(t)).ID
	claims := res(s.ClaimsByArticle(ctx(t), []int64{a3})).one(t, "ClaimsByArticle")
	claim2 := claims[0].ID

	var stmtIDs, entIDs, figIDs []int64
	for _, a := range []int64{a1, a2, a3} {
		for _, st := range res(s.StatementsByArticle(ctx(t), []int64{a})).one(t, "StatementsByArticle") {
			stmtIDs = append(stmtIDs, st.ID)
		}
		for _, e := range res(s.EntitiesByArticle(ctx(t), []int64{a})).one(t, "EntitiesByArticle") {
			entIDs = append(entIDs, e.ID)
		}
		for _, f := range res(s.FiguresByArticle(ctx(t), []int64{a})).one(t, "FiguresByArticle") {
			figIDs = append(figIDs, f.ID)
		}
	}
	articles := []int64{a1, a2, a3, 99999, a1}
	claimIDs := []int64{claim, claim2, 99999}

	calls := map[string]func(many bool){
		"ArticlesByIDs":       func(m bool) { s.ArticlesByIDs(ctx(t), pick(articles, m)) },
		"EntitiesByIDs":       func(m bool) { s.EntitiesByIDs(ctx(t), pick(entIDs, m)) },
		"StatementsByIDs":     func(m bool) { s.StatementsByIDs(ctx(t), pick(stmtIDs, m)) },
		"FiguresByIDs":        func(m bool) { s.FiguresByIDs(ctx(t), pick(figIDs, m)) },
		"ClaimsByIDs":         func(m bool) { s.ClaimsByIDs(ctx(t), pick(claimIDs, m)) },
		"StatementsByArticle": func(m bool) { s.StatementsByArticle(ctx(t), pick(articles, m)) },
		"FiguresByArticle":    func(m bool) { s.FiguresByArticle(ctx(t), pick(articles, m)) },
		"EntitiesByArticle":   func(m bool) { s.EntitiesByArticle(ctx(t), pick(articles, m)) },
		"ClaimsByArticle":     func(m bool) { s.ClaimsByArticle(ctx(t), pick(articles, m)) },
		"FiguresByStatement":  func(m bool) { s.FiguresByStatement(ctx(t), pick(stmtIDs, m)) },
		"SourcesByArticle":    func(m bool) { s.SourcesByArticle(ctx(t), pick(articles, m)) },
		"StatementsByClaim":   func(m bool) { s.StatementsByClaim(ctx(t), pick(claimIDs, m), all) },
		"ArticlesByClaim":     func(m bool) { s.ArticlesByClaim(ctx(t), pick(claimIDs, m), all) },
		"ChangesByClaim":      func(m bool) { s.ChangesByClaim(ctx(t), pick(claimIDs, m), all) },
		"FiguresByClaim":      func(m bool) { s.FiguresByClaim(ctx(t), pick(claimIDs, m), all) },
		"SpeakersByClaim":     func(m bool) { s.SpeakersByClaim(ctx(t), domain.Claimed, pick(claimIDs, m), all) },
	}
	for name, call := range calls {
		few := countStatements(t, s, func() { call(false) })
		many := countStatements(t, s, func() { call(true) })
		if few == 0 || few != many || many > 2 {
			t.Errorf("%s: %d statements for one key, %d for many; want the same, at most 2", name, few, many)
		}
	}

	// Ingest is a handful of statements however long the article is.
	body := ""
	an := domain.Analysis{Entities: []domain.FoundEntity{{Name: "Speaker", Kind: domain.KindPerson}}}
	for i := range 300 {
		sentence := "Speaker said thing " + itoa(int64(i)) + " happened. "
		start := len(body)
		body += sentence
		sp := domain.Span{Start: start, End: start + len(sentence) - 1}
		an.Entities[0].Mentions = append(an.Entities[0].Mentions, domain.Span{Start: start, End: start + 7})
		an.Statements = append(an.Statements, domain.FoundStatement{Speakers: []int{0}, Cue: "said", Status: domain.Claimed,
			Text: sentence, Span: sp, ClaimKey: "thing " + itoa(int64(i%20)), ClaimText: "Thing happened"})
		an.Figures = append(an.Figures, domain.FoundFigure{Text: itoa(int64(i)), Value: float64(i), Subject: "thing", Head: "thing",
			Source: 0, Statement: i, Status: domain.Claimed, Span: domain.Span{Start: start + 19, End: start + 20}})
	}
	n := countStatements(t, s, func() {
		ingest(t, s, domain.NewArticle{Title: "Long", Body: body}, an)
	})
	if n > 40 {
		t.Errorf("ingest of 300 statements and figures took %d SQL statements, want a handful", n)
	}
	t.Logf("long ingest: %d SQL statements", n)
}

// pick returns the first key alone, or all keys.
func pick(keys []int64, many bool) []int64 {
	if many {
		return keys
	}
	return keys[:1]
}
