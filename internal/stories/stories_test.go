package stories

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
)

func TestEntityKeyFoldsSpellings(t *testing.T) {
	same := []string{"Volodymyr Zelenskyy", "Volodymyr Zelensky", "Volodymyr Zelenskiy", "volodymyr  ZELENSKYY"}
	want := EntityKey(same[0], domain.KindPerson)
	for _, n := range same[1:] {
		if got := EntityKey(n, domain.KindPerson); got != want {
			t.Errorf("EntityKey(%q) = %q, want %q", n, got, want)
		}
	}
	if EntityKey("José Álvarez", domain.KindPerson) != EntityKey("Jose Alvarez", domain.KindPerson) {
		t.Error("accents should not split one person")
	}
	if EntityKey("Vladimir Putin", domain.KindPerson) == EntityKey("Vladimir Zelensky", domain.KindPerson) {
		t.Error("two people share a key")
	}
}

func TestSeriesKeySplitsAndJoins(t *testing.T) {
	nkRussia := domain.Measure{Class: "troop", Owner: "North Korea", Place: "russia", Event: "present"}
	k1, label := SeriesKey(nkRussia, "")
	if label != "North Korea's troops in Russia" && label == "" {
		t.Errorf("label %q", label)
	}
	nkRussia.OwnerDemonym = "North Korean"
	k2, label2 := SeriesKey(nkRussia, "kursk")
	if k1 != k2 {
		t.Errorf("the topic changed a key that has an owner: %q vs %q", k1, k2)
	}
	if label2 != "North Korean troops in Russia" {
		t.Errorf("label = %q", label2)
	}
	kursk, _ := SeriesKey(domain.Measure{Class: "troop", Owner: "North Korea", Place: "kursk", Region: true, Event: "present"}, "")
	planned, _ := SeriesKey(domain.Measure{Class: "troop", Owner: "North Korea", Place: "ukraine", Event: "planned"}, "")
	planned2, _ := SeriesKey(domain.Measure{Class: "troop", Owner: "North Korea", Event: "planned"}, "")
	killed, _ := SeriesKey(domain.Measure{Class: "person", Owner: "North Korea", Event: "casualty"}, "")
	if k1 == kursk || k1 == planned || k1 == killed || planned == killed {
		t.Errorf("distinct quantities share keys: %q %q %q %q", k1, kursk, planned, killed)
	}
	if planned != planned2 {
		t.Errorf("a plan's destination split it: %q vs %q", planned, planned2)
	}
	toll, tl := SeriesKey(domain.Measure{Class: "person", Event: "dead"}, "derna")
	toll2, _ := SeriesKey(domain.Measure{Class: "person", Event: "dead", Place: "derna", Region: true}, "derna")
	if toll == "" || toll != toll2 || tl != "Derna death toll" {
		t.Errorf("toll keys %q %q label %q", toll, toll2, tl)
	}
	if k, _ := SeriesKey(domain.Measure{Class: "year"}, ""); k != "" {
		t.Errorf("a figure with nothing to tie it got key %q", k)
	}
	if k, _ := SeriesKey(domain.Measure{Class: "duration", Owner: "Russia"}, ""); k != "" {
		t.Errorf("a duration of no event got key %q", k)
	}
}

func TestConflicts(t *testing.T) {
	day := time.Date(2024, 10, 20, 0, 0, 0, 0, time.UTC)
	f := func(v float64) *float64 { return &v }
	a := Observation{Source: 1, Value: 12000, At: day}
	cases := []struct {
		name string
		b    Observation
		want bool
	}{
		{"different values, two sources, same week", Observation{Source: 2, Value: 3000, At: day.AddDate(0, 0, 3)}, true},
		{"a lower bound that holds", Observation{Source: 2, Value: 10000, Low: f(10000), At: day}, false},
		{"an upper bound below", Observation{Source: 2, Value: 8000, High: f(8000), At: day}, true},
		{"a range that holds", Observation{Source: 2, Value: 10000, Low: f(10000), High: f(12000), At: day}, false},
		{"the same source", Observation{Source: 1, Value: 3000, At: day}, false},
		{"the article's own voice", Observation{Value: 3000, At: day}, false},
		{"a month later", Observation{Source: 2, Value: 3000, At: day.AddDate(0, 1, 0)}, false},
		{"rounding of an approximate figure", Observation{Source: 2, Value: 11000, Approximate: true, At: day}, false},
	}
	for _, c := range cases {
		if got := Conflicts(a, c.b); got != c.want {
			t.Errorf("%s: Conflicts = %v, want %v", c.name, got, c.want)
		}
		if got := Conflicts(c.b, a); got != c.want {
			t.Errorf("%s (swapped): Conflicts = %v, want %v", c.name, got, c.want)
		}
	}
	months := Observation{Source: 1, Value: 31, Scale: DurationScale("month"), At: day}
	years := Observation{Source: 2, Value: 2.5, Scale: DurationScale("year"), At: day}
	if Conflicts(months, years) {
		t.Error("31 months contradicts two and a half years")
	}
}

func TestAnnotateClaimsFromFiguresAndAnaphora(t *testing.T) {
	an := domain.Analysis{
		Statements: []domain.FoundStatement{
			{Span: domain.Span{Start: 0, End: 40}},
			{Span: domain.Span{Start: 41, End: 80}, Frame: domain.Frame{Anaphoric: true}},
			{Span: domain.Span{Start: 81, End: 120}, Frame: domain.Frame{Predicate: "deploy", Owner: "North Korea", Place: "kursk"}},
		},
		Figures: []domain.FoundFigure{{Span: domain.Span{Start: 10, End: 15}, Statement: 0,
			Measure: domain.Measure{Class: "troop", Owner: "North Korea", Place: "russia", Event: "present"}}},
	}
	Annotate(&an)
	s := an.Statements
	if s[0].ClaimKey == "" || s[0].ClaimKey != s[1].ClaimKey {
		t.Errorf("a denial of 'the reports' should join the claim before it: %q vs %q", s[0].ClaimKey, s[1].ClaimKey)
	}
	if s[2].ClaimKey == s[0].ClaimKey || s[2].ClaimText != "North Korea has sent troops to Kursk" {
		t.Errorf("Kursk claim %q (%q) vs %q", s[2].ClaimKey, s[2].ClaimText, s[0].ClaimKey)
	}
	if an.Figures[0].SeriesKey == "" {
		t.Error("figure got no series")
	}
}

func TestAnnotateReferencesAndJudgementsJoinTheMainProposition(t *testing.T) {
	deploy := domain.Frame{Predicate: "deploy", Owner: "Iran"}
	an := domain.Analysis{
		Topic: "syria",
		Statements: []domain.FoundStatement{
			{Span: domain.Span{Start: 0, End: 10}, Frame: deploy},
			{Span: domain.Span{Start: 11, End: 20}, Frame: domain.Frame{Predicate: "deploy", Owner: "Iran", Place: "aleppo"}},
			{Span: domain.Span{Start: 21, End: 30}, Frame: deploy},
			{Span: domain.Span{Start: 31, End: 40}, Frame: domain.Frame{Predicate: "casualty", Owner: "Syria"}},
			// "rejected the reports": the story's proposition, not the last one
			{Span: domain.Span{Start: 41, End: 50}, Frame: domain.Frame{Anaphoric: true}},
			// "was a dangerous escalation", said of the deployment
			{Span: domain.Span{Start: 51, End: 60}, Frame: domain.Frame{Predicate: "escalation", Owner: "Turkey"}},
			// "there had been deaths in the fighting": no actor named
			{Span: domain.Span{Start: 61, End: 70}, Frame: domain.Frame{Predicate: "combat"}},
		},
	}
	Annotate(&an)
	s := an.Statements
	if s[4].ClaimKey != s[0].ClaimKey {
		t.Errorf("a reference joined %q, want the main proposition %q", s[4].ClaimKey, s[0].ClaimKey)
	}
	if s[5].ClaimKey != "escalation|iran|" {
		t.Errorf("judgement key %q, want it about the main actor", s[5].ClaimKey)
	}
	if s[6].ClaimKey != "combat|iran|" {
		t.Errorf("unowned key %q, want the main actor before the topic", s[6].ClaimKey)
	}
}

// TestConflictingLongSeries: in a long timeline given out of order, a
// contradiction between two reports a few days apart is found, and values
// that differ only across months are not one.
func TestConflictingLongSeries(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	var obs []Observation
	for d := 300; d >= 0; d-- { // a count that grows steadily, newest first
		obs = append(obs, Observation{Source: int64(1 + d%2), Value: float64(1000 + d), At: day(d)})
	}
	if Conflicting(slices.Clone(obs)) {
		t.Fatal("a steadily growing count conflicts")
	}
	obs = append(obs, Observation{Source: 3, Value: 20000, At: day(150)})
	if !Conflicting(obs) {
		t.Fatal("a report far off its neighbours of the same days does not conflict")
	}
}

// TestAnnotateFallbackClaims: statements outside every frame still get a
// claim: the count of the quantity their figure measures, else their own
// words, so that two articles reporting either join one claim.
func TestAnnotateFallbackClaims(t *testing.T) {
	annotate := func(sentence string, content domain.Span, fig bool) domain.FoundStatement {
		an := domain.Analysis{Topic: "nouadhibou", Statements: []domain.FoundStatement{{
			Text: sentence, Span: domain.Span{Start: 0, End: len(sentence)}, Content: content}}}
		if fig {
			an.Figures = []domain.FoundFigure{{Statement: 0, Span: domain.Span{Start: 0, End: 3},
				Measure: domain.Measure{Class: "person", Place: "nouadhibou", Event: "aboard"}}}
		}
		Annotate(&an)
		return an.Statements[0]
	}
	a := annotate("The agency said 163 people had been on board.", domain.Span{Start: 21, End: 45}, true)
	b := annotate("A charity said 212 people had been on board.", domain.Span{Start: 15, End: 43}, true)
	if a.ClaimKey == "" || a.ClaimKey != b.ClaimKey || !strings.HasPrefix(a.ClaimText, "Count: ") {
		t.Errorf("two counts of one quantity: %q (%q) vs %q", a.ClaimKey, a.ClaimText, b.ClaimKey)
	}
	c := annotate("Engineers said the river bridge will reopen in May.", domain.Span{Start: 15, End: 50}, false)
	d := annotate("The mayor denied that the river bridge would reopen in May.", domain.Span{Start: 16, End: 58}, false)
	if c.ClaimKey == "" || c.ClaimKey != d.ClaimKey {
		t.Errorf("one clause in other tenses: %q vs %q", c.ClaimKey, d.ClaimKey)
	}
	if c.ClaimText != "The river bridge will reopen in May" {
		t.Errorf("claim text %q", c.ClaimText)
	}
	e := annotate("The mayor said the tunnel will reopen in May.", domain.Span{Start: 14, End: 44}, false)
	if e.ClaimKey == c.ClaimKey {
		t.Errorf("another subject joined the claim: %q", e.ClaimKey)
	}
}

func TestBetterNameIsATotalOrder(t *testing.T) {
	names := []string{"fire service", "Fire Service", "Fire service", "Zelensky", "Zelenskyy", "Zelenskiy"}
	for _, a := range names {
		if BetterName(a, a) {
			t.Errorf("BetterName(%q, %q) is true", a, a)
		}
		for _, b := range names {
			if a != b && BetterName(a, b) == BetterName(b, a) {
				t.Errorf("BetterName(%q, %q) and its converse agree", a, b)
			}
		}
	}
	if !BetterName("Fire Service", "fire service") || !BetterName("Zelenskyy", "Zelensky") {
		t.Error("the capitalised, fuller spelling should win")
	}
}

func TestSeriesKeyOfAdditionsAndParts(t *testing.T) {
	if k, _ := SeriesKey(domain.Measure{Class: "person", Place: "peru", Event: "added"}, ""); k != "" {
		t.Errorf("an addition got the key %q", k)
	}
	part, label := SeriesKey(domain.Measure{Class: "bridge", Place: "kenya", Event: "part"}, "")
	whole, _ := SeriesKey(domain.Measure{Class: "bridge", Place: "kenya"}, "")
	if part == "" || part == whole {
		t.Errorf("part %q and whole %q", part, whole)
	}
	if label != "Share of bridges in Kenya" {
		t.Errorf("label %q", label)
	}
	if _, label := SeriesKey(domain.Measure{Class: "person", Place: "peru", Event: "identified"}, ""); label != "People identified in Peru" {
		t.Errorf("label %q", label)
	}
}

// TestAnaphoraWithoutMainProposition: with no frame in the article, "they
// rejected the accusation" answers the claim put forward just before.
func TestAnaphoraWithoutMainProposition(t *testing.T) {
	first := "Residents said the council had ignored the warnings."
	second := "The council rejected the accusation."
	an := domain.Analysis{Statements: []domain.FoundStatement{
		{Text: first, Span: domain.Span{Start: 0, End: len(first)}, Content: domain.Span{Start: 15, End: len(first) - 1}},
		{Text: second, Span: domain.Span{Start: len(first) + 1, End: len(first) + 1 + len(second)},
			Frame: domain.Frame{Anaphoric: true}},
	}}
	Annotate(&an)
	if k := an.Statements[0].ClaimKey; k == "" || an.Statements[1].ClaimKey != k {
		t.Errorf("claims %q and %q, want the denial to join", k, an.Statements[1].ClaimKey)
	}
}
