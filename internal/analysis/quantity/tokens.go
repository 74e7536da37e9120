package quantity

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// tokKind separates the three sorts of token the scanner produces.
type tokKind uint8

const (
	tWord tokKind = iota // a run of letters, possibly with inner apostrophes
	tNum                 // a number written in digits
	tSym                 // any other single rune
)

// token is one lexical unit of the input with its byte span.
type token struct {
	kind       tokKind
	start, end int
	text       string // input[start:end]
	low        string // lowercase form, for words
	space      bool   // whitespace (or the start of the input) precedes it

	// digit numbers only
	val     float64
	plain   bool // digits only: no separator, decimal point or exponent
	intLen  int  // number of digits before any decimal point
	grouped bool // written with thousands separators
	dotted  bool // part of a dotted sequence such as "192.168.1.2"
}

// glued reports whether token i directly follows token i-1 with no space.
func glued(toks []token, i int) bool {
	return i > 0 && i < len(toks) && !toks[i].space && toks[i-1].end == toks[i].start
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

// isGroupSpace reports whether r can separate digit groups ("600 000").
func isGroupSpace(r rune) bool {
	return r == ' ' || r == '\u00a0' || r == '\u202f' || r == '\u2009'
}

// tokenize splits s into tokens. It never fails: bytes that are not valid
// UTF-8 become one-byte symbol tokens.
func tokenize(s string) []token {
	toks := make([]token, 0, len(s)/3+8)
	space := true
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r != utf8.RuneError && (unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u200b'):
			space = true
			i += size
			continue
		case isDigit(s[i]) || (s[i] == '.' && i+1 < len(s) && isDigit(s[i+1]) && (space || i == 0)):
			j := lexNumber(s, i, &toks, space)
			i = j
		case r != utf8.RuneError && unicode.IsLetter(r):
			j := i + size
			for j < len(s) {
				r2, sz := utf8.DecodeRuneInString(s[j:])
				if r2 != utf8.RuneError && (unicode.IsLetter(r2) || unicode.IsMark(r2)) {
					j += sz
					continue
				}
				if (r2 == '\'' || r2 == '\u2019') && j+sz < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+sz:])
					if r3 != utf8.RuneError && unicode.IsLetter(r3) {
						j += sz
						continue
					}
				}
				break
			}
			w := s[i:j]
			toks = append(toks, token{kind: tWord, start: i, end: j, text: w, low: lower(w), space: space})
			i = j
		default:
			toks = append(toks, token{kind: tSym, start: i, end: i + size, text: s[i : i+size], space: space})
			i += size
		}
		space = false
	}
	return toks
}

// lower lowercases a word and normalises typographic apostrophes.
func lower(w string) string {
	ascii := true
	for k := 0; k < len(w); k++ {
		if w[k] >= utf8.RuneSelf || (w[k] >= 'A' && w[k] <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	return strings.ReplaceAll(strings.ToLower(w), "\u2019", "'")
}

// lexNumber reads a digit number starting at i, appends its token(s) and
// returns the offset after it.
func lexNumber(s string, i int, toks *[]token, space bool) int {
	// A run of digits and dots with two or more dots is a dotted sequence
	// (an address or a version), read as separate integers.
	k := i
	dots := 0
	for k < len(s) && (isDigit(s[k]) || s[k] == '.') {
		if s[k] == '.' {
			if k+1 >= len(s) || !isDigit(s[k+1]) {
				break
			}
			dots++
		}
		k++
	}
	if dots >= 2 && isDigit(s[i]) {
		j := i
		first := true
		for j < k {
			if s[j] == '.' {
				*toks = append(*toks, token{kind: tSym, start: j, end: j + 1, text: "."})
				j++
				continue
			}
			e := j
			for e < k && isDigit(s[e]) {
				e++
			}
			v, _ := strconv.ParseFloat(s[j:e], 64)
			*toks = append(*toks, token{kind: tNum, start: j, end: e, text: s[j:e], val: v, plain: true,
				intLen: e - j, dotted: true, space: space && first})
			first = false
			j = e
		}
		return k
	}

	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	intLen := j - i
	var b strings.Builder
	b.WriteString(s[i:j])
	grouped := false
	plain := true
	if intLen > 0 {
		j, grouped = lexGroups(s, i, j, intLen, &b)
		if grouped {
			plain = false
			intLen = b.Len()
		}
	}
	// decimal part
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		b.WriteByte('.')
		j++
		for j < len(s) && isDigit(s[j]) {
			b.WriteByte(s[j])
			j++
		}
		plain = false
	}
	v, err := strconv.ParseFloat(b.String(), 64)
	if err != nil {
		v = 0
	}
	// exponent: 1e10, 12.32e+14, -12e-1
	if j < len(s) && (s[j] == 'e' || s[j] == 'E') {
		e := j + 1
		if e < len(s) && (s[e] == '+' || s[e] == '-') {
			e++
		}
		d := e
		for d < len(s) && isDigit(s[d]) {
			d++
		}
		if d > e && d-e <= 3 && (d >= len(s) || !isLetterAt(s, d)) {
			x, _ := strconv.Atoi(s[j+1 : d])
			v *= math.Pow(10, float64(x))
			j = d
			plain = false
		}
	}
	// power: 1.1^23, 2.5^-1, 1.3x10^6
	if j+3 < len(s) && s[j] == 'x' && s[j+1] == '1' && s[j+2] == '0' && s[j+3] == '^' {
		if e, x, ok := lexExponent(s, j+4); ok {
			v *= math.Pow(10, x)
			j = e
			plain = false
		}
	} else if j < len(s) && s[j] == '^' {
		if e, x, ok := lexExponent(s, j+1); ok {
			v = math.Pow(v, x)
			j = e
			plain = false
		}
	}
	if math.IsInf(v, 0) || math.IsNaN(v) {
		v = 0
	}
	*toks = append(*toks, token{kind: tNum, start: i, end: j, text: s[i:j], val: v, plain: plain,
		intLen: intLen, grouped: grouped, space: space})
	return j
}

// lexExponent reads an optionally signed integer exponent at i.
func lexExponent(s string, i int) (int, float64, bool) {
	e := i
	neg := false
	for e < len(s) && (s[e] == '+' || s[e] == '-') && e-i < 2 {
		if s[e] == '-' {
			neg = !neg
		}
		e++
	}
	d := e
	for d < len(s) && isDigit(s[d]) {
		d++
	}
	if d == e || d-e > 3 {
		return i, 0, false
	}
	x, _ := strconv.Atoi(s[e:d])
	if neg {
		x = -x
	}
	return d, float64(x), true
}

func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r != utf8.RuneError && unicode.IsLetter(r)
}

// lexGroups extends an integer part over thousands separators: commas
// ("1,234,567"), Indian grouping ("2,50,000") and spaces ("600 000").
// It writes the digits to b and returns the new end and whether any group
// was read.
func lexGroups(s string, i, j, intLen int, b *strings.Builder) (int, bool) {
	if intLen > 3 {
		return j, false
	}
	// comma groups, western or Indian
	if j < len(s) && s[j] == ',' {
		k := j
		var groups []string
		for k < len(s) && s[k] == ',' {
			d := k + 1
			for d < len(s) && isDigit(s[d]) {
				d++
			}
			n := d - k - 1
			if n != 2 && n != 3 {
				break
			}
			groups = append(groups, s[k+1:d])
			k = d
			if n == 3 {
				// a three-digit group ends an Indian run; a western run
				// continues only with more three-digit groups
				if k < len(s) && s[k] == ',' && k+4 <= len(s) && allDigits(s[k+1:k+4]) && (k+4 == len(s) || !isDigit(s[k+4])) {
					continue
				}
				break
			}
		}
		if len(groups) > 0 && len(groups[len(groups)-1]) == 3 && validGrouping(groups) {
			for _, g := range groups {
				b.WriteString(g)
			}
			return k, true
		}
		return j, false
	}
	// space groups: "600 000", "1 414 021 100"
	k := j
	n := 0
	for k < len(s) {
		r, size := utf8.DecodeRuneInString(s[k:])
		if !isGroupSpace(r) {
			break
		}
		d := k + size
		if d+3 > len(s) || !allDigits(s[d:d+3]) || (d+3 < len(s) && (isDigit(s[d+3]) || s[d+3] == ',' && d+4 < len(s) && isDigit(s[d+4]))) {
			break
		}
		b.WriteString(s[d : d+3])
		k = d + 3
		n++
	}
	if n > 0 {
		return k, true
	}
	return j, false
}

// validGrouping accepts all-three-digit groups (western) or two-digit groups
// followed by one final three-digit group (Indian).
func validGrouping(groups []string) bool {
	last := len(groups) - 1
	three := true
	for _, g := range groups[:last] {
		if len(g) != 3 {
			three = false
		}
	}
	if three {
		return true
	}
	for _, g := range groups[:last] {
		if len(g) != 2 {
			return false
		}
	}
	return true
}

func allDigits(s string) bool {
	for k := 0; k < len(s); k++ {
		if !isDigit(s[k]) {
			return false
		}
	}
	return len(s) > 0
}
