// Package webingest ingests an article from its web page: fetch the page,
// extract the article, and store it through the one ingest path under its
// canonical URL, so that one story reached by several links is stored
// once. The GraphQL mutation ingestURL, the ingest-url command and feed
// polling all go through it.
package webingest

import (
	"context"
	"fmt"
	"log/slog"
	"net/url"
	"strings"

	"github.com/factgraph/factgraph/internal/domain"
	"github.com/factgraph/factgraph/internal/extract"
	"github.com/factgraph/factgraph/internal/fetch"
)

// Fetcher gets a page; *fetch.Client is the one used outside tests.
type Fetcher interface {
	Fetch(ctx context.Context, r fetch.Request) (*fetch.Response, error)
}

// Ingester stores an article; *ingest.Service is the one.
type Ingester interface {
	Ingest(ctx context.Context, in domain.NewArticle) (*domain.Article, bool, error)
}

// Service ingests articles by URL.
type Service struct {
	Fetcher Fetcher
	Ingest  Ingester
	Log     *slog.Logger
}

// IngestURL fetches the page at rawURL and ingests its article. created is
// false when an article was stored before under the same canonical URL. A
// URL that cannot be fetched or holds no article is an EINVALID error
// (with a *fetch.Error in its chain when the fetch failed).
func (s *Service) IngestURL(ctx context.Context, rawURL string) (*domain.Article, bool, error) {
	in, err := s.Article(ctx, rawURL)
	if err != nil {
		return nil, false, err
	}
	a, created, err := s.Ingest.Ingest(ctx, in)
	if err != nil {
		return nil, false, err
	}
	s.log().InfoContext(ctx, "page ingested", "url", rawURL, "canonical", *in.URL, "article_id", a.ID, "created", created)
	return a, created, nil
}

// Article fetches the page at rawURL and extracts its article, ready to
// ingest, without storing it: for callers that fall back to other text
// when the page fails.
func (s *Service) Article(ctx context.Context, rawURL string) (domain.NewArticle, error) {
	resp, err := s.Fetcher.Fetch(ctx, fetch.Request{URL: rawURL, Kind: fetch.Page})
	if err != nil {
		return domain.NewArticle{}, fmt.Errorf("fetch %s: %w", rawURL, err)
	}
	art, err := extract.Page(resp.URL, resp.ContentType, resp.Body)
	if err != nil {
		return domain.NewArticle{}, fmt.Errorf("extract %s: %w", resp.URL, err)
	}
	return NewArticle(art), nil
}

// NewArticle is the article to ingest for an extracted page: stored under
// its canonical URL, its outlet the site's name or else its host.
func NewArticle(a extract.Article) domain.NewArticle {
	in := domain.NewArticle{Title: a.Title, Body: a.Text, URL: &a.CanonicalURL}
	outlet := strings.TrimSpace(a.SiteName)
	if outlet == "" {
		if u, err := url.Parse(a.CanonicalURL); err == nil {
			outlet = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	if outlet != "" {
		in.Outlet = &outlet
	}
	if !a.Published.IsZero() {
		p := a.Published
		in.PublishedAt = &p
	}
	return in
}

func (s *Service) log() *slog.Logger {
	if s.Log == nil {
		return slog.New(slog.DiscardHandler)
	}
	return s.Log
}
