package quantity

import "strings"

// modEffect is what a modifier does to the number it qualifies.
type modEffect uint8

const (
	modLow    modEffect = 1 << iota // sets a lower bound ("more than")
	modHigh                         // sets an upper bound ("up to")
	modApprox                       // hedges the value ("about")
	modEqual                        // pins both bounds ("equal to")
)

// modPhrase is a modifier written as a sequence of lowercase tokens.
type modPhrase struct {
	toks   []string
	effect modEffect
}

// prefixSource lists the modifiers written before a number. Phrases are
// split on spaces into tokens; symbols are single tokens.
var prefixSource = []struct {
	phrase string
	effect modEffect
}{
	// lower bounds
	{"more than", modLow}, {"over", modLow}, {"at least", modLow}, {"greater than", modLow},
	{"larger than", modLow}, {"bigger than", modLow}, {"higher than", modLow}, {"above", modLow},
	{"exceed", modLow}, {"exceeds", modLow}, {"exceeded", modLow}, {"exceeding", modLow},
	{"surpass", modLow}, {"surpasses", modLow}, {"surpassed", modLow}, {"surpassing", modLow},
	{"in excess of", modLow}, {"upwards of", modLow}, {"upward of", modLow},
	{"no less than", modLow}, {"not less than", modLow}, {"no fewer than", modLow}, {"not fewer than", modLow},
	{"at least or equal to", modLow}, {"equal to or more than", modLow}, {"equal to or greater than", modLow},
	{"greater than or equal to", modLow}, {"more than or equal to", modLow}, {"greater or equal than", modLow},
	{"bigger or equal than", modLow}, {"higher or equal than", modLow}, {"larger or equal than", modLow},
	{"more or equal than", modLow}, {"a minimum of", modLow}, {"minimum of", modLow},
	{"well over", modLow}, {"just over", modLow}, {"well above", modLow}, {"just above", modLow},
	{">", modLow}, {"> =", modLow}, {"≥", modLow},
	// upper bounds
	{"up to", modHigh}, {"as many as", modHigh}, {"as much as", modHigh}, {"less than", modHigh},
	{"fewer than", modHigh}, {"under", modHigh}, {"below", modHigh}, {"smaller than", modHigh},
	{"lower than", modHigh}, {"no more than", modHigh}, {"not more than", modHigh}, {"at most", modHigh},
	{"a maximum of", modHigh}, {"maximum of", modHigh}, {"no greater than", modHigh},
	{"less than or equal to", modHigh}, {"equal to or less than", modHigh}, {"equal to or lower than", modHigh},
	{"equal to or fewer than", modHigh}, {"fewer than or equal to", modHigh}, {"smaller than or equal to", modHigh},
	{"less or equal than", modHigh}, {"smaller or equal than", modHigh}, {"lower or equal than", modHigh},
	{"well under", modHigh}, {"just under", modHigh}, {"well below", modHigh}, {"just below", modHigh},
	{"<", modHigh}, {"< =", modHigh}, {"≤", modHigh},
	// exact
	{"equal to", modEqual}, {"equals", modEqual}, {"equals to", modEqual}, {"equaling to", modEqual},
	{"equalling to", modEqual}, {"equaling", modEqual}, {"equalling", modEqual},
	// hedges
	{"about", modApprox}, {"around", modApprox}, {"approximately", modApprox}, {"approx", modApprox},
	{"approx .", modApprox}, {"roughly", modApprox}, {"some", modApprox}, {"nearly", modApprox},
	{"almost", modApprox}, {"an estimated", modApprox}, {"approaching", modApprox}, {"~", modApprox},
	{"close to", modApprox}, {"circa", modApprox}, {"c .", modApprox}, {"ca .", modApprox},
	{"more or less", modApprox}, {"somewhere around", modApprox}, {"in the region of", modApprox},
	{"upward of", modLow}, {"the best part of", modApprox}, {"give or take", modApprox},
}

// postfixSource lists modifiers written after a number.
var postfixSource = []struct {
	phrase string
	effect modEffect
}{
	{"or more", modLow}, {"and more", modLow}, {"or greater", modLow}, {"or greater than", modLow},
	{"or higher", modLow}, {"or above", modLow}, {"and above", modLow}, {"and over", modLow},
	{"or over", modLow}, {"plus", modLow}, {"+", modLow}, {"or more than", modLow},
	{"or equal to", 0}, {"or equal", 0},
	{"or less", modHigh}, {"or fewer", modHigh}, {"or lower", modHigh}, {"or below", modHigh},
	{"and below", modHigh}, {"or under", modHigh}, {"and under", modHigh}, {"or less than", modHigh},
	{"or so", modApprox}, {"odd", modApprox},
}

var prefixMods, postfixMods []modPhrase

// prefixByLast and postfixByFirst index the phrases by the token that
// touches the number, so that only a few are tried at each position.
var prefixByLast, postfixByFirst map[string][]modPhrase

// prefixFilter and postfixFilter screen tokens before those maps are
// consulted.
var prefixFilter, postfixFilter *wordFilter

func init() {
	build := func(src []struct {
		phrase string
		effect modEffect
	}) []modPhrase {
		out := make([]modPhrase, 0, len(src))
		for _, m := range src {
			out = append(out, modPhrase{toks: strings.Fields(m.phrase), effect: m.effect})
		}
		// longest phrases first so that "no more than" wins over "more than"
		for i := 1; i < len(out); i++ {
			for j := i; j > 0 && len(out[j].toks) > len(out[j-1].toks); j-- {
				out[j], out[j-1] = out[j-1], out[j]
			}
		}
		return out
	}
	prefixMods = build(prefixSource)
	postfixMods = build(postfixSource)
	prefixByLast = make(map[string][]modPhrase)
	for _, m := range prefixMods {
		last := m.toks[len(m.toks)-1]
		prefixByLast[last] = append(prefixByLast[last], m)
	}
	postfixByFirst = make(map[string][]modPhrase)
	for _, m := range postfixMods {
		postfixByFirst[m.toks[0]] = append(postfixByFirst[m.toks[0]], m)
	}
	prefixFilter, postfixFilter = filterOf(prefixByLast), filterOf(postfixByFirst)
}

// tokLow is the lowercase text of a token for phrase matching.
func tokLow(t token) string {
	if t.kind == tWord {
		return t.low
	}
	return t.text
}

// matchPrefix finds the longest modifier ending right before token k
// (exclusive) and returns its effect and first token, or ok=false.
func matchPrefix(toks []token, k int) (modEffect, int, bool) {
	if k <= 0 || k > len(toks) {
		return 0, k, false
	}
	last := tokLow(toks[k-1])
	if !prefixFilter.mayHave(last) {
		return 0, k, false
	}
	for _, m := range prefixByLast[last] {
		n := len(m.toks)
		if k-n < 0 {
			continue
		}
		ok := true
		for j := 0; j < n; j++ {
			if tokLow(toks[k-n+j]) != m.toks[j] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		first := k - n
		// symbols must not be part of a longer operator ("<>30", "=>30")
		if m.toks[0] == ">" || m.toks[0] == "<" {
			if first > 0 && toks[first-1].kind == tSym && glued(toks, first) && strings.ContainsAny(toks[first-1].text, "<>=") {
				continue
			}
			if n == 1 && k < len(toks) && toks[k].kind == tSym && (toks[k].text == ">" || toks[k].text == "<") {
				continue
			}
		}
		if m.toks[0] == "~" && first > 0 && toks[first-1].kind == tNum && glued(toks, first) {
			continue
		}
		if m.toks[0] == "over" || m.toks[0] == "under" || m.toks[0] == "above" || m.toks[0] == "below" {
			// "2000 over 3" is a fraction, handled by the parser; "over"
			// after a number is not a bound on the next one
			if first > 0 && toks[first-1].kind == tNum {
				continue
			}
			// "a 7% rise over 12 months": after a noun, "over" a span of
			// time says how long, not how many
			if m.toks[0] == "over" && durationAfter(toks, k) && first > 0 && nounBefore(toks[first-1]) {
				continue
			}
		}
		return m.effect, first, true
	}
	return 0, k, false
}

// matchPostfix finds the longest modifier starting at token k and returns
// its effect and the index after it.
func matchPostfix(toks []token, k int) (modEffect, int, bool) {
	if k < 0 || k >= len(toks) {
		return 0, k, false
	}
	first := tokLow(toks[k])
	if !postfixFilter.mayHave(first) {
		return 0, k, false
	}
	for _, m := range postfixByFirst[first] {
		n := len(m.toks)
		if k+n > len(toks) {
			continue
		}
		ok := true
		for j := 0; j < n; j++ {
			if tokLow(toks[k+j]) != m.toks[j] {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		if m.toks[0] == "+" && !glued(toks, k) {
			continue
		}
		if m.toks[0] == "plus" || m.toks[0] == "odd" {
			// "10,000-plus", "40-odd", or "plus" ending the phrase
			if !(k > 0 && isHyphen(toks[k-1])) && !(k+1 < len(toks) && toks[k+1].kind == tWord && !startsNumber(toks, k+1)) {
				continue
			}
			if k+1 < len(toks) && startsNumber(toks, k+1) {
				continue
			}
		}
		// "or more than 190", "and below 1500": the trailing comparative
		// belongs to the next number
		if k+n < len(toks) && startsNumber(toks, k+n) {
			continue
		}
		last := m.toks[n-1]
		if (last == "than" || last == "to") && k+n < len(toks) && startsNumber(toks, k+n) {
			continue
		}
		if (last == "more" || last == "less" || last == "greater" || last == "higher" || last == "lower" || last == "fewer" || last == "equal") &&
			k+n < len(toks) && (tokLow(toks[k+n]) == "than" || startsNumber(toks, k+n)) {
			continue
		}
		return m.effect, k + n, true
	}
	return 0, k, false
}

// startsNumber reports whether a number can start at token k.
func startsNumber(toks []token, k int) bool {
	if k >= len(toks) {
		return false
	}
	t := &toks[k]
	if t.kind == tNum {
		return true
	}
	if t.kind == tSym {
		_, ok := currencySymbols[t.text]
		return ok || (t.text == "-" && k+1 < len(toks) && toks[k+1].kind == tNum)
	}
	if _, ok := smallNumbers[t.low]; ok {
		return true
	}
	return (t.low == "a" || t.low == "an") && k+1 < len(toks) && (toks[k+1].low == "hundred" || scaleOf(toks[k+1].low) > 0 ||
		dozenWords[toks[k+1].low] || isDenominatorWord(toks[k+1].low)) ||
		t.low == "hundred" || t.low == "half" || t.low == "minus" || t.low == "negative" || currencyCodes[t.text]
}

// durationAfter reports whether the number at k is followed by a unit of
// time ("12 months", "three years").
func durationAfter(toks []token, k int) bool {
	for j := k + 1; j < len(toks) && j <= k+2; j++ {
		switch toks[j].low {
		case "day", "days", "week", "weeks", "month", "months", "year", "years", "decade", "decades", "hour", "hours":
			return true
		}
	}
	return false
}

// nounBefore guesses whether t is a noun, as opposed to a verb,
// preposition or adverb that "over" can follow as a bound ("lasted over",
// "for over", "just over").
func nounBefore(t token) bool {
	w := t.low
	if t.kind != tWord || w == "" || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ing") {
		return false
	}
	switch w {
	case "for", "of", "in", "within", "after", "than", "to", "by", "at", "on", "from", "with", "just", "well", "still", "spent", "took", "take", "takes", "lasts", "last", "ran", "run", "runs", "is", "was", "are", "were", "be", "been", "and", "or", "but", "that", "which", "some", "only", "taken", "held", "kept":
		return false
	}
	return true
}
