package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDump prints the analysis of the development articles named by
// FACTGRAPH_DUMP (a substring of the file name); it is a debugging aid and
// does nothing otherwise.
func TestDump(t *testing.T) {
	want := os.Getenv("FACTGRAPH_DUMP")
	if want == "" {
		t.Skip("set FACTGRAPH_DUMP to print analyses")
	}
	p := New()
	for _, art := range loadDevCorpus(t) {
		if !strings.Contains(art.ID, want) {
			continue
		}
		an := p.Analyze(art.Title, art.Body)
		t.Logf("== %s", filepath.Base(art.ID))
		for i, e := range an.Entities {
			t.Logf("E%d %s %s %q", i, e.Name, e.Kind, e.Aliases)
		}
		for _, s := range an.Statements {
			var names []string
			for _, sp := range s.Speakers {
				names = append(names, an.Entities[sp].Name)
			}
			t.Logf("S %v %q %s | %s", names, s.Cue, s.Status, s.Text)
			t.Logf("    claim %q", s.ClaimKey)
		}
		for _, f := range an.Figures {
			src := "-"
			if f.Source >= 0 {
				src = an.Entities[f.Source].Name
			}
			t.Logf("F %q %v [%v,%v] ~%v %q/%q src=%s st=%d %s", f.Text, f.Value, fmtPtr(f.Low), fmtPtr(f.High), f.Approximate, f.Subject, f.Head, src, f.Statement, f.Status)
		}
	}
}
