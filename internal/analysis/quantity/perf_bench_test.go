package quantity

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkFindLowered runs the recogniser over the sentences of the
// analysis test articles, each with its lowercased copy, as the pipeline
// calls it.
func BenchmarkFindLowered(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "*.txt"))
	var sents, lows []string
	n := 0
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		for _, s := range strings.SplitAfter(string(data), ". ") {
			sents = append(sents, s)
			lows = append(lows, asciiLower(s))
			n += len(s)
		}
	}
	if n == 0 {
		b.Skip("no test articles")
	}
	b.SetBytes(int64(n))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for k, s := range sents {
			FindLowered(s, lows[k])
		}
	}
}
