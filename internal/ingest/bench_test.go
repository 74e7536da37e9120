package ingest_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/synth"
)

var (
	benchStored = flag.String("stored", "1000,50000", "comma-separated store sizes for BenchmarkIngestAtScale and BenchmarkReads")
	benchKeep   = flag.String("keepdb", "", "folder to keep the filled SQLite files in (for re-analysis runs); a temporary folder when empty")
	benchReuse  = flag.Bool("reuse", false, "with -keepdb, fill on top of the files already there instead of starting empty")
)

// BenchmarkIngestAtScale measures the cost of one ingest (analysis,
// grouping, the one transaction) with a store that already holds 1,000 and
// 50,000 articles of synthetic running stories. Grouping finds candidate
// series, claims and entities by indexed key, so the time per article
// should hardly depend on the store's size. Filling the large store takes
// minutes; -stored picks other sizes, -keepdb keeps the files.
func BenchmarkIngestAtScale(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("stored=%d", n), func(b *testing.B) {
			ctx := context.Background()
			store := openBenchStore(b, n)
			svc := &ingest.Service{Store: store, Analyzer: analysis.New(), Log: slog.New(slog.DiscardHandler)}
			w := synth.NewWriter(1, 2000)
			start := time.Now()
			for i := range n {
				if _, _, err := svc.Ingest(ctx, w.Article(i)); err != nil {
					b.Fatalf("fill %d: %v", i, err)
				}
				if (i+1)%10000 == 0 {
					b.Logf("filled %d articles in %s", i+1, time.Since(start).Round(time.Second))
				}
			}
			i := n
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := svc.Ingest(ctx, w.Article(i)); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// benchSizes reads the store sizes -stored names.
func benchSizes(b *testing.B) []int {
	var sizes []int
	for _, f := range splitComma(*benchStored) {
		var n int
		if _, err := fmt.Sscan(f, &n); err != nil || n < 0 {
			b.Fatalf("bad -stored %q", *benchStored)
		}
		sizes = append(sizes, n)
	}
	return sizes
}

// openBenchStore opens an empty SQLite file for a store of n articles.
func openBenchStore(b *testing.B, n int) *storage.Store {
	b.Helper()
	dir := *benchKeep
	if dir == "" {
		dir = b.TempDir()
	}
	dsn := filepath.Join(dir, fmt.Sprintf("stored-%d.db", n))
	if !*benchReuse {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			os.Remove(dsn + suffix)
		}
	}
	s, err := storage.Open(context.Background(), dsn, slog.New(slog.DiscardHandler))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

func splitComma(s string) []string {
	var out []string
	start := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if i > start {
				out = append(out, s[start:i])
			}
			start = i + 1
		}
	}
	return out
}

// BenchmarkBulkIngest measures bulk ingest (parallel analysis, batched
// writes) of b.N synthetic articles into a fresh SQLite file, in articles
// per second: run it with -benchtime 5000x or more, since the first
// articles of a store are the cheapest.
func BenchmarkBulkIngest(b *testing.B) {
	ctx := context.Background()
	store := openBenchStore(b, 0)
	svc := &ingest.Service{Store: store, Analyzer: analysis.New(), Log: slog.New(slog.DiscardHandler)}
	bulk := &ingest.Bulk{Service: svc, Store: store, Announce: true}
	w := synth.NewWriter(1, 2000)
	n := b.N
	b.ResetTimer()
	i := 0
	err := bulk.Run(ctx, func() (ingest.Item, error) {
		if i == n {
			return ingest.Item{}, io.EOF
		}
		it := ingest.Item{Index: i, In: w.News(i)}
		i++
		return it, nil
	}, func(o ingest.Outcome) {
		if o.Err != nil {
			b.Errorf("article %d: %v", o.Index, o.Err)
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
