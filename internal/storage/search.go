package storage

import (
	"strings"

	"gorm.io/gorm/clause"
)

// searchTerms reduces user search text to plain words, so that quotes,
// operators (-, *, :, parentheses) and stray punctuation can never reach the
// full-text query syntax and make it fail. English stop words are dropped,
// as Postgres' english configuration does, so that both databases answer
// "the budget" or "drones AND tanks" alike (and FTS4 never sees AND, OR,
// NOT). No words left means no search.
func searchTerms(q string) []string {
	var out []string
	for _, w := range words(q) {
		if _, stop := stopWords[w]; !stop {
			out = append(out, w)
		}
	}
	return out
}

// stopWords are the words Postgres' english text search configuration
// ignores.
var stopWords = func() map[string]struct{} {
	m := map[string]struct{}{}
	for _, w := range strings.Fields(`i me my myself we our ours ourselves you your yours yourself yourselves
		he him his himself she her hers herself it its itself they them their theirs themselves
		what which who whom this that these those am is are was were be been being have has had
		having do does did doing a an the and but if or because as until while of at by for with
		about against between into through during before after above below to from up down in out
		on off over under again further then once here there when where why how all any both each
		few more most other some such no nor not only own same so than too very s t can will just
		don should now`) {
		m[w] = struct{}{}
	}
	return m
}()

// articleSearch is the condition "the article's title or body contains all
// of terms", through the FTS4 index on SQLite and the GIN-indexed tsvector
// on Postgres. Both stem English words, so "soldier" finds "soldiers".
func (s *Store) articleSearch(terms []string) clause.Expr {
	if s.dialect == dialectPostgres {
		return clause.Expr{
			SQL:  pgSearchVector + " @@ plainto_tsquery('english', ?)",
			Vars: []any{strings.Join(terms, " ")},
		}
	}
	quoted := make([]string, len(terms))
	for i, t := range terms {
		// Each word becomes a quoted phrase of one token; words() keeps
		// only letters and digits, so no quote can be inside.
		quoted[i] = `"` + t + `"`
	}
	return clause.Expr{
		SQL:  "id IN (SELECT docid FROM " + ftsTable + " WHERE " + ftsTable + " MATCH ?)",
		Vars: []any{strings.Join(quoted, " ")},
	}
}
