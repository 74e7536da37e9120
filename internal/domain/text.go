package domain

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Bounds on search text. Search cost grows with the words and bytes asked
// for (full-text expression trees, LIKE patterns), and both databases fail
// outright past their own limits, so every search is held well below them.
const (
	MaxSearchBytes = 500
	MaxSearchWords = 32
)

// CheckText refuses text that holds a control character other than tab,
// line feed and carriage return. NUL cannot be stored by PostgreSQL at all,
// and the others are never part of an article or a name; refusing them
// everywhere keeps both databases storing and matching the same text.
// field names the input in the message.
func CheckText(field, s string) error {
	i := strings.IndexFunc(s, isForbiddenControl)
	if i < 0 {
		return nil
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	what := fmt.Sprintf("the control character U+%04X", r)
	if r == 0 {
		what = "a NUL character (U+0000)"
	}
	return Errorf(EINVALID, "%s holds %s at byte %d; text may not contain control characters other than tab, line feed and carriage return", field, what, i)
}

func isForbiddenControl(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r'
}

// SearchWords splits search text into the words a search matches: runs of
// letters and digits, as both databases index them.
func SearchWords(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// ValidateSearch checks one search filter against the bounds above, so that
// a long paste gets a message saying what to shorten rather than a database
// failure.
func ValidateSearch(field string, s *string) error {
	if s == nil {
		return nil
	}
	if err := CheckText(field, *s); err != nil {
		return err
	}
	if len(*s) > MaxSearchBytes {
		return Errorf(EINVALID, "%s is %d bytes; the limit is %d bytes", field, len(*s), MaxSearchBytes)
	}
	if n := len(SearchWords(*s)); n > MaxSearchWords {
		return Errorf(EINVALID, "%s has %d words; the limit is %d words", field, n, MaxSearchWords)
	}
	return nil
}

// checkOptionalText is CheckText for nullable inputs.
func checkOptionalText(field string, s *string) error {
	if s == nil {
		return nil
	}
	return CheckText(field, *s)
}

// Validate checks the text of an article filter.
func (f ArticleFilter) Validate() error {
	if err := checkOptionalText("filter.outlet", f.Outlet); err != nil {
		return err
	}
	return ValidateSearch("filter.search", f.Search)
}

// Validate checks the text of a claim filter.
func (f ClaimFilter) Validate() error { return ValidateSearch("filter.search", f.Search) }

// Validate checks the text of an entity filter.
func (f EntityFilter) Validate() error { return ValidateSearch("filter.search", f.Search) }

// Validate checks the text of a figure filter.
func (f FigureFilter) Validate() error { return checkOptionalText("filter.head", f.Head) }

// Validate checks the text of a series filter.
func (f SeriesFilter) Validate() error {
	if err := checkOptionalText("filter.head", f.Head); err != nil {
		return err
	}
	return ValidateSearch("filter.search", f.Search)
}
