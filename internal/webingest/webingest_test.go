package webingest

import (
	"testing"
	"time"

	"github.com/factgraph/factgraph/internal/extract"
)

func TestNewArticle(t *testing.T) {
	pub := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	in := NewArticle(extract.Article{Title: "T", Text: "Body.", CanonicalURL: "https://www.paper.example/s/1", Published: pub, SiteName: " The Paper "})
	if in.Title != "T" || in.Body != "Body." || *in.URL != "https://www.paper.example/s/1" || *in.Outlet != "The Paper" || !in.PublishedAt.Equal(pub) {
		t.Fatalf("with metadata: %+v", in)
	}
	in = NewArticle(extract.Article{Title: "T", Text: "Body.", CanonicalURL: "https://www.paper.example/s/1"})
	if *in.Outlet != "paper.example" || in.PublishedAt != nil {
		t.Fatalf("without metadata: outlet %q published %v", *in.Outlet, in.PublishedAt)
	}
	if err := in.Validate(); err != nil {
		t.Fatalf("not ingestable: %v", err)
	}
}
