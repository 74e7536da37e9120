package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/analysis/quantity"
)

// sentence is one sentence of the body. Offsets are bytes into the body;
// they become code point offsets only when the Analysis is built, so every
// stage can slice the body directly.
type sentence struct {
	start, end int
	text       string
	toks       []token
	// quantities found by the figure stage, with body byte spans
	found  []quantity.Quantity
	quants []span
}

// segmenter splits a body into sentences. It is a stage of its own so the
// rules for abbreviations, quotes and headline lines live in one place.
type segmenter struct {
	abbrev map[string]bool
}

// newSegmenter builds a segmenter from the abbreviation list.
func newSegmenter(abbrevs []string) *segmenter {
	m := make(map[string]bool, len(abbrevs))
	for _, a := range abbrevs {
		m[strings.ToLower(strings.TrimSuffix(a, "."))] = true
	}
	return &segmenter{abbrev: m}
}

// split returns the sentences of body in order. Line breaks always end a
// sentence (headlines and datelines stand on their own lines); otherwise a
// sentence ends at . ! or ? followed by optional closing quotes or brackets,
// whitespace, and something that can start a sentence.
func (s *segmenter) split(body string) []sentence {
	return s.splitInto(make([]sentence, 0, len(body)/80+2), body)
}

// splitInto is split appending to out, so a caller can reuse a buffer.
func (s *segmenter) splitInto(out []sentence, body string) []sentence {
	lineStart := 0
	for lineStart <= len(body) {
		// a line continues on the next one when it stops mid-sentence and
		// the next line starts in lower case (a hard-wrapped paragraph)
		lineEnd := lineStart
		for {
			nl := strings.IndexByte(body[lineEnd:], '\n')
			if nl < 0 {
				lineEnd = len(body)
				break
			}
			lineEnd += nl
			if !continues(body, lineStart, lineEnd) {
				break
			}
			lineEnd++
		}
		out = s.splitLine(body, lineStart, lineEnd, out)
		if lineEnd >= len(body) {
			break
		}
		lineStart = lineEnd + 1
	}
	return out
}

// continues reports whether the line [start, nl) runs on after the line
// break at nl.
func continues(body string, start, nl int) bool {
	last := strings.TrimRight(body[start:nl], " \t\r")
	if last == "" || nl+1 >= len(body) {
		return false
	}
	switch last[len(last)-1] {
	case '.', '!', '?', ':', '"':
		return false
	}
	r, _ := utf8.DecodeRuneInString(body[nl+1:])
	return unicode.IsLower(r)
}

func (s *segmenter) splitLine(body string, from, to int, out []sentence) []sentence {
	start := from
	i := from
	for i < to {
		// the terminators are ASCII, so a byte search finds the same
		// ones as decoding rune by rune
		k := strings.IndexAny(body[i:to], ".!?")
		if k < 0 {
			break
		}
		i += k
		r := rune(body[i])
		end := i + 1
		// absorb repeated terminators and closing quotes/brackets
		for end < to {
			r2, w2 := utf8.DecodeRuneInString(body[end:])
			if r2 == '.' || r2 == '!' || r2 == '?' || isCloseQuote(r2) || r2 == ')' || r2 == ']' {
				end += w2
				continue
			}
			break
		}
		if end < to {
			r2, _ := utf8.DecodeRuneInString(body[end:])
			if !unicode.IsSpace(r2) {
				i = end
				continue
			}
		}
		// next non-space character must plausibly start a sentence
		j := end
		for j < to {
			r2, w2 := utf8.DecodeRuneInString(body[j:])
			if !unicode.IsSpace(r2) {
				break
			}
			j += w2
		}
		if j < to {
			r2, _ := utf8.DecodeRuneInString(body[j:])
			if !(unicode.IsUpper(r2) || unicode.IsDigit(r2) || isOpenQuote(r2) || r2 == '(' || r2 == '[' || r2 == '\u2013' || r2 == '-') {
				i = end
				continue
			}
		}
		if r == '.' && s.isAbbrev(body, from, i) && j < to {
			i = end
			continue
		}
		out = appendSentence(body, start, end, out)
		start = end
		i = end
	}
	return appendSentence(body, start, to, out)
}

// isAbbrev reports whether the period at dot closes an abbreviation or an
// initial rather than a sentence.
func (s *segmenter) isAbbrev(body string, lineStart, dot int) bool {
	k := dot
	for k > lineStart {
		r, w := utf8.DecodeLastRuneInString(body[:k])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		k -= w
	}
	word := body[k:dot]
	if word == "" {
		return false
	}
	if strings.Contains(word, ".") { // U.S. / e.g.
		return true
	}
	if utf8.RuneCountInString(word) == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	v, _ := lookupLower(s.abbrev, word)
	return v
}

func appendSentence(body string, start, end int, out []sentence) []sentence {
	for start < end {
		r, w := utf8.DecodeRuneInString(body[start:])
		if !unicode.IsSpace(r) {
			break
		}
		start += w
	}
	for end > start {
		r, w := utf8.DecodeLastRuneInString(body[:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= w
	}
	if end <= start {
		return out
	}
	return append(out, sentence{start: start, end: end, text: body[start:end]})
}

func isCloseQuote(r rune) bool {
	switch r {
	case '"', '\'', '\u201d', '\u2019', '\u00bb':
		return true
	}
	return false
}

func isOpenQuote(r rune) bool {
	switch r {
	case '"', '\'', '\u201c', '\u2018', '\u00ab':
		return true
	}
	return false
}
