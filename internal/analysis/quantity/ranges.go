package quantity

// Bounds, hedges and ranges: the words around a number that say it is a
// minimum, a maximum, an estimate or one end of an interval.

// dropOverlaps removes atoms that start inside the previous one (a time of
// day or a decade can grow over the next number).
func dropOverlaps(atoms []atom) []atom {
	n := 0
	end := -1
	for i := range atoms {
		a := &atoms[i]
		if a.ts < end {
			continue
		}
		end = a.te
		if a.ue > end {
			end = a.ue
		}
		if n != i {
			atoms[n] = *a
		}
		n++
	}
	return atoms[:n]
}

// applyModifiers reads the modifiers before and after each number.
func applyModifiers(toks []token, atoms []atom) []atom {
	atoms = dropOverlaps(atoms)
	for i := range atoms {
		a := &atoms[i]
		if !a.kind.Measure() && a.kind != Vague {
			continue
		}
		floor := 0
		if i > 0 {
			floor = atoms[i-1].te
		}
		var seen modEffect
		for round := 0; round < 2; round++ {
			eff, first, ok := matchPrefix(toks, a.ms)
			if !ok || first < floor || eff&seen != 0 {
				break
			}
			if eff != modApprox && seen&(modLow|modHigh|modEqual) != 0 {
				break
			}
			seen |= eff
			a.ms = first
			applyEffect(a, eff, false)
		}
		// "roughly a 40% chance": a hedge before the article
		if a.ms >= 2 && a.ms-1 >= floor && (toks[a.ms-1].low == "a" || toks[a.ms-1].low == "an") && seen == 0 {
			if eff, first, ok := matchPrefix(toks, a.ms-1); ok && eff == modApprox && first >= floor {
				applyEffect(a, eff, false)
			}
		}
		if eff, _, ok := matchPostfix(toks, a.te); ok {
			applyEffect(a, eff, true)
		}
	}
	return atoms
}

// applyEffect sets the bounds or the hedge a modifier gives.
func applyEffect(a *atom, eff modEffect, post bool) {
	switch eff {
	case 0:
	case modLow:
		if post && a.hasHigh && a.hasLow && a.low == a.high {
			a.hasHigh = false // "equal to 5000 or more"
		}
		a.hasLow, a.low = true, a.val
	case modHigh:
		if post && a.hasHigh && a.hasLow && a.low == a.high {
			a.hasLow = false // "equal to 5000 or less"
		}
		a.hasHigh, a.high = true, a.val
	case modEqual:
		a.hasLow, a.low = true, a.val
		a.hasHigh, a.high = true, a.val
	case modApprox:
		a.approx = true
	}
}

// rangeCues are words that, shortly before "from", make "from X to Y" an
// interval rather than a change.
var rangeCues = map[string]bool{
	"range": true, "ranges": true, "ranging": true, "ranged": true, "vary": true,
	"varies": true, "varying": true, "varied": true, "anywhere": true, "estimates": true,
	"estimated": true, "somewhere": true, "span": true, "spanning": true,
}

// changeWords before a number make "X to Y" a change, not a range.
var changeWords = map[string]bool{
	"rose": true, "risen": true, "rise": true, "rises": true, "rising": true, "fell": true,
	"fallen": true, "fall": true, "falls": true, "falling": true, "increased": true,
	"increase": true, "increases": true, "increasing": true, "decreased": true, "decrease": true,
	"climbed": true, "climb": true, "climbs": true, "dropped": true, "drop": true, "jumped": true,
	"grew": true, "grown": true, "grow": true, "cut": true, "raised": true, "raise": true,
	"lowered": true, "up": true, "down": true, "declined": true, "slipped": true, "soared": true,
	"gained": true, "lost": true, "surged": true, "plunged": true, "slid": true, "shrank": true,
	"moved": true, "went": true, "going": true, "revised": true, "upgraded": true, "downgraded": true,
	"changed": true, "doubled": true, "tripled": true, "reduced": true, "expanded": true,
}

// compatible reports whether two numbers can be the ends of one range, and
// the kind and unit the range takes.
func compatible(a, b *atom) (Kind, string, bool) {
	if !a.kind.Measure() || !b.kind.Measure() || a.vagueAmt || b.vagueAmt {
		return 0, "", false
	}
	switch {
	case a.unit == b.unit && a.kind == b.kind:
		return a.kind, a.unit, true
	case a.unit == "" && (a.kind == Cardinal || a.kind == Fraction):
		return b.kind, b.unit, true
	case b.unit == "" && b.kind == Cardinal && (a.kind == Money || a.kind == Percent):
		return a.kind, a.unit, true
	}
	return 0, "", false
}

// mergeRanges joins pairs of numbers that make one interval. It works in
// place: the result shares the storage of atoms.
func mergeRanges(toks []token, atoms []atom) []atom {
	if len(atoms) < 2 {
		return atoms
	}
	n := 0
	for i := 0; i < len(atoms); i++ {
		if i+1 < len(atoms) {
			if m, ok := tryRange(toks, &atoms[i], &atoms[i+1]); ok {
				atoms[n] = m
				n++
				i++
				continue
			}
			shareUnit(toks, &atoms[i], &atoms[i+1])
		}
		if n != i {
			atoms[n] = atoms[i]
		}
		n++
	}
	return atoms[:n]
}

// tryRange merges a and b when the words between them make a range.
func tryRange(toks []token, a, b *atom) (atom, bool) {
	kind, unit, ok := compatible(a, b)
	if !ok || a.isRange || b.isRange {
		return atom{}, false
	}
	// bounds on both sides: "more than 10 and less than 40"
	if a.hasLow != a.hasHigh && b.hasLow != b.hasHigh && b.ms > a.te {
		conn := connector(toks, a.te, b.ms)
		if conn == "and" || conn == "but" || conn == "," || conn == ", and" || conn == ", but" {
			if a.hasLow && b.hasHigh && a.low < b.high {
				m := *a
				m.te, m.unitS, m.unitE = b.te, b.unitS, b.unitE
				m.ue = b.ue
				m.hasHigh, m.high = true, b.high
				m.kind, m.unit = kind, unit
				m.isRange = true
				return m, true
			}
			if a.hasHigh && b.hasLow && b.low < a.high {
				m := *a
				m.te, m.unitS, m.unitE = b.te, b.unitS, b.unitE
				m.ue = b.ue
				m.val = b.low
				m.hasLow, m.low = true, b.low
				m.kind, m.unit = kind, unit
				m.isRange = true
				return m, true
			}
		}
		return atom{}, false
	}
	if b.ms != b.ts || b.hasLow || b.hasHigh || b.approx {
		return atom{}, false
	}
	if a.hasLow || a.hasHigh {
		return atom{}, false
	}
	lo, hi := a.val, b.val
	// a shared multiplier: "2-3 million", "between 10 and 12 billion"
	if b.scaled && !a.scaled && !a.fraction {
		if f := scaleFactor(toks, b); f > 0 && lo*f <= hi {
			lo *= f
		}
	}
	if !(lo < hi) {
		return atom{}, false
	}
	conn := connector(toks, a.te, b.ts)
	ms := a.ms
	before := a.ms - 1
	prevWord := ""
	if before >= 0 && toks[before].kind == tWord {
		prevWord = toks[before].low
	}
	switch conn {
	case "-", "\u2013", "\u2014", "~", "\u2012", "\u2212", "\u2010", "\u2011":
		// "three-nought-four" is a sequence, not a range
		if a.words && b.words && glued(toks, a.te) && glued(toks, b.ts) {
			return atom{}, false
		}
	case "to", "through", "thru":
		if prevWord == "from" {
			if !cueBefore(toks, before) {
				return atom{}, false
			}
			ms = before
		} else if changeWords[prevWord] || prevWord == "by" {
			return atom{}, false
		} else if conn == "to" && a.ms != a.ts {
			// "about 10 to 12" keeps its hedge
		}
	case "or":
		if !(hi <= 2*lo || lo == 1 && hi == 2) || lo < 1 || hi > 100 && !a.words {
			return atom{}, false
		}
	case "and":
		if prevWord != "between" || a.ms != a.ts {
			return atom{}, false
		}
		ms = before
	default:
		return atom{}, false
	}
	m := *a
	m.ms = ms
	m.te = b.te
	m.ue = b.ue
	m.unitS, m.unitE = b.unitS, b.unitE
	if a.unitS >= 0 && b.unitS < 0 {
		m.unitS, m.unitE = a.unitS, a.unitE
	}
	m.val = lo
	m.hasLow, m.low = true, lo
	m.hasHigh, m.high = true, hi
	m.isRange = true
	m.kind, m.unit = kind, unit
	m.words = a.words || b.words
	m.money = a.money || b.money
	if m.subjHead == "" {
		m.subjHead = b.subjHead
	}
	return m, true
}

// shareUnit gives the first number of a change ("from 62 to 65 years",
// "rose from 4 to 5 percent") the unit written after the second.
func shareUnit(toks []token, a, b *atom) {
	if a.unit != "" || a.kind != Cardinal || b.unit == "" || !b.kind.Measure() || b.money && !a.money {
		return
	}
	conn := connector(toks, a.te, b.ms)
	if conn != "to" && conn != "and" && conn != "or" {
		return
	}
	a.kind, a.unit, a.subjHead = b.kind, b.unit, b.subjHead
	a.unitS, a.unitE = b.unitS, b.unitE
}

// cueBefore reports whether a range cue appears in the few words before
// token k ("estimates range from ...").
func cueBefore(toks []token, k int) bool {
	for j := k - 1; j >= 0 && j >= k-4; j-- {
		if toks[j].kind == tWord && rangeCues[toks[j].low] {
			return true
		}
	}
	return false
}

// connector returns the text between two numbers when it is a short
// connecting word or symbol, or "" otherwise.
func connector(toks []token, s, e int) string {
	switch e - s {
	case 1:
		return tokLow(toks[s])
	case 2:
		if toks[s].text == "," {
			return ", " + tokLow(toks[s+1])
		}
	}
	return ""
}

// scaleFactor returns the multiplier written in b ("million" in "3 million").
func scaleFactor(toks []token, b *atom) float64 {
	for j := b.ts; j < b.te; j++ {
		t := &toks[j]
		if t.kind != tWord {
			continue
		}
		if s := scaleOf(t.low); s > 0 {
			return s
		}
		if s := scaleAbbrev[t.text]; s > 0 {
			return s
		}
		if t.text == "m" {
			return 1e6
		}
	}
	return 0
}
