package server_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/99designs/gqlgen/client"
)

// walk pages through a connection one item at a time and returns the
// node IDs in order; query takes $id and $after and selects
// pageInfo { hasNextPage endCursor } and edges { node { id } } at path.
func walk(t *testing.T, e *env, query, id string, page func(data []byte) (ids []string, next *string)) []string {
	t.Helper()
	var all []string
	var after *string
	for range 200 {
		data, errs := e.rawPost(t, query, map[string]any{"id": id, "after": after})
		if len(errs) > 0 {
			t.Fatalf("%s: %v", query, errs)
		}
		ids, next := page(data)
		all = append(all, ids...)
		if next == nil {
			return all
		}
		after = next
	}
	t.Fatalf("%s: more than 200 pages", query)
	return nil
}

// TestGrowingListsArePaged checks the connections of the lists that grow
// with the data: paging a claim's statements and a series' figures by
// cursor yields the whole list in the order of the plain list field, and
// an entity's statements come newest first, each spoken by the entity.
func TestGrowingListsArePaged(t *testing.T) {
	e := newEnv(t, "")
	// Every article twice, as two outlets' copies: the same claims and
	// series then hold statements and figures of several articles.
	for i, a := range loadArticles(t) {
		for copy := range 2 {
			in := a.input()
			in["url"] = fmt.Sprintf("https://paged.example/%d/%d", copy, i)
			e.ingest(t, in)
		}
	}
	var top struct {
		Claims struct {
			Edges []struct {
				Node struct {
					ID         string
					Statements []struct{ ID string }
				}
			}
		}
		Series struct {
			Edges []struct {
				Node struct {
					ID      string
					Figures []struct{ ID string }
				}
			}
		}
		Entities struct {
			Edges []struct{ Node struct{ ID string } }
		}
	}
	e.client.MustPost(`{ claims(first: 100) { edges { node { id statements(first: 100) { id } } } }
		series(first: 100) { edges { node { id figures(first: 100) { id } } } }
		entities(first: 100) { edges { node { id } } } }`, &top)

	type conn struct {
		Edges    []struct{ Node struct{ ID string } }
		PageInfo struct {
			HasNextPage bool
			EndCursor   *string
		}
		TotalCount        int
		TotalCountIsExact bool
	}
	decode := func(data []byte, get func(map[string]map[string]conn) conn) ([]string, *string) {
		var resp map[string]map[string]conn
		if err := json.Unmarshal(data, &resp); err != nil {
			t.Fatal(err)
		}
		c := get(resp)
		var ids []string
		for _, ed := range c.Edges {
			ids = append(ids, ed.Node.ID)
		}
		if !c.PageInfo.HasNextPage {
			return ids, nil
		}
		return ids, c.PageInfo.EndCursor
	}

	checked := 0
	for _, c := range top.Claims.Edges {
		if len(c.Node.Statements) < 2 {
			continue
		}
		checked++
		got := walk(t, e, `query($id: ID!, $after: String) { node(id: $id) { ... on Claim {
			statementsConnection(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`,
			c.Node.ID, func(data []byte) ([]string, *string) {
				return decode(data, func(m map[string]map[string]conn) conn { return m["node"]["statementsConnection"] })
			})
		var want []string
		for _, s := range c.Node.Statements {
			want = append(want, s.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("claim %s: statementsConnection paged %v, statements %v", c.Node.ID, got, want)
		}
	}
	for _, s := range top.Series.Edges {
		if len(s.Node.Figures) < 2 {
			continue
		}
		checked++
		got := walk(t, e, `query($id: ID!, $after: String) { node(id: $id) { ... on FigureSeries {
			figuresConnection(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`,
			s.Node.ID, func(data []byte) ([]string, *string) {
				return decode(data, func(m map[string]map[string]conn) conn { return m["node"]["figuresConnection"] })
			})
		var want []string
		for _, f := range s.Node.Figures {
			want = append(want, f.ID)
		}
		if !slices.Equal(got, want) {
			t.Errorf("series %s: figuresConnection paged %v, figures %v", s.Node.ID, got, want)
		}
	}
	spoken := 0
	for _, en := range top.Entities.Edges {
		got := walk(t, e, `query($id: ID!, $after: String) { node(id: $id) { ... on Entity {
			statements(first: 1, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } } }`,
			en.Node.ID, func(data []byte) ([]string, *string) {
				return decode(data, func(m map[string]map[string]conn) conn { return m["node"]["statements"] })
			})
		for i, id := range got {
			var st struct {
				Node struct{ Speakers []struct{ ID string } }
			}
			e.client.MustPost(`query($id: ID!) { node(id: $id) { ... on Statement { speakers(first: 100) { id } } } }`, &st, client.Var("id", id))
			if !slices.ContainsFunc(st.Node.Speakers, func(sp struct{ ID string }) bool { return sp.ID == en.Node.ID }) {
				t.Errorf("entity %s: statement %s does not have it as a speaker", en.Node.ID, id)
			}
			if i > 0 && slices.Index(got, id) != i {
				t.Errorf("entity %s: statement %s repeats", en.Node.ID, id)
			}
		}
		spoken += len(got)
	}
	if checked < 4 || spoken == 0 {
		t.Fatalf("checked %d claims and series with 2 or more items, %d entity statements", checked, spoken)
	}
}
