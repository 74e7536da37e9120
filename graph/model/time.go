package model

import (
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/factgraph/factgraph/internal/domain"
)

// MarshalTime writes a Time as RFC 3339 in UTC with nanoseconds where present.
func MarshalTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.UTC().Format(time.RFC3339Nano)))
	})
}

// UnmarshalTime reads an RFC 3339 string. A bad value is the client's
// mistake, so it is a BAD_USER_INPUT error that says what was expected.
func UnmarshalTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, domain.Errorf(domain.EINVALID, "time must be an RFC 3339 string, got %s", fmt.Sprintf("%T", v))
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, domain.Errorf(domain.EINVALID, "time %q is not RFC 3339 (e.g. 2024-10-18T09:30:00Z)", s)
	}
	return t.UTC(), nil
}
