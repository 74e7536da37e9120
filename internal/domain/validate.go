package domain

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// Limits on ingested articles. They bound the work one request can cause:
// analysis is linear in the body, and the database stores every byte.
const (
	MaxBodyBytes  = 1 << 20 // 1 MiB
	MaxTitleBytes = 1 << 10
	MaxURLBytes   = 2048
	MaxOutletLen  = 256
)

// Validate checks an article before anything is analysed or stored, so that a
// bad request fails whole with a message the client can act on.
func (a NewArticle) Validate() error {
	switch {
	case strings.TrimSpace(a.Title) == "":
		return Errorf(EINVALID, "title must not be empty")
	case strings.TrimSpace(a.Body) == "":
		return Errorf(EINVALID, "body must not be empty")
	case len(a.Body) > MaxBodyBytes:
		return Errorf(EINVALID, "body is %d bytes; the limit is %d bytes (1 MiB)", len(a.Body), MaxBodyBytes)
	case len(a.Title) > MaxTitleBytes:
		return Errorf(EINVALID, "title is %d bytes; the limit is %d bytes", len(a.Title), MaxTitleBytes)
	case !utf8.ValidString(a.Title):
		return Errorf(EINVALID, "title is not valid UTF-8")
	case !utf8.ValidString(a.Body):
		return Errorf(EINVALID, "body is not valid UTF-8")
	}
	for _, t := range []struct {
		field string
		text  *string
	}{{"title", &a.Title}, {"body", &a.Body}, {"url", a.URL}, {"outlet", a.Outlet}} {
		if err := checkOptionalText(t.field, t.text); err != nil {
			return err
		}
	}
	if a.URL != nil {
		if err := validateURL(*a.URL); err != nil {
			return err
		}
	}
	if a.Outlet != nil && (len(*a.Outlet) > MaxOutletLen || !utf8.ValidString(*a.Outlet)) {
		return Errorf(EINVALID, "outlet must be valid UTF-8 of at most %d bytes", MaxOutletLen)
	}
	return nil
}

func validateURL(raw string) error {
	if len(raw) > MaxURLBytes || !utf8.ValidString(raw) {
		return Errorf(EINVALID, "url must be valid UTF-8 of at most %d bytes", MaxURLBytes)
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Errorf(EINVALID, "url must be an absolute http or https URL")
	}
	return nil
}
