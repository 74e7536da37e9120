package analysis

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/analysis/quantity"
	"github.com/factgraph/factgraph/internal/domain"
)

// fig is a figure being built from a quantity.
type fig struct {
	q      *quantity.Quantity // in its sentence's found list
	span   span               // body bytes of the number as written
	mod    int                // body byte offset where its modifier starts
	sent   int
	source int
	stmt   int
	status domain.Status
}

// quantities runs the number recogniser over one sentence and keeps body
// offsets. It runs before attribution because a warning that estimates a
// figure is UNCONFIRMED.
func (a *article) quantities(si int) {
	s := &a.sents[si]
	s.found = nil
	if mayHoldNumberIn(s.text, s.toks) {
		// the figures of all the sentences share one block; a block that
		// fills up is left to the sentences already carved from it
		if len(a.foundBuf) == 0 && cap(a.foundBuf) < a.blockSize() {
			a.foundBuf = make([]quantity.Quantity, 0, a.blockSize())
		}
		l := len(a.foundBuf)
		got := quantity.AppendFound(a.foundBuf[l:l], s.text, a.low[s.start:s.end])
		if n := len(got); n > 0 {
			s.found = got[:n:n]
			if n <= cap(a.foundBuf)-l {
				a.foundBuf = a.foundBuf[:l+n] // appended in place
			}
		}
	}
	s.quants = s.quants[:0]
	if n := len(s.found); n > 0 {
		// carve the spans from one article-wide block
		if cap(a.spanBuf)-len(a.spanBuf) < n {
			a.spanBuf = make([]span, 0, max(n, 32))
		}
		l := len(a.spanBuf)
		a.spanBuf = a.spanBuf[:l+n]
		s.quants = a.spanBuf[l : l : l+n]
	}
	for qi := range s.found {
		q := &s.found[qi]
		if q.Start < 0 || q.End > len(s.text) || q.Start >= q.End {
			s.quants = append(s.quants, span{-1, -1})
			continue
		}
		s.quants = append(s.quants, span{s.start + q.Start, s.start + q.End})
	}
}

// notAFigure reports numbers that count nothing of their own: the
// denominator of a rate ("38 cases per 100,000", "one in every 10") and an
// age set off after a name ("Ana Reis, 52, said").
func (a *article) notAFigure(s *sentence, sp span, q *quantity.Quantity) bool {
	before := strings.TrimRight(a.body[s.start:sp.start], " ")
	last := before[strings.LastIndexByte(before, ' ')+1:]
	if strings.EqualFold(last, "per") || strings.EqualFold(last, "every") && len(last) < len(before) {
		return true
	}
	after := a.body[sp.end:s.end]
	if strings.HasSuffix(before, ",") && (strings.HasPrefix(after, ",") || strings.HasPrefix(after, ")")) &&
		q.Low == nil && q.High == nil && q.Value >= 1 && q.Value <= 120 && q.Value == math.Trunc(q.Value) &&
		strings.IndexFunc(a.body[sp.start:sp.end], func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		// the word before the comma must be a name
		w := strings.TrimSuffix(before, ",")
		if i := strings.LastIndexAny(w, " \n"); i >= 0 {
			w = w[i+1:]
		}
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r)
	}
	return false
}

// blockSize is the number of quantities or figures a block is made for:
// news text holds about one figure in every 128 bytes, so the first block
// usually serves the whole article.
func (a *article) blockSize() int {
	return max(len(a.body)/128, 16)
}

// findFigures turns the sentence's quantities into figures and decides
// which statement carries each one, who gives it and its status.
func (a *article) findFigures(si int) {
	s := &a.sents[si]
	sts := a.stsBuf[:0]
	for i, st := range a.stmts {
		if st.sent == si {
			sts = append(sts, i)
		}
	}
	a.stsBuf = sts
	// the figures of all the sentences are carved from one block
	if n := len(s.found); cap(a.figBuf)-len(a.figBuf) < n {
		if len(a.figBuf) == 0 {
			n = max(n, a.blockSize())
		}
		a.figBuf = make([]fig, 0, n)
	}
	l := len(a.figBuf)
	block := a.figBuf[l : l : l+len(s.found)]
	for qi := range s.found {
		q := &s.found[qi]
		sp := s.quants[qi]
		if sp.start < 0 {
			continue
		}
		if a.notAFigure(s, sp, q) {
			continue
		}
		mod := sp.start
		if q.ModStart >= 0 && q.ModStart <= q.Start {
			mod = s.start + q.ModStart
		}
		if q.Kind == quantity.Fraction {
			// fractions are kept to four decimals: "one-third" is 0.3333
			q.Value = math.Round(q.Value*1e4) / 1e4
		}
		block = append(block, fig{q: q, span: sp, mod: mod, sent: si, source: -1, stmt: -1})
		f := &block[len(block)-1]
		f.stmt = a.carrier(s, sts, f)
		if f.stmt >= 0 {
			st := a.stmts[f.stmt]
			speakers := st.speakers
			if !st.whole {
				// a citation chain: the cited party gives the figure
				for _, o := range sts {
					ot := a.stmts[o]
					if ot.class == "cite" && ot.whole && !sameSpeakers(ot.speakers, st.speakers) {
						speakers = ot.speakers
					}
				}
			}
			f.source = a.sourceOf(speakers)
			f.status = a.figureStatus(s, st, f)
		} else {
			f.status = a.figureStatus(s, nil, f)
			f.source = a.ownerOfCount(s, f)
		}
		a.figs = append(a.figs, f)
	}
	a.figBuf = a.figBuf[:l+len(block)]
}

// ownerOfCount finds who gives a figure that no statement carries, from a
// count, tally or poll named before it in the sentence: "the ministry's
// count stood at 19", "Quadrante's poll put RP at 35%", "a survey by the
// WHO found 57%", "results published by the commission show 33.6%".
// It returns -1 when the sentence names none.
func (a *article) ownerOfCount(s *sentence, f *fig) int {
	toks := s.toks
	for k := range toks {
		if toks[k].start >= f.span.start {
			break
		}
		if !sourceNouns[toks[k].lower] && toks[k].lower != "results" && toks[k].lower != "toll" {
			continue
		}
		// "X's count": the mention that ends right before "'s"
		if k >= 2 && toks[k-1].lower == "'s" {
			if e := a.entityWithMention(toks[k-2].end, false); e >= 0 {
				return a.sourceOf([]int{e})
			}
		}
		// "a survey by X", "results published by X"
		for x := k + 1; x < len(toks) && x <= k+3 && toks[x].start < f.span.start; x++ {
			if toks[x].lower != "by" || x+1 >= len(toks) {
				continue
			}
			y := x + 1
			if toks[y].lower == "the" && y+1 < len(toks) {
				y++
			}
			if e := a.entityWithMention(toks[y].start, true); e >= 0 {
				return a.sourceOf([]int{e})
			}
		}
	}
	return -1
}

// entityWithMention finds the entity with a mention that ends (or, with
// atStart, starts) at a body offset; -1 when none does.
func (a *article) entityWithMention(off int, atStart bool) int {
	for i, e := range a.ents.list {
		for _, m := range e.mentions {
			if atStart && m.start == off || !atStart && m.end == off {
				return i
			}
		}
	}
	return -1
}

// carrier picks the statement whose reported content holds the figure: a
// denial first (a figure inside a denied claim is the denier's), then the
// narrowest content, then an "according to" covering the sentence.
func (a *article) carrier(s *sentence, sts []int, f *fig) int {
	toks := s.toks
	// "the 20,000 that another spokesperson had cited"
	for _, i := range sts {
		st := a.stmts[i]
		if st.subj[0] <= 0 {
			continue
		}
		sb := toks[st.subj[0]].start
		for k := range toks {
			if toks[k].start >= f.span.end && toks[k].end <= sb {
				if (toks[k].lower == "that" || toks[k].lower == "which") && k+1 < len(toks) && toks[k+1].start == sb && k > 0 && toks[k-1].end <= f.span.end+20 {
					return i
				}
			}
			// "the 1.3 million Tollan has acknowledged", "the €45 million
			// it forecast": a relative clause without "that"
			if toks[k].start == sb && k > 0 && toks[k-1].end == f.span.end && st.ci > st.subj[1]-1 && st.ci-st.subj[1] <= 2 &&
				(toks[k].cap || toks[k].is(fPronoun)) && a.theBefore(toks, f.span.start) &&
				(st.cj >= len(toks) || !toks[st.cj].word || toks[st.cj].is(fPreposition) || timeWords[toks[st.cj].lower]) {
				return i
			}
		}
	}
	best, bestSize := -1, 1<<30
	denied := -1
	rs, re := relativeClauseAround(toks, f.span)
	for _, i := range sts {
		st := a.stmts[i]
		if st.subj[0] >= 0 && st.subj[1] > st.subj[0] && st.subj[1] <= len(toks) &&
			f.span.start >= toks[st.subj[0]].start && f.span.end <= toks[st.subj[1]-1].end {
			// "citing two people close to the talks": the count of the
			// speakers is the article's, not something they said
			continue
		}
		if re > rs && st.cue.start >= re && !st.whole {
			// "Pellow, whose family owns about 94% of the shares,
			// abstained, board members said": background in the
			// article's own voice
			continue
		}
		for _, sc := range st.scope {
			if f.span.start >= sc.start && f.span.end <= sc.end {
				size := sc.end - sc.start
				if st.whole {
					size += 1 << 20
				}
				if st.status == domain.Denied && denied < 0 {
					denied = i
				}
				if size < bestSize {
					best, bestSize = i, size
				}
			}
		}
	}
	if denied >= 0 {
		return denied
	}
	return best
}

// theBefore reports whether "the" (or "a") opens the figure at byte
// offset off: "the 1.3 million Tollan has acknowledged".
func (a *article) theBefore(toks []token, off int) bool {
	for k := range toks {
		if toks[k].end > off {
			return false
		}
		if k+1 < len(toks) && toks[k+1].start >= off {
			return toks[k].lower == "the"
		}
	}
	return false
}

// relativeClauseAround returns the byte span of a non-restrictive relative
// clause (", which ...,", ", whose ...,", ", who ...,") holding sp, or two
// equal values when sp is not inside one.
func relativeClauseAround(toks []token, sp span) (int, int) {
	open := -1
	for k := 0; k < len(toks) && toks[k].start < sp.start; k++ {
		switch {
		case toks[k].text == "," && k+1 < len(toks) && (toks[k+1].lower == "which" || toks[k+1].lower == "whose" || (toks[k+1].lower == "who" && toks[k+1].text != "WHO")):
			open = k
		case toks[k].text == "," || toks[k].text == ";":
			open = -1
		}
	}
	if open < 0 {
		return 0, 0
	}
	for k := open + 1; k < len(toks); k++ {
		if toks[k].text == "," || toks[k].text == ";" || toks[k].text == "." {
			if toks[k].start < sp.end {
				return 0, 0
			}
			return toks[open].start, toks[k].end
		}
	}
	return 0, 0
}

// sourceOf is the entity giving a figure; several speakers together become
// one group entity named after them all.
func (a *article) sourceOf(speakers []int) int {
	switch len(speakers) {
	case 0:
		return -1
	case 1:
		return speakers[0]
	}
	names := make([]string, len(speakers))
	for i, e := range speakers {
		names[i] = a.ents.list[e].name
	}
	return a.ents.add(strings.Join(names, " and "), domain.KindGroup)
}

// figureStatus is the statement's status, unless the verb is neutral: then
// the figure's own clause decides, so a hedge elsewhere in the sentence does
// not spread to it.
func (a *article) figureStatus(s *sentence, st *stmt, f *fig) domain.Status {
	if st != nil {
		if v := st.verbStatus(); v != "" {
			return v
		}
		if a.subjectHedged(st) {
			return domain.Unconfirmed
		}
	}
	if a.doubtFor != s {
		a.doubtFor, a.doubted = s, a.figureDoubted(s)
	}
	if a.doubted {
		return domain.Unconfirmed
	}
	from, to := a.clause(s, f)
	if st != nil {
		for _, sc := range st.scope {
			if f.span.start >= sc.start && f.span.end <= sc.end && !st.whole {
				if sc.start > from {
					from = sc.start
				}
				if sc.end < to {
					to = sc.end
				}
			}
		}
	}
	sg := a.signals(s.toks, from, to)
	if f.q.Kind == quantity.Duration && sg.hedge {
		// a duration takes a hedge only from words right before it
		near := a.signals(s.toks, maxInt(from, f.mod-30), f.span.end)
		sg.hedge = near.hedge
	}
	if st != nil && st.class == "warn" {
		if sg.hedge {
			return domain.Unconfirmed
		}
		return domain.Claimed
	}
	switch {
	case sg.negConfirm:
		return domain.Unconfirmed
	case sg.dismissal && st != nil:
		return domain.Denied
	case sg.confirm:
		return domain.Confirmed
	case sg.hedge || sg.figHedge:
		return domain.Unconfirmed
	}
	return domain.Claimed
}

// figureDoubted reports whether the sentence says its figure cannot be
// confirmed: "..., but the figure could not be independently verified".
func (a *article) figureDoubted(s *sentence) bool {
	toks := s.toks
	for k := range toks {
		t := &toks[k]
		// a quick test of length and first letter before the full one
		if w := t.lower; len(w) < 4 || len(w) > 7 || (w[0] != 'f' && w[0] != 'n' && w[0] != 't' && w[0] != 'c') {
			continue
		}
		switch t.lower {
		case "figure", "figures", "number", "numbers", "toll", "tally", "claim", "claims":
		default:
			continue
		}
		end := k + 7
		if end > len(toks) {
			end = len(toks)
		}
		if sg := a.signals(toks, t.end, toks[end-1].end); sg.negConfirm {
			return true
		}
	}
	return false
}

func maxInt(x, y int) int {
	if x > y {
		return x
	}
	return y
}

var clauseAux = map[string]bool{"could": true, "would": true, "will": true, "may": true, "might": true, "has": true, "have": true, "had": true, "is": true, "are": true, "was": true, "were": true, "that": true, "then": true}

// clauseFirst marks the first bytes of the tokens that can end a clause
// (in lowercase form): the punctuation and the conjunctions clause tests.
var clauseFirst = func() (t [256]bool) {
	for _, w := range []string{";", ":", "\u2014", "\u2013", "and", "but", "while", "whereas", "although", "though"} {
		t[w[0]] = true
	}
	return t
}()

// clause returns the byte range of the clause holding the figure: it ends at
// semicolons, colons, dashes, ", and", ", while", "and could" and the like.
func (a *article) clause(s *sentence, f *fig) (int, int) {
	toks := s.toks
	boundary := func(k int) bool {
		t := &toks[k]
		switch t.text {
		case ";", ":", "\u2014", "\u2013":
			return true
		}
		w := t.lower
		if w == "and" || w == "but" || w == "while" || w == "whereas" || w == "although" || w == "though" {
			if k > 0 && toks[k-1].text == "," {
				return true
			}
			if (w == "and" || w == "but") && k+1 < len(toks) && toks[k+1].is(fClauseAux) {
				return true
			}
			if w == "while" || w == "whereas" {
				return true
			}
		}
		return false
	}
	// mayEnd is the quick test of first bytes that spares most tokens the
	// full one
	mayEnd := func(t *token) bool { return t.lower == "" || clauseFirst[t.lower[0]] }
	from, to := s.start, s.end
	for k := len(toks) - 1; k >= 0; k-- {
		if toks[k].end <= f.mod && mayEnd(&toks[k]) && boundary(k) {
			from = toks[k].end
			break
		}
	}
	for k := range toks {
		if toks[k].start >= f.span.end && mayEnd(&toks[k]) && boundary(k) {
			to = toks[k].start
			if k > 0 && toks[k-1].text == "," {
				to = toks[k-1].start
			}
			break
		}
	}
	return from, to
}

// linkAnaphoricFigures attributes figures of a sentence with no speaker to
// the next sentence's "gave the figure" / "put the number" statement.
func (a *article) linkAnaphoricFigures() {
	for i, st := range a.stmts {
		cue := strings.ToLower(a.body[st.cue.start:st.cue.end])
		if !(strings.HasPrefix(cue, "gave the figure") || strings.HasPrefix(cue, "give the figure") || strings.HasPrefix(cue, "gives the figure")) {
			continue
		}
		prevHasStatement := false
		for _, o := range a.stmts {
			if o.sent == st.sent-1 {
				prevHasStatement = true
			}
		}
		if prevHasStatement {
			continue
		}
		for _, f := range a.figs {
			if f.sent == st.sent-1 && f.stmt < 0 && f.source < 0 {
				f.stmt = i
				f.source = a.sourceOf(st.speakers)
				if v := st.verbStatus(); v != "" {
					f.status = v
				}
			}
		}
	}
}
