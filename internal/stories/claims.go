package stories

import (
	"strings"

	"github.com/factgraph/factgraph/internal/domain"
)

// eventPredicate is the claim predicate a figure's event supports: "1,500
// troops sent to Russia" bears on "North Korea has sent troops".
var eventPredicate = map[string]string{
	"present": "deploy", "planned": "plan", "dead": "casualty", "wounded": "casualty",
	"casualty": "casualty", "missing": "missing", "turnout": "protest", "displaced": "displacement", "arrival": "migration",
}

// figureFrame is the proposition a figure with a series supports, or false.
func figureFrame(f domain.FoundFigure, topic string) (domain.Frame, bool) {
	if f.SeriesKey == "" {
		return domain.Frame{}, false
	}
	p, ok := eventPredicate[strings.TrimSuffix(f.Measure.Event, "/day")]
	if !ok {
		return domain.Frame{}, false
	}
	fr := domain.Frame{Predicate: p, Owner: f.Measure.Owner}
	if f.Measure.Region {
		fr.Place = f.Measure.Place
	}
	if fr.Owner == "" {
		fr.Owner = topic
		if fr.Place == topic {
			fr.Place = ""
		}
	}
	return fr, true
}

// claims sets the claim key and text of every statement: from the first
// figure it carries that has a series, else from the frame of its content,
// else (for content that only points back: "denied the reports") from the
// proposition the article named last.
func claims(an *domain.Analysis) {
	firstFig := make([]int, len(an.Statements))
	sentFig := map[domain.Span]int{}
	for i := range firstFig {
		firstFig[i] = -1
	}
	for i, f := range an.Figures {
		if f.Statement >= 0 && f.Statement < len(an.Statements) && firstFig[f.Statement] < 0 && f.SeriesKey != "" {
			if _, ok := figureFrame(f, an.Topic); ok {
				firstFig[f.Statement] = i
			}
		}
	}
	for i, f := range an.Figures {
		if _, ok := figureFrame(f, an.Topic); !ok {
			continue
		}
		for _, st := range an.Statements {
			if f.Span.Start >= st.Span.Start && f.Span.End <= st.Span.End {
				if _, seen := sentFig[st.Span]; !seen {
					sentFig[st.Span] = i
				}
			}
		}
	}
	var last domain.Frame
	lastOwner := map[string]string{}
	for i := range an.Statements {
		st := &an.Statements[i]
		fr := st.Frame
		switch {
		case firstFig[i] >= 0:
			fr, _ = figureFrame(an.Figures[firstFig[i]], an.Topic)
		case fr.Predicate == "" && fr.Anaphoric && last.Predicate != "":
			fr = last
		case fr.Predicate == "":
			if fi, ok := sentFig[st.Span]; ok {
				fr, _ = figureFrame(an.Figures[fi], an.Topic)
			}
		}
		if fr.Predicate == "" {
			if k, t, ok := contentClaim(*st); ok {
				st.ClaimKey, st.ClaimText = k, t
			}
			continue
		}
		if fr.Owner == "" {
			fr.Owner = lastOwner[fr.Predicate]
		}
		if fr.Owner == "" {
			fr.Owner = an.Topic
		}
		if fr.Owner == "" {
			continue
		}
		st.ClaimKey = fr.Predicate + "|" + strings.ToLower(fr.Owner) + "|" + fr.Place
		st.ClaimText = claimText(fr)
		last = fr
		lastOwner[fr.Predicate] = fr.Owner
	}
}

// claimText reads a frame as a proposition: "North Korea has sent troops to
// Kursk".
func claimText(fr domain.Frame) string {
	o := fr.Owner
	if o == strings.ToLower(o) {
		o = title(o)
	}
	in := ""
	if fr.Place != "" {
		in = " in " + title(fr.Place)
	}
	switch fr.Predicate {
	case "deploy":
		if fr.Place != "" {
			return o + " has sent troops to " + title(fr.Place)
		}
		return o + " has sent troops abroad"
	case "plan":
		return o + " plans to send more troops" + strings.Replace(in, " in ", " to ", 1)
	case "combat":
		return o + "'s troops are in combat" + in
	case "casualty":
		return "Deaths and casualties among " + o + "'s people" + in
	case "missing":
		return "People are missing in " + o + strings.Replace(in, " in ", ", ", 1)
	case "train":
		return o + "'s troops are being trained" + in
	case "arms":
		return o + " supplies weapons" + in
	case "layoff":
		return o + " is cutting jobs" + in
	case "protest":
		if fr.Place != "" {
			return "Protests in " + title(fr.Place)
		}
		return "Protests across " + o
	case "migration":
		return "People are crossing into " + o + strings.Replace(in, " in ", ", ", 1)
	case "displacement":
		return "People displaced in " + o + strings.Replace(in, " in ", ", ", 1)
	}
	return o + ": " + fr.Predicate + in
}
