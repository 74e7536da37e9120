package analysis

import (
	"github.com/factgraph/factgraph/internal/domain"
	"strings"
)

// contentSignal is what a stretch of reported content says about certainty.
type contentSignal struct {
	negConfirm bool // "could not confirm", "had not been confirmed", "unverified"
	dismissal  bool // "groundless", "fake news"
	confirm    bool // "confirmed", "can confirm", "verified"
	hedge      bool // could, may, probably, believed, estimated ...
	figHedge   bool // alleged, supposed: qualify a figure only
	lacksProof bool // "could not name them", "we have no records"
}

// confessing verbs present what is admitted as true, unless what is
// admitted is a lack of proof ("conceded it could not name any of them").
var confessing = map[string]bool{"acknowledge": true, "acknowledges": true, "acknowledged": true, "concede": true, "concedes": true,
	"conceded": true, "admit": true, "admits": true, "admitted": true, "confess": true, "confesses": true, "confessed": true}

// figureDismissals rebut a figure or a claim when they are said of it
// ("the count was inflated", "described it as exaggerated").
var figureDismissals = map[string]bool{"inflated": true, "exaggerated": true, "overstated": true, "padded": true, "wrong": true,
	"inaccurate": true, "incorrect": true, "misleading": true, "unrealistic": true, "speculative": true, "overblown": true}

// predicators put a judgement on what precedes: "described it as ...",
// "simply wrong".
var predicators = map[string]bool{"as": true, "simply": true, "completely": true, "totally": true, "grossly": true, "wildly": true, "plainly": true, "just": true}

// labelDismissals dismiss only as a label: "a provocation", but not "any
// provocation".
var labelDismissals = map[string]bool{"provocation": true, "fiction": true, "fantasy": true, "fabrication": true, "invention": true, "distortion": true}

var confirmWords = map[string]bool{"confirm": true, "confirms": true, "confirmed": true, "confirming": true, "verified": true, "verify": true, "verifies": true,
	"validated": true, "validate": true, "validates": true}

// signals scans the tokens of toks that fall inside [from, to) (byte
// offsets) for hedges, confirmations and dismissals.
func (a *article) signals(toks []token, from, to int) contentSignal {
	lx := a.p.lx
	var sg contentSignal
	for k := range toks {
		t := &toks[k]
		if t.start < from || t.end > to || !t.word || (t.flags&fAnnotated != 0 && t.flags&fSignal == 0) {
			continue
		}
		w := t.lower
		next := ""
		if k+1 < len(toks) {
			next = toks[k+1].lower
		}
		next2 := ""
		if k+2 < len(toks) {
			next2 = toks[k+2].lower
		}
		switch {
		case confirmWords[w]:
			neg := false
			for b := k - 1; b >= 0 && b >= k-4; b-- {
				bw := toks[b].lower
				if bw == "not" || bw == "n't" || bw == "yet" || bw == "never" || bw == "no" || bw == "cannot" || bw == "neither" || bw == "unable" || bw == "nothing" || bw == "none" {
					neg = true
				}
			}
			if neg {
				sg.negConfirm = true
			} else {
				sg.confirm = true
			}
		case (w == "show" || w == "shows" || w == "showed" || w == "showing" || w == "show.") && officialEvidence(toks, k):
			sg.confirm = true
		case w == "unconfirmed" || w == "unverified":
			sg.negConfirm = true
		case (w == "accepted" || w == "accepts" || w == "accept") && acceptedObject(toks, k):
			sg.confirm = true // "said it accepted the findings"
		case (w == "verifying" || w == "checking" || w == "assessing") && k > 0 && (toks[k-1].lower == "still" || toks[k-1].is(fBe)):
			sg.negConfirm = true // "we are still verifying the files"
		case (w == "borne" || w == "bore" || w == "bears") && next == "out":
			sg.confirm = true // "the review had borne out its estimate"
		case undecided[w] && yetBefore(toks, k):
			// "had not yet established whether", "have yet to determine
			// the cause": nothing is confirmed yet
			sg.negConfirm = true
		case w == "decision" && k > 0 && toks[k-1].lower == "no":
			sg.negConfirm = true // "no decision had been taken"
		case w == "considering" && k > 0 && (toks[k-1].is(fBe) || (k > 1 && toks[k-2].is(fBe) && isAdverb(toks[k-1]))):
			sg.hedge = true // "it was considering releasing reserves"
		case (w == "name" || w == "prove" || w == "establish" || w == "identify" || w == "substantiate") && negBefore(toks, k):
			sg.lacksProof = true // "could not name any of them"
		case (w == "records" || w == "proof") && k > 0 && toks[k-1].lower == "no":
			sg.lacksProof = true
		case (w == "comment" || w == "discuss") && negBefore(toks, k):
			// "said it does not comment on individual clubs": saying
			// nothing leaves it unconfirmed
			sg.negConfirm = true
		case w == "confirmation" && k > 0 && toks[k-1].lower == "no":
			sg.negConfirm = true
		case w == "confidence" && k > 0 && toks[k-1].lower == "no":
			sg.dismissal = true // "has no confidence in the number"
		case lx.dismissals[w] || (w == "fake" && next == "news"):
			sg.dismissal = true
		case figureDismissals[w] && k > 0 && (toks[k-1].is(fBe) || predicators[toks[k-1].lower] || isAdverb(toks[k-1])):
			// "the number was padded", "described the figure as wildly
			// inflated", "is simply wrong": a figure or claim rebutted
			sg.dismissal = true
		case labelDismissals[w] && k > 0 && (toks[k-1].lower == "a" || toks[k-1].lower == "an" || toks[k-1].lower == "as" || toks[k-1].lower == "pure" || toks[k-1].lower == "sheer"):
			// "called the report a provocation": a label that dismisses
			sg.dismissal = true
		case w == "may" && t.cap && k > 0:
			// the month, not the modal: "up from 120 in May"
		case w == "could" || w == "may" || w == "might":
			// "could not", "cannot": inability; "could have": counterfactual;
			// "could confirm": a confirmation, not a hedge
			if next == "not" || next == "n't" || confirmWords[next] || (w == "could" && (next == "have" || ((next == "also" || strings.HasSuffix(next, "ly")) && next2 == "have"))) {
				continue
			}
			sg.hedge = true
		case w == "thought":
			if next == "to" {
				sg.hedge = true
			}
		case w == "if" && confirmWords[next]:
			sg.hedge = true
		case w == "suspected" && (k == 0 || numberTok(toks[k-1]) || isDet(toks[k-1].lower) || toks[k-1].lower == "and" ||
			toks[k-1].lower == "of" || toks[k-1].lower == ",") && next != "" && !suspectedVerbNext[next]:
			// "15,000 suspected cholera cases", "Suspected measles cases
			// rose": an adjective of the counted noun, not a hedge of the
			// statement
		case w == "evidence" && k > 0 && toks[k-1].lower == "no":
			sg.dismissal = true // "we have found no evidence of ..."
		case (w == "happen" || w == "happened" || w == "occur" || w == "occurred" || w == "exist" || w == "exists") && k > 0 && negBefore(toks, k):
			sg.dismissal = true // "the attack did not happen", "never occurred"
		case (w == "true" || w == "accurate" || w == "correct") && k > 1 && (toks[k-1].lower == "not" || toks[k-1].lower == "n't") && toks[k-2].is(fBe):
			sg.dismissal = true // "the report is not true"
		case lx.hedges[w]:
			sg.hedge = true
		case lx.figureHedges[w]:
			sg.figHedge = true
		}
	}
	return sg
}

// contentRebuts reports whether reported content rebuts an accusation in
// a form news uses for denials: a third-person subject that did not do
// something ("it has not paid", "he did not take it"), or "no X had
// been done" ("no bank details had been taken"). Reports that no one was
// hurt are not rebuttals, and neither are intentions ("would not oppose").
func contentRebuts(toks []token, sc []span) bool {
	for _, c := range sc {
		first := -1
		for k := range toks {
			if toks[k].start >= c.start && toks[k].end <= c.end && toks[k].word && toks[k].lower != "that" {
				first = k
				break
			}
		}
		if first < 0 {
			continue
		}
		if subjectDeniesPastAct(toks, first, c.end) {
			return true
		}
		for k := first; k < len(toks) && toks[k].end <= c.end; k++ {
			w := toks[k].lower
			switch {
			case (w == "there") && k+2 < len(toks) && (toks[k+1].lower == "was" || toks[k+1].lower == "were") && toks[k+2].lower == "no" &&
				k+3 < len(toks) && !harmNouns[toks[k+3].lower]:
				return true // "insisted there was no risk to supplies"
			case w == "none" && k == first && k+1 < len(toks) && toks[k+1].lower == "of":
				return true // "none of the errors pointed to fraud"
			case k == first && (w == "it" || w == "he" || w == "she" || w == "they"):
				// "it has not paid", "we never hid it"
				// past acts only: "they would not oppose" is an intention
				if x := k + 1; x+2 < len(toks) && pastAux[toks[x].lower] && (toks[x+1].lower == "not" || toks[x+1].lower == "n't") && toks[x+2].word && !toks[x+2].is(fBe) && !toks[x+2].is(fAux) {
					return true
				}
			case w == "no" && k > 0 && k+2 < len(toks) && (toks[k+1].lower == "part" || toks[k+1].lower == "role") && toks[k+2].lower == "in" &&
				(strings.HasPrefix(toks[k-1].lower, "play") || toks[k-1].lower == "had" || toks[k-1].lower == "has"):
				return true // "had played no part in the failure"
			case w == "nothing" && k+3 < len(toks) && toks[k+1].lower == "to" && toks[k+2].lower == "do" && toks[k+3].lower == "with":
				return true // "had nothing to do with it"
			case w == "no" && k+2 < len(toks) && !(k > 0 && (toks[k-1].lower == "if" || toks[k-1].lower == "unless" || toks[k-1].lower == "until")):
				x := k + 1
				for x < len(toks) && x < k+6 && toks[x].word && !toks[x].is(fAux) && !toks[x].is(fBe) {
					x++ // "no bank details or passwords"
				}
				if x == k+1 || harmNouns[toks[x-1].lower] || x+1 >= len(toks) {
					continue
				}
				// "no bank details had been taken", "no offer was made"
				// the perfect only: "had been taken" claims a past act,
				// "no soldier was killed" reports an event
				y, been := x, false
				for y < len(toks) && (toks[y].is(fAux) || toks[y].is(fBe)) {
					been = been || toks[y].lower == "been"
					y++
				}
				if been && y < len(toks) && (strings.HasSuffix(toks[y].lower, "ed") || strings.HasSuffix(toks[y].lower, "en")) {
					return true
				}
				// "no safety data were withheld": a past passive of
				// concealing or taking is a rebuttal too (an event such
				// as "no soldier was killed" is not)
				if y == x+1 && toks[x].is(fBe) && y < len(toks) && concealVerbs[toks[y].lower] {
					return true
				}
			}
		}
	}
	return false
}

// undecided are the verbs of finding out that, not yet done, leave the
// matter open: "has not yet established", "is yet to determine".
var undecided = map[string]bool{"decided": true, "decide": true, "established": true, "establish": true, "determined": true,
	"determine": true, "concluded": true, "conclude": true, "identified": true, "identify": true}

// yetBefore reports whether "yet" stands in the four words before k ("has
// not yet decided", "have yet to establish").
func yetBefore(toks []token, k int) bool {
	for b := k - 1; b >= 0 && b >= k-4; b-- {
		if toks[b].lower == "yet" {
			return true
		}
		if !toks[b].word {
			return false
		}
	}
	return false
}

// acceptedObject reports whether an accepting verb at k takes as object a
// finding of someone's ("accepted the findings", "accepted the agency's
// findings").
func acceptedObject(toks []token, k int) bool {
	if k+1 >= len(toks) || !(toks[k+1].lower == "the" || possessivePron[toks[k+1].lower]) {
		return false
	}
	for x := k + 2; x < len(toks) && x <= k+5; x++ {
		if acceptedThings[toks[x].lower] {
			return true
		}
		if !toks[x].word && toks[x].text != "'" && toks[x].text != "\u2019" && toks[x].lower != "'s" {
			return false
		}
	}
	return false
}

// subjectDeniesPastAct reports whether the content starting at first is
// a short subject that did not do something in the past: "the government
// had not put extra money on the table", "our equipment did not cause
// this", "he had never instructed anyone". The present ("does not
// include") describes, and so does a passive ("were never counted").
func subjectDeniesPastAct(toks []token, first, end int) bool {
	for x := first; x < len(toks) && x <= first+4 && toks[x].end <= end; x++ {
		t := toks[x]
		if !t.word {
			return false
		}
		if t.lower != "had" && t.lower != "did" && t.lower != "has" && t.lower != "have" {
			if t.is(fAux) || t.is(fBe) || t.is(fCue) || t.is(fPreposition) {
				return false
			}
			continue
		}
		if x == first || x+2 >= len(toks) || !notWords[toks[x+1].lower] {
			return false
		}
		v := toks[x+2]
		return v.word && !v.is(fBe) && !v.is(fAux) && !v.cap && !harmVerbs[v.lower] && !(t.lower == "did" && v.lower == "say")
	}
	return false
}

// harmVerbs report a harm that did not happen, or an experience: good
// news or a description, not a rebuttal ("did not die", "we have never
// seen anything like this").
var harmVerbs = map[string]bool{"seen": true, "heard": true, "experienced": true, "witnessed": true, "known": true, "faced": true, "felt": true,
	"die": true, "died": true, "survive": true, "survived": true, "respond": true, "responded": true, "reply": true,
	"replied": true, "comment": true, "commented": true, "return": true, "returned": true, "arrive": true, "arrived": true}

// acceptedThings are what accepting confirms: "accepted the findings".
var acceptedThings = map[string]bool{"findings": true, "finding": true, "report": true, "conclusions": true, "conclusion": true,
	"ruling": true, "verdict": true, "figures": true, "figure": true, "results": true}

// concealVerbs are past participles of hiding, withholding or taking that
// a rebuttal says were not done: "no data were withheld".
var concealVerbs = map[string]bool{"withheld": true, "hidden": true, "concealed": true, "suppressed": true, "taken": true, "stolen": true,
	"accessed": true, "leaked": true, "falsified": true, "altered": true, "deleted": true, "destroyed": true, "paid": true, "sold": true,
	"omitted": true, "manipulated": true, "misreported": true, "misstated": true}

// pastAux carry a past act that a denial negates: "it has not paid".
var pastAux = map[string]bool{"had": true, "has": true, "have": true, "did": true, "does": true, "do": true}

// notWords negate a verb.
var notWords = map[string]bool{"not": true, "n't": true, "never": true}

// harmNouns are what "no one was hurt"-style reports say did not happen:
// good news, not a rebuttal.
var harmNouns = map[string]bool{"one": true, "people": true, "person": true, "injuries": true, "casualties": true, "deaths": true, "damage": true,
	"lives": true, "fatalities": true, "victims": true, "survivors": true, "buildings": true, "homes": true}

// numberTok reports whether t is a number written in digits or words.
func numberTok(t token) bool {
	return t.word && (t.is(fNumberWord) || (t.text[0] >= '0' && t.text[0] <= '9'))
}

// negBefore reports whether "not", "n't" or "never" stands just before k
// (over one auxiliary: "did not happen", "has never happened").
func negBefore(toks []token, k int) bool {
	for b := k - 1; b >= 0 && b >= k-3; b-- {
		switch toks[b].lower {
		case "not", "n't", "never":
			return true
		}
		if !toks[b].is(fAux) && !toks[b].is(fBe) {
			return false
		}
	}
	return false
}

// officialEvidence reports whether "show" at k has official data as its
// subject ("official figures showed", "official records show").
func officialEvidence(toks []token, k int) bool {
	for f := k + 1; f < len(toks) && f <= k+8; f++ {
		if w := toks[f].lower; w == "will" || w == "would" || w == "to" {
			return false // "data showing X will be published": not evidence yet
		}
	}
	for b := k - 1; b >= 0 && b >= k-6; b-- {
		if toks[b].lower == "official" {
			return true
		}
		// "government figures show", "customs data showed": the records
		// of a public body
		if b > 0 && isEvidence(toks[b].lower) && officialBodies[toks[b-1].lower] {
			return true
		}
	}
	return false
}

// officialBodies keep official records: their figures and data confirm.
var officialBodies = map[string]bool{"government": true, "customs": true, "ministry": true, "treasury": true, "census": true}

// deniesOwnAct reports whether a statement's content has its speaker deny
// an act of its own: "said it had never sold ...", "said they never
// received ...".
func (a *article) deniesOwnAct(toks []token, st *stmt) bool {
	if st.inverted {
		return false
	}
	k := st.cj
	for k < len(toks) && (toks[k].lower == "that" || toks[k].lower == "in" || toks[k].lower == "a" || toks[k].lower == "statement" || toks[k].text == ",") {
		k++
	}
	if k >= len(toks) || !toks[k].is(fPronoun) || toks[k].lower == "you" {
		return false
	}
	for x := k + 1; x < len(toks) && x <= k+3; x++ {
		if toks[x].lower == "never" {
			return x+1 < len(toks) && toks[x+1].word && !toks[x+1].is(fBe)
		}
		if !toks[x].is(fAux) {
			return false
		}
	}
	return false
}

// subjectHedged reports whether the words naming the speaker hedge the
// statement ("unconfirmed reports", "preliminary figures").
func (a *article) subjectHedged(st *stmt) bool {
	if st.subj[0] < 0 || st.subj[1] <= st.subj[0] || st.class == "warn" {
		return false
	}
	toks := a.sents[st.sent].toks
	if st.subj[1] > len(toks) {
		return false
	}
	sub := a.signals(toks, toks[st.subj[0]].start, toks[st.subj[1]-1].end)
	return sub.negConfirm || sub.hedge
}

// contentStatus is the status a neutral verb ("said", "told") takes from what
// it reports.
func (sg contentSignal) status() domain.Status {
	switch {
	case sg.negConfirm:
		return domain.Unconfirmed
	case sg.dismissal:
		return domain.Denied
	case sg.confirm:
		return domain.Confirmed
	case sg.hedge:
		return domain.Unconfirmed
	}
	return domain.Claimed
}

// verbStatus is the status the cue verb sets by itself, or "" when the verb
// is neutral and the content decides.
func (st *stmt) verbStatus() domain.Status {
	if st.negated || st.yetTo {
		switch st.class {
		case "confirm", "deny", "say", "warn", "hedge":
			return domain.Unconfirmed
		}
	}
	if st.official {
		return domain.Confirmed
	}
	switch st.class {
	case "confirm":
		return domain.Confirmed
	case "deny":
		return domain.Denied
	case "hedge":
		return domain.Unconfirmed
	}
	return ""
}

// statementStatus applies the status rules to one statement: the verb
// decides when it confirms, denies or hedges; a neutral verb takes the
// status of its content; a warning stays CLAIMED unless it estimates a
// figure.
func (a *article) statementStatus(st *stmt, sts []*stmt, s *sentence) domain.Status {
	if st.official && a.subjectHedged(st) {
		return domain.Unconfirmed // "provisional records show"
	}
	if confessing[s.toks[st.ci].lower] && !st.negated {
		for _, sc := range st.scope {
			if a.signals(s.toks, sc.start, sc.end).lacksProof {
				return domain.Unconfirmed
			}
		}
	}
	if v := st.verbStatus(); v != "" {
		return v
	}
	if st.class == "say" && st.cj+1 < len(s.toks) && s.toks[st.cj].lower == "only" && s.toks[st.cj+1].lower == "that" {
		// "a spokesperson said only that all options remained open": a
		// reply that withholds the answer
		return domain.Unconfirmed
	}
	if a.subjectHedged(st) {
		// "unconfirmed reports put ...", "preliminary figures show ..."
		return domain.Unconfirmed
	}
	sg := contentSignal{}
	for _, sc := range a.ownScope(st, sts) {
		x := a.signals(s.toks, sc.start, sc.end)
		sg.negConfirm = sg.negConfirm || x.negConfirm
		sg.dismissal = sg.dismissal || x.dismissal
		sg.confirm = sg.confirm || x.confirm
		sg.hedge = sg.hedge || x.hedge
	}
	if st.class == "warn" {
		if sg.hedge && a.hasNumberIn(s, st.scope) && a.tollIn(s, st.scope) {
			return domain.Unconfirmed
		}
		return domain.Claimed
	}
	if st.opinion {
		return domain.Claimed
	}
	if v := sg.status(); v != domain.Claimed || st.class != "say" || !(a.deniesOwnAct(s.toks, st) || contentRebuts(s.toks, st.scope)) {
		return v
	}
	return domain.Denied
}

// ownScope is the statement's content minus the content and cues of the
// other statements of the sentence (an "according to" covers only what the
// others leave).
func (a *article) ownScope(st *stmt, sts []*stmt) []span {
	if !st.whole {
		return st.scope
	}
	// the result lives in ownA until the next call; ownB is the other
	// half of each subtraction
	res, tmp := append(a.ownA[:0], st.scope...), a.ownB
	cut := func(c span) {
		res, tmp = subtractInto(tmp[:0], res, c), res
	}
	for _, o := range sts {
		if o == st || o.nested {
			continue
		}
		cut(o.cue)
		for _, c := range o.scope {
			cut(c)
		}
		if o.subj[0] >= 0 {
			cut(span{a.sents[o.sent].toks[o.subj[0]].start, a.sents[o.sent].toks[o.subj[1]-1].end})
		}
	}
	// and minus its own cue and speaker words
	cut(st.cue)
	if st.subj[0] >= 0 {
		toks := a.sents[st.sent].toks
		cut(span{toks[st.subj[0]].start, toks[st.subj[1]-1].end})
	}
	a.ownA, a.ownB = res, tmp
	return res
}

// subtractInto appends to out what is left of xs once c is taken away.
func subtractInto(out, xs []span, c span) []span {
	for _, x := range xs {
		if c.end <= x.start || c.start >= x.end {
			out = append(out, x)
			continue
		}
		if c.start > x.start {
			out = append(out, span{x.start, c.start})
		}
		if c.end < x.end {
			out = append(out, span{c.end, x.end})
		}
	}
	return out
}

func subtract(xs []span, c span) []span {
	return subtractInto(nil, xs, c)
}

func (a *article) hasNumberIn(s *sentence, sc []span) bool {
	for _, f := range s.quants {
		for _, x := range sc {
			if f.start >= x.start && f.end <= x.end {
				return true
			}
		}
	}
	return false
}

// tollIn reports whether a scope speaks of a toll of the present event
// (the dead, the missing, casualties): a warning that hedges such a count
// estimates a current figure, while a warning of what may yet happen ("it
// could cut jobs", "gusts are expected") stays a warning.
func (a *article) tollIn(s *sentence, sc []span) bool {
	for ti := range s.toks {
		t := &s.toks[ti]
		if t.flags&fConcept == 0 || a.p.lx.concepts[t.lower] != "casualty" {
			continue
		}
		for _, x := range sc {
			if t.start >= x.start && t.end <= x.end {
				return true
			}
		}
	}
	return false
}

// suspectedVerbNext are the words after which "suspected" is a verb or a
// passive ("suspected of", "suspected that"), not an adjective of a noun.
var suspectedVerbNext = map[string]bool{"of": true, "to": true, "that": true, "by": true, "in": true, "the": true,
	"a": true, "an": true, "it": true, "he": true, "she": true, "they": true, "him": true, "her": true, "them": true}
