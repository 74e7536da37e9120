package ingest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
	"github.com/factgraph/factgraph/internal/synth"
	"gorm.io/gorm"
)

// readQueries are the reads BenchmarkReads times: the lists a front end
// shows first, the two filters whose cost used to follow the store's size,
// and the deep page a story view asks for.
var readQueries = []struct{ name, query string }{
	{"articles", `{ articles(first: 20) { totalCount edges { node { id title } } } }`},
	{"search", `{ articles(first: 20, filter: {search: "troops"}) { totalCount edges { node { id title } } } }`},
	{"figures", `{ figures(first: 20, filter: {head: "troop", minValue: 1000}) { totalCount edges { node { id text value } } } }`},
	{"claims", `{ claims(first: 10) { totalCount edges { node { text status statements { id } } } } }`},
	{"deep", deepPage},
	{"page50", `query($after: String) { articles(first: 20, after: $after) { edges { cursor node { id title } } } }`},
}

// deepPage is ten articles with everything a reader of each one sees.
const deepPage = `{ articles(first: 10) { edges { node { id title
	statements(first: 20) { text status speakers(first: 5) { name } figures(first: 5) { text value }
		sourceMentions(first: 5) { text entity { name } } }
	figures(first: 20) { text value source { name } } entities(first: 20) { name kind } } } } }`

// BenchmarkReads measures the p50 and p95 of each read in readQueries
// through the whole API (HTTP handler, limits, loaders, SQLite) over stores
// of the sizes -stored names (synthetic running stories, as
// BenchmarkIngestAtScale fills them; -keepdb and -reuse keep a filled store
// between runs), the number of SQL statements one deep page issues, and
// the deep page's throughput with 16 concurrent clients over real HTTP
// (deep-16clients, beside {__typename} as the server's ceiling).
func BenchmarkReads(b *testing.B) {
	for _, n := range benchSizes(b) {
		b.Run(fmt.Sprintf("stored=%d", n), func(b *testing.B) {
			ctx := context.Background()
			store := openBenchStore(b, n)
			log := slog.New(slog.DiscardHandler)
			svc := &ingest.Service{Store: store, Analyzer: analysis.New(), Log: log}
			fillStore(ctx, b, store, svc, n)
			h, err := server.New(server.Config{Store: store, Ingest: svc, Log: log, DB: store})
			if err != nil {
				b.Fatal(err)
			}
			c := client.New(h, client.Path("/query"))
			after := cursorOfPage(b, c, 50)
			for _, q := range readQueries {
				b.Run(q.name, func(b *testing.B) {
					var opts []client.Option
					if q.name == "page50" {
						opts = append(opts, client.Var("after", after))
					}
					var took []time.Duration
					for b.Loop() {
						start := time.Now()
						var resp map[string]any
						if err := c.Post(q.query, &resp, opts...); err != nil {
							b.Fatal(err)
						}
						took = append(took, time.Since(start))
					}
					slices.Sort(took)
					b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "p50-ms")
					b.ReportMetric(float64(took[len(took)*95/100].Microseconds())/1000, "p95-ms")
					if q.name == "deep" {
						b.ReportMetric(float64(sqlStatements(b, store.DB(), func() {
							var resp map[string]any
							if err := c.Post(q.query, &resp); err != nil {
								b.Fatal(err)
							}
						})), "sql/page")
					}
				})
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			for _, q := range []struct{ name, query string }{{"deep-16clients", deepPage}, {"typename-16clients", `{ __typename }`}} {
				b.Run(q.name, func(b *testing.B) { throughput(b, srv.URL+"/query", q.query, 16) })
			}
		})
	}
}

// throughput posts query to url from clients concurrent clients over HTTP
// keep-alive connections and reports the requests answered per second.
func throughput(b *testing.B, url, query string, clients int) {
	body, err := json.Marshal(map[string]string{"query": query})
	if err != nil {
		b.Fatal(err)
	}
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}}
	defer hc.CloseIdleConnections()
	b.SetParallelism((clients + runtime.GOMAXPROCS(0) - 1) / runtime.GOMAXPROCS(0))
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := hc.Post(url, "application/json", bytes.NewReader(body))
			if err != nil {
				b.Error(err)
				return
			}
			out, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK || bytes.Contains(out, []byte(`"errors"`)) {
				b.Errorf("status %d, %v: %.300s", resp.StatusCode, err, out)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

// fillStore ingests synthetic articles until the store holds n.
func fillStore(ctx context.Context, b *testing.B, store *storage.Store, svc *ingest.Service, n int) {
	var have int64
	if err := store.DB().Table("articles").Count(&have).Error; err != nil {
		b.Fatal(err)
	}
	w := synth.NewWriter(1, 2000)
	start := time.Now()
	for i := range n {
		a := w.Article(i) // advance the generator even over stored articles
		if int64(i) < have {
			continue
		}
		if _, _, err := svc.Ingest(ctx, a); err != nil {
			b.Fatalf("fill %d: %v", i, err)
		}
		if (i+1)%5000 == 0 {
			b.Logf("filled %d articles in %s", i+1, time.Since(start).Round(time.Second))
		}
	}
}

// cursorOfPage walks the article list twenty at a time and returns the
// cursor that opens page n (or the last one, in a smaller store).
func cursorOfPage(b *testing.B, c *client.Client, n int) *string {
	var after *string
	for range n - 1 {
		var resp struct {
			Articles struct {
				PageInfo struct {
					EndCursor   *string
					HasNextPage bool
				}
			}
		}
		if err := c.Post(`query($after: String) { articles(first: 20, after: $after) { pageInfo { endCursor hasNextPage } } }`,
			&resp, client.Var("after", after)); err != nil {
			b.Fatal(err)
		}
		if !resp.Articles.PageInfo.HasNextPage {
			break
		}
		after = resp.Articles.PageInfo.EndCursor
	}
	return after
}

// sqlStatements counts the statements db sends while fn runs.
func sqlStatements(b *testing.B, db *gorm.DB, fn func()) int {
	var n atomic.Int32
	name := fmt.Sprintf("bench:count:%d", time.Now().UnixNano())
	inc := func(db *gorm.DB) {
		if !db.DryRun {
			n.Add(1)
		}
	}
	cb := db.Callback()
	for _, err := range []error{
		cb.Query().After("gorm:query").Register(name, inc),
		cb.Row().After("gorm:row").Register(name, inc),
		cb.Raw().After("gorm:raw").Register(name, inc),
	} {
		if err != nil {
			b.Fatal(err)
		}
	}
	defer func() {
		_ = cb.Query().Remove(name)
		_ = cb.Row().Remove(name)
		_ = cb.Raw().Remove(name)
	}()
	fn()
	return int(n.Load())
}
