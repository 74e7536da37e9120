package quantity

import "strings"

// Find returns the figures of one sentence: the numbers that count or
// measure something, each with the thing it counts. Years, dates, times of
// day, ordinals, identifiers, multipliers ("three times"), vague amounts
// ("thousands"), "one of the ..." and the pronoun or article "one" are left
// out. Offsets are byte offsets into sentence.
func Find(sentence string) []Quantity {
	return FindLowered(sentence, "")
}

// FindLowered is Find for a caller that already holds the sentence with its
// ASCII capital letters lowercased (and every other byte unchanged), such as
// a slice of a whole lowercased article: the recogniser then need not make
// that copy itself. A lowered of another length is ignored.
func FindLowered(sentence, lowered string) []Quantity {
	out := AppendFound(nil, sentence, lowered)
	if len(out) == 0 {
		return nil
	}
	return out
}

// AppendFound is FindLowered for a caller that collects the figures of many
// sentences: it appends them to dst and returns the extended slice, so one
// block can hold the figures of a whole article. The figures of this
// sentence are the elements after the original length of dst.
func AppendFound(dst []Quantity, sentence, lowered string) []Quantity {
	sc := getScratch()
	defer putScratch(sc)
	toks, atoms := scan(sentence, lowered, sc)
	n, nb := 0, 0
	for i := range atoms {
		if a := &atoms[i]; isFigure(toks, a) {
			a.figure = true
			n++
			if a.hasLow {
				nb++
			}
			if a.hasHigh {
				nb++
			}
		} else {
			a.figure = false
		}
	}
	if n == 0 {
		return dst
	}
	if cap(dst)-len(dst) < n {
		dst = append(make([]Quantity, 0, len(dst)+n), dst...)
	}
	var bounds []float64
	if nb > 0 {
		bounds = make([]float64, nb)
	}
	base := len(dst)
	for i := range atoms {
		a := &atoms[i]
		if !a.figure {
			continue
		}
		dst = dst[:len(dst)+1] // within the capacity ensured above
		q := &dst[len(dst)-1]
		a.fill(sentence, &q.Number, &bounds)
		q.Subject, q.SubjectStart, q.SubjectEnd, q.Head = "", -1, -1, ""
		if a.ms < a.ts {
			q.ModStart = toks[a.ms].start
		}
		if q.Kind == Cardinal && a.fraction {
			q.Kind = Fraction
		}
		var prev *Quantity
		if len(dst)-1 > base {
			prev = &dst[len(dst)-2]
		}
		fillSubject(sentence, toks, atoms, i, q, prev)
	}
	return dst
}

// isFigure applies the rules that keep a number as a figure.
func isFigure(toks []token, a *atom) bool {
	if !a.kind.Measure() || a.vagueAmt {
		return false
	}
	// a token reading "half" or "one" is a word, and low is its lowercase form
	text := toks[a.ts].low
	single := a.te-a.ts == 1
	if single && text == "half" {
		return false
	}
	if single && text == "one" && !a.isRange && !a.hasLow && !a.hasHigh && !a.approx && a.unit == "" {
		return false // "one of the ...", "one reason"
	}
	// "one of the", "two of them" stay figures unless the number is "one"
	return true
}

// anaphors after "of" point back to an earlier counted thing.
var anaphors = set("them", "those", "these", "whom", "which", "us", "it")

// fillSubject finds what the quantity counts.
func fillSubject(text string, toks []token, atoms []atom, i int, q *Quantity, prev *Quantity) {
	a := &atoms[i]
	setSpan := func(s, e int, head npWord) {
		q.SubjectStart, q.SubjectEnd = toks[s].start, toks[e-1].end
		q.Subject = text[q.SubjectStart:q.SubjectEnd]
		q.Head = singular(head.low)
	}
	switch a.kind {
	case Percent:
		switch a.unit {
		case "percentage point", "basis point":
			q.Head = a.unit
			if a.unitS >= 0 {
				q.Subject, q.SubjectStart, q.SubjectEnd = text[a.unitS:a.unitE], a.unitS, a.unitE
			} else {
				q.Subject = a.unit + "s"
			}
		default:
			q.Subject, q.Head = "percent", "percent"
			if a.unitS >= 0 && strings.EqualFold(text[a.unitS:a.unitE], "percent") {
				q.SubjectStart, q.SubjectEnd = a.unitS, a.unitE
			}
		}
		return
	case Money:
		q.Head = a.subjHead
		if q.Head == "" {
			q.Head = moneyHead(a.unit)
		}
		if a.unitS >= 0 {
			q.Subject, q.SubjectStart, q.SubjectEnd = text[a.unitS:a.unitE], a.unitS, a.unitE
		} else {
			q.Subject = pluralOf(q.Head)
		}
		return
	}
	if a.unitS >= 0 {
		q.Subject, q.SubjectStart, q.SubjectEnd = text[a.unitS:a.unitE], a.unitS, a.unitE
		q.Head = singular(q.Subject)
		if len(q.Head) <= 3 {
			q.Head = a.unit
		}
		return
	}
	if a.unit != "" {
		// a unit written as a symbol ("45°C") names what is measured
		q.Subject, q.Head = a.unit, a.unit
		return
	}
	k := a.te
	// postfix modifiers sit between the number and its noun: "10,000-plus troops"
	if _, n, ok := matchPostfix(toks, k); ok {
		k = n
	}
	// backward searches stay within the sentence and a bounded window
	lo := a.ms - 60
	if lo < 0 {
		lo = 0
	}
	for j := a.ms - 1; j > lo; j-- {
		if t := &toks[j]; t.kind == tSym && (t.text == "." || t.text == "!" || t.text == "?") && j+1 < len(toks) && toks[j+1].space {
			lo = j + 1
			break
		}
	}
	hi := len(toks)
	// "8,000 of them": an anaphor takes the previous subject
	if k+1 < len(toks) && toks[k].low == "of" {
		if anaphors[toks[k+1].low] {
			inherit(q, prev)
			return
		}
		n := k + 1
		for n < hi && toks[n].kind == tWord && articles[toks[n].low] {
			n++
		}
		// "two of its five plants": the whole counts the same thing
		if n+2 < hi && toks[n].kind == tWord && possessives[toks[n].low] && (toks[n+1].kind == tNum || smallNumbers[toks[n+1].low] > 0) {
			n++
		}
		if n+1 < hi && (toks[n].kind == tNum || (toks[n].kind == tWord && smallNumbers[toks[n].low] > 0)) {
			n++
		}
		if h, s, e, ok := forwardNP(toks, n); ok {
			if n > k+1 && possessives[toks[n-1].low] {
				s = n - 1
			}
			setSpan(s, e, h)
			return
		}
	}
	if h, s, e, ok := forwardNP(toks, k); ok && !(k < len(toks) && k > 0 && toks[k].start > toks[k-1].end+3) {
		setSpan(s, e, h)
		return
	}
	if q.Kind == Fraction && a.ms > 0 && toks[a.ms-1].low == "by" {
		if h, s, e, ok := backwardNP(toks, a.ms-1); ok {
			setSpan(s, e, h)
			return
		}
	}
	if h, s, e, ok := numberOfNP(toks, lo, a.ms); ok {
		setSpan(s, e, h)
		return
	}
	if h, s, e, ok := clauseSubject(toks, lo, a.ms, a.ts); ok {
		setSpan(s, e, h)
		return
	}
	inherit(q, prev)
}

// inherit copies the subject of the previous figure in the sentence.
func inherit(q *Quantity, prev *Quantity) {
	if prev == nil || prev.Kind != q.Kind && !(prev.Kind == Cardinal || prev.Kind == Fraction) {
		return
	}
	q.Subject, q.Head = prev.Subject, prev.Head
	q.SubjectStart, q.SubjectEnd = prev.SubjectStart, prev.SubjectEnd
}

// pluralOf forms the plural used as the subject of money amounts. The
// plurals of the heads the currency tables give are formed once, at
// initialisation.
func pluralOf(w string) string {
	if p, ok := moneyPlurals[w]; ok {
		return p
	}
	return pluralForm(w)
}

// moneyPlurals maps the head nouns of known currencies to their plural.
var moneyPlurals = func() map[string]string {
	m := make(map[string]string)
	add := func(head string) { m[head] = pluralForm(head) }
	for _, c := range currencyNames {
		add(c.head)
	}
	for c := range currencyCodes {
		add(moneyHead(c))
	}
	for _, c := range currencySymbols {
		add(moneyHead(c))
	}
	for _, c := range dollarPrefixes {
		add(moneyHead(c))
	}
	return m
}()

// pluralForm spells the plural of a currency's head noun.
func pluralForm(w string) string {
	switch w {
	case "yen", "yuan", "won", "baht", "rand", "ringgit", "rupiah", "naira":
		return w
	case "":
		return ""
	}
	return w + "s"
}

// StartWord reports whether a lowercased word can begin a number ("three",
// "half", "percent"); the articles "a" and "an" are left out, see
// AfterArticle. Callers use it to skip sentences that cannot hold a
// figure without running Find.
func StartWord(w string) bool {
	return w != "a" && w != "an" && (starterWords[w] || currencyCodes[strings.ToUpper(w)])
}

// AfterArticle reports whether "a" or "an" before the lowercased word w may
// begin a number ("a third", "a million", "a dozen").
func AfterArticle(w string) bool {
	if starterWords[w] || dozenWords[w] {
		return true
	}
	if _, ok := scaleWords[w]; ok {
		return true
	}
	if _, ok := ordinalDenominators[w]; ok {
		return true
	}
	if _, ok := unitOrdinals[w]; ok {
		return true
	}
	if s, ok := singularOrdinal(w); ok {
		_, ok2 := ordinalDenominators[s]
		return ok2
	}
	return false
}

// StarterList lists the words for which StartWord is true, lowercased.
func StarterList() []string {
	var out []string
	for w := range starterWords {
		if StartWord(w) {
			out = append(out, w)
		}
	}
	for c := range currencyCodes {
		out = append(out, strings.ToLower(c))
	}
	return out
}

// AfterArticleList lists the words of AfterArticle's lists, lowercased.
// Plural ordinals ("thirds") are covered by AfterArticle itself.
func AfterArticleList() []string {
	var out []string
	for w := range starterWords {
		out = append(out, w)
	}
	for w := range dozenWords {
		out = append(out, w)
	}
	for w := range scaleWords {
		out = append(out, w)
	}
	for w := range ordinalDenominators {
		out = append(out, w, w+"s")
	}
	for w := range unitOrdinals {
		out = append(out, w)
	}
	return out
}
