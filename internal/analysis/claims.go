package analysis

import (
	"sort"
	"strings"
)

// concepts maps content words to a coarse predicate so that "sent troops",
// "dispatched soldiers" and "deployment" group as one kind of claim.
var concepts = map[string]string{
	"send": "deploy", "sent": "deploy", "sending": "deploy", "dispatched": "deploy", "dispatch": "deploy",
	"deployed": "deploy", "deployment": "deploy", "deploy": "deploy", "transfer": "deploy", "moved": "deploy",
	"movements": "deploy", "stationed": "deploy", "troops": "deploy", "soldiers": "deploy",
	"killed": "casualty", "dead": "casualty", "deaths": "casualty", "died": "casualty", "wounded": "casualty",
	"casualties": "casualty", "losses": "casualty", "toll": "casualty", "missing": "casualty",
	"layoffs": "layoff", "lay": "layoff", "cuts": "layoff", "jobs": "layoff",
	"protest": "protest", "protests": "protest", "demonstrators": "protest", "protesters": "protest",
	"weapons": "arms", "arms": "arms", "weaponry": "arms",
}

// claimKey builds the proposition key of a statement: the sorted canonical
// names of the countries and organisations its content mentions, plus one
// coarse predicate (deploy, casualty, ...) or the head of its first figure.
// Statements without both parts carry no trackable proposition.
func (a *article) claimKey(st *stmt) {
	s := &a.sents[st.sent]
	var from, to int
	if len(st.scope) == 0 {
		return
	}
	from, to = st.scope[0].start, st.scope[len(st.scope)-1].end
	ents := map[string]bool{}
	for _, e := range a.ents.list {
		if e.kind != "COUNTRY" && e.kind != "ORGANIZATION" {
			continue
		}
		for _, m := range e.mentions {
			if m.start >= from && m.end <= to {
				ents[strings.ToLower(e.name)] = true
			}
		}
	}
	pred := ""
	for _, t := range s.toks {
		if t.start >= from && t.end <= to {
			if c, ok := concepts[t.lower]; ok {
				pred = c
				break
			}
		}
	}
	if pred == "" {
		for i, q := range s.found {
			sp := s.quants[i]
			if sp.start >= from && sp.end <= to && q.Head != "" {
				pred = q.Head
				break
			}
		}
	}
	if len(ents) == 0 || pred == "" {
		return
	}
	names := make([]string, 0, len(ents))
	for n := range ents {
		names = append(names, n)
	}
	sort.Strings(names)
	st.claimKey = strings.Join(names, "+") + "/" + pred
	st.claimText = strings.TrimSpace(strings.Trim(strings.TrimSpace(a.body[from:to]), ",."))
	st.claimText = strings.TrimPrefix(st.claimText, "that ")
}
