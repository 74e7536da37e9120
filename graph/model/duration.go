package model

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"

	"github.com/factgraph/factgraph/internal/domain"
)

// MarshalDuration writes a duration the way people type it: "15m", "1h30m",
// "90s", without the zero units Go's form adds.
func MarshalDuration(d time.Duration) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(FormatDuration(d)))
	})
}

// FormatDuration is d as "15m", "1h30m" or "90s": Go's form less its zero
// minutes and seconds.
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// UnmarshalDuration reads a duration such as "15m" or "1h30m". A bad value
// is the client's mistake: a BAD_USER_INPUT error saying what was expected.
func UnmarshalDuration(v any) (time.Duration, error) {
	s, ok := v.(string)
	if !ok {
		return 0, domain.Errorf(domain.EINVALID, "a duration must be a string such as \"15m\", got %s", fmt.Sprintf("%T", v))
	}
	d, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil || d <= 0 {
		return 0, domain.Errorf(domain.EINVALID, "duration %q is not a positive length of time such as \"90s\", \"15m\" or \"1h30m\"", s)
	}
	return d, nil
}
