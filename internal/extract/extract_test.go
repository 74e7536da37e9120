package extract

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"

	"github.com/factgraph/factgraph/internal/domain"
)

// fixtureParts reads the paragraphs a page marks data-fixture="story" (the
// article) and data-fixture="boilerplate" (what must not be extracted),
// decoded as a browser would decode the page.
func fixtureParts(t *testing.T, contentType string, page []byte) (story, boiler []string) {
	t.Helper()
	r, err := charset.NewReader(bytes.NewReader(page), contentType)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := html.Parse(r)
	if err != nil {
		t.Fatal(err)
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch attr(n, "data-fixture") {
			case "story":
				story = append(story, squash(textOf(n)))
			case "boilerplate":
				boiler = append(boiler, squash(textOf(n)))
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return story, boiler
}

func textOf(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textOf(c))
	}
	return b.String()
}

func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

func TestPageFixtures(t *testing.T) {
	cases := []struct {
		file, url, contentType string
		title, byline, site    string
		canonical              string
		published              time.Time
		mustContain            []string
	}{
		{
			file: "jsonld.html", url: "https://northernledger.example/s/8812?utm_source=x#top", contentType: "text/html; charset=utf-8",
			title: "Council approves river bridge budget", byline: "Maria Lindqvist", site: "The Northern Ledger",
			canonical: "https://www.northernledger.example/city/2026/03/council-approves-river-bridge-budget",
			published: time.Date(2026, 3, 14, 8, 30, 0, 0, time.UTC),
		},
		{
			file: "opengraph.html", url: "https://valleycourier.example/farming/grain-harvest-falls?ref=home", contentType: "text/html",
			title: "Grain harvest falls for second year", byline: "Tomas Ferreira", site: "Valley Courier",
			canonical: "https://valleycourier.example/farming/grain-harvest-falls",
			published: time.Date(2026, 8, 2, 6, 15, 0, 0, time.UTC),
		},
		{
			// The canonical link names another site: the page keeps its own URL.
			file: "timeelement.html", url: "https://metrohealth.example/hospitals/waiting-lists", contentType: "text/html; charset=UTF-8",
			title: "Hospital waiting lists shrink after weekend clinics", byline: "Priya Raman",
			canonical: "https://metrohealth.example/hospitals/waiting-lists",
			published: time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC),
		},
		{
			// No charset in the header: the page's <meta> says windows-1252.
			file: "windows1252.html", url: "https://reveildusud.example/culture/festival-jazz-record", contentType: "text/html",
			title: "Le festival de jazz bat son record d’affluence", byline: "Céline Dupré", site: "Le Réveil du Sud",
			canonical:   "https://reveildusud.example/culture/festival-jazz-record",
			published:   time.Date(2026, 7, 28, 16, 45, 0, 0, time.UTC),
			mustContain: []string{"86 000 spectateurs", "création en 1994", "« Nous avons vu", "qu’elles", "12 % de plus", "Les hôtels"},
		},
	}
	// The same page with the charset in the header instead.
	inHeader := cases[len(cases)-1]
	inHeader.contentType = "text/html; charset=windows-1252"
	cases = append(cases, inHeader)
	for _, c := range cases {
		t.Run(c.file+" "+c.contentType, func(t *testing.T) {
			page, err := os.ReadFile(filepath.Join("testdata", c.file))
			if err != nil {
				t.Fatal(err)
			}
			story, boiler := fixtureParts(t, c.contentType, page)
			if len(story) < 5 || len(boiler) < 8 {
				t.Fatalf("fixture marks %d story paragraphs and %d boilerplate strings: too few to test", len(story), len(boiler))
			}
			a, err := Page(c.url, c.contentType, page)
			if err != nil {
				t.Fatalf("Page: %v", err)
			}
			paras := map[string]bool{}
			for _, p := range strings.Split(a.Text, "\n\n") {
				paras[squash(p)] = true
			}
			found := 0
			for _, p := range story {
				if paras[p] {
					found++
				} else {
					t.Errorf("story paragraph missing from the text: %q", p)
				}
			}
			leaked := 0
			for _, b := range boiler {
				if strings.Contains(squash(a.Text), b) {
					leaked++
					t.Errorf("boilerplate in the text: %q", b)
				}
			}
			for _, s := range c.mustContain {
				if !strings.Contains(a.Text, s) {
					t.Errorf("text lacks %q (decoding)", s)
				}
			}
			storySet := map[string]bool{}
			for _, p := range story {
				storySet[p] = true
			}
			var other []string
			for p := range paras {
				if !storySet[p] {
					other = append(other, p)
				}
			}
			t.Logf("extraction %s: story paragraphs found %d/%d, boilerplate leaked %d/%d, other paragraphs kept %q",
				c.file, found, len(story), leaked, len(boiler), other)
			if a.Title != c.title {
				t.Errorf("title %q, want %q", a.Title, c.title)
			}
			if a.Byline != c.byline {
				t.Errorf("byline %q, want %q", a.Byline, c.byline)
			}
			if a.SiteName != c.site {
				t.Errorf("site %q, want %q", a.SiteName, c.site)
			}
			if a.CanonicalURL != c.canonical {
				t.Errorf("canonical %q, want %q", a.CanonicalURL, c.canonical)
			}
			if !a.Published.Equal(c.published) {
				t.Errorf("published %v, want %v", a.Published, c.published)
			}
		})
	}
}

func TestCanonical(t *testing.T) {
	base, _ := url.Parse("https://www.paper.example/a/story?id=7#c")
	cases := map[string]string{
		"":                                     "https://www.paper.example/a/story?id=7",
		"/news/story":                          "https://www.paper.example/news/story",
		"https://paper.example/news/story#top": "https://paper.example/news/story",
		"https://amp.paper.example/s":          "https://amp.paper.example/s",
		"https://other.example/news/story":     "https://www.paper.example/a/story?id=7",
		"javascript:alert(1)":                  "https://www.paper.example/a/story?id=7",
		"https://user:pw@paper.example/s":      "https://www.paper.example/a/story?id=7",
	}
	for link, want := range cases {
		if got := canonical(base, link); got != want {
			t.Errorf("canonical(%q) = %q, want %q", link, got, want)
		}
	}
	// Registrable domains under a public suffix are told apart.
	uk, _ := url.Parse("https://news.paper.co.uk/s")
	if got := canonical(uk, "https://rival.co.uk/s"); got != "https://news.paper.co.uk/s" {
		t.Errorf("a canonical link to another .co.uk site was kept: %q", got)
	}
}

func TestTimeAttributes(t *testing.T) {
	for s, want := range map[string]time.Time{
		"2026-05-20T14:00:00+02:00": time.Date(2026, 5, 20, 12, 0, 0, 0, time.UTC),
		"2026-05-20T14:00:00.250Z":  time.Date(2026, 5, 20, 14, 0, 0, 250e6, time.UTC),
		"2026-05-20T14:00+0200":     {},
		"2026-05-20T14:00":          time.Date(2026, 5, 20, 14, 0, 0, 0, time.UTC),
		"2026-05-20":                time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC),
		"20 May":                    {},
	} {
		got, ok := parseTime(s)
		if !got.Equal(want) || ok == want.IsZero() {
			t.Errorf("parseTime(%q) = %v %v, want %v", s, got, ok, want)
		}
	}
}

func TestPagesWithoutArticle(t *testing.T) {
	for name, page := range map[string]string{
		"front page": `<html><head><title>Daily Example</title></head><body><nav><a href="/a">World</a> <a href="/b">Sport</a></nav>
			<ul class="headlines"><li><a href="/1">Storm hits the coast</a></li><li><a href="/2">Markets rally</a></li></ul></body></html>`,
		"login form": `<html><body><form><label>Email</label><input name="e"><button>Sign in</button></form></body></html>`,
		"empty":      ``,
	} {
		_, err := Page("https://daily.example/", "text/html", []byte(page))
		if domain.ErrorCode(err) != domain.EINVALID || !strings.Contains(domain.ErrorMessage(err), "no article text") {
			t.Errorf("%s: err %v, want EINVALID no article text", name, err)
		}
	}
	if _, err := Page("ftp://daily.example/", "text/html", []byte("<p>x</p>")); domain.ErrorCode(err) != domain.EINVALID {
		t.Errorf("non-http page URL: %v", err)
	}
}
