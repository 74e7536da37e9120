package server_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/factgraph/factgraph/internal/domain"
)

// TestTotalCountOnlyWhenSelected checks that every list counts its items
// when, and only when, the query selects totalCount (directly or through a
// fragment), and that the count is right.
func TestTotalCountOnlyWhenSelected(t *testing.T) {
	e := newEnv(t, "")
	for i, a := range loadArticles(t) {
		in := a.input()
		in["url"] = fmt.Sprintf("https://count.example/%d", i)
		e.ingest(t, in)
	}
	var mu sync.Mutex
	var counts int
	cb := e.store.DB().Callback()
	name := "test:counts"
	if err := cb.Query().After("gorm:query").Register(name, func(db *gorm.DB) {
		if strings.Contains(strings.ToLower(db.Statement.SQL.String()), "count(") {
			mu.Lock()
			counts++
			mu.Unlock()
		}
	}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cb.Query().Remove(name) })

	for _, list := range []string{"articles", "entities", "claims", "figures", "series"} {
		for _, c := range []struct {
			selection string
			counted   bool
		}{
			{"edges { cursor }", false},
			{"pageInfo { hasNextPage }", false},
			{"totalCount", true},
			{"... on " + connectionType(list) + " { totalCount }", true},
		} {
			mu.Lock()
			counts = 0
			mu.Unlock()
			data, errs := e.rawPost(t, fmt.Sprintf("{ %s(first: 1) { %s } }", list, c.selection), nil)
			if len(errs) > 0 {
				t.Fatalf("%s { %s }: %v", list, c.selection, errs)
			}
			mu.Lock()
			got := counts
			mu.Unlock()
			if c.counted != (got > 0) {
				t.Errorf("%s { %s }: %d COUNT statements", list, c.selection, got)
			}
			if c.counted && strings.Contains(string(data), `"totalCount":0`) {
				t.Errorf("%s { %s } = %s, want a total above 0", list, c.selection, data)
			}
		}
	}
}

// connectionType names the GraphQL type of a list's page.
func connectionType(list string) string {
	switch list {
	case "articles":
		return "ArticleConnection"
	case "entities":
		return "EntityConnection"
	case "claims":
		return "ClaimConnection"
	case "figures":
		return "FigureConnection"
	}
	return "FigureSeriesConnection"
}

// TestTotalCountIsBounded checks that a total stops at domain.CountBound,
// says so through totalCountIsExact, and stays exact below the bound: for
// a plain filter and for a full-text search, which count through
// different indexes.
func TestTotalCountIsBounded(t *testing.T) {
	e := newEnv(t, "")
	var body strings.Builder
	for i := range domain.CountBound + 50 {
		fmt.Fprintf(&body, "Police said %d protesters marched on the capital. ", 2000+i)
	}
	e.ingest(t, map[string]any{"title": "A long day of marches", "body": body.String(), "url": "https://count.example/marches"})
	for i, word := range []string{"harbour", "harbour", "orchard"} {
		e.ingest(t, map[string]any{"title": "Report " + word, "body": "Officials said the " + word + " was closed on Monday.",
			"url": fmt.Sprintf("https://count.example/%s/%d", word, i)})
	}
	for _, c := range []struct {
		query string
		total int
		exact bool
	}{
		{`{ figures(first: 1, filter: {head: "protester"}) { totalCount totalCountIsExact } }`, domain.CountBound, false},
		{`{ figures(first: 1, filter: {head: "protester", minValue: 3000}) { totalCount totalCountIsExact } }`, 50, true},
		{`{ articles(first: 1, filter: {search: "harbour"}) { totalCount totalCountIsExact } }`, 2, true},
		{`{ articles(first: 1, filter: {search: "harbour", outlet: "nobody"}) { totalCount totalCountIsExact } }`, 0, true},
		{`{ articles(first: 1, filter: {search: "closed"}) { totalCountIsExact } }`, 0, true},
	} {
		data, errs := e.rawPost(t, c.query, nil)
		if len(errs) > 0 {
			t.Fatalf("%s: %v", c.query, errs)
		}
		var resp map[string]struct {
			TotalCount        int
			TotalCountIsExact bool
		}
		if err := json.Unmarshal(data, &resp); err != nil {
			t.Fatal(err)
		}
		for _, got := range resp {
			if got.TotalCount != c.total || got.TotalCountIsExact != c.exact {
				t.Errorf("%s = %s, want totalCount %d, totalCountIsExact %t", c.query, data, c.total, c.exact)
			}
		}
	}
}
