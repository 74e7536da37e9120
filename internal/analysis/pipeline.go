// Package analysis turns an article into entities, attributed statements and
// figures with their confirmation status. It is a chain of small rule-based
// stages (segmentation, entities, attribution, status, figures, claims) over
// one shared article state, with every offset carried through so the output
// can point back into the body.
package analysis

import (
	"sort"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/domain"
)

// Pipeline holds the lexicons and the gazetteer, loaded once. It is never
// written to after New, so one Pipeline serves concurrent requests.
type Pipeline struct {
	lx  *lexicon
	gz  *gazetteer
	seg *segmenter
}

// New loads the embedded word lists and gazetteer. Loading is the only
// costly step, so servers build one Pipeline at start-up and share it.
func New() *Pipeline {
	lx := loadLexicon()
	return &Pipeline{lx: lx, gz: loadGazetteer(), seg: newSegmenter(lx.abbrevs)}
}

// article is the working state for one Analyze call.
type article struct {
	p     *Pipeline
	body  string
	sents []sentence
	ents  entityStore
	stmts []*stmt
	figs  []*fig
	// speaker memory for pronouns
	lastPerson int
	lastThing  int
	lastGroup  int
	// a person known only by role ("a spokeswoman for the ministry")
	lastRole, lastRolePos int
	lastPersonPos         int
	// curMen marks, for the sentence being attributed, the tokens covered
	// by a mention (-1 otherwise)
	curMen []int
}

// Analyze finds the entities, statements and figures of one article. The
// title is not part of the body (offsets point into the body only); it is
// used only when the body is empty. Analyze never panics: on an internal
// error it returns what it has, or an empty analysis.
func (p *Pipeline) Analyze(title, body string) (out domain.Analysis) {
	defer func() {
		if r := recover(); r != nil {
			out = domain.Analysis{}
		}
	}()
	_ = title
	if !utf8.ValidString(body) {
		return domain.Analysis{}
	}
	a := &article{p: p, body: body, lastPerson: -1, lastThing: -1, lastGroup: -1, lastRole: -1, lastRolePos: -1, lastPersonPos: -1}
	a.sents = p.seg.split(body)
	seen := map[string]bool{}
	for si := range a.sents {
		s := &a.sents[si]
		s.toks = tokenize(s.text, s.start)
		ms := p.findMentions(s.toks)
		idx := a.registerMentions(s.toks, ms)
		a.quantities(si)
		repeated := seen[s.text]
		seen[s.text] = true
		if !repeated {
			a.attribute(si, ms, idx)
		}
		a.findFigures(si)
	}
	a.linkAnaphoricFigures()
	for _, st := range a.stmts {
		a.claimKey(st)
	}
	return a.build()
}

// build converts the working state into the domain values, turning byte
// offsets into code point offsets.
func (a *article) build() domain.Analysis {
	cp := newOffsets(a.body)
	var out domain.Analysis
	// keep only entities that are mentioned or speak; drop duplicates of
	// alias text that equals the name
	for _, e := range a.ents.list {
		fe := domain.FoundEntity{Name: e.name, Kind: e.kind}
		fe.Aliases = append([]string{}, e.aliases...)
		ms := append([]span{}, e.mentions...)
		sort.Slice(ms, func(i, j int) bool { return ms[i].start < ms[j].start })
		for _, m := range ms {
			fe.Mentions = append(fe.Mentions, domain.Span{Start: cp.at(m.start), End: cp.at(m.end)})
		}
		out.Entities = append(out.Entities, fe)
	}
	// statements in text order of their cue
	order := make([]int, len(a.stmts))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return a.stmts[order[i]].cue.start < a.stmts[order[j]].cue.start })
	newIdx := make([]int, len(a.stmts))
	for ni, oi := range order {
		newIdx[oi] = ni
		st := a.stmts[oi]
		s := a.sents[st.sent]
		out.Statements = append(out.Statements, domain.FoundStatement{
			Speakers:  append([]int{}, st.speakers...),
			Cue:       a.body[st.cue.start:st.cue.end],
			CueSpan:   domain.Span{Start: cp.at(st.cue.start), End: cp.at(st.cue.end)},
			Status:    st.status,
			Text:      s.text,
			Span:      domain.Span{Start: cp.at(s.start), End: cp.at(s.end)},
			ClaimKey:  st.claimKey,
			ClaimText: st.claimText,
		})
	}
	sort.SliceStable(a.figs, func(i, j int) bool { return a.figs[i].span.start < a.figs[j].span.start })
	for _, f := range a.figs {
		ff := domain.FoundFigure{
			Text:        a.body[f.span.start:f.span.end],
			Value:       f.q.Value,
			Low:         f.q.Low,
			High:        f.q.High,
			Approximate: f.q.Approximate,
			Subject:     f.q.Subject,
			Head:        f.q.Head,
			Unit:        f.q.Unit,
			Source:      f.source,
			Statement:   -1,
			Status:      f.status,
			Span:        domain.Span{Start: cp.at(f.span.start), End: cp.at(f.span.end)},
		}
		if f.stmt >= 0 {
			ff.Statement = newIdx[f.stmt]
		}
		out.Figures = append(out.Figures, ff)
	}
	for i := range out.Entities {
		if out.Entities[i].Aliases == nil {
			out.Entities[i].Aliases = []string{}
		}
	}
	return out
}

// offsets maps byte offsets of a string to code point offsets.
type offsets struct {
	cum []int32 // nil when the text is ASCII and offsets are equal
	n   int
}

func newOffsets(s string) offsets {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return offsets{n: len(s)}
	}
	cum := make([]int32, len(s)+1)
	n := int32(0)
	for i := 0; i < len(s); {
		_, w := utf8.DecodeRuneInString(s[i:])
		for k := 0; k < w; k++ {
			cum[i+k] = n
		}
		i += w
		n++
	}
	cum[len(s)] = n
	return offsets{cum: cum}
}

func (o offsets) at(b int) int {
	if b < 0 {
		return 0
	}
	if o.cum == nil {
		if b > o.n {
			return o.n
		}
		return b
	}
	if b >= len(o.cum) {
		return int(o.cum[len(o.cum)-1])
	}
	return int(o.cum[b])
}
