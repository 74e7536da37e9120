package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/factgraph/factgraph/internal/synth"
)

// runBench generates synthetic news and measures bulk ingest of it at
// several sizes, each into a fresh SQLite file by a child `factgraph
// ingest`, so that its peak memory is its own.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := commandFlags("factgraph bench", "usage: factgraph bench [flags]  (generates synthetic news and measures bulk ingest)", stderr)
	sizes := fs.String("sizes", "1000,10000", "comma-separated numbers of articles to ingest, each into a fresh database")
	dir := fs.String("dir", "", "folder for the generated files and databases (a temporary one, removed after, when empty)")
	write := fs.String("write", "", "only write -n generated articles to this JSON Lines file and exit")
	n := fs.Int("n", 1000, "with -write: how many articles")
	seed := fs.Uint64("seed", 1, "generator seed: the same seed writes the same articles")
	binary := fs.String("binary", "", "the factgraph binary whose ingest is measured (this one when empty), to compare builds")
	ingestArgs := fs.String("ingest-flags", "", "extra flags for each `factgraph ingest` run, space-separated")
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageErrorf(fs, "bench: unexpected argument %q", fs.Arg(0))
	}
	if *write != "" {
		return writeSynthetic(*write, *n, *seed)
	}
	var ns []int
	for _, f := range strings.Split(*sizes, ",") {
		v, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || v <= 0 {
			return usageErrorf(fs, "bench: bad -sizes %q", *sizes)
		}
		ns = append(ns, v)
	}
	work := *dir
	if work == "" {
		tmp, err := os.MkdirTemp("", "factgraph-bench-")
		if err != nil {
			return fmt.Errorf("bench: %w", err)
		}
		defer os.RemoveAll(tmp)
		work = tmp
	}
	exe := *binary
	if exe == "" {
		var err error
		if exe, err = os.Executable(); err != nil {
			return fmt.Errorf("bench: find own binary: %w", err)
		}
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "articles\tinput MB\tseconds\tarticles/s\tDB bytes/article\tpeak RSS MB\t")
	for _, size := range ns {
		file := filepath.Join(work, fmt.Sprintf("synthetic-%d.jsonl", size))
		if err := writeSynthetic(file, size, *seed); err != nil {
			return err
		}
		r, err := benchIngest(ctx, exe, file, filepath.Join(work, fmt.Sprintf("bench-%d.db", size)), strings.Fields(*ingestArgs))
		if err != nil {
			return err
		}
		in, _ := os.Stat(file)
		fmt.Fprintf(tw, "%d\t%.1f\t%.1f\t%.0f\t%d\t%.0f\t\n", size, float64(in.Size())/1e6, r.took.Seconds(),
			float64(size)/r.took.Seconds(), r.dbBytes/int64(size), float64(r.maxRSS)/1024)
		_ = tw.Flush()
	}
	return tw.Flush()
}

// benchResult is one measured ingest.
type benchResult struct {
	took    time.Duration
	dbBytes int64
	maxRSS  int64 // KiB
}

// benchIngest runs `factgraph ingest` on file into a fresh db and measures
// it from outside.
func benchIngest(ctx context.Context, exe, file, db string, extra []string) (benchResult, error) {
	for _, suffix := range []string{"", "-wal", "-shm"} {
		_ = os.Remove(db + suffix)
	}
	args := append([]string{"ingest", "-db", db, "-log-level", "warn"}, extra...)
	cmd := exec.CommandContext(ctx, exe, append(args, file)...)
	var errBuf strings.Builder
	cmd.Stderr = &errBuf
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		return benchResult{}, fmt.Errorf("bench: ingest %s: %w\n%s", file, err, errBuf.String())
	}
	var r benchResult
	r.took = took
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.maxRSS = ru.Maxrss
	}
	for _, suffix := range []string{"", "-wal"} {
		if st, err := os.Stat(db + suffix); err == nil {
			r.dbBytes += st.Size()
		}
	}
	return r, nil
}

// writeSynthetic writes n synthetic news articles as JSON Lines.
func writeSynthetic(name string, n int, seed uint64) error {
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("bench: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	enc := json.NewEncoder(bw)
	w := synth.NewWriter(seed, 2000)
	for i := range n {
		a := w.News(i)
		rec := articleFile{Title: a.Title, Body: a.Body, URL: a.URL, Outlet: a.Outlet}
		if a.PublishedAt != nil {
			p := a.PublishedAt.Format(time.RFC3339)
			rec.PublishedAt = &p
		}
		if err := enc.Encode(rec); err != nil {
			f.Close()
			return fmt.Errorf("bench: write %s: %w", name, err)
		}
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return fmt.Errorf("bench: write %s: %w", name, err)
	}
	return f.Close()
}
