package analysis

import (
	"math/rand"
	"testing"
)

// TestASCIILower checks the eight-bytes-at-a-time lowercasing against the
// plain byte loop.
func TestASCIILower(t *testing.T) {
	ref := func(s string) string {
		b := []byte(s)
		for i, c := range b {
			if c >= 'A' && c <= 'Z' {
				b[i] = c + 'a' - 'A'
			}
		}
		return string(b)
	}
	rng := rand.New(rand.NewSource(1))
	for n := 0; n < 50000; n++ {
		b := make([]byte, rng.Intn(40))
		for i := range b {
			b[i] = byte(rng.Intn(256))
			if rng.Intn(3) == 0 {
				b[i] = byte('A' + rng.Intn(26))
			}
		}
		if got, want := asciiLower(string(b)), ref(string(b)); got != want {
			t.Fatalf("asciiLower(%q) = %q, want %q", b, got, want)
		}
	}
}

// TestAlnumEnd checks the eight-bytes-at-a-time scan against a byte loop.
func TestAlnumEnd(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for n := 0; n < 50000; n++ {
		b := make([]byte, rng.Intn(30))
		for i := range b {
			switch rng.Intn(3) {
			case 0:
				b[i] = byte(rng.Intn(256))
			case 1:
				b[i] = "aZ09mM"[rng.Intn(6)]
			default:
				b[i] = "/:@[`{\x80\xc1 .,'"[rng.Intn(12)]
			}
		}
		s := string(b)
		for i := 0; i <= len(s); i++ {
			want := i
			for want < len(s) && (s[want] >= 'a' && s[want] <= 'z' || s[want] >= 'A' && s[want] <= 'Z' || s[want] >= '0' && s[want] <= '9') {
				want++
			}
			if got := alnumEnd(s, i); got != want {
				t.Fatalf("alnumEnd(%q, %d) = %d, want %d", s, i, got, want)
			}
		}
	}
}
