package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"
	"github.com/coder/websocket/wsjson"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/observe"
	"github.com/factgraph/factgraph/internal/server"
)

// richArticleAnalyzed selects what a newsroom dashboard shows of a new
// article: every relation, so that each event costs real work.
const richArticleAnalyzed = `subscription { articleAnalyzed {
  id title statements { id cueSpan { start end } } figures { id value } entities { id name } claims { id status } } }`

// ingestConcurrently ingests writers×each articles through the API, from
// writers goroutines at once, and returns the IDs of those created.
func ingestConcurrently(t *testing.T, e *env, prefix string, writers, each int) map[string]bool {
	t.Helper()
	var (
		mu  sync.Mutex
		ids = map[string]bool{}
		wg  sync.WaitGroup
	)
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Go(func() {
			for i := range each {
				var resp ingestResp
				in := map[string]any{
					"title": fmt.Sprintf("%s %d-%d", prefix, w, i),
					"body":  fmt.Sprintf("Officials in district %d said %d homes were flooded, and the mayor denied that the dam %d had failed.", w, 10+i, i),
				}
				if err := e.client.Post(ingestMutation, &resp, client.Var("in", in)); err != nil {
					errs <- err
					continue
				}
				mu.Lock()
				ids[resp.IngestArticle.Article.ID] = resp.IngestArticle.Created
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Errorf("ingest: %v", err)
	}
	return ids
}

// TestEveryEventReachesSlowAndFastSubscribers ingests 1,000 articles from
// 20 writers at once. One subscriber reads as events come; another reads
// nothing until every ingest is done, as a client that cannot keep up.
// Both must receive every article, once, with its relations: a slow
// subscriber falls behind, it does not lose events.
func TestEveryEventReachesSlowAndFastSubscribers(t *testing.T) {
	e := newEnv(t, "")
	fast := e.client.Websocket(richArticleAnalyzed)
	defer fast.Close()
	slow := e.client.Websocket(richArticleAnalyzed)
	defer slow.Close()

	// Subscriptions start asynchronously: ingest until both have seen
	// an article, so that both are listening before the load starts.
	type article struct {
		ArticleAnalyzed struct {
			ID, Title  string
			Statements []struct {
				ID      string
				CueSpan struct{ Start, End int }
			}
			Figures []struct {
				ID    string
				Value float64
			}
			Entities []struct{ ID, Name string }
			Claims   []struct{ ID, Status string }
		}
	}
	var a article
	warmUp(t, e, &a, fast.Next, slow.Next)

	received := make(chan string, 4096)
	fastErr := make(chan error, 1)
	go func() {
		for {
			var a article
			if err := fast.Next(&a); err != nil {
				fastErr <- err
				return
			}
			received <- a.ArticleAnalyzed.ID
		}
	}()

	start := time.Now()
	ids := ingestConcurrently(t, e, "Load", 20, 50)
	t.Logf("1,000 ingests by 20 writers in %v", time.Since(start).Round(time.Millisecond))
	if len(ids) != 1000 {
		t.Fatalf("%d articles created, want 1000", len(ids))
	}

	collect := func(name string, next func() (string, error)) {
		t.Helper()
		seen := map[string]int{}
		missing := len(ids)
		deadline := time.After(60 * time.Second)
		for missing > 0 {
			idc, errc := make(chan string, 1), make(chan error, 1)
			go func() {
				id, err := next()
				if err != nil {
					errc <- err
					return
				}
				idc <- id
			}()
			select {
			case id := <-idc:
				seen[id]++
				if ids[id] && seen[id] == 1 {
					missing--
				}
			case err := <-errc:
				t.Fatalf("%s subscriber: stream ended with %v after %d of 1000 events", name, err, len(ids)-missing)
			case <-deadline:
				t.Fatalf("%s subscriber: %d of 1000 events delivered within 60s, none reported lost", name, len(ids)-missing)
			}
		}
		for id, n := range seen {
			if n > 1 {
				t.Errorf("%s subscriber got article %s %d times", name, id, n)
			}
		}
		t.Logf("%s subscriber: delivered %d of %d, lost 0", name, len(ids)-missing, len(ids))
	}
	collect("fast", func() (string, error) {
		select {
		case id := <-received:
			return id, nil
		case err := <-fastErr:
			return "", err
		}
	})
	collect("slow", func() (string, error) {
		var a article
		if err := slow.Next(&a); err != nil {
			return "", err
		}
		if len(a.ArticleAnalyzed.Statements) == 0 || len(a.ArticleAnalyzed.Figures) == 0 {
			return "", fmt.Errorf("article %s came without its analysis: %+v", a.ArticleAnalyzed.ID, a.ArticleAnalyzed)
		}
		return a.ArticleAnalyzed.ID, nil
	})
}

// next reads the next message of operation id: its type and payload.
func (w *wsConn) next(id string) (string, json.RawMessage) {
	w.t.Helper()
	for {
		var m wsMsg
		if err := wsjson.Read(w.ctx, w.c, &m); err != nil {
			w.t.Fatalf("read: %v", err)
		}
		if m.ID == id {
			return m.Type, m.Payload
		}
	}
}

// subscribe starts operation id on the connection.
func (w *wsConn) subscribe(id, query string, vars map[string]any) {
	w.t.Helper()
	p, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	if err := wsjson.Write(w.ctx, w.c, wsMsg{ID: id, Type: "subscribe", Payload: p}); err != nil {
		w.t.Fatal(err)
	}
}

// liveMsg is one subscription message.
type liveMsg struct {
	Data struct {
		ArticleAnalyzed struct{ ID, Title string }
	}
	Errors     []gqlError
	Extensions struct{ Cursor string }
}

func (w *wsConn) nextLive(id string) (string, liveMsg) {
	w.t.Helper()
	typ, payload := w.next(id)
	var m liveMsg
	if typ == "next" {
		if err := json.Unmarshal(payload, &m); err != nil {
			w.t.Fatalf("decode %s: %v", payload, err)
		}
	}
	return typ, m
}

// openLive serves e, subscribes to articleAnalyzed over
// graphql-transport-ws (operation "1") and ingests articles titled prefix
// until n messages came, each with a cursor; it returns them once the
// last of those ingests has landed.
func openLive(t *testing.T, e *env, prefix string, n int) (*httptest.Server, *wsConn, []liveMsg) {
	t.Helper()
	srv := httptest.NewServer(e.handler)
	t.Cleanup(srv.Close)
	ws, err := dialWS(t, srv, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	ws.subscribe("1", `subscription { articleAnalyzed { id title } }`, nil)
	done := make(chan struct{})
	keepIngesting(e, done, func(i int) (string, string) {
		return fmt.Sprintf("%s %d", prefix, i), "Officials said 3 ships arrived."
	})
	var msgs []liveMsg
	for range n {
		typ, m := ws.nextLive("1")
		if typ != "next" || m.Extensions.Cursor == "" || len(m.Errors) > 0 {
			t.Fatalf("message %s %+v: want an article with extensions.cursor", typ, m)
		}
		msgs = append(msgs, m)
	}
	close(done)
	time.Sleep(100 * time.Millisecond) // the last ingest lands
	return srv, ws, msgs
}

// TestSubscriptionResumesAfterCursor: every message carries a cursor, and
// a client that reconnects with the last one it got receives exactly what
// it missed, in order, and then live events.
func TestSubscriptionResumesAfterCursor(t *testing.T) {
	e := newEnv(t, "")
	srv, ws, first := openLive(t, e, "First", 3)
	var cursors, titles []string
	for _, m := range first {
		cursors = append(cursors, m.Extensions.Cursor)
		titles = append(titles, m.Data.ArticleAnalyzed.Title)
	}
	if err := ws.c.CloseNow(); err != nil {
		t.Fatal(err)
	}
	// While away: five more.
	var away []string
	for i := range 5 {
		r := e.ingest(t, map[string]any{"title": fmt.Sprintf("Away %d", i), "body": fmt.Sprintf("Officials said %d ships arrived.", 40+i)})
		away = append(away, r.IngestArticle.Article.Title)
	}

	ws2, err := dialWS(t, srv, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	ws2.subscribe("r", `subscription($after: String) { articleAnalyzed(after: $after) { id title } }`, map[string]any{"after": cursors[2]})
	var got []string
	for len(got) == 0 || !strings.HasPrefix(got[len(got)-1], "Away 4") {
		typ, m := ws2.nextLive("r")
		if typ != "next" || len(m.Errors) > 0 {
			t.Fatalf("resumed: %s %+v", typ, m)
		}
		got = append(got, m.Data.ArticleAnalyzed.Title)
	}
	// Ingests after the third message (warm-ups still in flight) come
	// first, then the five of the time away, in order; nothing received
	// before comes again.
	for _, title := range got {
		for _, old := range titles {
			if title == old {
				t.Fatalf("resumed stream repeats %q: %v", title, got)
			}
		}
	}
	tail := got[len(got)-5:]
	if strings.Join(tail, "|") != strings.Join(away, "|") {
		t.Fatalf("resumed stream ends %v, want %v", tail, away)
	}

	ws2.subscribe("bad", `subscription { articleAnalyzed(after: "nonsense") { id } }`, nil)
	if typ, payload := ws2.next("bad"); (typ != "error" && typ != "next") || !strings.Contains(string(payload), "BAD_USER_INPUT") {
		t.Fatalf("malformed cursor: %s %s", typ, payload)
	}
}

// TestSubscriberTooFarBehindIsTold: when the events after a cursor are no
// longer kept (here: a client resumes at a server started after they were
// pruned), the stream says so with BEHIND and completes, and the metric
// counts it; it never skips them silently.
func TestSubscriberTooFarBehindIsTold(t *testing.T) {
	e := newEnv(t, "")
	e.store.KeepEvents(5)
	_, ws, firsts := openLive(t, e, "Early", 1)
	first := firsts[0]
	for i := range 8 {
		e.ingest(t, map[string]any{"title": fmt.Sprintf("Later %d", i), "body": fmt.Sprintf("Officials said %d ships arrived.", 50+i)})
	}
	// The first server's own subscriber has seen them all, so its broker
	// has read them into memory before the log pruned them (a loaded
	// machine may otherwise prune first).
	for {
		typ, m := ws.nextLive("1")
		if typ != "next" || len(m.Errors) > 0 {
			t.Fatalf("first server's live stream: %s %+v", typ, m)
		}
		if m.Data.ArticleAnalyzed.Title == "Later 7" {
			break
		}
	}

	// A server started now, on the same database, no longer has them.
	metrics := observe.NewMetrics(observe.MetricsOptions{})
	b, err := events.NewBroker(context.Background(), e.store, events.Options{Observer: metrics})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	log := slog.New(slog.DiscardHandler)
	h, err := server.New(server.Config{Store: e.store, Ingest: &ingest.Service{Store: e.store, Analyzer: analysis.New(), Events: b, Log: log},
		Events: b, Log: log, DB: e.store})
	if err != nil {
		t.Fatal(err)
	}
	srv2 := httptest.NewServer(h)
	defer srv2.Close()
	ws2, err := dialWS(t, srv2, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	ws2.subscribe("2", `subscription($after: String) { articleAnalyzed(after: $after) { id title } }`, map[string]any{"after": first.Extensions.Cursor})
	typ, m := ws2.nextLive("2")
	if typ != "next" || len(m.Errors) != 1 || m.Errors[0].Extensions["code"] != "BEHIND" || !strings.Contains(m.Errors[0].Message, "no longer kept") {
		t.Fatalf("resuming too far back: %s %+v, want one BEHIND error", typ, m)
	}
	if typ, _ := ws2.next("2"); typ != "complete" {
		t.Fatalf("after BEHIND: %s, want complete", typ)
	}
	families, err := metrics.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	var counted float64
	for _, f := range families {
		if f.GetName() == "factgraph_graphql_subscriptions_behind_total" {
			counted = f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	if counted != 1 {
		t.Fatalf("subscriptions_behind_total = %v, want 1", counted)
	}
	// The first server still holds them in memory and serves them.
	ws.subscribe("3", `subscription($after: String) { articleAnalyzed(after: $after) { id title } }`, map[string]any{"after": first.Extensions.Cursor})
	if typ, m := ws.nextLive("3"); typ != "next" || len(m.Errors) > 0 || m.Data.ArticleAnalyzed.Title == "" {
		t.Fatalf("resuming on the first server: %s %+v", typ, m)
	}
}
