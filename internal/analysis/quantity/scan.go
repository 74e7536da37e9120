package quantity

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"
)

// atom is a number being assembled: its value, unit, context and bounds,
// with both token and byte spans.
type atom struct {
	ts, te     int // token span of Text
	ms         int // first token of the modifier, == ts when none
	start, end int // byte span of Text
	modStart   int // byte offset of the modifier
	ue         int // token after a unit word written after the number
	unitS      int // byte span of a unit word written after, -1 when none
	unitE      int
	intLen     int
	val        float64
	low, high  float64
	unit       string
	subjHead   string // head for the subject when the unit fixes it ("dollar")

	kind     Kind
	hasLow   bool
	hasHigh  bool
	approx   bool
	isRange  bool
	words    bool // written with number words
	scaled   bool // has a multiplier ("million", "bn")
	fraction bool
	plain    bool // a single plain digit token
	money    bool // currency written before the number
	vagueAmt bool
	figure   bool // kept as a figure (set by AppendFound)
}

// Numbers returns every numeric expression in text, in text order and
// without overlaps: plain numbers, number words, fractions, percentages,
// money, measurements, ranges and bounded numbers, and also years, dates,
// times, identifiers, multipliers and vague amounts, each marked by its
// Kind so that callers can tell them apart. It is the raw layer Find
// builds on.
func Numbers(text string) []Number {
	sc := getScratch()
	defer putScratch(sc)
	_, atoms := scan(text, "", sc)
	out := make([]Number, len(atoms))
	bounds := boundStore(atoms, nil)
	for i := range atoms {
		atoms[i].fill(text, &out[i], &bounds)
	}
	return out
}

// boundStore allocates, in one block, the bounds of the atoms for which
// keep (when not nil) is true.
func boundStore(atoms []atom, keep func(*atom) bool) []float64 {
	n := 0
	for i := range atoms {
		a := &atoms[i]
		if keep != nil && !keep(a) {
			continue
		}
		if a.hasLow {
			n++
		}
		if a.hasHigh {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return make([]float64, n)
}

// fill writes the exported form of the atom into n, taking the storage for
// its bounds from the front of bounds.
func (a *atom) fill(text string, n *Number, bounds *[]float64) {
	// field by field: a composite literal would be copied in one block
	n.Text, n.Start, n.End = text[a.start:a.end], a.start, a.end
	n.Value, n.Low, n.High = a.val, nil, nil
	n.Range, n.Approximate = a.isRange, a.approx
	n.Unit, n.Kind, n.ModStart = a.unit, a.kind, a.modStart
	n.UnitStart, n.UnitEnd = a.unitS, a.unitE
	if a.hasLow {
		b := *bounds
		b[0] = a.low
		n.Low = &b[0]
		*bounds = b[1:]
	}
	if a.hasHigh {
		b := *bounds
		b[0] = a.high
		n.High = &b[0]
		*bounds = b[1:]
	}
}

// scratch holds the buffers one call works in. They are reused across
// calls through scratchPool and are not cleared in between: every element
// is written before it is read, so nothing in them carries over from one
// call to the next. A pooled buffer may keep the last input it saw
// reachable until it is reused or the pool is emptied by the garbage
// collector.
type scratch struct {
	toks    []token
	atoms   []atom
	blocked []bool
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledTokens keeps buffers grown by an unusually long input out of
// the pool.
const maxPooledTokens = 1 << 16

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// putScratch returns the buffers of sc to the pool.
func putScratch(sc *scratch) {
	if cap(sc.toks) > maxPooledTokens {
		return
	}
	sc.toks, sc.atoms, sc.blocked = sc.toks[:0], sc.atoms[:0], sc.blocked[:0]
	scratchPool.Put(sc)
}

// scan tokenizes text and assembles its atoms, in the buffers of sc.
func scan(text, lowText string, sc *scratch) ([]token, []atom) {
	toks := tokenize(text, lowText, sc.toks[:0])
	sc.toks = toks
	blocked := blockedTokens(text, toks, sc.blocked[:0])
	if blocked != nil {
		sc.blocked = blocked
	}
	atoms := sc.atoms[:0]
	for k := 0; k < len(toks); {
		if blocked != nil && blocked[k] {
			k++
			continue
		}
		if !mayStart(toks, k) {
			k++
			continue
		}
		a, ok := readAtom(toks, k, text)
		if !ok {
			k++
			continue
		}
		if blocked != nil {
			hit := false
			for j := a.ts; j < a.te && j < len(blocked); j++ {
				if blocked[j] {
					hit = true
				}
			}
			if hit {
				k = a.te
				continue
			}
		}
		atoms = append(atoms, a)
		k = a.te
		if a.ue > k {
			k = a.ue
		}
		if k <= a.ts {
			k = a.ts + 1
		}
	}
	sc.atoms = atoms
	for i := range atoms {
		classify(toks, atoms, i, text)
	}
	atoms = applyModifiers(toks, atoms)
	atoms = mergeRanges(toks, atoms)
	for i := range atoms {
		a := &atoms[i]
		ageByContext(toks, a)
		a.start = toks[a.ts].start
		a.end = toks[a.te-1].end
		if a.ms > a.ts {
			a.ms = a.ts
		}
		a.modStart = toks[a.ms].start
	}
	return toks, atoms
}

// blockedTokens marks the tokens of web addresses and e-mail addresses,
// where digits are never quantities. It returns nil when there are none,
// and otherwise reuses buf when it is large enough.
func blockedTokens(text string, toks []token, buf []bool) []bool {
	if !mayHoldAddress(text) {
		return nil
	}
	var blocked []bool
	for s := 0; s < len(toks); {
		e := s + 1
		for e < len(toks) && glued(toks, e) {
			e++
		}
		url := false
		for j := s; j < e; j++ {
			t := &toks[j]
			if t.kind == tSym && t.text == ":" && j+2 < e && toks[j+1].text == "/" && toks[j+2].text == "/" {
				url = true
			}
			if t.kind == tSym && t.text == "@" && j > s && j+1 < e {
				url = true
			}
			if t.kind == tWord && t.low == "www" && j+1 < e && toks[j+1].text == "." {
				url = true
			}
		}
		if url {
			if blocked == nil {
				if cap(buf) >= len(toks) {
					blocked = buf[:len(toks)]
					clear(blocked)
				} else {
					blocked = make([]bool, len(toks))
				}
			}
			for j := s; j < e; j++ {
				blocked[j] = true
			}
		}
		s = e
	}
	return blocked
}

// mayHoldAddress is a quick test that text has none of the marks
// blockedTokens looks for: "://", "@" or "www." in any case. The tokens of
// an address are glued together, so its marks are adjacent bytes of text.
func mayHoldAddress(text string) bool {
	if strings.IndexByte(text, '@') >= 0 || strings.IndexByte(text, ':') >= 0 && strings.Contains(text, "://") {
		return true
	}
	// "www." sought from its period, the rarer byte
	for k := strings.IndexByte(text, '.'); k >= 0; {
		if k >= 3 && text[k-3]|0x20 == 'w' && text[k-2]|0x20 == 'w' && text[k-1]|0x20 == 'w' {
			return true
		}
		n := strings.IndexByte(text[k+1:], '.')
		if n < 0 {
			break
		}
		k += 1 + n
	}
	return false
}

// starterWords are the words a number (or a vague amount, or a
// percentage written first) can start with.
var starterWords = func() map[string]bool {
	m := map[string]bool{}
	for w := range smallNumbers {
		m[w] = true
	}
	for w := range vagueWords {
		m[w] = true
	}
	for w := range vagueQuantifiers {
		m[w] = true
	}
	for w := range percentWords {
		m[w] = true
	}
	for _, w := range []string{"a", "an", "half", "quarter", "hundred", "minus", "negative", "per", "rs"} {
		m[w] = true
	}
	return m
}()

// starterFilter screens words before starterWords is consulted.
var starterFilter = filterOf(starterWords)

// mayStart is a cheap test for whether a number can start at token k.
func mayStart(toks []token, k int) bool {
	t := &toks[k]
	switch t.kind {
	case tNum:
		return true
	case tSym:
		if len(t.text) == 1 {
			// of the one-byte symbols only "$" is a currency, and no
			// fraction character is that short
			c := t.text[0]
			return c == '$' || c == '-' || c == '%'
		}
		if _, ok := currencySymbols[t.text]; ok {
			return true
		}
		if _, ok := unicodeFractions[t.text]; ok {
			return true
		}
		return t.text == "\u2212"
	}
	if starterFilter.mayHave(t.low) && starterWords[t.low] {
		return true
	}
	// a currency code in capitals, or one in lower case or scaled
	// ("rmb 40", "MAUD 60") right before digits
	if len(t.text) == 3 && t.text[0] >= 'A' && t.text[0] <= 'Z' && currencyCodes[t.text] {
		return true
	}
	if (len(t.text) == 3 || len(t.text) == 4) && k+1 < len(toks) && toks[k+1].kind == tNum {
		if c, _ := currencyCode(t.text); c != "" {
			return true
		}
	}
	if k+1 < len(toks) && toks[k+1].kind == tNum {
		if _, ok := letterPrefixes[t.text]; ok {
			return true
		}
	}
	if k+1 >= len(toks) || toks[k+1].text != "$" {
		return false
	}
	_, ok := dollarPrefixes[t.text]
	return ok
}

// moneyPrefix recognises a currency written before a number at token k:
// "$", "US$", "€", "KRW", "Rs". It returns the currency code and the index
// of the first token after it.
func moneyPrefix(toks []token, k int) (string, int) {
	t := &toks[k]
	if t.kind == tSym {
		if c, ok := currencySymbols[t.text]; ok {
			return c, k + 1
		}
		return "", k
	}
	if t.kind != tWord {
		return "", k
	}
	if k+1 < len(toks) && toks[k+1].text == "$" && glued(toks, k+1) {
		if c, ok := dollarPrefixes[t.text]; ok {
			return c, k + 2
		}
	}
	// "U.S.$": handled as U . S . $ — rare, skipped
	if currencyCodes[t.text] && k+1 < len(toks) && (toks[k+1].kind == tNum || toks[k+1].kind == tSym && currencySymbols[toks[k+1].text] != "") {
		if k+1 < len(toks) && toks[k+1].kind == tSym {
			return t.text, k + 2
		}
		return t.text, k + 1
	}
	if k+1 < len(toks) && toks[k+1].kind == tNum {
		if c, _ := currencyCode(t.text); c != "" {
			return c, k + 1
		}
	}
	if lp, ok := letterPrefixes[t.text]; ok && k+1 < len(toks) && toks[k+1].kind == tNum && (glued(toks, k+1) || lp.spaced) {
		money := !lp.ambiguous || strings.ContainsAny(toks[k+1].text, ".,") ||
			k+2 < len(toks) && magnitudes[toks[k+2].low]
		if money {
			return lp.code, k + 1
		}
	}
	if (t.text == "Rs" || t.text == "INR") && k+1 < len(toks) {
		n := k + 1
		if toks[n].text == "." && glued(toks, n) {
			n++
		}
		if n < len(toks) && toks[n].kind == tNum {
			return "INR", n
		}
	}
	return "", k
}

// readAtom tries to read a number starting at token k.
func readAtom(toks []token, k int, text string) (atom, bool) {
	a := atom{ts: k, ms: k, unitS: -1, unitE: -1}
	n := k
	cur, after := moneyPrefix(toks, k)
	if cur != "" {
		n = after
		if n >= len(toks) {
			return a, false
		}
	}
	neg := false
	// a minus sign: "-9.5", "- 1 4/5", "<-30"; not a hyphen after a word or number
	if n+1 < len(toks) && toks[n].kind == tSym && (toks[n].text == "-" || toks[n].text == "\u2212") &&
		(toks[n+1].kind == tNum && (glued(toks, n+1) || n+2 < len(toks) && toks[n+1].kind == tNum)) {
		prevOK := n == 0 || toks[n].space || toks[n-1].kind == tSym && !isDash(toks[n-1]) && toks[n-1].text != "/" && toks[n-1].text != "+"
		if prevOK && !(n > 0 && (toks[n-1].kind == tNum || toks[n-1].kind == tWord && glued(toks, n))) {
			neg = true
			n++
		}
	}
	if n >= len(toks) {
		return a, false
	}
	t := &toks[n]
	// a percentage written first: "percent of 10", "per cent of twenty-two"
	if cur == "" && !neg && t.kind == tWord {
		if pa, ok := readReversePercent(toks, n); ok {
			return pa, true
		}
	}
	// pronoun "one": "the one you mentioned", "which one"
	if t.kind == tWord && t.low == "one" && n > 0 && pronounOneBefore[toks[n-1].low] && !(n+1 < len(toks) && (continuesNumber(toks, n+1) || measuredNext(toks[n+1]))) {
		return a, false
	}
	// fractions in digits: "3/4", "2 1/4"
	if readDigitFraction(toks, n, neg, &a) {
		a.ts = k
		a.ms = k
		finishAtom(toks, &a, cur)
		return a, true
	}
	p, ok := parseCardinal(toks, n)
	if !ok {
		if cur == "" && !neg {
			return readVague(toks, n)
		}
		return a, false
	}
	// numerals glued to letters that are not units ("4th", "3D") are not
	// read as words here; ordinal suffixes drop the number altogether
	if p.digitsOnly && p.e < len(toks) && glued(toks, p.e) && toks[p.e].kind == tWord {
		suf := toks[p.e].low
		if suf == "st" || suf == "nd" || suf == "rd" || suf == "th" {
			return atom{ts: k, te: p.e + 1}, false
		}
	}
	// "a third country" is an ordinal; "a third of" is a fraction
	if p.fraction && (toks[n].low == "a" || toks[n].low == "an") && p.e < len(toks) && toks[p.e].kind == tWord {
		last := toks[p.e-1].low
		if _, isOrd := ordinalDenominators[last]; isOrd && last != "half" && last != "quarter" && !stopWords[toks[p.e].low] {
			return atom{ts: k, te: p.e}, false
		}
	}
	// "twenty-fifth" is an ordinal
	if p.e+1 < len(toks) && isHyphen(toks[p.e]) && glued(toks, p.e) && toks[p.e+1].kind == tWord && unitOrdinals[toks[p.e+1].low] > 0 {
		if v, cls, ok := wordValue(toks[p.e-1].low); ok && cls == eTens && v > 0 {
			return atom{ts: k, te: p.e + 2}, false
		}
	}
	a.val = p.val
	if cur != "" {
		// "MUSD 20" is 20 million dollars
		if _, sc := currencyCode(toks[k].text); sc > 1 {
			a.val *= sc
			a.scaled = true
		}
	}
	if neg {
		a.val = -a.val
	}
	a.te = p.e
	a.words = p.words
	a.scaled = p.scaled
	a.fraction = p.fraction
	a.plain = p.digitsOnly && toks[n].plain
	a.intLen = toks[n].intLen
	readFractionOperator(toks, &a)
	finishAtom(toks, &a, cur)
	return a, true
}

// pronounOneBefore are words after which "one" is a pronoun, not a number.
var pronounOneBefore = map[string]bool{
	"the": true, "this": true, "that": true, "which": true, "each": true, "every": true,
	"any": true, "no": true, "another": true, "little": true, "young": true, "loved": true,
	"other": true, "only": true, "right": true, "wrong": true, "same": true, "big": true, "new": true,
	"old": true, "last": true, "first": true, "next": true, "good": true, "bad": true, "such": true,
	"someone": true, "everyone": true, "anyone": true, "no-one": true,
}

// measuredNext reports whether t is a unit of measurement that makes "one"
// before it a number even after a determiner: "that one mile".
func measuredNext(t token) bool {
	u, ok := unitWords[t.low]
	return ok && u.kind.Dimension() && !shortUnits[t.low]
}

// continuesNumber reports whether token k continues a number word ("one
// hundred", "one-third").
func continuesNumber(toks []token, k int) bool {
	t := &toks[k]
	if isHyphen(*t) && k+1 < len(toks) {
		t = &toks[k+1]
	}
	return t.low == "hundred" || scaleOf(t.low) > 0 || isDenominatorWord(t.low) || t.low == "and" && k+1 < len(toks) && toks[k+1].low == "a"
}

// readDigitFraction reads "3/4", "-4/5" and mixed numbers such as "2 1/4".
// On success it overwrites *a.
func readDigitFraction(toks []token, n int, neg bool, a *atom) bool {
	if n >= len(toks) || toks[n].kind != tNum {
		return false // both forms start with digits
	}
	k := n
	whole := 0.0
	if k+3 < len(toks) && toks[k].kind == tNum && toks[k].plain && toks[k+1].kind == tNum && !glued(toks, k+1) &&
		toks[k+2].text == "/" {
		whole = toks[k].val
		k++
	}
	if k+2 >= len(toks) || toks[k].kind != tNum || toks[k+1].text != "/" || toks[k+2].kind != tNum ||
		!glued(toks, k+1) || !glued(toks, k+2) {
		return false
	}
	num, den := toks[k], toks[k+2]
	if !num.plain || !den.plain || num.intLen > 3 || den.intLen > 3 || den.val == 0 {
		return false
	}
	// "5/17/2018" is a date
	if k+3 < len(toks) && glued(toks, k+3) && (toks[k+3].text == "/" || toks[k+3].text == "-") {
		return false
	}
	if k > 0 && glued(toks, k) && toks[k-1].kind == tSym && (toks[k-1].text == "/" || toks[k-1].text == "-") && !isDash(toks[k-1]) {
		return false
	}
	if k > 0 && glued(toks, k) && toks[k-1].text == "/" {
		return false
	}
	*a = atom{unitS: -1, unitE: -1}
	a.val = whole + num.val/den.val
	if neg {
		a.val = -a.val
	}
	a.ts, a.te = n, k+3
	a.fraction = true
	return true
}

// readFractionOperator extends a number over "over", "out of" and "in"
// when they make a fraction: "one over three", "two out of five hundred",
// "1 in twenty-one".
func readFractionOperator(toks []token, a *atom) {
	k := a.te
	if k >= len(toks) || toks[k].kind != tWord || a.fraction || a.val == 0 {
		return
	}
	op := toks[k].low
	next := k + 1
	switch op {
	case "over", "in":
	case "out":
		if next < len(toks) && toks[next].low == "of" {
			next++
		} else {
			return
		}
	default:
		return
	}
	if next >= len(toks) || toks[next].kind == tSym {
		return
	}
	d, ok := parseCardinal(toks, next)
	if !ok || d.val <= 0 || d.fraction {
		return
	}
	if d.digitsOnly && toks[next].intLen == 4 && d.val >= 1000 && d.val <= 2100 {
		return // "3 in 2024"
	}
	switch op {
	case "over":
		// only as a fraction when nothing is counted after it
		if d.e < len(toks) && toks[d.e].kind == tWord {
			return
		}
	default:
		if math.Abs(a.val) >= d.val {
			return
		}
		if d.e < len(toks) && toks[d.e].kind == tWord {
			if _, isUnit := unitWords[toks[d.e].low]; isUnit {
				return
			}
		}
	}
	a.val = a.val / d.val
	a.te = d.e
	a.fraction = true
	a.words = a.words || d.words
	a.kind = Fraction
}

// readReversePercent reads "percent of 10" and "per cent of twenty-two".
func readReversePercent(toks []token, k int) (atom, bool) {
	a := atom{ts: k, ms: k, unitS: -1, unitE: -1}
	n := k
	switch {
	case percentWords[toks[n].low] && toks[n].low != "pct":
		n++
	case toks[n].low == "per" && n+1 < len(toks) && toks[n+1].low == "cent":
		n += 2
	default:
		return a, false
	}
	if n+1 >= len(toks) || toks[n].low != "of" {
		return a, false
	}
	if k > 0 && (toks[k-1].kind == tNum || toks[k-1].kind == tWord && smallNumbers[toks[k-1].low] > 0) {
		return a, false
	}
	p, ok := parseCardinal(toks, n+1)
	if !ok || !(p.e >= len(toks) || toks[p.e].kind == tSym) {
		return a, false
	}
	a.val = p.val
	a.te = p.e
	a.kind = Percent
	a.unit = "percent"
	a.words = p.words
	return a, true
}

// readVague recognises amounts with no definite value: "thousands",
// "tens of thousands", "several hundred", "dozens", and a bare "percent".
func readVague(toks []token, k int) (atom, bool) {
	a := atom{ts: k, ms: k, unitS: -1, unitE: -1, kind: Vague, vagueAmt: true}
	t := &toks[k]
	if t.kind == tSym && t.text == "%" {
		a.te = k + 1
		a.unit = "percent"
		return a, true
	}
	if t.kind != tWord {
		return a, false
	}
	if t.low == "percent" || t.low == "percentage" || t.low == "percents" {
		a.te = k + 1
		a.unit = "percent"
		return a, true
	}
	if v, ok := vagueWords[t.low]; ok {
		a.val = v
		a.te = k + 1
		// "tens of thousands", "hundreds of millions"
		if k+2 < len(toks) && toks[k+1].low == "of" {
			if v2, ok := vagueWords[toks[k+2].low]; ok && v2 > v {
				a.val = v * v2
				a.te = k + 3
			}
		}
		return a, true
	}
	if vagueQuantifiers[t.low] || t.low == "a" && k+1 < len(toks) && toks[k+1].low == "few" {
		n := k + 1
		if t.low == "a" {
			n++
		}
		if n < len(toks) && (toks[n].low == "hundred" || scaleOf(toks[n].low) > 0 || isDozen(toks[n].low)) {
			a.val = scaleOf(toks[n].low)
			if toks[n].low == "hundred" {
				a.val = 100
			}
			a.te = n + 1
			return a, true
		}
	}
	return a, false
}

// finishAtom attaches what follows the number (percent signs, currencies,
// units, multiplier suffixes, a smaller unit completing the amount) and a
// currency written before it.
func finishAtom(toks []token, a *atom, cur string) {
	attachAfter(toks, a, cur)
	readMinorUnit(toks, a)
}

// attachAfter attaches what follows the number and a currency written
// before it.
func attachAfter(toks []token, a *atom, cur string) {
	if cur != "" {
		a.money = true
		a.kind = Money
		a.unit = cur
	}
	k := a.te
	if k < len(toks) && isHyphen(toks[k]) {
		hyphenUnit(toks, a)
		if a.unitS >= 0 {
			return
		}
	}
	if k < len(toks) {
		t := &toks[k]
		g := glued(toks, k)
		switch {
		case t.kind == tSym && t.text == "%" && (g || t.space):
			a.te = k + 1
			a.kind = Percent
			a.unit = "percent"
			return
		case t.kind == tSym && t.text == "°":
			a.te = k + 1
			a.kind = Temperature
			a.unit = "degree"
			if k+1 < len(toks) && glued(toks, k+1) && (toks[k+1].text == "C" || toks[k+1].text == "F") {
				a.unit = "degree " + toks[k+1].text
				a.te = k + 2
			}
			return
		case t.kind == tSym && currencySymbols[t.text] != "" && !a.money &&
			!(k+1 < len(toks) && toks[k+1].kind == tNum && glued(toks, k+1)):
			// a currency sign after the amount: "10 €", "100₾"
			a.kind, a.unit, a.money = Money, currencySymbols[t.text], true
			a.unitS, a.unitE, a.ue = t.start, t.end, k+1
			a.subjHead = moneyHead(a.unit)
			return
		case t.kind == tSym && (bracketedUnit(toks, a, k) || inchMark(toks, a, k)):
			return
		case t.kind == tWord:
			attachUnitWord(toks, a, k, g)
		}
	}
	if a.kind == Money {
		a.subjHead = moneyHead(a.unit)
	}
}

// moneyHead names the head noun of an amount in the given currency.
func moneyHead(code string) string {
	switch code {
	case "USD", "AUD", "CAD", "HKD", "NZD", "SGD", "TWD":
		return "dollar"
	case "EUR":
		return "euro"
	case "GBP":
		return "pound"
	case "JPY":
		return "yen"
	case "CNY", "RMB":
		return "yuan"
	case "KRW", "KPW":
		return "won"
	case "INR", "PKR":
		return "rupee"
	case "RUB":
		return "rouble"
	case "UAH":
		return "hryvnia"
	case "ZAR":
		return "rand"
	case "MYR":
		return "ringgit"
	case "IDR":
		return "rupiah"
	case "KES", "TZS", "UGX":
		return "shilling"
	case "BDT":
		return "taka"
	case "ETB":
		return "birr"
	case "GHS":
		return "cedi"
	}
	if h, ok := codeHeads[code]; ok {
		return h
	}
	return strings.ToLower(code)
}

// codeHeads names the currency noun of every code the currency word lists
// know ("PHP" is the peso, "CHF" the franc), so an amount written with a
// symbol or code ("₱500") gets the same head as one written with its word.
var codeHeads = func() map[string]string {
	m := map[string]string{}
	for _, n := range currencyNames {
		if _, ok := m[n.code]; !ok && n.code != n.head {
			m[n.code] = n.head
		}
	}
	for word, byNation := range nationalCurrencies {
		head := word
		if n, ok := currencyNames[word]; ok {
			head = n.head
		}
		for _, code := range byNation {
			if _, ok := m[code]; !ok {
				m[code] = head
			}
		}
	}
	return m
}()

// attachUnitWord looks at the word after a number.
func attachUnitWord(toks []token, a *atom, k int, g bool) {
	t := &toks[k]
	w := t.low
	// lowercase "m" right after digits: million with money or before a
	// counted noun ("$300m", "300m people"), otherwise metres
	if g && t.text == "m" && !a.words {
		if a.money || k+1 < len(toks) && toks[k+1].kind == tWord && !glued(toks, k+1) && (looksPlural(toks[k+1].low) || millionFollowers[toks[k+1].low]) {
			a.val *= 1e6
			a.scaled = true
			a.te = k + 1
			return
		}
	}
	if g && (w == "st" || w == "nd" || w == "rd" || w == "th") {
		return
	}
	// percentages
	if !g {
		switch {
		case w == "percentage" && k+1 < len(toks) && (toks[k+1].low == "point" || toks[k+1].low == "points"):
			a.kind, a.unit = Percent, "percentage point"
			a.unitS, a.unitE, a.ue = toks[k].start, toks[k+1].end, k+2
			return
		case w == "basis" && k+1 < len(toks) && (toks[k+1].low == "point" || toks[k+1].low == "points"):
			a.kind, a.unit = Percent, "basis point"
			a.unitS, a.unitE, a.ue = toks[k].start, toks[k+1].end, k+2
			return
		case w == "bps":
			a.kind, a.unit = Percent, "basis point"
			a.unitS, a.unitE, a.ue = t.start, t.end, k+1
			return
		case percentWords[w]:
			a.kind, a.unit = Percent, "percent"
			a.unitS, a.unitE, a.ue = t.start, t.end, k+1
			return
		case w == "per" && k+1 < len(toks) && toks[k+1].low == "cent":
			a.kind, a.unit = Percent, "percent"
			a.unitS, a.unitE, a.ue = t.start, toks[k+1].end, k+2
			return
		}
	}
	// currencies after the amount: "5 dollars", "1 trillion won", "10 USD",
	// "10,000 Swiss francs"
	if !a.money {
		if k+1 < len(toks) && toks[k+1].kind == tWord && t.kind == tWord {
			if code, head, ok := currencyByAdjective(w, toks[k+1].low); ok {
				a.kind, a.unit = Money, code
				a.unitS, a.unitE, a.ue = t.start, toks[k+1].end, k+2
				a.subjHead = head
				return
			}
		}
		if codeAfter(toks, a, k) {
			return
		}
		// a currency word glued is a character such as "元"
		if c, ok := currencyNames[w]; ok && (!g || w[0] >= utf8.RuneSelf) {
			if (w == "pound" || w == "pounds") && !a.scaled {
				// pounds of weight unless a multiplier or "sterling" makes it money
				if !(k+1 < len(toks) && toks[k+1].low == "sterling") {
					a.kind, a.unit = Weight, "lb"
					a.unitS, a.unitE, a.ue = t.start, t.end, k+1
					return
				}
			}
			// "US dollars", "Hong Kong dollars" are caught by the code table
			a.kind, a.unit = Money, c.code
			a.unitS, a.unitE, a.ue = t.start, t.end, k+1
			a.subjHead = c.head
			return
		}
		if (w == "us" || w == "u.s.") && k+1 < len(toks) && (toks[k+1].low == "dollars" || toks[k+1].low == "dollar") {
			a.kind, a.unit = Money, "USD"
			a.unitS, a.unitE, a.ue = t.start, toks[k+1].end, k+2
			a.subjHead = "dollar"
			return
		}
	}
	if a.kind == Money {
		return
	}
	// "three times", "10-fold"
	if (w == "times" && !g) || w == "fold" {
		a.kind = Multiplier
		return
	}
	// measurement units
	// "16,000 metric tons", "0.9 trillion cubic feet"
	if (w == "metric" || w == "cubic") && k+1 < len(toks) {
		if u, ok := unitWords[toks[k+1].low]; ok && (w == "metric" && u.kind == Weight || w == "cubic" && u.kind == Distance) {
			a.kind, a.unit = u.kind, u.unit
			if w == "metric" && u.unit == "ton" {
				a.unit = "tonne"
			}
			if w == "cubic" {
				a.kind, a.unit = Volume, "cu "+u.unit
			}
			a.unitS, a.unitE, a.ue = t.start, toks[k+1].end, k+2
			return
		}
	}
	if squarePrefixes[w] && k+1 < len(toks) {
		if u, ok := unitWords[toks[k+1].low]; ok && u.kind == Distance {
			a.kind, a.unit = Area, "sq "+u.unit
			a.unitS, a.unitE, a.ue = t.start, toks[k+1].end, k+2
			return
		}
	}
	if g && w == "pc" {
		// "24pc": the newspaper abbreviation of per cent
		a.kind, a.unit = Percent, "percent"
		a.unitS, a.unitE, a.ue = t.start, t.end, k+1
		return
	}
	u, ok := unitWords[w]
	if !ok {
		return
	}
	if shortUnits[w] && !g && w != "m" && w != "mm" {
		return // "5 g", "3 mi" are rare and ambiguous with words
	}
	if g && u.kind == Duration && len(w) > 3 {
		return // "5years" is too rare to trust
	}
	if k+1 < len(toks) && toks[k+1].kind == tNum && glued(toks, k+1) {
		unitPower(toks, a, k, u)
		return
	}
	a.kind, a.unit = u.kind, u.unit
	a.unitS, a.unitE, a.ue = t.start, t.end, k+1
	unitCompound(toks, a, k)
}

// unitPower reads a unit with digits glued after it: a distance squared or
// cubed ("40 km2", "5m3"). Any other digits make the letters part of a
// code ("24703 m212"), and the number gets no unit.
func unitPower(toks []token, a *atom, k int, u unitInfo) {
	p := &toks[k+1]
	if u.kind != Distance || !p.plain || p.intLen != 1 || p.val != 2 && p.val != 3 ||
		k+2 < len(toks) && glued(toks, k+2) && toks[k+2].kind != tSym {
		return
	}
	a.kind, a.unit = Area, "sq "+u.unit
	if p.val == 3 {
		a.kind, a.unit = Volume, "cu "+u.unit
	}
	a.unitS, a.unitE, a.ue = toks[k].start, p.end, k+2
}

// unitCompound extends a unit word over what completes it: a rate
// ("km/h", "m/s"), the scale after "degrees" ("degrees Celsius") and the
// hours of an energy ("kilowatt hours", "megawatt-hours").
func unitCompound(toks []token, a *atom, k int) {
	if k+1 >= len(toks) {
		return
	}
	next := &toks[k+1]
	switch a.kind {
	case Distance:
		if next.text == "/" && glued(toks, k+1) && glued(toks, k+2) {
			switch toks[k+2].low {
			case "h", "hr":
				a.kind, a.unit = Speed, a.unit+"/h"
			case "s", "sec":
				a.kind, a.unit = Speed, a.unit+"/s"
			default:
				return
			}
			a.unitE, a.ue = toks[k+2].end, k+3
		}
	case Temperature:
		if sc, ok := temperatureScales[next.low]; ok && a.unit == "degree" && next.kind == tWord {
			a.unit = sc
			a.unitE, a.ue = next.end, k+2
		}
	case Power:
		h := k + 1
		if isHyphen(*next) && glued(toks, k+1) {
			h++
		}
		if h >= len(toks) {
			return
		}
		if w := toks[h].low; w == "hour" || w == "hours" {
			a.kind, a.unit = Energy, a.unit+"h"
			a.unitE, a.ue = toks[h].end, h+1
		}
	}
}

// codeAfter reads a currency code after the amount: "10 USD", "40 rmb",
// "30 MUSD", and "75 USD million" with the multiplier after the code. A
// code with digits glued after it starts the next amount ("3 USD50").
func codeAfter(toks []token, a *atom, k int) bool {
	t := &toks[k]
	code, sc := currencyCode(t.text)
	if code == "" || k+1 < len(toks) && toks[k+1].kind == tNum && glued(toks, k+1) {
		return false
	}
	a.kind, a.unit = Money, code
	a.unitS, a.unitE, a.ue = t.start, t.end, k+1
	a.subjHead = moneyHead(code)
	if sc == 1 && !a.scaled && k+1 < len(toks) && toks[k+1].kind == tWord {
		sc = scaleOf(toks[k+1].low)
		if sc > 0 {
			a.ue = k + 2
		}
	}
	if sc > 1 {
		a.val *= sc
		a.scaled = true
	}
	return true
}

// ageByContext makes a plain number after "age" or "aged" an age in years:
// "a man aged 71", "at age 30", "ages 18 to 24".
func ageByContext(toks []token, a *atom) {
	if a.kind != Cardinal || a.unit != "" || a.ms == 0 || a.fraction {
		return
	}
	switch toks[a.ms-1].low {
	case "age", "aged", "ages":
		a.kind, a.unit = Duration, "year"
	}
}

// millionFollowers are words after which a lowercase "m" glued to digits
// means million ("1.2m more", "5m other").
var millionFollowers = set("more", "additional", "extra", "new", "other", "of", "people", "fewer")

// looksPlural is a cheap test for a plural noun: "people", "troops".
func looksPlural(w string) bool {
	if irregularPlurals[w] != "" {
		return true
	}
	return len(w) > 3 && w[len(w)-1] == 's' && w[len(w)-2] != 's' && !strings.HasSuffix(w, "'s") && !stopWords[w]
}

// hyphenUnit handles "three-month", "31-month", "two-and-a-half-year": a
// unit glued with a hyphen becomes part of Text.
func hyphenUnit(toks []token, a *atom) {
	k := a.te
	if k+1 >= len(toks) || !isHyphen(toks[k]) || !glued(toks, k) || !glued(toks, k+1) || toks[k+1].kind != tWord {
		return
	}
	if hyphenCurrency(toks, a) {
		return
	}
	u, ok := unitWords[toks[k+1].low]
	if !ok || shortUnits[toks[k+1].low] && toks[k+1].low != "km" {
		return
	}
	a.kind, a.unit = u.kind, u.unit
	a.te = k + 2
	a.unitS, a.unitE = toks[k+1].start, toks[k+1].end
}

// hyphenCurrency reads a currency word joined to the amount by a hyphen:
// "a 12-cent dividend", "a one-yen bid". "Pound" and "won" stay out, as
// "a 10-pound bag" weighs and "won" is more often the verb.
func hyphenCurrency(toks []token, a *atom) bool {
	k := a.te
	w := toks[k+1].low
	c, ok := currencyNames[w]
	if !ok || a.money || w == "pound" || w == "pounds" || w == "won" {
		return false
	}
	a.kind, a.unit, a.subjHead = Money, c.code, c.head
	a.te = k + 2
	a.unitS, a.unitE = toks[k+1].start, toks[k+1].end
	return true
}
