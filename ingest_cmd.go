package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/factgraph/factgraph/internal/analysis"
	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/events"
	"github.com/factgraph/factgraph/internal/ingest"
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
func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var o options
	fs := flag.NewFlagSet("factgraph ingest", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: factgraph ingest [flags] FILE...  (JSON object, array or JSON Lines; - for stdin)")
		fs.PrintDefaults()
	}
	if err := parseFlags(fs, args, stdout); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usageErrorf(fs, "ingest: no files given")
	}
	store, log, err := o.openStore(ctx, stderr)
	if err != nil {
		return err
	}
	defer store.Close()
	// Events go to the log, for the subscribers of servers on the same
	// database.
	svc := &ingest.Service{Store: store, Analyzer: analysis.New(), Events: events.Recorder{Log: store}, Log: log}
	var created, existing, failed int
	for _, name := range fs.Args() {
		arts, err := readArticles(name)
		if err != nil {
			return err
		}
		for i, af := range arts {
			in, err := af.toNew()
			if err == nil {
				var a *domain.Article
				var isNew bool
				a, isNew, err = svc.Ingest(ctx, in)
				if err == nil {
					if isNew {
						created++
					} else {
						existing++
					}
					fmt.Fprintf(stdout, "%s\t%d\tcreated=%t\t%s\n", name, i, isNew, a.Title)
					continue
				}
			}
			failed++
			fmt.Fprintf(stderr, "%s: article %d: %s\n", name, i, domain.ErrorMessage(err))
			if ctx.Err() != nil {
				return ctx.Err()
			}
		}
	}
	fmt.Fprintf(stdout, "created %d, already stored %d, failed %d\n", created, existing, failed)
	if failed > 0 {
		return fmt.Errorf("%d articles failed", failed)
	}
	return nil
}

func (a articleFile) toNew() (domain.NewArticle, error) {
	in := domain.NewArticle{Title: a.Title, Body: a.Body, URL: a.URL, Outlet: a.Outlet}
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

func readArticles(name string) ([]articleFile, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(os.Stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	arts, err := parseArticles(name, data)
	if err == nil && len(arts) == 0 {
		err = fmt.Errorf("%s holds no articles: want a JSON object, an array of objects or one object per line", name)
	}
	return arts, err
}

// parseArticles reads a JSON object, a JSON array of objects or JSON Lines.
func parseArticles(name string, data []byte) ([]articleFile, error) {
	trimmed := bytes.TrimSpace(data)
	switch {
	case len(trimmed) == 0:
		return nil, nil
	case bytes.HasPrefix(trimmed, []byte("[")):
		var raws []json.RawMessage
		if err := json.Unmarshal(trimmed, &raws); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		arts := make([]articleFile, len(raws))
		for i, raw := range raws {
			if err := decodeArticle(raw, &arts[i]); err != nil {
				return nil, fmt.Errorf("%s: article %d: %w", name, i, err)
			}
		}
		return arts, nil
	case json.Valid(trimmed):
		var a articleFile
		if err := decodeArticle(trimmed, &a); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		return []articleFile{a}, nil
	}
	var arts []articleFile
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 16*domain.MaxBodyBytes)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var a articleFile
		if err := decodeArticle([]byte(line), &a); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
		arts = append(arts, a)
	}
	return arts, sc.Err()
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
