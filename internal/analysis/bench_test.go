package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/factgraph/factgraph/internal/analysis/quantity"
)

func benchText(b *testing.B) string {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	var sb strings.Builder
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			sb.Write(data)
			sb.WriteString("\n\n")
		}
	}
	if sb.Len() == 0 {
		b.Skip("no test articles")
	}
	return sb.String()
}

// BenchmarkAnalyze measures throughput over our own test articles joined
// into one long text.
func BenchmarkAnalyze(b *testing.B) {
	body := benchText(b)
	p := New()
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Analyze("", body)
	}
}

// BenchmarkNumbersOnly runs only the number recogniser over the same
// sentences, to show how the time of BenchmarkAnalyze splits.
func BenchmarkNumbersOnly(b *testing.B) {
	body := benchText(b)
	p := New()
	sents := p.seg.split(body)
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, s := range sents {
			quantity.Find(s.text)
		}
	}
}
