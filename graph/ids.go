package graph

import (
	"encoding/base64"
	"strconv"
	"strings"

	"github.com/factgraph/factgraph/internal/domain"
)

// Type names used inside global IDs. They match the GraphQL type names, so an
// ID says which type Query.node must return.
const (
	typeArticle   = "Article"
	typeEntity    = "Entity"
	typeStatement = "Statement"
	typeFigure    = "Figure"
	typeClaim     = "Claim"
	typeSeries    = "FigureSeries"
)

// globalID makes an opaque, URL-safe ID from a type name and a row ID.
// Clients must treat it as opaque; the encoding may change.
func globalID(typ string, id int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(typ + ":" + strconv.FormatInt(id, 10)))
}

// parseGlobalID splits a global ID into its type name and row ID. Anything
// that is not an ID this server made is a client error.
func parseGlobalID(gid string) (string, int64, error) {
	raw, err := base64.RawURLEncoding.DecodeString(gid)
	if err != nil {
		return "", 0, domain.Errorf(domain.EINVALID, "malformed id %q", truncate(gid, 64))
	}
	typ, num, ok := strings.Cut(string(raw), ":")
	id, err := strconv.ParseInt(num, 10, 64)
	if !ok || err != nil || id <= 0 {
		return "", 0, domain.Errorf(domain.EINVALID, "malformed id %q", truncate(gid, 64))
	}
	switch typ {
	case typeArticle, typeEntity, typeStatement, typeFigure, typeClaim, typeSeries:
		// Only the exact text globalID makes is an ID: "01", "+1", line
		// breaks or stray padding bits would otherwise give one object
		// many IDs, and clients compare IDs to tell objects apart.
		if globalID(typ, id) == gid {
			return typ, id, nil
		}
	}
	return "", 0, domain.Errorf(domain.EINVALID, "malformed id %q", truncate(gid, 64))
}

// parseTypedID parses a global ID that must be of one type, as when a filter
// takes an entity ID: an article ID there is a client error.
func parseTypedID(gid, want string) (int64, error) {
	typ, id, err := parseGlobalID(gid)
	if err != nil {
		return 0, err
	}
	if typ != want {
		return 0, domain.Errorf(domain.EINVALID, "id %q is not a %s id", truncate(gid, 64), want)
	}
	return id, nil
}

// optionalTypedID is parseTypedID for nullable arguments.
func optionalTypedID(gid *string, want string) (*int64, error) {
	if gid == nil {
		return nil, nil
	}
	id, err := parseTypedID(*gid, want)
	if err != nil {
		return nil, err
	}
	return &id, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
