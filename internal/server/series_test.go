package server_test

import (
	"strings"
	"testing"

	"github.com/99designs/gqlgen/client"
)

// TestSeriesAcrossArticles ingests two reports of one quantity, newest first,
// and reads the series back through the API: one series, its figures in
// publication order, reachable from the figure, by node ID and in the list.
func TestSeriesAcrossArticles(t *testing.T) {
	e := newEnv(t, "")
	e.ingest(t, map[string]any{
		"title": "Estimate rises", "url": "https://example.test/2", "publishedAt": "2024-10-28T00:00:00Z",
		"body": "Some 10,000 North Korean soldiers are now in Russia, the Pentagon said on Monday.",
	})
	e.ingest(t, map[string]any{
		"title": "First count", "url": "https://example.test/1", "publishedAt": "2024-10-20T00:00:00Z",
		"body": "South Korea said on Sunday that about 3,000 North Korean troops are in Russia.",
	})
	var resp struct {
		Articles struct {
			Edges []struct {
				Node struct {
					Figures []struct {
						Value  float64
						Series struct{ ID string }
					}
				}
			}
		}
	}
	e.client.MustPost(`{ articles { edges { node { figures { value series { id } } } } } }`, &resp)
	ids := map[string]bool{}
	for _, ed := range resp.Articles.Edges {
		for _, f := range ed.Node.Figures {
			ids[f.Series.ID] = true
		}
	}
	if len(ids) != 1 {
		t.Fatalf("the two reports are in %d series, want 1", len(ids))
	}
	var id string
	for k := range ids {
		id = k
	}
	var node struct {
		Node struct {
			Label   string
			Figures []struct{ Value float64 }
			Latest  struct{ Value float64 }
			Low     float64
			High    float64
			Sources []struct{ Name string }
		}
	}
	e.client.MustPost(`query($id: ID!) { node(id: $id) { ... on FigureSeries { label figures { value } latest { value } low high sources { name } } } }`,
		&node, client.Var("id", id))
	n := node.Node
	if !strings.Contains(n.Label, "North Korean") || !strings.Contains(n.Label, "Russia") {
		t.Errorf("label = %q", n.Label)
	}
	if len(n.Figures) != 2 || n.Figures[0].Value != 3000 || n.Figures[1].Value != 10000 || n.Latest.Value != 10000 {
		t.Errorf("figures %+v latest %v: want 3,000 then 10,000 by publication", n.Figures, n.Latest)
	}
	if n.Low != 3000 || n.High != 10000 || len(n.Sources) != 2 {
		t.Errorf("low %v high %v sources %+v", n.Low, n.High, n.Sources)
	}
	var list struct {
		Series struct {
			TotalCount int
			Edges      []struct{ Node struct{ ID string } }
		}
	}
	e.client.MustPost(`{ series(first: 10, filter: {search: "north korean"}) { totalCount edges { node { id } } } }`, &list)
	if list.Series.TotalCount != 1 || len(list.Series.Edges) != 1 || list.Series.Edges[0].Node.ID != id {
		t.Errorf("series list = %+v", list.Series)
	}
	err := e.client.Post(`{ series(filter: {entityId: "nonsense"}) { totalCount } }`, &list)
	if err == nil || !strings.Contains(err.Error(), "BAD_USER_INPUT") && !strings.Contains(err.Error(), "malformed id") {
		t.Errorf("a malformed entity id gave %v, want a BAD_USER_INPUT error", err)
	}
}
