package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factgraph/factgraph/internal/domain"
)

// TestDump is a debugging aid that prints analyses; it does nothing unless
// asked. FACTGRAPH_DUMP=sub prints the dev and held-out articles whose id
// contains sub; FACTGRAPH_DUMP_FILE=path prints the analysis of a text file.
func TestDump(t *testing.T) {
	want, file := os.Getenv("FACTGRAPH_DUMP"), os.Getenv("FACTGRAPH_DUMP_FILE")
	if want == "" && file == "" {
		t.Skip("set FACTGRAPH_DUMP or FACTGRAPH_DUMP_FILE to print analyses")
	}
	p := New()
	if file != "" {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		dumpAnalysis(t, filepath.Base(file), p.Analyze("", string(b)))
		return
	}
	for _, dir := range []string{devCorpusDir, heldOutDir, heldOut2Dir, heldOut3Dir} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
		if len(files) == 0 {
			continue
		}
		for _, art := range loadCorpus(t, dir) {
			if strings.Contains(art.ID, want) {
				dumpAnalysis(t, art.ID, p.Analyze(art.Title, art.Body))
			}
		}
	}
}

func dumpAnalysis(t *testing.T, name string, an domain.Analysis) {
	t.Logf("== %s", name)
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
