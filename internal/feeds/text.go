package feeds

import (
	"strings"

	"golang.org/x/net/html"
)

// FullTextWords is the rule for ingesting an entry from its feed when its
// page cannot be fetched: the feed's text must have at least this many
// words. Feeds that carry whole stories carry hundreds; a teaser or summary
// has a few dozen, and is not ingested as if it were the story.
const FullTextWords = 150

// blockTags end a paragraph in a feed's HTML.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true,
	"h5": true, "h6": true, "blockquote": true, "section": true, "article": true, "tr": true, "figcaption": true,
}

// skipTags hold no story text.
var skipTags = map[string]bool{"script": true, "style": true, "noscript": true, "iframe": true, "svg": true}

// plainText turns an entry's content (HTML or plain text) into paragraphs
// of text separated by blank lines.
func plainText(s string) string {
	z := html.NewTokenizer(strings.NewReader(s))
	var paras []string
	var cur strings.Builder
	flush := func() {
		if t := strings.Join(strings.Fields(cur.String()), " "); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			flush()
			return strings.Join(paras, "\n\n")
		case html.TextToken:
			if skip == 0 {
				// Plain text separates paragraphs with blank lines.
				parts := strings.Split(strings.ReplaceAll(string(z.Text()), "\r\n", "\n"), "\n\n")
				for i, p := range parts {
					if i > 0 {
						flush()
					}
					cur.WriteString(p)
				}
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			switch {
			case skipTags[string(name)]:
				skip++
			case blockTags[string(name)]:
				flush()
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch {
			case skipTags[string(name)]:
				skip = max(0, skip-1)
			case blockTags[string(name)]:
				flush()
			}
		}
	}
}

// wordCount counts the words of text.
func wordCount(text string) int { return len(strings.Fields(text)) }
