package quantity

import "math"

// parsed is a number read from the token stream, before units, bounds and
// context are looked at.
type parsed struct {
	val        float64
	s, e       int  // token span [s, e)
	words      bool // written (at least partly) in words
	scaled     bool // carries a multiplier word or suffix ("million", "bn")
	fraction   bool // a fraction or a mixed number
	digitsOnly bool // a single digit token, nothing else
	negative   bool
}

// elemKind classifies the last element read by the cardinal parser.
type elemKind uint8

const (
	eNone elemKind = iota
	eUnit
	eTeen
	eTens
	eHundred
	eScale
	eDigit
	eArticle
	eAnd
	eFraction
)

// cardState is the running state of the cardinal parser.
type cardState struct {
	total, cur   float64
	lastScale    float64
	last         elemKind
	words        bool
	scaled       bool
	fraction     bool
	k            int // next token
	lastTens     float64
	tensAt       int // token index of the last tens word, -1 when none
	tensAfterAnd bool
	andGroup     bool // the current group follows "and"
}

func (st *cardState) value() float64 { return st.total + st.cur }

// skipJoin steps over a hyphen between number words ("twenty-five",
// "fifty - two") and returns the index of the next token.
func skipJoin(toks []token, k int) int {
	if k+1 < len(toks) && isHyphen(toks[k]) && toks[k+1].kind == tWord {
		return k + 1
	}
	return k
}

// wordValue returns the value and class of a number word.
func wordValue(w string) (float64, elemKind, bool) {
	v, ok := smallValue(w)
	if !ok {
		return 0, eNone, false
	}
	switch {
	case v < 10:
		return v, eUnit, true
	case v < 20:
		return v, eTeen, true
	default:
		return v, eTens, true
	}
}

// parseCardinal reads the longest number starting at token i: digits,
// number words, multipliers, fractions and mixed numbers. It reports false
// when no number starts there.
func parseCardinal(toks []token, i int) (parsed, bool) {
	p := parsed{s: i}
	k := i
	neg := false
	if k < len(toks) && toks[k].kind == tWord && (toks[k].low == "minus" || toks[k].low == "negative") && k+1 < len(toks) {
		neg = true
		k++
	}
	st := cardState{lastScale: math.Inf(1), k: k, tensAt: -1}
	if !st.run(toks) {
		return p, false
	}
	p.val = st.value()
	p.e = st.k
	p.words = st.words
	p.scaled = st.scaled
	p.fraction = st.fraction
	p.digitsOnly = !st.words && !st.scaled && !st.fraction && p.e == k+1
	if neg {
		p.val = -p.val
		p.negative = true
	}
	return p, true
}

// run drives the cardinal parser; it returns false when nothing was read.
func (st *cardState) run(toks []token) bool {
	start := st.k
	for st.k < len(toks) {
		t := &toks[st.k]
		switch t.kind {
		case tNum:
			if t.dotted {
				if st.last == eNone {
					st.cur = t.val
					st.last = eDigit
					st.k++
				}
				goto done
			}
			if !st.acceptDigit(*t) {
				goto done
			}
			st.cur += t.val
			st.last = eDigit
			st.k++
			// glued or spaced multiplier abbreviation: "10k", "2.33 k", "5bn"
			if m, n := suffixScale(toks, st.k); m > 0 {
				st.cur *= m
				st.total += st.cur
				st.cur = 0
				st.lastScale = m
				st.scaled = true
				st.last = eScale
				st.k = n
				goto done
			}
			continue
		case tSym:
			if v, ok := unicodeFractions[t.text]; ok {
				if st.last == eNone || st.last == eDigit || st.last == eUnit {
					st.cur += v
					st.fraction = true
					st.last = eFraction
					st.k++
				}
				goto done
			}
			// "twenty-five", "one-third", "two-and-a-half"
			if isHyphen(*t) && st.last != eNone && st.k+1 < len(toks) && toks[st.k+1].kind == tWord {
				nx := toks[st.k+1].low
				if _, _, ok := wordValue(nx); ok || nx == "hundred" || nx == "and" || nx == "a" || scaleOf(nx) > 0 ||
					isDenominatorWord(nx) {
					if st.last == eDigit && !isDenominatorWord(nx) {
						goto done
					}
					saved := *st
					st.k++
					if nx == "and" {
						if st.and(toks) {
							continue
						}
					} else if st.step(toks) {
						continue
					}
					*st = saved
				}
			}
			goto done
		case tWord:
			w := t.low
			if w == "and" {
				if st.and(toks) {
					continue
				}
				goto done
			}
			if st.step(toks) {
				continue
			}
			goto done
		}
	}
done:
	if st.last == eArticle {
		return false
	}
	// "two thirds of a million"
	if st.last == eFraction && st.k+2 < len(toks) && toks[st.k].low == "of" && (toks[st.k+1].low == "a" || toks[st.k+1].low == "one") {
		if s := scaleOf(toks[st.k+2].low); s > 0 && toks[st.k+2].low[len(toks[st.k+2].low)-1] != 's' {
			st.cur = st.value() * s
			st.total = 0
			st.scaled = true
			st.k += 3
		}
	}
	// a fraction after a big multiplier scales with it: "3 million and a half"
	return st.k > start && st.last != eNone
}

// and handles "and" inside a number: a fraction ("and a half") or a
// smaller continuation ("one hundred and six"). On failure the state is
// left as it was before "and".
func (st *cardState) and(toks []token) bool {
	if st.last == eNone || st.last == eArticle {
		return false
	}
	saved := *st
	st.k++
	if st.k < len(toks) && isHyphen(toks[st.k]) {
		st.k++
	}
	if st.k < len(toks) && st.andFraction(toks) {
		return true
	}
	if st.k < len(toks) && st.last != eFraction && st.andContinue(toks) {
		return true
	}
	*st = saved
	return false
}

// isDenominatorWord reports whether w can be a fraction denominator.
func isDenominatorWord(w string) bool {
	base, _ := singularOrdinal(w)
	_, ok := ordinalDenominator(base)
	return ok || w == "halves"
}

// acceptDigit decides whether a digit token may extend the number read so
// far: only at the start, or after a multiplier word ("4 thousand 3 hundred").
func (st *cardState) acceptDigit(t token) bool {
	switch st.last {
	case eNone:
		return true
	case eScale, eHundred:
		return t.val < 100 && t.val > 0 && t.plain && !st.andGroup && st.last == eScale && t.val < st.lastScale
	case eAnd:
		return false
	}
	return false
}

// step consumes one number word at st.k, or reports false.
func (st *cardState) step(toks []token) bool {
	t := &toks[st.k]
	if t.kind != tWord {
		return false
	}
	w := t.low
	if v, cls, ok := wordValue(w); ok {
		switch cls {
		case eUnit:
			if v == 0 && st.last != eNone {
				return false
			}
			switch st.last {
			case eNone, eHundred, eScale:
			case eTens:
				if st.k-st.tensAt > 2 || st.k-st.tensAt == 2 && !isHyphen(toks[st.k-1]) {
					return st.denominator(toks)
				}
				if _, isOrd := unitOrdinals[toks[st.k].low]; isOrd {
					return false
				}
			default:
				return st.denominator(toks)
			}
		case eTeen, eTens:
			switch st.last {
			case eNone, eHundred, eScale:
			default:
				return st.denominator(toks)
			}
		}
		st.cur += v
		st.last = cls
		st.words = true
		if cls == eTens {
			st.lastTens = v
			st.tensAt = st.k
			st.tensAfterAnd = st.andGroup
		}
		st.k++
		return true
	}
	switch {
	case w == "a" || w == "an":
		if st.last != eNone || st.k+1 >= len(toks) {
			return false
		}
		nx := toks[st.k+1].low
		if d, _, _ := parseDenominator(toks, st.k+1); nx == "hundred" || scaleOf(nx) > 0 && nx[len(nx)-1] != 's' || isDozen(nx) && nx[len(nx)-1] != 's' || d > 0 {
			st.last = eArticle
			st.k++
			return true
		}
		return false
	case w == "hundred" || w == "hundreds" && st.last != eNone && st.last != eArticle:
		switch st.last {
		case eNone, eArticle:
			if w == "hundreds" {
				return false
			}
			st.cur = 100
		case eUnit, eTeen, eTens:
			if st.cur >= 100 {
				return false
			}
			st.cur *= 100
		case eDigit:
			st.cur *= 100
		default:
			return false
		}
		st.last = eHundred
		st.words = true
		st.k++
		return true
	case scaleOf(w) > 0:
		s := scaleOf(w)
		plural := w[len(w)-1] == 's'
		switch st.last {
		case eUnit, eTeen, eTens, eHundred, eDigit, eFraction:
		case eScale:
			if s <= st.lastScale || st.cur != 0 || plural {
				return false
			}
			st.cur = st.total
			st.total = 0
		case eArticle:
			if plural {
				return false
			}
			st.cur = 1
		default:
			return false
		}
		if plural && st.last != eDigit && !(st.last == eUnit || st.last == eTeen || st.last == eTens || st.last == eHundred) {
			return false
		}
		if st.cur == 0 {
			return false
		}
		if st.total == 0 || s > st.lastScale {
			st.total = (st.total + st.cur) * s
		} else {
			st.total += st.cur * s
		}
		st.cur = 0
		st.lastScale = s
		st.last = eScale
		st.scaled = true
		st.words = true
		st.andGroup = false
		st.k++
		return true
	case isDozen(w):
		switch st.last {
		case eArticle:
			st.cur = 12
		case eUnit, eTeen, eTens, eDigit, eHundred, eFraction:
			if st.cur == 0 {
				return false
			}
			st.cur *= 12
		default:
			return false
		}
		st.last = eScale
		st.lastScale = 12
		st.words = true
		st.k++
		return true
	case w == "half":
		switch st.last {
		case eNone:
			// "half a dozen", "half a million", "half million", bare "half"
			if st.k+2 < len(toks) && toks[st.k+1].low == "a" && (isDozen(toks[st.k+2].low) || scaleOf(toks[st.k+2].low) > 0) {
				st.cur = 0.5
				st.k += 2
				st.last = eFraction
				st.fraction = true
				st.words = true
				return true
			}
			st.cur = 0.5
		case eArticle:
			st.cur = 0.5
		default:
			return st.denominator(toks)
		}
		st.last = eFraction
		st.fraction = true
		st.words = true
		st.k++
		return true
	case w == "quarter":
		if st.last == eNone || st.last == eArticle {
			if st.last == eNone && !(st.k+1 < len(toks) && scaleOf(toks[st.k+1].low) > 0) {
				return false
			}
			st.cur = 0.25
			st.last = eFraction
			st.fraction = true
			st.words = true
			st.k++
			return true
		}
		return st.denominator(toks)
	case w == "point":
		if st.last == eNone || st.last == eArticle || st.last == eFraction || st.last == eScale && st.lastScale > 1e3 {
			return false
		}
		return st.decimal(toks)
	}
	if st.last != eNone {
		return st.denominator(toks)
	}
	return false
}

// denominator reads an ordinal after a numerator: "two thirds",
// "one hundred thirty fifths", "a trillionth".
func (st *cardState) denominator(toks []token) bool {
	switch st.last {
	case eUnit, eTeen, eTens, eHundred, eDigit, eArticle, eScale:
	default:
		return false
	}
	if st.last == eDigit && !toks[st.k].space && !isHyphen(toks[st.k-1]) {
		return false
	}
	d, n, _ := parseDenominator(toks, st.k)
	if d == 0 {
		return false
	}
	num := st.cur
	if st.last == eArticle {
		num = 1
	}
	base := st.total
	// "one hundred thirty fifths": a tens word right before a unit ordinal,
	// after other number words and not after "and", joins the denominator.
	if st.last == eTens && d < 10 && (st.tensAt == st.k-1 || st.tensAt == st.k-2 && isHyphen(toks[st.k-1])) && !st.tensAfterAnd && st.value() > st.lastTens {
		num -= st.lastTens
		d += st.lastTens
	}
	if st.andGroup && st.lastScale == 100 && st.last != eArticle {
		// "two and fifty-four hundredths": only the group after "and" is the numerator
		st.cur = num / d
	} else {
		st.total = 0
		st.cur = (base + num) / d
		if st.last == eArticle {
			st.cur = 1 / d
		}
	}
	st.last = eFraction
	st.fraction = true
	st.words = true
	st.k = n
	return true
}

// decimal reads "point" and the digits spoken after it.
func (st *cardState) decimal(toks []token) bool {
	k := st.k + 1
	digits := ""
	for k < len(toks) && toks[k].kind == tWord {
		v, cls, ok := wordValue(toks[k].low)
		if !ok {
			break
		}
		if cls == eUnit {
			digits += string(rune('0' + int(v)))
			k++
			continue
		}
		if digits != "" {
			break
		}
		// "point seventy-one", "point eleven"
		n := int(v)
		k++
		if cls == eTens {
			j := skipJoin(toks, k)
			if j < len(toks) && toks[j].kind == tWord {
				if u, c, ok := wordValue(toks[j].low); ok && c == eUnit && u > 0 {
					n += int(u)
					k = j + 1
				}
			}
		}
		digits = itoa(n)
		break
	}
	if digits == "" {
		return false
	}
	st.cur += fracOf(digits)
	st.k = k
	st.last = eFraction
	st.words = true
	return true
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// fracOf turns decimal digits into the fraction they denote after a point.
func fracOf(d string) float64 {
	f := 0.0
	scale := 0.1
	for k := 0; k < len(d); k++ {
		f += float64(d[k]-'0') * scale
		scale /= 10
	}
	return f
}

// andFraction reads "a half", "a quarter", "three fifths" after "and" and
// adds it to the number.
func (st *cardState) andFraction(toks []token) bool {
	k := st.k
	num := 0.0
	switch {
	case toks[k].low == "a" || toks[k].low == "an":
		num = 1
		k++
	case toks[k].kind == tWord:
		v, cls, ok := wordValue(toks[k].low)
		if !ok || v == 0 {
			return false
		}
		num = v
		k++
		if cls == eTens {
			j := skipJoin(toks, k)
			if j < len(toks) {
				if u, c, ok := wordValue(toks[j].low); ok && c == eUnit && u > 0 {
					num += u
					k = j + 1
				}
			}
		}
	default:
		return false
	}
	if k < len(toks) && isHyphen(toks[k]) {
		k++
	}
	if k >= len(toks) {
		return false
	}
	d, n, _ := parseDenominator(toks, k)
	if d == 0 {
		return false
	}
	frac := num / d
	k = n
	// "one billion and a half million": the fraction carries its own scale
	if k < len(toks) && scaleOf(toks[k].low) > 0 && scaleOf(toks[k].low) < st.lastScale && !math.IsInf(st.lastScale, 1) {
		st.total += st.cur + frac*scaleOf(toks[k].low)
		st.cur = 0
		st.k = k + 1
		st.last = eFraction
		st.fraction = true
		return true
	}
	if st.last == eScale && st.lastScale >= 1e6 && st.cur == 0 {
		frac *= st.lastScale
	}
	st.cur += frac
	st.k = k
	st.last = eFraction
	st.fraction = true
	st.words = true
	return true
}

// andContinue reads the number words after "and" when they continue the
// number ("one hundred and six", "two thousand and two hundred").
func (st *cardState) andContinue(toks []token) bool {
	switch st.last {
	case eHundred, eScale:
	case eTens, eUnit, eTeen:
		// "twenty and three" only before a smaller unit
		if st.total > 0 || st.cur >= 100 {
			return false
		}
		v, cls, ok := wordValue(toks[st.k].low)
		if !ok || cls != eUnit || v == 0 || math.Mod(st.cur, 10) != 0 {
			return false
		}
		st.cur += v
		st.last = eUnit
		st.k++
		return true
	default:
		return false
	}
	t := &toks[st.k]
	limit := st.lastScale
	if st.last == eHundred {
		limit = 100
	}
	if t.kind == tNum {
		if t.dotted || !t.plain || t.val <= 0 || t.val >= limit || t.val >= 100 {
			return false
		}
		// "3 hundred and 2 hundred" are two numbers
		if st.k+1 < len(toks) && (toks[st.k+1].low == "hundred" || scaleOf(toks[st.k+1].low) >= st.lastScale) {
			return false
		}
		st.cur += t.val
		st.last = eDigit
		st.k++
		st.andGroup = true
		return true
	}
	v, _, ok := wordValue(t.low)
	if !ok || v == 0 {
		return false
	}
	saved := *st
	st.andGroup = true
	st.last = eScale
	if saved.last == eHundred {
		st.last = eHundred
	}
	if !st.step(toks) {
		*st = saved
		return false
	}
	// keep reading the rest of the group; a second "hundred" after an
	// already filled hundreds place ends the number before "and"
	for st.k < len(toks) {
		t := &toks[st.k]
		if isHyphen(*t) && st.k+1 < len(toks) {
			save2 := *st
			st.k++
			if !st.step(toks) {
				*st = save2
				break
			}
			continue
		}
		if t.kind != tWord || t.low == "and" {
			break
		}
		if t.low == "hundred" && saved.last == eHundred {
			*st = saved
			return false
		}
		if s := scaleOf(t.low); s > 0 && s >= saved.lastScale && saved.last == eScale {
			*st = saved
			return false
		}
		if !st.step(toks) {
			break
		}
	}
	if st.value() <= saved.value() {
		*st = saved
		return false
	}
	return true
}

// suffixScale recognises a multiplier abbreviation right after a digit
// token at k ("10k", "2.33 k", "5bn", "1,674.5 G"). It returns the factor
// and the index after it, or 0.
func suffixScale(toks []token, k int) (float64, int) {
	if k >= len(toks) || toks[k].kind != tWord {
		return 0, k
	}
	t := &toks[k]
	g := glued(toks, k)
	if !g && k+1 < len(toks) && toks[k+1].kind == tWord && glued(toks, k+1) {
		return 0, k
	}
	after := k + 1
	// the abbreviation must end the word: "10km" is not "10k"
	if after < len(toks) && glued(toks, after) && toks[after].kind == tNum {
		return 0, k
	}
	switch t.text {
	case "k", "K", "bn", "bln", "tln", "trn", "tn", "mn", "mln", "MM", "B", "G", "M", "b", "mil":
		if !g && (t.text == "b" || t.text == "mil" || t.text == "tn") {
			return 0, k
		}
		if !g && (t.text == "B" || t.text == "G" || t.text == "M") {
			// a lone capital only as a multiplier when nothing word-like follows
			if after < len(toks) && toks[after].kind == tWord {
				return 0, k
			}
		}
		return scaleAbbrev[t.text], after
	}
	return 0, k
}
