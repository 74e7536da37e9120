package analysis

import (
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/domain"
)

// FuzzAnalyze checks that any input yields a well-formed analysis: no panic,
// every span inside the body and on code point boundaries, every index
// valid.
func FuzzAnalyze(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, fn := range files {
		if b, err := os.ReadFile(fn); err == nil {
			f.Add(string(b))
		}
	}
	f.Add("")
	f.Add("U.S. officials said 5 people died. \"We are ready,\" he said.")
	f.Add("According to , said . The the the 1,2,3 \u2019s \u201c\u201d")
	f.Add("\xff\xfe invalid utf8 said 10")
	p := New()
	f.Fuzz(func(t *testing.T, body string) {
		checkAnalysis(t, body, p.analyze("", body))
	})
}

func checkAnalysis(t *testing.T, body string, an domain.Analysis) {
	t.Helper()
	n := utf8.RuneCountInString(body)
	okSpan := func(what string, s domain.Span) {
		if s.Start < 0 || s.End > n || s.Start > s.End {
			t.Fatalf("%s span %v outside body of %d code points", what, s, n)
		}
	}
	for _, e := range an.Entities {
		if e.Name == "" {
			t.Fatalf("entity with empty name")
		}
		for _, m := range e.Mentions {
			okSpan("mention", m)
		}
	}
	runes := []rune(body)
	for _, s := range an.Statements {
		okSpan("statement", s.Span)
		okSpan("cue", s.CueSpan)
		if utf8.ValidString(body) && string(runes[s.Span.Start:s.Span.End]) != s.Text {
			t.Fatalf("statement text %q does not match its span", s.Text)
		}
		for _, sp := range s.Speakers {
			if sp < 0 || sp >= len(an.Entities) {
				t.Fatalf("speaker index %d out of range", sp)
			}
		}
	}
	for _, f := range an.Figures {
		okSpan("figure", f.Span)
		if utf8.ValidString(body) && string(runes[f.Span.Start:f.Span.End]) != f.Text {
			t.Fatalf("figure text %q does not match its span", f.Text)
		}
		if f.Source < -1 || f.Source >= len(an.Entities) {
			t.Fatalf("figure source %d out of range", f.Source)
		}
		if f.Statement < -1 || f.Statement >= len(an.Statements) {
			t.Fatalf("figure statement %d out of range", f.Statement)
		}
	}
}
