package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"
)

// writeNews writes n synthetic news articles as JSON Lines.
func writeNews(t *testing.T, n int) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), fmt.Sprintf("news-%d.jsonl", n))
	if err := writeSynthetic(file, n, 7); err != nil {
		t.Fatal(err)
	}
	return file
}

// ingestRun runs `factgraph ingest` in this process and returns its
// standard output and error.
func ingestRun(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"ingest", "-log-level", "warn"}, args...), &out, &errOut)
	return out.String(), errOut.String(), err
}

// dumpStore reads everything ingest decides, in a canonical order, leaving
// out only the clock: ingest times and when a change was recorded.
func dumpStore(t *testing.T, db string) string {
	t.Helper()
	conn, err := sql.Open("sqlite3", db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var b strings.Builder
	for _, q := range []string{
		"SELECT id, ingest_key, title, url, outlet, published_at, fingerprint, duplicate_of_id, analysis_version FROM articles ORDER BY id",
		"SELECT id, name, name_key, kind FROM entities ORDER BY id",
		"SELECT entity_id, alias, alias_key FROM entity_aliases ORDER BY entity_id, alias_key",
		"SELECT article_id, entity_id, ordinal FROM article_entities ORDER BY article_id, entity_id",
		"SELECT id, article_id, ordinal, cue, status, text, span_start, span_end, claim_id FROM statements ORDER BY id",
		"SELECT statement_id, entity_id, position FROM statement_speakers ORDER BY statement_id, entity_id",
		"SELECT statement_id, entity_id FROM statement_mentions ORDER BY statement_id, entity_id",
		"SELECT statement_id, position, text, entity_id FROM statement_sources ORDER BY statement_id, position",
		"SELECT id, article_id, statement_id, ordinal, value, low, high, head, unit, source_id, series_id, at, status FROM figures ORDER BY id",
		"SELECT id, key, text, status FROM claims ORDER BY id",
		"SELECT id, key, label, head, unit, low, high, status, conflicting, updated_at FROM series ORDER BY id",
		"SELECT claim_id, article_id, from_status, to_status FROM claim_changes ORDER BY id",
		"SELECT seq, article_id, claim_ids, series_ids FROM live_events ORDER BY seq",
	} {
		rows, err := conn.Query(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		n := 0
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, vals...)
			n++
		}
		rows.Close()
		fmt.Fprintf(&b, "-- %d rows: %s\n", n, q)
	}
	return b.String()
}

// firstDifference shows where two dumps part.
func firstDifference(a, b string) string {
	la, lb := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(la), len(lb)) {
		if la[i] != lb[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d", len(la), len(lb))
}

// TestBulkIngestParallelMatchesSequential ingests the same synthetic news
// one article per transaction with one analysis at a time, and in batches
// with parallel analysis: everything stored is the same, row for row. A
// re-run over the file stores nothing and changes nothing.
func TestBulkIngestParallelMatchesSequential(t *testing.T) {
	file := writeNews(t, 300)
	dir := t.TempDir()
	seq, par := filepath.Join(dir, "seq.db"), filepath.Join(dir, "par.db")
	if out, errOut, err := ingestRun(t, "-db", seq, "-workers", "1", "-batch", "1", file); err != nil ||
		!strings.Contains(out, "created 300, already stored 0, failed 0") {
		t.Fatalf("sequential: %v\n%s%s", err, lastLine(out), errOut)
	}
	if out, errOut, err := ingestRun(t, "-db", par, "-workers", "4", "-batch", "64", file); err != nil ||
		!strings.Contains(out, "created 300, already stored 0, failed 0") {
		t.Fatalf("parallel: %v\n%s%s", err, lastLine(out), errOut)
	}
	want := dumpStore(t, seq)
	if got := dumpStore(t, par); got != want {
		t.Fatalf("parallel batched ingest stored something else than sequential ingest: %s", firstDifference(want, got))
	}
	if !strings.Contains(want, "-- 300 rows: SELECT seq") {
		t.Fatalf("not every new article was announced on the live log")
	}

	out, errOut, err := ingestRun(t, "-db", par, "-batch", "64", file)
	if err != nil || !strings.Contains(out, "created 0, already stored 300, failed 0") {
		t.Fatalf("re-run: %v\n%s%s", err, lastLine(out), errOut)
	}
	if got := dumpStore(t, par); got != want {
		t.Fatalf("a re-run changed the store: %s", firstDifference(want, got))
	}
}

func lastLine(s string) string {
	s = strings.TrimRight(s, "\n")
	return s[strings.LastIndexByte(s, '\n')+1:] + "\n"
}

// TestBulkIngestBadArticleInBatch puts articles the database refuses (a
// trigger stands in for any failure inside the transaction) and an object
// that is no article in the middle of batches: each fails alone, with
// nothing of it stored, and every other article of the batch is stored.
func TestBulkIngestBadArticleInBatch(t *testing.T) {
	src := writeNews(t, 40)
	raw, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	var poisoned []string
	for _, i := range []int{5, 23} {
		var a map[string]any
		if err := json.Unmarshal([]byte(lines[i]), &a); err != nil {
			t.Fatal(err)
		}
		poisoned = append(poisoned, a["url"].(string))
	}
	lines = append(lines[:12], append([]string{`{"title": 7, "body": "The union said 3,000 dockers walked out."}`}, lines[12:]...)...)
	file := filepath.Join(t.TempDir(), "mixed.jsonl")
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(t.TempDir(), "bad.db")
	if _, errOut, err := ingestRun(t, "-db", db, "-batch", "1", writeNews(t, 1)); err != nil { // creates the schema
		t.Fatal(err, errOut)
	}
	exec1(t, db, fmt.Sprintf(`CREATE TRIGGER refuse BEFORE INSERT ON statements
		WHEN (SELECT url FROM articles WHERE id = NEW.article_id) IN ('%s', '%s')
		BEGIN SELECT RAISE(ABORT, 'refused by test'); END`, poisoned[0], poisoned[1]))

	out, errOut, err := ingestRun(t, "-db", db, "-batch", "16", file)
	if err == nil || !strings.Contains(out, "created 37, already stored 1, failed 3") {
		t.Fatalf("err %v, summary %s%s", err, lastLine(out), errOut)
	}
	if !strings.Contains(errOut, "article 12: ") || strings.Count(errOut, "\n") != 3 {
		t.Fatalf("stderr should name the three failed articles:\n%s", errOut)
	}
	for _, url := range poisoned {
		if n := count(t, db, "SELECT COUNT(*) FROM articles WHERE url = ?", url); n != 0 {
			t.Fatalf("the refused article %s is stored (%d rows)", url, n)
		}
	}
	if n := count(t, db, "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.article_id = a.id)"); n != 0 {
		t.Fatalf("%d articles were stored without their statements", n)
	}

	exec1(t, db, "DROP TRIGGER refuse")
	out, errOut, err = ingestRun(t, "-db", db, "-batch", "16", file)
	if err == nil || !strings.Contains(out, "created 2, already stored 38, failed 1") {
		t.Fatalf("re-run: err %v, summary %s%s", err, lastLine(out), errOut)
	}
}

func exec1(t *testing.T, db, stmt string) {
	t.Helper()
	conn, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.Exec(stmt); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, db, q string, args ...any) int {
	t.Helper()
	conn, err := sql.Open("sqlite3", db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestBulkIngestStreams ingests files far larger than the memory the run
// may use: the same article again and again, so that after the first one
// every batch is found stored and the run measures reading alone. The peak
// heap of a 110 MB file is that of an 11 MB one, where reading the file
// whole would take its size several times over.
func TestBulkIngestStreams(t *testing.T) {
	dir := t.TempDir()
	small, smallSize := repeatedArticles(t, dir, 4500)
	big, bigSize := repeatedArticles(t, dir, 45000)
	smallPeak := peakHeapOfIngest(t, filepath.Join(dir, "small.db"), small)
	bigPeak := peakHeapOfIngest(t, filepath.Join(dir, "big.db"), big)
	t.Logf("peak heap in use: %d MB for %d MB, %d MB for %d MB", smallPeak>>20, smallSize>>20, bigPeak>>20, bigSize>>20)
	if bigSize < 100<<20 || bigPeak > smallPeak+16<<20 || bigPeak > uint64(bigSize/2) {
		t.Fatalf("peak heap grew from %d MB to %d MB as the file grew from %d MB to %d MB", smallPeak>>20, bigPeak>>20, smallSize>>20, bigSize>>20)
	}
}

// repeatedArticles writes a JSON array of n copies of one article.
func repeatedArticles(t *testing.T, dir string, n int) (string, int64) {
	t.Helper()
	file := filepath.Join(dir, fmt.Sprintf("repeated-%d.json", n))
	f, err := os.Create(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	body := strings.Repeat("The union said 3,000 dockers walked out of the port on Monday. ", 40)
	bw.WriteString("[\n")
	for i := range n {
		if i > 0 {
			bw.WriteString(",\n")
		}
		fmt.Fprintf(bw, `{"title": "Port strike", "url": "https://news.example/port", "body": %q}`, body)
	}
	bw.WriteString("\n]\n")
	if err := bw.Flush(); err != nil {
		t.Fatal(err)
	}
	st, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	return file, st.Size()
}

// peakHeapOfIngest ingests file into db and samples the heap meanwhile.
func peakHeapOfIngest(t *testing.T, db, file string) uint64 {
	t.Helper()
	runtime.GC()
	var peak atomic.Uint64
	stop := make(chan struct{})
	var sampled sync.WaitGroup
	sampled.Go(func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapInuse > peak.Load() {
				peak.Store(ms.HeapInuse)
			}
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	})
	var errOut bytes.Buffer
	err := run(context.Background(), []string{"ingest", "-log-level", "warn", "-db", db, file}, io.Discard, &errOut)
	close(stop)
	sampled.Wait()
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	return peak.Load()
}

// TestBulkIngestSurvivesKill kills an ingest process (SIGKILL, no chance to
// clean up) once it has reported some articles stored: every one it
// reported is in the database with all its rows, and a re-run completes
// the file to exactly what an uninterrupted run stores.
func TestBulkIngestSurvivesKill(t *testing.T) {
	file := writeNews(t, 400)
	dir := t.TempDir()
	db := filepath.Join(dir, "killed.db")
	cmd := exec.Command(os.Args[0], "ingest", "-log-level", "warn", "-batch", "25", "-db", db, file)
	cmd.Env = append(os.Environ(), "FACTGRAPH_TEST_RUN_COMMAND=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var reported []int
	sc := bufio.NewScanner(stdout)
	for sc.Scan() && len(reported) < 120 {
		var name, title, created string
		var i int
		if _, err := fmt.Sscanf(strings.ReplaceAll(sc.Text(), "\t", " "), "%s %d %s %s", &name, &i, &created, &title); err == nil && created == "created=true" {
			reported = append(reported, i)
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if len(reported) < 120 {
		t.Fatalf("the process reported %d articles before it ended", len(reported))
	}
	stored := count(t, db, "SELECT COUNT(*) FROM articles")
	if stored < len(reported) || stored == 400 {
		t.Fatalf("reported %d, stored %d of 400: want every reported article stored and the run cut short", len(reported), stored)
	}
	for _, i := range reported {
		if n := count(t, db, "SELECT COUNT(*) FROM articles WHERE url = ?", fmt.Sprintf("https://synthetic.example/%d", i)); n != 1 {
			t.Fatalf("article %d was reported stored but is not", i)
		}
	}
	if got := count(t, db, "SELECT COUNT(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM statements s WHERE s.article_id = a.id)"); got != 0 {
		t.Fatalf("%d articles are stored without their statements", got)
	}

	out, errOut, err := ingestRun(t, "-db", db, "-batch", "25", file)
	if err != nil || !strings.Contains(out, fmt.Sprintf("created %d, already stored %d, failed 0", 400-stored, stored)) {
		t.Fatalf("re-run: %v\n%s%s", err, lastLine(out), errOut)
	}
	whole := filepath.Join(dir, "whole.db")
	if _, errOut, err := ingestRun(t, "-db", whole, "-batch", "25", file); err != nil {
		t.Fatal(err, errOut)
	}
	if got, want := dumpStore(t, db), dumpStore(t, whole); got != want {
		t.Fatalf("killed and resumed differs from one run: %s", firstDifference(want, got))
	}
}
