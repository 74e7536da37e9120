package feed

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func parseFixture(t *testing.T, name string) *Feed {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Parse(b)
	if err != nil {
		t.Fatalf("Parse(%s): %v", name, err)
	}
	return f
}

func wantTime(t *testing.T, what string, got time.Time, want string) {
	t.Helper()
	w, err := time.Parse(time.RFC3339, want)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Equal(w) {
		t.Errorf("%s = %s, want %s", what, got.Format(time.RFC3339), want)
	}
}

func TestRSS2(t *testing.T) {
	f := parseFixture(t, "rss2.xml")
	if f.Format != RSS || f.Title != "Harbour Town Gazette" || f.Link != "https://gazette.example/" {
		t.Fatalf("feed = %+v", f)
	}
	if len(f.Items) != 3 {
		t.Fatalf("%d items, want 3", len(f.Items))
	}
	a, b, c := f.Items[0], f.Items[1], f.Items[2]
	if a.Key != "gazette-1001" || a.Link != "https://gazette.example/2024/ferry-fares" || a.Title != "Ferry fares rise by 4 percent" {
		t.Errorf("first item = %+v", a)
	}
	wantTime(t, "first pubDate", a.Published, "2024-10-08T05:30:00Z")
	if a.Author != "Mira Holt" || a.Content != "<p>The council approved <b>higher</b> fares on Monday.</p>" || a.Summary != "The council approved higher fares." {
		t.Errorf("first item body = %+v", a)
	}
	// A permalink guid is the link; a day without leading zero and no seconds.
	if b.Link != "https://gazette.example/2024/lighthouse" || b.Title != "Lighthouse reopens & draws crowds" {
		t.Errorf("second item = %+v", b)
	}
	wantTime(t, "second pubDate", b.Published, "2024-10-09T18:05:00Z")
	if b.Summary != "<p>Hundreds queued to climb the tower.</p>" {
		t.Errorf("escaped description = %q", b.Summary)
	}
	// No guid: the link is the key; a named zone keeps its offset.
	if c.Key != "https://gazette.example/2024/storm" {
		t.Errorf("third key = %q", c.Key)
	}
	wantTime(t, "EST pubDate", c.Published, "2024-10-10T11:00:00Z")
}

func TestAtom(t *testing.T) {
	f := parseFixture(t, "atom.xml")
	if f.Format != Atom || f.Title != "Valley Ledger" || f.Link != "https://ledger.example/" {
		t.Fatalf("feed = %+v", f)
	}
	if len(f.Items) != 2 {
		t.Fatalf("%d items, want 2", len(f.Items))
	}
	a, b := f.Items[0], f.Items[1]
	if a.Key != "tag:ledger.example,2024:dam-cracks" || a.Link != "https://ledger.example/dam-cracks" || a.Author != "Olu Bassey" {
		t.Errorf("first entry = %+v", a)
	}
	wantTime(t, "published", a.Published, "2024-10-11T12:15:00Z")
	wantTime(t, "updated", a.Updated, "2024-10-11T13:00:00Z")
	if a.Content != "<p>Engineers found <em>hairline</em> cracks in the spillway.</p>" || a.Summary != "Engineers found hairline cracks." {
		t.Errorf("first entry text = %q / %q", a.Content, a.Summary)
	}
	if b.Title != "Budget <i>approved</i>" || b.Link != "https://ledger.example/budget" {
		t.Errorf("second entry = %+v", b)
	}
	// Without published, updated stands in.
	wantTime(t, "second published", b.Published, "2024-10-12T10:00:00Z")
	if !strings.Contains(b.Content, "<strong>7 to 2</strong>") {
		t.Errorf("xhtml content lost its markup: %q", b.Content)
	}
}

func TestJSONFeed(t *testing.T) {
	f := parseFixture(t, "feed11.json")
	if f.Format != JSONFeed || f.Title != "Orchard Bulletin" || f.Link != "https://bulletin.example/" || len(f.Items) != 2 {
		t.Fatalf("feed = %+v", f)
	}
	a, b := f.Items[0], f.Items[1]
	if a.Key != "bulletin-77" || a.Link != "https://bulletin.example/apple-harvest" || a.Author != "Ines Varga" ||
		a.Content != "<p>Growers picked 12 percent more apples than forecast.</p>" || a.Summary != "A strong harvest." {
		t.Errorf("first item = %+v", a)
	}
	wantTime(t, "date_published", a.Published, "2024-10-05T11:00:00Z")
	wantTime(t, "date_modified", a.Updated, "2024-10-05T12:30:00Z")
	if b.Link != "https://elsewhere.example/cider" || b.Content != "Cider makers expect a busy season." {
		t.Errorf("second item = %+v", b)
	}

	old := parseFixture(t, "feed10.json")
	if len(old.Items) != 1 || old.Items[0].Key != "4021" || old.Items[0].Author != "Sam Okafor" {
		t.Errorf("JSON Feed 1.0 = %+v", old.Items)
	}
}

func TestNonUTF8XML(t *testing.T) {
	doc := "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Caf\xe9 news</title>" +
		"<item><title>Cr\xe8me prices</title><link>https://x.example/a</link></item></channel></rss>"
	f, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if f.Title != "Café news" || f.Items[0].Title != "Crème prices" {
		t.Errorf("decoded %q / %q", f.Title, f.Items[0].Title)
	}
}

func TestMalformed(t *testing.T) {
	cases := map[string]struct{ doc, want string }{
		"empty":          {"   ", "empty"},
		"html page":      {"<!DOCTYPE html><html><body>hi</body></html>", "neither an RSS"},
		"truncated rss":  {`<rss version="2.0"><channel><title>x</title><item><title>a`, "bad rss document"},
		"plain text":     {"this is not a feed", "not XML or JSON"},
		"json not feed":  {`{"hello": "world"}`, "without a JSON Feed version"},
		"broken json":    {`{"version": "https://jsonfeed.org/version/1.1", "items": [`, "bad JSON Feed"},
		"bad id type":    {`{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": {"x": 1}}]}`, "bad JSON Feed"},
		"unclosed atom":  {`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id>`, "bad atom document"},
		"binary garbage": {"\x00\x01\x02\xff", "not XML or JSON"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			f, err := Parse([]byte(c.doc))
			if err == nil {
				t.Fatalf("no error, got %+v", f)
			}
			if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q: want ErrMalformed mentioning %q", err, c.want)
			}
		})
	}
}

func TestKeysWithoutGUIDOrLink(t *testing.T) {
	doc := `<rss version="2.0"><channel><item><title>Only a title</title><pubDate>Mon, 07 Oct 2024 10:00:00 +0000</pubDate></item></channel></rss>`
	f, err := Parse([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	if got := f.Items[0].Key; got != "title:Only a title|2024-10-07T10:00:00Z" {
		t.Errorf("key = %q", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"rss2.xml", "atom.xml", "feed11.json", "feed10.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		fd, err := Parse(b)
		if err == nil && fd == nil {
			t.Fatal("nil feed without error")
		}
		if err != nil && !errors.Is(err, ErrMalformed) {
			t.Fatalf("error not marked malformed: %v", err)
		}
	})
}
