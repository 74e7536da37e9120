package storagetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/storage"
)

// walk reads a whole list page by page with page size `first`, checking the
// page flags and totals as it goes, and returns every item's ID in order.
func walk[T any](t *testing.T, what string, first int, id func(T) int64,
	list func(p domain.PageRequest) (domain.Page[T], error)) []int64 {
	t.Helper()
	var ids []int64
	var after *domain.Cursor
	total := -1
	for page := 0; ; page++ {
		if page > 100 {
			t.Fatalf("%s: more than 100 pages", what)
		}
		p, err := list(domain.PageRequest{First: first, After: after, Count: true})
		if err != nil {
			t.Fatalf("%s page %d: %v", what, page, err)
		}
		if total >= 0 && p.Total != total {
			t.Errorf("%s page %d: total %d, earlier %d", what, page, p.Total, total)
		}
		total = p.Total
		if p.HasPrevious != (after != nil) {
			t.Errorf("%s page %d: hasPrevious = %v", what, page, p.HasPrevious)
		}
		if len(p.Items) != len(p.Cursors) {
			t.Fatalf("%s page %d: %d items, %d cursors", what, page, len(p.Items), len(p.Cursors))
		}
		if len(p.Items) > first {
			t.Fatalf("%s page %d: %d items, asked for %d", what, page, len(p.Items), first)
		}
		for i, it := range p.Items {
			ids = append(ids, id(it))
			if p.Cursors[i].ID != id(it) {
				t.Errorf("%s: cursor %v does not point at item %d", what, p.Cursors[i], id(it))
			}
		}
		if !p.HasNext {
			break
		}
		if len(p.Items) == 0 {
			t.Fatalf("%s page %d: hasNext on an empty page", what, page)
		}
		after = &p.Cursors[len(p.Cursors)-1]
	}
	if len(ids) != total {
		t.Errorf("%s: walked %d items, total says %d", what, len(ids), total)
	}
	return ids
}

func articleID(a *domain.Article) int64 { return a.ID }
func entityID(e *domain.Entity) int64   { return e.ID }
func claimID(c *domain.Claim) int64     { return c.ID }
func figureID(f *domain.Figure) int64   { return f.ID }

// newsroom stores a small, varied set of articles for the list tests.
type newsroom struct {
	articles []*domain.Article // in ingest order
	seoul    int64             // entity "Seoul"
	kremlin  int64             // entity "Kremlin"
}

func newNewsroom(t *testing.T, s *storage.Store) newsroom {
	day := func(d int) time.Time { return time.Date(2024, 11, d, 8, 0, 0, 0, time.UTC) }
	fixtures := []simple{
		{title: "Troops", body: "Seoul said 10,000 soldiers were deployed.", url: "https://n/1", outlet: "Reuters", published: day(1),
			speaker: "Seoul", kind: domain.KindCountry, status: domain.Claimed, claimKey: "troops deployed", claimText: "Troops were deployed", head: "soldier", value: 10000},
		{title: "Denial", body: "Kremlin denied that soldiers were deployed.", url: "https://n/2", outlet: "AFP", published: day(2),
			speaker: "Kremlin", kind: domain.KindOrganization, status: domain.Denied, claimKey: "troops deployed", head: "soldier", value: 0},
		{title: "Grain", body: "Kyiv said 3 ships left port with grain.", url: "https://n/3", outlet: "Reuters", published: day(3),
			speaker: "Kyiv", kind: domain.KindLocation, status: domain.Confirmed, claimKey: "grain ships left", claimText: "Grain ships left port (100% confirmed_)", head: "ship", value: 3},
		{title: "Budget", body: "Seoul said the budget rose 5 percent.", url: "https://n/4", outlet: "Yonhap", published: day(4),
			speaker: "Seoul", kind: domain.KindCountry, status: domain.Unconfirmed, claimKey: "budget rose", claimText: "The budget rose", head: "percent", value: 5},
		{title: "Drones", body: "Kremlin said 40 drones were downed.", url: "https://n/5", outlet: "TASS", published: day(5),
			speaker: "Kremlin", kind: domain.KindOrganization, status: domain.Claimed, claimKey: "drones downed", claimText: "Drones were downed", head: "drone", value: 40},
		{title: "No date", body: "Officials said 7 drones crashed.", url: "https://n/6", outlet: "AFP",
			status: domain.Claimed, head: "drone", value: 7},
	}
	var n newsroom
	for _, f := range fixtures {
		n.articles = append(n.articles, ingest(t, s, f.article(), f.analysis(t)))
	}
	for _, e := range res(s.EntitiesByArticle(ctx(t), []int64{n.articles[0].ID, n.articles[1].ID})).all(t, "EntitiesByArticle", 2) {
		for _, x := range e {
			switch x.Name {
			case "Seoul":
				n.seoul = x.ID
			case "Kremlin":
				n.kremlin = x.ID
			}
		}
	}
	if n.seoul == 0 || n.kremlin == 0 {
		t.Fatal("fixture entities not found")
	}
	return n
}

func (n newsroom) ids(idx ...int) []int64 {
	out := make([]int64, len(idx))
	for i, x := range idx {
		out[i] = n.articles[x].ID
	}
	return out
}

func testListArticles(t *testing.T, s *storage.Store) {
	n := newNewsroom(t, s)
	list := func(f domain.ArticleFilter) func(domain.PageRequest) (domain.Page[*domain.Article], error) {
		return func(p domain.PageRequest) (domain.Page[*domain.Article], error) { return s.ListArticles(ctx(t), f, p) }
	}
	newestFirst := n.ids(5, 4, 3, 2, 1, 0)
	for _, first := range []int{1, 2, 4, 6, 50} {
		equalSlice(t, fmt.Sprintf("all articles, pages of %d", first),
			walk(t, "articles", first, articleID, list(domain.ArticleFilter{})), newestFirst)
	}

	p, err := s.ListArticles(ctx(t), domain.ArticleFilter{}, domain.PageRequest{First: 2, Count: true})
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "total", p.Total, 6)
	// A page that does not ask for its total costs one statement, not a
	// COUNT over everything the filter matches as well.
	for _, count := range []bool{false, true} {
		var total int
		n := countStatements(t, s, func() {
			p, err := s.ListArticles(ctx(t), domain.ArticleFilter{}, domain.PageRequest{First: 2, Count: count})
			if err != nil {
				t.Fatal(err)
			}
			total = p.Total
		})
		want, wantTotal := 1, 0
		if count {
			want, wantTotal = 2, 6
		}
		equal(t, fmt.Sprintf("statements of a page (count %v)", count), n, want)
		equal(t, fmt.Sprintf("total (count %v)", count), total, wantTotal)
	}
	equal(t, "hasNext", p.HasNext, true)
	equal(t, "hasPrevious", p.HasPrevious, false)
	p, err = s.ListArticles(ctx(t), domain.ArticleFilter{}, domain.PageRequest{First: 0, Count: true})
	if err != nil || len(p.Items) != 0 || p.Total != 6 || !p.HasNext {
		t.Errorf("first=0: items %d total %d hasNext %v err %v", len(p.Items), p.Total, p.HasNext, err)
	}

	cases := []struct {
		name string
		f    domain.ArticleFilter
		want []int64
	}{
		{"outlet", domain.ArticleFilter{Outlet: ptr("Reuters")}, n.ids(2, 0)},
		{"outlet is exact", domain.ArticleFilter{Outlet: ptr("reuters")}, nil},
		{"published after (inclusive)", domain.ArticleFilter{PublishedAfter: ptr(time.Date(2024, 11, 3, 8, 0, 0, 0, time.UTC))}, n.ids(4, 3, 2)},
		{"published before (exclusive), other zone", domain.ArticleFilter{PublishedBefore: ptr(time.Date(2024, 11, 3, 9, 0, 0, 0, time.FixedZone("CET", 3600)))}, n.ids(1, 0)},
		{"published window", domain.ArticleFilter{PublishedAfter: ptr(time.Date(2024, 11, 2, 0, 0, 0, 0, time.UTC)), PublishedBefore: ptr(time.Date(2024, 11, 4, 0, 0, 0, 0, time.UTC))}, n.ids(2, 1)},
		{"entity", domain.ArticleFilter{EntityID: &n.seoul}, n.ids(3, 0)},
		{"missing entity", domain.ArticleFilter{EntityID: ptr(int64(999999))}, nil},
		{"search", domain.ArticleFilter{Search: ptr("drones")}, n.ids(5, 4)},
		{"search and outlet", domain.ArticleFilter{Search: ptr("drones"), Outlet: ptr("TASS")}, n.ids(4)},
		{"entity and outlet", domain.ArticleFilter{EntityID: &n.kremlin, Outlet: ptr("AFP")}, n.ids(1)},
	}
	for _, c := range cases {
		got := walk(t, c.name, 1, articleID, list(c.f))
		if !slices.Equal(got, c.want) && (len(got) != 0 || len(c.want) != 0) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func testListEntities(t *testing.T, s *storage.Store) {
	newNewsroom(t, s)
	extra := domain.Analysis{Entities: []domain.FoundEntity{
		{Name: "South Korea", Kind: domain.KindCountry, Aliases: []string{"Seoul government", "ROK"}},
		{Name: "Kim_Jong%Un", Kind: domain.KindPerson},
		{Name: "Ålesund", Kind: domain.KindLocation, Aliases: []string{"ÅLESUND kommune"}},
	}}
	ingest(t, s, domain.NewArticle{Title: "Entities", Body: "Plain body."}, extra)

	list := func(f domain.EntityFilter) func(domain.PageRequest) (domain.Page[*domain.Entity], error) {
		return func(p domain.PageRequest) (domain.Page[*domain.Entity], error) { return s.ListEntities(ctx(t), f, p) }
	}
	names := func(f domain.EntityFilter, first int) []string {
		ids := walk(t, "entities", first, entityID, list(f))
		ents := res(s.EntitiesByIDs(ctx(t), ids)).all(t, "EntitiesByIDs", len(ids))
		return entityNames(ents)
	}
	all := names(domain.EntityFilter{}, 2)
	sorted := slices.Clone(all)
	slices.Sort(sorted)
	if len(all) != 6 {
		t.Errorf("entities = %v, want 6", all)
	}
	// The exact collation is the database's; it must agree with itself.
	equalSlice(t, "entities pages of 1", names(domain.EntityFilter{}, 1), all)
	equalSlice(t, "entities pages of 10", names(domain.EntityFilter{}, 10), all)
	if !slices.Equal(sorted[:5], []string{"Kim_Jong%Un", "Kremlin", "Kyiv", "Seoul", "South Korea"}) {
		t.Logf("entity order: %v", all)
	}

	p, err := s.ListEntities(ctx(t), domain.EntityFilter{}, domain.PageRequest{First: 1})
	if err != nil || len(p.Cursors) != 1 || p.Cursors[0].Sort != all[0] {
		t.Errorf("entity cursor = %v, want sort value %q", p.Cursors, all[0])
	}

	cases := []struct {
		name string
		f    domain.EntityFilter
		want []string
	}{
		{"kind", domain.EntityFilter{Kind: ptr(domain.KindCountry)}, []string{"Seoul", "South Korea"}},
		{"search name, any case", domain.EntityFilter{Search: ptr("KREM")}, []string{"Kremlin"}},
		{"search alias", domain.EntityFilter{Search: ptr("rok")}, []string{"South Korea"}},
		{"search name or alias", domain.EntityFilter{Search: ptr("seoul")}, []string{"Seoul", "South Korea"}},
		{"search with kind", domain.EntityFilter{Search: ptr("seoul"), Kind: ptr(domain.KindCountry)}, []string{"Seoul", "South Korea"}},
		{"search non-ASCII case", domain.EntityFilter{Search: ptr("ålesund KOMMUNE")}, []string{"Ålesund"}},
		{"wildcards are literal", domain.EntityFilter{Search: ptr("_jong%")}, []string{"Kim_Jong%Un"}},
		{"percent alone matches only a percent", domain.EntityFilter{Search: ptr("%")}, []string{"Kim_Jong%Un"}},
		{"no match", domain.EntityFilter{Search: ptr("zzz")}, nil},
	}
	for _, c := range cases {
		got := names(c.f, 1)
		slices.Sort(got)
		if !slices.Equal(got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func testListClaims(t *testing.T, s *storage.Store) {
	n := newNewsroom(t, s)
	claimOf := func(i int) *domain.Claim {
		cs := res(s.ClaimsByArticle(ctx(t), []int64{n.articles[i].ID})).one(t, "ClaimsByArticle")
		if len(cs) != 1 {
			t.Fatalf("article %d claims: %v", i, cs)
		}
		return cs[0]
	}
	troops, grain, budget, drones := claimOf(0), claimOf(2), claimOf(3), claimOf(4)
	equal(t, "troops status", troops.Status, domain.Disputed)

	// Two claims updated by one ingest share updated_at: the ID breaks the tie.
	body := "Kyiv said the grain ships left and the budget rose."
	ingest(t, s, domain.NewArticle{Title: "Tie", Body: body}, domain.Analysis{
		Entities: []domain.FoundEntity{{Name: "Kyiv", Kind: domain.KindLocation, Mentions: []domain.Span{span(t, body, "Kyiv")}}},
		Statements: []domain.FoundStatement{
			{Speakers: []int{0}, Cue: "said", Status: domain.Claimed, Text: body, Span: span(t, body, body), ClaimKey: "grain ships left"},
			{Speakers: []int{0}, Cue: "said", Status: domain.Claimed, Text: body, Span: span(t, body, body), ClaimKey: "budget rose"},
		},
	})

	list := func(f domain.ClaimFilter) func(domain.PageRequest) (domain.Page[*domain.Claim], error) {
		return func(p domain.PageRequest) (domain.Page[*domain.Claim], error) { return s.ListClaims(ctx(t), f, p) }
	}
	// budget (higher ID) and grain were updated last, then drones, then troops.
	want := []int64{budget.ID, grain.ID, drones.ID, troops.ID}
	for _, first := range []int{1, 2, 3, 10} {
		equalSlice(t, fmt.Sprintf("claims, pages of %d", first), walk(t, "claims", first, claimID, list(domain.ClaimFilter{})), want)
	}
	p, err := s.ListClaims(ctx(t), domain.ClaimFilter{}, domain.PageRequest{First: 1})
	if err != nil {
		t.Fatal(err)
	}
	if c, err := time.Parse(time.RFC3339Nano, p.Cursors[0].Sort); err != nil || !c.Equal(p.Items[0].UpdatedAt) {
		t.Errorf("claim cursor sort %q is not the RFC 3339 updated_at %v", p.Cursors[0].Sort, p.Items[0].UpdatedAt)
	}
	updated := res(s.ClaimsByIDs(ctx(t), []int64{grain.ID})).one(t, "ClaimsByIDs")
	if !updated.UpdatedAt.After(grain.UpdatedAt) {
		t.Errorf("updated_at did not move: %v then %v", grain.UpdatedAt, updated.UpdatedAt)
	}

	kyiv := res(s.EntitiesByArticle(ctx(t), []int64{n.articles[2].ID})).one(t, "EntitiesByArticle")[0].ID
	// "Seoul" is mentioned, not speaking, in this article's statement about drones.
	body2 := "Officials in Seoul said the drones were downed."
	ingest(t, s, domain.NewArticle{Title: "About Seoul", Body: body2}, domain.Analysis{
		Entities: []domain.FoundEntity{
			{Name: "Officials", Kind: domain.KindOther, Mentions: []domain.Span{span(t, body2, "Officials")}},
			{Name: "Seoul", Kind: domain.KindCountry, Mentions: []domain.Span{span(t, body2, "Seoul")}},
		},
		Statements: []domain.FoundStatement{{Speakers: []int{0}, Cue: "said", Status: domain.Claimed,
			Text: body2, Span: span(t, body2, body2), ClaimKey: "drones downed"}},
	})
	want = []int64{drones.ID, budget.ID, grain.ID, troops.ID}

	cases := []struct {
		name string
		f    domain.ClaimFilter
		want []int64
	}{
		{"status", domain.ClaimFilter{Status: ptr(domain.Disputed)}, []int64{troops.ID}},
		// The tie article made budget CLAIMED (UNCONFIRMED + CLAIMED).
		{"status claimed", domain.ClaimFilter{Status: ptr(domain.Claimed)}, []int64{drones.ID, budget.ID}},
		{"status confirmed", domain.ClaimFilter{Status: ptr(domain.Confirmed)}, []int64{grain.ID}},
		{"status none", domain.ClaimFilter{Status: ptr(domain.Denied)}, nil},
		{"entity speaks", domain.ClaimFilter{EntityID: &kyiv}, []int64{budget.ID, grain.ID}},
		{"entity speaks or is mentioned", domain.ClaimFilter{EntityID: &n.seoul}, []int64{drones.ID, budget.ID, troops.ID}},
		{"entity and status", domain.ClaimFilter{EntityID: &n.kremlin, Status: ptr(domain.Disputed)}, []int64{troops.ID}},
		{"search any case", domain.ClaimFilter{Search: ptr("TROOPS were")}, []int64{troops.ID}},
		{"search substring", domain.ClaimFilter{Search: ptr("rose")}, []int64{budget.ID}},
		{"search wildcards literal", domain.ClaimFilter{Search: ptr("100% confirmed_")}, []int64{grain.ID}},
		{"search underscore literal", domain.ClaimFilter{Search: ptr("_")}, []int64{grain.ID}},
		{"search no match", domain.ClaimFilter{Search: ptr("nothing like it")}, nil},
	}
	for _, c := range cases {
		got := walk(t, c.name, 1, claimID, list(c.f))
		if !slices.Equal(got, c.want) && (len(got) != 0 || len(c.want) != 0) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
	equalSlice(t, "claims after mention", walk(t, "claims", 2, claimID, list(domain.ClaimFilter{})), want)
}

func testListFigures(t *testing.T, s *storage.Store) {
	n := newNewsroom(t, s)
	fig := func(i int) int64 {
		fs := res(s.FiguresByArticle(ctx(t), []int64{n.articles[i].ID})).one(t, "FiguresByArticle")
		if len(fs) != 1 {
			t.Fatalf("article %d figures: %v", i, fs)
		}
		return fs[0].ID
	}
	f := make([]int64, len(n.articles))
	for i := range n.articles {
		f[i] = fig(i)
	}
	list := func(ff domain.FigureFilter) func(domain.PageRequest) (domain.Page[*domain.Figure], error) {
		return func(p domain.PageRequest) (domain.Page[*domain.Figure], error) { return s.ListFigures(ctx(t), ff, p) }
	}
	for _, first := range []int{1, 4, 100} {
		equalSlice(t, fmt.Sprintf("figures, pages of %d", first), walk(t, "figures", first, figureID, list(domain.FigureFilter{})), f)
	}
	cases := []struct {
		name string
		f    domain.FigureFilter
		want []int64
	}{
		{"head", domain.FigureFilter{Head: ptr("drone")}, []int64{f[4], f[5]}},
		{"head is lowercased", domain.FigureFilter{Head: ptr("Soldier")}, []int64{f[0], f[1]}},
		{"status", domain.FigureFilter{Status: ptr(domain.Denied)}, []int64{f[1]}},
		{"source", domain.FigureFilter{SourceID: &n.seoul}, []int64{f[0], f[3]}},
		{"article", domain.FigureFilter{ArticleID: &n.articles[2].ID}, []int64{f[2]}},
		{"min value", domain.FigureFilter{MinValue: ptr(7.0)}, []int64{f[0], f[4], f[5]}},
		{"max value", domain.FigureFilter{MaxValue: ptr(5.0)}, []int64{f[1], f[2], f[3]}},
		{"range and head", domain.FigureFilter{MinValue: ptr(1.0), MaxValue: ptr(10.0), Head: ptr("drone")}, []int64{f[5]}},
		{"nothing", domain.FigureFilter{Head: ptr("tank")}, nil},
	}
	for _, c := range cases {
		got := walk(t, c.name, 1, figureID, list(c.f))
		if !slices.Equal(got, c.want) && (len(got) != 0 || len(c.want) != 0) {
			t.Errorf("%s: got %v, want %v", c.name, got, c.want)
		}
	}
}

func testSearch(t *testing.T, s *storage.Store) {
	n := newNewsroom(t, s)
	search := func(q string) []int64 {
		return walk(t, "search "+q, 10, articleID, func(p domain.PageRequest) (domain.Page[*domain.Article], error) {
			return s.ListArticles(ctx(t), domain.ArticleFilter{Search: &q}, p)
		})
	}
	cases := []struct {
		q    string
		want []int64
	}{
		{"drones", n.ids(5, 4)},
		{"DRONES", n.ids(5, 4)},
		{"drone", n.ids(5, 4)},             // stemmed
		{"soldiers deployed", n.ids(1, 0)}, // every word must match
		{"soldiers grain", nil},
		{"budget", n.ids(3)}, // title and body
		{"Grain", n.ids(2)},
		{"zeppelin", nil},
	}
	for _, c := range cases {
		got := search(c.q)
		if !slices.Equal(got, c.want) && (len(got) != 0 || len(c.want) != 0) {
			t.Errorf("search %q: got %v, want %v", c.q, got, c.want)
		}
	}
	// Query syntax in user text is never interpreted and never fails.
	// Operator words are plain (stop) words, like "the" or "were".
	for _, q := range []string{`"drones`, `drones AND`, `drones*`, `-drones`, `drones) OR (`, `(drones NOT`, `the drones were`, `'; DROP TABLE articles; --`, `drones ^ ~ \ :`} {
		got := search(q)
		if !slices.Equal(got, n.ids(5, 4)) && q != `'; DROP TABLE articles; --` {
			t.Errorf("search %q: got %v, want the drone articles", q, got)
		}
	}
	// Text without any word puts no constraint on the list.
	for _, q := range []string{"", "   ", "!!! ...", `"*"`} {
		equal(t, fmt.Sprintf("search %q total", q), len(search(q)), len(n.articles))
	}
	equal(t, "articles survive", countRows(t, s, "articles"), int64(len(n.articles)))
}
