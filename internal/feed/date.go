package feed

import (
	"fmt"
	"strings"
	"time"
)

// dateLayouts are the date forms feeds use: RFC 3339 (Atom, JSON Feed) and
// RFC 822 as amended by RFC 1123 (RSS), with and without the weekday and
// seconds, with numeric or named zones, and a few common deviations.
var dateLayouts = []string{
	time.RFC3339Nano,
	time.RFC3339,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05",
	"2006-01-02",
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 06 15:04:05 MST",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04 -0700",
	"2 Jan 2006 15:04 MST",
	"2 Jan 06 15:04:05 -0700",
	"2 Jan 06 15:04 MST",
	"Monday, 2 Jan 2006 15:04:05 -0700",
	"Monday, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 January 2006 15:04:05 -0700",
	"Mon, 2 January 2006 15:04:05 MST",
}

// zoneOffsets are the named zones RFC 822 defines; Go parses a zone name
// it does not know as a zero offset, so these are applied by hand.
var zoneOffsets = map[string]int{
	"UT": 0, "GMT": 0, "Z": 0,
	"EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
	"MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}

// parseDate reads a feed date in any of dateLayouts. A named zone of RFC
// 822 gets its real offset.
func parseDate(s string) (time.Time, error) {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return time.Time{}, nil
	}
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		if strings.HasSuffix(layout, "MST") {
			name := s[strings.LastIndexByte(s, ' ')+1:]
			if h, ok := zoneOffsets[strings.ToUpper(name)]; ok {
				t = time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(),
					time.FixedZone(name, h*3600))
			}
		}
		return t, nil
	}
	return time.Time{}, fmt.Errorf("unrecognised date %q", s)
}

// lenientDate is parseDate for fields where a bad date should not lose the
// entry: it yields zero instead.
func lenientDate(s string) time.Time {
	t, err := parseDate(s)
	if err != nil {
		return time.Time{}
	}
	return t
}
