package quantity

import (
	"math"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func f(v float64) *float64 { return &v }

// want describes one expected number; nil bounds mean "no bound".
type want struct {
	text   string
	value  float64
	low    *float64
	high   *float64
	approx bool
	unit   string
	kind   Kind
}

func checkNumber(t *testing.T, in string, got Number, w want) {
	t.Helper()
	if got.Text != w.text {
		t.Errorf("%q: text %q, want %q", in, got.Text, w.text)
		return
	}
	if math.Abs(got.Value-w.value) > 1e-6*math.Max(1, math.Abs(w.value)) {
		t.Errorf("%q: %q value %v, want %v", in, w.text, got.Value, w.value)
	}
	if !sameBound(got.Low, w.low) || !sameBound(got.High, w.high) {
		t.Errorf("%q: %q bounds %v/%v, want %v/%v", in, w.text, ptr(got.Low), ptr(got.High), ptr(w.low), ptr(w.high))
	}
	if got.Approximate != w.approx {
		t.Errorf("%q: %q approximate %v, want %v", in, w.text, got.Approximate, w.approx)
	}
	if got.Unit != w.unit {
		t.Errorf("%q: %q unit %q, want %q", in, w.text, got.Unit, w.unit)
	}
	if got.Kind != w.kind {
		t.Errorf("%q: %q kind %v, want %v", in, w.text, got.Kind, w.kind)
	}
}

func ptr(p *float64) any {
	if p == nil {
		return "nil"
	}
	return *p
}

func TestFindNumbers(t *testing.T) {
	cases := []struct {
		in   string
		want []want
	}{
		{"The ministry said 2,400 volunteers arrived.", []want{{"2,400", 2400, nil, nil, false, "", Cardinal}}},
		{"Officials counted 600 000 visitors and 2,50,000 pilgrims.", []want{
			{"600 000", 600000, nil, nil, false, "", Cardinal}, {"2,50,000", 250000, nil, nil, false, "", Cardinal}}},
		{"The fund holds 3.75 million barrels.", []want{{"3.75 million", 3750000, nil, nil, false, "barrel", Volume}}},
		{"It pledged $4 billion and €7bn in loans.", []want{
			{"$4 billion", 4e9, nil, nil, false, "USD", Money}, {"€7bn", 7e9, nil, nil, false, "EUR", Money}}},
		{"The club paid £450m for the site.", []want{{"£450m", 4.5e8, nil, nil, false, "GBP", Money}}},
		{"Fines of 10,000 Swiss francs and 300 € were paid, and shares rose 50 cents.", []want{
			{"10,000", 10000, nil, nil, false, "CHF", Money}, {"300", 300, nil, nil, false, "EUR", Money},
			{"50", 50, nil, nil, false, "cent", Money}}},
		{"The mill shipped 16,000 metric tons, and the field holds 0.9 trillion cubic feet.", []want{
			{"16,000", 16000, nil, nil, false, "tonne", Weight}, {"0.9 trillion", 9e11, nil, nil, false, "cu ft", Volume}}},
		{"Officials sent 1500 polling stations new ballots.", []want{{"1500", 1500, nil, nil, false, "", Cardinal}}},
		{"Eskom needs R40bn, and fuel costs R17.85 a litre.", []want{{"R40bn", 4e10, nil, nil, false, "ZAR", Money},
			{"R17.85", 17.85, nil, nil, false, "ZAR", Money}}},
		{"The fine was RM120,000, or KSh 2.4 billion.", []want{{"RM120,000", 120000, nil, nil, false, "MYR", Money},
			{"KSh 2.4 billion", 2.4e9, nil, nil, false, "KES", Money}}},
		{"Seoul set aside KRW 2 trillion for it.", []want{{"KRW 2 trillion", 2e12, nil, nil, false, "KRW", Money}}},
		{"A plot sold for 9 lakh rupees.", []want{{"9 lakh", 900000, nil, nil, false, "INR", Money}}},
		{"Twelve thousand fans and a dozen players came.", []want{
			{"Twelve thousand", 12000, nil, nil, false, "", Cardinal}, {"a dozen", 12, nil, nil, false, "", Cardinal}}},
		{"Prices fell by one-quarter over the period.", []want{{"one-quarter", 0.25, nil, nil, false, "", Fraction}}},
		{"Thirty-seven ships docked.", []want{{"Thirty-seven", 37, nil, nil, false, "", Cardinal}}},
		{"Between 2,000 and 3,000 workers walked out.", []want{
			{"2,000 and 3,000", 2000, f(2000), f(3000), false, "", Cardinal}}},
		{"Police estimated 7,000-9,000 marchers.", []want{{"7,000-9,000", 7000, f(7000), f(9000), false, "", Cardinal}}},
		{"They expect 40 to 50 boats.", []want{{"40 to 50", 40, f(40), f(50), false, "", Cardinal}}},
		{"It may take three or four weeks.", []want{{"three or four", 3, f(3), f(4), false, "week", Duration}}},
		{"Growth of between 2% and 3% is forecast.", []want{{"2% and 3%", 2, f(2), f(3), false, "percent", Percent}}},
		{"More than 900 homes and up to 40 schools were hit.", []want{
			{"900", 900, f(900), nil, false, "", Cardinal}, {"40", 40, nil, f(40), false, "", Cardinal}}},
		{"At least 14 sailors and as many as 30 fishermen.", []want{
			{"14", 14, f(14), nil, false, "", Cardinal}, {"30", 30, nil, f(30), false, "", Cardinal}}},
		{"Roughly 250 firms and nearly 70 banks, an estimated 5,000 clients.", []want{
			{"250", 250, nil, nil, true, "", Cardinal}, {"70", 70, nil, nil, true, "", Cardinal},
			{"5,000", 5000, nil, nil, true, "", Cardinal}}},
		{"Costs exceeded 80 euros.", []want{{"80", 80, f(80), nil, false, "EUR", Money}}},
		{"Turnout rose 7 percent, or seven per cent, and 1.5 percentage points.", []want{
			{"7", 7, nil, nil, false, "percent", Percent}, {"seven", 7, nil, nil, false, "percent", Percent},
			{"1.5", 1.5, nil, nil, false, "percentage point", Percent}}},
		{"The trek lasted 19 months and covered 420 km, or 260 miles.", []want{
			{"19", 19, nil, nil, false, "month", Duration}, {"420", 420, nil, nil, false, "km", Distance},
			{"260", 260, nil, nil, false, "mile", Distance}}},
		{"A six-week pause and a four-and-a-half-year term.", []want{
			{"six-week", 6, nil, nil, false, "week", Duration}, {"four-and-a-half-year", 4.5, nil, nil, false, "year", Duration}}},
		{"The mission ran two-and-a-half years.", []want{{"two-and-a-half", 2.5, nil, nil, false, "year", Duration}}},
	}
	for _, c := range cases {
		got := Find(c.in)
		if len(got) != len(c.want) {
			var texts []string
			for _, q := range got {
				texts = append(texts, q.Text)
			}
			t.Errorf("%q: got %d figures %q, want %d", c.in, len(got), texts, len(c.want))
			continue
		}
		for i, w := range c.want {
			checkNumber(t, c.in, got[i].Number, w)
		}
	}
}

func TestNotFigures(t *testing.T) {
	for _, in := range []string{
		"The law was passed in 1998.",
		"Talks began on March 3 and ended 9 June 2021.",
		"The vote closes at 18:45 or 7 p.m. local time.",
		"She finished 31st, the second time this year.",
		"The G20 summit discussed Resolution 1540 and the F-35.",
		"One of the engineers left.",
		"That was one reason to stay.",
		"Thousands of people and tens of thousands of others marched.",
		"Several hundred shops and dozens of cafes closed.",
		"Output doubled, twice the level, three times higher.",
		"Visit https://example.org/page?id=42%20x for details.",
		"Drivers on route R40 and section R2 were warned.",
		"The 2019 general elections were close.",
		"Voters at polling station 212 waited for the Boeing 737 while the FTSE 100 fell.",
		"The iPhone 15 launch came before Game 7.",
	} {
		if got := Find(in); len(got) != 0 {
			var texts []string
			for _, q := range got {
				texts = append(texts, q.Text+"/"+q.Kind.String())
			}
			t.Errorf("%q: got figures %q, want none", in, texts)
		}
	}
}

func TestSubjects(t *testing.T) {
	cases := []struct {
		in, text, subject, head string
	}{
		{"Rescuers evacuated 2,300 elderly residents from the valley.", "2,300", "elderly residents", "resident"},
		{"About 45 Ukrainian border guards were detained.", "45", "Ukrainian border guards", "guard"},
		{"Some 70 women and children remained trapped.", "70", "women and children", "woman"},
		{"The storm left 3,100 families homeless.", "3,100", "families", "family"},
		{"Health officials reported 18 deaths on Friday.", "18", "deaths", "death"},
		{"The company will cut 1,800 positions, the filing said.", "1,800", "positions", "position"},
		{"Observers counted 4,000 people, though organisers claimed 9,000.", "9,000", "people", "person"},
		{"The army deployed three battalions of 800 soldiers each.", "three", "battalions", "battalion"},
		{"The army deployed three battalions of 800 soldiers each.", "800", "soldiers", "soldier"},
		{"The number of displaced families rose to 5,200.", "5,200", "displaced families", "family"},
		{"The wounded numbered more than 260.", "260", "wounded", "wounded"},
		{"The board will trim its advisory panel by one-half.", "one-half", "its advisory panel", "panel"},
		{"Shares closed at $18.20.", "$18.20", "dollars", "dollar"},
		{"Inflation hit 9%.", "9%", "percent", "percent"},
		{"A nine-month delay followed.", "nine-month", "month", "month"},
		{"Some 300 of them stayed.", "300", "", ""},
	}
	for _, c := range cases {
		var got *Quantity
		for _, q := range Find(c.in) {
			if q.Text == c.text {
				q := q
				got = &q
				break
			}
		}
		if got == nil {
			t.Errorf("%q: %q not found", c.in, c.text)
			continue
		}
		if got.Subject != c.subject || got.Head != c.head {
			t.Errorf("%q: %q subject %q head %q, want %q / %q", c.in, c.text, got.Subject, got.Head, c.subject, c.head)
		}
		if got.SubjectStart >= 0 && c.in[got.SubjectStart:got.SubjectEnd] != got.Subject {
			t.Errorf("%q: subject offsets do not match %q", c.in, got.Subject)
		}
	}
}

// checkOffsets verifies the invariants every returned span must keep.
func checkOffsets(t *testing.T, in string, n Number) {
	t.Helper()
	if n.Start < 0 || n.End > len(in) || n.Start >= n.End {
		t.Fatalf("%q: bad span %d-%d", in, n.Start, n.End)
	}
	if n.Text != in[n.Start:n.End] {
		t.Fatalf("%q: text %q != input[%d:%d]", in, n.Text, n.Start, n.End)
	}
	if n.ModStart < 0 || n.ModStart > n.Start {
		t.Fatalf("%q: bad modifier start %d", in, n.ModStart)
	}
	for _, o := range []int{n.Start, n.End, n.ModStart} {
		if !onBoundary(in, o) {
			t.Fatalf("%q: offset %d splits a rune", in, o)
		}
	}
}

// onBoundary reports whether o is where a rune starts when in is decoded
// from the beginning (invalid bytes decode as one-byte runes).
func onBoundary(in string, o int) bool {
	for i := 0; i <= len(in); {
		if i == o {
			return true
		}
		if i > o || i == len(in) {
			return false
		}
		_, size := utf8.DecodeRuneInString(in[i:])
		i += size
	}
	return false
}

func FuzzNumbers(f *testing.F) {
	for _, s := range []string{"more than 1,500 troops", "between 4% and 5%", "$2.5bn", "two-and-a-half years",
		"\xff12,000\x80", "1.1^23", "– 1 4/5", "six million and two thirds", "192.168.1.2", "10:30 p.m."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		prev := 0
		for _, n := range Numbers(in) {
			checkOffsets(t, in, n)
			if n.ModStart < prev {
				t.Fatalf("%q: overlapping or unordered numbers", in)
			}
			prev = n.End
		}
	})
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"Some 8,000 of them were in Kursk.", "The dead might number 20,000.",
		"cut its staff by one-third", "\xe2\x82 5 %", "a third country", "from 62 to 65 years"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		found := Find(in)
		if lowered := FindLowered(in, asciiLower(in)); !reflect.DeepEqual(found, lowered) {
			t.Fatalf("%q: FindLowered gives %+v, Find %+v", in, lowered, found)
		}
		for _, q := range found {
			checkOffsets(t, in, q.Number)
			if q.SubjectStart >= 0 {
				if q.SubjectEnd > len(in) || q.SubjectStart > q.SubjectEnd || in[q.SubjectStart:q.SubjectEnd] != q.Subject ||
					!onBoundary(in, q.SubjectStart) || !onBoundary(in, q.SubjectEnd) {
					t.Fatalf("%q: bad subject span", in)
				}
			}
		}
	})
}

func BenchmarkFind(b *testing.B) {
	text := strings.Repeat("Officials said more than 1,500 North Korean troops and about $2.5 billion in aid, "+
		"between 4% and 5% of the budget, had been sent since October 8, 2024, a three-month effort. ", 20)
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		Find(text)
	}
}
