package analysis

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkAnalyze measures throughput over our own test articles joined
// into one long text.
func BenchmarkAnalyze(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	var sb strings.Builder
	for _, f := range files {
		if data, err := os.ReadFile(f); err == nil {
			sb.Write(data)
			sb.WriteString("\n\n")
		}
	}
	body := sb.String()
	if body == "" {
		b.Skip("no test articles")
	}
	p := New()
	b.SetBytes(int64(len(body)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p.Analyze("", body)
	}
}
