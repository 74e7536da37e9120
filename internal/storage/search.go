package storage

import (
	"strings"

	"gorm.io/gorm"
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

// articleSearch narrows db, over articles, to those whose title or body
// contains all of terms, through the GIN-indexed tsvector on Postgres and
// the FTS4 index on SQLite. Both stem English words, so "soldier" finds
// "soldiers". On SQLite the articles are joined to the index, which can
// then hand them over newest first (docid descending, the order the index
// is kept in) and stop at the end of the page.
func (s *Store) articleSearch(db *gorm.DB, terms []string) *gorm.DB {
	if s.dialect == dialectPostgres {
		return db.Where(pgSearchVector+" @@ plainto_tsquery('english', ?)", strings.Join(terms, " "))
	}
	return db.Select("articles.*").
		Joins("JOIN "+ftsTable+" ON "+ftsTable+".docid = articles.id").
		Where(ftsTable+" MATCH ?", ftsQuery(terms))
}

// searchKeys selects, from the SQLite full-text index alone, the IDs of
// the articles that contain all of terms, newest first: the index holds
// exactly the stored articles, so counting these counts the matches
// without reading an article.
func (s *Store) searchKeys(db *gorm.DB, terms []string) *gorm.DB {
	return db.Table(ftsTable).Select("docid AS id").Where(ftsTable+" MATCH ?", ftsQuery(terms)).Order("docid DESC")
}

// ftsQuery writes terms as an FTS4 query that all of them must match.
func ftsQuery(terms []string) string {
	quoted := make([]string, len(terms))
	for i, t := range terms {
		// Each word becomes a quoted phrase of one token; words() keeps
		// only letters and digits, so no quote can be inside.
		quoted[i] = `"` + t + `"`
	}
	return strings.Join(quoted, " ")
}
