// Package analysis turns an article into entities, attributed statements and
// figures with their confirmation status. It is a chain of small rule-based
// stages (segmentation, entities, attribution, status, figures, claims) over
// one shared article state, with every offset carried through so the output
// can point back into the body.
package analysis

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/analysis/quantity"
	"github.com/factgraph/factgraph/internal/domain"
)

// Pipeline holds the lexicons and the gazetteer, loaded once. It is never
// written to after New, so one Pipeline serves concurrent requests.
type Pipeline struct {
	fl  *frameLexicon
	lx  *lexicon
	gz  *gazetteer
	seg *segmenter
}

// New loads the embedded word lists and gazetteer. Loading is the only
// costly step, so servers build one Pipeline at start-up and share it.
func New() *Pipeline {
	lx := loadLexicon()
	gz := loadGazetteer()
	fl := loadFrameLexicon()
	lx.buildFlags(gz, fl)
	return &Pipeline{fl: fl, lx: lx, gz: gz, seg: newSegmenter(lx.abbrevs)}
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
	// lastGroups are the speakers of the latest statement by more than one
	// party ("British and Irish officials said"); "they" means all of them
	lastGroups   []int
	lastGroupPos int
	// theySubj is the latest unnamed plural group that opened a sentence
	// without speaking ("The police arrested 40 people."), what a later
	// "they said" most likely refers to
	theySubj groupSubject
	// a person known only by role ("a spokeswoman for the ministry")
	lastRole, lastRolePos int
	lastRoleGender        byte
	lastPersonPos         int
	// curMen marks, for the sentence being attributed, the tokens covered
	// by a mention (-1 otherwise)
	curMen []int
	// idxBuf holds two ints per token of the article (entity and mention
	// of each token); tokBase is where the current sentence starts
	idxBuf  []int
	tokBase int
	// menBuf, menEnt and cueBuf are the mentions, their entities and the
	// cues of the sentence being analysed, reused from one to the next
	menBuf []mention
	menEnt []int
	cueBuf []cueCand
	// stsBuf lists the statements of the sentence whose figures are sought
	stsBuf []int
	// spanBuf is where the sentences' quantity spans are carved from,
	// foundBuf their quantities and figBuf their figures
	spanBuf  []span
	foundBuf []quantity.Quantity
	figBuf   []fig
	// doubted is figureDoubted of the sentence doubtFor, which all the
	// figures of that sentence share
	doubtFor *sentence
	doubted  bool
	// spareStmt is a statement built for a cue that found no speaker, to
	// be reused for the next cue
	spareStmt *stmt
	// stmtPool is where statements are carved from, a block at a time;
	// spanSlab holds the one-span scopes of statements
	stmtPool *chunks[stmt]
	spanSlab []span
	// ownA and ownB are the scratch scopes of ownScope
	ownA, ownB []span
	// docSpeakers maps a document noun to who speaks through the document
	// last named with it ("a draft decision by the commission"), so that
	// "the draft says" later has its speaker
	docSpeakers map[string][]int
	// topicCountry is the listed country the article is about, if any
	topicCountry *gazEntry
	// known holds the lowercased names and aliases of the article's people
	// and organisations, made when the frame stage first asks
	known map[string]bool
	// sentFigs lists each sentence's figures for the frame stage
	sentFigs map[int][]*fig
	// low is the body with its ASCII capitals lowercased, for the tokens'
	// lowercase forms and the number recogniser
	low string
}

// tokenBuf is the reusable scratch space of one Analyze call.
type tokenBuf struct {
	toks   []token
	idx    []int
	sents  []sentence
	bounds []int
	// seen holds the texts of the sentences analysed so far
	seen map[string]bool
	// stmts and ents are the blocks statements and entities are carved
	// from; nothing in the output points at them
	stmts chunks[stmt]
	ents  chunks[entity]
	// found and figs are the blocks of quantities and figures, and
	// ownA and ownB the scratch scopes
	found      []quantity.Quantity
	figs       []fig
	ownA, ownB []span
	// the article's lists and indexes, emptied for the next article
	stmtList []*stmt
	figList  []*fig
	entList  []*entity
	spans    []span
	scopes   []span
	index    map[string]int
	byGaz    map[*gazEntry]int
}

// chunkLen is the number of values in one block of a chunks.
const chunkLen = 32

// maxPooledChunks keeps the blocks of an unusually long article out of
// the pool.
const maxPooledChunks = 16

// chunks hands out zeroed values carved from blocks that are kept from
// one article to the next. A value stays where it is until reset, so
// pointers to it stay valid.
type chunks[T any] struct {
	blocks [][]T
	b, n   int // next value: blocks[b][n]
}

// next returns a zeroed value.
func (c *chunks[T]) next() *T {
	v := c.used()
	var zero T
	*v = zero
	return v
}

// used returns a value as the last article left it, for the caller to
// overwrite.
func (c *chunks[T]) used() *T {
	if c.b < len(c.blocks) && c.n == len(c.blocks[c.b]) {
		c.b, c.n = c.b+1, 0
	}
	if c.b == len(c.blocks) {
		c.blocks = append(c.blocks, make([]T, chunkLen))
	}
	v := &c.blocks[c.b][c.n]
	c.n++
	return v
}

// reset makes every value available again, dropping the blocks of an
// unusually long article.
func (c *chunks[T]) reset() {
	if len(c.blocks) > maxPooledChunks {
		c.blocks = c.blocks[:maxPooledChunks]
	}
	c.b, c.n = 0, 0
}

// maxPooledSentences keeps the sentence set of an unusually long article
// out of the pool.
const maxPooledSentences = 4096

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
	return p.analyze(title, body)
}

// analyze is Analyze without the safety net, so tests see every panic.
func (p *Pipeline) analyze(title, body string) domain.Analysis {
	if !utf8.ValidString(body) {
		return domain.Analysis{}
	}
	a := &article{p: p, body: body, lastPerson: -1, lastThing: -1, lastGroup: -1, lastGroupPos: -1, lastRole: -1, lastRolePos: -1, lastPersonPos: -1}
	// one token buffer and one index buffer for the whole article, reused
	// across calls: tokens are the bulk of what the pipeline allocates.
	// Every token and sentence is written whole before it is read, so the
	// buffers are not cleared on the way back to the pool (clearing
	// pointers costs a write barrier each while the collector runs); they
	// keep the last article's strings reachable until they are reused.
	buf := tokenPool.Get().(*tokenBuf)
	buf.stmts.reset()
	buf.ents.reset()
	a.stmtPool, a.ents.pool = &buf.stmts, &buf.ents
	a.foundBuf, a.figBuf = buf.found[:0], buf.figs[:0]
	a.ownA, a.ownB = buf.ownA, buf.ownB
	a.stmts, a.figs, a.ents.list = buf.stmtList[:0], buf.figList[:0], buf.entList[:0]
	a.spanBuf, a.spanSlab = buf.spans[:0], buf.scopes[:0]
	clear(buf.index)
	clear(buf.byGaz)
	a.ents.index, a.ents.byGaz = buf.index, buf.byGaz
	defer func() {
		if len(a.stmts)+len(a.figs)+len(a.ents.list) <= maxPooledSentences {
			buf.stmtList, buf.figList, buf.entList = a.stmts, a.figs, a.ents.list
			buf.spans, buf.scopes = a.spanBuf, a.spanSlab
			buf.index, buf.byGaz = a.ents.index, a.ents.byGaz
		} else {
			buf.index, buf.byGaz = nil, nil
		}
		if cap(a.foundBuf) <= 4*maxPooledSentences {
			buf.found = a.foundBuf
		}
		if cap(a.figBuf) <= 4*maxPooledSentences {
			buf.figs = a.figBuf
		}
		buf.ownA, buf.ownB = a.ownA, a.ownB
		buf.toks = buf.toks[:0]
		buf.sents = buf.sents[:0]
		if len(buf.seen) > maxPooledSentences {
			buf.seen = nil // clearing a map costs its size, not its use
		}
		clear(buf.seen)
		tokenPool.Put(buf)
	}()
	a.sents = p.seg.splitInto(buf.sents[:0], body)
	buf.sents = a.sents
	a.low = asciiLower(body)
	all := buf.toks[:0]
	if n := len(body)/4 + 16; cap(all) < n {
		// about one token in four bytes of news text
		all = make([]token, 0, n)
	}
	if cap(buf.bounds) < len(a.sents)+1 {
		buf.bounds = make([]int, len(a.sents)+1)
	}
	bounds := buf.bounds[:len(a.sents)+1]
	for si := range a.sents {
		bounds[si] = len(all)
		s := &a.sents[si]
		all = tokenizeInto(all, s.text, a.low[s.start:s.end], s.start)
	}
	bounds[len(a.sents)] = len(all)
	buf.toks = all
	p.annotate(all)
	if cap(buf.idx) < 2*len(all) {
		buf.idx = make([]int, 2*len(all))
	}
	a.idxBuf = buf.idx[:2*len(all)]
	if buf.seen == nil {
		buf.seen = make(map[string]bool, len(a.sents))
	}
	seen := buf.seen
	for si := range a.sents {
		s := &a.sents[si]
		s.toks = all[bounds[si]:bounds[si+1]:bounds[si+1]]
		a.tokBase = bounds[si]
		ms := p.findMentions(a.menBuf[:0], s.toks)
		a.menBuf = ms
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
	return a.build(title)
}

// build converts the working state into the domain values, turning byte
// offsets into code point offsets.
func (a *article) build(title string) domain.Analysis {
	cp := newOffsets(a.body)
	// every list is made at its full length and written in place, field
	// by field: appending composite literals copies each one in a block
	out := domain.Analysis{
		Entities:   make([]domain.FoundEntity, len(a.ents.list)),
		Statements: make([]domain.FoundStatement, len(a.stmts)),
		Figures:    make([]domain.FoundFigure, len(a.figs)),
	}
	// the mentions of all the entities share one block
	nm := 0
	for _, e := range a.ents.list {
		nm += len(e.mentions)
	}
	var menBlock []domain.Span
	if nm > 0 {
		menBlock = make([]domain.Span, nm)
	}
	for i, e := range a.ents.list {
		fe := &out.Entities[i]
		fe.Name, fe.Kind, fe.Aliases = e.name, e.kind, e.aliases
		if fe.Aliases == nil {
			fe.Aliases = []string{}
		}
		if e.kind == domain.KindOrganization && e.gaz && e.classes["government"] && e.country != "" {
			// a seat of government stands for its country: "the Kremlin"
			// is Russia, as a capital is
			fe.Aliases = append([]string{e.name}, fe.Aliases...)
			fe.Name, fe.Kind = e.country, domain.KindCountry
		}
		ms := e.mentions
		slices.SortFunc(ms, func(x, y span) int { return x.start - y.start })
		if n := len(ms); n > 0 {
			fe.Mentions = menBlock[:n:n]
			menBlock = menBlock[n:]
			for i, m := range ms {
				fe.Mentions[i] = domain.Span{Start: cp.at(m.start), End: cp.at(m.end)}
			}
		}
	}
	// statements in text order of their cue
	order := make([]int, 2*len(a.stmts))
	newIdx := order[len(a.stmts):]
	order = order[:len(a.stmts)]
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return a.stmts[i].cue.start - a.stmts[j].cue.start })
	// the statements of each sentence, which frames cut each other's
	// content by
	bySent := make(map[int][]*stmt, len(a.stmts))
	for _, st := range a.stmts {
		bySent[st.sent] = append(bySent[st.sent], st)
	}
	for ni, oi := range order {
		newIdx[oi] = ni
		st := a.stmts[oi]
		s := &a.sents[st.sent]
		fs := &out.Statements[ni]
		fs.Speakers = st.speakers
		fs.Cue = a.body[st.cue.start:st.cue.end]
		fs.CueSpan = domain.Span{Start: cp.at(st.cue.start), End: cp.at(st.cue.end)}
		fs.Status = st.status
		fs.Text = s.text
		fs.Span = domain.Span{Start: cp.at(s.start), End: cp.at(s.end)}
		fs.SourceMentions = a.sourceMentions(st, cp)
		fr, content := a.frame(st, bySent[st.sent])
		fs.Frame = fr
		content = a.clearOfSource(st, content)
		if content.end > content.start {
			fs.Content = domain.Span{Start: cp.at(content.start), End: cp.at(content.end)}
		}
	}
	slices.SortStableFunc(a.figs, func(x, y *fig) int { return x.span.start - y.span.start })
	out.Topic = a.topic(title)
	a.topicCountry = a.p.gz.byName[out.Topic]
	measures := a.measures()
	for i, f := range a.figs {
		out.Figures[i].Measure = measures[i]
		ff := &out.Figures[i]
		ff.Text = a.body[f.span.start:f.span.end]
		ff.Value, ff.Low, ff.High = f.q.Value, f.q.Low, f.q.High
		ff.Approximate = f.q.Approximate
		ff.Subject, ff.Head, ff.Unit = f.q.Subject, f.q.Head, f.q.Unit
		ff.Source, ff.Statement, ff.Status = f.source, -1, f.status
		ff.Span = domain.Span{Start: cp.at(f.span.start), End: cp.at(f.span.end)}
		if f.stmt >= 0 {
			ff.Statement = newIdx[f.stmt]
		}
	}
	return out
}

// clearOfSource cuts the cue and the speaker out of a statement's content
// where they stand at its edge: "The border will reopen, said the
// ministry" reports "The border will reopen", and "According to the
// ministry, prices will rise" reports "prices will rise".
func (a *article) clearOfSource(st *stmt, c span) span {
	toks := a.sents[st.sent].toks
	src := st.cue
	if st.subj[0] >= 0 && st.subj[1] > st.subj[0] && st.subj[1] <= len(toks) {
		src.start = min(src.start, toks[st.subj[0]].start)
		src.end = max(src.end, toks[st.subj[1]-1].end)
	}
	switch {
	case src.end <= c.start || src.start >= c.end:
		// apart: only loose punctuation to trim
	case src.start > c.start:
		c.end = src.start // the source closes the sentence
	default:
		c.start = src.end // the source opens it
	}
	for c.start < c.end && strings.ContainsRune(" ,;:", rune(a.body[c.start])) {
		c.start++
	}
	for c.end > c.start && strings.ContainsRune(" ,;:", rune(a.body[c.end-1])) {
		c.end--
	}
	return c
}

// sourceMentions are the speakers of st as its sentence writes them: the
// subject phrase for a single speaker ("the NATO Secretary General",
// "he"); for several, each one's own name inside that phrase, else the
// whole phrase ("they").
func (a *article) sourceMentions(st *stmt, cp offsets) []domain.FoundMention {
	toks := a.sents[st.sent].toks
	if len(st.speakers) == 0 || st.subj[0] < 0 || st.subj[1] <= st.subj[0] || st.subj[1] > len(toks) {
		return nil
	}
	phrase := span{toks[st.subj[0]].start, toks[st.subj[1]-1].end}
	out := make([]domain.FoundMention, 0, len(st.speakers))
	for _, sp := range st.speakers {
		m := phrase
		if len(st.speakers) > 1 {
			for _, em := range a.ents.list[sp].mentions {
				if em.start >= phrase.start && em.end <= phrase.end {
					m = em
					break
				}
			}
		}
		out = append(out, domain.FoundMention{Span: domain.Span{Start: cp.at(m.start), End: cp.at(m.end)}, Entity: sp})
	}
	return out
}

// offsets maps byte offsets of a string to code point offsets. For text
// that is not ASCII it keeps the code point count at every 64th byte and
// counts the rest of the way, so it costs a sixteenth of the body in memory
// instead of four times the body.
type offsets struct {
	s   string  // the text, when it is not ASCII
	cum []int32 // nil when the text is ASCII and offsets are equal
	n   int     // code points in the text
}

// offsetBlock is the distance in bytes between two stored counts.
const offsetBlock = 64

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
	cum := make([]int32, len(s)/offsetBlock+1)
	n := int32(0)
	for i := 0; i < len(s); i++ {
		if i%offsetBlock == 0 {
			cum[i/offsetBlock] = n
		}
		if s[i]&0xC0 != 0x80 {
			n++
		}
	}
	return offsets{s: s, cum: cum, n: int(n)}
}

// at returns the code point offset of byte offset b; an offset inside a
// multi-byte rune maps to that rune.
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
	if b >= len(o.s) {
		return o.n
	}
	k := b / offsetBlock
	n := int(o.cum[k])
	for i := k * offsetBlock; i < b; i++ {
		if o.s[i]&0xC0 != 0x80 {
			n++
		}
	}
	if o.s[b]&0xC0 == 0x80 {
		// inside a rune whose first byte was counted above
		n--
	}
	return n
}
