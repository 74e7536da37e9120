package quantity

import (
	"math/rand"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// TestMayHoldAddress checks that the quick test never rules out text in
// which blockedTokens finds an address.
func TestMayHoldAddress(t *testing.T) {
	parts := []string{"www", "WwW", ".", "://", ":", "/", "@", " ", "a", "example", "com", "12", "-", "x"}
	rng := rand.New(rand.NewSource(1))
	ruledOut := 0
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(8); k >= 0; k-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		s := b.String()
		if mayHoldAddress(s) {
			continue
		}
		if blockedTokensFull(tokenize(s, "", nil)) != nil {
			t.Fatalf("mayHoldAddress rules out %q", s)
		}
		ruledOut++
	}
	if ruledOut == 0 {
		t.Fatal("no text was ruled out")
	}
}

// blockedTokensFull is blockedTokens without the quick test: the text it
// is given always passes.
func blockedTokensFull(toks []token) []bool {
	return blockedTokens("@", toks, nil)
}

// TestWordEnd checks the word scanner against a byte-by-byte reference.
func TestWordEnd(t *testing.T) {
	ref := func(s string, i int) int {
		j := i
		for j < len(s) {
			c := s[j]
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
				j++
				continue
			}
			if c < 0x80 {
				if c == '\'' && j+1 < len(s) && isLetterAt(s, j+1) {
					j++
					continue
				}
				break
			}
			r, sz := utf8.DecodeRuneInString(s[j:])
			if r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsMark(r)) || r == '\u2019' && j+sz < len(s) && isLetterAt(s, j+sz) {
				j += sz
				continue
			}
			break
		}
		return j
	}
	parts := []string{"a", "Z", "word", "Words", "'", "\u2019", "é", " ", "1", "@", "[", "`", "{", "\x80", "\xc0", "-", "\u0301"}
	rng := rand.New(rand.NewSource(2))
	for n := 0; n < 50000; n++ {
		var b strings.Builder
		for k := rng.Intn(12); k >= 0; k-- {
			b.WriteString(parts[rng.Intn(len(parts))])
		}
		s := b.String()
		for i := 0; i < len(s); i++ {
			if got, _ := wordEnd(s, i); got != ref(s, i) {
				t.Fatalf("wordEnd(%q, %d) = %d, want %d", s, i, got, ref(s, i))
			}
		}
	}
}
