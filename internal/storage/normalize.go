package storage

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"github.com/factgraph/factgraph/internal/domain"
)

// ingestKey identifies a submitted article for idempotent ingest: its URL
// when it has one, otherwise a hash of title and body.
func ingestKey(in domain.NewArticle) string {
	if in.URL != nil && strings.TrimSpace(*in.URL) != "" {
		return "url:" + strings.TrimSpace(*in.URL)
	}
	sum := sha256.Sum256([]byte(in.Title + "\x00" + in.Body))
	return "text:" + hex.EncodeToString(sum[:])
}

// fingerprint hashes a body with case, punctuation and spacing folded away,
// so that a syndicated copy with different typography matches the original.
// It is empty for a body with no words, which then matches nothing.
func fingerprint(body string) string {
	words := words(body)
	if len(words) == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(words, " ")))
	return hex.EncodeToString(sum[:])
}

// words splits s into lowercase runs of letters and digits; everything else
// separates words.
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
}

// fold is the case-insensitive form of a name, alias or claim text that
// uniqueness and substring search compare. It is computed in Go rather than
// with SQL lower(), which SQLite only applies to ASCII.
func fold(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// likeEscape is the escape character of every LIKE pattern built here.
const likeEscape = "!"

// containsPattern is a LIKE pattern matching any text that contains sub
// literally (after folding); wildcards in sub are escaped.
func containsPattern(sub string) string {
	r := strings.NewReplacer("!", "!!", "%", "!%", "_", "!_")
	return "%" + r.Replace(fold(sub)) + "%"
}
