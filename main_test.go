package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestBulkIngestIsIdempotent(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "bulk.db")
	jsonl := `{"title": "Dam breach", "body": "Officials said 40 homes were flooded.", "published": "2025-04-01"}
{"title": "Port strike", "body": "The union said 3,000 dockers walked out.", "url": "https://news.example/port", "publishedAt": "2025-04-02T09:00:00Z"}
`
	file := filepath.Join(dir, "articles.jsonl")
	if err := os.WriteFile(file, []byte(jsonl), 0o644); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"created 2, already stored 0, failed 0", "created 0, already stored 2, failed 0"} {
		var out, errOut bytes.Buffer
		if err := run(context.Background(), []string{"ingest", "-db", db, "-log-level", "warn", file}, &out, &errOut); err != nil {
			t.Fatalf("run %d: %v\n%s", i, err, errOut.String())
		}
		if !strings.Contains(out.String(), want) {
			t.Fatalf("run %d printed %q, want %q", i, out.String(), want)
		}
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"title": "", "body": "x"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"ingest", "-db", db, bad}, &out, &errOut)
	if err == nil || !strings.Contains(errOut.String(), "title must not be empty") {
		t.Fatalf("bad file: err %v, stderr %q", err, errOut.String())
	}
}

func TestServeShutsDownOnSignal(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	logs := &lockedBuffer{}
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", "127.0.0.1:0", "-db", filepath.Join(t.TempDir(), "s.db")}, io.Discard, logs)
	}()
	time.Sleep(500 * time.Millisecond)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
		if got := logs.String(); !strings.Contains(got, "factgraph listening") || !strings.Contains(got, "msg=stopped") {
			t.Fatalf("logs lack start or graceful stop:\n%s", got)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop")
	}
}

func TestFlagsAndEnvironment(t *testing.T) {
	t.Setenv("FACTGRAPH_LOG_FORMAT", "yaml")
	var out, errOut bytes.Buffer
	err := run(context.Background(), []string{"-db", filepath.Join(t.TempDir(), "x.db")}, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "bad -log-format") {
		t.Fatalf("env FACTGRAPH_LOG_FORMAT=yaml: err %v", err)
	}
	if got := redactDSN("postgres://u:secret@db:5432/f"); strings.Contains(got, "secret") {
		t.Fatalf("redactDSN leaked the password: %s", got)
	}
}

// lockedBuffer lets the server log while the test reads.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestShutdownDrainsSubscriptions shows what a subscriber sees when the
// server stops: its stream completes cleanly instead of being cut off, and
// the server exits once it has.
func TestShutdownDrainsSubscriptions(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-addr", addr, "-db", filepath.Join(t.TempDir(), "d.db"), "-auth", "off", "-access-log=false"}, io.Discard, io.Discard)
	}()
	var resp *http.Response
	for i := 0; ; i++ {
		req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/query", strings.NewReader(`{"query":"subscription { articleAnalyzed { id } }"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "text/event-stream")
		resp, err = http.DefaultClient.Do(req)
		if err == nil {
			break
		}
		if i > 100 {
			t.Fatalf("server did not come up: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
	defer resp.Body.Close()
	sc := bufio.NewScanner(resp.Body)
	if !sc.Scan() || sc.Text() != ":" {
		t.Fatalf("stream did not open: %q", sc.Text())
	}
	cancel() // as SIGTERM does
	completed := false
	for sc.Scan() {
		if sc.Text() == "event: complete" {
			completed = true
		}
	}
	if !completed {
		t.Fatalf("the subscription ended without a complete event (%v)", sc.Err())
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("server did not stop after draining")
	}
}
