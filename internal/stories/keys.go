// Package stories ties the analyses of single articles into stories: figures
// that measure one quantity become a series, statements about one
// proposition become a claim, and names of one actor become one entity.
//
// Grouping is by blocking keys that are pure functions of one article's
// analysis: the same figure or statement gets the same key whatever else is
// stored and whatever order articles arrive in. That makes grouping
// order-independent by construction, and incremental: an ingest finds the
// series and claims it joins by an indexed key, never by a scan.
package stories

import (
	"strings"

	"github.com/factgraph/factgraph/internal/domain"
)

// Annotate sets the series key and label of every figure and the claim key
// and text of every statement of an, and merges the article's short names
// into the full names they stand for. It only reads and writes an.
func Annotate(an *domain.Analysis) {
	mergeShortNames(an)
	for i := range an.Figures {
		f := &an.Figures[i]
		f.SeriesKey, f.SeriesLabel = SeriesKey(f.Measure, an.Topic)
	}
	claims(an)
}

// unitClasses are classes that only measure something through an event noun
// ("5% unemployment", "31 months of the invasion"): without one they are
// too unspecific to group.
func unitClass(class string) bool {
	return class == "duration" || strings.HasPrefix(class, "unit:")
}

// SeriesKey returns the key that figures measuring the same quantity share,
// and a readable label for it. The key is the counted class, the event, the
// owner and the place; a figure with neither owner nor place falls back to
// the article's topic, and one with nothing to tie it gets no key.
func SeriesKey(m domain.Measure, topic string) (key, label string) {
	class := strings.ToLower(strings.TrimSpace(m.Class))
	if class == "" {
		return "", ""
	}
	if unitClass(class) {
		if m.Event == "" {
			return "", ""
		}
	}
	if m.Event == "added" {
		// "19 more bodies": an addition to a count is a quantity of its
		// own each time it is reported
		return "", ""
	}
	place := m.Place
	if m.Event == "planned" {
		// a plan's destination is often left unsaid; the plan is the
		// owner's
		place = ""
	}
	owner := m.Owner
	if owner == "" && place == "" {
		place = topic
	}
	if owner == "" && place == "" {
		return "", ""
	}
	if place == strings.ToLower(owner) {
		place = ""
	}
	key = strings.Join([]string{class, m.Event, strings.ToLower(owner), place}, "|")
	return key, seriesLabel(class, m.Event, owner, m.OwnerDemonym, place)
}

// plural gives the plural of a class for a label.
func plural(class string) string {
	switch class {
	case "troop":
		return "troops"
	case "person":
		return "people"
	case "special troop":
		return "special forces"
	case "duration":
		return "duration"
	}
	if u, ok := strings.CutPrefix(class, "unit:"); ok {
		return u
	}
	if strings.HasSuffix(class, "s") {
		return class
	}
	if strings.HasSuffix(class, "y") && !strings.HasSuffix(class, "ey") {
		return class[:len(class)-1] + "ies"
	}
	return class + "s"
}

// title capitalises each word of a lowercased place.
func title(s string) string {
	w := strings.Fields(s)
	for i, x := range w {
		w[i] = strings.ToUpper(x[:1]) + x[1:]
	}
	return strings.Join(w, " ")
}

// seriesLabel reads a key back as a headline fragment: "North Korean troops
// in Russia", "Derna death toll", "North Korean troops killed or wounded".
func seriesLabel(class, event, owner, demonym, place string) string {
	who := owner
	if demonym != "" {
		who = demonym
	}
	things := plural(class)
	if who != "" {
		if demonym == "" {
			things = who + "'s " + things
		} else {
			things = who + " " + things
		}
	}
	where := ""
	if place != "" {
		where = " in " + title(place)
	}
	rate := ""
	if e, ok := strings.CutSuffix(event, "/day"); ok {
		event, rate = e, " a day"
	}
	var l string
	switch event {
	case "present", "":
		l = things + where
	case "planned":
		l = things + " to be sent" + where
	case "dead":
		if who == "" && place != "" && class == "person" {
			l = title(place) + " death toll"
		} else {
			l = things + " killed" + where
		}
	case "wounded":
		l = things + " wounded" + where
	case "casualty":
		l = things + " killed or wounded" + where
	case "missing":
		l = things + " missing" + where
	case "displaced":
		l = things + " displaced" + where
	case "identified", "inspected", "closed", "cut":
		l = things + " " + event + where
	case "part":
		l = "Share of " + things + where
	case "turnout":
		l = things + where
		if where == "" {
			l = things
		}
	default:
		// an event noun: "duration of Russia's invasion"
		things = plural(class)
		if owner != "" {
			l = things + " of " + owner + "'s " + event + where
		} else {
			l = things + " of the " + event + where
		}
	}
	l += rate
	if l == "" {
		return ""
	}
	return strings.ToUpper(l[:1]) + l[1:]
}

// Revision names the grouping rules: blocking keys, labels, claim texts and
// entity keys. Raise it with every change that can move a stored figure,
// statement or entity to another group, so that re-analysis picks up the
// articles grouped by older rules.
const Revision = 10
