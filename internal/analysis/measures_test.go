package analysis

import (
	"testing"

	"github.com/factgraph/factgraph/internal/domain"
)

// measureOf analyses body and returns the measure of the figure written
// as text.
func measureOf(t *testing.T, title, body, text string) domain.Measure {
	t.Helper()
	an := New().Analyze(title, body)
	for _, f := range an.Figures {
		if f.Text == text {
			return f.Measure
		}
	}
	t.Fatalf("no figure %q in %+v", text, an.Figures)
	return domain.Measure{}
}

// TestMeasurePatterns checks what the frame stage reads a figure as
// measuring, on sentences written for the test.
func TestMeasurePatterns(t *testing.T) {
	tests := []struct {
		name, title, body, text string
		want                    domain.Measure
	}{
		{"workers counted as dead are a toll of people", "",
			"Police said 14 workers were killed when a warehouse collapsed in Chile.", "14",
			domain.Measure{Class: "person", Place: "chile", Event: "dead"}},
		{"the word that ends the subject is counted", "",
			"The ministry put the number of confirmed dead at 26 in Peru.", "26",
			domain.Measure{Class: "person", Place: "peru", Event: "dead"}},
		{"a toll in a town is the toll of the story's country", "",
			"Floods swept through Tarnow, Poland's officials said. At least 9 people died in Tarnow on Monday.", "9",
			domain.Measure{Class: "person", Place: "poland", Event: "dead"}},
		{"an owner's toll keeps no town", "",
			"Officials said 40 Iranian soldiers were killed in Aleppo.", "40",
			domain.Measure{Class: "person", Owner: "Iran", OwnerDemonym: "Iranian", Event: "dead"}},
		{"a part takes its own verb, not the whole's", "",
			"Engineers have inspected 35 of the 90 bridges in Kenya.", "35",
			domain.Measure{Class: "bridge", Event: "inspected"}},
		{"the whole is not governed by the part's verb", "",
			"Engineers have inspected 35 of the 90 bridges in Kenya.", "90",
			domain.Measure{Class: "bridge", Place: "kenya"}},
		{"a part with no verb of its own is a part", "",
			"The survey found cracks in 12 of the bridges checked, the agency said.", "12",
			domain.Measure{Class: "bridge", Event: "part"}},
		{"an addition is not a total", "",
			"Divers recovered 6 more bodies from the lake in Peru.", "6",
			domain.Measure{Class: "person", Event: "added"}},
		{"the nearest event word before a figure governs it", "",
			"The council ordered markets to close after a landslide killed 17 villagers in Nepal.", "17",
			domain.Measure{Class: "villager", Place: "nepal", Event: "dead"}},
		{"a named site is not a place", "",
			"Rescuers found 8 workers trapped at the Osorno Copper mine on Tuesday in Chile.", "8",
			domain.Measure{Class: "person", Place: "chile", Event: "missing"}},
		{"a source after according to is not a place", "",
			"Some 2,000 homes were damaged, according to Radio Ghana.", "2,000",
			domain.Measure{Class: "home"}},
		{"a killing participle is a death", "",
			"A tanker exploded near a market in Ghana on Sunday, killing 23 traders.", "23",
			domain.Measure{Class: "trader", Place: "ghana", Event: "dead"}},
		{"the toll of a dated, earlier disaster is its own", "",
			"It was the worst accident in Peru since the mine collapse of 2009, which killed 31 miners.", "31",
			domain.Measure{Class: "person", Place: "2009 peru", Event: "dead"}},
		{"a country that owns what follows a locative is an owner", "",
			"Officials in Kenya spoke of the drought three years into Somalia's crisis.", "three",
			domain.Measure{Class: "duration", Owner: "Somalia", OwnerDemonym: "Somali", Event: "crisis"}},
		{"jobs cut", "",
			"The carmaker said on Monday that it would cut 4,000 jobs in Brazil.", "4,000",
			domain.Measure{Class: "worker", Place: "brazil", Event: "cut"}},
		{"a length written as a modifier measures no running event", "",
			"Nurses in France began a two-day strike on Monday.", "two-day",
			domain.Measure{Class: "duration", Place: "france"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := measureOf(t, tt.title, tt.body, tt.text); got != tt.want {
				t.Errorf("measure %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestTopicIsTheMostMentionedLeadPlace checks that a lead naming a suburb
// before its town is about the town the article keeps naming.
func TestTopicIsTheMostMentionedLeadPlace(t *testing.T) {
	body := "A bridge collapsed in Sarnia, a district of Welland, on Friday. Traffic in Welland was halted for hours and schools in Welland closed."
	if got := New().Analyze("", body).Topic; got != "welland" {
		t.Errorf("topic %q, want welland", got)
	}
}

// TestRateNouns: a percentage measures the rate noun of its clause, so that
// two articles giving the same rate share a series.
func TestRateNouns(t *testing.T) {
	for _, body := range []string{
		"The ministry said vaccination coverage in Kenya reached 58%.",
		"Officials said hospital occupancy in Kenya stood at 92%.",
	} {
		an := New().Analyze("", body)
		if len(an.Figures) != 1 || an.Figures[0].Measure.Event == "" {
			t.Errorf("%q: figures %+v, want one with the rate noun as its event", body, an.Figures)
		}
	}
}
