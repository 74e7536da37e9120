package stories

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/factgraph/factgraph/internal/domain"
)

// mergeShortNames renames an entity known in the article by a short form
// of a longer name of the same kind ("the Confederation" beside "General
// Confederation of Labour", "Putin" beside "Vladimir Putin") to that longer
// name, keeping the short form as an alias; storage then stores them as one.
func mergeShortNames(an *domain.Analysis) {
	for i := range an.Entities {
		e := &an.Entities[i]
		words := strings.Fields(e.Name)
		if len(words) != 1 || (e.Kind != domain.KindOrganization && e.Kind != domain.KindPerson) {
			continue
		}
		short := strings.ToLower(words[0])
		target := -1
		for j := range an.Entities {
			o := &an.Entities[j]
			ow := strings.Fields(o.Name)
			if j == i || len(ow) < 2 || o.Kind != e.Kind {
				continue
			}
			if strings.ToLower(ow[len(ow)-1]) == short || e.Kind == domain.KindOrganization && containsWord(ow, short) {
				if target >= 0 {
					target = -2 // two candidates: leave it alone
					break
				}
				target = j
			}
		}
		if target >= 0 {
			e.Aliases = append(e.Aliases, e.Name)
			e.Name = an.Entities[target].Name
		}
	}
}

func containsWord(words []string, w string) bool {
	for _, x := range words {
		if strings.ToLower(x) == w {
			return true
		}
	}
	return false
}

// EntityKey is the identity of an entity across articles: the case-folded
// name without accents, with the spelling variants of transliteration
// folded ("Zelensky", "Zelenskyy" and "Zelenskiy" are one
// key), so that one person written three ways is one entity.
func EntityKey(name string, kind domain.EntityKind) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.Join(strings.Fields(name), " "))) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case '’', '‘':
			r = '\''
		}
		b.WriteRune(r)
	}
	words := strings.Fields(b.String())
	for i, w := range words {
		words[i] = foldTransliteration(w)
	}
	return strings.Join(words, " ")
}

// foldTransliteration maps the spellings that romanisations of one name
// differ by to one form: doubled letters, the endings -iy/-yy/-ii/-y, and
// kh/h, ks/x.
func foldTransliteration(w string) string {
	for _, suf := range []string{"iy", "yy", "ii", "yi", "ij"} {
		if strings.HasSuffix(w, suf) && len(w) > 4 {
			w = strings.TrimSuffix(w, suf) + "y"
			break
		}
	}
	w = strings.ReplaceAll(w, "ks", "x")
	var b strings.Builder
	var prev rune
	for _, r := range w {
		if r == prev {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}
