// Package quantity recognises numeric expressions in English news text and
// decides which of them are figures: cardinal quantities that count or
// measure something, together with their bounds, approximation, unit and the
// thing counted.
//
// Everything here is pure and deterministic: the functions read their input
// only, keep no state between calls and never panic, whatever the input
// (invalid UTF-8 included). All offsets are byte offsets into the input and
// always fall on rune boundaries.
package quantity

// Kind says what a Number measures, or why it is not a measurement at all.
// The analysis pipeline uses it to tell figures from years, dates and labels
// without re-parsing the text.
type Kind uint8

// The kinds a Number can have. Cardinal to Temperature are measurements that can
// be figures; Year and the kinds after it are recognised so that they can be
// rejected (Find never returns them).
const (
	Cardinal    Kind = iota // a plain count: "1,500 troops", "four brigades"
	Fraction                // a proportion written as a fraction: "one-third", "3/4", "one in five"
	Percent                 // "5%", "5 percent", "2 percentage points"
	Money                   // an amount with a currency: "$2 billion", "KRW 1 trillion"
	Duration                // "31 months", "three-month"
	Distance                // "50 km", "30 miles"
	Weight                  // "20 kg", "3 tonnes"
	Area                    // "40 hectares", "10 sq km"
	Volume                  // "5 litres", "180ml"
	Speed                   // "50 km/h", "20 knots"
	Data                    // an amount of information or a data rate: "256GB", "16-bit", "100 Mbps"
	Power                   // "10kW", "1,200 megawatts", "300 hp"
	Energy                  // "5 kWh", "2.4 TWh", "800 joules"
	Frequency               // "15kHz", "2.4 GHz"
	Angle                   // "0.8 rad", "a 45-degree angle"
	Temperature             // "40 degrees", "5°C"
	Year                    // a calendar year or decade: "2014", "in 2024", "1990s"
	Date                    // a day of the month or a numeric date: "October 8", "5/17/2018"
	Time                    // a time of day: "10:30", "3 p.m."
	Identifier              // a number that names something: "G7", "Su-35", "Resolution 2231"
	Multiplier              // a factor: "three times", "10-fold"
	Vague                   // no definite value: "thousands", "dozens of", "a percentage"
)

var kindNames = [...]string{
	Cardinal: "cardinal", Fraction: "fraction", Percent: "percent", Money: "money",
	Duration: "duration", Distance: "distance", Weight: "weight", Area: "area",
	Volume: "volume", Speed: "speed", Data: "data", Power: "power", Energy: "energy",
	Frequency: "frequency", Angle: "angle", Temperature: "temperature", Year: "year",
	Date: "date", Time: "time", Identifier: "identifier", Multiplier: "multiplier",
	Vague: "vague",
}

// String names the kind in lowercase, for logs and tests.
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "unknown"
}

// Measure reports whether numbers of this kind count or measure something,
// i.e. whether they can be figures at all.
func (k Kind) Measure() bool { return k <= Temperature }

// Dimension reports whether the kind is a physical measurement with a unit
// (distance, weight, area, volume, speed, data, power, energy, frequency,
// angle, temperature).
func (k Kind) Dimension() bool { return k >= Distance && k <= Temperature }

// Number is a numeric expression as written in the text, before deciding
// whether it is a figure. It is the raw layer that Find builds on, and what
// third-party number recognisers are measured against.
type Number struct {
	// Text is the expression exactly as written (Text == input[Start:End]).
	// Currency symbols and codes written before the number and "%" stay in
	// it ("$240.35", "5%", "KRW 1 trillion"), as do multiplier words
	// ("1.5 million"). A range spans both ends ("10,000-12,000",
	// "4% and 5%"). Modifiers such as "more than" are not part of it.
	Text       string
	Start, End int // byte offsets of Text in the input, half-open

	// Value is the normalised number; for a range, the low end.
	Value float64
	// Low and High are the bounds given by the text: a range sets both,
	// "more than" and the like set Low, "up to" and the like set High,
	// "equal to" sets both to the value.
	Low, High *float64
	// Range is true when the text gives an interval with two ends
	// ("10,000-12,000", "between 4% and 5%", "one or two").
	Range bool
	// Approximate is set by hedges such as "about", "some", "nearly".
	Approximate bool
	// Unit is the normalised unit: an ISO 4217 code for money ("USD"),
	// "percent", "percentage point", "basis point", or a measurement unit
	// ("km", "kg", "month", "year"); "" for plain counts.
	Unit string
	// Kind says what the number measures, or why it is not a figure.
	Kind Kind
	// ModStart is where a bounding or hedging modifier ("more than",
	// "about", "between") starts; equal to Start when there is none.
	ModStart int
	// UnitStart and UnitEnd locate the unit word when it is written after
	// the number ("months" in "31 months", "month" in "three-month",
	// "percent" in "5 percent"); both are -1 when there is none.
	UnitStart, UnitEnd int
}

// Quantity is a Number that counts or measures something, together with the
// thing it counts. It is what the analysis pipeline turns into a figure.
type Quantity struct {
	Number
	// Subject is the counted thing as written: "North Korean soldiers",
	// "special forces personnel"; "dollars" for US money, "percent" for
	// percentages, the unit for durations and measurements ("month" for
	// "three-month"). Empty when nothing could be found.
	Subject string
	// SubjectStart and SubjectEnd locate Subject in the input when it is a
	// substring of it; both are -1 otherwise.
	SubjectStart, SubjectEnd int
	// Head is the head noun of Subject, lowercase and singular: "soldier",
	// "personnel", "person" for "people", "life" for "lives".
	Head string
}
