package server_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"
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
