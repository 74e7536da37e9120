package feed

import (
	"encoding/json"
	"strings"
)

// jsonFeedVersionPrefix starts the version URL of every JSON Feed version.
const jsonFeedVersionPrefix = "https://jsonfeed.org/version/"

type jsonDoc struct {
	Version     string     `json:"version"`
	Title       string     `json:"title"`
	HomePageURL string     `json:"home_page_url"`
	Items       []jsonItem `json:"items"`
}

type jsonAuthor struct {
	Name string `json:"name"`
}

type jsonItem struct {
	ID            jsonString   `json:"id"`
	URL           string       `json:"url"`
	ExternalURL   string       `json:"external_url"`
	Title         string       `json:"title"`
	ContentHTML   string       `json:"content_html"`
	ContentText   string       `json:"content_text"`
	Summary       string       `json:"summary"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified"`
	Author        *jsonAuthor  `json:"author"`  // 1.0
	Authors       []jsonAuthor `json:"authors"` // 1.1
}

// parseJSON reads a JSON Feed 1.0 or 1.1 document.
func parseJSON(body []byte) (*Feed, error) {
	var doc jsonDoc
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, malformed("bad JSON Feed document: %v", err)
	}
	if !strings.HasPrefix(doc.Version, jsonFeedVersionPrefix) {
		return nil, malformed("a JSON document without a JSON Feed version (got version %q, want %s1 or %s1.1)",
			doc.Version, jsonFeedVersionPrefix, jsonFeedVersionPrefix)
	}
	f := &Feed{Format: JSONFeed, Title: text(doc.Title), Link: text(doc.HomePageURL)}
	for _, it := range doc.Items {
		item := Item{
			Key:       text(string(it.ID)),
			Link:      text(it.URL),
			Title:     text(it.Title),
			Published: lenientDate(it.DatePublished),
			Updated:   lenientDate(it.DateModified),
			Content:   text(it.ContentHTML),
			Summary:   text(it.Summary),
		}
		if item.Link == "" {
			item.Link = text(it.ExternalURL)
		}
		if item.Content == "" {
			item.Content = text(it.ContentText)
		}
		switch {
		case len(it.Authors) > 0:
			item.Author = text(it.Authors[0].Name)
		case it.Author != nil:
			item.Author = text(it.Author.Name)
		}
		f.Items = append(f.Items, item)
	}
	return f, nil
}
