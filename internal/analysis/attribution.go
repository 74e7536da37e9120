package analysis

import (
	"strings"

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
	coord    *stmt // the earlier statement this verb is coordinated with
	agent    bool  // the agent of a passive ("reported by X"): not what "it" refers to
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
	quotedAs  bool // "was quoted as saying (by X)": the subject speaks
	colon     bool // "The ministry's verdict: ...": the owner of the noun speaks
}

// colonNouns are the nouns of speech that introduce what someone said
// after a colon, with the class of statement each makes.
var colonNouns = map[string]string{"verdict": "say", "reply": "say", "response": "say", "answer": "say", "message": "say",
	"conclusion": "say", "explanation": "say", "position": "say", "view": "say", "argument": "say", "assessment": "hedge",
	"defence": "say", "defense": "say", "advice": "say", "point": "say", "promise": "say", "retort": "say", "comment": "say",
	"warning": "warn", "estimate": "hedge", "forecast": "hedge", "guess": "hedge", "prediction": "hedge",
	"denial": "deny", "rebuttal": "deny", "confirmation": "confirm", "reaction": "say"}

// thatFollows reports whether a "that" clause follows the verb at ci,
// right after it or after a short adjunct: "ruled on Friday that",
// "maintained in a statement that", "told reporters that".
func thatFollows(toks []token, ci int) bool {
	k := ci + 1
	if k < len(toks) && toks[k].lower == "that" {
		return true
	}
	// "a fraud that the judge found had cost": the verb's clause is the
	// relative clause's own
	if k < len(toks) && (toks[k].is(fAux) || toks[k].is(fBe)) {
		for b := ci - 1; b >= 0 && b >= ci-6; b-- {
			if w := toks[b].lower; w == "that" || w == "which" {
				return b < ci-1
			}
		}
	}
	if k >= len(toks) || !(toks[k].is(fPreposition) || thatAdjuncts[toks[k].lower]) {
		return false
	}
	for ; k < len(toks) && k <= ci+5; k++ {
		t := toks[k]
		if t.lower == "that" {
			return true
		}
		if !t.word || t.is(fCue) || t.is(fAux) || t.is(fBe) {
			return false
		}
	}
	return false
}

// bareClause reports whether a clause without "that" follows a verb of
// thinking: "analysts reckon the bill could reach 120m" (a subject, then a
// modal or auxiliary within a few words).
func bareClause(toks []token, ci int) bool {
	for k := ci + 2; k < len(toks) && k <= ci+8; k++ {
		t := toks[k]
		if !t.word {
			return false
		}
		switch t.lower {
		case "will", "would", "could", "can", "may", "might", "should", "is", "are", "was", "were", "has", "have", "had":
			return true
		}
	}
	return false
}

// thatAdjuncts open a short adjunct between a verb and its "that" clause.
var thatAdjuncts = map[string]bool{"last": true, "this": true, "earlier": true, "again": true, "publicly": true, "repeatedly": true, "also": true, "privately": true,
	"throughout": true, "consistently": true, "since": true}

// countNouns are the objects that make revising them a restated count,
// not an estimate.
var countNouns = map[string]bool{"count": true, "tally": true, "toll": true, "figure": true, "figures": true}

// putForms and putAt read "put the toll at 56" as a statement whatever
// the noun measured: the verb, its object and "at" with a number.
var putForms = map[string]bool{"put": true, "puts": true, "putting": true}

func putAt(toks []token, ci int) bool {
	for k := ci + 1; k < len(toks)-1 && k <= ci+9; k++ {
		if toks[k].text == "," || toks[k].text == "." {
			return false
		}
		if toks[k].lower != "at" {
			continue
		}
		for n := k + 1; n < len(toks) && n <= k+3; n++ {
			if numberTok(toks[n]) || toks[n].is(fNumberWord) {
				return true
			}
		}
		return false
	}
	return false
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
	n := len(s.toks)
	base := 2 * a.tokBase
	c := &sentCtx{si: si, toks: s.toks, ms: ms, tokEnt: a.idxBuf[base : base+n : base+n], tokMen: a.idxBuf[base+n : base+2*n : base+2*n]}
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
	// "Police have arrested five men, including one they believe ...":
	// the sentence's own group subject comes first for "they"
	a.noteGroupSubject(c)
	for _, cd := range a.findCues(c.toks) {
		st := a.speakerFor(c, cd, first)
		if st == nil || len(st.speakers) == 0 {
			if st != nil {
				a.spareStmt = st
			}
			continue
		}
		a.gapped(c, st)
		// "a spokesperson for the army": a person speaking for an organisation
		if st.subj[0] >= 0 && len(st.speakers) == 1 && a.ents.list[st.speakers[0]].kind != domain.KindPerson {
			for x := st.subj[0]; x < st.subj[1]; x++ {
				if c.toks[x].is(fPersonRole) && !strings.HasSuffix(c.toks[x].lower, "s") {
					a.lastRole, a.lastRolePos = st.speakers[0], st.cue.start
					a.lastRoleGender = genderWords[c.toks[x].lower]
				}
			}
		}
		a.stmts = append(a.stmts, st)
		if !st.agent {
			a.noteSpeakers(st.speakers, st.cue.start)
		}
	}
	a.scopeAndStatus(si, first)
}

// groupSubject is an unnamed plural group seen as a sentence's subject.
type groupSubject struct {
	label, surface string
	pos            int
}

// noteGroupSubject remembers a sentence that opens with an unnamed plural
// group doing something other than speaking ("The police arrested 40
// people."), so that a following "They said" has its referent.
func (a *article) noteGroupSubject(c *sentCtx) {
	toks := c.toks
	s := 0
	for s < len(toks) && isDet(toks[s].lower) {
		s++
	}
	e := s
	for e < len(toks) && toks[e].word && (toks[e].is(fModifier) || toks[e].is(fGroup) || toks[e].is(fRole)) && !toks[e].is(fAux) {
		e++
	}
	if e == s || e >= len(toks) || !toks[e-1].is(fGroup) || (c.tokEnt[e-1] >= 0 && !(e-1 == 0 && e-s == 1)) || !toks[e].word || toks[e].cap || toks[e].is(fPreposition) {
		return
	}
	a.theySubj = groupSubject{label: groupLabel(toks, s, e, toks[e-1].lower), surface: a.body[toks[s].start:toks[e-1].end], pos: toks[s].start}
}

// findCues lists the attribution cues of a sentence in order.
func (a *article) findCues(toks []token) []cueCand {
	lx := a.p.lx
	out := a.cueBuf[:0]
	for ci := 0; ci < len(toks); ci++ {
		if colon := colonAfter(toks, ci); colon > 0 && ci >= 1 && (toks[ci-1].lower == "'s" || possessivePron[toks[ci-1].lower]) {
			if class, ok := colonNouns[toks[ci].lower]; ok {
				// "The ministry's verdict: ...", "Her reply: ...", "her
				// verdict on the new price: ..."
				out = append(out, cueCand{ci: ci, cj: ci + 1, word: toks[ci].lower, colon: true, cw: cueWord{class: class}})
				ci = colon
				continue
			}
		}
		if toks[ci].lower == "drawn" && ci >= 2 && toks[ci-1].lower == "be" && (toks[ci-2].lower == "not" || toks[ci-2].lower == "to") && ci+1 < len(toks) && toks[ci+1].lower == "on" {
			// "would not be drawn on whether ...", "declined to be drawn on"
			out = append(out, cueCand{ci: ci, cj: ci + 1, word: "drawn", neg: true, cw: cueWord{class: "say"}})
			continue
		}
		if toks[ci].lower == "by" && (ci == 0 || toks[ci-1].text == ",") {
			// "By the ministry's reckoning, ...", "..., by the union's count":
			// an "according to" of counting
			if class, ok := byReckoning(toks, ci); ok {
				out = append(out, cueCand{ci: ci, cj: ci + 1, word: "by", according: true, cw: cueWord{class: class}})
				continue
			}
		}
		if toks[ci].flags&fAnnotated != 0 && toks[ci].flags&fCue == 0 {
			continue
		}
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
		if plea, ok := pleaCue(toks, ci); ok {
			out = append(out, plea)
			ci = plea.cj - 1
			continue
		} else if strings.HasPrefix(w, "plead") || w == "pled" {
			continue
		}
		if v, ok := verdictCue(toks, ci); ok {
			out = append(out, v)
			continue
		}
		if pc, ok := putItTo(toks, ci); ok {
			out = append(out, pc)
			ci = pc.cj - 1
			continue
		}
		cw, ok := lx.cues[w]
		ruledOut := ruleForms[w] && nextLower(toks, ci) == "out" && !obligedBefore(toks, ci)
		if ruledOut {
			// "ruled out a ban" dismisses it; "did not rule out" leaves it open
			cw, ok = cueWord{class: "deny"}, true
		}
		if standForms[w] && nextLower(toks, ci) == "by" && ci+2 < len(toks) && (isDet(toks[ci+2].lower) || possessivePron[toks[ci+2].lower]) &&
			(len(out) == 0 || toks[ci-1].lower == "and") {
			// (inside what another cue reports, "said it stood by its
			// story" is that cue's content)
			// "stood by the ministry's forecast": maintaining what was said
			cw, ok, ruledOut = cueWord{class: "say"}, true, true
		}
		if !ok || !toks[ci].word {
			continue
		}
		// "Reported by Ana Ruiz; Editing by Tom Hale": a byline credits
		// the writers, it attributes nothing
		if ci == 0 && nextLower(toks, ci) == "by" {
			continue
		}
		// "United States", "Reports": a capitalised word is a cue only at
		// the start of a sentence or quote
		if toks[ci].cap && ci > 0 && toks[ci-1].word {
			continue
		}
		// "state media", "the state broadcaster": the noun, not the verb
		if (w == "state" || w == "states") && stateNoun(toks, ci) {
			continue
		}
		cd := cueCand{ci: ci, cj: ci + 1, cw: cw, word: w}
		if ruledOut {
			cd.cj = ci + 2
		}
		// object nouns for light verbs: "gave a figure", "expressed concern"
		if cw.obj != nil && relObjectStart(toks, ci) >= 0 {
			// "the 380,000 it gave", "the 22 the company has published":
			// the figure is the verb's object, fronted in a relative clause
		} else if cw.obj != nil {
			found := false
			for k := ci + 1; k < len(toks) && k <= ci+4; k++ {
				if toks[k].text == "," || toks[k].text == ";" {
					break // "at ignition points, according to": not "points to"
				}
				if cw.obj[toks[k].lower] {
					cd.cj = k + 1
					found = true
					if cw.class == "hedge" && countNouns[toks[k].lower] {
						// "revised its count": a count restated, not an estimate
						cd.cw.class = "say"
					}
					break
				}
			}
			if !found && !(putForms[w] && putAt(toks, ci)) {
				continue
			}
			// "the official count", "an early estimate": a noun
			if ci > 0 && toks[ci-1].is(fModifier) && !toks[ci-1].cap {
				continue
			}
		}
		if _, nextCue := lx.cues[nextLower(toks, ci)]; cw.amb && nextCue {
			continue // "media reports put ...", "reports said": a noun
		}
		if cw.amb && ci+1 < len(toks) && (strings.HasSuffix(toks[ci+1].lower, "ing") || toks[ci+1].is(fBe) || toks[ci+1].lower == "of") {
			continue // "reports suggesting", "claims of"
		}
		if strings.HasPrefix(w, "add") && nextLower(toks, ci) == "to" {
			continue // "adding to the 18,000 roles": add as increase
		}
		if cw.that && !thatFollows(toks, ci) && !(cw.class == "hedge" && (putAt(toks, ci) || bareClause(toks, ci))) && nextLower(toks, ci) != "by" {
			continue // "assessed the total at about 71,000" needs no "that"
		}
		if cw.whether && ci+1 < len(toks) && (toks[ci+1].lower == "whether" || toks[ci+1].lower == "if" || toks[ci+1].lower == "why") {
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
			} else if toks[k].is(fBe) {
				if !cw.isIng && !sawTo {
					passive = true
				}
			} else if lw == "to" || lw == "unable" || lw == "able" {
				// "has yet to confirm", "was unable to confirm"
				sawTo = true
			} else if !toks[k].is(fAux) && !isAdverb(toks[k]) && !(lw == "all" && k > 0 && toks[k-1].word) {
				break
			}
			k--
		}
		// "was quoted as saying": a passive that names its speaker as the
		// subject
		quotedAs := w == "quoted" && ci+2 < len(toks) && toks[ci+1].lower == "as" &&
			(toks[ci+2].lower == "saying" || toks[ci+2].lower == "telling" || toks[ci+2].lower == "stating")
		if quotedAs {
			cd.cj, cd.quotedAs = ci+3, true
		}
		// "was quoted by the Times as saying": the subject still speaks
		if !quotedAs && w == "quoted" && nextLower(toks, ci) == "by" {
			for x := ci + 2; x+1 < len(toks) && x <= ci+9; x++ {
				if toks[x].lower == "as" && (toks[x+1].lower == "saying" || toks[x+1].lower == "telling") {
					cd.cj, cd.quotedAs, quotedAs = x+2, true, true
					break
				}
				if !toks[x].word {
					break
				}
			}
		}
		if passive && !quotedAs && !(ci+1 < len(toks) && toks[ci+1].lower == "by") {
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
		inf := ci // where the infinitive's verb starts
		if ci >= 2 && isAdverb(toks[ci-1]) && toks[ci-2].lower == "to" {
			inf = ci - 1 // "unable to independently verify"
		}
		if inf >= 1 && toks[inf-1].lower == "to" {
			// an infinitive is a cue only in "yet to confirm", "unable to
			// confirm"; "declined to comment" is a non-response and "plans
			// to add" no attribution at all
			prev2 := ""
			if inf >= 2 {
				prev2 = toks[inf-2].lower
			}
			switch {
			case prev2 == "yet":
			case prev2 == "unable":
				cd.neg = true
			case prev2 == "able":
			case refusals[prev2] && withheld[w]:
				// "declined to comment": saying nothing about it leaves
				// it unconfirmed
				cd.neg = true
				cd.ci = inf - 2
				if strings.HasSuffix(prev2, "ing") {
					// ", declining to say whether ...": a statement of its own
					cd.cw.isIng, cd.cw.ing = true, true
				}
			case eagerness[prev2]:
				// "was quick to deny": the speaker does say it
				cd.ci = inf - 2
			case prev2 == "on" && inf >= 3 && goForms[toks[inf-3].lower]:
				// "went on to argue"
				cd.ci = inf - 3
			default:
				continue
			}
		}
		out = append(out, cd)
		ci = cd.cj - 1
	}
	a.cueBuf = out
	return out
}

// obligedBefore reports whether a modal of obligation governs the verb at
// ci ("should not rule out"): advice to someone, not what they said.
func obligedBefore(toks []token, ci int) bool {
	for b := ci - 1; b >= 0 && b >= ci-3; b-- {
		switch toks[b].lower {
		case "should", "must", "ought", "shouldn't", "mustn't":
			return true
		}
	}
	return false
}

// corporateSuffix are abbreviations that end a company's name with a
// period of their own.
var corporateSuffix = map[string]bool{"inc": true, "ltd": true, "corp": true, "co": true, "plc": true, "llc": true, "bhd": true}

// stateFollowers make "state" a noun before them: "state television",
// "state funding".
var stateFollowers = map[string]bool{"television": true, "tv": true, "radio": true, "broadcaster": true, "news": true, "newspaper": true,
	"company": true, "companies": true, "firm": true, "enterprise": true, "enterprises": true, "secrets": true, "budget": true, "funding": true,
	"subsidies": true, "visit": true, "funeral": true, "banquet": true, "railway": true, "utility": true, "lender": true, "bank": true,
	"reserves": true, "oil": true, "prosecutor": true, "prosecutors": true, "capitalism": true, "control": true, "debt": true}

// standForms are the forms of "stand" that take "by" to maintain a claim.
var standForms = map[string]bool{"stood": true, "stand": true, "stands": true, "standing": true}

// byReckoning reports whether "by" at ci opens an owner's count or
// estimate ("by the ministry's reckoning", "by its own count") and the
// class of statement it makes: an estimate hedges, a count reports.
func byReckoning(toks []token, ci int) (string, bool) {
	owned := false
	for x := ci + 1; x < len(toks) && x <= ci+7; x++ {
		w := toks[x].lower
		switch {
		case w == "'s" || possessivePron[w] || possessiveMark(toks, x):
			owned = true
		case owned && toks[x].is(fSourceNoun):
			switch w {
			case "estimate", "estimates", "projection", "projections", "forecast", "forecasts", "calculation", "calculations":
				return "hedge", true
			}
			return "say", true
		case !toks[x].word:
			return "", false
		}
	}
	return "", false
}

// timeAfter reports whether toks from k are a background time phrase
// that ends reported content: "(more than) five weeks after a collapse
// that ...", "two days before the vote".
func timeAfter(toks []token, k int) bool {
	for k < len(toks) && (toks[k].lower == "more" || toks[k].lower == "less" || toks[k].lower == "than" || toks[k].lower == "about" ||
		toks[k].lower == "nearly" || toks[k].lower == "almost" || toks[k].lower == "just" || toks[k].lower == "some") {
		k++
	}
	if k+2 >= len(toks) || !(numberTok(toks[k]) || toks[k].lower == "a") {
		return false
	}
	switch toks[k+1].lower {
	case "day", "days", "week", "weeks", "month", "months", "year", "years", "hours":
	default:
		return false
	}
	switch toks[k+2].lower {
	case "after", "before", "since":
		return true
	}
	return false
}

// ruleForms are the forms of "rule" that take "out".
var ruleForms = map[string]bool{"rule": true, "rules": true, "ruled": true, "ruling": true}

// colonAfter returns where the colon is when a noun of speech at ci opens
// what someone said after one, right after the noun or after a short
// phrase on its topic ("her verdict on the new price: ..."), or -1.
func colonAfter(toks []token, ci int) int {
	if ci+1 < len(toks) && toks[ci+1].text == ":" {
		return ci + 1
	}
	if ci+2 >= len(toks) || (toks[ci+1].lower != "on" && toks[ci+1].lower != "about") {
		return -1
	}
	for x := ci + 2; x < len(toks) && x <= ci+8; x++ {
		if toks[x].text == ":" {
			return x
		}
		if !toks[x].word && toks[x].text != "'s" {
			return -1
		}
	}
	return -1
}

// relObjectStart finds a figure fronted as the object of the cue at ci in
// a relative clause without "that" ("the 380,000 it gave", "the range of
// £70m to £75m the firm floated", "the 22 the company has published") and
// returns the token where that figure starts, or -1.
func relObjectStart(toks []token, ci int) int {
	k := ci - 1
	for k >= 0 && (perfectAux[toks[k].lower] || toks[k].lower == "had" || toks[k].lower == "earlier" || toks[k].lower == "first") {
		k--
	}
	if k < 1 {
		return -1
	}
	ss := -1
	switch w := toks[k].lower; {
	case w == "it" || w == "they" || w == "he" || w == "she" || w == "we":
		ss = k
	default:
		for x := k; x >= 0 && x >= k-4; x-- {
			if toks[x].lower == "the" {
				ss = x
				break
			}
			if !toks[x].word || toks[x].is(fAux) || toks[x].is(fBe) || toks[x].is(fPreposition) || numberTok(toks[x]) {
				break
			}
		}
	}
	if ss < 1 {
		return -1
	}
	o := ss - 1
	// the counted noun may stand between: "the 21.4 million tonnes it had
	// forecast"
	for n := 0; n < 2 && o > 0 && plainPlural(toks[o]) && !toks[o].is(fAux) && !toks[o].is(fBe); n++ {
		o--
	}
	for o >= 0 && magnitudeWord(toks[o].lower) {
		o--
	}
	if o < 0 || !numberTok(toks[o]) {
		return -1
	}
	for o > 0 && !toks[o-1].word && toks[o-1].text != "," && toks[o-1].text != "(" {
		o-- // "₱" before the digits
	}
	// what follows the verb must not be an object of its own: "the 500
	// they gave food to"
	if n := nextLower(toks, ci); n == "the" || n == "a" || n == "an" || n == "its" || n == "their" {
		return -1
	}
	return o
}

// magnitudeWord reports whether w scales or qualifies the number before
// it: "21.4 million", "40 percent".
func magnitudeWord(w string) bool {
	switch w {
	case "million", "billion", "trillion", "%", "percent", "bn", "m", "thousand":
		return true
	}
	return false
}

// refusals and withheld make "declined to comment" and "refused to
// confirm" statements: a refusal to speak about something.
var (
	refusals = map[string]bool{"declined": true, "declines": true, "decline": true, "declining": true, "refused": true, "refuses": true, "refuse": true, "refusing": true}
	withheld = map[string]bool{"comment": true, "confirm": true, "say": true, "discuss": true, "elaborate": true, "specify": true, "disclose": true, "give": true,
		"release": true, "reveal": true, "publish": true, "provide": true, "share": true}
	// eagerness words before an infinitive cue still report the act:
	// "was quick to deny", "was careful to stress".
	eagerness = map[string]bool{"quick": true, "swift": true, "keen": true, "careful": true, "eager": true, "rushed": true, "hastened": true}
	goForms   = map[string]bool{"went": true, "goes": true, "go": true, "going": true, "gone": true}
)

// pleaCue reads a plea in court as a statement: "pleaded not guilty"
// denies the charge, "pleaded guilty" admits it.
func pleaCue(toks []token, ci int) (cueCand, bool) {
	w := toks[ci].lower
	if !strings.HasPrefix(w, "plead") && w != "pled" {
		return cueCand{}, false
	}
	k := ci + 1
	class := "confirm"
	if k < len(toks) && toks[k].lower == "not" {
		class = "deny"
		k++
	}
	if k >= len(toks) || toks[k].lower != "guilty" {
		return cueCand{}, false
	}
	return cueCand{ci: ci, cj: k + 1, word: w, cw: cueWord{class: class}}, true
}

// verdictCue reads "found him guilty" as a verdict that confirms the
// charge and "found her not guilty" as one that denies it.
func verdictCue(toks []token, ci int) (cueCand, bool) {
	w := toks[ci].lower
	if w != "found" && w != "finds" && w != "find" {
		return cueCand{}, false
	}
	for k := ci + 1; k < len(toks) && k <= ci+16; k++ {
		t := toks[k].lower
		if t == "." || t == ";" || t == "that" {
			return cueCand{}, false
		}
		if t == "guilty" {
			class := "confirm"
			if toks[k-1].lower == "not" {
				class = "deny"
			}
			return cueCand{ci: ci, cj: ci + 1, word: w, cw: cueWord{class: class}}, true
		}
	}
	return cueCand{}, false
}

// putItTo reads counsel's "put it to him that ..." as a statement.
func putItTo(toks []token, ci int) (cueCand, bool) {
	if !putForms[toks[ci].lower] || ci+4 >= len(toks) || toks[ci+1].lower != "it" || toks[ci+2].lower != "to" {
		return cueCand{}, false
	}
	for k := ci + 3; k < len(toks) && k <= ci+6; k++ {
		if toks[k].lower == "that" {
			return cueCand{ci: ci, cj: k, word: toks[ci].lower, cw: cueWord{class: "say"}}, true
		}
	}
	return cueCand{}, false
}

func nextLower(toks []token, i int) string {
	if i+1 < len(toks) {
		return toks[i+1].lower
	}
	return ""
}

func isAdverb(t token) bool {
	if frequencyAdverbs[t.lower] && !t.cap {
		return true // "had twice denied", "has again rejected"
	}
	return t.word && !t.cap && len(t.lower) > 4 && strings.HasSuffix(t.lower, "ly") && t.lower != "family" && t.lower != "italy"
}

// irregularPast are past tenses without "-ed" that a participle clause
// may follow: "Fair Skies put the shortfall more bluntly, saying ...".
var irregularPast = map[string]bool{"put": true, "gave": true, "set": true, "cut": true, "made": true, "took": true, "held": true,
	"kept": true, "sent": true, "spent": true, "paid": true, "sold": true, "won": true, "lost": true, "left": true, "brought": true,
	"went": true, "came": true, "wrote": true, "spoke": true, "struck": true, "stood": true}

// frequencyAdverbs stand between an auxiliary and its verb like the -ly
// adverbs do.
var frequencyAdverbs = map[string]bool{"twice": true, "thrice": true, "again": true, "already": true}

// speakerFor finds who speaks for a cue and builds the statement; nil when
// the cue has no speaker (an impersonal passive, a noun).
func (a *article) speakerFor(c *sentCtx, cd cueCand, first int) *stmt {
	st := a.spareStmt
	a.spareStmt = nil
	if st == nil {
		st = a.newStmt()
	}
	if r := a.speakerInto(st, c, cd, first); r != nil {
		return r
	}
	// nothing points at a statement that found no speaker
	a.spareStmt = st
	return nil
}

// newStmt returns a zero statement carved from the article's block of
// statements, so that statements are not allocated one by one.
func (a *article) newStmt() *stmt {
	if a.stmtPool == nil {
		return new(stmt)
	}
	return a.stmtPool.next()
}

// oneSpan returns a scope of the single span x, carved from the article's
// block of spans; its capacity is one, so appending to it copies.
func (a *article) oneSpan(x span) []span {
	if len(a.spanSlab) == cap(a.spanSlab) {
		a.spanSlab = make([]span, 0, 32)
	}
	n := len(a.spanSlab)
	a.spanSlab = append(a.spanSlab, x)
	return a.spanSlab[n : n+1 : n+1]
}

// speakerInto is speakerFor building the statement in st; it returns st,
// or nil when the cue has no speaker.
func (a *article) speakerInto(st *stmt, c *sentCtx, cd cueCand, first int) *stmt {
	toks := c.toks
	*st = stmt{sent: c.si, ci: cd.ci, cj: cd.cj, class: cd.cw.class, negated: cd.neg, yetTo: cd.yet, subj: [2]int{-1, -1}}
	st.cue = span{toks[cd.ci].start, toks[cd.cj-1].end}
	// include auxiliaries and negation in the cue: "did not deny", "have yet to confirm"
	k := cd.ci
	for k > 0 {
		lw := toks[k-1].lower
		if lw == "not" || lw == "n't" || lw == "never" || lw == "yet" || lw == "to" || lw == "neither" || (toks[k-1].is(fAux) && lw != "also" && lw != "however" && lw != "earlier" && lw != "reportedly" && lw != "both") || toks[k-1].is(fBe) {
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
	if cd.colon {
		return a.colonSpeaker(st, c, cd)
	}
	if cd.according {
		from, docTo := cd.cj, -1
		// "according to a statement from its humanitarian office"
		for x := from; x < len(toks) && x < from+4; x++ {
			if x > from && x+1 < len(toks) && issuedBy[toks[x].lower] && toks[x+1].lower == "by" && toks[x-1].is(fDocument) {
				x++ // "a summary released by the company": the issuer
			}
			if (toks[x].lower == "from" || toks[x].lower == "by" || (toks[x].lower == "in" && x+2 < len(toks) && (toks[x+1].cap || (toks[x+1].lower == "the" && toks[x+2].cap)) && (toks[x-1].lower == "report" || toks[x-1].lower == "article"))) && x > from {
				// "a report in the Ledger": the publication reports
				docTo = x
				from = x + 1
				break
			}
			if !(isDet(toks[x].lower) || toks[x].is(fSourceNoun) || toks[x].is(fDocument) || isReportNoun(toks[x].lower) || toks[x].is(fModifier) || toks[x].is(fSourceAdj)) {
				break
			}
		}
		e := npRight(a, toks, from)
		if from != cd.cj && e <= from {
			from, e, docTo = cd.cj, npRight(a, toks, cd.cj), -1
		}
		e = a.extendPostmod(toks, from, e)
		// "according to the union's negotiator, Jana Roth, ...": the name
		// in apposition speaks
		if ix, ne := a.appositiveName(c, from, e); ix >= 0 {
			st.speakers = []int{ix}
			st.subj = [2]int{from, ne}
			st.whole = true
			return st
		}
		st.speakers = a.resolveNP(c, from, e)
		if docTo > 0 && len(st.speakers) > 0 {
			a.noteDocument(toks, cd.cj, docTo, st.speakers)
		}
		st.subj = [2]int{from, e}
		st.whole = true
		return st
	}
	if cd.cw.class == "cite" {
		from := cd.cj
		// "citing an analysis by the civic group X": X is cited
		for x := from; x < len(toks)-1 && x < from+4; x++ {
			if (toks[x].lower == "by" || toks[x].lower == "from") && x > from && toks[x-1].is(fSourceNoun) {
				cd.cj = x + 1
				break
			}
		}
		e := a.extendPostmod(toks, cd.cj, npRight(a, toks, cd.cj))
		if e == cd.cj && cd.cj < len(toks) && plainPlural(toks[cd.cj]) {
			e = cd.cj + 1 // "citing firefighters at the scene"
		}
		if e > cd.cj {
			if sp := a.resolveNP(c, cd.cj, e); len(sp) > 0 {
				st.speakers = sp
				st.subj = [2]int{cd.cj, e}
				st.whole = true
				return st
			}
		}
	}
	if cd.cw.amb && strings.HasSuffix(cd.word, "s") && cd.cj < len(toks) && toks[cd.cj].lower == "by" {
		return nil // "rejected claims by supporters": the noun
	}
	if !cd.cw.isIng && !cd.quotedAs && cd.cj < len(toks) && toks[cd.cj].lower == "by" && (cd.cw.class != "cite" || (cd.ci > 0 && numberTok(toks[cd.ci-1]))) {
		// "the 14 cited by the union": a reduced passive with its agent
		// a passive with its agent: "(was) first reported by the Ledger"
		e := npRight(a, toks, cd.cj+1)
		if e > cd.cj+1 {
			if sp := a.resolveNP(c, cd.cj+1, e); len(sp) > 0 {
				st.speakers = sp
				st.subj = [2]int{cd.cj + 1, e}
				st.inverted = true
				st.agent = true
				return st
			}
		}
		return nil
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
			// "Lawyers for X have lodged an appeal, arguing that ...": the
			// subject of the sentence argues
			e := npRight(a, toks, 0)
			v := e // the subject's verb, after a short modifier ("Lawyers for the bank have")
			for v < left && v < e+5 && toks[v].word && !(toks[v].is(fAux) || toks[v].is(fBe) || strings.HasSuffix(toks[v].lower, "ed") || irregularPast[toks[v].lower]) {
				v++
			}
			if e > 0 && v < left && (toks[v].is(fAux) || toks[v].is(fBe) || strings.HasSuffix(toks[v].lower, "ed") || irregularPast[toks[v].lower]) {
				if sp := a.resolveNP(c, 0, e); len(sp) > 0 {
					st.speakers = sp
					st.subj = [2]int{0, e}
					return st
				}
			}
			return nil
		}
		if left >= 0 && toks[left].is(fBe) {
			// progressive: "are calling for"
		} else if left >= 0 && toks[left].word && !toks[left].cap && !toks[left].is(fPronoun) && (toks[left].is(fRole) || isReportNoun(toks[left].lower) || strings.HasSuffix(toks[left].lower, "s")) {
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
			st.coord = p
			return st
		}
		// "Ines Vogt welcomed the plan but cautioned that ...": the
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
	if ev := evidenceByAgent(toks, s); cd.cw.evid && e > s && ev >= 0 {
		// "satellite images analysed by the agency point to": the agency;
		// also with an adjunct: "figures released on Tuesday by the bureau"
		if sp := a.resolveNP(c, s, e); len(sp) > 0 {
			st.speakers = sp
			s0 := ev
			for s0 > 0 && toks[s0-1].word && !toks[s0-1].cap && s0 > ev-3 && !toks[s0-1].is(fAux) && !toks[s0-1].is(fPreposition) {
				s0-- // "provisional results published by ..."
			}
			st.subj = [2]int{s0, e}
			st.inverted = s0 > 0 && toks[s0-1].text == ","
			st.official = a.evidenceOfficial(st, toks, cd, ev)
			return st
		}
	}
	if cd.cw.evid && e > s && s >= 2 && (toks[s-1].lower == "from" || toks[s-1].lower == "by") && isEvidence(toks[s-2].lower) {
		// "official data from the statistics office showed": the office
		// shows it
		sp := a.resolveNP(c, s, e)
		if len(sp) == 0 {
			return nil
		}
		s0 := npLeft(a, toks, s-2)
		if s0 > s-2 {
			s0 = s - 2
		}
		st.speakers = sp
		st.subj = [2]int{s0, e}
		st.inverted = s0 > 0 && toks[s0-1].text == ","
		st.official = a.evidenceOfficial(st, toks, cd, s-2)
		// "official figures from the institute showed"
		for x := s0; x < s-2; x++ {
			if toks[x].lower == "official" {
				st.official = true
			}
		}
		return st
	}
	if cd.cw.evid && (e <= s || !isEvidence(toks[e-1].lower)) {
		return nil
	}
	if cd.cw.evid && (officialEvidence(toks, cd.ci) || isDocumentary(toks[e-1].lower)) {
		st.official = true
	}
	if cd.cw.evid && !st.official && e > s && cd.cw.class == "say" {
		// "the commission's figures show": the records of a body
		if sp := a.resolveNP(c, s, e); len(sp) > 0 && allBodies(a, sp) {
			st.official = true
		}
	}
	if e > s {
		if cd.cw.amb && !a.plausibleSubject(c, s, e) && !(cd.ci > 0 && toks[cd.ci-1].is(fPerfectAux)) {
			return nil
		}
		if cd.cw.amb && s > 0 && (strings.HasSuffix(toks[s-1].lower, "ing") || (!toks[s-1].cap && looksAdjective(toks[s-1].lower))) {
			return nil // "citing internal police estimates": a noun
		}
		if cd.cw.amb && s > 0 && toks[s-1].is(fPreposition) && !(s > 1 && (toks[s-2].is(fGroup) || toks[s-2].is(fRole) || (toks[s-1].lower == "at" && plainPlural(toks[s-2])))) {
			return nil // "according to union estimates": a noun
		}
		if ob := s - 1; cd.cw.amb && ob >= 0 && (a.objectOfCue(toks[ob]) || (ob > 0 && (isDet(toks[ob].lower) || possessivePron[toks[ob].lower]) && a.objectOfCue(toks[ob-1]))) {
			return nil // "could not confirm state media reports": a noun
		}
		sp := a.resolveNP(c, s, e)
		if e-s == 1 && toks[s].is(fPronoun) {
			// "officials said they could not confirm": the pronoun right
			// after a cue is that cue's speaker
			if p := prev(); p != nil && a.pronounOfPrev(toks, s, p) {
				sp = append([]int{}, p.speakers...)
			}
		}
		if len(sp) > 0 {
			st.speakers = sp
			st.subj = [2]int{s, e}
			st.pronoun = e-s == 1 && toks[s].is(fPronoun)
			st.inverted = s > 0 && (toks[s-1].text == "," || (isCloseQuoteTok(toks[s-1]) && !possessiveMark(toks, s-1))) && cd.cw.obj == nil && !a.forwardContent(toks, cd.cj) && !introPhrase(toks, s-1)
			return st
		}
		if e-s == 1 && (toks[s].lower == "we" || toks[s].lower == "i") {
			return nil
		}
	}
	// inverted order: ", said the spokesman"; after "told" comes the
	// listener, never the speaker
	if cd.ci > 0 && (toks[cd.ci-1].text == "," || isCloseQuoteTok(toks[cd.ci-1])) && !cd.cw.amb && cd.word != "told" && cd.word != "tells" && cd.word != "tell" {
		e := a.extendPostmod(toks, cd.cj, npRight(a, toks, cd.cj))
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

// colonSpeaker finds the owner of a colon attribution's noun: the name
// before "'s", or what the possessive pronoun refers to.
func (a *article) colonSpeaker(st *stmt, c *sentCtx, cd cueCand) *stmt {
	toks := c.toks
	o := cd.ci - 1
	var sp []int
	s, e := o, o+1
	if possessivePron[toks[o].lower] && o >= 2 && toks[o-1].word && !toks[o-1].cap {
		// "Tremblay-Ross gave her verdict on the price: ...": the
		// subject of the verb owns the noun
		if s2, e2, coord := a.subjectLeft(c, o-1); !coord && e2 > s2 && e2 <= o-1 {
			sp = a.resolveNP(c, s2, e2)
		}
	}
	if len(sp) > 0 {
	} else if possessivePron[toks[o].lower] {
		sp = a.resolvePronoun(pronounOfPossessive[toks[o].lower])
	} else if o > 0 {
		s, e = npLeft(a, toks, o-1), o
		if s > o-1 {
			return nil
		}
		sp = a.resolveNP(c, s, e)
	}
	if len(sp) == 0 {
		return nil
	}
	st.speakers = sp
	st.subj = [2]int{s, e}
	st.pronoun = possessivePron[toks[o].lower]
	return st
}

// stateNoun reports whether "state" at ci is the noun or adjective ("state
// media", "the state broadcaster", "a member state") rather than the verb.
func stateNoun(toks []token, ci int) bool {
	if ci+1 < len(toks) {
		n := toks[ci+1]
		if n.word && !n.cap && (n.is(fRole) || n.is(fGroup) || n.is(fClass) || n.is(fModifier) || isReportNoun(n.lower) || stateFollowers[n.lower]) {
			return true
		}
	}
	if ci > 0 {
		p := toks[ci-1].lower
		if isDet(p) || p == "'s" || p == "of" || possessivePron[p] || p == "member" || p == "nation" {
			return true
		}
	}
	next := nextLower(toks, ci)
	// "the state of Victoria"; "in Bavaria state on Monday": a name before
	// the bare form is a place, since a named subject would take "states"
	if next == "of" || (toks[ci].lower == "state" && ci > 1 && nameToken(toks[ci-1]) && next != "that") {
		return true
	}
	return false
}

// plainPlural reports whether t is a lowercase plural common noun
// ("firefighters", "meteorologists") that can name an unnamed group.
func plainPlural(t token) bool {
	w := t.lower
	return t.word && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 &&
		!t.is(fAux) && !t.is(fBe) && !t.is(fPreposition) && !t.is(fNotVerb) && !t.is(fPronoun) && !t.is(fCue) && !t.is(fStopCap) && !t.is(fNumberWord)
}

// describesName reports whether t is a lowercase noun that a name in
// apposition can follow: a type of organisation or a group ("the agency,
// ABC,", "the unions, ABC and XYZ,", "the consumer group Which?").
func describesName(t token) bool {
	if !t.word || t.cap {
		return false
	}
	return t.is(fClass) || t.is(fOrgWord) || t.is(fGroup) || (t.is(fRole) && !t.is(fPersonRole)) || plainPlural(t)
}

// nameList reports whether ts is one acronym ("ABC") or a list of names
// joined by "and" or commas ("ABC and XYZ").
func nameList(ts []token) bool {
	if len(ts) == 0 || len(ts) > 9 {
		return false
	}
	if len(ts) == 1 {
		return ts[0].word && len(ts[0].text) >= 2 && isAllCaps(ts[0].text)
	}
	and := false
	for i := range ts {
		t := &ts[i]
		if t.lower == "and" || t.text == "," {
			if i == 0 || i == len(ts)-1 || !nameToken(ts[i-1]) {
				return false
			}
			and = and || t.lower == "and"
			continue
		}
		if !nameToken(*t) || t.is(fStopCap) {
			return false
		}
	}
	return and
}

// coordBefore finds, for an apposition opening at the comma p, a name
// coordinated with its description: "X and its parent company, Y," gives
// the start of X, or -1.
func (a *article) coordBefore(toks []token, p int) int {
	// "Halden Security and a second research firm, Northgate Cyber,"
	for j := p - 1; j >= 2 && j >= p-6; j-- {
		if toks[j].lower == "and" {
			if j < p-1 && (isDet(toks[j+1].lower) || toks[j+1].lower == "another") && nameToken(toks[j-1]) {
				if s := npLeft(a, toks, j-1); s <= j-1 {
					return s
				}
			}
			break
		}
		if !toks[j].word || toks[j].cap {
			break
		}
	}
	j := p - 1
	for j >= 0 && j > p-4 && toks[j].word && !toks[j].cap && !possessivePron[toks[j].lower] {
		j--
	}
	if j < 2 || j == p-1 || !possessivePron[toks[j].lower] || toks[j-1].lower != "and" || !nameToken(toks[j-2]) {
		return -1
	}
	if s := npLeft(a, toks, j-2); s <= j-2 {
		return s
	}
	return -1
}

// placePrep are the prepositions that place a speaker ("officials in
// Geneva", "workers across the north").
var placePrep = map[string]bool{"in": true, "at": true, "from": true, "across": true, "near": true}

// placeWords are common nouns that name a place, not a body that speaks.
var placeNouns = map[string]bool{"north": true, "south": true, "east": true, "west": true, "north-east": true, "north-west": true, "south-east": true, "south-west": true,
	"northeast": true, "northwest": true, "southeast": true, "southwest": true, "region": true, "capital": true, "city": true, "province": true,
	"district": true, "area": true, "village": true, "town": true, "county": true, "state": true, "country": true, "countryside": true, "field": true}

// placePhrase reports whether toks[s:e] names a place: a country or place
// name, or a common noun of place ("the south", "the capital").
func (a *article) placePhrase(c *sentCtx, s, e int, prep string) bool {
	if ent := c.tokEnt[e-1]; ent >= 0 {
		k := a.ents.list[ent].kind
		return k == domain.KindCountry || k == domain.KindLocation
	}
	h := c.toks[e-1]
	if placeNouns[h.lower] && !h.cap {
		return true
	}
	// an unknown name after "at" or "from" is where someone works
	// ("economists at Commerzbank"); after "in" it is where they are
	first := c.toks[s]
	unknownPlace := (prep == "in" || prep == "across" || prep == "near") && e-s <= 2 && first.cap && !isAllCaps(first.text) &&
		c.tokMen[s] >= 0 && c.ms[c.tokMen[s]].kind == mName && !first.is(fOrgWord) && !first.is(fClass) && !h.is(fOrgWord) && !h.is(fClass) &&
		(e-s == 1 || numberTok(h)) // "Savannakhet", "Ward 3"
	return h.is(fPlaceWord) || unknownPlace
}

// anonymous reports whether a parenthetical says its speaker asked not to
// be named ("who asked not to be named", "speaking on condition of
// anonymity", "not authorised to speak").
func anonymous(inner []token) bool {
	for x := range inner {
		switch inner[x].lower {
		case "anonymity", "authorised", "authorized":
			return true
		case "named":
			return x >= 2 && inner[x-1].lower == "be" && inner[x-2].lower == "to"
		}
	}
	return false
}

// introPhrase reports whether the words before the comma at c only open
// the sentence ("Separately,", "In a statement on Friday,", "Earlier,"):
// what follows the speaker's verb is then what was said.
func introPhrase(toks []token, c int) bool {
	if c == 0 || c > 6 || toks[c].text != "," {
		return false
	}
	for x := 0; x < c; x++ {
		if !toks[x].word || toks[x].is(fAux) || toks[x].is(fBe) || numberTok(toks[x]) || toks[x].is(fCue) {
			return false // a clause of its own: "About 6,000 had died,"
		}
	}
	w := toks[0].lower
	return isAdverb(toks[0]) || toks[0].is(fPreposition) || introWords[w]
}

// introWords open a sentence as adverbials.
var introWords = map[string]bool{"separately": true, "meanwhile": true, "however": true, "earlier": true, "later": true, "still": true,
	"also": true, "instead": true, "elsewhere": true, "yesterday": true, "today": true, "overall": true, "officially": true,
	"during": true, "after": true, "before": true, "since": true, "despite": true, "asked": true, "speaking": true, "last": true, "this": true}

// serialList extends a coordinated subject of names to the items listed
// before it with commas ("Poland, Sweden and Canada have disputed"); an
// item must open the sentence or follow another comma, so that "In Lisbon,
// Sweden and Canada said" keeps only the pair.
func (a *article) serialList(toks []token, s, k int) int {
	hasAnd := false
	for x := s; x <= k; x++ {
		hasAnd = hasAnd || toks[x].lower == "and"
	}
	if !hasAnd || !nameToken(toks[s]) {
		return s
	}
	for s >= 2 && toks[s-1].text == "," && nameToken(toks[s-2]) {
		p := npLeft(a, toks, s-2)
		if p > s-2 || s-2-p > 3 || (p > 0 && toks[p-1].text != ",") {
			break
		}
		s = p
	}
	return s
}

// objectOfCue reports whether t is a cue verb whose object the following
// noun phrase is ("denied media reports", "could not confirm the claims").
func (a *article) objectOfCue(t token) bool {
	cw, ok := a.p.lx.cues[t.lower]
	return ok && t.word && !t.cap && !cw.amb && cw.obj == nil && (cw.class == "confirm" || cw.class == "deny" || cw.class == "cite")
}

// pronounOfPrev reports whether the pronoun subject at s follows the cue of
// statement p directly ("said they", "said that it") and so refers to p's
// speakers.
func (a *article) pronounOfPrev(toks []token, s int, p *stmt) bool {
	if p.whole || p.inverted || len(p.speakers) == 0 {
		return false
	}
	gap := s - p.cj
	if gap < 0 || gap > 1 || (gap == 1 && toks[s-1].lower != "that") {
		return false
	}
	switch toks[s].lower {
	case "they", "it":
		return true
	case "he", "she":
		return len(p.speakers) == 1 && a.ents.list[p.speakers[0]].kind == domain.KindPerson
	}
	return false
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

// perfectAux before a word that is also a noun makes it a verb: "it had
// forecast", "they have estimated".
var perfectAux = map[string]bool{"has": true, "have": true, "had": true}

// evidenceByAgent finds, for an agent starting at s after "by", the
// evidence noun of "figures released (on Tuesday) by": its index, or -1.
func evidenceByAgent(toks []token, s int) int {
	if s < 3 || toks[s-1].lower != "by" {
		return -1
	}
	for q := s - 2; q >= 1 && q >= s-5; q-- {
		if strings.HasSuffix(toks[q].lower, "ed") && isEvidence(toks[q-1].lower) {
			return q - 1
		}
		if !toks[q].word {
			return -1
		}
	}
	return -1
}

// issuedBy are the participles that name a document's issuer with "by"
// ("a summary posted by the agency"); "seen by", "obtained by" name who
// read it instead.
var issuedBy = map[string]bool{"released": true, "published": true, "posted": true, "issued": true, "prepared": true, "compiled": true,
	"filed": true, "sent": true, "produced": true, "commissioned": true, "written": true, "signed": true, "submitted": true}

// sourceAdjectives may qualify the document in "according to a
// preliminary assessment by ...".
var sourceAdjectives = map[string]bool{"preliminary": true, "initial": true, "latest": true, "new": true, "official": true, "early": true,
	"final": true, "internal": true, "provisional": true, "first": true, "recent": true, "annual": true, "joint": true}

// appositiveName finds a name set off by commas right after a description
// (", Jana Roth,") and returns its person entity and where the name ends.
func (a *article) appositiveName(c *sentCtx, s, e int) (int, int) {
	toks := c.toks
	if e <= s || e+3 > len(toks) || toks[e].text != "," {
		return -1, e
	}
	f := e + 1
	for f < len(toks) && nameToken(toks[f]) && f-e <= 4 {
		f++
	}
	n := f - (e + 1)
	if n < 2 || n > 4 || (f < len(toks) && toks[f].text != "," && toks[f].text != ".") {
		return -1, e
	}
	name := toks[e+1 : f]
	if a.p.hasOrgWord(name) || isAllCaps(name[0].text) || toks[e+1].is(fStopCap) {
		return -1, e
	}
	// the description must name a role: "the union's chief negotiator"
	if !(toks[e-1].is(fRole) || toks[e-1].is(fPersonRole)) {
		return -1, e
	}
	ix := a.knownPerson(name)
	if ix < 0 {
		ix = a.ents.add(textOf(a.body, name, 0, len(name)), domain.KindPerson)
	}
	a.ents.alias(ix, name[len(name)-1].text)
	a.ents.alias(ix, textOf(a.body, toks, s, e))
	a.ents.mention(ix, span{name[0].start, name[len(name)-1].end})
	return ix, f
}

// sourceNouns stand between "according to" and the real source: "a
// statement from", "a tally by".
var sourceNouns = map[string]bool{"statement": true, "statements": true, "tally": true, "count": true, "estimate": true, "analysis": true,
	"survey": true, "study": true, "post": true, "letter": true, "report": true, "reports": true, "data": true, "figures": true, "review": true,
	"assessment": true, "assessments": true, "forecast": true, "forecasts": true, "projection": true, "projections": true, "calculation": true,
	"calculations": true, "estimates": true, "findings": true, "briefing": true, "filing": true, "poll": true, "census": true, "website": true, "bulletin": true,
	"reckoning": true}

// isEvidence names things that can show or suggest without a speaker:
// "official data showing", "its intelligence showed".
func isEvidence(w string) bool {
	switch w {
	case "data", "figures", "intelligence", "images", "imagery", "records", "statistics", "reports", "report", "footage", "documents", "analysis", "study", "survey", "estimates", "results", "polls", "poll",
		"accounts", "filings", "papers", "minutes":
		return true
	}
	return false
}

// evidenceOfficial decides whether evidence kept by the statement's
// speakers confirms what it shows: official or documentary records, or
// the records of organisations and states (not of people or unnamed
// groups). noun is the evidence noun's index.
func (a *article) evidenceOfficial(st *stmt, toks []token, cd cueCand, noun int) bool {
	if cd.cw.class != "say" {
		return false // "images point to": a suggestion, whoever made it
	}
	return officialEvidence(toks, cd.ci) || isDocumentary(toks[noun].lower) || allBodies(a, st.speakers)
}

// allBodies reports whether every speaker is an organisation or a state.
func allBodies(a *article, sp []int) bool {
	for _, ix := range sp {
		if k := a.ents.list[ix].kind; k != domain.KindOrganization && k != domain.KindCountry {
			return false
		}
	}
	return len(sp) > 0
}

// documentary evidence (records, filings, accounts) confirms what it shows
// even when nobody is named as its keeper: "court records show".
func isDocumentary(w string) bool {
	switch w {
	case "records", "documents", "accounts", "filings", "papers", "minutes", "emails", "memos", "messages", "letters":
		return true
	}
	return false
}

// possessiveMark reports whether the apostrophe at k closes a plural
// possessive ("the Grain Traders' Association") rather than a quotation.
func possessiveMark(toks []token, k int) bool {
	return k > 0 && (toks[k].text == "'" || toks[k].text == "\u2019") && toks[k-1].end == toks[k].start &&
		strings.HasSuffix(toks[k-1].lower, "s") && k+1 < len(toks) && toks[k+1].cap
}

func isCloseQuoteTok(t token) bool {
	r := []rune(t.text)
	return len(r) == 1 && isCloseQuote(r[0])
}

// forwardContent reports whether the reported content follows the cue
// ("said that ...", "said Russian vessels ...") rather than preceding it
// ("..., the Pentagon said on Monday.").
func (a *article) forwardContent(toks []token, k int) bool {
	if k > 0 && k < len(toks) {
		if w := toks[k-1].lower; w == "told" || w == "tells" || w == "tell" {
			// the listener first: "told supporters at a forum"
			for n := k; n < len(toks) && n < k+5 && toks[n].word && !toks[n].is(fPreposition) && toks[n].lower != "that" && !toks[n].is(fAux) && !toks[n].is(fBe); n++ {
				k = n + 1
			}
		}
	}
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
		if toks[x].is(fClauseAux) || toks[x].is(fBe) || (strings.HasSuffix(w, "ed") && x > k && !toks[x].cap) {
			return true
		}
	}
	return false
}

// plausibleSubject guards cue words that are also nouns ("reports",
// "claims", "estimate"): the verb reading needs a real subject.
func (a *article) plausibleSubject(c *sentCtx, s, e int) bool {
	last := c.toks[e-1]
	if last.is(fPronoun) {
		return true // "it estimated": a pronoun makes the word a verb
	}
	if c.tokEnt[e-1] >= 0 || c.tokMen[e-1] >= 0 {
		return true
	}
	if last.is(fGroup) || last.is(fRole) || last.is(fClass) {
		return true
	}
	if plainPlural(last) && e-s >= 2 && c.toks[s].lower == "the" {
		return true // "the hackers claim": a definite plural of people or things
	}
	return last.cap
}

// subjectLeft finds the subject before a verb cue, skipping auxiliaries,
// adverbs and parenthetical commas (", however,", ", the Pentagon's deputy
// press secretary,", ", who ...,"). coord is true when the verb is
// coordinated with an earlier one ("... and warned").
func (a *article) subjectLeft(c *sentCtx, ci int) (s, e int, coord bool) {
	toks := c.toks
	// "a coast guard officer who asked not to be named told": the
	// subject before a relative clause that runs up to the verb
	for w := ci - 1; w > 0 && w >= ci-12; w-- {
		t := toks[w]
		if !t.word || t.is(fCue) {
			break
		}
		if t.lower == "who" && t.text != "WHO" && toks[w-1].word && !toks[w-1].is(fPronoun) {
			if s0 := npLeft(a, toks, w-1); s0 <= w-1 && (toks[w-1].is(fRole) || toks[w-1].is(fGroup) || toks[w-1].is(fPersonRole) || plainPlural(toks[w-1])) {
				return s0, w, false
			}
			break
		}
	}
	k := ci - 1
	for guard := 0; guard < 6; guard++ {
		for k >= 0 {
			lw := toks[k].lower
			if toks[k].is(fAux) || lw == "not" || lw == "n't" || lw == "never" || lw == "neither" || toks[k].is(fBe) || isAdverb(toks[k]) || (lw == "all" && k > 0 && toks[k-1].word) ||
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
		// a time adjunct between subject and verb: "Hallberg on Friday dismissed"
		if k > 0 && timeWords[toks[k].lower] && (toks[k-1].lower == "on" || toks[k-1].lower == "last" || toks[k-1].lower == "this" || toks[k-1].lower == "earlier") {
			k -= 2
			continue
		}
		if toks[k].text == ")" {
			// "the Harbour Safety Board (HSB) said"
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
			if len(inner) >= 2 && len(inner) <= 5 && allNames(inner) && p > 0 && !timeWords[inner[0].lower] {
				// "The guild's leader, Arno Petz, said": the name speaks;
				// "X and its parent company, Y, denied": both do
				if s2 := a.coordBefore(toks, p); s2 >= 0 {
					return s2, k, false
				}
				return p + 1, k, false
			}
			if p > 0 && nameList(inner) && describesName(toks[p-1]) {
				// "the country's aviation agency, ABC, confirmed", "the two
				// main unions, ABC and XYZ, said": the names speak
				return p + 1, k, false
			}
			if len(inner) == 0 || !a.parenthetical(inner) {
				return 0, 0, false
			}
			if anonymous(inner) {
				// "Two engineers at the utility, who asked not to be named,
				// told": the people speak, not the body they work for
				for x := p - 2; x > 0 && x >= p-5; x-- {
					if w := toks[x].lower; w == "at" || w == "from" || w == "of" {
						if toks[x-1].is(fGroup) || toks[x-1].is(fRole) || plainPlural(toks[x-1]) {
							return npLeft(a, toks, x-1), x, false
						}
						break
					}
				}
			}
			k = p - 1
			// a relative clause: "Okafor, who ..., told"
			continue
		}
		if (t.lower == "who" && t.text != "WHO") || t.lower == "which" {
			if k > 0 && toks[k-1].text == "," {
				k -= 2
				continue
			}
			k--
			continue
		}
		if (t.text == "?" || t.text == "!") && k >= 2 && toks[k-1].word && toks[k-1].cap && describesName(toks[k-2]) {
			// a name that ends in punctuation: "the consumer magazine Which?
			// said"
			return k - 1, k + 1, false
		}
		// an age set off after the name: "Paulo Reis, 58, a former
		// mayor, said"
		if k > 1 && toks[k-1].text == "," && len(t.text) <= 3 && strings.Trim(t.text, "0123456789") == "" && toks[k-2].cap {
			k -= 2
			continue
		}
		if t.text == "." && k > 1 && corporateSuffix[toks[k-1].lower] && toks[k-2].cap {
			k-- // "Norvane Therapeutics Inc. conceded": the period is the name's
			t = toks[k]
		}
		if !t.word {
			return 0, 0, false
		}
		s = npLeft(a, toks, k)
		if s > k {
			return 0, 0, false
		}
		s = a.serialList(toks, s, k)
		// "Accounts filed at Companies House show": the evidence shows, not
		// the place it was filed
		if p := s - 1; p >= 2 {
			if isDet(toks[p].lower) {
				p--
			}
			if p >= 2 && toks[p].is(fPreposition) && toks[p].lower != "by" && toks[p].lower != "from" &&
				strings.HasSuffix(toks[p-1].lower, "ed") && isEvidence(toks[p-2].lower) {
				return npLeft(a, toks, p-2), p - 1, false
			}
		}
		// "two people familiar with the talks said": the source, not the
		// talks
		ps0 := s
		if ps0 > 0 && (isDet(toks[ps0-1].lower) || possessivePron[toks[ps0-1].lower]) {
			ps0--
		}
		for h := ps0 - 2; h >= 0 && h >= ps0-4; h-- {
			if sourceHeads[toks[h].lower] && postmodOf(toks, h+1) == ps0 {
				return npLeft(a, toks, h), k + 1, false
			}
		}
		// "the Border Committee in Vilnius said", "Health workers in the
		// south complained": the body or people, not the place
		ps := s
		if ps > 0 && isDet(toks[ps-1].lower) {
			ps-- // "in the south"
		}
		// "A jury at the Circuit Court found": a body placed at another
		// body speaks itself
		if ps >= 2 && toks[ps-1].lower == "at" && toks[ps-2].is(fClass) && !toks[ps-2].is(fRole) && !toks[ps-2].cap {
			if s2 := npLeft(a, toks, ps-2); s2 <= ps-2 {
				return s2, ps - 1, false
			}
		}
		if ps >= 2 && placePrep[toks[ps-1].lower] && a.placePhrase(c, s, k+1, toks[ps-1].lower) {
			if h := toks[ps-2]; h.word && (h.is(fOrgWord) || h.is(fClass) || h.is(fRole) || h.is(fGroup)) && !(c.tokEnt[ps-2] >= 0 && a.ents.list[c.tokEnt[ps-2]].kind == domain.KindCountry) {
				if s2 := npLeft(a, toks, ps-2); s2 <= ps-2 {
					return s2, ps - 1, false
				}
			}
		}
		// "Norway and its neighbour Sweden denied": both speak
		if j := s - 1; j >= 2 {
			for j > s-3 && j >= 2 && toks[j].word && !toks[j].cap && !toks[j].is(fAux) && !possessivePron[toks[j].lower] {
				j--
			}
			if j >= 2 && j < s-1 && possessivePron[toks[j].lower] && toks[j-1].lower == "and" && nameToken(toks[j-2]) {
				if s2 := npLeft(a, toks, j-2); s2 <= j-2 {
					return s2, k + 1, false
				}
			}
		}
		// "Economists polled by Reuters expected": the group speaks
		if s > 2 && toks[s-1].lower == "by" && strings.HasSuffix(toks[s-2].lower, "ed") && (toks[s-3].is(fGroup) || toks[s-3].is(fRole)) {
			return npLeft(a, toks, s-3), s - 2, false
		}
		// an NP that is the object of a verb inside a relative clause
		// ("a district that includes Brindle, a town ..., reported")
		if s > 0 && toks[s-1].word && !toks[s-1].cap && !isDet(toks[s-1].lower) && !toks[s-1].is(fAux) &&
			(!toks[s-1].is(fNotVerb) || (toks[s-1].is(fPreposition) && s > 1 && toks[s-2].word && !toks[s-2].cap && strings.HasSuffix(toks[s-2].lower, "ed"))) {
			for r := s - 1; r >= 0 && r > s-6; r-- {
				if toks[r].lower == "that" || toks[r].lower == "which" || (toks[r].lower == "who" && toks[r].text != "WHO") {
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

var possessivePron = map[string]bool{"its": true, "their": true, "his": true, "her": true}

// pronounOfPossessive is the personal pronoun a possessive refers as:
// "its website" is whatever "it" is.
var pronounOfPossessive = map[string]string{"its": "it", "their": "they", "his": "he", "her": "she"}

var timeWords = map[string]bool{"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"week": true, "month": true, "year": true, "weekend": true, "night": true, "morning": true, "evening": true, "afternoon": true}

func allNames(ts []token) bool {
	for ti := range ts {
		t := &ts[ti]
		// particles inside a name: "Sindicato Minero del Norte"
		if !nameToken(*t) && !(ti > 0 && ti < len(ts)-1 && t.is(fNameParticle)) {
			return false
		}
	}
	return len(ts) > 0 && nameToken(ts[0])
}

var prepositions = map[string]bool{"to": true, "of": true, "from": true, "by": true, "in": true, "on": true, "at": true, "with": true, "for": true, "about": true, "on.": true}

var numberWords = map[string]bool{"two": true, "three": true, "four": true, "five": true, "six": true, "seven": true, "eight": true, "nine": true, "ten": true, "dozens": true}

// notVerb lists words that can stand before a subject without making it the
// object of a verb.
var notVerb = map[string]bool{"and": true, "or": true, "but": true, "that": true, "which": true, "who": true, "while": true, "whereas": true, "as": true,
	"in": true, "on": true, "at": true, "from": true, "by": true, "for": true, "with": true, "to": true, "of": true, "if": true, "when": true, "since": true,
	"because": true, "although": true, "though": true, "after": true, "before": true, "where": true, "so": true, "then": true}

// parenthetical reports whether the words between two commas can be
// skipped on the way from a verb back to its subject.
func (a *article) parenthetical(inner []token) bool {
	w := inner[0].lower
	// "Lerato Dube, chief economist at Karoo Capital, noted": a role with
	// no article; "Residents of X, one of the worst-hit villages, said"
	if w == "one" && len(inner) > 2 && inner[1].lower == "of" {
		return true
	}
	for x := 0; x < len(inner) && x < 3; x++ {
		if inner[x].is(fPersonRole) && !inner[x].cap && len(inner) > x+1 && (inner[x+1].lower == "at" || inner[x+1].lower == "of" || inner[x+1].lower == "for") {
			return true
		}
		if !(inner[x].is(fModifier) || inner[x].is(fPersonRole) || inner[x].is(fRole) || inner[x].is(fClass)) || inner[x].cap {
			break
		}
	}
	if (w == "a" || w == "an") && len(inner) >= 2 {
		// an apposition describing the subject: "One investor, a retired
		// nurse from Limerick, told"
		for x := 1; x < len(inner) && x <= 3; x++ {
			if inner[x].is(fRole) || inner[x].is(fGroup) || inner[x].is(fPersonRole) {
				return true
			}
		}
	}
	switch w {
	case "who", "whose", "whom", "which", "however", "though", "meanwhile", "too", "also", "in", "of", "speaking", "judging", "citing", "according", "for", "on", "at", "after", "earlier", "then", "instead", "moreover", "furthermore", "therefore", "nonetheless", "nevertheless", "like", "unlike", "as", "with", "under", "since", "until", "before", "during", "despite":
		return true
	}
	if isDet(w) {
		return true
	}
	if strings.HasSuffix(w, "ing") {
		return true
	}
	// "Lena Moss, Norway's deputy trade minister, ..."
	for ti := range inner {
		t := &inner[ti]
		if t.lower == "'s" {
			return true
		}
	}
	return len(inner) <= 2 && !inner[0].cap
}

// noteSpeakers remembers the latest speakers for pronouns.
func (a *article) noteSpeakers(sp []int, pos int) {
	if len(sp) > 1 {
		a.lastGroup = sp[0]
		a.lastGroups = append(a.lastGroups[:0], sp...)
		a.lastGroupPos = pos
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
			if len(sp) == 1 {
				a.lastGroups = append(a.lastGroups[:0], e)
				a.lastGroupPos = pos
			}
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
	// before it reports the same act ("Moss said she could not confirm")
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
		if ro := relObjectStart(toks, st.ci); ro >= 0 && st.subj[0] > ro && !st.inverted {
			// "the ₱500 it had proposed": the fronted figure is what it said
			st.scope = a.oneSpan(span{toks[ro].start, toks[st.subj[0]-1].end})
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
				st.scope = a.oneSpan(span{toks[from].start, toks[st.subj[0]-1].end})
			}
			// "..., she added, down from a peak of 20,000": the report
			// goes on after the cue
			if tail := a.reportTail(toks, st, sts[i+1:]); tail > 0 && len(st.scope) > 0 {
				st.scope = append(st.scope, span{toks[tail].start, toks[len(toks)-1].end})
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
		// a cue inside ", which ..., " reports no further than the clause
		if rs, re := relativeClauseAround(toks, st.cue); re > rs {
			for x := st.cj; x < to; x++ {
				if toks[x].end >= re {
					to = x
					break
				}
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
			if toks[x].text == "," && (nw == "where" || nw == "when" || (hasWhole && strings.HasSuffix(nw, "ing") && nw != "according" && !a.isCueTok(toks[x+1])) ||
				timeAfter(toks, x+1)) {
				to = x
				break
			}
		}
		if to > from && from < len(toks) {
			st.scope = a.oneSpan(span{toks[from].start, toks[to-1].end})
		}
	}
	// whole-sentence statements take what the others leave
	for _, st := range sts {
		if !st.whole {
			continue
		}
		st.scope = a.oneSpan(span{s.start, s.end})
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
	for _, st := range sts {
		// "X called the claims a provocation and said none of its staff
		// were there": a denial goes on in a negative second verb
		if st.coord != nil && st.status == domain.Claimed && st.coord.status == domain.Denied && st.class == "say" && a.negativeScope(toks, st.scope) {
			st.status = domain.Denied
		}
		// "The Ledger, citing fire officials, reported that ...": the cited
		// party stands behind what is reported, with its hedge
		if st.class == "cite" && st.whole {
			for _, o := range sts {
				if o != st && !o.whole && !o.nested && o.status != "" {
					st.status = o.status
					break
				}
			}
		}
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

// reportTail returns where the reported content resumes after an inverted
// cue that a comma follows (", she added, down from ..."), or 0 when the
// sentence ends there or goes on with something else (a relative clause, a
// participle cue, another statement).
func (a *article) reportTail(toks []token, st *stmt, later []*stmt) int {
	for _, o := range later {
		if !o.nested {
			return 0
		}
	}
	after := st.cj
	if st.subj[1] > after {
		after = st.subj[1]
	}
	if after+1 >= len(toks) || toks[after].text != "," || !toks[after+1].word {
		return 0
	}
	switch toks[after+1].lower {
	case "which", "who", "where", "when", "whose", "according", "citing", "as", "but", "and", "while":
		return 0
	}
	if _, ok := a.p.lx.cues[toks[after+1].lower]; ok || toks[after+1].cap {
		return 0
	}
	// only a content word or a preposition carrying a figure or a clause
	return after + 1
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

// negativeScope reports whether a statement's content is negative ("none
// of", "no", "never").
func (a *article) negativeScope(toks []token, sc []span) bool {
	for ti := range toks {
		t := &toks[ti]
		for _, x := range sc {
			if t.start >= x.start && t.end <= x.end {
				switch t.lower {
				case "none", "no", "not", "n't", "never", "nobody", "nothing", "neither":
					return true
				}
			}
		}
	}
	return false
}
