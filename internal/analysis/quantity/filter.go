package quantity

// wordFilter is a compact over-approximation of a set of words, checked
// before the set itself on hot paths: a word the filter rejects is
// certainly not in the set, a word it accepts still has to be looked up.
// Most words of running text are rejected by two shifts and a mask.
type wordFilter [16]uint64

// filterSlot hashes the length and the first, second and last bytes of a
// non-empty word into one of the filter's 1024 bits.
func filterSlot(w string) uint {
	h := uint(len(w))*0x9e37 ^ uint(w[0])*0x85eb ^ uint(w[len(w)-1])*0xc2b2
	if len(w) > 1 {
		h ^= uint(w[1]) * 0x27d4
	}
	return (h ^ h>>10) & 1023
}

// add puts w into the filter.
func (f *wordFilter) add(w string) {
	if w == "" {
		return
	}
	s := filterSlot(w)
	f[s>>6] |= 1 << (s & 63)
}

// mayHave reports whether w can be in the set; the empty word always can.
func (f *wordFilter) mayHave(w string) bool {
	if w == "" {
		return true
	}
	s := filterSlot(w)
	return f[s>>6]&(1<<(s&63)) != 0
}

// filterOf builds the filter of the keys of a set.
func filterOf[V any](sets ...map[string]V) *wordFilter {
	f := new(wordFilter)
	for _, m := range sets {
		for w := range m {
			f.add(w)
		}
	}
	return f
}

// Filters of the lexicon tables looked up for nearly every word near a
// number, and the screened lookups that use them.
var (
	smallFilter   = filterOf(smallNumbers)
	scaleFilter   = filterOf(scaleWords)
	ordinalFilter = filterOf(ordinalDenominators)
	dozenFilter   = filterOf(dozenWords)
)

// smallValue looks w up in smallNumbers.
func smallValue(w string) (float64, bool) {
	if !smallFilter.mayHave(w) {
		return 0, false
	}
	v, ok := smallNumbers[w]
	return v, ok
}

// scaleOf returns the value of a multiplier word, or 0.
func scaleOf(w string) float64 {
	if !scaleFilter.mayHave(w) {
		return 0
	}
	return scaleWords[w]
}

// ordinalDenominator looks w up in ordinalDenominators.
func ordinalDenominator(w string) (float64, bool) {
	if !ordinalFilter.mayHave(w) {
		return 0, false
	}
	d, ok := ordinalDenominators[w]
	return d, ok
}

// isDozen reports whether w is in dozenWords.
func isDozen(w string) bool {
	return dozenFilter.mayHave(w) && dozenWords[w]
}
