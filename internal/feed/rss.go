package feed

import "encoding/xml"

// contentNS is the RSS content module, whose content:encoded element holds
// an entry's full HTML body.
const contentNS = "http://purl.org/rss/1.0/modules/content/"

// dcNS is Dublin Core, which RSS feeds use for the author (dc:creator) and
// sometimes the date (dc:date).
const dcNS = "http://purl.org/dc/elements/1.1/"

type rssDoc struct {
	Version string     `xml:"version,attr"`
	Channel rssChannel `xml:"channel"`
}

type rssChannel struct {
	Title string    `xml:"title"`
	Links []rssLink `xml:"link"`
	Items []rssItem `xml:"item"`
}

// rssLink is a link element of any namespace: RSS feeds often carry an
// atom:link to themselves beside the RSS link, which is the one wanted.
type rssLink struct {
	XMLName xml.Name
	Value   string `xml:",chardata"`
}

// rssLinkValue is the first link element outside any namespace.
func rssLinkValue(links []rssLink) string {
	for _, l := range links {
		if l.XMLName.Space == "" {
			return text(l.Value)
		}
	}
	return ""
}

type rssItem struct {
	Title       string    `xml:"title"`
	Links       []rssLink `xml:"link"`
	GUID        string    `xml:"guid"`
	PubDate     string    `xml:"pubDate"`
	DCDate      string    `xml:"http://purl.org/dc/elements/1.1/ date"`
	Author      string    `xml:"author"`
	Creator     string    `xml:"http://purl.org/dc/elements/1.1/ creator"`
	Description string    `xml:"description"`
	Encoded     string    `xml:"http://purl.org/rss/1.0/modules/content/ encoded"`
}

// parseRSS reads an RSS 2.0 document (and the 0.9x versions it extends).
func parseRSS(body []byte) (*Feed, error) {
	var doc rssDoc
	if err := decodeXML(body, &doc, RSS); err != nil {
		return nil, err
	}
	f := &Feed{Format: RSS, Title: text(doc.Channel.Title), Link: rssLinkValue(doc.Channel.Links)}
	for _, it := range doc.Channel.Items {
		date := it.PubDate
		if text(date) == "" {
			date = it.DCDate
		}
		author := text(it.Creator)
		if author == "" {
			author = text(it.Author)
		}
		item := Item{
			Key:       text(it.GUID),
			Link:      rssLinkValue(it.Links),
			Title:     text(it.Title),
			Published: lenientDate(date),
			Author:    author,
			Content:   text(it.Encoded),
			Summary:   text(it.Description),
		}
		if item.Link == "" && looksLikeURL(item.Key) {
			// A guid that is a permalink is the entry's link.
			item.Link = item.Key
		}
		f.Items = append(f.Items, item)
	}
	return f, nil
}

// looksLikeURL reports whether s is an absolute http(s) URL.
func looksLikeURL(s string) bool {
	return len(s) > 8 && (s[:7] == "http://" || s[:8] == "https://")
}
