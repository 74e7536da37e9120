package domain

import (
	"strings"
	"testing"
)

func TestNewArticleValidate(t *testing.T) {
	ptr := func(s string) *string { return &s }
	ok := NewArticle{Title: "Troops move", Body: "Officials said 1,000 troops moved."}
	tests := []struct {
		name    string
		edit    func(*NewArticle)
		wantMsg string // empty: valid
	}{
		{"valid", func(*NewArticle) {}, ""},
		{"valid url", func(a *NewArticle) { a.URL = ptr("https://news.example/a") }, ""},
		{"empty title", func(a *NewArticle) { a.Title = "  " }, "title must not be empty"},
		{"empty body", func(a *NewArticle) { a.Body = "\n\t" }, "body must not be empty"},
		{"body too long", func(a *NewArticle) { a.Body = strings.Repeat("a", MaxBodyBytes+1) }, "limit is 1048576 bytes"},
		{"title too long", func(a *NewArticle) { a.Title = strings.Repeat("t", MaxTitleBytes+1) }, "title is"},
		{"invalid utf-8 body", func(a *NewArticle) { a.Body = "ok \xff\xfe" }, "body is not valid UTF-8"},
		{"invalid utf-8 title", func(a *NewArticle) { a.Title = "\xc3\x28" }, "title is not valid UTF-8"},
		{"relative url", func(a *NewArticle) { a.URL = ptr("/news/1") }, "absolute http"},
		{"ftp url", func(a *NewArticle) { a.URL = ptr("ftp://x.example/a") }, "absolute http"},
		{"outlet too long", func(a *NewArticle) { a.Outlet = ptr(strings.Repeat("o", 300)) }, "outlet"},
		{"NUL in outlet", func(a *NewArticle) { a.Outlet = ptr("Daily\x00News") }, "outlet holds a NUL character (U+0000) at byte 5"},
		{"escape in title", func(a *NewArticle) { a.Title = "Troops\x1b[31m move" }, "title holds the control character U+001B at byte 6"},
		{"NUL in body", func(a *NewArticle) { a.Body = "Officials said\x00 1,000 troops moved." }, "body holds a NUL"},
		{"NUL in url", func(a *NewArticle) { a.URL = ptr("https://news.example/a\x00") }, "url"},
		{"tabs and line breaks", func(a *NewArticle) { a.Body = "Officials said\r\n\t1,000 troops moved.\n" }, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := ok
			tt.edit(&a)
			err := a.Validate()
			if tt.wantMsg == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if ErrorCode(err) != EINVALID || !strings.Contains(ErrorMessage(err), tt.wantMsg) {
				t.Fatalf("Validate() = %v, want %s error containing %q", err, EINVALID, tt.wantMsg)
			}
		})
	}
}
