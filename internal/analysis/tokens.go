package analysis

import (
	"encoding/binary"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// token is a word, number or punctuation mark with byte offsets into the
// body. Possessive endings are split off as their own token ("Korea" "’s")
// so that the country before them can be recognised.
type token struct {
	text  string
	lower string // lowercased, curly apostrophes made straight
	start int
	end   int
	word  bool // letters or digits
	cap   bool // starts with an upper-case letter
	// gzLim and gzN remember the gazetteer look-up from this token (see
	// gazetteer.match): with phrases of up to gzLim tokens allowed, the
	// longest match has gzN tokens (0: none). gzLim is 0 until sought.
	gzLim, gzN int8
	flags      uint32
}

// Token flags are set once per token from one lexicon look-up, so the hot
// loops test bits instead of hashing the word again for every word list.
const (
	fAnnotated    uint32 = 1 << iota // flags below are valid
	fCue                             // an attribution cue form
	fGazFirst                        // some gazetteer phrase starts with it
	fHedge                           // a hedge word
	fSignal                          // matters to status: hedge, confirm, dismissal, show...
	fConcept                         // a claim concept word
	fAux                             // an auxiliary or adverb between subject and verb
	fRole                            // heads a speaker description: minister, agency...
	fModifier                        // may modify a speaker description: senior, deputy...
	fGroup                           // an unnamed group: experts, officials...
	fClass                           // an organisation type: ministry, newspaper...
	fTitle                           // a title before a name: President, Mr...
	fStopCap                         // capitalised but not a name: The, Monday...
	fOrgWord                         // makes a name an organisation: Council, Times...
	fPlaceWord                       // makes a name a place: Sea, Oblast...
	fNumStart                        // may begin a number: three, half, percent...
	fNumAfterArt                     // may begin a number after "a": third, million...
	fPersonRole                      // a role held by a person: minister, analyst...
	fBe                              // a form of "be"
	fPronoun                         // a personal pronoun
	fNameParticle                    // a lower-case particle inside names: de, van, bin...
	fSourceNoun                      // names a source of figures: statement, tally...
	fNumberWord                      // a small number word: two, three... dozens
	fPreposition                     // a preposition
	fPerfectAux                      // has, have, had
	fSourceAdj                       // qualifies a source: preliminary, latest...
	fNotVerb                         // a conjunction or relative word, never a verb
	fClauseAux                       // an auxiliary that starts a new clause
	fListed                          // the word is in one of the lexicon's lists
	fFrame                           // the word is in a list of the frame stage, or starts a phrase there
	fDocument                        // a document that can carry what it reports: indictment, draft...
)

// is reports whether the token has all the flags f.
func (t token) is(f uint32) bool { return t.flags&f == f }

// tokenize splits text (which starts at byte offset base in the body) into
// tokens.
func tokenize(text string, base int) []token {
	return tokenizeInto(make([]token, 0, len(text)/5+4), text, "", base)
}

// tokenizeInto appends the tokens of text to toks, so a caller can reuse
// one buffer for a whole article. low is text with its ASCII capitals
// lowercased (see asciiLower), or "": ASCII words then take their lowercase
// form from it instead of allocating one each.
func tokenizeInto(toks []token, text, low string, base int) []token {
	if len(low) != len(text) {
		low = ""
	}
	i := 0
	for i < len(text) {
		if c := text[i]; c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		if c := text[i]; c < utf8.RuneSelf && !isWordRune(rune(c)) {
			if c == '\v' || c == '\f' {
				i++ // the other ASCII white space
				continue
			}
			toks = appendToken(toks, text, low, i, i+1, base, true)
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		if !isWordRune(r) {
			toks = appendToken(toks, text, low, i, i+w, base, r < utf8.RuneSelf)
			i += w
			continue
		}
		j := i + w
		ascii := r < utf8.RuneSelf // whether text[i:j] is all ASCII
		for j < len(text) {
			if j = alnumEnd(text, j); j >= len(text) {
				break
			}
			if c := text[j]; c < 0x80 {
				if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
					j++
					continue
				}
				if c != '-' && c != '.' && c != '\'' && c != ',' {
					break // any other ASCII character ends the word
				}
			}
			r2, w2 := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r2) {
				ascii = ascii && r2 < utf8.RuneSelf
				j += w2
				continue
			}
			// keep inner hyphens, periods of abbreviations, apostrophes and
			// digit separators when a word character follows
			if r2 == '-' || r2 == '.' || r2 == '\'' || r2 == '\u2019' || r2 == ',' {
				if j+w2 < len(text) {
					r3, _ := utf8.DecodeRuneInString(text[j+w2:])
					if isWordRune(r3) {
						if r2 == ',' && !(unicode.IsDigit(lastRune(text[:j])) && unicode.IsDigit(r3)) {
							break
						}
						if r2 == '.' && !(unicode.IsDigit(r3) || (unicode.IsUpper(r3) && isAbbrevPart(text[i:j]))) {
							break
						}
						if (r2 == '\'' || r2 == '\u2019') && isPossessiveAt(text, j+w2) {
							break
						}
						ascii = ascii && r2 < utf8.RuneSelf
						j += w2
						continue
					}
				}
				// trailing period of an abbreviation such as "U.S."
				if r2 == '.' && strings.Contains(text[i:j], ".") && isAbbrevPart(text[i:j]) {
					j += w2
				}
			}
			break
		}
		toks = appendToken(toks, text, low, i, j, base, ascii)
		// possessive
		if j < len(text) && (text[j] == '\'' || text[j] >= utf8.RuneSelf) {
			r2, w2 := utf8.DecodeRuneInString(text[j:])
			if (r2 == '\'' || r2 == '\u2019') && isPossessiveAt(text, j+w2) {
				toks = appendToken(toks, text, low, j, j+w2+1, base, r2 < utf8.RuneSelf)
				j += w2 + 1
			} else if (r2 == '\'' || r2 == '\u2019') && j > i && (text[j-1] == 's' || text[j-1] == 'S') && pluralPossessiveAt(text, j+w2) {
				// "doctors' groups": the apostrophe alone marks the
				// possessive of a plural, read like "'s"
				toks = appendToken(toks, text, low, j, j+w2, base, r2 < utf8.RuneSelf)
				toks[len(toks)-1].lower = "'s"
				j += w2
			}
		}
		i = j
	}
	return toks
}

func isPossessiveAt(text string, k int) bool {
	if k >= len(text) || (text[k] != 's' && text[k] != 'S') {
		return false
	}
	if k+1 >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[k+1:])
	return !isWordRune(r)
}

// pluralPossessiveAt reports whether a lone apostrophe ending at k is
// followed by a space and a lowercase word, as in "farmers' groups"; before
// a capital it is part of a name ("Dock Workers' Union") and stays as it is.
func pluralPossessiveAt(text string, k int) bool {
	if k+1 >= len(text) || text[k] != ' ' {
		return false
	}
	r, _ := utf8.DecodeRuneInString(text[k+1:])
	return unicode.IsLower(r)
}

func isAbbrevPart(s string) bool {
	// "U" or "U.S" style: single letters separated by periods
	for _, p := range strings.Split(s, ".") {
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
	}
	return true
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func isWordRune(r rune) bool {
	if uint32(r) < utf8.RuneSelf {
		return asciiWord[r]
	}
	return isWordRuneWide(r)
}

// asciiWord marks the ASCII letters and digits.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
	}
	return t
}()

// isWordRuneWide is isWordRune for runes outside ASCII.
func isWordRuneWide(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// appendToken appends the token text[i:j] to toks, built in place; ascii
// reports whether text[i:j] is all ASCII.
func appendToken(toks []token, text, low string, i, j, base int, ascii bool) []token {
	if n := len(toks); n < cap(toks) {
		toks = toks[:n+1] // mkToken writes every field
	} else {
		toks = append(toks, token{})
	}
	mkToken(&toks[len(toks)-1], text, low, i, j, base, ascii)
	return toks
}

// mkToken fills t with the token text[i:j], which is all ASCII when ascii
// is true.
func mkToken(t *token, text, low string, i, j, base int, ascii bool) {
	s := text[i:j]
	var r rune
	var up bool
	lw := ""
	if ascii {
		c := s[0]
		r, up = rune(c), c >= 'A' && c <= 'Z'
		if low != "" {
			lw = low[i:j]
		} else {
			lw = normWord(s)
		}
	} else {
		r, _ = utf8.DecodeRuneInString(s)
		up = unicode.IsUpper(r)
		lw = normWord(s)
	}
	// field by field: a composite literal is copied in one block, which
	// costs a bulk write barrier while the collector runs
	t.text, t.lower = s, lw
	t.start, t.end = base+i, base+j
	t.word, t.cap = isWordRune(r), up
	t.gzLim, t.gzN, t.flags = 0, 0, 0
}

// normWord lowercases and straightens apostrophes so lexicon look-ups do not
// depend on typography.
func normWord(s string) string {
	plain, ascii := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			ascii, plain = false, false
			break
		}
		if c >= 'A' && c <= 'Z' {
			plain = false
		}
	}
	if plain {
		return s
	}
	if ascii {
		b := make([]byte, len(s))
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		return string(b)
	}
	return strings.ToLower(strings.ReplaceAll(s, "\u2019", "'"))
}

// alnumEnd returns the first offset from i at which text does not hold an
// ASCII letter or digit, reading eight bytes at a time while it can.
func alnumEnd(text string, i int) int {
	for i+8 <= len(text) {
		t := text[i : i+8]
		x := uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
			uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
		if m := nonAlnum(x); m != 0 {
			return i + bits.TrailingZeros64(m)>>3
		}
		i += 8
	}
	for i < len(text) && text[i] < utf8.RuneSelf && asciiWord[text[i]] {
		i++
	}
	return i
}

// nonAlnum has the high bit of each byte of x set where that byte is not
// an ASCII letter or digit, and every other bit clear.
func nonAlnum(x uint64) uint64 {
	const ones, high = 0x0101010101010101, 0x8080808080808080
	folded := (x | 0x20*ones) &^ high // capitals folded to lowercase
	letter := (folded + (0x80-'a')*ones) &^ (folded + (0x80-'z'-1)*ones)
	low7 := x &^ high
	digit := (low7 + (0x80-'0')*ones) &^ (low7 + (0x80-'9'-1)*ones)
	return ^((letter | digit) &^ x) & high
}

// isASCII reports whether s has no byte outside ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiLower returns s with its ASCII capital letters lowercased and every
// other byte unchanged, so that offsets into s hold for the result too.
func asciiLower(s string) string {
	k := 0
	for k+8 <= len(s) && upperMask(binary.LittleEndian.Uint64([]byte(s[k:k+8]))) == 0 {
		k += 8
	}
	for k < len(s) && !(s[k] >= 'A' && s[k] <= 'Z') {
		k++
	}
	if k == len(s) {
		return s
	}
	b := make([]byte, len(s))
	copy(b, s)
	// eight bytes at a time, then the rest one by one
	for ; k+8 <= len(b); k += 8 {
		x := binary.LittleEndian.Uint64(b[k:])
		if m := upperMask(x); m != 0 {
			binary.LittleEndian.PutUint64(b[k:], x|m>>2)
		}
	}
	for ; k < len(b); k++ {
		if c := b[k]; c >= 'A' && c <= 'Z' {
			b[k] = c + 'a' - 'A'
		}
	}
	// b is never written again, so it can back the string directly
	return unsafe.String(&b[0], len(b))
}

// upperMask has the high bit of each byte of x set where that byte is an
// ASCII capital letter, and every other bit clear; shifted right by two it
// is the bit that lowercases them.
func upperMask(x uint64) uint64 {
	const ones = 0x0101010101010101
	low7 := x &^ (0x80 * ones)
	ge := low7 + (0x80-'A')*ones   // high bit set where the byte is >= 'A'
	gt := low7 + (0x80-'Z'-1)*ones // high bit set where the byte is > 'Z'
	return ge &^ gt &^ x & (0x80 * ones)
}
