// Package feed reads the three syndication formats outlets publish, RSS 2.0,
// Atom 1.0 and JSON Feed 1.0/1.1, into one shape. It does no I/O: the poller
// hands it the bytes it fetched, so every format and every malformed input
// can be tested from fixtures.
package feed

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"golang.org/x/net/html/charset"
)

// Format names the syndication format a document was written in, for logs
// and for the feed's stored state.
type Format string

// The formats Parse reads.
const (
	RSS      Format = "rss"
	Atom     Format = "atom"
	JSONFeed Format = "json"
)

// Feed is what the poller needs of a feed document: its title, for listing
// feeds, and its entries.
type Feed struct {
	Format Format
	Title  string
	// Link is the site the feed belongs to, when the feed names it.
	Link  string
	Items []Item
}

// Item is one entry of a feed, whatever the format called its fields.
type Item struct {
	// Key identifies the entry within its feed across polls: the guid or
	// id, else the link, else the title and date. A poller stores the keys
	// it has seen so that an entry is taken once even when its link or
	// text changes.
	Key   string
	Link  string
	Title string
	// Published is when the outlet first published the entry; zero when
	// the feed does not say. Updated is the last change, when given.
	Published time.Time
	Updated   time.Time
	Author    string
	// Content is the entry's full body when the feed carries one
	// (content:encoded, Atom content, content_html or content_text); it may
	// hold HTML. Summary is the shorter description or summary.
	Content string
	Summary string
}

// ErrMalformed is wrapped by every error about a document that is not a
// readable feed, so callers can tell it from a failed fetch.
var ErrMalformed = errors.New("malformed feed")

func malformed(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrMalformed, fmt.Sprintf(format, a...))
}

// Parse reads a feed document in any of the three formats, telling them
// apart by content (a JSON object, or the XML root element) rather than by
// the Content-Type header, which outlets often get wrong.
func Parse(body []byte) (*Feed, error) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")))
	if len(trimmed) == 0 {
		return nil, malformed("the document is empty")
	}
	var (
		f   *Feed
		err error
	)
	if trimmed[0] == '{' {
		f, err = parseJSON(trimmed)
	} else {
		f, err = parseXML(trimmed)
	}
	if err != nil {
		return nil, err
	}
	for i := range f.Items {
		f.Items[i].fillKey()
	}
	return f, nil
}

// fillKey gives an entry without guid or id a key from what it has.
func (it *Item) fillKey() {
	it.Key = strings.TrimSpace(it.Key)
	switch {
	case it.Key != "":
	case it.Link != "":
		it.Key = it.Link
	default:
		date := ""
		if !it.Published.IsZero() {
			date = it.Published.UTC().Format(time.RFC3339)
		}
		it.Key = "title:" + it.Title + "|" + date
	}
}

// xmlDecoder reads XML in any charset an outlet declares.
func xmlDecoder(body []byte) *xml.Decoder {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.CharsetReader = charset.NewReaderLabel
	return d
}

// parseXML finds the root element and reads the document as RSS or Atom.
func parseXML(body []byte) (*Feed, error) {
	d := xmlDecoder(body)
	var root xml.StartElement
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return nil, malformed("not XML or JSON: no element found")
		}
		if err != nil {
			return nil, malformed("not XML or JSON: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			root = se
			break
		}
	}
	switch {
	case root.Name.Local == "rss":
		return parseRSS(body)
	case root.Name.Local == "feed" && (root.Name.Space == atomNS || root.Name.Space == ""):
		return parseAtom(body)
	}
	return nil, malformed("root element <%s> is neither an RSS <rss> nor an Atom <feed>", root.Name.Local)
}

// decodeXML decodes the whole document into v, wrapping syntax errors.
func decodeXML(body []byte, v any, format Format) error {
	if err := xmlDecoder(body).Decode(v); err != nil {
		return malformed("bad %s document: %v", format, err)
	}
	return nil
}

// text is the trimmed character data of an element.
func text(s string) string { return strings.TrimSpace(s) }

// jsonString accepts a JSON string or number, since JSON Feed 1.0 let
// publishers write ids as numbers.
type jsonString string

func (s *jsonString) UnmarshalJSON(b []byte) error {
	var str string
	if err := json.Unmarshal(b, &str); err == nil {
		*s = jsonString(str)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a string or a number, got %s", b)
	}
	*s = jsonString(n.String())
	return nil
}
