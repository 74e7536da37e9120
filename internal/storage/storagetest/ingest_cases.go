package storagetest

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
)

func testIngestAndReadBack(t *testing.T, s *storage.Store) {
	in := troopsArticle()
	before := time.Now().Add(-time.Second)
	a := ingest(t, s, in, troopsAnalysis(t))

	if a.ID <= 0 {
		t.Fatalf("article ID = %d", a.ID)
	}
	equal(t, "title", a.Title, in.Title)
	equal(t, "body", a.Body, in.Body)
	equal(t, "url", *a.URL, *in.URL)
	equal(t, "outlet", *a.Outlet, *in.Outlet)
	if a.PublishedAt == nil || !a.PublishedAt.Equal(*in.PublishedAt) || a.PublishedAt.Location() != time.UTC {
		t.Errorf("publishedAt = %v, want %v in UTC", a.PublishedAt, in.PublishedAt)
	}
	if a.IngestedAt.Before(before) || a.IngestedAt.After(time.Now().Add(time.Second)) || a.IngestedAt.Location() != time.UTC {
		t.Errorf("ingestedAt = %v, want about now in UTC", a.IngestedAt)
	}
	if a.DuplicateOfID != nil {
		t.Errorf("duplicateOf = %d, want nil", *a.DuplicateOfID)
	}
	// every statement carries its article's place in the story's
	// timeline, which the paged lists of a claim are read in
	if n := countWhere(t, s, "statements", "article_id = ? AND at IS NULL", a.ID); n != 0 {
		t.Errorf("%d statements stored without their story time", n)
	}
	if n := countWhere(t, s, "statements", "article_id = ?", a.ID); n == 0 {
		t.Errorf("no statements stored")
	}

	got := res(s.ArticlesByIDs(ctx(t), []int64{a.ID})).one(t, "ArticlesByIDs")
	if got == nil || got.ID != a.ID || got.Body != a.Body || !got.IngestedAt.Equal(a.IngestedAt) || !got.PublishedAt.Equal(*a.PublishedAt) {
		t.Fatalf("ArticlesByIDs = %+v, want %+v", got, a)
	}

	// Entities, in order of first mention, with merged aliases.
	ents := res(s.EntitiesByArticle(ctx(t), []int64{a.ID})).one(t, "EntitiesByArticle")
	equalSlice(t, "entities by first mention", entityNames(ents),
		[]string{"South Korea", "National Intelligence Service", "North Korea", "Russia", "Volodymyr Zelenskyy"})
	byName := map[string]*domain.Entity{}
	for _, e := range ents {
		byName[e.Name] = e
	}
	nis, russia, sk, zel := byName["National Intelligence Service"], byName["Russia"], byName["South Korea"], byName["Volodymyr Zelenskyy"]
	equalSlice(t, "NIS aliases (case-insensitively unique)", nis.Aliases, []string{"spy agency"})
	equalSlice(t, "Russia aliases", russia.Aliases, []string{"Moscow"})
	equal(t, "NIS kind", nis.Kind, domain.KindOrganization)
	equal(t, "Zelenskyy kind", zel.Kind, domain.KindPerson)
	e := res(s.EntitiesByIDs(ctx(t), []int64{sk.ID})).one(t, "EntitiesByIDs")
	if e == nil || e.Name != "South Korea" || e.Kind != domain.KindCountry || !equalStrings(e.Aliases, []string{"Seoul"}) {
		t.Errorf("EntitiesByIDs = %+v", e)
	}

	// Statements in text order with speakers in the analysis' order.
	stmts := res(s.StatementsByArticle(ctx(t), []int64{a.ID})).one(t, "StatementsByArticle")
	if len(stmts) != 3 {
		t.Fatalf("got %d statements, want 3", len(stmts))
	}
	for i, st := range stmts {
		equal(t, "statement ordinal", st.Ordinal, i)
		equal(t, "statement article", st.ArticleID, a.ID)
	}
	equal(t, "statement 0 cue", stmts[0].Cue, "said")
	equal(t, "statement 1 status", stmts[1].Status, domain.Denied)
	equal(t, "statement 1 text", stmts[1].Text, "Moscow denied the report.")
	equal(t, "statement 1 span", stmts[1].Span, span(t, troopsBody, "Moscow denied the report."))
	equalSlice(t, "statement 0 speakers", stmts[0].SpeakerIDs, []int64{nis.ID})
	equalSlice(t, "statement 2 speakers (order kept)", stmts[2].SpeakerIDs, []int64{zel.ID, sk.ID})
	if stmts[0].ClaimID == nil || stmts[1].ClaimID == nil || *stmts[0].ClaimID != *stmts[1].ClaimID {
		t.Fatalf("statements 0 and 1 should share a claim: %v %v", stmts[0].ClaimID, stmts[1].ClaimID)
	}
	if stmts[2].ClaimID != nil {
		t.Errorf("statement 2 claim = %d, want nil", *stmts[2].ClaimID)
	}
	claimID := *stmts[0].ClaimID

	// Where the cue, the content and each source stand, for highlighting.
	equal(t, "statement 0 cue span", stmts[0].CueSpan, span(t, troopsBody, "said"))
	if c := stmts[0].ContentSpan; c == nil || *c != span(t, troopsBody, "10,000 North Korean soldiers were sent to Russia") {
		t.Errorf("statement 0 content span = %v", c)
	}
	if stmts[1].ContentSpan != nil {
		t.Errorf("statement 1 content span = %v, want none", stmts[1].ContentSpan)
	}
	bySource := map[int64][]*domain.Mention{}
	for _, m := range res(s.SourcesByArticle(ctx(t), []int64{a.ID})).one(t, "SourcesByArticle") {
		if m.ArticleID != a.ID {
			t.Errorf("source %q: article %d, want %d", m.Text, m.ArticleID, a.ID)
		}
		bySource[m.StatementID] = append(bySource[m.StatementID], m)
	}
	srcs := [][]*domain.Mention{bySource[stmts[0].ID], bySource[stmts[2].ID], bySource[stmts[1].ID]}
	describe := func(ms []*domain.Mention) string {
		var out []string
		for _, m := range ms {
			e := "none"
			if m.EntityID != nil {
				e = itoa(*m.EntityID)
			}
			out = append(out, m.Text+"@"+itoa(int64(m.Span.Start))+"="+e)
		}
		return strings.Join(out, ", ")
	}
	equal(t, "statement 0 sources", describe(srcs[0]),
		"South Korea's spy agency@"+itoa(int64(span(t, troopsBody, "South Korea's spy agency").Start))+"="+itoa(nis.ID))
	equal(t, "statement 2 sources", describe(srcs[1]),
		"Zelensky@"+itoa(int64(span(t, troopsBody, "Zelensky").Start))+"="+itoa(zel.ID)+", Seoul@"+
			itoa(int64(span(t, troopsBody, "Seoul").Start))+"="+itoa(sk.ID)+", it.@"+itoa(int64(span(t, troopsBody, "it.").Start))+"=none")
	equal(t, "statement 1 sources", len(srcs[2]), 1)

	st := res(s.StatementsByIDs(ctx(t), []int64{stmts[2].ID})).one(t, "StatementsByIDs")
	if st == nil || st.Text != stmts[2].Text || !equalInts(st.SpeakerIDs, stmts[2].SpeakerIDs) {
		t.Errorf("StatementsByIDs = %+v, want %+v", st, stmts[2])
	}

	// Figures in text order, linked to statements and sources.
	figs := res(s.FiguresByArticle(ctx(t), []int64{a.ID})).one(t, "FiguresByArticle")
	if len(figs) != 2 {
		t.Fatalf("got %d figures, want 2", len(figs))
	}
	f0, f1 := figs[0], figs[1]
	equal(t, "figure 0 text", f0.Text, "10,000")
	equal(t, "figure 0 value", f0.Value, 10000.0)
	if f0.Low == nil || *f0.Low != 10000 || f0.High != nil {
		t.Errorf("figure 0 bounds = %v %v", f0.Low, f0.High)
	}
	equal(t, "figure 0 head", f0.Head, "soldier")
	equal(t, "figure 0 subject", f0.Subject, "North Korean soldiers")
	if f0.StatementID == nil || *f0.StatementID != stmts[0].ID || f0.SourceID == nil || *f0.SourceID != nis.ID {
		t.Errorf("figure 0 statement/source = %v/%v, want %d/%d", f0.StatementID, f0.SourceID, stmts[0].ID, nis.ID)
	}
	equal(t, "figure 0 ordinal", f0.Ordinal, 0)
	equal(t, "figure 1 ordinal", f1.Ordinal, 1)
	equal(t, "figure 1 approximate", f1.Approximate, true)
	equal(t, "figure 1 span", f1.Span, span(t, troopsBody, "about 12,000"))
	if f1.Unit != nil {
		t.Errorf("figure 1 unit = %q, want nil", *f1.Unit)
	}
	if f1.StatementID == nil || *f1.StatementID != stmts[2].ID || f1.SourceID == nil || *f1.SourceID != zel.ID {
		t.Errorf("figure 1 statement/source = %v/%v", f1.StatementID, f1.SourceID)
	}
	fig := res(s.FiguresByIDs(ctx(t), []int64{f1.ID})).one(t, "FiguresByIDs")
	if !reflect.DeepEqual(fig, f1) {
		t.Errorf("FiguresByIDs = %+v, want %+v", fig, f1)
	}
	byStmt := res(s.FiguresByStatement(ctx(t), []int64{stmts[0].ID})).one(t, "FiguresByStatement")
	if len(byStmt) != 1 || byStmt[0].ID != f0.ID {
		t.Errorf("FiguresByStatement = %v, want [%d]", byStmt, f0.ID)
	}

	// The claim: CLAIMED by one, DENIED by another, so DISPUTED.
	claims := res(s.ClaimsByArticle(ctx(t), []int64{a.ID})).one(t, "ClaimsByArticle")
	if len(claims) != 1 {
		t.Fatalf("got %d claims, want 1", len(claims))
	}
	c := claims[0]
	equal(t, "claim id", c.ID, claimID)
	equal(t, "claim key", c.Key, troopsClaim)
	equal(t, "claim text", c.Text, "North Korea sent troops to Russia")
	equal(t, "claim status", c.Status, domain.Disputed)
	if !near(c.FirstSeenAt, a.IngestedAt) || !near(c.UpdatedAt, a.IngestedAt) || c.UpdatedAt.Before(c.FirstSeenAt) {
		t.Errorf("claim times = %v/%v, want the ingest time %v", c.FirstSeenAt, c.UpdatedAt, a.IngestedAt)
	}
	cc := res(s.ClaimsByIDs(ctx(t), []int64{claimID})).one(t, "ClaimsByIDs")
	if cc == nil || *cc != *c {
		t.Errorf("ClaimsByIDs = %+v, want %+v", cc, c)
	}
	cs := res(s.StatementsByClaim(ctx(t), []int64{claimID}, all)).one(t, "StatementsByClaim")
	equalSlice(t, "claim statements", statementIDs(cs), []int64{stmts[0].ID, stmts[1].ID})
	ca := res(s.ArticlesByClaim(ctx(t), []int64{claimID}, all)).one(t, "ArticlesByClaim")
	if len(ca) != 1 || ca[0].ID != a.ID {
		t.Errorf("ArticlesByClaim = %v", ca)
	}
	ch := res(s.ChangesByClaim(ctx(t), []int64{claimID}, all)).one(t, "ChangesByClaim")
	if len(ch) != 1 || ch[0].From != nil || ch[0].To != domain.Disputed || ch[0].ArticleID != a.ID || ch[0].ClaimID != claimID {
		t.Errorf("ChangesByClaim = %s", changesString(ch))
	}
	cf := res(s.FiguresByClaim(ctx(t), []int64{claimID}, all)).one(t, "FiguresByClaim")
	if len(cf) != 1 || cf[0].ID != f0.ID {
		t.Errorf("FiguresByClaim = %v, want [%d]", cf, f0.ID)
	}
	denied := res(s.SpeakersByClaim(ctx(t), domain.Denied, []int64{claimID}, all)).one(t, "SpeakersByClaim(DENIED)")
	equalSlice(t, "denied by", entityNames(denied), []string{"Russia"})
	if len(denied) == 1 {
		equalSlice(t, "denied by aliases", denied[0].Aliases, []string{"Moscow"})
	}
	claimed := res(s.SpeakersByClaim(ctx(t), domain.Claimed, []int64{claimID}, all)).one(t, "SpeakersByClaim(CLAIMED)")
	equalSlice(t, "claimed by", entityNames(claimed), []string{"National Intelligence Service"})
	confirmed := res(s.SpeakersByClaim(ctx(t), domain.Confirmed, []int64{claimID}, all)).one(t, "SpeakersByClaim(CONFIRMED)")
	if confirmed == nil || len(confirmed) != 0 {
		t.Errorf("confirmed by = %v, want empty", confirmed)
	}
}

func testIdempotentByURL(t *testing.T, s *storage.Store) {
	first := ingest(t, s, troopsArticle(), troopsAnalysis(t))
	statements := countRows(t, s, "statements")

	var calls atomic.Int32
	again := troopsArticle()
	again.Title = "A different title"
	again.Body = "A different body."
	a, created, err := s.IngestArticle(ctx(t), again, fixed(troopsAnalysis(t), &calls))
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "created", created, false)
	equal(t, "analyze calls", calls.Load(), int32(0))
	equal(t, "id", a.ID, first.ID)
	equal(t, "title (stored article unchanged)", a.Title, first.Title)
	equal(t, "articles", countRows(t, s, "articles"), int64(1))
	equal(t, "statements", countRows(t, s, "statements"), statements)
}

func testIdempotentByText(t *testing.T, s *storage.Store) {
	in := domain.NewArticle{Title: "Storm hits coast", Body: "The storm hit the coast on Monday."}
	first := ingest(t, s, in, domain.Analysis{})

	var calls atomic.Int32
	a, created, err := s.IngestArticle(ctx(t), in, fixed(domain.Analysis{}, &calls))
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "created", created, false)
	equal(t, "analyze calls", calls.Load(), int32(0))
	equal(t, "id", a.ID, first.ID)

	// Another title makes another article, though its body repeats.
	other := in
	other.Title = "Storm hits coast (update)"
	b, created, err := s.IngestArticle(ctx(t), other, fixed(domain.Analysis{}, &calls))
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "created with new title", created, true)
	equal(t, "analyze calls", calls.Load(), int32(1))
	if b.ID == first.ID {
		t.Errorf("new title got the old article")
	}
}

func testDuplicateOf(t *testing.T, s *storage.Store) {
	base := "Officials said 3,000 people were evacuated. The river is still rising!"
	a := ingest(t, s, domain.NewArticle{Title: "Floods", Body: base, URL: ptr("https://a.example/1")}, domain.Analysis{})
	copyBody := "  OFFICIALS said 3,000 people were evacuated -- the river is still   rising. "
	b := ingest(t, s, domain.NewArticle{Title: "Floods (AFP)", Body: copyBody, URL: ptr("https://b.example/1")}, domain.Analysis{})
	c := ingest(t, s, domain.NewArticle{Title: "Floods (AP)", Body: base, URL: ptr("https://c.example/1")}, domain.Analysis{})
	d := ingest(t, s, domain.NewArticle{Title: "Other", Body: "Officials said 4,000 people were evacuated.", URL: ptr("https://d.example/1")}, domain.Analysis{})

	if a.DuplicateOfID != nil {
		t.Errorf("first article duplicateOf = %d", *a.DuplicateOfID)
	}
	for _, x := range []*domain.Article{b, c} {
		if x.DuplicateOfID == nil || *x.DuplicateOfID != a.ID {
			t.Errorf("%s duplicateOf = %v, want %d (the earliest)", x.Title, x.DuplicateOfID, a.ID)
		}
	}
	if d.DuplicateOfID != nil {
		t.Errorf("different article duplicateOf = %d", *d.DuplicateOfID)
	}
	got := res(s.ArticlesByIDs(ctx(t), []int64{c.ID})).one(t, "ArticlesByIDs")
	if got.DuplicateOfID == nil || *got.DuplicateOfID != a.ID {
		t.Errorf("read back duplicateOf = %v", got.DuplicateOfID)
	}
}

func testEntitiesMerge(t *testing.T, s *storage.Store) {
	body1 := "Zelensky said the front held."
	a1 := ingest(t, s, domain.NewArticle{Title: "One", Body: body1}, domain.Analysis{
		Entities: []domain.FoundEntity{{Name: "Volodymyr Zelenskyy", Kind: domain.KindPerson, Aliases: []string{"Zelensky"},
			Mentions: []domain.Span{span(t, body1, "Zelensky")}}},
	})
	body2 := "Zelenskiy met Zelensky's advisers in Kyiv."
	a2 := ingest(t, s, domain.NewArticle{Title: "Two", Body: body2}, domain.Analysis{
		Entities: []domain.FoundEntity{
			{Name: "volodymyr  zelenskyy", Kind: domain.KindOther, Aliases: []string{"Zelenskiy", "zelensky"},
				Mentions: []domain.Span{span(t, body2, "Zelenskiy")}},
			{Name: "Kyiv", Kind: domain.KindLocation, Mentions: []domain.Span{span(t, body2, "Kyiv")}},
			// The same entity found twice in one article is one entity.
			{Name: "Volodymyr Zelenskyy", Kind: domain.KindPerson, Aliases: []string{"President Zelenskyy"},
				Mentions: []domain.Span{span(t, body2, "Zelensky's")}},
		},
	})
	equal(t, "entities", countRows(t, s, "entities"), int64(2))
	e1 := res(s.EntitiesByArticle(ctx(t), []int64{a1.ID})).one(t, "EntitiesByArticle")
	e2 := res(s.EntitiesByArticle(ctx(t), []int64{a2.ID})).one(t, "EntitiesByArticle")
	if len(e1) != 1 || len(e2) != 2 {
		t.Fatalf("entities = %v / %v", entityNames(e1), entityNames(e2))
	}
	z := e2[0]
	equal(t, "merged id", z.ID, e1[0].ID)
	equal(t, "canonical name: the best spelling seen", z.Name, "Volodymyr Zelenskyy")
	equal(t, "kind from first sighting", z.Kind, domain.KindPerson)
	// Aliases keep the order they were recorded in; those of one article
	// are recorded in folded alphabetical order.
	equalSlice(t, "merged aliases", z.Aliases, []string{"Zelensky", "President Zelenskyy", "Zelenskiy"})
	equal(t, "second entity", e2[1].Name, "Kyiv")

	// Another spelling of the same name joins the entity and is kept as
	// an alias; the name shown stays the best spelling.
	body3 := "Volodymyr Zelensky spoke in Lviv."
	a3 := ingest(t, s, domain.NewArticle{Title: "Three", Body: body3}, domain.Analysis{
		Entities: []domain.FoundEntity{{Name: "Volodymyr Zelensky", Kind: domain.KindPerson,
			Mentions: []domain.Span{span(t, body3, "Volodymyr Zelensky")}}},
	})
	e3 := res(s.EntitiesByArticle(ctx(t), []int64{a3.ID})).one(t, "EntitiesByArticle")
	if len(e3) != 1 || e3[0].ID != z.ID || e3[0].Name != "Volodymyr Zelenskyy" {
		t.Fatalf("third spelling: %+v", e3)
	}
	if !slices.Contains(e3[0].Aliases, "Volodymyr Zelensky") {
		t.Errorf("aliases %q lack the new spelling", e3[0].Aliases)
	}
}

func testClaimAggregate(t *testing.T, s *storage.Store) {
	const key = "north korea deployed troops to kursk"
	day := func(d int) time.Time { return time.Date(2024, 10, d, 12, 0, 0, 0, time.UTC) }
	confirm := simple{title: "NIS confirms", body: "The NIS confirmed the deployment.", url: "https://x/1", published: day(10),
		speaker: "NIS", kind: domain.KindOrganization, status: domain.Confirmed, claimKey: key, claimText: "North Korea deployed troops to Kursk"}
	a := ingest(t, s, confirm.article(), confirm.analysis(t))
	claims := res(s.ClaimsByArticle(ctx(t), []int64{a.ID})).one(t, "ClaimsByArticle")
	if len(claims) != 1 {
		t.Fatalf("claims = %v", claims)
	}
	c := claims[0]
	equal(t, "status after confirmation", c.Status, domain.Confirmed)

	deny := simple{title: "Kremlin denies", body: "The Kremlin denied the deployment.", url: "https://x/2", published: day(11),
		speaker: "Kremlin", kind: domain.KindOrganization, status: domain.Denied, claimKey: key, claimText: "ignored: the claim keeps its first text"}
	b := ingest(t, s, deny.article(), deny.analysis(t))
	c2 := res(s.ClaimsByIDs(ctx(t), []int64{c.ID})).one(t, "ClaimsByIDs")
	equal(t, "status after denial", c2.Status, domain.Disputed)
	equal(t, "text kept", c2.Text, "North Korea deployed troops to Kursk")
	equal(t, "first seen kept", c2.FirstSeenAt, c.FirstSeenAt)
	if !near(c2.UpdatedAt, b.IngestedAt) || !c2.UpdatedAt.After(c.UpdatedAt) {
		t.Errorf("updatedAt = %v, want the second ingest %v", c2.UpdatedAt, b.IngestedAt)
	}

	// A third article that merely claims it changes nothing but updatedAt.
	third := simple{title: "Analyst", body: "Analyst Kim said the deployment happened.", url: "https://x/3", published: day(12),
		speaker: "Analyst Kim", status: domain.Claimed, claimKey: key}
	c3 := ingest(t, s, third.article(), third.analysis(t))
	// An article published earlier than all, ingested last, sorts first.
	early := simple{title: "Early report", body: "Ukraine's intelligence confirmed the deployment.", url: "https://x/0", published: day(1),
		speaker: "Ukraine", kind: domain.KindCountry, status: domain.Confirmed, claimKey: key}
	e := ingest(t, s, early.article(), early.analysis(t))

	got := res(s.ClaimsByIDs(ctx(t), []int64{c.ID})).one(t, "ClaimsByIDs")
	equal(t, "final status", got.Status, domain.Disputed)
	changes := res(s.ChangesByClaim(ctx(t), []int64{c.ID}, all)).one(t, "ChangesByClaim")
	// History follows publication, not ingestion: the early report,
	// ingested last, is where the claim was first confirmed.
	want := []string{"<nil>->CONFIRMED@" + itoa(e.ID), "CONFIRMED->DISPUTED@" + itoa(b.ID)}
	equalSlice(t, "history", changeStrings(changes), want)
	if len(changes) == 2 && changes[1].At.Before(changes[0].At) {
		t.Errorf("history not oldest first: %s", changesString(changes))
	}

	arts := res(s.ArticlesByClaim(ctx(t), []int64{c.ID}, all)).one(t, "ArticlesByClaim")
	equalSlice(t, "articles oldest first", articleIDs(arts), []int64{e.ID, a.ID, b.ID, c3.ID})
	stmts := res(s.StatementsByClaim(ctx(t), []int64{c.ID}, all)).one(t, "StatementsByClaim")
	gotArticles := make([]int64, len(stmts))
	for i, st := range stmts {
		gotArticles[i] = st.ArticleID
	}
	equalSlice(t, "statements oldest article first", gotArticles, []int64{e.ID, a.ID, b.ID, c3.ID})
	figs := res(s.FiguresByClaim(ctx(t), []int64{c.ID}, all)).one(t, "FiguresByClaim")
	equal(t, "figures by claim", len(figs), 0)

	confirmed := res(s.SpeakersByClaim(ctx(t), domain.Confirmed, []int64{c.ID}, all)).one(t, "SpeakersByClaim")
	equalSlice(t, "confirmed by", entityNames(confirmed), []string{"NIS", "Ukraine"})
	denied := res(s.SpeakersByClaim(ctx(t), domain.Denied, []int64{c.ID}, all)).one(t, "SpeakersByClaim")
	equalSlice(t, "denied by", entityNames(denied), []string{"Kremlin"})
}

func testInvalidRequests(t *testing.T, s *storage.Store) {
	for _, in := range []domain.NewArticle{
		{Title: "", Body: "body"},
		{Title: "title", Body: "  "},
		{Title: "title", Body: "bad \xff utf-8"},
	} {
		_, _, err := s.IngestArticle(ctx(t), in, fixed(domain.Analysis{}, nil))
		equal(t, "code for "+strings.ToValidUTF8(in.Title+"/"+in.Body, "?"), domain.ErrorCode(err), domain.EINVALID)
	}
	_, err := s.ListArticles(ctx(t), domain.ArticleFilter{}, domain.PageRequest{First: -1})
	equal(t, "negative first", domain.ErrorCode(err), domain.EINVALID)
	_, err = s.ListClaims(ctx(t), domain.ClaimFilter{}, domain.PageRequest{First: 5, After: &domain.Cursor{Sort: "yesterday", ID: 3}})
	equal(t, "bad claim cursor", domain.ErrorCode(err), domain.EINVALID)
	equal(t, "tables written", countRows(t, s, "articles"), int64(0))
}

func testInvalidAnalysis(t *testing.T, s *storage.Store) {
	in := troopsArticle()
	mutations := map[string]func(*domain.Analysis){
		"speaker out of range":      func(a *domain.Analysis) { a.Statements[1].Speakers = []int{99} },
		"negative speaker":          func(a *domain.Analysis) { a.Statements[0].Speakers = []int{-1} },
		"figure statement past end": func(a *domain.Analysis) { a.Figures[1].Statement = 3 },
		"figure source below -1":    func(a *domain.Analysis) { a.Figures[0].Source = -2 },
		"figure source past end":    func(a *domain.Analysis) { a.Figures[0].Source = 5 },
		"statement span past body":  func(a *domain.Analysis) { a.Statements[2].Span.End = 100000 },
		"inverted figure span":      func(a *domain.Analysis) { a.Figures[0].Span = domain.Span{Start: 9, End: 3} },
		"mention outside body":      func(a *domain.Analysis) { a.Entities[3].Mentions[0].Start = -4 },
		"disputed statement":        func(a *domain.Analysis) { a.Statements[0].Status = domain.Disputed },
		"unknown figure status":     func(a *domain.Analysis) { a.Figures[1].Status = "MAYBE" },
		"unknown entity kind":       func(a *domain.Analysis) { a.Entities[0].Kind = "PLANET" },
		"entity without name":       func(a *domain.Analysis) { a.Entities[2].Name = " " },
		"source mention past body": func(a *domain.Analysis) {
			a.Statements[0].SourceMentions[0].Span = domain.Span{Start: 3, End: 100000}
		},
		"source entity past end": func(a *domain.Analysis) { a.Statements[1].SourceMentions[0].Entity = 9 },
		"cue span past body":     func(a *domain.Analysis) { a.Statements[1].CueSpan = domain.Span{Start: 5, End: 100000} },
	}
	for name, mutate := range mutations {
		t.Run(name, func(t *testing.T) {
			an := troopsAnalysis(t)
			mutate(&an)
			_, created, err := s.IngestArticle(ctx(t), in, fixed(an, nil))
			if err == nil || created {
				t.Fatalf("IngestArticle succeeded (created=%v), want an error", created)
			}
			if code := domain.ErrorCode(err); code != domain.EINTERNAL && code != domain.EINVALID {
				t.Errorf("code = %q, want %q or %q", code, domain.EINTERNAL, domain.EINVALID)
			}
			var de *domain.Error
			if !errors.As(err, &de) {
				t.Errorf("error %v carries no *domain.Error", err)
			}
			for _, table := range allTables {
				if n := countRows(t, s, table); n != 0 {
					t.Errorf("%s has %d rows after a failed ingest", table, n)
				}
			}
		})
	}
	// The article itself is fine: it stores once the analysis is.
	ingest(t, s, in, troopsAnalysis(t))
}

// failOn makes every insert into table fail until the returned function
// is called.
func failOn(t *testing.T, s *storage.Store, table string) (restore func()) {
	t.Helper()
	return refuseInserts(t, s, table, "", "injected failure inserting "+table)
}

// refuseInserts makes the database itself refuse the rows of table that
// match when (a condition on NEW; every row when empty) with message,
// through a trigger, until the returned function is called: the writes
// fail however they are issued.
func refuseInserts(t *testing.T, s *storage.Store, table, when, message string) (restore func()) {
	t.Helper()
	db := s.DB()
	name := "storagetest_refuse_" + table
	var stmts []string
	var drop []string
	if db.Dialector.Name() == "postgres" {
		cond := ""
		if when != "" {
			cond = " WHEN (" + when + ")"
		}
		stmts = []string{
			"CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION '" + message + "'; END $$",
			"CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + " FOR EACH ROW" + cond + " EXECUTE FUNCTION " + name + "()",
		}
		drop = []string{"DROP TRIGGER " + name + " ON " + table, "DROP FUNCTION " + name + "()"}
	} else {
		cond := ""
		if when != "" {
			cond = " WHEN " + when
		}
		stmts = []string{"CREATE TRIGGER " + name + " BEFORE INSERT ON " + table + cond +
			" BEGIN SELECT RAISE(ABORT, '" + message + "'); END"}
		drop = []string{"DROP TRIGGER " + name}
	}
	for _, q := range stmts {
		if err := db.Exec(q).Error; err != nil {
			t.Fatalf("refuse inserts into %s: %v", table, err)
		}
	}
	return func() {
		for _, q := range drop {
			if err := db.Exec(q).Error; err != nil {
				t.Errorf("stop refusing inserts into %s: %v", table, err)
			}
		}
	}
}

func testRollback(t *testing.T, s *storage.Store) {
	// A failure late in the transaction (figures come after the article,
	// entities, claims and statements) leaves nothing behind.
	restore := failOn(t, s, "figures")
	_, created, err := s.IngestArticle(ctx(t), troopsArticle(), fixed(troopsAnalysis(t), nil))
	restore()
	if err == nil || created {
		t.Fatalf("IngestArticle with failing figures: created=%v err=%v, want an error", created, err)
	}
	if !strings.Contains(err.Error(), "injected failure") {
		t.Errorf("error %q does not wrap the cause", err)
	}
	for _, table := range allTables {
		if n := countRows(t, s, table); n != 0 {
			t.Errorf("%s has %d rows after a failed ingest", table, n)
		}
	}
	page, err := s.ListArticles(ctx(t), domain.ArticleFilter{Search: ptr("soldiers")}, domain.PageRequest{First: 10, Count: true})
	if err != nil || page.Total != 0 {
		t.Errorf("search after rollback: total=%d err=%v, want 0", page.Total, err)
	}

	// The same article stores cleanly afterwards.
	a := ingest(t, s, troopsArticle(), troopsAnalysis(t))
	claim := res(s.ClaimsByArticle(ctx(t), []int64{a.ID})).one(t, "ClaimsByArticle")[0]

	// A failure after an existing claim was updated (its updated_at moves
	// with every new statement) rolls that update back too. The new claim
	// in the same article makes a change row, whose insert fails.
	restore = failOn(t, s, "claim_changes")
	body := "Seoul confirmed the deployment and said more troops would follow."
	an := domain.Analysis{
		Entities: []domain.FoundEntity{{Name: "South Korea", Kind: domain.KindCountry, Aliases: []string{"Seoul"},
			Mentions: []domain.Span{span(t, body, "Seoul")}}},
		Statements: []domain.FoundStatement{
			{Speakers: []int{0}, Cue: "confirmed", Status: domain.Confirmed, Text: body, Span: span(t, body, body), ClaimKey: troopsClaim},
			{Speakers: []int{0}, Cue: "said", Status: domain.Claimed, Text: body, Span: span(t, body, body), ClaimKey: "more troops will follow"},
		},
	}
	_, _, err = s.IngestArticle(ctx(t), domain.NewArticle{Title: "Seoul confirms", Body: body}, fixed(an, nil))
	restore()
	if err == nil {
		t.Fatal("IngestArticle with failing claim changes succeeded")
	}
	equal(t, "articles", countRows(t, s, "articles"), int64(1))
	equal(t, "claims", countRows(t, s, "claims"), int64(1))
	equal(t, "claim changes", countRows(t, s, "claim_changes"), int64(1))
	equal(t, "statements", countRows(t, s, "statements"), int64(3))
	got := res(s.ClaimsByIDs(ctx(t), []int64{claim.ID})).one(t, "ClaimsByIDs")
	equal(t, "claim unchanged", *got, *claim)
}
