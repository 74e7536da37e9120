package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"reflect"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/ingest"
	"github.com/factgraph/factgraph/internal/storage"
)

// articleFile is one article in a bulk file. It accepts the field names of
// the GraphQL input and of common corpus formats ("published").
type articleFile struct {
	Title       string  `json:"title"`
	Body        string  `json:"body"`
	URL         *string `json:"url"`
	Outlet      *string `json:"outlet"`
	PublishedAt *string `json:"publishedAt"`
	Published   *string `json:"published"`

	// unknown are the object's keys that name no field above, kept to
	// explain an article that lacks a title or body.
	unknown []string
	// decodeErr is why the object is no article (a field of the wrong
	// type); the rest of its file is still read.
	decodeErr error
}

// articleKeys are the keys an article object may have, as its JSON tags
// name them.
var articleKeys = func() []string {
	t := reflect.TypeFor[articleFile]()
	var keys []string
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("json"); tag != "" {
			keys = append(keys, tag)
		}
	}
	return keys
}()

// runIngest stores articles from files: each holds one JSON object, a JSON
// array of objects, or one object per line (JSON Lines). "-" reads stdin.
// Files are read as streams, analysed in parallel and stored in batches;
// see ingest.Bulk.
func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := commandFlags("factgraph ingest", "usage: factgraph ingest [flags] FILE...  (JSON object, array or JSON Lines; - for stdin)", stderr)
	o.register(fs)
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (for go tool pprof)")
	workers := fs.Int("workers", runtime.GOMAXPROCS(0), "articles analysed at once")
	batch := fs.Int("batch", 200, "articles stored per transaction")
	progressFlag := fs.String("progress", "auto", "show progress on standard error: auto (when it is a terminal), always or never")
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf(fs, "ingest: no files given")
	}
	if *workers < 1 || *batch < 1 {
		return usageErrorf(fs, "ingest: -workers and -batch must be at least 1")
	}
	showProgress := *progressFlag == "always"
	switch *progressFlag {
	case "auto":
		showProgress = isTerminal(stderr)
	case "always", "never":
	default:
		return usageErrorf(fs, "ingest: bad -progress %q: want auto, always or never", *progressFlag)
	}
	if *cpuProfile != "" {
		stop, err := startCPUProfile(*cpuProfile)
		if err != nil {
			return err
		}
		defer stop()
	}
	o.db = storage.ForBulkLoad(o.db)
	store, log, err := o.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	svc := &ingest.Service{Store: store, Analyzer: analysis.New(), Log: log}
	// New articles' events go to the log, for the subscribers of servers
	// on the same database.
	bulk := &ingest.Bulk{Service: svc, Store: store, Workers: *workers, Batch: *batch, Announce: true}
	var tally ingestTally
	tally.start = time.Now()
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	for _, name := range fs.Args() {
		if err := ingestFile(ctx, bulk, name, out, stderr, &tally, showProgress); err != nil {
			out.Flush()
			fmt.Fprintln(stdout, tally.summary())
			return err
		}
	}
	fmt.Fprintln(out, tally.summary())
	if tally.failed > 0 {
		return fmt.Errorf("%d articles failed", tally.failed)
	}
	return nil
}

// ingestTally counts outcomes over all files of a run.
type ingestTally struct {
	created, existing, failed int
	start                     time.Time
}

func (t *ingestTally) done() int { return t.created + t.existing + t.failed }

func (t *ingestTally) summary() string {
	took := time.Since(t.start)
	return fmt.Sprintf("created %d, already stored %d, failed %d in %s (%.0f articles/s)",
		t.created, t.existing, t.failed, took.Round(10*time.Millisecond), float64(t.done())/max(took.Seconds(), 1e-9))
}

// ingestFile streams one file through bulk, printing a line per article on
// out once it is stored (or found stored) and failures on stderr.
func ingestFile(ctx context.Context, bulk *ingest.Bulk, name string, out *bufio.Writer, stderr io.Writer, tally *ingestTally, showProgress bool) error {
	r, closeFile, size, err := openInput(name)
	if err != nil {
		return err
	}
	defer closeFile()
	total := -1
	if showProgress && size > 0 {
		if n, err := countArticles(name); err == nil {
			total = n
		}
	}
	src, err := newArticleStream(name, r)
	if err != nil {
		return err
	}
	var prog *progress
	if showProgress {
		prog = newProgress(stderr, int64(total))
	}
	items := 0
	next := func() (ingest.Item, error) {
		af, err := src.next()
		if err != nil {
			return ingest.Item{}, err
		}
		it := ingest.Item{Index: items}
		items++
		it.In, it.Err = af.toNew()
		return it, nil
	}
	err = bulk.Run(ctx, next, func(o ingest.Outcome) {
		if o.Err != nil {
			tally.failed++
			out.Flush()
			fmt.Fprintf(stderr, "%s: article %d: %s\n", name, o.Index, domain.ErrorMessage(o.Err))
		} else {
			if o.Created {
				tally.created++
			} else {
				tally.existing++
			}
			fmt.Fprintf(out, "%s\t%d\tcreated=%t\t%s\n", name, o.Index, o.Created, o.Article.Title)
		}
		if prog != nil {
			prog.update(int64(o.Index + 1))
		}
	})
	if prog != nil {
		prog.finish(int64(items))
	}
	if err == nil && items == 0 {
		err = fmt.Errorf("%s holds no articles: want a JSON object, an array of objects or one object per line", name)
	}
	return err
}
func (a articleFile) toNew() (domain.NewArticle, error) {
	in := domain.NewArticle{Title: a.Title, Body: a.Body, URL: a.URL, Outlet: a.Outlet}
	if a.decodeErr != nil {
		return in, domain.Errorf(domain.EINVALID, "%v", a.decodeErr)
	}
	if len(a.unknown) > 0 && (a.Title == "" || a.Body == "") {
		// Most likely another corpus format: say which keys were not
		// understood rather than that the title is empty.
		return in, domain.Errorf(domain.EINVALID, "unknown keys %s and no %s; an article has %s",
			quoteList(a.unknown), missingKeys(a), quoteList(articleKeys))
	}
	pub := a.PublishedAt
	if pub == nil {
		pub = a.Published
	}
	if pub != nil && *pub != "" {
		t, err := time.Parse(time.RFC3339, *pub)
		if err != nil {
			t, err = time.Parse(time.DateOnly, *pub)
		}
		if err != nil {
			return in, domain.Errorf(domain.EINVALID, "published %q is neither RFC 3339 nor YYYY-MM-DD", *pub)
		}
		t = t.UTC()
		in.PublishedAt = &t
	}
	return in, nil
}

// openInput opens a named file, or stdin for "-", and tells its size when
// it is a regular file (0 otherwise).
func openInput(name string) (io.Reader, func(), int64, error) {
	if name == "-" {
		return os.Stdin, func() {}, 0, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("read %s: %w", name, err)
	}
	var size int64
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return f, func() { f.Close() }, size, nil
}

// articleStream reads articles one at a time from a JSON object, a JSON
// array of objects or JSON Lines, holding one article in memory at a time.
type articleStream struct {
	name  string
	dec   *json.Decoder
	array bool
	n     int
}

// newArticleStream looks at the first character of r to tell an array
// from objects.
func newArticleStream(name string, r io.Reader) (*articleStream, error) {
	br := bufio.NewReaderSize(r, 1<<20)
	s := &articleStream{name: name}
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", name, err)
		}
		if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
			continue
		}
		_ = br.UnreadByte()
		s.array = c == '['
		break
	}
	s.dec = json.NewDecoder(br)
	if s.array {
		if _, err := s.dec.Token(); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return s, nil
}

// next returns the next article, io.EOF after the last one, or an error
// that ends the file (its JSON is broken). An article whose object decodes
// but does not fit comes back with toNew's error set by the caller.
func (s *articleStream) next() (articleFile, error) {
	var a articleFile
	if s.array && !s.dec.More() {
		if _, err := s.dec.Token(); err != nil {
			return a, fmt.Errorf("%s: after article %d: %w", s.name, s.n-1, err)
		}
		if _, err := s.dec.Token(); err != io.EOF {
			return a, fmt.Errorf("%s: unexpected content after the array", s.name)
		}
		return a, io.EOF
	}
	var raw json.RawMessage
	if err := s.dec.Decode(&raw); err != nil {
		if err == io.EOF && !s.array {
			return a, io.EOF
		}
		return a, fmt.Errorf("%s: article %d: %w", s.name, s.n, err)
	}
	s.n++
	if err := decodeArticle(raw, &a); err != nil {
		a = articleFile{decodeErr: err}
	}
	return a, nil
}

// countArticles counts the top-level objects of a file (an array's
// elements, or the objects of JSON Lines) without decoding them, for the
// progress total: a scan at the speed of the disk.
func countArticles(name string) (int, error) {
	f, err := os.Open(name)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<20)
	n, depth, base := 0, 0, -1
	inString, escaped := false, false
	for {
		c, err := br.ReadByte()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			if base < 0 {
				base = 0
				if c == '[' {
					base = 1
				}
			}
			if c == '{' && depth == base {
				n++
			}
			depth++
		case c == '}' || c == ']':
			depth--
		}
	}
}

// decodeArticle decodes one article object and notes its unknown keys,
// matched as encoding/json matches them (ignoring case).
func decodeArticle(raw []byte, a *articleFile) error {
	if err := json.Unmarshal(raw, a); err != nil {
		return err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return err
	}
	for k := range fields {
		if !slices.ContainsFunc(articleKeys, func(known string) bool { return strings.EqualFold(k, known) }) {
			a.unknown = append(a.unknown, k)
		}
	}
	slices.Sort(a.unknown)
	return nil
}

// missingKeys names the required keys a lacks.
func missingKeys(a articleFile) string {
	switch {
	case a.Title == "" && a.Body == "":
		return `"title" or "body"`
	case a.Title == "":
		return `"title"`
	}
	return `"body"`
}

// quoteList reads `"a", "b", "c"`.
func quoteList(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = strconv.Quote(k)
	}
	return strings.Join(q, ", ")
}

// startCPUProfile profiles the process into name until stop is called.
func startCPUProfile(name string) (stop func(), err error) {
	f, err := os.Create(name)
	if err != nil {
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, fmt.Errorf("cpu profile: %w", err)
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}
