// Package analysis turns an article into entities, attributed statements and
// figures with their confirmation status. It is a chain of small rule-based
// stages (segmentation, entities, attribution, status, figures, claims) over
// one shared article state, with every offset carried through so the output
// can point back into the body.
package analysis

import (
	"slices"
	"sync"
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
	gz := loadGazetteer()
	lx.buildFlags(gz)
	return &Pipeline{lx: lx, gz: gz, seg: newSegmenter(lx.abbrevs)}
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
	// idxBuf holds two ints per token of the article (entity and mention
	// of each token); tokBase is where the current sentence starts
	idxBuf  []int
	tokBase int
}

// tokenBuf is the reusable scratch space of one Analyze call.
type tokenBuf struct {
	toks []token
	idx  []int
}

var tokenPool = sync.Pool{New: func() any { return &tokenBuf{} }}

// Analyze finds the entities, statements and figures of one article. Only
// the body is analysed, because every offset points into it; the title is
// accepted so callers need not know that. A body that is not valid UTF-8
// has no code point offsets and yields an empty analysis. Analyze never
// panics: should a stage fail, it returns an empty analysis rather than
// take the server down.
func (p *Pipeline) Analyze(title, body string) (out domain.Analysis) {
	defer func() {
		if r := recover(); r != nil {
			out = domain.Analysis{}
		}
	}()
	_ = title
	return p.analyze(body)
}

// analyze is Analyze without the safety net, so tests see every panic.
func (p *Pipeline) analyze(body string) domain.Analysis {
	if !utf8.ValidString(body) {
		return domain.Analysis{}
	}
	a := &article{p: p, body: body, lastPerson: -1, lastThing: -1, lastGroup: -1, lastRole: -1, lastRolePos: -1, lastPersonPos: -1}
	a.sents = p.seg.split(body)
	// one token buffer and one index buffer for the whole article, reused
	// across calls: tokens are the bulk of what the pipeline allocates
	buf := tokenPool.Get().(*tokenBuf)
	defer func() {
		clear(buf.toks)
		buf.toks = buf.toks[:0]
		tokenPool.Put(buf)
	}()
	all := buf.toks[:0]
	bounds := make([]int, len(a.sents)+1)
	for si := range a.sents {
		bounds[si] = len(all)
		all = tokenizeInto(all, a.sents[si].text, a.sents[si].start)
	}
	bounds[len(a.sents)] = len(all)
	buf.toks = all
	p.annotate(all)
	if cap(buf.idx) < 2*len(all) {
		buf.idx = make([]int, 2*len(all))
	}
	a.idxBuf = buf.idx[:2*len(all)]
	seen := map[string]bool{}
	for si := range a.sents {
		s := &a.sents[si]
		s.toks = all[bounds[si]:bounds[si+1]:bounds[si+1]]
		a.tokBase = bounds[si]
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
	out := domain.Analysis{
		Entities:   make([]domain.FoundEntity, 0, len(a.ents.list)),
		Statements: make([]domain.FoundStatement, 0, len(a.stmts)),
		Figures:    make([]domain.FoundFigure, 0, len(a.figs)),
	}
	// keep only entities that are mentioned or speak; drop duplicates of
	// alias text that equals the name
	for _, e := range a.ents.list {
		fe := domain.FoundEntity{Name: e.name, Kind: e.kind, Aliases: e.aliases}
		if fe.Aliases == nil {
			fe.Aliases = []string{}
		}
		ms := e.mentions
		slices.SortFunc(ms, func(x, y span) int { return x.start - y.start })
		if len(ms) > 0 {
			fe.Mentions = make([]domain.Span, len(ms))
			for i, m := range ms {
				fe.Mentions[i] = domain.Span{Start: cp.at(m.start), End: cp.at(m.end)}
			}
		}
		out.Entities = append(out.Entities, fe)
	}
	// statements in text order of their cue
	order := make([]int, len(a.stmts))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return a.stmts[i].cue.start - a.stmts[j].cue.start })
	newIdx := make([]int, len(a.stmts))
	for ni, oi := range order {
		newIdx[oi] = ni
		st := a.stmts[oi]
		s := a.sents[st.sent]
		out.Statements = append(out.Statements, domain.FoundStatement{
			Speakers:  st.speakers,
			Cue:       a.body[st.cue.start:st.cue.end],
			CueSpan:   domain.Span{Start: cp.at(st.cue.start), End: cp.at(st.cue.end)},
			Status:    st.status,
			Text:      s.text,
			Span:      domain.Span{Start: cp.at(s.start), End: cp.at(s.end)},
			ClaimKey:  st.claimKey,
			ClaimText: st.claimText,
		})
	}
	slices.SortStableFunc(a.figs, func(x, y *fig) int { return x.span.start - y.span.start })
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
