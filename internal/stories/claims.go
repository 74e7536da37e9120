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

// judgements are predicates that judge the story's main proposition ("the
// deployment is a dangerous escalation", "the troops would be legitimate
// targets"): they are about the main proposition's actor, whoever the
// sentence names first.
var judgements = map[string]bool{"escalation": true, "threat": true, "target": true}

// claims sets the claim key and text of every statement: from the first
// figure it carries that has a series, else from the frame of its content.
// Content that only points back ("denied the reports") is about the
// article's main proposition, and so is a judgement.
func claims(an *domain.Analysis) {
	frames := make([]domain.Frame, len(an.Statements))
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
	lastOwner := map[string]string{}
	for i := range an.Statements {
		st := &an.Statements[i]
		fr := st.Frame
		switch {
		case firstFig[i] >= 0:
			fr, _ = figureFrame(an.Figures[firstFig[i]], an.Topic)
		case fr.Predicate == "" && fr.Anaphoric:
			frames[i] = fr
			continue
		case fr.Predicate == "":
			if fi, ok := sentFig[st.Span]; ok {
				fr, _ = figureFrame(an.Figures[fi], an.Topic)
			}
		}
		if fr.Predicate == "" {
			if k, t, ok := countClaim(an, i); ok {
				st.ClaimKey, st.ClaimText = k, t
			} else if k, t, ok := contentClaim(*st); ok {
				st.ClaimKey, st.ClaimText = k, t
			}
			continue
		}
		if fr.Owner == "" {
			fr.Owner = lastOwner[fr.Predicate]
		}
		frames[i] = fr
		if fr.Owner != "" {
			lastOwner[fr.Predicate] = fr.Owner
		}
	}
	// a proposition that names no actor is about the actor the article's
	// statements name most, else about the article's topic
	actor := mainFrame(frames).Owner
	if actor == "" {
		actor = an.Topic
	}
	for i := range frames {
		if frames[i].Predicate != "" && frames[i].Owner == "" {
			frames[i].Owner = actor
		}
	}
	main := mainFrame(frames)
	lastKey, lastText := "", ""
	for i := range an.Statements {
		fr := frames[i]
		st := &an.Statements[i]
		switch {
		case fr.Predicate == "" && fr.Anaphoric && main.Predicate == "":
			// "rejected the accusation" in an article with no main
			// proposition answers the last one put forward
			st.ClaimKey, st.ClaimText = lastKey, lastText
			continue
		case fr.Predicate == "" && fr.Anaphoric:
			fr = main
		case judgements[fr.Predicate] && main.Owner != "":
			fr.Owner, fr.Place = main.Owner, ""
		}
		if fr.Predicate == "" || fr.Owner == "" {
			if st.ClaimKey != "" {
				lastKey, lastText = st.ClaimKey, st.ClaimText
			}
			continue
		}
		st.ClaimKey = fr.Predicate + "|" + strings.ToLower(fr.Owner) + "|" + fr.Place
		st.ClaimText = claimText(fr)
		lastKey, lastText = st.ClaimKey, st.ClaimText
	}
}

// mainFrame is the article's main proposition: the predicate and owner its
// statements state most often (the first of equals), at its broadest: with
// no place when any statement states it without one ("sent troops to
// Russia" covers "to Kursk"). Judgements are left out, since they are about
// it.
func mainFrame(frames []domain.Frame) domain.Frame {
	type po struct{ pred, owner string }
	count := map[po]int{}
	var order []po
	for _, fr := range frames {
		if fr.Predicate == "" || fr.Owner == "" || judgements[fr.Predicate] {
			continue
		}
		k := po{fr.Predicate, strings.ToLower(fr.Owner)}
		if count[k] == 0 {
			order = append(order, k)
		}
		count[k]++
	}
	if len(order) == 0 {
		return domain.Frame{}
	}
	best := order[0]
	for _, k := range order[1:] {
		if count[k] > count[best] {
			best = k
		}
	}
	var main domain.Frame
	places := map[string]int{}
	for _, fr := range frames {
		if fr.Predicate != best.pred || strings.ToLower(fr.Owner) != best.owner {
			continue
		}
		if main.Predicate == "" {
			main = fr
		}
		places[fr.Place]++
	}
	if places[""] > 0 {
		main.Place = ""
	} else {
		for p, n := range places {
			if n > places[main.Place] || n == places[main.Place] && p < main.Place {
				main.Place = p
			}
		}
	}
	return main
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
