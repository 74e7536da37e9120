package server_test

import (
	"context"
	"testing"

	"github.com/99designs/gqlgen/client"
	"github.com/factgraph/factgraph/internal/domain"
)

// TestMergedIDsStillResolve stores an article whose analysis named the
// speaker "Putin", re-analyses it with rules that know him as "Vladimir
// Putin", and asks the API for the old entity ID: node(id:) and entity(id:)
// answer with the entity it was merged into.
func TestMergedIDsStillResolve(t *testing.T) {
	e := newEnv(t, "")
	ctx := context.Background()
	body := "Putin said 300 drones fell on Monday."
	analysis := func(name string, aliases []string) func(string, string) domain.Analysis {
		return func(string, string) domain.Analysis {
			return domain.Analysis{
				Version: name,
				Entities: []domain.FoundEntity{{Name: name, Kind: domain.KindPerson, Aliases: aliases,
					Mentions: []domain.Span{{Start: 0, End: 5}}}},
				Statements: []domain.FoundStatement{{Speakers: []int{0}, Cue: "said", Status: domain.Claimed,
					Text: body, Span: domain.Span{Start: 0, End: len(body)}, ClaimKey: "drones fell", ClaimText: "Drones fell"}},
			}
		}
	}
	a, _, err := e.store.IngestArticle(ctx, domain.NewArticle{Title: "Drones", Body: body}, analysis("Putin", nil))
	if err != nil {
		t.Fatal(err)
	}
	var before struct {
		Articles struct {
			Edges []struct {
				Node struct{ Entities []struct{ ID, Name string } }
			}
		}
	}
	e.client.MustPost(`{ articles { edges { node { entities { id name } } } } }`, &before)
	old := before.Articles.Edges[0].Node.Entities[0]
	if old.Name != "Putin" {
		t.Fatalf("entity before re-analysis: %+v", old)
	}

	if err := e.store.ReanalyzeArticle(ctx, a.ID, analysis("Vladimir Putin", []string{"Putin"})); err != nil {
		t.Fatal(err)
	}

	var after struct {
		Node   *struct{ ID, Name string }
		Entity *struct{ ID, Name string }
	}
	e.client.MustPost(`query($id: ID!) { node(id: $id) { ... on Entity { id name } } entity(id: $id) { id name } }`,
		&after, client.Var("id", old.ID))
	for what, got := range map[string]*struct{ ID, Name string }{"node": after.Node, "entity": after.Entity} {
		if got == nil || got.Name != "Vladimir Putin" || got.ID == old.ID {
			t.Errorf("%s(id: %s) = %+v, want the entity it was merged into", what, old.ID, got)
		}
	}
}
