package server_test

import (
	"fmt"
	"testing"

	"github.com/99designs/gqlgen/client"
)

// BenchmarkDeepQuery measures the whole API path (HTTP handler, limits,
// loaders, SQLite) for one page of 50 articles with their statements,
// speakers, figures, sources, entities and claims.
func BenchmarkDeepQuery(b *testing.B) {
	e := newEnv(b, "")
	arts := loadArticles(b)
	for i := range 50 {
		in := arts[i%len(arts)].input()
		in["url"] = fmt.Sprintf("https://news.example/bench/%d", i)
		var resp ingestResp
		if err := e.client.Post(ingestMutation, &resp, client.Var("in", in)); err != nil {
			b.Fatal(err)
		}
	}
	q := `{ articles(first: 50) { edges { node {
		statements { speakers { name } figures { text } }
		figures { source { name } } entities { name } claims { status } } } } }`
	b.ReportAllocs()
	for b.Loop() {
		var resp map[string]any
		if err := e.client.Post(q, &resp); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIngest measures one ingest end to end: validation, analysis and
// the single transaction that stores the article, on a SQLite file.
func BenchmarkIngest(b *testing.B) {
	e := newEnv(b, "")
	a := loadArticles(b)[0]
	b.SetBytes(int64(len(a.Body)))
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		in := a.input()
		in["url"] = fmt.Sprintf("https://news.example/ingest/%d", i)
		i++
		var resp ingestResp
		if err := e.client.Post(ingestMutation, &resp, client.Var("in", in)); err != nil {
			b.Fatal(err)
		}
	}
}
