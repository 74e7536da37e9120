package graph

import (
	"context"

	"github.com/99designs/gqlgen/graphql"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/loader"
)

// prefetchArticleRelations starts, in one batch each, the per-article lists
// that the query will ask for under edges.node, before any article resolves.
// Every article's own field then finds its list in the loader's cache, so a
// page of N articles costs the same few SQL statements whatever N is and
// however the resolvers' goroutines happen to be scheduled.
func prefetchArticleRelations(ctx context.Context, arts []*domain.Article) {
	if len(arts) == 0 {
		return
	}
	want := selectedArticleLists(ctx)
	if len(want) == 0 {
		return
	}
	ids := make([]int64, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	l := loader.For(ctx)
	if want["statements"] {
		l.ArticleStatements.LoadAllThunk(ctx, ids)
	}
	if want["figures"] {
		l.ArticleFigures.LoadAllThunk(ctx, ids)
	}
	if want["entities"] {
		l.ArticleEntities.LoadAllThunk(ctx, ids)
	}
	if want["claims"] {
		l.ArticleClaims.LoadAllThunk(ctx, ids)
	}
	if want["sources"] {
		l.ArticleSources.LoadAllThunk(ctx, ids)
	}
}

// selectedArticleLists names the per-article lists the current connection
// field selects under edges.node: statements, figures, entities, claims.
// Statement speakers, figure sources and the entities of source mentions
// are read from the article's entities, statement figures from the
// article's figures and statement source mentions from the article's
// sources, so those nested selections ask for the article lists too.
func selectedArticleLists(ctx context.Context) map[string]bool {
	opCtx := graphql.GetOperationContext(ctx)
	fc := graphql.GetFieldContext(ctx)
	if opCtx == nil || fc == nil {
		return nil
	}
	want := map[string]bool{}
	for _, edges := range graphql.CollectFields(opCtx, fc.Field.Selections, []string{"ArticleConnection"}) {
		if edges.Name != "edges" {
			continue
		}
		for _, node := range graphql.CollectFields(opCtx, edges.Selections, []string{"ArticleEdge"}) {
			if node.Name != "node" {
				continue
			}
			for _, f := range graphql.CollectFields(opCtx, node.Selections, []string{"Article", "Node"}) {
				switch f.Name {
				case "statements":
					want["statements"] = true
					for _, sf := range graphql.CollectFields(opCtx, f.Selections, []string{"Statement", "Node"}) {
						switch sf.Name {
						case "speakers":
							want["entities"] = true
						case "figures":
							want["figures"] = true
						case "sourceMentions":
							want["sources"] = true
							for _, mf := range graphql.CollectFields(opCtx, sf.Selections, []string{"Mention"}) {
								if mf.Name == "entity" {
									want["entities"] = true
								}
							}
						}
					}
				case "figures":
					want["figures"] = true
					for _, ff := range graphql.CollectFields(opCtx, f.Selections, []string{"Figure", "Node"}) {
						if ff.Name == "source" {
							want["entities"] = true
						}
					}
				case "entities", "claims":
					want[f.Name] = true
				}
			}
		}
	}
	return want
}
