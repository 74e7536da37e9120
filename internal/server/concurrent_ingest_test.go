package server_test

import (
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"

	"github.com/99designs/gqlgen/client"

	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/storage/storagetest"
)

// Sixteen clients ingest articles that share their claims, figure series
// and entities, all at once, and every ingest must succeed: the server
// takes turns or replays a write that raced another, the client never sees
// CONFLICT. What is stored must then equal what the same articles give
// ingested one after the other.
const (
	racingWriters = 16
	racingRounds  = 6
)

func TestConcurrentOverlappingIngests(t *testing.T) {
	want := storedGroups(t, ingestOverlapping(t, newEnvWith(t, slog.New(slog.DiscardHandler), nil), 1))
	t.Run("sqlite", func(t *testing.T) {
		e := newEnvWith(t, slog.New(slog.DiscardHandler), nil)
		compareGroups(t, storedGroups(t, ingestOverlapping(t, e, racingWriters)), want)
	})
	t.Run("postgres", func(t *testing.T) {
		e := newEnvOn(t, storagetest.OpenPostgres(t), slog.New(slog.DiscardHandler), nil)
		compareGroups(t, storedGroups(t, ingestOverlapping(t, e, racingWriters)), want)
	})
}

// overlapping returns the articles of writer w: each one a mix of the
// sentences of the dev articles, so that every writer reports the same
// claims, figures and speakers, under a URL of its own; and in each round
// one article under a URL all writers send, which must be stored once.
func overlapping(t *testing.T, w int) []map[string]any {
	t.Helper()
	var sentences []string
	for _, a := range loadArticles(t) {
		for s := range strings.SplitAfterSeq(a.Body, ". ") {
			if s = strings.TrimSpace(s); s != "" {
				sentences = append(sentences, s)
			}
		}
	}
	var out []map[string]any
	for r := range racingRounds {
		k := (w + r) % len(sentences)
		body := strings.Join(append(append([]string{}, sentences[k:]...), sentences[:k]...), " ")
		out = append(out,
			map[string]any{"title": fmt.Sprintf("Report %d of writer %d", r, w), "body": body,
				"url": fmt.Sprintf("https://race.example/%d/%d", w, r)},
			map[string]any{"title": fmt.Sprintf("Shared report %d", r), "body": strings.Join(sentences, " "),
				"url": fmt.Sprintf("https://race.example/shared/%d", r)})
	}
	return out
}

// ingestOverlapping has writers clients ingest the articles of all
// racingWriters writers through the API at once (one client ingesting them
// all when writers is 1), fails the test on any error, and returns the
// store.
func ingestOverlapping(t *testing.T, e *env, writers int) *storage.Store {
	t.Helper()
	var wg sync.WaitGroup
	start := make(chan struct{})
	errs := make(chan error, racingWriters*racingRounds*2)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for v := w; v < racingWriters; v += writers {
				for _, in := range overlapping(t, v) {
					var resp ingestResp
					if err := e.client.Post(ingestMutation, &resp, client.Var("in", in)); err != nil {
						errs <- fmt.Errorf("writer %d, %s: %w", v, in["url"], err)
					}
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	close(errs)
	n := 0
	for err := range errs {
		n++
		if n <= 5 {
			t.Error(err)
		}
	}
	if n > 0 {
		t.Fatalf("%d of %d ingests failed", n, racingWriters*racingRounds*2)
	}
	return e.store
}

// groups is what a store holds, in a form that does not depend on the
// order of ingests: articles by URL, claims and series by key with their
// aggregates, entities by name, and the number of statements and figures.
type groups struct {
	articles, claims, series, entities []string
	statements, figures                int64
}

func storedGroups(t *testing.T, s *storage.Store) groups {
	t.Helper()
	db := s.DB().WithContext(t.Context())
	var g groups
	for _, q := range []struct {
		into *[]string
		sql  string
	}{
		{&g.articles, "SELECT url FROM articles ORDER BY url"},
		{&g.claims, "SELECT key || ' ' || status FROM claims ORDER BY key"},
		{&g.entities, "SELECT name_key || ' ' || name || ' ' || kind FROM entities ORDER BY name_key"},
	} {
		if err := db.Raw(q.sql).Scan(q.into).Error; err != nil {
			t.Fatalf("%s: %v", q.sql, err)
		}
	}
	var series []struct {
		Key, Status string
		Low, High   float64
		Conflicting bool
	}
	if err := db.Raw("SELECT key, status, low, high, conflicting FROM series ORDER BY key").Scan(&series).Error; err != nil {
		t.Fatal(err)
	}
	for _, r := range series {
		g.series = append(g.series, fmt.Sprint(r.Key, " ", r.Status, " ", r.Low, "-", r.High, " conflicting=", r.Conflicting))
	}
	for _, c := range []struct {
		into  *int64
		table string
	}{{&g.statements, "statements"}, {&g.figures, "figures"}} {
		if err := db.Table(c.table).Count(c.into).Error; err != nil {
			t.Fatal(err)
		}
	}
	return g
}

// compareGroups fails the test where got differs from want.
func compareGroups(t *testing.T, got, want groups) {
	t.Helper()
	if len(want.articles) != racingWriters*racingRounds+racingRounds {
		t.Fatalf("sequential ingest stored %d articles, want %d", len(want.articles), racingWriters*racingRounds+racingRounds)
	}
	if len(want.claims) == 0 || len(want.series) == 0 || len(want.entities) == 0 {
		t.Fatalf("the articles share no claim, series or entity: %+v", want)
	}
	for _, c := range []struct {
		what      string
		got, want []string
	}{{"articles", got.articles, want.articles}, {"claims", got.claims, want.claims},
		{"series", got.series, want.series}, {"entities", got.entities, want.entities}} {
		if strings.Join(c.got, "\n") != strings.Join(c.want, "\n") {
			t.Errorf("%s after concurrent ingests:\n%s\nafter sequential ones:\n%s", c.what,
				strings.Join(c.got, "\n"), strings.Join(c.want, "\n"))
		}
	}
	if got.statements != want.statements || got.figures != want.figures {
		t.Errorf("statements, figures = %d, %d; sequential ingest stored %d, %d",
			got.statements, got.figures, want.statements, want.figures)
	}
}
