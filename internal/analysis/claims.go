package analysis

import (
	"sort"
	"strings"

	"github.com/factgraph/factgraph/internal/domain"
)

// claimKey builds the proposition key of a statement from what it reports:
// the first two countries or organisations its content names (demonyms
// count: "North Korean troops" names North Korea; a denier counts first,
// since one usually denies one's own acts), sorted, plus one coarse
// predicate from the concept list (deploy, casualty, ...) or else the head
// of its first figure.
// "North Korea sent troops to Russia" in one article and "Pyongyang has
// dispatched soldiers to Russia" in another both give
// "north korea+russia/deploy". Statements lacking either part carry no
// trackable proposition and get no key.
func (a *article) claimKey(st *stmt) {
	s := &a.sents[st.sent]
	var sts []*stmt
	for _, o := range a.stmts {
		if o.sent == st.sent {
			sts = append(sts, o)
		}
	}
	scope := a.ownScope(st, sts)
	if len(scope) == 0 {
		return
	}
	in := func(t *token) bool {
		for _, sc := range scope {
			if t.start >= sc.start && t.end <= sc.end {
				return true
			}
		}
		return false
	}
	var ents []string
	addEnt := func(n string) {
		for _, x := range ents {
			if x == n {
				return
			}
		}
		if len(ents) < 2 {
			ents = append(ents, n)
		}
	}
	if st.class == "deny" && !st.negated {
		for _, sp := range st.speakers {
			if k := a.ents.list[sp].kind; k == domain.KindCountry || k == domain.KindOrganization {
				addEnt(a.ents.list[sp].lname)
			}
		}
	}
	pred := ""
	for k := 0; k < len(s.toks); k++ {
		t := &s.toks[k]
		if t.flags&(fGazFirst|fConcept) == 0 || !in(t) {
			continue
		}
		if n, ph, ok := a.p.gz.match(s.toks, k); ok {
			g := ph.e
			name := g.lname
			media := false
			for _, c := range g.classes {
				if c == "newspaper" || c == "broadcaster" || c == "news agency" {
					media = true
				}
			}
			if (g.kind == domain.KindCountry || g.kind == domain.KindOrganization) && !media {
				addEnt(name)
			}
			k += n - 1
			continue
		}
		if pred == "" {
			pred = a.p.lx.concepts[t.lower]
		}
	}
	if pred == "" {
		for i := range s.found {
			q := &s.found[i]
			sp := s.quants[i]
			for _, sc := range scope {
				if sp.start >= sc.start && sp.end <= sc.end && q.Head != "" && pred == "" {
					pred = q.Head
				}
			}
		}
	}
	if len(ents) == 0 || pred == "" {
		return
	}
	names := append([]string{}, ents...)
	sort.Strings(names)
	st.claimKey = strings.Join(names, "+") + "/" + pred
	text := strings.TrimSpace(a.body[scope[0].start:scope[len(scope)-1].end])
	text = strings.TrimSpace(strings.Trim(text, ",.;: "))
	text = strings.TrimPrefix(text, "that ")
	st.claimText = text
}
