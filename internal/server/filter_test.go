package server_test

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
)

func TestFilters(t *testing.T) {
	e := newEnv(t, "")
	for _, a := range loadArticles(t) {
		e.ingest(t, a.input())
	}
	type fig struct {
		Text   string
		Value  float64
		Head   string
		Status string
		Source *struct{ ID, Name string }
	}
	var all struct {
		Figures struct {
			TotalCount int
			Edges      []struct{ Node fig }
		}
	}
	e.client.MustPost(`{ figures(first: 100) { totalCount edges { node { text value head status source { id name } } } } }`, &all)
	if all.Figures.TotalCount < 4 {
		t.Fatalf("only %d figures stored", all.Figures.TotalCount)
	}
	figs := func(filter map[string]any) []fig {
		var resp struct {
			Figures struct{ Edges []struct{ Node fig } }
		}
		e.client.MustPost(`query($f: FigureFilter) { figures(first: 100, filter: $f) { edges { node { text value head status source { id name } } } } }`, &resp, client.Var("f", filter))
		out := make([]fig, len(resp.Figures.Edges))
		for i, ed := range resp.Figures.Edges {
			out[i] = ed.Node
		}
		return out
	}
	count := func(pred func(fig) bool) int {
		n := 0
		for _, ed := range all.Figures.Edges {
			if pred(ed.Node) {
				n++
			}
		}
		return n
	}
	first := all.Figures.Edges[0].Node
	if got, want := len(figs(map[string]any{"head": first.Head})), count(func(f fig) bool { return f.Head == first.Head }); got != want || got == 0 {
		t.Errorf("head %q: %d figures, want %d", first.Head, got, want)
	}
	if got, want := len(figs(map[string]any{"status": first.Status})), count(func(f fig) bool { return f.Status == first.Status }); got != want {
		t.Errorf("status %s: %d figures, want %d", first.Status, got, want)
	}
	if got, want := len(figs(map[string]any{"minValue": 1000, "maxValue": 4200})), count(func(f fig) bool { return f.Value >= 1000 && f.Value <= 4200 }); got != want {
		t.Errorf("value in [1000, 4200]: %d figures, want %d", got, want)
	}
	for _, ed := range all.Figures.Edges {
		if s := ed.Node.Source; s != nil {
			got := figs(map[string]any{"sourceId": s.ID})
			if want := count(func(f fig) bool { return f.Source != nil && f.Source.ID == s.ID }); len(got) != want {
				t.Errorf("source %s: %d figures, want %d", s.Name, len(got), want)
			}
			break
		}
	}

	var arts struct {
		Articles struct {
			TotalCount int
			Edges      []struct{ Node struct{ Title string } }
		}
	}
	e.client.MustPost(`{ articles(filter: { outlet: "Example Daily" }) { totalCount edges { node { title } } } }`, &arts)
	if arts.Articles.TotalCount != 1 || arts.Articles.Edges[0].Node.Title != "Hungary disputes crossing figures" {
		t.Errorf("outlet filter: %+v", arts.Articles)
	}
	e.client.MustPost(`{ articles(filter: { search: "registering" }) { totalCount edges { node { title } } } }`, &arts)
	if arts.Articles.TotalCount != 1 || !strings.Contains(arts.Articles.Edges[0].Node.Title, "Hungary disputes") {
		t.Errorf("search filter: %+v", arts.Articles)
	}
	e.client.MustPost(`{ articles(filter: { publishedAfter: "2025-03-03T00:00:00Z" }) { totalCount edges { node { title } } } }`, &arts)
	if arts.Articles.TotalCount != 1 {
		t.Errorf("publishedAfter filter: %+v", arts.Articles)
	}
	e.client.MustPost(`{ articles(filter: { search: "\"unbalanced OR (" }) { totalCount } }`, &arts)

	var claims struct {
		Claims struct {
			TotalCount int
			Edges      []struct{ Node struct{ Status string } }
		}
	}
	e.client.MustPost(`{ claims(first: 100) { totalCount edges { node { status } } } }`, &claims)
	if claims.Claims.TotalCount == 0 {
		t.Fatalf("no claims")
	}
	st := claims.Claims.Edges[0].Node.Status
	var filtered struct {
		Claims struct {
			TotalCount int
			Edges      []struct{ Node struct{ Status string } }
		}
	}
	e.client.MustPost(`query($s: ConfirmationStatus) { claims(first: 100, filter: { status: $s }) { totalCount edges { node { status } } } }`, &filtered, client.Var("s", st))
	if filtered.Claims.TotalCount == 0 {
		t.Errorf("status %s: no claims", st)
	}
	for _, ed := range filtered.Claims.Edges {
		if ed.Node.Status != st {
			t.Errorf("status filter %s returned %s", st, ed.Node.Status)
		}
	}

	var ents struct {
		Entities struct {
			Edges []struct {
				Node struct{ ID, Name, Kind string }
			}
		}
	}
	e.client.MustPost(`{ entities(first: 100, filter: { kind: COUNTRY }) { edges { node { id name kind } } } }`, &ents)
	for _, ed := range ents.Entities.Edges {
		if ed.Node.Kind != "COUNTRY" {
			t.Errorf("kind filter returned %+v", ed.Node)
		}
	}
	_, errs := e.rawPost(t, `{ figures(filter: { sourceId: "nonsense" }) { totalCount } }`, nil)
	wantCode(t, errs, "BAD_USER_INPUT", "malformed id")
}
