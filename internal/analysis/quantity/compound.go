package quantity

import "math"

// Units written around a number in ways other than a plain word after it:
// an amount completed by a smaller unit ("5 feet 2 inches", "3 dollars 50
// cents"), a unit in brackets ("20 (kg)"), an inch mark ("a 10" pen") and
// degrees that measure an angle rather than a temperature.

// minorUnit is the smaller unit that may complete an amount in a larger
// one, and how many of it make one of the larger.
type minorUnit struct {
	words map[string]bool
	per   float64
}

var (
	inchUnit  = minorUnit{set("in", "inch", "inches", "\"", "″"), 12}
	ounceUnit = minorUnit{set("oz", "ounce", "ounces"), 16}
	centUnit  = minorUnit{set("cent", "cents", "pence", "penny"), 100}
)

// minorOf returns the smaller unit that can complete an amount of a.
func minorOf(a *atom) (minorUnit, bool) {
	switch {
	case a.kind == Distance && a.unit == "ft":
		return inchUnit, true
	case a.kind == Weight && a.unit == "lb":
		return ounceUnit, true
	case a.kind == Money && !subunits[a.unit]:
		return centUnit, true
	}
	return minorUnit{}, false
}

// bareMinorFollower reports whether token k, after a number with no unit,
// lets that number be the smaller unit of the amount before it: the end,
// punctuation or a function word ("15 dollars 50 more"). Other words may be
// what the number counts ("15 dollars and 50 people").
func bareMinorFollower(toks []token, k int) bool {
	if k >= len(toks) {
		return true
	}
	t := &toks[k]
	if t.kind == tSym {
		switch t.text {
		case ".", ",", ";", "!", "?", ")", "]":
			return true
		}
		return false
	}
	return t.kind == tWord && stopWords[t.low] && t.low != "of"
}

// readMinorUnit extends a whole amount over a smaller unit that completes
// it: "5 feet 2 inches", "12 ft 2 in", "thirteen dollars and forty-five
// cents". The smaller unit may be left out when the larger one is written
// after the number and nothing else follows: "15 dollars 50".
func readMinorUnit(toks []token, a *atom) {
	if a.scaled || a.fraction || a.val != math.Trunc(a.val) {
		return
	}
	minor, ok := minorOf(a)
	if !ok {
		return
	}
	j := a.te
	if a.unitS >= 0 {
		j = a.ue
	}
	and := j < len(toks) && toks[j].low == "and"
	if and {
		if betweenBefore(toks, a.ts) {
			return // "between 20 dollars and 30" is a range
		}
		j++
	}
	if j >= len(toks) || toks[j].kind == tSym || !toks[j].space {
		return
	}
	p, ok := parseCardinal(toks, j)
	if !ok || p.scaled || p.fraction || p.val <= 0 || p.val >= minor.per || p.val != math.Trunc(p.val) ||
		p.digitsOnly && !toks[j].plain {
		return
	}
	end := p.e
	switch {
	case end < len(toks) && (minor.words[toks[end].low] || toks[end].kind == tSym && minor.words[toks[end].text]):
		end++
	case a.unitS < 0 || !bareMinorFollower(toks, end) || glued(toks, end) && toks[end].kind != tSym:
		return // "10 lira 11a": a code follows
	}
	if a.val < 0 {
		a.val -= p.val / minor.per
	} else {
		a.val += p.val / minor.per
	}
	a.te, a.ue = end, end
}

// betweenBefore reports whether "between" comes just before the number at
// token ts, or before a modifier word in front of it.
func betweenBefore(toks []token, ts int) bool {
	for j := ts - 1; j >= 0 && j >= ts-2; j-- {
		if toks[j].low == "between" {
			return true
		}
	}
	return false
}

// closingBrackets pair the brackets a unit can be written in.
var closingBrackets = map[string]string{"(": ")", "[": "]", "{": "}", "<": ">"}

// bracketedUnit reads a unit in brackets right after the number, as tables
// and specifications write it: "20 (kg)", "3.5 [m]".
func bracketedUnit(toks []token, a *atom, k int) bool {
	if k+2 >= len(toks) || toks[k+1].kind != tWord || !glued(toks, k+1) || !glued(toks, k+2) {
		return false
	}
	if c := closingBrackets[toks[k].text]; c == "" || toks[k+2].text != c {
		return false
	}
	u, ok := unitWords[toks[k+1].low]
	if !ok {
		return false
	}
	a.kind, a.unit = u.kind, u.unit
	a.unitS, a.unitE, a.ue = toks[k+1].start, toks[k+1].end, k+3
	return true
}

// dimensionWords after an inch mark show that the mark measures: "a 10"
// long pen", "a 65" screen".
var dimensionWords = set("long", "wide", "tall", "high", "deep", "thick", "across", "diagonal",
	"screen", "display", "monitor", "tv", "television", "wheels", "rims", "x")

// inchMark reads inches written with a mark after the number: always for
// the double prime ("10″"), and for a straight double quote only before a
// word of size ("10" long"), as the quote more often closes a quotation.
func inchMark(toks []token, a *atom, k int) bool {
	t := &toks[k]
	switch {
	case t.text == "″":
	case t.text == "\"" && k+1 < len(toks) && dimensionWords[toks[k+1].low]:
	default:
		return false
	}
	a.kind, a.unit = Distance, "inch"
	a.unitS, a.unitE, a.ue = t.start, t.end, k+1
	return true
}

// angleBefore are the words that, shortly before a number of degrees, show
// it measures an angle: "rotate 90 degrees", "turn left 45 degrees".
var angleBefore = set("rotate", "rotated", "rotates", "rotating", "rotation", "turn", "turned", "turns",
	"turning", "tilt", "tilted", "tilts", "tilting", "pivot", "pivoted", "swivel", "swivelled",
	"banked", "incline", "inclined", "leaning", "spin", "spun", "angle", "angled")

// angleAfter are the words that, right after a number of degrees, show it
// measures an angle: "a 45-degree angle", "30 degrees latitude". Compass
// points and "left" stay out: "40 degrees left crops scorched".
var angleAfter = set("angle", "angles", "turn", "turns", "rotation", "arc", "bend", "slope", "incline",
	"tilt", "latitude", "longitude", "clockwise", "counterclockwise", "anticlockwise")

// angleByContext makes a number of degrees with no temperature scale an
// angle when the words around it are about turning or direction.
func angleByContext(toks []token, a *atom) {
	if a.kind != Temperature || a.unit != "degree" {
		return
	}
	after := a.te
	if a.ue > after {
		after = a.ue
	}
	if after < len(toks) && angleAfter[toks[after].low] {
		a.kind, a.unit = Angle, "degree"
		return
	}
	for j := a.ts - 1; j >= 0 && j >= a.ts-3; j-- {
		if toks[j].kind == tSym && toks[j].text != "-" {
			break
		}
		if angleBefore[toks[j].low] {
			a.kind, a.unit = Angle, "degree"
			return
		}
	}
}
