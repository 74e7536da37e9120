// Package extract finds the article in a fetched web page: its title, its
// text without the page's navigation, adverts, captions, comments and
// related links, and its byline, publication time and canonical URL. It
// does no I/O: the page comes in as bytes.
package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
	"golang.org/x/net/publicsuffix"

	"github.com/factgraph/factgraph/internal/domain"
)

// minTextRunes is the least text a page that readability does not judge
// readable must yield to count as an article.
const minTextRunes = 280

// Article is what a page says about the article it carries.
type Article struct {
	Title string
	// Text is the article's body: paragraphs separated by blank lines.
	Text   string
	Byline string
	// CanonicalURL is the page's <link rel=canonical> when it names a
	// page of the same site, else the URL the page was fetched from: the
	// URL the article is stored under, so two links to one story meet.
	CanonicalURL string
	// Published is zero when the page does not say.
	Published time.Time
	// SiteName is the outlet's name as the page gives it (og:site_name,
	// JSON-LD publisher), or "".
	SiteName string
}

// Page extracts the article of an HTML page fetched from pageURL, sent
// with contentType (whose charset, if any, decodes it; else the page's
// own <meta charset> or a guess). A page without article text is an
// EINVALID error.
func Page(pageURL string, contentType string, body []byte) (Article, error) {
	base, err := url.Parse(pageURL)
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") {
		return Article{}, domain.Errorf(domain.EINVALID, "page URL %q is not an http(s) URL", pageURL)
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return Article{}, domain.Errorf(domain.EINVALID, "no article text was found on the page: it is empty")
	}
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return Article{}, domain.Errorf(domain.EINVALID, "the page's character encoding is not supported: %v", err)
	}
	decoded, err := io.ReadAll(r)
	if err != nil {
		return Article{}, fmt.Errorf("decode page: %w", err)
	}
	doc, err := html.Parse(bytes.NewReader(decoded))
	if err != nil {
		return Article{}, domain.Errorf(domain.EINVALID, "the page is not HTML that can be read")
	}
	meta := scanMeta(doc)
	dropClutter(doc)
	parser := readability.NewParser()
	readable := parser.CheckDocument(doc)
	ra, err := parser.ParseDocument(doc, base)
	if err != nil || ra.Node == nil {
		return Article{}, domain.Errorf(domain.EINVALID, "no article text was found on the page")
	}
	var text strings.Builder
	if err := ra.RenderText(&text); err != nil {
		return Article{}, domain.Errorf(domain.EINVALID, "no article text was found on the page")
	}
	a := Article{
		Title:        strings.TrimSpace(ra.Title()),
		Text:         tidy(text.String()),
		Byline:       strings.TrimSpace(or(ra.Byline(), meta.author)),
		CanonicalURL: canonical(base, meta.canonical),
		SiteName:     strings.TrimSpace(ra.SiteName()),
	}
	if t, err := ra.PublishedTime(); err == nil {
		a.Published = t.UTC()
	} else if t, ok := parseTime(meta.published); ok {
		a.Published = t.UTC()
	}
	// A page that is not an article (a front page, a login form) still
	// yields some text; it must look like an article or be long enough.
	if a.Text == "" || (!readable && utf8.RuneCountInString(a.Text) < minTextRunes) {
		return Article{}, domain.Errorf(domain.EINVALID, "no article text was found on the page")
	}
	if a.Title == "" {
		a.Title = firstLine(a.Text)
	}
	return a, nil
}

// clutter matches a class or id word of page furniture that readability
// may keep when it sits next to or inside the article: consent banners,
// adverts, newsletter and subscription boxes, share bars, captions.
var clutter = regexp.MustCompile(`(?i)(^|[-_])(cookies?|consent|gdpr|newsletter|adverts?|advertisement|ads?|adslot|ad-slot|sponsored|promo|subscribe|subscription|paywall|signup|share|sharing|social)([-_]|$)`)

// dropClutter removes from doc, before readability scores it, the
// elements whose class or id marks them as page furniture, and forms,
// buttons and figure captions, which never hold article text.
func dropClutter(n *html.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == html.ElementNode && isClutter(c) {
			n.RemoveChild(c)
		} else {
			dropClutter(c)
		}
		c = next
	}
}

func isClutter(n *html.Node) bool {
	switch n.DataAtom {
	case atom.Html, atom.Head, atom.Body, atom.Main, atom.Article:
		return false
	case atom.Form, atom.Button, atom.Figcaption, atom.Dialog:
		return true
	}
	for _, w := range strings.Fields(attr(n, "class") + " " + attr(n, "id")) {
		if clutter.MatchString(w) {
			return true
		}
	}
	return false
}

func or(a, b string) string {
	if strings.TrimSpace(a) != "" {
		return a
	}
	return b
}

var blankLines = regexp.MustCompile(`\n[ \t\p{Zs}]*(\n[ \t\p{Zs}]*)+`)

// tidy trims each paragraph and leaves exactly one blank line between
// paragraphs.
func tidy(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = blankLines.ReplaceAllString(s, "\n\n")
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSpace(l)
	}
	return strings.Join(lines, "\n")
}

func firstLine(s string) string {
	l, _, _ := strings.Cut(s, "\n")
	if len(l) > 120 {
		l = l[:120]
	}
	return strings.TrimSpace(l)
}

// pageMeta is what the page says about itself that readability does not
// read: the canonical link, a <time datetime>, and a JSON-LD author given
// as plain text.
type pageMeta struct {
	canonical string
	published string
	author    string
}

// scanMeta walks the document once for pageMeta. Of the <time> elements,
// one marked as the publication time (itemprop=datePublished or pubdate)
// wins over the first one inside <article>, which wins over the first.
func scanMeta(doc *html.Node) pageMeta {
	var m pageMeta
	var marked, inArticle, first string
	var walk func(n *html.Node, article bool)
	walk = func(n *html.Node, article bool) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if m.canonical == "" && hasToken(attr(n, "rel"), "canonical") {
					m.canonical = strings.TrimSpace(attr(n, "href"))
				}
			case atom.Time:
				dt := strings.TrimSpace(attr(n, "datetime"))
				switch {
				case dt == "":
				case marked == "" && (attr(n, "itemprop") == "datePublished" || hasAttr(n, "pubdate")):
					marked = dt
				case inArticle == "" && article:
					inArticle = dt
				case first == "":
					first = dt
				}
			case atom.Article:
				article = true
			case atom.Script:
				if m.author == "" && strings.EqualFold(attr(n, "type"), "application/ld+json") && n.FirstChild != nil {
					m.author = jsonLDAuthor(n.FirstChild.Data)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, article)
		}
	}
	walk(doc, false)
	m.published = or(marked, or(inArticle, first))
	return m
}

// jsonLDAuthor returns the author of a JSON-LD article given as a string
// (or a list of strings), which schema.org allows and readability skips.
func jsonLDAuthor(src string) string {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return ""
	}
	var objs []map[string]any
	var collect func(v any)
	collect = func(v any) {
		switch t := v.(type) {
		case []any:
			for _, x := range t {
				collect(x)
			}
		case map[string]any:
			objs = append(objs, t)
			collect(t["@graph"])
		}
	}
	collect(v)
	for _, o := range objs {
		typ, _ := o["@type"].(string)
		if !strings.HasSuffix(typ, "Article") && typ != "Report" && typ != "BlogPosting" {
			continue
		}
		switch a := o["author"].(type) {
		case string:
			return a
		case []any:
			var names []string
			for _, x := range a {
				if s, ok := x.(string); ok {
					names = append(names, s)
				}
			}
			return strings.Join(names, ", ")
		}
	}
	return ""
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Key == key {
			return true
		}
	}
	return false
}

func hasToken(list, tok string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// canonical resolves the page's canonical link against the page's URL
// and keeps it only when it is an http(s) URL of the same site (the same
// registrable domain, so www. and amp. pages meet their article): a page
// cannot claim to be another site's article.
func canonical(base *url.URL, link string) string {
	page := *base
	page.Fragment, page.RawFragment = "", ""
	if link == "" {
		return page.String()
	}
	c, err := base.Parse(link)
	if err != nil || (c.Scheme != "http" && c.Scheme != "https") || c.User != nil || !sameSite(base.Hostname(), c.Hostname()) {
		return page.String()
	}
	c.Fragment, c.RawFragment = "", ""
	return c.String()
}

func sameSite(a, b string) bool {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if a == b {
		return true
	}
	da, errA := publicsuffix.EffectiveTLDPlusOne(a)
	db, errB := publicsuffix.EffectiveTLDPlusOne(b)
	return errA == nil && errB == nil && da == db
}

// timeLayouts are the forms a <time datetime> takes on news pages.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
}

// parseTime reads a datetime attribute; times without a zone are UTC.
func parseTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, false
	}
	for _, l := range timeLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
