package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	flags uint32
}

// Token flags are set once per token from one lexicon look-up, so the hot
// loops test bits instead of hashing the word again for every word list.
const (
	fAnnotated   uint32 = 1 << iota // flags below are valid
	fCue                            // an attribution cue form
	fGazFirst                       // some gazetteer phrase starts with it
	fHedge                          // a hedge word
	fSignal                         // matters to status: hedge, confirm, dismissal, show...
	fConcept                        // a claim concept word
	fAux                            // an auxiliary or adverb between subject and verb
	fRole                           // heads a speaker description: minister, agency...
	fModifier                       // may modify a speaker description: senior, deputy...
	fGroup                          // an unnamed group: experts, officials...
	fClass                          // an organisation type: ministry, newspaper...
	fTitle                          // a title before a name: President, Mr...
	fStopCap                        // capitalised but not a name: The, Monday...
	fOrgWord                        // makes a name an organisation: Council, Times...
	fPlaceWord                      // makes a name a place: Sea, Oblast...
	fNumStart                       // may begin a number: three, half, percent...
	fNumAfterArt                    // may begin a number after "a": third, million...
)

// is reports whether the token has all the flags f.
func (t token) is(f uint32) bool { return t.flags&f == f }

// tokenize splits text (which starts at byte offset base in the body) into
// tokens.
func tokenize(text string, base int) []token {
	return tokenizeInto(make([]token, 0, len(text)/5+4), text, base)
}

// tokenizeInto appends the tokens of text to toks, so a caller can reuse
// one buffer for a whole article.
func tokenizeInto(toks []token, text string, base int) []token {
	i := 0
	for i < len(text) {
		if c := text[i]; c == ' ' || c == '\n' || c == '\t' || c == '\r' {
			i++
			continue
		}
		r, w := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += w
			continue
		}
		if !isWordRune(r) {
			toks = append(toks, mkToken(text, i, i+w, base))
			i += w
			continue
		}
		j := i + w
		for j < len(text) {
			if c := text[j]; c < 0x80 {
				if (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') {
					j++
					continue
				}
			}
			r2, w2 := utf8.DecodeRuneInString(text[j:])
			if isWordRune(r2) {
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
		toks = append(toks, mkToken(text, i, j, base))
		// possessive
		if j < len(text) {
			r2, w2 := utf8.DecodeRuneInString(text[j:])
			if (r2 == '\'' || r2 == '\u2019') && isPossessiveAt(text, j+w2) {
				toks = append(toks, mkToken(text, j, j+w2+1, base))
				j += w2 + 1
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
	if r < 0x80 {
		return (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func mkToken(text string, i, j, base int) token {
	s := text[i:j]
	r, _ := utf8.DecodeRuneInString(s)
	up := r >= 'A' && r <= 'Z'
	if r >= 0x80 {
		up = unicode.IsUpper(r)
	}
	return token{
		text:  s,
		lower: normWord(s),
		start: base + i,
		end:   base + j,
		word:  isWordRune(r),
		cap:   up,
	}
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
