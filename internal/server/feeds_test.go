package server_test

import (
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/feeds"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
)

// TestFeedFields drives addFeed, feeds and removeFeed over HTTP with the
// default auth mode: writes need an editor key, bad input is
// BAD_USER_INPUT, and the list pages like every connection.
func TestFeedFields(t *testing.T) {
	e := newEnvWith(t, slog.New(slog.DiscardHandler), func(c *server.Config) {
		c.Auth = server.AuthConfig{Mode: "writes"}
		svc, err := feeds.Open(t.Context(), feeds.Config{DB: c.Store.(*storage.Store).DB()})
		if err != nil {
			t.Fatal(err)
		}
		c.Feeds = svc
	})
	a := &authEnv{store: e.store, handler: e.handler}
	editor, _ := a.key(t, auth.RoleEditor)
	reader, _ := a.key(t, auth.RoleReader)
	const add = `mutation($url: String!, $every: Duration) { addFeed(url: $url, every: $every) { created feed { url title every lastFetchedAt lastError itemsSeen articlesCreated itemsFailed itemsPending nextFetchAt addedAt } } }`
	vars := map[string]any{"url": "https://news.example/rss.xml", "every": "1h30m"}

	if got := a.post(t, "", add, vars); got.code() != "UNAUTHENTICATED" {
		t.Errorf("anonymous addFeed: %s", got.body)
	}
	if got := a.post(t, reader, add, vars); got.code() != "FORBIDDEN" {
		t.Errorf("reader addFeed: %s", got.body)
	}
	got := a.post(t, editor, add, vars)
	var res struct {
		AddFeed struct {
			Created bool
			Feed    map[string]any
		}
	}
	if err := json.Unmarshal(got.data, &res); err != nil || len(got.errors) > 0 || !res.AddFeed.Created {
		t.Fatalf("editor addFeed: %s", got.body)
	}
	f := res.AddFeed.Feed
	if f["every"] != "1h30m" || f["lastFetchedAt"] != nil || f["lastError"] != nil || f["itemsSeen"] != float64(0) || f["title"] != "" || f["nextFetchAt"] == nil {
		t.Errorf("new feed = %v", f)
	}
	if got := a.post(t, editor, add, vars); !json.Valid(got.data) || len(got.errors) > 0 || !jsonHas(got.data, `"created":false`) {
		t.Errorf("second addFeed: %s", got.body)
	}
	for _, bad := range []map[string]any{
		{"url": "gopher://news.example/"},
		{"url": "https://news.example/a", "every": "5s"},
		{"url": "https://news.example/a", "every": "soon"},
		{"url": "https://news.example/a", "every": 15},
	} {
		if got := a.post(t, editor, add, bad); got.code() != "BAD_USER_INPUT" || len(got.errors[0].Message) < 10 {
			t.Errorf("addFeed %v: %s", bad, got.body)
		}
	}
	vars["url"] = "https://second.example/feed.json"
	vars["every"] = nil
	if got := a.post(t, editor, add, vars); !jsonHas(got.data, `"every":"15m"`) {
		t.Errorf("default interval: %s", got.body)
	}

	const list = `query($after: String) { feeds(first: 1, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { url } } } }`
	got = a.post(t, "", list, nil)
	var page struct {
		Feeds struct {
			TotalCount int
			PageInfo   struct {
				HasNextPage bool
				EndCursor   string
			}
			Edges []struct{ Node struct{ URL string } }
		}
	}
	if err := json.Unmarshal(got.data, &page); err != nil || page.Feeds.TotalCount != 2 || !page.Feeds.PageInfo.HasNextPage ||
		len(page.Feeds.Edges) != 1 || page.Feeds.Edges[0].Node.URL != "https://news.example/rss.xml" {
		t.Fatalf("first page: %s", got.body)
	}
	got = a.post(t, "", list, map[string]any{"after": page.Feeds.PageInfo.EndCursor})
	if !jsonHas(got.data, `"url":"https://second.example/feed.json"`) || !jsonHas(got.data, `"hasNextPage":false`) {
		t.Fatalf("second page: %s", got.body)
	}

	const remove = `mutation($url: String!) { removeFeed(url: $url) { url removed } }`
	if got := a.post(t, reader, remove, map[string]any{"url": "https://news.example/rss.xml"}); got.code() != "FORBIDDEN" {
		t.Errorf("reader removeFeed: %s", got.body)
	}
	if got := a.post(t, editor, remove, map[string]any{"url": "https://news.example/rss.xml"}); !jsonHas(got.data, `"removed":true`) {
		t.Errorf("removeFeed: %s", got.body)
	}
	if got := a.post(t, editor, remove, map[string]any{"url": "https://news.example/rss.xml"}); !jsonHas(got.data, `"removed":false`) {
		t.Errorf("second removeFeed: %s", got.body)
	}
	if got := a.post(t, "", list, nil); !jsonHas(got.data, `"totalCount":1`) {
		t.Errorf("after remove: %s", got.body)
	}
}

// jsonHas reports whether compact JSON data contains fragment.
func jsonHas(data json.RawMessage, fragment string) bool {
	return json.Valid(data) && strings.Contains(string(data), fragment)
}
