package analysis

import (
	"reflect"
	"testing"
)

func TestSegment(t *testing.T) {
	seg := New().seg
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"headline line stays apart", "Storm Hits Coast\n\nThe storm hit the coast on Monday. Two people died.",
			[]string{"Storm Hits Coast", "The storm hit the coast on Monday.", "Two people died."}},
		{"headline glued by one newline", "Storm Hits Coast\nThe storm hit the coast.",
			[]string{"Storm Hits Coast", "The storm hit the coast."}},
		{"hard-wrapped paragraph", "Officials said the\nbridge was closed. It reopened.",
			[]string{"Officials said the\nbridge was closed.", "It reopened."}},
		{"abbreviations", "U.S. officials met Gen. Smith and Mr. Jones in Jan. 2020. They talked.",
			[]string{"U.S. officials met Gen. Smith and Mr. Jones in Jan. 2020.", "They talked."}},
		{"initials", "The letter was signed by J. K. Rowling. It was short.",
			[]string{"The letter was signed by J. K. Rowling.", "It was short."}},
		{"quotes close the sentence", "\u201cWe are ready. We will go,\u201d she said. Then she left.",
			[]string{"\u201cWe are ready.", "We will go,\u201d she said.", "Then she left."}},
		{"question and lower-case continuation", "Is it over? not yet, he said.",
			[]string{"Is it over? not yet, he said."}},
		{"decimal numbers", "Prices rose 3.5 percent. Wages fell.",
			[]string{"Prices rose 3.5 percent.", "Wages fell."}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, s := range seg.split(tt.body) {
				got = append(got, s.text)
				if tt.body[s.start:s.end] != s.text {
					t.Errorf("offsets of %q do not match the body", s.text)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestTokenizePossessiveAndAbbreviation(t *testing.T) {
	var got []string
	for _, tk := range tokenize("South Korea\u2019s U.S.-led 10,000 troops", 0) {
		got = append(got, tk.text)
	}
	want := []string{"South", "Korea", "\u2019s", "U.S.", "-", "led", "10,000", "troops"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %q want %q", got, want)
	}
}
