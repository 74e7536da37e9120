package analysis

import (
	_ "embed"
	"strings"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/analysis/quantity"

	"github.com/factgraph/factgraph/internal/domain"
)

//go:embed lexicon.txt
var lexiconText string

//go:embed gazetteer.tsv
var gazetteerText string

// cueWord is one inflected form of an attribution verb.
type cueWord struct {
	class   string // say, warn, confirm, deny, hedge, cite
	ing     bool   // an -ing form that adds a statement of its own
	amb     bool   // also a noun: needs a subject right before it
	that    bool   // needs a following "that"
	whether bool   // followed by whether/if it is an opinion, not a denial
	obj     map[string]bool
	isIng   bool
	evid    bool // only evidence speaks this way: "data showing"
	reply   bool // a reply verb: negated it is a non-response
}

// lexicon holds every word list the stages consult. It is built once by New
// and only read afterwards, which is what makes Analyze safe for concurrent
// use.
type lexicon struct {
	abbrevs      []string
	cues         map[string]cueWord
	aux          map[string]bool
	restating    map[string]bool
	hedges       map[string]bool
	figureHedges map[string]bool
	dismissals   map[string]bool
	roles        map[string]bool
	modifiers    map[string]bool
	groups       map[string]bool
	classes      map[string]bool
	orgWords     map[string]bool
	placeWords   map[string]bool
	titles       map[string]bool
	stopCaps     map[string]bool
	concepts     map[string]string
	// documents maps a document noun to who speaks through it when it
	// names no owner ("indictment" → "prosecution"), or to ""
	documents map[string]string
	// givenGender maps a given name to 'f' or 'm'
	givenGender map[string]byte
	// flags maps a lowercased word to its token flags (see fCue...)
	flags map[string]uint32
	// byteFlags are the flags annotate gives a one-byte ASCII token
	// (punctuation, "a", "I"), so those skip the map
	byteFlags [utf8.RuneSelf]uint32
}

// annotate sets the flags of every token from one look-up each. Words
// outside every list are remembered too (with fAnnotated only), so that
// the flags of a word are hashed once per article at most.
func (p *Pipeline) annotate(toks []token) {
	for i := range toks {
		if lw := toks[i].lower; len(lw) == 1 && lw[0] < utf8.RuneSelf {
			toks[i].flags = fAnnotated | p.lx.byteFlags[lw[0]]
			continue
		}
		f, ok := p.lx.flags[toks[i].lower]
		if !ok && toks[i].word {
			f = p.lx.numFlags(toks[i].lower)
		}
		toks[i].flags = fAnnotated | f
	}
}

// numFlags are the number flags of a word no list names, such as the
// parts of "one-third" or "three-month".
func (lx *lexicon) numFlags(w string) uint32 {
	if i := strings.IndexByte(w, '-'); i > 0 {
		var f uint32
		if quantity.StartWord(w[:i]) {
			f |= fNumStart
		}
		if quantity.AfterArticle(w[:i]) {
			f |= fNumAfterArt
		}
		return f
	}
	return 0
}

// mayHoldNumber reports whether the number recogniser can find anything in
// a sentence's tokens: a digit, a currency or fraction sign, or a word that
// can begin a number. Most sentences of news prose have none, and skipping
// them saves the recogniser's own tokenisation.
func mayHoldNumber(toks []token) bool {
	for i := range toks {
		if hasNumberByte(toks[i].text) {
			return true
		}
	}
	return wordsMayHoldNumber(toks)
}

// mayHoldNumberIn is mayHoldNumber for the tokens of text. The tokens cover
// every byte of text but white space, so digits and number signs are
// sought in one pass over text instead of token by token.
func mayHoldNumberIn(text string, toks []token) bool {
	return hasNumberByte(text) || wordsMayHoldNumber(toks)
}

// wordsMayHoldNumber is the part of mayHoldNumber that looks at whole
// tokens: number words, "a" before a number word, and signs such as
// fractions.
func wordsMayHoldNumber(toks []token) bool {
	for i := range toks {
		t := &toks[i]
		if t.flags&fNumStart != 0 {
			return true
		}
		if (t.lower == "a" || t.lower == "an") && i+1 < len(toks) && toks[i+1].flags&fNumAfterArt != 0 {
			return true
		}
		if !t.word && (t.text == "-" || (t.text[0] >= 0x80 && !isQuoteOrDash(t.text))) {
			return true
		}
	}
	return false
}

// numberBytes marks the bytes that make a sentence worth the number
// recogniser's time: digits and the signs that go with numbers.
var numberBytes = func() (t [256]bool) {
	for c := '0'; c <= '9'; c++ {
		t[c] = true
	}
	for _, c := range "$%~<>=+" {
		t[c] = true
	}
	return t
}()

// hasNumberByte reports whether s holds a digit or a number sign.
func hasNumberByte(s string) bool {
	for i := 0; i < len(s); i++ {
		if numberBytes[s[i]] {
			return true
		}
	}
	return false
}

func isQuoteOrDash(s string) bool {
	switch s {
	case "\u201c", "\u201d", "\u2018", "\u2019", "\u2014", "\u00ab", "\u00bb":
		return true
	}
	return false
}

func (lx *lexicon) buildFlags(g *gazetteer, fl *frameLexicon) {
	lx.flags = map[string]uint32{}
	set := func(w string, f uint32) { lx.flags[w] |= f }
	for _, ws := range []struct {
		m map[string]bool
		f uint32
	}{{lx.roles, fRole}, {lx.modifiers, fModifier}, {lx.groups, fGroup}, {lx.classes, fClass}, {lx.titles, fTitle},
		{lx.stopCaps, fStopCap}, {lx.orgWords, fOrgWord}, {lx.placeWords, fPlaceWord}} {
		for w := range ws.m {
			set(w, ws.f)
		}
	}
	for w := range lx.cues {
		set(w, fCue)
	}
	for w := range lx.documents {
		set(w, fDocument)
	}
	for _, w := range []string{"according", "criticism", "condemnation", "praise", "stood", "stand", "stands", "standing"} {
		set(w, fCue)
	}
	for w := range g.firstTok {
		set(w, fGazFirst)
	}
	for w := range lx.hedges {
		set(w, fHedge|fSignal)
	}
	for w := range lx.figureHedges {
		set(w, fSignal)
	}
	for w := range lx.dismissals {
		set(w, fSignal)
	}
	for w := range labelDismissals {
		set(w, fSignal)
	}
	for w := range confirmWords {
		set(w, fSignal)
	}
	for _, w := range []string{"unconfirmed", "unverified", "confirmation", "confidence", "could", "may", "might", "thought", "if", "fake", "show", "shows", "showed", "showing",
		"evidence", "happen", "happened", "occur", "occurred", "exist", "exists", "true", "accurate", "correct", "comment", "discuss",
		"name", "prove", "establish", "identify", "substantiate", "records", "proof", "borne", "bore", "bears",
		"inflated", "exaggerated", "overstated", "padded", "wrong", "inaccurate", "incorrect", "misleading", "unrealistic", "speculative", "overblown", "accepted", "accepts", "accept", "part", "role", "nothing", "verifying", "checking", "assessing", "decision", "considering"} {
		set(w, fSignal)
	}
	for w := range undecided {
		set(w, fSignal)
	}
	for w := range lx.concepts {
		set(w, fConcept)
	}
	for w := range lx.aux {
		set(w, fAux)
	}
	// number starters: every listed word gets its number flags here, so
	// annotate needs the recogniser's lists only for unlisted words
	for w, f := range lx.flags {
		lx.flags[w] = f | lx.numFlags(w)
		if quantity.StartWord(w) {
			lx.flags[w] |= fNumStart
		}
		if quantity.AfterArticle(w) {
			lx.flags[w] |= fNumAfterArt
		}
	}
	for _, w := range quantity.StarterList() {
		if w != "a" && w != "an" {
			set(w, fNumStart)
		}
	}
	for _, w := range quantity.AfterArticleList() {
		set(w, fNumAfterArt)
	}
	// the package's own small word sets: a word that only they name gets
	// the number flags annotate would have given it, so that testing a
	// flag stays equivalent to looking the word up in its set
	for w := range lx.flags {
		lx.flags[w] |= fListed
	}
	for _, ws := range []struct {
		m map[string]bool
		f uint32
	}{{personRoles, fPersonRole}, {beForms, fBe}, {pronouns, fPronoun}, {nameParticles, fNameParticle},
		{sourceNouns, fSourceNoun}, {numberWords, fNumberWord}, {prepositions, fPreposition},
		{perfectAux, fPerfectAux}, {sourceAdjectives, fSourceAdj}, {notVerb, fNotVerb}, {clauseAux, fClauseAux}} {
		for w := range ws.m {
			if _, ok := lx.flags[w]; !ok {
				lx.flags[w] = lx.numFlags(w)
			}
			set(w, ws.f)
		}
	}
	// the frame stage's words, so that it looks up only the words that
	// may be in its lists
	for _, w := range fl.words() {
		if _, ok := lx.flags[w]; !ok {
			lx.flags[w] = lx.numFlags(w)
		}
		set(w, fFrame)
	}
	for c := range lx.byteFlags {
		w := string(rune(c))
		f, ok := lx.flags[w]
		if !ok && isWordRune(rune(c)) {
			f = lx.numFlags(w)
		}
		lx.byteFlags[c] = f
	}
}

func parseSections(text string) map[string][]string {
	out := map[string][]string{}
	cur := ""
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimRight(line, " \t\r")
		if strings.TrimSpace(line) == "" {
			continue
		}
		if strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]") {
			cur = line[1 : len(line)-1]
			continue
		}
		out[cur] = append(out[cur], line)
	}
	return out
}

func wordSet(lines []string) map[string]bool {
	m := map[string]bool{}
	for _, l := range lines {
		for _, w := range strings.Fields(l) {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}

func loadLexicon() *lexicon {
	s := parseSections(lexiconText)
	lx := &lexicon{
		cues:         map[string]cueWord{},
		aux:          wordSet(s["auxiliaries"]),
		restating:    wordSet(s["restating"]),
		hedges:       wordSet(s["hedges"]),
		figureHedges: wordSet(s["figurehedges"]),
		dismissals:   wordSet(s["dismissals"]),
		roles:        wordSet(s["roles"]),
		modifiers:    wordSet(s["modifiers"]),
		groups:       wordSet(s["groups"]),
		classes:      wordSet(s["classes"]),
		orgWords:     wordSet(s["orgwords"]),
		placeWords:   wordSet(s["placewords"]),
		titles:       wordSet(s["titles"]),
		stopCaps:     wordSet(s["stopcaps"]),
		givenGender:  map[string]byte{},
	}
	for _, sec := range []struct {
		name string
		g    byte
	}{{"femalenames", 'f'}, {"malenames", 'm'}} {
		for w := range wordSet(s[sec.name]) {
			if lx.givenGender[w] != 0 && lx.givenGender[w] != sec.g {
				delete(lx.givenGender, w) // used for both: left unknown
				continue
			}
			lx.givenGender[w] = sec.g
		}
	}
	lx.documents = map[string]string{}
	for _, l := range s["documents"] {
		author, words, ok := strings.Cut(l, "\t")
		if !ok {
			continue
		}
		if author == "-" {
			author = ""
		}
		for _, w := range strings.Fields(words) {
			lx.documents[w] = author
		}
	}
	lx.concepts = map[string]string{}
	for _, l := range s["concepts"] {
		c, words, ok := strings.Cut(l, "\t")
		if !ok {
			continue
		}
		for _, w := range strings.Fields(words) {
			lx.concepts[w] = c
		}
	}
	for _, l := range s["abbreviations"] {
		lx.abbrevs = append(lx.abbrevs, strings.Fields(l)...)
	}
	for _, l := range s["cues"] {
		parts := strings.Split(l, "\t")
		if len(parts) != 3 {
			continue
		}
		cw := cueWord{class: parts[0]}
		for _, f := range strings.Split(parts[1], ",") {
			switch {
			case f == "ing":
				cw.ing = true
			case f == "amb":
				cw.amb = true
			case f == "that":
				cw.that = true
			case f == "whether":
				cw.whether = true
			case f == "evid":
				cw.evid = true
			case strings.HasPrefix(f, "obj="):
				cw.obj = wordSet([]string{strings.ReplaceAll(f[4:], "|", " ")})
			}
		}
		for _, w := range strings.Fields(parts[2]) {
			c := cw
			c.isIng = strings.HasSuffix(w, "ing")
			c.reply = strings.HasPrefix(w, "repl") || strings.HasPrefix(w, "respond") || strings.HasPrefix(w, "mention")
			if _, dup := lx.cues[w]; !dup {
				lx.cues[w] = c
			}
		}
	}
	return lx
}

// gazEntry is one known entity: a country, an organisation or a named
// collective, with the other names it goes by.
type gazEntry struct {
	kind      domain.EntityKind
	name      string
	lname     string // name lowercased
	lcountry  string // country lowercased
	aliases   []string
	demonyms  []string
	country   string
	classes   []string
	role      string
	phraseKey []string
}

// gazetteer indexes known entities by the lowercased token sequence of each
// of their names, so mentions are found by longest match over tokens.
type gazetteer struct {
	entries []*gazEntry
	byName  map[string]*gazEntry
	// phrases maps a lowercased, space-joined token sequence to the entry
	// and whether it is a demonym.
	phrases   map[string]gazPhrase
	maxTokens int
	// firstTok maps the first token of every phrase to the longest phrase
	// length starting with it, so most tokens are rejected with one look-up.
	firstTok map[string]int
	// second holds, per first token, the second tokens of the longer
	// phrases starting with it ("the" -> west, north, ...), so a common
	// first word costs one more look-up instead of one per length
	second map[string]map[string]bool
	// countryRole finds e.g. the intelligence agency of a country.
	countryRole map[string]*gazEntry
}

type gazPhrase struct {
	e       *gazEntry
	demonym bool
	exact   string  // the form as listed, to check capitalisation
	toks    []token // exact, tokenized once
}

func phraseKey(s string) string {
	toks := tokenize(s, 0)
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.lower
	}
	return strings.Join(parts, " ")
}

func loadGazetteer() *gazetteer {
	g := &gazetteer{byName: map[string]*gazEntry{}, phrases: map[string]gazPhrase{}, countryRole: map[string]*gazEntry{}, firstTok: map[string]int{}, second: map[string]map[string]bool{}}
	for _, line := range strings.Split(gazetteerText, "\n") {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		cols := strings.Split(line, "\t")
		for len(cols) < 5 {
			cols = append(cols, "")
		}
		e := &gazEntry{kind: domain.EntityKind(cols[0]), name: cols[1]}
		e.aliases = splitList(cols[2])
		e.demonyms = splitList(cols[3])
		for _, kv := range strings.Split(cols[4], ";") {
			k, v, ok := strings.Cut(kv, "=")
			if !ok {
				continue
			}
			switch k {
			case "country":
				e.country = v
			case "class":
				e.classes = splitList(v)
			case "role":
				e.role = v
			}
		}
		e.lname, e.lcountry = strings.ToLower(e.name), strings.ToLower(e.country)
		g.entries = append(g.entries, e)
		g.byName[e.lname] = e
		add := func(s string, dem bool) {
			k := phraseKey(s)
			if k == "" {
				return
			}
			if old, ok := g.phrases[k]; ok && !old.demonym && dem {
				return
			}
			et := tokenize(s, 0)
			g.phrases[k] = gazPhrase{e: e, demonym: dem, exact: s, toks: et}
			n := len(et)
			if n > g.maxTokens {
				g.maxTokens = n
			}
			if n > g.firstTok[et[0].lower] {
				g.firstTok[et[0].lower] = n
			}
			if n >= 2 {
				if g.second[et[0].lower] == nil {
					g.second[et[0].lower] = map[string]bool{}
				}
				g.second[et[0].lower][et[1].lower] = true
			}
		}
		add(e.name, false)
		for _, a := range e.aliases {
			add(a, false)
		}
		for _, d := range e.demonyms {
			add(d, true)
		}
		if e.country != "" && e.role != "" {
			g.countryRole[e.lcountry+"|"+e.role] = e
		}
	}
	return g
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
