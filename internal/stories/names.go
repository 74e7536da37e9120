package stories

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// BetterName reports whether a is a better display name than b for one
// entity (names with one EntityKey): the more capitalised spelling, as
// proper names are written ("Fire Service" over "fire service"), then the
// longer, then the first in byte order. It is a strict total order, so
// the name an entity ends up with does not depend on which article came
// first.
func BetterName(a, b string) bool {
	if ca, cb := capitals(a), capitals(b); ca != cb {
		return ca > cb
	}
	if len(a) != len(b) {
		return len(a) > len(b)
	}
	return a < b
}

// capitals counts the words of s that start with a capital letter.
func capitals(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			n++
		}
	}
	return n
}
