package quantity

import (
	"math"
	"math/bits"
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

// token is one lexical unit of the input with its byte span. Fields are
// ordered to keep the struct small: a token slice is the largest buffer a
// call allocates.
type token struct {
	start, end int
	text       string // input[start:end]
	low        string // lowercase form, for words

	// digit numbers only
	val    float64
	intLen int // number of digits before any decimal point

	kind    tokKind
	space   bool // whitespace (or the start of the input) precedes it
	plain   bool // digits only: no separator, decimal point or exponent
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

// ASCII byte classes for the tokenizer's fast path.
const (
	aOther uint8 = iota
	aSpace
	aDigit
	aUpper
	aLower
)

// asciiClass classifies every ASCII byte the way unicode.IsSpace and
// unicode.IsLetter classify the rune.
var asciiClass = func() (c [utf8.RuneSelf]uint8) {
	for _, b := range "\t\n\v\f\r " {
		c[b] = aSpace
	}
	for b := '0'; b <= '9'; b++ {
		c[b] = aDigit
	}
	for b := 'A'; b <= 'Z'; b++ {
		c[b] = aUpper
		c[b+'a'-'A'] = aLower
	}
	return c
}()

// tokensFor estimates how many tokens s holds, so that the token slice is
// allocated once in the common case.
func tokensFor(s string) int { return len(s)/4 + 16 }

// tokenize splits s into tokens, appended to toks. It never fails: bytes
// that are not valid UTF-8 become one-byte symbol tokens. lowText is s with
// its ASCII capitals lowercased, or "" to have it made when first needed.
func tokenize(s, lowText string, toks []token) []token {
	if n := tokensFor(s); cap(toks)-len(toks) < n {
		toks = append(make([]token, 0, len(toks)+n), toks...)
	}
	if len(lowText) != len(s) {
		lowText = ""
	}
	space := true
	i := 0
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch asciiClass[c] {
			case aSpace:
				space = true
				i++
				continue
			case aDigit:
				i = lexNumber(s, i, &toks, space)
			case aUpper, aLower:
				j, ascii := wordEnd(s, i)
				w := s[i:j]
				low := w
				switch {
				case !ascii:
					low = lower(w)
				case lowText != "":
					low = lowText[i:j]
				case hasUpper(w):
					lowText = asciiLower(s)
					low = lowText[i:j]
				}
				toks = addToken(toks, tWord, i, j, w, low, space)
				i = j
			default:
				if c == '.' && i+1 < len(s) && isDigit(s[i+1]) && (space || i == 0) {
					i = lexNumber(s, i, &toks, space)
					break
				}
				toks = addToken(toks, tSym, i, i+1, s[i:i+1], "", space)
				i++
			}
			space = false
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r != utf8.RuneError && (unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f' || r == '\u200b'):
			space = true
			i += size
			continue
		case r != utf8.RuneError && unicode.IsLetter(r):
			j, _ := wordEnd(s, i)
			w := s[i:j]
			toks = addToken(toks, tWord, i, j, w, lower(w), space)
			i = j
		default:
			toks = addToken(toks, tSym, i, i+size, s[i:i+size], "", space)
			i += size
		}
		space = false
	}
	return toks
}

// addToken appends a word or symbol token, writing its fields in place.
func addToken(toks []token, kind tokKind, start, end int, text, low string, space bool) []token {
	n := len(toks)
	if n < cap(toks) {
		toks = toks[:n+1]
	} else {
		toks = append(toks, token{})
	}
	t := &toks[n]
	t.start, t.end, t.text, t.low = start, end, text, low
	t.val, t.intLen = 0, 0
	t.kind, t.space, t.plain, t.grouped, t.dotted = kind, space, false, false, false
	return toks
}

// addNumber appends a digit number token, writing its fields in place.
func addNumber(toks []token, start, end int, text string, val float64, intLen int, space, plain, grouped, dotted bool) []token {
	toks = addToken(toks, tNum, start, end, text, "", space)
	t := &toks[len(toks)-1]
	t.val, t.intLen = val, intLen
	t.plain, t.grouped, t.dotted = plain, grouped, dotted
	return toks
}

// wordEnd returns the end of the word whose first letter is at i: letters
// and marks, with apostrophes kept between letters ("don't"). It also
// reports whether the word is all ASCII.
func wordEnd(s string, i int) (end int, ascii bool) {
	ascii = true
	j := i
	for j < len(s) {
		// letters eight at a time, up to the first byte that is not one
		for j+8 <= len(s) {
			if m := nonLetters(load64(s, j)); m != 0 {
				j += bits.TrailingZeros64(m) >> 3
				break
			}
			j += 8
		}
		if j >= len(s) {
			break
		}
		c := s[j]
		if asciiLetter[c] {
			j++
			continue
		}
		if c < utf8.RuneSelf {
			if c == '\'' && j+1 < len(s) && isLetterAt(s, j+1) {
				j++
				continue
			}
			break
		}
		r, sz := utf8.DecodeRuneInString(s[j:])
		if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r)) {
			ascii = false
			j += sz
			continue
		}
		if r == '\u2019' && j+sz < len(s) && isLetterAt(s, j+sz) {
			ascii = false
			j += sz
			continue
		}
		break
	}
	return j, ascii
}

// load64 reads the eight bytes of s from i as a little-endian word.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// nonLetters has the high bit of each byte of x set where that byte is
// not an ASCII letter, and every other bit clear.
func nonLetters(x uint64) uint64 {
	const ones = 0x0101010101010101
	low7 := (x | 0x20*ones) &^ (0x80 * ones) // capitals folded to lowercase
	ge := low7 + (0x80-'a')*ones             // high bit set where >= 'a'
	gt := low7 + (0x80-'z'-1)*ones           // high bit set where > 'z'
	return ^(ge &^ gt &^ x) & (0x80 * ones)
}

// asciiLetter marks the bytes that are ASCII letters.
var asciiLetter = func() (t [256]bool) {
	for c := 'A'; c <= 'Z'; c++ {
		t[c], t[c+'a'-'A'] = true, true
	}
	return t
}()

// hasUpper reports whether s holds an ASCII capital letter.
func hasUpper(s string) bool {
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= 'A' && c <= 'Z' {
			return true
		}
	}
	return false
}

// asciiLower returns s with the ASCII capitals lowercased and every other
// byte unchanged, so that it keeps the byte offsets of s.
func asciiLower(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	from := 0
	for k := 0; k < len(s); k++ {
		if c := s[k]; c >= 'A' && c <= 'Z' {
			b.WriteString(s[from:k])
			b.WriteByte(c + 'a' - 'A')
			from = k + 1
		}
	}
	b.WriteString(s[from:])
	return b.String()
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
				*toks = addToken(*toks, tSym, j, j+1, ".", "", false)
				j++
				continue
			}
			e := j
			for e < k && isDigit(s[e]) {
				e++
			}
			v, _ := strconv.ParseFloat(s[j:e], 64)
			*toks = addNumber(*toks, j, e, s[j:e], v, e-j, space && first, true, false, true)
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
	grouped := false
	plain := true
	if intLen > 0 {
		j, grouped, intLen = lexGroups(s, i, j, intLen)
		if grouped {
			plain = false
		}
	}
	// decimal part
	if j+1 < len(s) && s[j] == '.' && isDigit(s[j+1]) {
		j++
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		plain = false
	}
	v := digitValue(s[i:j], grouped)
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
	*toks = addNumber(*toks, i, j, s[i:j], v, intLen, space, plain, grouped, false)
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
// It returns the new end, whether any group was read and the number of
// digits in the integer part.
func lexGroups(s string, i, j, intLen int) (int, bool, int) {
	if intLen > 3 {
		return j, false, intLen
	}
	// comma groups, western or Indian
	if j < len(s) && s[j] == ',' {
		k := j
		digits := intLen
		groups, last := 0, 0
		// the grouping is valid when the groups before the last one all
		// have three digits (western) or all have two (Indian)
		three, two := true, true
		for k < len(s) && s[k] == ',' {
			d := k + 1
			for d < len(s) && isDigit(s[d]) {
				d++
			}
			n := d - k - 1
			if n != 2 && n != 3 {
				break
			}
			if groups > 0 {
				three = three && last == 3
				two = two && last == 2
			}
			groups++
			last = n
			digits += n
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
		if groups > 0 && last == 3 && (three || two) {
			return k, true, digits
		}
		return j, false, intLen
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
		k = d + 3
		n++
	}
	if n > 0 {
		return k, true, intLen + 3*n
	}
	return j, false, intLen
}

// digitValue returns the value of a number written with digits, an
// optional decimal part and, when grouped, thousands separators between
// the integer digits. Separators are skipped; the result is what
// strconv.ParseFloat gives for the digits alone, and 0 when that fails.
func digitValue(num string, grouped bool) float64 {
	if !grouped && len(num) <= 15 && allDigits(num) {
		// integers of up to 15 digits are exact in a float64
		var n uint64
		for k := 0; k < len(num); k++ {
			n = n*10 + uint64(num[k]-'0')
		}
		return float64(n)
	}
	if !grouped {
		v, err := strconv.ParseFloat(num, 64)
		if err != nil {
			return 0
		}
		return v
	}
	// integers of up to 15 digits are exact in a float64
	var n uint64
	digits := 0
	exact := true
	for k := 0; k < len(num); k++ {
		c := num[k]
		if isDigit(c) {
			n = n*10 + uint64(c-'0')
			digits++
		} else if c == '.' {
			exact = false
			break
		}
	}
	if exact && digits <= 15 {
		return float64(n)
	}
	buf := make([]byte, 0, len(num))
	for k := 0; k < len(num); k++ {
		if c := num[k]; isDigit(c) || c == '.' {
			buf = append(buf, c)
		}
	}
	v, err := strconv.ParseFloat(string(buf), 64)
	if err != nil {
		return 0
	}
	return v
}

func allDigits(s string) bool {
	for k := 0; k < len(s); k++ {
		if !isDigit(s[k]) {
			return false
		}
	}
	return len(s) > 0
}
