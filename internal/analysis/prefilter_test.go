package analysis

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/factgraph/factgraph/internal/analysis/quantity"
)

// TestNumberPrefilter checks that the cheap test that lets a sentence skip
// the number recogniser never skips one the recogniser finds a number in.
func TestNumberPrefilter(t *testing.T) {
	p := New()
	texts := []string{
		"A third of the staff left. A dozen boats sailed. Half the town voted.",
		"It cost €5bn, or roughly a quarter of the budget; one-third went to aid.",
		"Nearly two-and-a-half years later, ½ of them returned and some £3 was paid.",
		"The vote was close, with a majority of nine. Three-month contracts ended.",
		"Output rose by a tenth. USD reserves fell. It grew by a percent.",
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	for _, dir := range []string{devCorpusDir, heldOutDir} {
		if fs, _ := filepath.Glob(filepath.Join(dir, "*.json")); len(fs) > 0 {
			for _, art := range loadCorpus(t, dir) {
				texts = append(texts, art.Body)
			}
		}
	}
	for _, text := range texts {
		for _, s := range p.seg.split(text) {
			toks := tokenize(s.text, 0)
			p.annotate(toks)
			if !mayHoldNumber(toks) && len(quantity.Find(s.text)) > 0 {
				t.Errorf("prefilter skips a sentence with a number: %q", s.text)
			}
		}
	}
}
