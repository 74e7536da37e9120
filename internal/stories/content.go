package stories

import (
	"slices"
	"strings"
	"unicode"

	"github.com/factgraph/factgraph/internal/domain"
)

// contentClaim is the claim of a statement whose content fits none of the
// known frames: keyed by the content's words, so that another article that
// reports the same proposition in the same words joins it, and read as the
// reported clause itself. A statement without content of its own, or
// content that only points back ("denied the reports"), has none.
func contentClaim(st domain.FoundStatement) (key, text string, ok bool) {
	if st.Frame.Anaphoric || st.Content.End <= st.Content.Start {
		return "", "", false
	}
	sent := []rune(st.Text)
	lo, hi := st.Content.Start-st.Span.Start, st.Content.End-st.Span.Start
	if lo < 0 || hi > len(sent) || lo >= hi {
		return "", "", false
	}
	clause := strings.TrimSpace(string(sent[lo:hi]))
	clause = strings.TrimRight(clause, ".,;:!?\"'’” ")
	for _, lead := range []string{"that ", "That "} {
		clause = strings.TrimPrefix(clause, lead)
	}
	words := contentWords(clause)
	if len(words) < 2 || clause == "" {
		return "", "", false
	}
	r := []rune(clause)
	r[0] = unicode.ToUpper(r[0])
	return "says|" + strings.Join(words, " "), string(r), true
}

// countClaim is the claim of a statement that gives a figure of a known
// quantity and fits no frame: that the quantity has the value given. Two
// sources giving different values for it address the same claim (how many
// were on board), the way their figures share one series.
func countClaim(an *domain.Analysis, st int) (key, text string, ok bool) {
	for _, f := range an.Figures {
		if f.Statement == st && f.SeriesKey != "" && f.SeriesLabel != "" {
			return "count|" + f.SeriesKey, "Count: " + f.SeriesLabel, true
		}
	}
	return "", "", false
}

// contentWords are the distinct, crudely stemmed, lowercased words of a
// clause that carry meaning, sorted: word order and inflection do not
// change the proposition ("troops were sent" / "sent troops").
func contentWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\''
	}) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "'")
		if len([]rune(w)) < 3 || stopWords[w] {
			continue
		}
		w = stem(w)
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	slices.Sort(out)
	return out
}

// stem strips the commonest English inflections, enough for the same
// clause written in another tense or number to give the same words.
func stem(w string) string {
	for _, suf := range []string{"ing", "ed", "es", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 && !strings.HasSuffix(w, "ss") {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// stopWords carry no proposition of their own.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`the and for are was were has have had been being its their his her our
		they them this that these those with from into onto over under about after before than then there
		will would could should may might must can not nor but also only very more most some any all such
		who whom whose which what when where why how said says say told tell according would`) {
		stopWords[w] = true
	}
}
