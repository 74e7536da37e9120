package analysis

import (
	"os"
	"testing"
)

// TestDumpText prints the analysis of the text file named by
// FACTGRAPH_DUMP_FILE; a debugging aid that does nothing otherwise.
func TestDumpText(t *testing.T) {
	f := os.Getenv("FACTGRAPH_DUMP_FILE")
	if f == "" {
		t.Skip("set FACTGRAPH_DUMP_FILE to print an analysis")
	}
	b, err := os.ReadFile(f)
	if err != nil {
		t.Fatal(err)
	}
	an := New().Analyze("", string(b))
	for i, e := range an.Entities {
		t.Logf("E%d %s %s %q", i, e.Name, e.Kind, e.Aliases)
	}
	for _, s := range an.Statements {
		var names []string
		for _, sp := range s.Speakers {
			names = append(names, an.Entities[sp].Name)
		}
		t.Logf("S %v %q %s | %s", names, s.Cue, s.Status, s.Text)
		t.Logf("    claim %q %q", s.ClaimKey, s.ClaimText)
	}
	for _, f := range an.Figures {
		src := "-"
		if f.Source >= 0 {
			src = an.Entities[f.Source].Name
		}
		t.Logf("F %q %v [%v,%v] ~%v %q/%q src=%s st=%d %s", f.Text, f.Value, fmtPtr(f.Low), fmtPtr(f.High), f.Approximate, f.Subject, f.Head, src, f.Statement, f.Status)
	}
}
