package quantity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Subject extraction: the noun phrase a number counts, found after the
// number ("1,500 special forces personnel"), through "the number of X", or
// as the subject of the clause ("the dead might number as many as 20,000").

// npWord is one word of a noun phrase, with hyphenated compounds joined
// ("full-scale").
type npWord struct {
	s, e       int // token span
	start, end int // byte span
	low        string
}

// wordAt reads the word (or hyphenated compound) starting at token k.
func wordAt(toks []token, k int) (npWord, bool) {
	if k >= len(toks) || toks[k].kind != tWord {
		return npWord{}, false
	}
	w := npWord{s: k, e: k + 1, start: toks[k].start, end: toks[k].end, low: toks[k].low}
	for w.e+1 < len(toks) && isHyphen(toks[w.e]) && glued(toks, w.e) && glued(toks, w.e+1) && toks[w.e+1].kind == tWord {
		w.low += "-" + toks[w.e+1].low
		w.end = toks[w.e+1].end
		w.e += 2
	}
	return w, true
}

// wordBefore reads the word (or hyphenated compound) ending at token k-1.
func wordBefore(toks []token, k int) (npWord, bool) {
	j := k - 1
	if j < 0 || toks[j].kind != tWord {
		return npWord{}, false
	}
	s := j
	for s-2 >= 0 && isHyphen(toks[s-1]) && glued(toks, s) && glued(toks, s-1) && toks[s-2].kind == tWord {
		s -= 2
	}
	return wordAt(toks, s)
}

// isContent reports whether a word can be part of a counted noun phrase.
func isContent(w npWord) bool {
	if nonContentFilter.mayHave(w.low) && nonContent[w.low] {
		return false
	}
	if strings.HasSuffix(w.low, "ly") && len(w.low) > 4 && !lyNouns[w.low] {
		return false
	}
	return !strings.HasSuffix(w.low, "'s") && !strings.HasSuffix(w.low, "'")
}

// nonContent holds the words that are never part of a counted noun
// phrase: stop words, articles, possessives and number words.
var nonContent = func() map[string]bool {
	m := make(map[string]bool, len(stopWords)+len(articles)+len(possessives)+len(smallNumbers))
	for _, set := range []map[string]bool{stopWords, articles, possessives} {
		for w, in := range set {
			if in {
				m[w] = true
			}
		}
	}
	for w := range smallNumbers {
		m[w] = true
	}
	return m
}()

var nonContentFilter = filterOf(nonContent)

var lyNouns = set("family", "ally", "italy", "assembly", "supply", "rally", "anomaly", "monopoly",
	"reply", "bully", "belly", "jelly", "lily", "holly", "emily", "kelly", "sally", "fly", "july",
	"elderly", "daily", "weekly", "monthly", "early", "only")

// isPlural reports whether a noun looks plural.
func isPlural(w string) bool {
	if i := strings.LastIndexByte(w, '-'); i >= 0 {
		w = w[i+1:]
	}
	if s, ok := irregularPlurals[w]; ok {
		return s != w || w == "personnel" || w == "police" || w == "staff"
	}
	return len(w) > 2 && w[len(w)-1] == 's' && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is")
}

// isParticipleLike reports whether w looks like a verb form: a past
// participle or gerund.
func isParticipleLike(w string) bool {
	return len(w) > 4 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing")) || shortVerbs[w]
}

// shortVerbs are past tenses too short or irregular for the suffix test:
// "40 people died".
var shortVerbs = set("died", "fled", "rose", "fell", "sank", "went", "came", "quit")

// forwardNP reads the noun phrase after token k. It returns the first
// conjunct's token span, the whole span, and whether anything was found.
func forwardNP(toks []token, k int) (head npWord, s, e int, ok bool) {
	var buf [7]npWord
	words := buf[:0]
	// "of its navy boats", "of the country's 28 districts": a possessive
	// (and the whole's own number) before the counted noun
	if k+1 < len(toks) && toks[k].kind == tWord && (possessives[toks[k].low] || (strings.HasSuffix(toks[k].low, "'s") && len(toks[k].low) > 2)) {
		k++
		if k+1 < len(toks) && (toks[k].kind == tNum || (toks[k].kind == tWord && smallNumbers[toks[k].low] > 0)) {
			k++
		}
	}
	// skip "more", "additional" and the like: "3,000 more troops"
	for k < len(toks) && toks[k].kind == tWord && (toks[k].low == "more" || toks[k].low == "additional" || toks[k].low == "extra" || toks[k].low == "other" || toks[k].low == "fewer") {
		k++
	}
	for len(words) < 7 {
		w, good := wordAt(toks, k)
		if !good || !isContent(w) {
			break
		}
		if len(words) > 0 {
			last := words[len(words)-1].low
			if isPlural(last) && (predicativeAdjectives[w.low] || isParticipleLike(w.low)) {
				break
			}
			// a capitalised word after a plural head starts something else
			if isPlural(last) && isUpper(toks[w.s].text) && !isUpper(toks[words[len(words)-1].s].text) {
				break
			}
			// a singular word after a plural noun is the verb: "4 million
			// people lack water", "200 kilometres separate the two"
			if truePlural(last) && !pluralModifiers[last] && !isPlural(w.low) && !isUpper(toks[w.s].text) && verbAfterPlural(toks, w) {
				break
			}
		}
		// a participle is kept only before another noun: "armed soldiers"
		if isParticipleLike(w.low) || predicativeAdjectives[w.low] {
			nx, good2 := wordAt(toks, w.e)
			if !good2 || !isContent(nx) || isParticipleLike(nx.low) {
				// "11,300 dead", "North Korean dead": the adjective is the head
				if headAdjectives[w.low] && (len(words) == 0 || allCapitalised(toks, words)) {
					words = append(words, w)
				}
				break
			}
		}
		words = append(words, w)
		k = w.e
	}
	if len(words) == 0 {
		return npWord{}, 0, 0, false
	}
	s, e = words[0].s, words[len(words)-1].e
	head = words[len(words)-1]
	// a second conjunct: "police officers and gendarmes", "dead and wounded"
	if e+1 < len(toks) && (toks[e].low == "and" || toks[e].low == "or") && toks[e].kind == tWord {
		var cbuf [3]npWord
		conj := cbuf[:0]
		j := e + 1
		for len(conj) < 3 {
			w, good := wordAt(toks, j)
			if !good || !isContent(w) {
				break
			}
			if len(conj) > 0 && isParticipleLike(w.low) {
				break
			}
			conj = append(conj, w)
			j = w.e
		}
		if len(conj) > 0 {
			last := conj[len(conj)-1].low
			nextStops := j >= len(toks) || toks[j].kind == tSym || stopWords[toks[j].low] || isParticipleLike(toks[j].low)
			if nextStops && (isPlural(last) && isPlural(head.low) || predicativeAdjectives[last] && predicativeAdjectives[head.low]) {
				e = conj[len(conj)-1].e
			}
		}
	}
	return head, s, e, true
}

// truePlural reports whether w is a plural form proper (not a mass noun
// such as "police" or "staff" that also heads compounds).
func truePlural(w string) bool {
	if s, ok := irregularPlurals[w]; ok {
		return s != w
	}
	return isPlural(w)
}

// pluralModifiers are plurals that modify a following noun: "arms deal",
// "sales figures".
var pluralModifiers = set("arms", "sales", "goods", "sports", "savings", "news", "means", "species",
	"series", "works", "customs", "headquarters", "jobs", "rights", "communications", "operations",
	"years", "months", "weeks", "days", "hours", "minutes")

// verbAfterPlural reports whether the word w after a plural noun reads as
// its verb: a common verb of state, or a word that an article or
// possessive follows ("separate the", "share their").
func verbAfterPlural(toks []token, w npWord) bool {
	if predicativeAdjectives[w.low] || headAdjectives[w.low] {
		return false
	}
	if pluralSubjectVerbs[w.low] {
		return true
	}
	if w.e >= len(toks) || toks[w.e].kind != tWord {
		return false
	}
	nx := toks[w.e].low
	return articles[nx] || possessives[nx]
}

// pluralSubjectVerbs are present-tense verbs that often follow a counted
// plural subject.
var pluralSubjectVerbs = set("lack", "require", "depend", "suffer", "risk", "struggle", "share", "separate",
	"earn", "receive", "use", "own", "rely", "survive", "remain", "reside", "owe", "await", "stay",
	"go", "lie", "sleep", "wait", "queue", "line", "have", "get", "do", "cover", "contain", "carry")

// headAdjectives can stand as the head of a counted phrase.
var headAdjectives = set("dead", "wounded", "injured", "missing", "displaced", "homeless", "elderly", "unemployed")

// allCapitalised reports whether every word starts with a capital
// ("North Korean"), as nationality adjectives before a nominal adjective do.
func allCapitalised(toks []token, words []npWord) bool {
	for _, w := range words {
		if !isUpper(toks[w.s].text) {
			return false
		}
	}
	return true
}

// isUpper reports whether a word starts with a capital letter.
func isUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// singular turns a plural noun into its lowercase singular.
// menSingulars end in "men" but are singular.
var menSingulars = map[string]bool{"specimen": true, "abdomen": true, "regimen": true, "acumen": true, "omen": true, "stamen": true}

func singular(w string) string {
	w = strings.ToLower(w)
	prefix := ""
	if i := strings.LastIndexByte(w, '-'); i >= 0 && i+1 < len(w) {
		prefix, w = w[:i+1], w[i+1:]
	}
	if s, ok := irregularPlurals[w]; ok {
		return prefix + s
	}
	n := len(w)
	switch {
	case n > 4 && strings.HasSuffix(w, "men") && !menSingulars[w]:
		return prefix + w[:n-3] + "man" // "linemen", "fishermen"
	case n > 4 && strings.HasSuffix(w, "ies"):
		return prefix + w[:n-3] + "y"
	case n > 4 && (strings.HasSuffix(w, "sses") || strings.HasSuffix(w, "xes") || strings.HasSuffix(w, "ches") ||
		strings.HasSuffix(w, "shes") || strings.HasSuffix(w, "zzes")):
		return prefix + w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") &&
		!strings.HasSuffix(w, "is"):
		return prefix + w[:n-1]
	}
	return prefix + w
}

// backwardNP reads the noun phrase that ends right before token k, as in
// "shrink its recruiting team by one-third". Possessives are kept, articles
// dropped.
func backwardNP(toks []token, k int) (head npWord, s, e int, ok bool) {
	var buf [5]npWord
	words := buf[:0]
	j := k
	for len(words) < 5 {
		w, good := wordBefore(toks, j)
		if !good {
			break
		}
		if possessives[w.low] && len(words) > 0 {
			words = append(words, w)
			break
		}
		if !isContent(w) {
			break
		}
		words = append(words, w)
		j = w.s
	}
	if len(words) == 0 {
		return npWord{}, 0, 0, false
	}
	head = words[0]
	if possessives[head.low] {
		return npWord{}, 0, 0, false
	}
	return head, words[len(words)-1].s, words[0].e, true
}

// numberOfNP finds "the number of X" (or "toll of", "count of") before
// token k within the sentence and reads X, keeping one participle after it
// ("the number of Russian troops killed").
func numberOfNP(toks []token, lo, k int) (head npWord, s, e int, ok bool) {
	for j := k - 2; j >= lo; j-- {
		if toks[j].kind != tWord || toks[j+1].low != "of" {
			continue
		}
		if w := toks[j].low; w != "number" && w != "numbers" && w != "toll" && w != "count" && w != "tally" && w != "total" {
			continue
		}
		n := j + 2
		for n < k && toks[n].kind == tWord && articles[toks[n].low] {
			n++
		}
		var buf [6]npWord
		words := buf[:0]
		for n < k && len(words) < 6 {
			w, good := wordAt(toks, n)
			if !good || !isContent(w) {
				break
			}
			if len(words) > 0 && countParticiples[w.low] {
				words = append(words, w)
				break
			}
			if isParticipleLike(w.low) && len(words) > 0 {
				break
			}
			words = append(words, w)
			n = w.e
		}
		if len(words) == 0 {
			return npWord{}, 0, 0, false
		}
		head = words[len(words)-1]
		if countParticiples[head.low] && len(words) > 1 {
			head = words[len(words)-2]
		}
		return head, words[0].s, words[len(words)-1].e, true
	}
	return npWord{}, 0, 0, false
}

// clauseBoundary words end the material a clause subject is searched in.
var clauseBoundary = set("that", "said", "says", "say", "told", "while", "whereas",
	"when", "after", "because", "although", "though", "reported", "added", "warned", "estimate",
	"estimated", "believe", "believed", "according", "if", "where", "as")

// countVerbs link a clause subject to a number after them.
var countVerbs = set("number", "numbered", "numbers", "numbering", "surpass", "surpassed", "surpasses",
	"exceed", "exceeded", "exceeds", "reach", "reached", "reaches", "total", "totalled", "totaled",
	"totals", "totalling", "totaling", "stood", "stands", "stand", "rose", "risen", "climbed",
	"hit", "topped", "at", "to", "is", "was", "were", "are", "passed", "crossed", "neared")

// clauseSubject reads the subject of the clause that holds the number at
// token k, when a counting verb links them ("the dead might number as many
// as 20,000"; "North Korean dead and wounded ... had surpassed 3,000").
func clauseSubject(toks []token, lo, ms, k int) (head npWord, s, e int, ok bool) {
	start := lo
	linked := false
	for j := ms; j < k; j++ {
		if toks[j].kind == tWord && countVerbs[toks[j].low] {
			linked = true
		}
	}
	k = ms
	for j := k - 1; j >= lo; j-- {
		t := &toks[j]
		if t.kind == tSym && (t.text == ";" || t.text == ":" || t.text == "(" || t.text == "\u201c" || t.text == "\"") {
			start = j + 1
			break
		}
		if t.kind == tNum {
			return npWord{}, 0, 0, false
		}
		if t.kind == tWord && countVerbs[t.low] {
			linked = true
		}
		if t.kind == tWord && clauseBoundary[t.low] && j < k-1 {
			start = j + 1
			break
		}
		if t.kind == tSym && t.text == "," {
			// commas bound the clause unless the clause so far is only the
			// modifier and verb ("..., at 11,300")
			start = j + 1
			break
		}
	}
	if !linked {
		return npWord{}, 0, 0, false
	}
	n := start
	for n < k && toks[n].kind == tWord && articles[toks[n].low] {
		n++
	}
	h, s, e, ok := forwardNP(toks, n)
	if !ok || e > k {
		return npWord{}, 0, 0, false
	}
	// "puts the figure at 900,000": a word an article follows is a verb
	if e < k && toks[e].kind == tWord && (articles[toks[e].low] || possessives[toks[e].low]) {
		return npWord{}, 0, 0, false
	}
	// a counted subject is plural or a nominal adjective ("the dead"); a
	// singular noun is a name or a container ("the agency", "the toll")
	if !isPlural(h.low) && !headAdjectives[h.low] {
		return npWord{}, 0, 0, false
	}
	return h, s, e, true
}
