package server_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	gormlogger "gorm.io/gorm/logger"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
)

// postgresSchema makes a fresh schema in the database named by
// FACTGRAPH_TEST_POSTGRES, dropped when the test ends, and returns the URL
// that selects it.
func postgresSchema(t *testing.T) string {
	t.Helper()
	base := os.Getenv("FACTGRAPH_TEST_POSTGRES")
	if base == "" {
		t.Skip("FACTGRAPH_TEST_POSTGRES not set: replicas on PostgreSQL are tested in CI, which starts a server")
	}
	admin, err := gorm.Open(postgres.Open(base), &gorm.Config{Logger: gormlogger.Discard})
	if err != nil {
		t.Fatalf("connect: %v", err)
	}
	adminDB, _ := admin.DB()
	t.Cleanup(func() { _ = adminDB.Close() })
	schema := fmt.Sprintf("factgraph_replicas_%d_%d", os.Getpid(), time.Now().UnixNano())
	if err := admin.Exec("CREATE SCHEMA " + schema).Error; err != nil {
		t.Fatalf("create schema: %v", err)
	}
	t.Cleanup(func() { _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE").Error })
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// replica is one server process's worth of the API on a shared database:
// its own pool, broker and listening connection, wired as main wires them.
func replica(t *testing.T, dsn string) *env {
	t.Helper()
	log := slog.New(slog.DiscardHandler)
	store, err := storage.Open(context.Background(), dsn, log)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	broker := newBroker(t, store)
	ctx, stop := context.WithCancel(context.Background())
	watching := make(chan struct{})
	go func() {
		defer close(watching)
		_ = store.WatchEvents(ctx, broker.Wake)
	}()
	t.Cleanup(func() { stop(); <-watching })
	h, err := server.New(server.Config{
		Store: store, Ingest: &ingest.Service{Store: store, Analyzer: analysis.New(), Events: broker, Log: log},
		Events: broker, Log: log, DB: store,
	})
	if err != nil {
		t.Fatal(err)
	}
	return &env{store: store, handler: h, client: client.New(h, client.Path("/query"))}
}

// TestSubscriptionsCrossReplicas runs two replicas on one PostgreSQL
// database, each with an articleAnalyzed subscriber, ingests 200 articles
// through replica A and 10 through B, and checks that every subscriber
// sees every ingest, reporting delivery counts and latency from the
// ingest's answer to the event.
func TestSubscriptionsCrossReplicas(t *testing.T) {
	dsn := postgresSchema(t)
	a, b := replica(t, dsn), replica(t, dsn)
	subA := a.client.Websocket(`subscription { articleAnalyzed { id title } }`)
	defer subA.Close()
	subB := b.client.Websocket(`subscription { articleAnalyzed { id title } }`)
	defer subB.Close()

	type event struct {
		id string
		at time.Time
	}
	type msg struct {
		ArticleAnalyzed struct{ ID, Title string }
	}
	// Both subscriptions must be listening before the measured ingests.
	var m msg
	warmUp(t, a, &m, subA.Next, subB.Next)
	time.Sleep(200 * time.Millisecond)

	follow := func(s *client.Subscription) <-chan event {
		ch := make(chan event, 1024)
		go func() {
			defer close(ch)
			for {
				var m msg
				if err := s.Next(&m); err != nil {
					return
				}
				ch <- event{m.ArticleAnalyzed.ID, time.Now()}
			}
		}()
		return ch
	}
	onA, onB := follow(subA), follow(subB)

	answered := map[string]time.Time{}
	ingestVia := func(e *env, name string, n int) []string {
		var ids []string
		for i := range n {
			r := e.ingest(t, map[string]any{"title": fmt.Sprintf("%s %d", name, i), "body": fmt.Sprintf("Port officials said %d containers were unloaded.", 100+i)})
			answered[r.IngestArticle.Article.ID] = time.Now()
			ids = append(ids, r.IngestArticle.Article.ID)
		}
		return ids
	}
	viaA := ingestVia(a, "Via A", 200)
	viaB := ingestVia(b, "Via B", 10)

	collect := func(name string, ch <-chan event, want []string) []time.Duration {
		t.Helper()
		got := map[string]time.Duration{}
		deadline := time.After(30 * time.Second)
		for len(got) < len(want) {
			select {
			case ev, ok := <-ch:
				if !ok {
					t.Fatalf("%s: stream ended after %d of %d", name, len(got), len(want))
				}
				if at, ok := answered[ev.id]; ok && slices.Contains(want, ev.id) {
					got[ev.id] = max(ev.at.Sub(at), 0)
				}
			case <-deadline:
				t.Fatalf("%s: %d of %d ingests delivered within 30s", name, len(got), len(want))
			}
		}
		lat := make([]time.Duration, 0, len(got))
		for _, d := range got {
			lat = append(lat, d)
		}
		slices.Sort(lat)
		return lat
	}
	all := append(slices.Clone(viaA), viaB...)
	latA := collect("subscriber on A", onA, all)
	latB := collect("subscriber on B", onB, all)
	pct := func(l []time.Duration, p int) time.Duration { return l[(len(l)-1)*p/100].Round(10 * time.Microsecond) }
	t.Logf("subscriber on A: %d/%d delivered (200 local, 10 from B), latency p50 %v p95 %v", len(latA), len(all), pct(latA, 50), pct(latA, 95))
	t.Logf("subscriber on B: %d/%d delivered (200 from A, 10 local), latency p50 %v p95 %v", len(latB), len(all), pct(latB, 50), pct(latB, 95))
	if p95 := pct(latB, 95); p95 > time.Second {
		t.Errorf("cross-replica p95 %v, want under a second (notifications, not the %v poll)", p95, events.PollInterval)
	}
}
