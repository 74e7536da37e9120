package feed

import (
	"encoding/xml"
	"strings"
)

// atomNS is the Atom 1.0 namespace.
const atomNS = "http://www.w3.org/2005/Atom"

type atomDoc struct {
	Title   atomText    `xml:"title"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	// Body is the inner XML, so that xhtml content keeps its markup; text
	// and html content come out with their entities still escaped, which
	// value undoes.
	Body string `xml:",innerxml"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     atomText   `xml:"title"`
	Links     []atomLink `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Authors   []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Content atomText `xml:"content"`
	Summary atomText `xml:"summary"`
}

// value is the text of an Atom text construct. For type text and html the
// inner XML is character data (possibly CDATA or escaped markup) and is
// unescaped; for xhtml it is markup, kept as it is.
func (t atomText) value() string {
	if strings.TrimSpace(t.Type) == "xhtml" {
		return strings.TrimSpace(t.Body)
	}
	return strings.TrimSpace(charData(t.Body))
}

// alternate is the entry's (or feed's) link to its page: rel="alternate"
// or no rel, preferring an HTML type.
func alternate(links []atomLink) string {
	best := ""
	for _, l := range links {
		if l.Rel != "" && l.Rel != "alternate" {
			continue
		}
		if l.Type == "" || strings.Contains(l.Type, "html") {
			return strings.TrimSpace(l.Href)
		}
		if best == "" {
			best = strings.TrimSpace(l.Href)
		}
	}
	return best
}

// parseAtom reads an Atom 1.0 document.
func parseAtom(body []byte) (*Feed, error) {
	var doc atomDoc
	if err := decodeXML(body, &doc, Atom); err != nil {
		return nil, err
	}
	f := &Feed{Format: Atom, Title: doc.Title.value(), Link: alternate(doc.Links)}
	for _, e := range doc.Entries {
		item := Item{
			Key:       text(e.ID),
			Link:      alternate(e.Links),
			Title:     e.Title.value(),
			Published: lenientDate(e.Published),
			Updated:   lenientDate(e.Updated),
			Content:   e.Content.value(),
			Summary:   e.Summary.value(),
		}
		if item.Published.IsZero() {
			// Atom requires updated and makes published optional.
			item.Published = item.Updated
		}
		if len(e.Authors) > 0 {
			item.Author = text(e.Authors[0].Name)
		}
		f.Items = append(f.Items, item)
	}
	return f, nil
}

// charData unescapes the inner XML of an element that holds only
// character data: entities and CDATA sections become plain text.
func charData(inner string) string {
	var v struct {
		Text string `xml:",chardata"`
	}
	if err := xml.Unmarshal([]byte("<x>"+inner+"</x>"), &v); err != nil {
		// Markup inside a text construct: keep it as it came.
		return inner
	}
	return v.Text
}
