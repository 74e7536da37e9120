package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/99designs/gqlgen/client"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/auth"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/server"
	"github.com/factgraph/factgraph/internal/storage"
)

// TestRevokedKeyEndsItsSubscriptions runs the API under -auth all with a
// reader key holding a WebSocket and an SSE subscription, both receiving
// events; `factgraph apikey revoke` (another process's write to the same
// database) must end both within a second, each with an UNAUTHENTICATED
// message, while another key's subscription keeps running.
func TestRevokedKeyEndsItsSubscriptions(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "revoke.db")
	log := slog.New(slog.DiscardHandler)
	store, err := storage.Open(ctx, db, log)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	keys := auth.NewKeys(store, log)
	reader, readerKey, err := keys.Create(ctx, "dashboard", auth.RoleReader)
	if err != nil {
		t.Fatal(err)
	}
	other, _, err := keys.Create(ctx, "other dashboard", auth.RoleReader)
	if err != nil {
		t.Fatal(err)
	}
	editor, _, err := keys.Create(ctx, "feed", auth.RoleEditor)
	if err != nil {
		t.Fatal(err)
	}
	broker, err := events.NewBroker(ctx, store, events.Options{Log: log})
	if err != nil {
		t.Fatal(err)
	}
	defer broker.Close()
	h, err := server.New(server.Config{
		Store: store, Ingest: &ingest.Service{Store: store, Analyzer: analysis.New(), Events: broker, Log: log},
		Events: broker, Log: log, DB: store, Auth: server.AuthConfig{Mode: "all"},
	})
	if err != nil {
		t.Fatal(err)
	}
	c := client.New(h, client.Path("/query"))
	const sub = `subscription { articleAnalyzed { id title } }`
	bearer := func(s string) map[string]any { return map[string]any{"Authorization": "Bearer " + s} }

	n := 0
	ingestOne := func() {
		n++
		var resp map[string]any
		in := map[string]any{"title": fmt.Sprintf("Revocation %d", n), "body": fmt.Sprintf("Officials said %d ships arrived.", n)}
		if err := c.Post(`mutation($in: IngestArticleInput!) { ingestArticle(input: $in) { created } }`, &resp,
			client.Var("in", in), client.AddHeader("Authorization", "Bearer "+editor)); err != nil {
			t.Errorf("ingest: %v", err)
		}
	}

	ws := c.WebsocketWithPayload(sub, bearer(reader))
	defer ws.Close()
	kept := c.WebsocketWithPayload(sub, bearer(other))
	defer kept.Close()

	// gqlgen's SSE client returns once the stream has ended, with all of
	// it; it runs alongside and reports when it returned.
	type sseEnd struct {
		at   time.Time
		msgs []string
		err  error
	}
	sseDone := make(chan sseEnd, 1)
	sseCtx, cancelSSE := context.WithTimeout(ctx, 30*time.Second)
	defer cancelSSE()
	go func() {
		s := c.SSE(sseCtx, sub, client.AddHeader("Authorization", "Bearer "+reader))
		var end sseEnd
		for {
			var raw client.SSEResponse
			err := s.Next(&raw)
			if err != nil {
				end.msgs = append(end.msgs, err.Error())
			} else if raw.Data != nil {
				end.msgs = append(end.msgs, fmt.Sprint(raw.Data))
			}
			if err != nil && !strings.Contains(err.Error(), "UNAUTHENTICATED") || err == nil && raw.Data == nil {
				end.err = err
				break
			}
		}
		end.at = time.Now()
		sseDone <- end
	}()

	// Both keys' WebSockets receive events; the SSE stream is given time
	// to start and gets them too.
	var got map[string]any
	for _, s := range []*client.Subscription{ws, kept} {
		done := make(chan error, 1)
		go func() { done <- s.Next(&got) }()
	wait:
		for {
			ingestOne()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("before revocation: %v", err)
				}
				break wait
			case <-time.After(100 * time.Millisecond):
			}
		}
	}
	time.Sleep(300 * time.Millisecond)
	ingestOne()
	time.Sleep(300 * time.Millisecond)

	wsEnd := make(chan error, 1)
	go func() {
		for {
			if err := ws.Next(&got); err != nil {
				wsEnd <- err
				return
			}
		}
	}()
	revokedAt := time.Now()
	var out strings.Builder
	if err := run(ctx, []string{"apikey", "revoke", "-db", db, "-log-level", "warn", strconv.FormatInt(readerKey.ID, 10)}, &out, io.Discard); err != nil {
		t.Fatalf("apikey revoke: %v", err)
	}
	stop := make(chan struct{})
	var feeding sync.WaitGroup
	defer feeding.Wait()
	defer close(stop)
	feeding.Go(func() { // events keep coming
		for {
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
				ingestOne()
			}
		}
	})

	select {
	case err := <-wsEnd:
		took := time.Since(revokedAt)
		t.Logf("WebSocket subscription ended %v after the revocation: %v", took.Round(time.Millisecond), err)
		if !strings.Contains(err.Error(), "UNAUTHENTICATED") || !strings.Contains(err.Error(), "revoked") || took > time.Second {
			t.Fatalf("WebSocket subscription ended after %v with %v, want UNAUTHENTICATED within 1s", took, err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the WebSocket subscription of the revoked key still runs 5s after the revocation")
	}
	select {
	case end := <-sseDone:
		took := end.at.Sub(revokedAt)
		t.Logf("SSE subscription ended %v after the revocation; it received %d messages", took.Round(time.Millisecond), len(end.msgs))
		last := end.msgs[len(end.msgs)-1]
		if took > time.Second || len(end.msgs) < 2 || !strings.Contains(last, "UNAUTHENTICATED") || !strings.Contains(last, "revoked") {
			t.Fatalf("SSE stream ended after %v with %q (%v), want events then UNAUTHENTICATED within 1s", took, end.msgs, end.err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the SSE subscription of the revoked key still runs 5s after the revocation")
	}
	// The other key's subscription goes on.
	next := make(chan error, 1)
	go func() { next <- kept.Next(&got) }()
	select {
	case err := <-next:
		if err != nil {
			t.Fatalf("the other key's subscription: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the other key's subscription stopped receiving")
	}
}
