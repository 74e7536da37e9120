package ingest_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/storage"
)

// storyFile is one article of a labelled story set in testdata.
type storyFile struct {
	Title, URL, Body, Published string
}

// TestGroupingIgnoresIngestOrder ingests each multi-article story of our
// own test sets in file order and in three shuffled orders, each into a
// fresh database, and checks that the series, claims and entities come out
// as the same partitions and with the same statuses.
func TestGroupingIgnoresIngestOrder(t *testing.T) {
	for _, set := range []string{"heldout5", "heldout6"} {
		t.Run(set, func(t *testing.T) {
			files, _ := filepath.Glob(filepath.Join("..", "..", "testdata", set, "*.json"))
			if len(files) < 6 {
				t.Fatalf("%s: %d articles, want a whole story", set, len(files))
			}
			var arts []domain.NewArticle
			for _, f := range files {
				raw, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				var sf storyFile
				if err := json.Unmarshal(raw, &sf); err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				pub, err := time.Parse(time.RFC3339, sf.Published)
				if err != nil {
					pub, err = time.Parse(time.DateOnly, sf.Published)
				}
				if err != nil {
					t.Fatalf("%s: published %q", f, sf.Published)
				}
				url := sf.URL
				arts = append(arts, domain.NewArticle{Title: sf.Title, Body: sf.Body, URL: &url, PublishedAt: &pub})
			}
			want := partitions(t, arts)
			for seed := uint64(1); seed <= 3; seed++ {
				shuffled := slices.Clone(arts)
				rand.New(rand.NewPCG(seed, seed)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
				if got := partitions(t, shuffled); got != want {
					t.Errorf("shuffle %d groups differently:\n got %s\nwant %s", seed, got, want)
				}
			}
		})
	}
}

// partitions ingests arts in the order given into a fresh store and
// describes the grouping without row IDs: every figure, statement and
// entity mention is named by its article's URL and position, and each
// group is the sorted list of its members with its aggregate status.
func partitions(t *testing.T, arts []domain.NewArticle) string {
	t.Helper()
	ctx := context.Background()
	store, err := storage.Open(ctx, filepath.Join(t.TempDir(), "order.db"), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	svc := &ingest.Service{Store: store, Analyzer: analysis.New(), Log: slog.New(slog.DiscardHandler)}
	urlOf := map[int64]string{}
	var ids []int64
	for _, a := range arts {
		got, _, err := svc.Ingest(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		urlOf[got.ID] = *a.URL
		ids = append(ids, got.ID)
	}
	series := map[int64][]string{}
	claims := map[int64][]string{}
	entities := map[int64][]string{}
	figs, _ := store.FiguresByArticle(ctx, ids)
	stmts, _ := store.StatementsByArticle(ctx, ids)
	ents, _ := store.EntitiesByArticle(ctx, ids)
	for i, id := range ids {
		for j, f := range figs[i] {
			series[f.SeriesID] = append(series[f.SeriesID], fmt.Sprintf("%s#f%d", urlOf[id], j))
		}
		for j, s := range stmts[i] {
			if s.ClaimID != nil {
				claims[*s.ClaimID] = append(claims[*s.ClaimID], fmt.Sprintf("%s#s%d", urlOf[id], j))
			}
		}
		for _, e := range ents[i] {
			entities[e.ID] = append(entities[e.ID], urlOf[id]+"#"+e.Name)
		}
	}
	status := map[int64]string{}
	for id := range claims {
		c, _ := store.ClaimsByIDs(ctx, []int64{id})
		status[id] = string(c[0].Status)
	}
	for id := range series {
		sr, _ := store.SeriesByIDs(ctx, []int64{id})
		status[-id] = fmt.Sprintf("%s %v %g-%g", sr[0].Status, sr[0].Conflicting, sr[0].Low, sr[0].High)
	}
	describe := func(groups map[int64][]string, sign int64) string {
		var out []string
		for id, members := range groups {
			slices.Sort(members)
			out = append(out, strings.Join(members, ",")+" "+status[sign*id])
		}
		slices.Sort(out)
		return strings.Join(out, "\n")
	}
	return "series:\n" + describe(series, -1) + "\nclaims:\n" + describe(claims, 1) + "\nentities:\n" + describe(entities, 0)
}
