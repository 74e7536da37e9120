package quantity

// Lexicon of English number words. The tables are filled once at package
// initialisation and only read afterwards.

// smallNumbers maps units, teens and tens to their value.
var smallNumbers = map[string]float64{
	"zero": 0, "nought": 0, "naught": 0, "oh": 0,
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
	"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90,
}

// scaleWords maps multiplier words, written out or abbreviated, to their
// value. Abbreviations are only read after a number.
var scaleWords = map[string]float64{
	"thousand": 1e3, "thousands": 1e3, "million": 1e6, "millions": 1e6,
	"billion": 1e9, "billions": 1e9, "trillion": 1e12, "trillions": 1e12,
	"lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
}

// scaleAbbrev are short multipliers written after digits, with or without a
// space: "2bn", "10k", "3.5 mln". Case matters for single letters, see
// suffixScale.
var scaleAbbrev = map[string]float64{
	"k": 1e3, "K": 1e3, "thsd": 1e3,
	"M": 1e6, "MM": 1e6, "mm": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6, "mio": 1e6,
	"b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "G": 1e9,
	"tn": 1e12, "trn": 1e12, "tln": 1e12, "tr": 1e12, "T": 1e12,
}

// ordinalDenominators maps ordinal words used as fraction denominators
// ("two thirds", "a hundredth") to the denominator. "first" and "second"
// only count inside compounds ("twenty-first"), see parseDenominator.
var ordinalDenominators = map[string]float64{
	"half": 2, "halves": 2, "quarter": 4, "quarters": 4,
	"third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
	"tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
	"sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
	"seventieth": 70, "eightieth": 80, "ninetieth": 90,
	"hundredth": 100, "thousandth": 1e3, "millionth": 1e6, "billionth": 1e9, "trillionth": 1e12,
}

// unitOrdinals are the ordinals that can close a compound ("twenty-first").
var unitOrdinals = map[string]float64{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9,
}

// ordinalWords are ordinals that are never numbers on their own.
var ordinalWords = map[string]bool{
	"first": true, "second": true, "third": true, "fourth": true, "fifth": true, "sixth": true,
	"seventh": true, "eighth": true, "ninth": true, "tenth": true, "eleventh": true, "twelfth": true,
	"last": true, "next": true, "previous": true,
}

// unicodeFractions maps vulgar fraction characters to their value.
var unicodeFractions = map[string]float64{
	"½": 0.5, "⅓": 1.0 / 3, "⅔": 2.0 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅖": 0.4, "⅗": 0.6,
	"⅘": 0.8, "⅙": 1.0 / 6, "⅚": 5.0 / 6, "⅛": 0.125, "⅜": 0.375, "⅝": 0.625, "⅞": 0.875,
	"⅐": 1.0 / 7, "⅑": 1.0 / 9, "⅒": 0.1,
}

// vagueWords are plural magnitudes that name no definite amount when they
// stand alone ("thousands of people").
var vagueWords = map[string]float64{
	"hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9, "trillions": 1e12,
	"dozens": 12, "scores": 20, "tens": 10, "lakhs": 1e5, "crores": 1e7,
}

// vagueQuantifiers before a magnitude word make it vague: "several hundred",
// "a few thousand".
var vagueQuantifiers = map[string]bool{
	"several": true, "few": true, "many": true, "some": false,
}

// dozenWords multiply by twelve.
var dozenWords = map[string]bool{"dozen": true, "dozens": true, "dz": true, "dzs": true, "doz": true, "dozs": true}

// parseDenominator reads an ordinal denominator at token k: "fifths",
// "quarter", "twenty-first", "thirty fifths". It returns the denominator, the
// token index after it, and whether the word was plural.
func parseDenominator(toks []token, k int) (float64, int, bool) {
	if k >= len(toks) || toks[k].kind != tWord {
		return 0, k, false
	}
	w := toks[k].low
	if v, ok := smallValue(w); ok && v >= 20 && int(v)%10 == 0 {
		// tens followed by a unit ordinal: "twenty-first", "thirty fifths"
		n := k + 1
		if n < len(toks) && isHyphen(toks[n]) {
			n++
		}
		if n < len(toks) && toks[n].kind == tWord {
			base, plural := singularOrdinal(toks[n].low)
			if u, ok := unitOrdinals[base]; ok {
				return v + u, n + 1, plural
			}
		}
		return 0, k, false
	}
	base, plural := singularOrdinal(w)
	if d, ok := ordinalDenominator(base); ok {
		return d, k + 1, plural
	}
	if w == "halves" {
		return 2, k + 1, true
	}
	return 0, k, false
}

// singularOrdinal strips a plural "s" from an ordinal word.
func singularOrdinal(w string) (string, bool) {
	if len(w) > 3 && w[len(w)-1] == 's' {
		return w[:len(w)-1], true
	}
	return w, false
}

// isHyphen reports whether t is a hyphen or a dash used like one.
func isHyphen(t token) bool {
	return t.kind == tSym && (t.text == "-" || t.text == "\u2010" || t.text == "\u2011")
}

// isDash reports whether t can join the two ends of a range.
func isDash(t token) bool {
	return t.kind == tSym && (t.text == "-" || t.text == "\u2010" || t.text == "\u2011" ||
		t.text == "\u2012" || t.text == "\u2013" || t.text == "\u2014" || t.text == "~" || t.text == "\u2212")
}
