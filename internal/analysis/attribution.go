package analysis

import (
	"strings"
	"unicode"

	"github.com/factgraph/factgraph/internal/domain"
)

// stmt is a statement being built: one cue, its speakers and the stretch of
// the sentence that reports what they said.
type stmt struct {
	sent     int
	speakers []int
	cue      span
	ci, cj   int    // cue tokens [ci, cj)
	class    string // say, warn, confirm, deny, hedge, cite
	negated  bool
	yetTo    bool
	opinion  bool // "question whether": an opinion, not a denial
	subj     [2]int
	inverted bool
	whole    bool // "according to X", "citing X": covers the whole sentence
	scope    []span
	status   domain.Status
	nested   bool // a cue inside another statement's content
	official bool // "official figures showed": official evidence confirms
	pronoun  bool

	claimKey, claimText string
}

// cueCand is an attribution cue found in a sentence before its speaker is
// known.
type cueCand struct {
	ci, cj    int
	cw        cueWord
	word      string
	according bool
	neg, yet  bool
	neither   bool
}

// sentCtx bundles what the attribution stage knows about one sentence.
type sentCtx struct {
	si     int
	toks   []token
	ms     []mention
	tokEnt []int // entity of the mention covering each token, or -1
	tokMen []int // mention covering each token, or -1
}

var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true}

var pronouns = map[string]bool{"he": true, "she": true, "it": true, "they": true, "we": true, "i": true, "you": true}

// attribute finds the statements of sentence si.
func (a *article) attribute(si int, ms []mention, idx []int) {
	s := &a.sents[si]
	c := &sentCtx{si: si, toks: s.toks, ms: ms, tokEnt: make([]int, len(s.toks)), tokMen: make([]int, len(s.toks))}
	for k := range c.tokEnt {
		c.tokEnt[k], c.tokMen[k] = -1, -1
	}
	for mi, m := range ms {
		for k := m.i; k < m.j; k++ {
			c.tokMen[k] = mi
			c.tokEnt[k] = idx[mi]
		}
	}
	first := len(a.stmts)
	a.curMen = c.tokMen
	defer func() { a.curMen = nil }()
	for _, cd := range a.findCues(c.toks) {
		st := a.speakerFor(c, cd, first)
		if st == nil || len(st.speakers) == 0 {
			continue
		}
		a.gapped(c, st)
		// "a spokesperson for the army": a person speaking for an organisation
		if st.subj[0] >= 0 && len(st.speakers) == 1 && a.ents.list[st.speakers[0]].kind != domain.KindPerson {
			for x := st.subj[0]; x < st.subj[1]; x++ {
				if personRoles[c.toks[x].lower] && !strings.HasSuffix(c.toks[x].lower, "s") {
					a.lastRole, a.lastRolePos = st.speakers[0], st.cue.start
				}
			}
		}
		a.stmts = append(a.stmts, st)
		a.noteSpeakers(st.speakers, st.cue.start)
	}
	a.scopeAndStatus(si, first)
}

// findCues lists the attribution cues of a sentence in order.
func (a *article) findCues(toks []token) []cueCand {
	lx := a.p.lx
	var out []cueCand
	for ci := 0; ci < len(toks); ci++ {
		w := toks[ci].lower
		if w == "according" && ci+1 < len(toks) && toks[ci+1].lower == "to" {
			out = append(out, cueCand{ci: ci, cj: ci + 2, word: w, according: true, cw: cueWord{class: "say"}})
			ci++
			continue
		}
		if (w == "criticism" || w == "condemnation" || w == "praise") && ci+1 < len(toks) && toks[ci+1].lower == "from" {
			out = append(out, cueCand{ci: ci, cj: ci + 2, word: w, according: true, cw: cueWord{class: "say"}})
			ci++
			continue
		}
		cw, ok := lx.cues[w]
		if !ok || !toks[ci].word {
			continue
		}
		// "United States", "Reports": a capitalised word is a cue only at
		// the start of a sentence or quote
		if toks[ci].cap && ci > 0 && toks[ci-1].word {
			continue
		}
		cd := cueCand{ci: ci, cj: ci + 1, cw: cw, word: w}
		// object nouns for light verbs: "gave a figure", "expressed concern"
		if cw.obj != nil {
			found := false
			for k := ci + 1; k < len(toks) && k <= ci+4; k++ {
				if cw.obj[toks[k].lower] {
					cd.cj = k + 1
					found = true
					break
				}
			}
			if !found {
				continue
			}
		}
		if _, nextCue := lx.cues[nextLower(toks, ci)]; cw.amb && nextCue {
			continue // "media reports put ...", "reports said": a noun
		}
		if cw.amb && ci+1 < len(toks) && (strings.HasSuffix(toks[ci+1].lower, "ing") || beForms[toks[ci+1].lower] || toks[ci+1].lower == "of") {
			continue // "reports suggesting", "claims of"
		}
		if cw.that && !(ci+1 < len(toks) && toks[ci+1].lower == "that") {
			continue
		}
		if cw.whether && ci+1 < len(toks) && (toks[ci+1].lower == "whether" || toks[ci+1].lower == "if") {
			cd.cw.class = "say"
		}
		// phrasal verbs that are not speech: "called in", "called off"
		if strings.HasPrefix(w, "call") && ci+1 < len(toks) {
			switch toks[ci+1].lower {
			case "in", "off", "up", "out":
				continue
			}
		}
		// look left over auxiliaries for passive voice and negation
		k := ci - 1
		passive, sawTo := false, false
		for k >= 0 {
			lw := toks[k].lower
			if lw == "not" || lw == "n't" || lw == "never" {
				cd.neg = true
			} else if lw == "yet" {
				cd.yet = true
			} else if lw == "neither" {
				cd.neither = true
			} else if beForms[lw] {
				if !cw.isIng && !sawTo {
					passive = true
				}
			} else if lw == "to" || lw == "unable" || lw == "able" {
				// "has yet to confirm", "was unable to confirm"
				sawTo = true
			} else if !lx.aux[lw] && !isAdverb(toks[k]) {
				break
			}
			k--
		}
		if passive && !(ci+1 < len(toks) && toks[ci+1].lower == "by") {
			continue
		}
		// a past participle used as an adjective: "the confirmed deaths"
		if k >= 0 && k == ci-1 && (isDet(toks[k].lower) || toks[k].lower == "of" || toks[k].lower == "'s") {
			continue
		}
		// "neither confirmed nor denied" is one cue
		if ci+2 < len(toks) && toks[ci+1].lower == "nor" {
			if _, ok := lx.cues[toks[ci+2].lower]; ok {
				cd.cj = ci + 3
				cd.neither = true
			}
		}
		if cd.neither {
			cd.neg = true
		}
		if cd.neg && cw.reply {
			continue // "had not replied to a request for comment"
		}
		if ci >= 1 && toks[ci-1].lower == "to" {
			// an infinitive is a cue only in "yet to confirm", "unable to
			// confirm"; "declined to comment" is a non-response and "plans
			// to add" no attribution at all
			prev2 := ""
			if ci >= 2 {
				prev2 = toks[ci-2].lower
			}
			switch prev2 {
			case "yet":
			case "unable":
				cd.neg = true
			case "able":
			default:
				continue
			}
		}
		out = append(out, cd)
		ci = cd.cj - 1
	}
	return out
}

func nextLower(toks []token, i int) string {
	if i+1 < len(toks) {
		return toks[i+1].lower
	}
	return ""
}

func isAdverb(t token) bool {
	return t.word && !t.cap && len(t.lower) > 4 && strings.HasSuffix(t.lower, "ly") && t.lower != "family" && t.lower != "italy"
}

// speakerFor finds who speaks for a cue and builds the statement; nil when
// the cue has no speaker (an impersonal passive, a noun).
func (a *article) speakerFor(c *sentCtx, cd cueCand, first int) *stmt {
	toks := c.toks
	st := &stmt{sent: c.si, ci: cd.ci, cj: cd.cj, class: cd.cw.class, negated: cd.neg, yetTo: cd.yet, subj: [2]int{-1, -1}}
	st.cue = span{toks[cd.ci].start, toks[cd.cj-1].end}
	// include auxiliaries and negation in the cue: "did not deny", "have yet to confirm"
	k := cd.ci
	for k > 0 {
		lw := toks[k-1].lower
		if lw == "not" || lw == "n't" || lw == "never" || lw == "yet" || lw == "to" || lw == "neither" || (a.p.lx.aux[lw] && lw != "also" && lw != "however" && lw != "earlier" && lw != "reportedly" && lw != "both") || beForms[lw] {
			k--
			continue
		}
		break
	}
	if k < cd.ci && (cd.neg || cd.yet || k == cd.ci-1) {
		st.cue.start = toks[k].start
	}
	prev := func() *stmt {
		if len(a.stmts) > first {
			return a.stmts[len(a.stmts)-1]
		}
		return nil
	}
	if cd.according {
		from := cd.cj
		// "according to a statement from its humanitarian office"
		for x := from; x < len(toks) && x < from+4; x++ {
			if (toks[x].lower == "from" || toks[x].lower == "by") && x > from {
				from = x + 1
				break
			}
			if !(isDet(toks[x].lower) || sourceNouns[toks[x].lower] || isReportNoun(toks[x].lower) || a.p.lx.modifiers[toks[x].lower]) {
				break
			}
		}
		e := npRight(a, toks, from)
		if from != cd.cj && e <= from {
			from, e = cd.cj, npRight(a, toks, cd.cj)
		}
		st.speakers = a.resolveNP(c, from, e)
		st.subj = [2]int{from, e}
		st.whole = true
		return st
	}
	if cd.cw.class == "cite" {
		e := npRight(a, toks, cd.cj)
		if e > cd.cj {
			if sp := a.resolveNP(c, cd.cj, e); len(sp) > 0 {
				st.speakers = sp
				st.subj = [2]int{cd.cj, e}
				st.whole = true
				return st
			}
		}
	}
	if cd.cw.isIng {
		left := cd.ci - 1
		if left >= 0 && toks[left].text == "," {
			if !cd.cw.ing {
				return nil
			}
			if p := prev(); p != nil {
				st.speakers = append([]int{}, p.speakers...)
				return st
			}
			return nil
		}
		if left >= 0 && beForms[toks[left].lower] {
			// progressive: "are calling for"
		} else if left >= 0 && toks[left].word && !toks[left].cap && !pronouns[toks[left].lower] && (a.p.lx.roles[toks[left].lower] || isReportNoun(toks[left].lower) || strings.HasSuffix(toks[left].lower, "s")) {
			// a noun doing the showing: "intelligence reports suggesting"
			s := npLeft(a, toks, left)
			sp := a.resolveNP(c, s, left+1)
			if len(sp) == 0 {
				return nil
			}
			st.speakers = sp
			st.subj = [2]int{s, left + 1}
			return st
		} else {
			return nil
		}
	}
	s, e, coord := a.subjectLeft(c, cd.ci)
	if coord {
		if p := prev(); p != nil && !cd.cw.evid {
			st.speakers = append([]int{}, p.speakers...)
			return st
		}
		// "Rachel Green welcomed the figures but cautioned that ...": the
		// subject of the sentence
		if e := npRight(a, toks, 0); e > 0 && e < cd.ci && !cd.cw.evid {
			if sp := a.resolveNP(c, 0, e); len(sp) > 0 && a.ents.list[sp[0]].kind != domain.KindGroup {
				st.speakers = sp
				st.subj = [2]int{0, e}
				return st
			}
		}
		return nil
	}
	if cd.cw.evid && (e <= s || !isEvidence(toks[e-1].lower)) {
		return nil
	}
	if cd.cw.evid && officialEvidence(toks, cd.ci) {
		st.official = true
	}
	if e > s {
		if cd.cw.amb && !a.plausibleSubject(c, s, e) {
			return nil
		}
		if cd.cw.amb && s > 0 && prepositions[toks[s-1].lower] && !(s > 1 && (a.p.lx.groups[toks[s-2].lower] || a.p.lx.roles[toks[s-2].lower])) {
			return nil // "according to union estimates": a noun
		}
		sp := a.resolveNP(c, s, e)
		if len(sp) > 0 {
			st.speakers = sp
			st.subj = [2]int{s, e}
			st.pronoun = e-s == 1 && pronouns[toks[s].lower]
			st.inverted = s > 0 && (toks[s-1].text == "," || isCloseQuoteTok(toks[s-1])) && cd.cw.obj == nil && !a.forwardContent(toks, cd.cj)
			return st
		}
		if e-s == 1 && (toks[s].lower == "we" || toks[s].lower == "i") {
			return nil
		}
	}
	// inverted order: ", said the spokesman"
	if cd.ci > 0 && (toks[cd.ci-1].text == "," || isCloseQuoteTok(toks[cd.ci-1])) && !cd.cw.amb {
		e := npRight(a, toks, cd.cj)
		if e > cd.cj {
			if sp := a.resolveNP(c, cd.cj, e); len(sp) > 0 {
				st.speakers = sp
				st.subj = [2]int{cd.cj, e}
				st.inverted = true
				return st
			}
		}
	}
	return nil
}

// gapped adds the second subject of a gapped coordination: "The Kremlin
// has rejected the reports as fake news and North Korea as baseless
// rumours" has North Korea reject them too.
func (a *article) gapped(c *sentCtx, st *stmt) {
	toks := c.toks
	as := false
	for x := st.cj; x < len(toks); x++ {
		if toks[x].lower == "as" {
			as = true
		}
		if !as || toks[x].lower != "and" {
			continue
		}
		for y := x + 2; y < len(toks) && y <= x+5; y++ {
			if toks[y].lower == "as" {
				if sp := a.resolveNP(c, x+1, y); len(sp) == 1 {
					k := a.ents.list[sp[0]].kind
					if k == domain.KindCountry || k == domain.KindOrganization {
						st.speakers = dedupe(append(st.speakers, sp...))
					}
				}
				return
			}
			if !toks[y].word {
				break
			}
		}
	}
}

// sourceNouns stand between "according to" and the real source: "a
// statement from", "a tally by".
var sourceNouns = map[string]bool{"statement": true, "statements": true, "tally": true, "count": true, "estimate": true, "analysis": true,
	"survey": true, "study": true, "post": true, "letter": true, "report": true, "reports": true, "data": true, "figures": true, "review": true}

// isEvidence names things that can show or suggest without a speaker:
// "official data showing", "its intelligence showed".
func isEvidence(w string) bool {
	switch w {
	case "data", "figures", "intelligence", "images", "imagery", "records", "statistics", "reports", "report", "footage", "documents", "analysis", "study", "survey", "estimates", "results", "polls", "poll":
		return true
	}
	return false
}

func isCloseQuoteTok(t token) bool {
	r := []rune(t.text)
	return len(r) == 1 && isCloseQuote(r[0])
}

// forwardContent reports whether the reported content follows the cue
// ("said that ...", "said Russian vessels ...") rather than preceding it
// ("..., the Pentagon said on Monday.").
func (a *article) forwardContent(toks []token, k int) bool {
	if k >= len(toks) {
		return false
	}
	t := toks[k]
	if !t.word {
		return false
	}
	// objects and adjuncts after the verb: "told reporters", "said on
	// Thursday", "told a committee meeting of ..." then either "that" or the
	// end of the clause
	skippable := func(w string) bool {
		switch w {
		case "on", "in", "at", "during", "after", "before", "late", "earlier", "later", "this", "last", "also",
			"reporters", "journalists", "a", "an", "the", "to", "of", "by", "phone", "email", "statement", "monday", "tuesday",
			"wednesday", "thursday", "friday", "saturday", "sunday", "week", "month", "day", "night", "morning", "evening":
			return true
		}
		return false
	}
	if !skippable(t.lower) {
		return true
	}
	for x := k; x < len(toks) && x < k+15; x++ {
		w := toks[x].lower
		if !toks[x].word {
			return false
		}
		if w == "that" {
			return true
		}
		// a finite verb: the words after the cue are a clause of their own
		if clauseAux[w] || beForms[w] || (strings.HasSuffix(w, "ed") && x > k && !toks[x].cap) {
			return true
		}
	}
	return false
}

// plausibleSubject guards cue words that are also nouns ("reports",
// "claims", "estimate"): the verb reading needs a real subject.
func (a *article) plausibleSubject(c *sentCtx, s, e int) bool {
	last := c.toks[e-1]
	if pronouns[last.lower] && last.lower != "it" {
		return true
	}
	if c.tokEnt[e-1] >= 0 || c.tokMen[e-1] >= 0 {
		return true
	}
	if a.p.lx.groups[last.lower] || a.p.lx.roles[last.lower] || a.p.lx.classes[last.lower] {
		return true
	}
	return last.cap
}

// subjectLeft finds the subject before a verb cue, skipping auxiliaries,
// adverbs and parenthetical commas (", however,", ", the Pentagon's deputy
// press secretary,", ", who ...,"). coord is true when the verb is
// coordinated with an earlier one ("... and warned").
func (a *article) subjectLeft(c *sentCtx, ci int) (s, e int, coord bool) {
	toks := c.toks
	lx := a.p.lx
	k := ci - 1
	for guard := 0; guard < 6; guard++ {
		for k >= 0 {
			lw := toks[k].lower
			if lx.aux[lw] || lw == "not" || lw == "n't" || lw == "never" || lw == "neither" || beForms[lw] || isAdverb(toks[k]) ||
				(lw == "to" && k > 0 && (toks[k-1].lower == "yet" || toks[k-1].lower == "unable" || toks[k-1].lower == "able")) || lw == "unable" || (lw == "able" && k+1 < len(toks) && toks[k+1].lower == "to") {
				// "also" etc. never end a subject; a pronoun or name does
				k--
				continue
			}
			break
		}
		if k < 0 {
			return 0, 0, false
		}
		// a time adjunct between subject and verb: "Carmody on Friday dismissed"
		if k > 0 && timeWords[toks[k].lower] && (toks[k-1].lower == "on" || toks[k-1].lower == "last" || toks[k-1].lower == "this" || toks[k-1].lower == "earlier") {
			k -= 2
			continue
		}
		if toks[k].text == ")" {
			// "the National Intelligence Service (NIS) said"
			p := k - 1
			for p >= 0 && toks[p].text != "(" && k-p < 8 {
				p--
			}
			if p > 0 && toks[p].text == "(" {
				k = p - 1
				continue
			}
			return 0, 0, false
		}
		t := toks[k]
		if t.lower == "and" || t.lower == "but" {
			return 0, 0, true
		}
		if t.text == "," {
			// parenthetical: find the comma that opens it
			p := k - 1
			for p >= 0 && toks[p].text != "," && k-p < 30 {
				p--
			}
			if p < 0 || toks[p].text != "," {
				return 0, 0, false
			}
			inner := toks[p+1 : k]
			if len(inner) >= 2 && len(inner) <= 4 && allNames(inner) && p > 0 && !timeWords[inner[0].lower] {
				// "The union's leader, Mario Nogueira, said": the name speaks
				return p + 1, k, false
			}
			if len(inner) == 0 || !a.parenthetical(inner) {
				return 0, 0, false
			}
			k = p - 1
			// a relative clause: "Rutte, who ..., told"
			continue
		}
		if t.lower == "who" || t.lower == "which" {
			if k > 0 && toks[k-1].text == "," {
				k -= 2
				continue
			}
			k--
			continue
		}
		if !t.word {
			return 0, 0, false
		}
		s = npLeft(a, toks, k)
		if s > k {
			return 0, 0, false
		}
		// "Economists polled by Reuters expected": the group speaks
		if s > 2 && toks[s-1].lower == "by" && strings.HasSuffix(toks[s-2].lower, "ed") && (lx.groups[toks[s-3].lower] || lx.roles[toks[s-3].lower]) {
			return npLeft(a, toks, s-3), s - 2, false
		}
		// an NP that is the object of a verb inside a relative clause
		// ("a county that includes Asheville, a city ..., reported")
		if s > 0 && toks[s-1].word && !toks[s-1].cap && !isDet(toks[s-1].lower) && !lx.aux[toks[s-1].lower] && !notVerb[toks[s-1].lower] {
			for r := s - 1; r >= 0 && r > s-6; r-- {
				if toks[r].lower == "that" || toks[r].lower == "which" || toks[r].lower == "who" {
					if r > 0 && toks[r-1].word {
						s2 := npLeft(a, toks, r-1)
						return s2, r, false
					}
				}
			}
		}
		return s, k + 1, false
	}
	return 0, 0, false
}

var timeWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"week": true, "month": true, "year": true, "weekend": true, "night": true, "morning": true, "evening": true, "afternoon": true}

func allNames(ts []token) bool {
	for _, t := range ts {
		if !nameToken(t) {
			return false
		}
	}
	return true
}

var prepositions = map[string]bool{"to": true, "of": true, "from": true, "by": true, "in": true, "on": true, "at": true, "with": true, "for": true, "about": true, "on.": true}

// notVerb lists words that can stand before a subject without making it the
// object of a verb.
var notVerb = map[string]bool{"and": true, "or": true, "but": true, "that": true, "which": true, "who": true, "while": true, "whereas": true, "as": true,
	"in": true, "on": true, "at": true, "from": true, "by": true, "for": true, "with": true, "to": true, "of": true, "if": true, "when": true, "since": true,
	"because": true, "although": true, "though": true, "after": true, "before": true, "where": true, "so": true, "then": true}

// parenthetical reports whether the words between two commas can be
// skipped on the way from a verb back to its subject.
func (a *article) parenthetical(inner []token) bool {
	w := inner[0].lower
	switch w {
	case "who", "which", "however", "though", "meanwhile", "too", "also", "in", "speaking", "judging", "citing", "according", "for", "on", "at", "after", "earlier", "then", "instead", "moreover", "furthermore", "therefore", "nonetheless", "nevertheless":
		return true
	}
	if isDet(w) {
		return true
	}
	if strings.HasSuffix(w, "ing") {
		return true
	}
	// "Kim Hong Kyun, South Korea's first vice foreign minister, ..."
	for _, t := range inner {
		if t.lower == "'s" {
			return true
		}
	}
	return len(inner) <= 2 && !inner[0].cap
}

// npLeft returns where the noun phrase ending at toks[k] starts.
func npLeft(a *article, toks []token, k int) int {
	lx := a.p.lx
	covered := func(x int) bool { return a.curMen != nil && x < len(a.curMen) && a.curMen[x] >= 0 }
	t := toks[k]
	if pronouns[t.lower] {
		return k
	}
	s := k
	for x := k; x >= 0; x-- {
		tx := toks[x]
		w := tx.lower
		ok := false
		switch {
		case w == "the" && x > 0 && x < k && nameToken(toks[x-1]) && nameToken(toks[x+1]):
			ok = true // "Save the Children"
		case w == "the" && x > 0 && x < k && (toks[x-1].lower == "of" || (toks[x-1].lower == "to" && x > 1 && personRoles[toks[x-2].lower])):
			ok = true
		case isDet(w) || w == "both" || w == "many" || w == "some" || w == "its" || w == "their" || w == "his" || w == "her":
			return x
		case tx.cap && lx.stopCaps[w]:
			ok = false
		case w == "'s" || w == "of":
			ok = x < k
		case w == "to" && x < k && x > 0 && personRoles[toks[x-1].lower]:
			ok = true
		case w == "and":
			ok = x < k && x > 0 && (toks[x-1].cap || lx.modifiers[toks[x-1].lower] || lx.roles[toks[x-1].lower])
		case tx.cap || nameToken(tx) || (covered(x) && tx.word):
			ok = true
		case lx.roles[w] || lx.groups[w] || lx.modifiers[w] || lx.classes[w] || lx.titles[w]:
			ok = true
		case tx.word && x < k && x > 0 && covered(x-1) && !covered(x) && (lx.roles[toks[k].lower] || lx.classes[toks[k].lower]):
			ok = true // "UN refugee agency"
		case tx.word && x == k && !tx.cap && x > 0 && (toks[x-1].cap || toks[x-1].lower == "of") && !strings.HasSuffix(w, "ed") && !lx.aux[w]:
			ok = true // "US diplomacy"
		case tx.word && x == k && (isReportNoun(w) || sourceNouns[w]):
			ok = true
		case tx.word && x == k && !tx.cap && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 && !lx.aux[w] && !beForms[w]:
			ok = true // a plural noun: "medics", "farmers"
		}
		if !ok && tx.word && !tx.cap && x < k && (lx.roles[toks[k].lower] || lx.classes[toks[k].lower] || lx.groups[toks[k].lower] || nameToken(toks[k])) {
			// "the telecoms company Optus", "the electoral commission"
			for y := x; y >= 0 && y >= x-2; y-- {
				if isDet(toks[y].lower) {
					return y
				}
				if !toks[y].word || toks[y].cap || lx.aux[toks[y].lower] || notVerb[toks[y].lower] || strings.HasSuffix(toks[y].lower, "ed") || pronouns[toks[y].lower] {
					break
				}
			}
		}
		if !ok {
			break
		}
		s = x
	}
	// never start on a connector
	for s < k && (toks[s].lower == "of" || toks[s].lower == "and" || toks[s].lower == "'s") {
		s++
	}
	return s
}

// npRight returns where the noun phrase starting at toks[k] ends.
func npRight(a *article, toks []token, k int) int {
	lx := a.p.lx
	covered := func(x int) bool { return a.curMen != nil && x < len(a.curMen) && a.curMen[x] >= 0 }
	e := k
	for x := k; x < len(toks); x++ {
		tx := toks[x]
		w := tx.lower
		ok := false
		switch {
		case isDet(w) && x == k:
			ok = true
		case w == "the" && x > k && toks[x-1].lower == "of":
			ok = true
		case w == "'s" || w == "of":
			ok = x > k && x+1 < len(toks) && toks[x+1].word
		case (w == "for" || w == "at") && x > k && personRoles[toks[x-1].lower] && x+1 < len(toks) && toks[x+1].word:
			ok = true // "a spokesperson for the Israel Defense Forces"
		case w == "the" && x > k && (toks[x-1].lower == "for" || toks[x-1].lower == "at"):
			ok = true
		case w == "and":
			ok = x > k && x+1 < len(toks) && (toks[x+1].cap || lx.modifiers[toks[x+1].lower] || isDet(toks[x+1].lower))
		case tx.cap || nameToken(tx):
			ok = true
		case lx.roles[w] || lx.groups[w] || lx.modifiers[w] || lx.classes[w] || isReportNoun(w):
			ok = true
		case w == "preliminary" || w == "official" || w == "early" || w == "earlier" || w == "latest" || w == "new":
			ok = true
		case covered(x) && tx.word:
			ok = true
		}
		if !ok {
			break
		}
		e = x + 1
	}
	for e > k && (toks[e-1].lower == "of" || toks[e-1].lower == "and" || toks[e-1].lower == "the") {
		e--
	}
	return e
}

func isReportNoun(w string) bool {
	switch w {
	case "reports", "report", "data", "figures", "statistics", "estimates", "records", "media", "press", "sources":
		return true
	}
	return false
}

// noteSpeakers remembers the latest speakers for pronouns.
func (a *article) noteSpeakers(sp []int, pos int) {
	if len(sp) > 1 {
		a.lastGroup = sp[0]
	}
	for _, e := range sp {
		ent := a.ents.list[e]
		ent.spoke = true
		if pos > ent.lastPos {
			ent.lastPos = pos
		}
		switch ent.kind {
		case domain.KindPerson:
			a.lastPerson = e
			a.lastPersonPos = pos
		case domain.KindGroup:
			a.lastGroup = e
		default:
			if ent.kind != domain.KindGroup {
				a.lastThing = e
			}
		}
	}
}

// scopeAndStatus decides, for the statements of one sentence, which part of
// the sentence each reports and, from that, its status.
func (a *article) scopeAndStatus(si, first int) {
	s := &a.sents[si]
	toks := s.toks
	sts := a.stmts[first:]
	// boundaries: where each statement's own words begin
	startOf := func(st *stmt) int {
		if st.subj[0] >= 0 && st.subj[0] < st.ci {
			return st.subj[0]
		}
		return st.ci
	}
	// a cue whose subject is a pronoun for the speaker of the cue just
	// before it reports the same act ("Austin said he could not confirm")
	for i, st := range sts {
		if i == 0 || !st.pronoun || st.whole {
			continue
		}
		o := sts[i-1]
		if !o.whole && !o.inverted && sameSpeakers(o.speakers, st.speakers) && st.subj[0] >= o.cj {
			direct := true
			for x := o.cj; x < st.subj[0]; x++ {
				switch toks[x].lower {
				case "though", "although", "but", "while", "and", "as", "because", "when", "whereas", "before", "after":
					direct = false
				}
				if !toks[x].word {
					direct = false
				}
			}
			st.nested = direct
		}
	}
	for i, st := range sts {
		if st.whole || st.nested {
			continue
		}
		if st.inverted {
			from := 0
			for _, o := range sts[:i] {
				if !o.whole && o.cj <= startOf(st) {
					from = o.cj
				}
			}
			if st.subj[0] > from {
				st.scope = []span{{toks[from].start, toks[st.subj[0]-1].end}}
			}
			continue
		}
		from := st.cj
		if cw, ok := a.p.lx.cues[toks[st.ci].lower]; ok && cw.obj != nil {
			from = st.ci + 1 // "counted 119,000 demonstrators"
		}
		to := len(toks)
		for _, o := range sts[i+1:] {
			if o.nested {
				continue
			}
			b := startOf(o)
			if b > st.cj && b < to {
				to = b
				break
			}
		}
		// background clauses end the reported content; so does a trailing
		// participle clause when an "according to" covers the sentence
		hasWhole := false
		for _, o := range sts {
			if o.whole {
				hasWhole = true
			}
		}
		for x := st.cj; x+1 < to; x++ {
			nw := toks[x+1].lower
			if toks[x].text == "," && (nw == "where" || nw == "when" || (hasWhole && strings.HasSuffix(nw, "ing") && nw != "according" && !a.isCueTok(toks[x+1]))) {
				to = x
				break
			}
		}
		if to > from && from < len(toks) {
			st.scope = []span{{toks[from].start, toks[to-1].end}}
		}
	}
	// whole-sentence statements take what the others leave
	for _, st := range sts {
		if !st.whole {
			continue
		}
		st.scope = []span{{s.start, s.end}}
		for x := 0; x+1 < len(toks); x++ {
			if toks[x].text == "," && (toks[x+1].lower == "where" || toks[x+1].lower == "when") {
				end := s.end
				for y := x + 2; y < len(toks); y++ {
					if toks[y].text == "," {
						end = toks[y].start
						break
					}
				}
				st.scope = subtract(st.scope, span{toks[x].start, end})
			}
		}
	}
	for _, st := range sts {
		st.status = a.statementStatus(st, sts, s)
	}
	// drop merged statements
	kept := a.stmts[:first]
	for _, st := range sts {
		if !st.nested {
			kept = append(kept, st)
		}
	}
	a.stmts = kept
}

func (a *article) isCueTok(t token) bool {
	cw, ok := a.p.lx.cues[t.lower]
	return ok && cw.ing
}

func sameSpeakers(x, y []int) bool {
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

// resolveNP maps the noun phrase toks[s:e] to speaker entities.
func (a *article) resolveNP(c *sentCtx, s, e int) []int {
	toks := c.toks
	lx := a.p.lx
	if s >= e {
		return nil
	}
	// coordination: "North Korea and Russia", "senior US and Ukrainian officials"
	for x := s + 1; x < e-1; x++ {
		if toks[x].lower != "and" {
			continue
		}
		left := a.resolveNP(c, s, x)
		right := a.resolveNP(c, x+1, e)
		headR := toks[e-1].lower
		if len(right) > 0 && (lx.groups[headR] || lx.roles[headR]) && !a.hasHead(toks[s:x]) {
			// distributive: the head noun belongs to both sides
			l := a.groupWithHead(c, s, x, e-1)
			if l >= 0 {
				return dedupe(append([]int{l}, right...))
			}
		}
		if len(left) > 0 && len(right) > 0 {
			return dedupe(append(left, right...))
		}
	}
	// strip determiners and quantifiers
	def := false
	for s < e {
		w := toks[s].lower
		if isDet(w) || w == "both" || w == "many" || w == "some" || w == "several" || w == "also" || w == "its" || w == "their" {
			if w == "the" {
				def = true
			}
			s++
			continue
		}
		break
	}
	if s >= e {
		return nil
	}
	surface := a.body[toks[s].start:toks[e-1].end]
	// "Libya's ambassador to the UN": the holder of the post speaks
	for x := s + 1; x < e-1; x++ {
		if (toks[x].lower == "to" || toks[x].lower == "for") && personRoles[toks[x-1].lower] {
			sp := a.resolveNP(c, s, x)
			for _, ix := range sp {
				a.ents.alias(ix, surface)
			}
			if len(sp) > 0 {
				return sp
			}
		}
	}
	// trailing report nouns: "Benzinga Pro data", "South Korean intelligence
	// reports", "the ministry's statement"
	if e-s >= 2 && (isReportNoun(toks[e-1].lower) || sourceNouns[toks[e-1].lower]) && toks[e-1].lower != "media" {
		in := e - 1
		if toks[in-1].lower == "'s" && in-1 > s {
			in--
			if def {
				s-- // keep "the" for "the ministry"
			}
		}
		inner := a.resolveNP(c, s, in)
		if len(inner) > 0 {
			return inner
		}
	}
	// a single pronoun
	if e-s == 1 && pronouns[toks[s].lower] {
		return a.resolvePronoun(toks[s].lower)
	}
	// generic reports with no owner
	if e-s <= 2 && isReportNoun(toks[e-1].lower) && toks[e-1].lower != "media" && (!toks[s].cap || e-s == 1) {
		if toks[e-1].lower == "reports" || toks[e-1].lower == "report" {
			return []int{a.group("media reports", surface)}
		}
		return nil
	}
	// the entity mentions inside the phrase
	var persons, orgs, countries []int
	var dem []int
	firstMen := -1
	for x := s; x < e; x++ {
		mi := c.tokMen[x]
		if mi < 0 || (x > s && c.tokMen[x-1] == mi) {
			continue
		}
		if firstMen < 0 {
			firstMen = x
		}
		m := c.ms[mi]
		ent := c.tokEnt[x]
		switch {
		case m.kind == mDemonym:
			dem = append(dem, a.fromGaz(m.gaz))
		case ent >= 0 && a.ents.list[ent].kind == domain.KindPerson:
			persons = append(persons, ent)
		case ent >= 0 && a.ents.list[ent].kind == domain.KindCountry:
			countries = append(countries, ent)
		case ent >= 0:
			orgs = append(orgs, ent)
		}
	}
	head := toks[e-1]
	hw := head.lower
	// "the head of US diplomacy", "the mayor of Derna": the role is the head
	for x := s + 1; x < e; x++ {
		if toks[x].lower == "of" && (personRoles[toks[x-1].lower] || lx.roles[toks[x-1].lower]) && !toks[x-1].cap {
			head = toks[x-1]
			hw = head.lower
			break
		}
	}
	descOnly := true
	for x := s; x < e; x++ {
		w := toks[x].lower
		if c.tokEnt[x] >= 0 && c.tokMen[x] >= 0 && c.ms[c.tokMen[x]].kind != mName {
			continue
		}
		if c.tokMen[x] >= 0 && c.ms[c.tokMen[x]].kind == mDemonym {
			continue
		}
		if !(lx.titles[w] || lx.roles[w] || lx.modifiers[w] || w == "of" || w == "'s" || w == "the") {
			descOnly = false
		}
	}
	if len(persons) > 0 {
		p := persons[len(persons)-1]
		a.ents.alias(p, surface)
		return []int{p}
	}
	// unnamed groups: "experts", "officials", "Politicians"
	if lx.groups[hw] && len(orgs) == 0 && len(countries) == 0 && len(dem) == 0 {
		return []int{a.group(hw, surface)}
	}
	if (hw == "media" || hw == "press") && len(orgs) == 0 && len(countries) == 0 && len(dem) == 0 && len(persons) == 0 {
		return []int{a.group("media reports", surface)}
	}
	// "the US Secretary of State": a title standing for its holder
	if def && descOnly {
		qual := ""
		if len(countries) > 0 {
			qual = strings.ToLower(a.ents.list[countries[len(countries)-1]].name)
		} else if len(dem) > 0 {
			qual = strings.ToLower(a.ents.list[dem[len(dem)-1]].name)
		}
		if ix := a.personByRole(toks[s:e], qual); ix >= 0 {
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	// a capitalised name after its description: "the French newspaper Le Parisien"
	if nameToken(head) && c.tokMen[e-1] >= 0 && c.tokEnt[e-1] < 0 {
		m := c.ms[c.tokMen[e-1]]
		name := toks[m.title:m.j]
		if m.kind == mName && m.i >= s {
			if ix := a.knownPerson(name); ix >= 0 {
				a.ents.alias(ix, surface)
				return []int{ix}
			}
			if len(name) == 1 && (a.p.lx.orgWords[hw] || a.p.lx.classes[hw]) && def {
				if ix := a.byClass(hw, "", true); ix >= 0 {
					a.ents.alias(ix, surface)
					return []int{ix}
				}
			}
			var ix int
			if len(name) >= 2 && len(name) <= 4 && !a.p.hasOrgWord(name) && !isAllCaps(name[0].text) && m.i == s {
				ix = a.ents.add(textOf(a.body, name, 0, len(name)), domain.KindPerson)
				a.ents.alias(ix, name[len(name)-1].text)
			} else {
				ix = a.orgByName(textOf(a.body, toks, m.i, m.j))
			}
			a.ents.mention(ix, span{toks[m.i].start, toks[m.j-1].end})
			a.ents.alias(ix, surface)
			for x := s; x < m.i; x++ {
				if lx.classes[toks[x].lower] {
					a.ents.list[ix].classes[toks[x].lower] = true
				}
			}
			return []int{ix}
		}
	}
	isHeadRole := lx.roles[hw] || lx.groups[hw] || lx.classes[hw]
	// an organisation with a role: "a Microsoft spokesperson", "the chief of the WMO"
	if len(orgs) > 0 {
		o := orgs[len(orgs)-1]
		a.ents.alias(o, surface)
		return []int{o}
	}
	// an unknown capitalised name with a role: "a Ukrinform correspondent"
	if isHeadRole && firstMen >= 0 && c.tokEnt[firstMen] < 0 && c.ms[c.tokMen[firstMen]].kind == mName {
		m := c.ms[c.tokMen[firstMen]]
		if m.j < e && !def {
			ix := a.orgByName(textOf(a.body, toks, m.i, m.j))
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	country := -1
	if len(countries) > 0 {
		country = countries[len(countries)-1]
	} else if len(dem) > 0 {
		country = dem[len(dem)-1]
	}
	// definite descriptions: "the Ukrainian president", "the ministry"
	if def || (country >= 0 && personRoles[hw]) {
		qual := ""
		if country >= 0 {
			qual = strings.ToLower(a.ents.list[country].name)
		}
		if personRoles[hw] || hw == "head" {
			if ix := a.personByRole(toks[s:e], qual); ix >= 0 && def {
				a.ents.alias(ix, surface)
				return []int{ix}
			}
		}
		if def && (lx.classes[hw] || lx.roles[hw]) && country < 0 {
			if ix := a.byClass(hw, qual, false); ix >= 0 {
				a.ents.alias(ix, surface)
				return []int{ix}
			}
		}
		if def && lx.classes[hw] && country >= 0 {
			if ix := a.byClass(hw, qual, false); ix >= 0 {
				a.ents.alias(ix, surface)
				return []int{ix}
			}
		}
	}
	if country >= 0 {
		cname := a.ents.list[country].name
		rest := toks[s:e]
		// intelligence services: "South Korea's spy agency", "Ukraine's military intelligence"
		for _, t := range rest {
			if t.lower == "intelligence" || t.lower == "spy" {
				if g := a.p.gz.countryRole[strings.ToLower(cname)+"|intelligence"]; g != nil {
					ix := a.fromGaz(g)
					a.ents.alias(ix, surface)
					return []int{ix}
				}
			}
		}
		if hw == "media" || hw == "press" {
			return []int{a.group(a.demonymOf(cname)+" media", surface)}
		}
		// a named body of the country: "France's Interior Ministry"
		if head.cap && (lx.orgWords[hw] || lx.classes[hw]) && c.tokEnt[e-1] < 0 {
			k := e - 1
			for k > s && toks[k-1].cap && c.tokEnt[k-1] < 0 && toks[k-1].lower != "'s" {
				k--
			}
			name := a.demonymOf(cname) + " " + textOf(a.body, toks, k, e)
			ix := a.ents.add(name, domain.KindOrganization)
			a.ents.list[ix].country = cname
			a.ents.list[ix].classes[hw] = true
			a.ents.alias(ix, surface)
			return []int{ix}
		}
		if e-s == 1 || isHeadRole || head.cap {
			a.ents.alias(country, surface)
			return []int{country}
		}
		return nil
	}
	// "the government", "the authorities": the country in the news
	if def && (hw == "government" || hw == "authorities") {
		if ix := a.latest(func(e *entity) bool { return e.kind == domain.KindCountry }); ix >= 0 {
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	// "a company spokeswoman", "union estimates": the latest organisation of that type
	for x := s; x < e; x++ {
		w := toks[x].lower
		if !lx.classes[w] || toks[x].cap {
			continue
		}
		ix := a.byClass(w, "", false)
		if ix < 0 && (w == "company" || w == "firm") {
			ix = a.latest(func(e *entity) bool {
				return e.kind == domain.KindOrganization && !e.gaz && !e.classes["newspaper"] && !e.classes["agency"] && !e.classes["broadcaster"]
			})
		}
		if ix >= 0 {
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	// the West
	if hw == "west" && def {
		ix := a.ents.add("the West", domain.KindGroup)
		return []int{ix}
	}
	// unnamed groups: "experts", "officials", "Libyans"
	if lx.groups[hw] {
		return []int{a.group(hw, surface)}
	}
	if head.cap && strings.HasSuffix(head.text, "s") {
		if _, ph, ok := a.p.gz.match([]token{{text: head.text[:len(head.text)-1], lower: hw[:len(hw)-1], cap: true, word: true}}, 0); ok && ph.demonym {
			return []int{a.group(head.text, surface)}
		}
	}
	// role of a place: "the mayor of Derna"
	for x := s + 1; x < e-1; x++ {
		if toks[x].lower == "of" && personRoles[toks[x-1].lower] && toks[x+1].cap {
			name := surface
			r := []rune(name)
			r[0] = unicode.ToUpper(r[0])
			ix := a.ents.add(string(r), domain.KindPerson)
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	// a lone capitalised word: a known surname, or an organisation
	if e-s == 1 && head.cap && !a.p.lx.stopCaps[hw] {
		if ix := a.knownPerson(toks[s:e]); ix >= 0 {
			return []int{ix}
		}
		ix := a.orgByName(head.text)
		a.ents.mention(ix, span{head.start, head.end})
		return []int{ix}
	}
	// an unknown capitalised name
	if nameToken(head) && firstMen >= 0 {
		m := c.ms[c.tokMen[firstMen]]
		name := toks[m.title:m.j]
		if len(name) >= 2 && len(name) <= 4 && !a.p.hasOrgWord(name) && !isAllCaps(name[0].text) && a.apposition(toks, m.j) != "org" {
			ix := a.ents.add(textOf(a.body, name, 0, len(name)), domain.KindPerson)
			a.ents.mention(ix, span{toks[m.i].start, toks[m.j-1].end})
			a.ents.alias(ix, surface)
			a.ents.alias(ix, name[len(name)-1].text)
			return []int{ix}
		}
		ix := a.orgByName(textOf(a.body, toks, m.i, m.j))
		a.ents.alias(ix, surface)
		return []int{ix}
	}
	// "the spokesperson": the last entity described that way
	if def && isHeadRole {
		if ix := a.byDescr(hw); ix >= 0 {
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	// nobody named: "a senior official" speaks for "officials"; "the army"
	// becomes an entity of its own
	if isHeadRole && !head.cap {
		if !def && personRoles[hw] {
			if pl := pluralRole(hw); lx.groups[pl] {
				return []int{a.group(pl, surface)}
			}
		}
		if def {
			name := strings.ToLower(surface)
			if e-s > 3 {
				name = hw
			}
			ix := a.ents.add(name, domain.KindOrganization)
			a.ents.alias(ix, surface)
			a.ents.list[ix].classes[hw] = true
			return []int{ix}
		}
	}
	// a plain plural noun right before the verb: "medics said", "farmers say"
	if !head.cap && head.word && strings.HasSuffix(hw, "s") && !strings.HasSuffix(hw, "ss") && len(hw) > 3 && !isReportNoun(hw) && !isEvidence(hw) && !lx.aux[hw] && e-s <= 3 {
		return []int{a.group(hw, surface)}
	}
	return nil
}

func pluralRole(w string) string {
	switch {
	case strings.HasSuffix(w, "man"):
		return w[:len(w)-3] + "men"
	case strings.HasSuffix(w, "y"):
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

func (a *article) hasHead(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	w := toks[len(toks)-1].lower
	return a.p.lx.groups[w] || a.p.lx.roles[w]
}

// groupWithHead resolves "US" in "senior US and Ukrainian officials" as "US
// officials".
func (a *article) groupWithHead(c *sentCtx, s, x, h int) int {
	for k := x - 1; k >= s; k-- {
		mi := c.tokMen[k]
		if mi < 0 {
			continue
		}
		m := c.ms[mi]
		if m.kind == mDemonym || m.kind == mGaz {
			ix := a.fromGaz(m.gaz)
			a.ents.alias(ix, a.body[c.toks[m.i].start:c.toks[m.j-1].end]+" "+c.toks[h].text)
			return ix
		}
	}
	return -1
}

// group returns the entity for an unnamed group label.
func (a *article) group(label, surface string) int {
	ix := a.ents.add(label, domain.KindGroup)
	a.ents.alias(ix, surface)
	return ix
}

func (a *article) demonymOf(country string) string {
	if g := a.p.gz.byName[strings.ToLower(country)]; g != nil && len(g.demonyms) > 0 {
		return g.demonyms[0]
	}
	return country
}

// resolvePronoun picks the latest compatible speaker.
func (a *article) resolvePronoun(w string) []int {
	switch w {
	case "he", "she":
		if a.lastRole >= 0 && a.lastRolePos > a.lastPersonPos {
			return []int{a.lastRole}
		}
		if a.lastPerson >= 0 {
			return []int{a.lastPerson}
		}
		best := -1
		for i, e := range a.ents.list {
			if e.kind == domain.KindPerson && (best < 0 || e.lastPos > a.ents.list[best].lastPos) {
				best = i
			}
		}
		if best >= 0 {
			return []int{best}
		}
	case "it":
		if a.lastThing >= 0 {
			return []int{a.lastThing}
		}
		if ix := a.latest(func(e *entity) bool {
			return e.kind == domain.KindOrganization || e.kind == domain.KindCountry
		}); ix >= 0 {
			return []int{ix}
		}
	case "they":
		if a.lastGroup >= 0 {
			return []int{a.lastGroup}
		}
		if a.lastThing >= 0 {
			return []int{a.lastThing}
		}
	}
	return nil
}

// personByRole resolves "the Ukrainian president", "the NATO Secretary
// General" or "the head of US diplomacy" to the latest person whose titles
// share the role word or the country/organisation.
func (a *article) personByRole(desc []token, qual string) int {
	best, bestScore := -1, 0
	quals := map[string]bool{}
	if qual != "" {
		quals[qual] = true
	}
	for _, t := range desc {
		if n, ph, ok := a.p.gz.match([]token{t}, 0); ok && n == 1 {
			quals[strings.ToLower(ph.e.name)] = true
		}
	}
	for i, e := range a.ents.list {
		if e.kind != domain.KindPerson {
			continue
		}
		score := 0
		for q := range quals {
			if e.quals[q] || strings.EqualFold(e.country, q) {
				score += 2
			} else if len(e.quals) > 0 {
				score -= 3
			}
		}
		for _, t := range desc {
			if personRoles[t.lower] && e.descr[t.lower] {
				score += 2
			}
		}
		if score <= 0 {
			continue
		}
		if best < 0 || score > bestScore || (score == bestScore && e.lastPos > a.ents.list[best].lastPos) {
			best, bestScore = i, score
		}
	}
	return best
}

// latest returns the most recently mentioned entity that passes ok.
func (a *article) latest(ok func(*entity) bool) int {
	best := -1
	for i, e := range a.ents.list {
		if ok(e) && (best < 0 || e.lastPos > a.ents.list[best].lastPos) {
			best = i
		}
	}
	return best
}

// byClass resolves "the ministry", "the agency" or "the Confederation" to
// the latest organisation of that type.
func (a *article) byClass(w, qual string, byNameWord bool) int {
	best := -1
	for i, e := range a.ents.list {
		if e.kind == domain.KindPerson || e.kind == domain.KindGroup {
			continue
		}
		ok := e.classes[w]
		if !ok {
			for _, f := range e.fields {
				if f == w {
					ok = true
				}
			}
		}
		if !ok && !byNameWord {
			ok = e.words[w]
		}
		if !ok {
			continue
		}
		if qual != "" && !strings.EqualFold(e.country, qual) && !e.quals[qual] {
			continue
		}
		if best < 0 || e.lastPos > a.ents.list[best].lastPos {
			best = i
		}
	}
	return best
}

// byDescr finds the latest entity one of whose aliases uses the word ("a
// Microsoft spokesperson" ... "the spokesperson").
func (a *article) byDescr(w string) int {
	best := -1
	for i, e := range a.ents.list {
		ok := e.descr[w] || e.words[w]
		if ok && (best < 0 || e.lastPos > a.ents.list[best].lastPos) {
			best = i
		}
	}
	return best
}

func dedupe(xs []int) []int {
	var out []int
	seen := map[int]bool{}
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
