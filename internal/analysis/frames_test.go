package analysis

import "testing"

// TestFramePatterns checks the predicate and owner that the frame stage
// reads from the content of one statement, on sentences written for the
// test.
func TestFramePatterns(t *testing.T) {
	tests := []struct {
		name, body, pred, owner string
	}{
		{"a plan word of another clause is no plan",
			"Ministers told reporters they could confirm that Iran had sent drones to Syria.", "deploy", "Iran"},
		{"a plan word before the sending verb is a plan",
			"The ministry said Iran had decided to send drones to Syria.", "plan", "Iran"},
		{"what is sent decides: arms",
			"Germany said it might consider sending weapons to Ukraine.", "arms", "Germany"},
		{"a gerund after a preposition is the speaker's",
			"Germany issued a warning about the possibility of sending weapons to Ukraine in response to reports of Iranian drones.", "arms", "Germany"},
		{"a predicative judgement outranks the verbs it judges",
			"The minister said the arrival of Iranian troops was a dangerous escalation of the war.", "escalation", ""},
		{"the main verb outranks a relative clause",
			"Officials said Iranian units that had trained in Syria have been deployed to Lebanon.", "deploy", "Iran"},
		{"a participle after a listed noun is a relative clause",
			"Officials said Iranian soldiers sent to Syria have clashed with rebels.", "combat", "Iran"},
		{"coordinated subjects: the first owns",
			"The army said Indian and Chinese troops clashed on the border.", "combat", "India"},
		{"a report's source is not its actor",
			"Russia rejected Poland's claims about supplying weapons to Belarus.", "arms", "Russia"},
		{"a verb after a determiner is a noun",
			"The ministry said there had been deaths in the fighting.", "casualty", ""},
	}
	p := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := p.Analyze("", tt.body)
			if len(an.Statements) == 0 {
				t.Fatal("no statement")
			}
			fr := an.Statements[len(an.Statements)-1].Frame
			if fr.Predicate != tt.pred || tt.owner != "" && fr.Owner != tt.owner {
				t.Errorf("frame %+v, want predicate %q owner %q", fr, tt.pred, tt.owner)
			}
		})
	}
}

// TestRestatingParticiple checks that "said X, confirming earlier findings
// that Y" confirms X.
func TestRestatingParticiple(t *testing.T) {
	an := New().Analyze("", "The minister said Iranian troops had been deployed to Aleppo, confirming earlier findings by Turkish intelligence that the Iranians are now fighting.")
	if len(an.Statements) < 2 {
		t.Fatalf("statements %+v", an.Statements)
	}
	a, b := an.Statements[0].Frame, an.Statements[1].Frame
	if a != b || a.Predicate != "deploy" {
		t.Errorf("frames %+v and %+v, want the same deploy frame", a, b)
	}
}

// TestWrappingSourceReportsTheWrappedProposition checks that "according to
// X, Y said Z" gives X's statement Z's proposition.
func TestWrappingSourceReportsTheWrappedProposition(t *testing.T) {
	an := New().Analyze("", "The minister said Iranian troops had been deployed to Aleppo, according to Reuters.")
	var preds []string
	for _, s := range an.Statements {
		preds = append(preds, s.Frame.Predicate)
	}
	if len(preds) != 2 || preds[0] != "deploy" || preds[1] != "deploy" {
		t.Errorf("predicates %q, want both deploy", preds)
	}
}
