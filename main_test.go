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

// TestBulkIngestNamesWhatItCannotRead shows what a file in another format
// gets: the keys that were not understood, or that there was nothing in
// it, and never a success that stored nothing.
func TestBulkIngestNamesWhatItCannotRead(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "formats.db")
	for _, c := range []struct {
		name, content string
		want          []string
	}{
		{"empty.json", "", []string{"empty.json holds no articles"}},
		{"blank.jsonl", "\n  \n", []string{"blank.jsonl holds no articles"}},
		{"array.json", "[]", []string{"array.json holds no articles"}},
		{"headline.json", `{"headline": "Dam breach", "text": "Officials said 40 homes were flooded."}`,
			[]string{`unknown keys "headline", "text" and no "title" or "body"`, `"publishedAt"`}},
		{"lines.jsonl", `{"title": "Dam breach", "Text": "Officials said 40 homes were flooded."}` + "\n",
			[]string{`article 0: unknown keys "Text" and no "body"`}},
	} {
		file := filepath.Join(dir, c.name)
		if err := os.WriteFile(file, []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		var out, errOut bytes.Buffer
		err := run(context.Background(), []string{"ingest", "-db", db, "-log-level", "warn", file}, &out, &errOut)
		msg := errOut.String()
		if err != nil {
			msg += err.Error()
		}
		if err == nil || strings.Contains(msg, "title must not be empty") {
			t.Errorf("%s: err %v, printed %q", c.name, err, msg)
		}
		for _, w := range c.want {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: printed %q, want %q", c.name, msg, w)
			}
		}
	}

	// Keys of other tools next to a whole article (corpus files carry
	// labels) are no reason to refuse it.
	file := filepath.Join(dir, "labelled.json")
	if err := os.WriteFile(file, []byte(`{"id": "d1", "title": "Dam breach", "body": "Officials said 40 homes were flooded.", "Published": "2025-04-01", "figures": []}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	if err := run(context.Background(), []string{"ingest", "-db", db, "-log-level", "warn", file}, &out, &errOut); err != nil ||
		!strings.Contains(out.String(), "created 1, already stored 0, failed 0") {
		t.Fatalf("labelled article: %v\n%s%s", err, out.String(), errOut.String())
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
