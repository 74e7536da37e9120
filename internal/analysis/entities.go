package analysis

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/domain"
)

// entity is an entity as found in one article, with everything the later
// stages need to resolve "he", "the ministry" or "the Russian leader" to it.
type entity struct {
	name     string
	kind     domain.EntityKind
	aliases  []string
	mentions []span
	country  string          // canonical country it belongs to, if known
	classes  map[string]bool // organisation types: ministry, agency, newspaper...
	descr    map[string]bool // lowercased words of its titles and descriptions
	quals    map[string]bool // lowercased canonical names of countries/organisations in its titles
	lastPos  int             // byte offset of the latest mention
	spoke    bool
	gaz      bool     // from the gazetteer
	fields   []string // lowercased words of the name
	lname    string   // lowercased name
	words    []string // lowercased words of the name and aliases
	// gender is 'm' or 'f' when a title or role says so ("Ms Rourke",
	// "the spokeswoman"), 0 when unknown; "he" and "she" skip a person
	// of the other gender
	gender byte
}

// genderWords are the titles and role nouns that say whether a person is
// a man or a woman.
var genderWords = map[string]byte{"mr": 'm', "mr.": 'm', "sir": 'm', "lord": 'm', "king": 'm', "prince": 'm', "spokesman": 'm', "chairman": 'm',
	"businessman": 'm', "congressman": 'm', "councilman": 'm', "policeman": 'm', "fireman": 'm', "father": 'm', "husband": 'm', "son": 'm',
	"brother": 'm', "emir": 'm', "sheikh": 'm',
	"ms": 'f', "ms.": 'f', "mrs": 'f', "mrs.": 'f', "miss": 'f', "madam": 'f', "dame": 'f', "lady": 'f', "queen": 'f', "princess": 'f',
	"spokeswoman": 'f', "chairwoman": 'f', "businesswoman": 'f', "congresswoman": 'f', "councilwoman": 'f', "policewoman": 'f',
	"actress": 'f', "mother": 'f', "wife": 'f', "daughter": 'f', "sister": 'f', "widow": 'f', "grandmother": 'f'}

// noteGender records the gender that a person's titles or apposition
// state: the words before the name and up to the next comma after it.
func (a *article) noteGender(e int, toks []token, from, to int) {
	if e < 0 || a.ents.list[e].kind != domain.KindPerson {
		return
	}
	end := to
	if end < len(toks) && toks[end].text == "," {
		for end = to + 1; end < len(toks) && end < to+8 && toks[end].text != "," && toks[end].text != "."; end++ {
		}
	}
	for x := from; x < end && x < len(toks); x++ {
		if g := genderWords[toks[x].lower]; g != 0 {
			a.ents.list[e].gender = g
			return
		}
	}
	// the given name: "Fiona Rourke", "Declan Moriarty"
	if a.ents.list[e].gender == 0 {
		if f := a.ents.list[e].fields; len(f) >= 2 {
			a.ents.list[e].gender = a.p.lx.givenGender[f[0]]
		}
	}
}

// hasWord reports whether w is a word of the entity's name or aliases.
func (e *entity) hasWord(w string) bool {
	for _, x := range e.words {
		if x == w {
			return true
		}
	}
	return false
}

// span is a half-open byte range into the body.
type span struct{ start, end int }

// entityStore is the article's list of entities. Index order is the order in
// which they were first found, which is also the order of the output.
type entityStore struct {
	list  []*entity
	index map[string]int // lowercased name to position in list
	byGaz map[*gazEntry]int
	acr   map[string]int // acronyms given in brackets after a name
	// pool is where entities are carved from (nil: one by one)
	pool *chunks[entity]
}

func (st *entityStore) byName(name string) int {
	// names are added only when no entity has the same lowercase name, so
	// the lowercase index finds every name as written too
	if i, ok := lookupLower(st.index, name); ok {
		return i
	}
	return -1
}

// lookupLower is m[strings.ToLower(s)] without allocating the lowercase
// form of a short ASCII key.
func lookupLower[V any](m map[string]V, s string) (V, bool) {
	var buf [64]byte
	if len(s) <= len(buf) && isASCII(s) {
		b := buf[:len(s)]
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		v, ok := m[string(b)]
		return v, ok
	}
	v, ok := m[strings.ToLower(s)]
	return v, ok
}

// setAdd adds w to a set, creating the set on first use: most entities
// never need most of their sets.
func setAdd(m *map[string]bool, w string) {
	if *m == nil {
		*m = map[string]bool{}
	}
	(*m)[w] = true
}

// add returns the index of the entity called name, creating it if needed.
func (st *entityStore) add(name string, kind domain.EntityKind) int {
	if i := st.byName(name); i >= 0 {
		return i
	}
	var e *entity
	if st.pool != nil {
		e = st.pool.used()
	} else {
		e = new(entity)
	}
	// the sets of an entity of an earlier article are emptied and kept
	cl, de, qu := e.classes, e.descr, e.quals
	clear(cl)
	clear(de)
	clear(qu)
	*e = entity{name: name, kind: kind, lastPos: -1, classes: cl, descr: de, quals: qu}
	if isASCII(name) {
		// for ASCII text normWord is strings.ToLower, and the fields are
		// cut from it in place
		e.lname = normWord(name)
		e.fields = asciiFields(e.lname)
	} else {
		e.lname = strings.ToLower(name)
		e.fields = strings.Fields(normWord(name))
	}
	// the words start as the fields; the capacity limit makes the first
	// alias word copy them rather than write into the fields
	e.words = e.fields[:len(e.fields):len(e.fields)]
	st.list = append(st.list, e)
	if st.index == nil {
		st.index = make(map[string]int, 16)
	}
	st.index[e.lname] = len(st.list) - 1
	return len(st.list) - 1
}

func (st *entityStore) alias(i int, a string) {
	a = strings.TrimSpace(a)
	if i < 0 || a == "" {
		return
	}
	e := st.list[i]
	if strings.EqualFold(a, e.name) {
		return
	}
	for _, x := range e.aliases {
		if x == a {
			return
		}
	}
	e.aliases = append(e.aliases, a)
	if sp := strings.LastIndexByte(a, ' '); sp > 0 && corporateSuffix[strings.ToLower(a[sp+1:])] {
		// "Norvane Therapeutics Inc" is also written with its period
		e.aliases = append(e.aliases, a+".")
	}
	w := normWord(a)
	if !isASCII(w) {
		for _, f := range strings.Fields(w) {
			if !e.hasWord(f) {
				e.words = append(e.words, f)
			}
		}
		return
	}
	// strings.Fields for ASCII text, without building the slice
	for i := 0; i < len(w); {
		for i < len(w) && asciiSpace(w[i]) {
			i++
		}
		j := i
		for j < len(w) && !asciiSpace(w[j]) {
			j++
		}
		if f := w[i:j]; f != "" && !e.hasWord(f) {
			e.words = append(e.words, f)
		}
		i = j
	}
}

// asciiFields is strings.Fields for ASCII text, with one allocation.
func asciiFields(w string) []string {
	n := 0
	for i := 0; i < len(w); i++ {
		if !asciiSpace(w[i]) && (i == 0 || asciiSpace(w[i-1])) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	out := make([]string, 0, n)
	for i := 0; i < len(w); {
		for i < len(w) && asciiSpace(w[i]) {
			i++
		}
		j := i
		for j < len(w) && !asciiSpace(w[j]) {
			j++
		}
		if j > i {
			out = append(out, w[i:j])
		}
		i = j
	}
	return out
}

// asciiSpace reports whether c is ASCII white space as unicode.IsSpace
// sees it.
func asciiSpace(c byte) bool {
	return c == ' ' || (c >= '\t' && c <= '\r')
}

func (st *entityStore) mention(i int, sp span) {
	if i < 0 {
		return
	}
	e := st.list[i]
	for _, m := range e.mentions {
		if m == sp {
			return
		}
	}
	e.mentions = append(e.mentions, sp)
	if sp.start > e.lastPos {
		e.lastPos = sp.start
	}
}

// describe records the words of a title or description for later definite
// descriptions ("the Ukrainian president").
func (st *entityStore) describe(i int, toks []token, g *gazetteer) {
	if i < 0 {
		return
	}
	e := st.list[i]
	for k := 0; k < len(toks); k++ {
		t := toks[k]
		if !t.word {
			continue
		}
		if n, ph, ok := g.match(toks, k); ok {
			setAdd(&e.quals, ph.e.lname)
			for _, x := range toks[k : k+n] {
				setAdd(&e.descr, x.lower)
			}
			k += n - 1
			continue
		}
		setAdd(&e.descr, strings.TrimSuffix(t.lower, "'s"))
	}
}

// mention kinds found in a sentence
const (
	mGaz     = iota // a known entity by name or alias
	mDemonym        // a demonym: an adjective pointing at a country
	mName           // a capitalised name not in the gazetteer
)

// mention is a stretch of tokens naming something.
type mention struct {
	i, j  int // token range [i, j)
	kind  int
	gaz   *gazEntry
	title int // for names: tokens [i, title) are a title before the name
}

// match finds the longest gazetteer phrase starting at toks[k]. The
// stages ask about the same tokens again and again, so the answer is kept
// in the token: an answer found with room for lim tokens holds for any
// smaller room that still fits the phrase found.
func (g *gazetteer) match(toks []token, k int) (int, gazPhrase, bool) {
	if k >= len(toks) {
		return 0, gazPhrase{}, false
	}
	t := &toks[k]
	if f := t.flags; f&fAnnotated != 0 && f&fGazFirst == 0 {
		return 0, gazPhrase{}, false
	}
	lim := min(len(toks)-k, g.maxTokens)
	if lim <= int(t.gzLim) && int(t.gzN) <= lim {
		if t.gzN == 0 {
			return 0, gazPhrase{}, false
		}
		n := int(t.gzN)
		var buf [128]byte
		key := buf[:0]
		for x := k; x < k+n; x++ {
			if x > k {
				key = append(key, ' ')
			}
			key = append(key, toks[x].lower...)
		}
		return n, g.phrases[string(key)], true
	}
	n, ph, ok := g.lookup(toks, k)
	if lim > int(t.gzLim) && g.maxTokens <= maxGazMemo {
		t.gzLim, t.gzN = int8(lim), int8(n)
	}
	return n, ph, ok
}

// maxGazMemo is the longest phrase length a token can remember.
const maxGazMemo = 127

// lookup is match without the memory.
func (g *gazetteer) lookup(toks []token, k int) (int, gazPhrase, bool) {
	max, ok := g.firstTok[toks[k].lower]
	if !ok {
		return 0, gazPhrase{}, false
	}
	if len(toks)-k < max {
		max = len(toks) - k
	}
	if max >= 2 && !g.second[toks[k].lower][toks[k+1].lower] {
		max = 1
	}
	var buf [128]byte
	for n := max; n >= 1; n-- {
		key := buf[:0]
		for x := 0; x < n; x++ {
			if x > 0 {
				key = append(key, ' ')
			}
			key = append(key, toks[k+x].lower...)
		}
		ph, ok := g.phrases[string(key)]
		if !ok {
			continue
		}
		if !caseFits(ph.toks, toks[k:k+n]) {
			continue
		}
		return n, ph, true
	}
	return 0, gazPhrase{}, false
}

// caseFits checks that capitalised words of a listed name are capitalised in
// the text, and that all-capital abbreviations ("US", "WHO") match exactly,
// so that the pronoun "us" or the word "who" are never taken for them.
func caseFits(et []token, toks []token) bool {
	if len(et) != len(toks) {
		return false
	}
	for x := range et {
		e, t := et[x].text, toks[x].text
		if len(e) <= 5 && isAllCaps(e) {
			if e != t {
				return false
			}
			continue
		}
		if et[x].cap && !toks[x].cap {
			return false
		}
	}
	return true
}

func isAllCaps(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n > 0
}

// nameToken reports whether t can be part of a capitalised name.
func nameToken(t token) bool {
	return t.word && (t.cap || capAfterHyphen(t.text))
}

// capAfterHyphen reports whether a lower-case word continues with a
// capital after a hyphen: particles of names written in lower case
// ("el-Drese").
func capAfterHyphen(s string) bool {
	if i := strings.IndexByte(s, '-'); i > 0 && i+1 < len(s) {
		r, _ := utf8.DecodeRuneInString(s[i+1:])
		return unicode.IsUpper(r)
	}
	return false
}

var nameParticles = map[string]bool{"de": true, "da": true, "del": true, "van": true, "von": true, "der": true, "bin": true, "al": true, "la": true, "du": true,
	"do": true, "dos": true, "das": true, "di": true, "della": true, "des": true, "los": true, "las": true}

// findMentions appends to out the gazetteer names, demonyms and
// capitalised names of a sentence.
func (p *Pipeline) findMentions(out []mention, toks []token) []mention {
	for k := 0; k < len(toks); {
		t := toks[k]
		if !t.word {
			k++
			continue
		}
		// capitalised run starting here
		if nameToken(t) && !(t.is(fStopCap) && t.cap && !p.startsKnown(toks, k) && !weekdayName(toks, k, p)) {
			end := k
			for end < len(toks) {
				if nameToken(toks[end]) {
					end++
					continue
				}
				// "Karen Holt of Victoria Police": a person and the body
				// they belong to are two names
				if toks[end].lower == "of" && p.personBeforeOf(toks, k, end) {
					break
				}
				// "Armed Forces of the Philippines": an organisation's "of
				// the" complement
				if toks[end].lower == "of" && end > k && end+2 < len(toks) && toks[end+1].lower == "the" && nameToken(toks[end+2]) && p.hasOrgWord(toks[k:end]) {
					end += 2
					continue
				}
				if (toks[end].lower == "of" || toks[end].lower == "for" || toks[end].lower == "the" || toks[end].is(fNameParticle)) && end+1 < len(toks) && nameToken(toks[end+1]) && end > k && !(toks[end].lower == "the" && toks[end-1].lower == "of" && !p.hasOrgWord(toks[k:end-1])) {
					end++
					continue
				}
				// "Aurora de los Santos": two particles in a row
				if toks[end].is(fNameParticle) && end > k && end+2 < len(toks) && toks[end+1].is(fNameParticle) && nameToken(toks[end+2]) {
					end += 2
					continue
				}
				if (toks[end].lower == "and" || toks[end].text == "&") && end > k && p.andInsideName(toks, k, end) {
					end++
					continue
				}
				// "Health Workers' Union": a plural possessive inside a
				// name
				if toks[end].lower == "'" && end > k && toks[end].start == toks[end-1].end &&
					strings.HasSuffix(toks[end-1].lower, "s") && end+1 < len(toks) && nameToken(toks[end+1]) {
					end++
					continue
				}
				break
			}
			// "Food and Drug products Safety Agency (FDPSA)": a name whose
			// bracketed initials show it runs on over lowercase words
			if x := acronymNameEnd(toks, k); x > end {
				end = x
			}
			// a listed name longer than the capitalised run: "UN refugee
			// agency", "United Nations Children's Fund"
			if n, ph, ok := p.gz.match(toks, k); ok && k+n > end {
				kind := mGaz
				if ph.demonym {
					kind = mDemonym
				}
				out = append(out, mention{i: k, j: k + n, kind: kind, gaz: ph.e})
				k += n
				continue
			}
			out = p.splitRun(out, toks, k, end)
			k = end
			continue
		}
		if n, ph, ok := p.gz.match(toks, k); ok {
			kind := mGaz
			if ph.demonym {
				kind = mDemonym
			}
			out = append(out, mention{i: k, j: k + n, kind: kind, gaz: ph.e})
			k += n
			continue
		}
		k++
	}
	return out
}

// weekdayName reports whether the weekday at toks[k] opens an organisation's
// name ("the Sunday Ledger", "Monday Group") rather than dating a sentence.
func weekdayName(toks []token, k int, p *Pipeline) bool {
	switch toks[k].lower {
	case "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday":
	default:
		return false
	}
	e := k + 1
	for e < len(toks) && e < k+4 && nameToken(toks[e]) {
		e++
	}
	return e > k+1 && p.hasOrgWord(toks[k+1:e])
}

// andInsideName reports whether the "and" at toks[x] joins two halves of
// one organisation name ("Fisheries and Oceans Agency", "Federation of
// Bakers and Millers Unions") rather than two names: the words after it
// form a capitalised run with an organisation word that is not a known
// name of its own, and the words before it are not yet a complete
// organisation name (or end in an "of" complement).
func (p *Pipeline) andInsideName(toks []token, k, x int) bool {
	if x+1 >= len(toks) || !nameToken(toks[x+1]) || !toks[x+1].cap {
		return false
	}
	if toks[x].text == "&" {
		return true // "Halvorsen & Tait": an ampersand joins one name
	}
	if _, _, ok := p.gz.match(toks, x+1); ok {
		return false
	}
	r := x + 1
	for r < len(toks) && (nameToken(toks[r]) || ((toks[r].lower == "of" || toks[r].lower == "for") && r+1 < len(toks) && nameToken(toks[r+1]))) {
		r++
	}
	left := toks[k:x]
	// "Institute of Civil Defence and Disaster Relief": the "and" sits in
	// the complement of an organisation word
	for i := range left {
		t := &left[i]
		if (t.lower == "of" || t.lower == "for") && i > 0 && p.hasOrgWord(left[:i]) {
			return r-(x+1) >= 2 || p.hasOrgWord(toks[x+1:r])
		}
	}
	return p.hasOrgWord(toks[x+1:r]) && !p.hasOrgWord(left)
}

// personBeforeOf reports whether the capitalised run toks[k:x], ending
// before "of" at x, is a titled personal name and what follows "of" is an
// organisation ("Detective Superintendent Karen Holt of Victoria Police").
func (p *Pipeline) personBeforeOf(toks []token, k, x int) bool {
	if p.hasOrgWord(toks[k:x]) {
		return false
	}
	names, titled := 0, false
	for i := k; i < x; i++ {
		if toks[i].is(fTitle) && names == 0 {
			titled = true
			continue
		}
		names++
	}
	// untitled, a name needs two to three words and no listed name in it
	// ("Daniel Fourie of Highveld Securities", not "United States of ...")
	if names < 2 || names > 4 || !titled && (names > 3 || p.startsKnown(toks, k) || toks[k].is(fStopCap)) {
		return false
	}
	r := x + 1
	if r < len(toks) && toks[r].lower == "the" {
		r++
	}
	e := r
	for e < len(toks) && nameToken(toks[e]) {
		e++
	}
	// "of Highveld Securities", "of the MCHA": an organisation word or
	// an acronym; after a known given name ("Ruslan Kim of Esil Agro
	// Trade") whatever is named is the person's affiliation or home
	if e > r && !titled && names <= 3 && p.lx.givenGender[toks[k].lower] != 0 {
		return true
	}
	return e > r && (p.hasOrgWord(toks[r:e]) || e == r+1 && len(toks[r].text) >= 2 && isAllCaps(toks[r].text))
}

func (p *Pipeline) startsKnown(toks []token, k int) bool {
	_, _, ok := p.gz.match(toks, k)
	return ok
}

// splitRun divides a run of capitalised tokens into known names, demonyms,
// titles and an unknown name, appended to out.
func (p *Pipeline) splitRun(out []mention, toks []token, k, end int) []mention {
	// "Fair Skies Australia", "Jetstar Japan": unknown names before a
	// country at the end of the run make one organisation's name
	if end-k >= 3 || (end-k == 2 && !toks[k].is(fTitle)) {
		for y := k + 1; y < end; y++ {
			n, ph, ok := p.gz.match(toks[:end], y)
			if !ok {
				continue
			}
			if y+n == end && !ph.demonym && ph.e.kind == domain.KindCountry && p.unknownNames(toks, k, y) {
				return append(out, mention{i: k, j: end, kind: mName, title: k})
			}
			break
		}
	}
	// a run containing an organisation word is one organisation name, unless
	// the whole run is known.
	for x := k; x < end; {
		if n, ph, ok := p.gz.match(toks[:end], x); ok {
			// prefer the whole rest as a name when it continues with an
			// organisation word ("Libyan Red Crescent")
			if ph.demonym || ph.e.kind == domain.KindCountry {
				rest := end
				if x+n < rest && p.hasOrgWord(toks[x+n:rest]) && !p.gzCovers(toks, x+n, rest) {
					out = append(out, mention{i: x, j: rest, kind: mName, title: x})
					return out
				}
			}
			kind := mGaz
			if ph.demonym {
				kind = mDemonym
			}
			out = append(out, mention{i: x, j: x + n, kind: kind, gaz: ph.e})
			x += n
			continue
		}
		// unknown stretch up to the next known phrase
		y := x + 1
		for y < end {
			if _, _, ok := p.gz.match(toks[:end], y); ok && !(toks[y-1].lower == "of") && !(toks[y-1].lower == "the" && y >= 2 && toks[y-2].lower == "of" && p.hasOrgWord(toks[x:y])) {
				break
			}
			y++
		}
		// drop stop words at the start of the stretch
		for x < y && toks[x].is(fStopCap) && !weekdayName(toks, x, p) {
			x++
		}
		if x < y {
			m := mention{i: x, j: y, kind: mName, title: x}
			// the name follows the last title word: "Transport Minister Ana Reis"
			if !p.hasOrgWord(toks[x:y]) {
				for t := y - 2; t >= x; t-- {
					if (toks[t].is(fTitle) || ((toks[t].is(fPersonRole) || roleSuffix(toks[t].lower)) && t == x && y-t >= 3)) && toks[t].lower != "of" && toks[t].lower != "state" || (toks[t].lower == "state" && t > x && toks[t-1].lower == "of") {
						m.title = t + 1
						break
					}
				}
			}
			// a title made of title words ("Secretary General", "Attorney
			// General") names a role, not a person called "General"
			if m.title > x && m.title < y && allFlagged(toks[m.title:y], fTitle) {
				m.title = y
			}
			if m.title == y { // only titles: no name
				m.title = x
			}
			out = append(out, m)
		}
		x = y
	}
	return out
}

func (p *Pipeline) gzCovers(toks []token, a, b int) bool {
	n, _, ok := p.gz.match(toks[:b], a)
	return ok && a+n == b
}

func (p *Pipeline) hasOrgWord(toks []token) bool { return anyFlagged(toks, fOrgWord) }

func (p *Pipeline) hasPlaceWord(toks []token) bool { return anyFlagged(toks, fPlaceWord) }

// allFlagged reports whether every one of toks carries flag f.
func allFlagged(toks []token, f uint32) bool {
	for ti := range toks {
		if !toks[ti].is(f) {
			return false
		}
	}
	return true
}

// anyFlagged reports whether any of toks carries flag f.
func anyFlagged(toks []token, f uint32) bool {
	for ti := range toks {
		if toks[ti].is(f) {
			return true
		}
	}
	return false
}

// textOf returns the body text covering toks[i:j].
func textOf(body string, toks []token, i, j int) string {
	if i >= j {
		return ""
	}
	return body[toks[i].start:toks[j-1].end]
}

// registerMentions turns the mentions of one sentence into entities: known
// names always, capitalised names when a title or an apposition shows what
// they are. It returns, per mention, the entity index or -1.
func (a *article) registerMentions(toks []token, ms []mention) []int {
	p := a.p
	idx := a.menEnt[:0]
	if cap(idx) < len(ms) {
		idx = make([]int, len(ms), 2*len(ms))
	}
	idx = idx[:len(ms)]
	a.menEnt = idx
	for mi, m := range ms {
		idx[mi] = -1
		switch m.kind {
		case mGaz:
			e := a.fromGaz(m.gaz)
			a.ents.mention(e, span{toks[m.i].start, toks[m.j-1].end})
			a.ents.alias(e, textOf(a.body, toks, m.i, m.j))
			idx[mi] = e
		case mName:
			name := toks[m.title:m.j]
			if p.hasOrgWord(name) {
				if p.hasPlaceWord(name[len(name)-1:]) && !name[len(name)-1].is(fOrgWord) {
					continue
				}
				text := textOf(a.body, toks, m.i, m.j)
				// "Greece's Health Ministry" is the Greek Health Ministry
				if mi > 0 && (ms[mi-1].kind == mGaz || ms[mi-1].kind == mDemonym) && ms[mi-1].gaz.kind == domain.KindCountry {
					gap := m.i - ms[mi-1].j
					if gap == 0 || (gap == 1 && toks[m.i-1].lower == "'s") {
						dem := ms[mi-1].gaz.name
						if len(ms[mi-1].gaz.demonyms) > 0 {
							dem = ms[mi-1].gaz.demonyms[0]
						}
						if !strings.HasPrefix(text, dem+" ") {
							e := a.orgByName(dem + " " + text)
							a.ents.alias(e, textOf(a.body, toks, ms[mi-1].i, m.j))
							a.ents.list[e].country = ms[mi-1].gaz.name
							a.ents.mention(e, span{toks[m.i].start, toks[m.j-1].end})
							a.acronym(e, toks, m.j)
							idx[mi] = e
							continue
						}
					}
				}
				e := a.orgByName(text)
				a.ents.mention(e, span{toks[m.i].start, toks[m.j-1].end})
				a.acronym(e, toks, m.j)
				idx[mi] = e
				continue
			}
			if p.hasPlaceWord(name) {
				continue
			}
			// "the governor of West Java": the name after "of" is what the
			// title governs, not its holder
			titled := m.title > m.i || (a.titleBefore(toks, ms, mi) && !(m.i > 0 && toks[m.i-1].lower == "of" && len(name) >= 2))
			apposed := a.apposition(toks, m.j)
			if e := a.knownPerson(name); e >= 0 {
				a.ents.mention(e, span{toks[m.i].start, toks[m.j-1].end})
				a.ents.alias(e, a.withTitle(toks, ms, mi))
				a.noteGender(e, toks, a.titleStart(toks, ms, mi), m.j)
				idx[mi] = e
				continue
			}
			// "Daniel Fourie of Highveld Securities": a name with an
			// organisation after "of" is its member
			affiliated := m.j < len(toks) && toks[m.j].lower == "of" && a.p.personBeforeOf(toks, m.i, m.j)
			name = trimPostNominal(name)
			if len(name) >= 2 && len(name) <= 4 && (titled || apposed == "person" || affiliated) && !isAllCaps(name[0].text) {
				e := a.ents.add(textOf(a.body, name, 0, len(name)), domain.KindPerson)
				a.ents.mention(e, span{toks[m.i].start, toks[m.j-1].end})
				full := a.withTitle(toks, ms, mi)
				a.ents.alias(e, full)
				a.ents.alias(e, name[len(name)-1].text)
				a.describePerson(e, toks, ms, mi)
				a.noteGender(e, toks, a.titleStart(toks, ms, mi), m.j)
				idx[mi] = e
				continue
			}
			if len(name) == 1 && (titled || (apposed == "person" && !a.p.hasOrgWord(name) && !isAllCaps(name[0].text))) {
				// "President Biden", "Mr Biden", "Haddad, the oncologist," for
				// someone not yet named in full
				e := a.ents.add(name[0].text, domain.KindPerson)
				a.ents.mention(e, span{toks[m.i].start, toks[m.j-1].end})
				a.ents.alias(e, a.withTitle(toks, ms, mi))
				a.describePerson(e, toks, ms, mi)
				a.noteGender(e, toks, a.titleStart(toks, ms, mi), m.j)
				idx[mi] = e
			}
		}
	}
	return idx
}

// acronym records "(ABC)" right after an organisation's name as another
// name for it, so that a later "ABC said" finds it.
func (a *article) acronym(e int, toks []token, k int) {
	if k+2 < len(toks) && toks[k].text == "(" && toks[k+2].text == ")" && len(toks[k+1].text) >= 2 && isAllCaps(toks[k+1].text) {
		a.ents.alias(e, toks[k+1].text)
		if a.ents.acr == nil {
			a.ents.acr = map[string]int{}
		}
		a.ents.acr[toks[k+1].text] = e
	}
}

// withTitle is the mention text including a title that precedes it
// ("Chilean President Rosa Vidal", "WHO chief Omar Haddad").
func (a *article) withTitle(toks []token, ms []mention, mi int) string {
	m := ms[mi]
	start := a.titleStart(toks, ms, mi)
	return textOf(a.body, toks, start, m.j)
}

func (a *article) titleStart(toks []token, ms []mention, mi int) int {
	m := ms[mi]
	start := m.i
	for start > 0 {
		t := toks[start-1]
		if t.is(fTitle) || t.is(fModifier) || t.lower == "of" || (t.lower == "'s" && start < m.i) {
			start--
			continue
		}
		// a country, demonym or organisation heading the title
		found := false
		for x := mi - 1; x >= 0; x-- {
			if ms[x].j == start && (ms[x].kind == mGaz || ms[x].kind == mDemonym || (ms[x].kind == mName && a.p.hasOrgWord(toks[ms[x].i:ms[x].j]))) {
				start = ms[x].i
				found = true
				break
			}
		}
		if !found {
			break
		}
	}
	// do not start on "of" or a possessive ending
	for start < m.i && (toks[start].lower == "of" || toks[start].lower == "'s") {
		start++
	}
	return start
}

func (a *article) titleBefore(toks []token, ms []mention, mi int) bool {
	s := a.titleStart(toks, ms, mi)
	for x := s; x < ms[mi].i; x++ {
		if toks[x].is(fTitle) {
			return true
		}
	}
	return false
}

func (a *article) describePerson(e int, toks []token, ms []mention, mi int) {
	s := a.titleStart(toks, ms, mi)
	a.ents.describe(e, toks[s:ms[mi].title], a.p.gz)
	m := ms[mi]
	// apposition after the name: ", the Russian president,"
	if m.j < len(toks) && toks[m.j].text == "," {
		k := m.j + 1
		end := k
		for end < len(toks) && toks[end].text != "," && toks[end].text != "." && end-k < 10 {
			end++
		}
		// ", the NATO Secretary General added." is the speaker of the
		// sentence, not a description of the name before the comma
		if k < end && (isDet(toks[k].lower) || a.possessiveStart(toks, k)) && !anyFlagged(toks[k:end], fCue) {
			a.ents.describe(e, toks[k:end], a.p.gz)
		}
	}
	for q := range a.ents.list[e].quals {
		if g := a.p.gz.byName[q]; g != nil && g.kind == domain.KindCountry && a.ents.list[e].country == "" {
			a.ents.list[e].country = g.name
		}
	}
	// "Ukraine's defence intelligence chief": the agency exists too, so that
	// "his agency" can find it
	if c := a.ents.list[e].country; c != "" && (a.ents.list[e].descr["intelligence"] || a.ents.list[e].descr["spy"]) {
		if g := a.p.gz.countryRole[strings.ToLower(c)+"|intelligence"]; g != nil {
			a.fromGaz(g)
		}
	}
}

func isDet(w string) bool {
	switch w {
	case "the", "a", "an", "another":
		return true
	}
	return false
}

func (a *article) possessiveStart(toks []token, k int) bool {
	for x := k; x < len(toks) && x < k+5; x++ {
		if toks[x].lower == "'s" {
			return true
		}
		if !toks[x].cap {
			return false
		}
	}
	return false
}

// apposition classifies what follows a name: ", a spokesman for ..." or
// ", who ..." make it a person; ", a city ..." a place.
func (a *article) apposition(toks []token, k int) string {
	if k >= len(toks) || toks[k].text != "," || k+1 >= len(toks) {
		return ""
	}
	x := k + 1
	if toks[x].lower == "who" {
		return "person"
	}
	if !isDet(toks[x].lower) && !a.possessiveStart(toks, x) {
		return ""
	}
	res := ""
	for y := x; y < len(toks) && y < x+10; y++ {
		w := toks[y].lower
		if toks[y].text == "," || toks[y].text == "." {
			break
		}
		if toks[y].is(fPlaceWord) || w == "town" || w == "village" {
			res = "place"
		}
		if toks[y].is(fTitle) || toks[y].is(fPersonRole) || (strings.HasSuffix(w, "ologist") && !toks[y].cap) {
			res = "person"
		} else if toks[y].is(fClass) || toks[y].is(fOrgWord) {
			res = "org"
		}
	}
	return res
}

var personRoles = map[string]bool{"negotiator": true, "economist": true, "professor": true, "researcher": true, "scientist": true, "lawyer": true,
	"inspector": true, "investigator": true, "coordinator": true, "strategist": true, "forecaster": true, "meteorologist": true, "auditor": true,
	"engineer": true, "physician": true, "doctor": true, "surgeon": true, "sheriff": true, "superintendent": true, "prosecutor": true,
	"president": true, "minister": true, "secretary": true, "spokesman": true, "spokeswoman": true, "spokesperson": true, "manager": true, "leader": true, "chief": true, "ambassador": true, "official": true, "commander": true, "director": true, "mayor": true, "governor": true, "adviser": true, "advisor": true, "head": true, "envoy": true, "chairman": true, "chairwoman": true, "ceo": true, "lawmaker": true, "senator": true, "aide": true, "general": true, "president-elect": true, "representative": true, "correspondent": true, "reporter": true, "analyst": true, "expert": true, "diplomat": true, "premier": true, "chancellor": true, "founder": true,
	"judge": true, "coach": true, "defendant": true, "plaintiff": true, "claimant": true, "attorney": true, "barrister": true, "solicitor": true,
	"climatologist": true, "hydrologist": true, "epidemiologist": true, "statistician": true, "executive": true,
	"officer": true, "partner": true, "counsel": true, "convenor": true, "convener": true, "liquidator": true, "receiver": true, "trustee": true,
	"statistician-general": true, "auditor-general": true, "attorney-general": true, "surgeon-general": true, "solicitor-general": true, "inspector-general": true}

// fromGaz returns the entity for a gazetteer entry, creating it.
func (a *article) fromGaz(g *gazEntry) int {
	if e, ok := a.ents.byGaz[g]; ok {
		return e
	}
	e := a.ents.add(g.name, g.kind)
	if a.ents.byGaz == nil {
		a.ents.byGaz = map[*gazEntry]int{}
	}
	a.ents.byGaz[g] = e
	ent := a.ents.list[e]
	ent.gaz = true
	if g.kind == domain.KindCountry {
		ent.country = g.name
	} else if g.country != "" {
		ent.country = g.country
		setAdd(&ent.quals, g.lcountry)
	}
	for _, c := range g.classes {
		setAdd(&ent.classes, c)
	}
	return e
}

// orgByName finds or creates an organisation named by a capitalised
// sequence, merging "Red Crescent" into "Libyan Red Crescent" and stripping
// corporate suffixes.
func (a *article) orgByName(text string) int {
	text = strings.TrimSpace(text)
	canon := text
	if strings.HasPrefix(canon, "The ") && !a.p.gzKnown(canon) {
		canon = canon[4:]
	}
	for _, suf := range []string{" Corporation", " Corp.", " Corp", " Inc.", " Inc", " Ltd", " plc"} {
		if strings.HasSuffix(canon, suf) && len(canon) > len(suf) {
			canon = strings.TrimSuffix(canon, suf)
		}
	}
	if i, ok := a.ents.acr[text]; ok {
		return i
	}
	// "ECB" after "European Central Bank": the initials of a known name
	if len(text) >= 2 && len(text) <= 6 && isAllCaps(text) && !strings.Contains(text, " ") {
		for i, e := range a.ents.list {
			if e.kind == domain.KindOrganization && initials(e.name) == text {
				a.ents.alias(i, text)
				return i
			}
		}
	}
	lc := strings.ToLower(canon)
	for i, e := range a.ents.list {
		if e.kind != domain.KindOrganization && e.kind != domain.KindOther {
			continue
		}
		ln := e.lname
		if ln == lc || wordSuffix(ln, lc) || wordPrefix(ln, lc) || wordSuffix(lc, ln) || wordPrefix(lc, ln) {
			a.ents.alias(i, text)
			a.ents.alias(i, canon)
			return i
		}
	}
	e := a.ents.add(canon, domain.KindOrganization)
	a.ents.alias(e, text)
	if canon == text && !strings.Contains(canon, " ") && a.p.lx.flags[normWord(canon)]&fListed == 0 {
		// "The Ledger" at the start of a sentence: the article may be part
		// of the name
		a.ents.alias(e, "The "+canon)
	}
	for f := range strings.FieldsSeq(lc) {
		if mediaWords[f] {
			setAdd(&a.ents.list[e].classes, "newspaper")
		}
	}
	last := strings.ToLower(lastWord(canon))
	if a.p.lx.classes[last] || a.p.lx.orgWords[last] {
		setAdd(&a.ents.list[e].classes, last)
	}
	return e
}

// mediaWords mark a name as a news outlet ("The Daily Ledger", "CBS News").
var mediaWords = map[string]bool{"times": true, "post": true, "news": true, "daily": true, "herald": true, "journal": true, "telegraph": true,
	"tribune": true, "gazette": true, "ledger": true, "press": true, "chronicle": true, "observer": true, "courier": true, "radio": true, "tv": true, "television": true}

func (p *Pipeline) gzKnown(s string) bool {
	if _, ok := p.gz.firstTok[normWord(firstField(s))]; !ok {
		return false
	}
	_, ok := p.gz.phrases[phraseKey(s)]
	return ok
}

func firstField(s string) string {
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i]
	}
	return s
}

func lastWord(s string) string {
	last := ""
	for f := range strings.FieldsSeq(s) {
		last = f
	}
	return last
}

// wordSuffix reports whether s ends with a space and then w, i.e.
// strings.HasSuffix(s, " "+w) without building the pattern.
func wordSuffix(s, w string) bool {
	return len(s) > len(w) && s[len(s)-len(w)-1] == ' ' && s[len(s)-len(w):] == w
}

// wordPrefix reports whether s starts with w and then a space.
func wordPrefix(s, w string) bool {
	return len(s) > len(w) && s[len(w)] == ' ' && s[:len(w)] == w
}

// knownPerson finds a person already in the article by full name or
// surname; spelling variants that share a long prefix ("Kowalsky",
// "Kowalskyy") count as the same name.
func (a *article) knownPerson(name []token) int {
	last := name[len(name)-1].lower
	first := name[0].lower
	best := -1
	for i, e := range a.ents.list {
		if e.kind != domain.KindPerson {
			continue
		}
		f := e.fields
		if len(f) == 0 {
			continue
		}
		el := f[len(f)-1]
		// a family name written first ("Park Min Ho" ... "Park", "Choi
		// Ji-woo" ... "Choi")
		familyFirst := len(name) == 1 && f[0] == last && (len(f) == 3 || (len(f) == 2 && strings.Contains(f[1], "-")))
		if !sameSurname(el, last) && !familyFirst {
			continue
		}
		if len(name) > 1 && len(f) > 1 && f[0] != first {
			continue
		}
		if best < 0 || e.lastPos > a.ents.list[best].lastPos {
			best = i
		}
	}
	return best
}

func sameSurname(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) < 5 || len(b) < 5 {
		return false
	}
	if strings.HasPrefix(a, b) || strings.HasPrefix(b, a) {
		d := len(a) - len(b)
		return d >= -2 && d <= 2
	}
	return false
}

// initials are the first letters of the capitalised words of a name,
// leaving out "of", "and", "the" and "for".
func initials(name string) string {
	var b []byte
	for _, f := range strings.Fields(name) {
		if f == "of" || f == "and" || f == "the" || f == "for" || f == "The" {
			continue
		}
		if c := f[0]; c >= 'A' && c <= 'Z' {
			b = append(b, c)
		} else {
			return ""
		}
	}
	return string(b)
}

// roleSuffix guesses that a capitalised word before a two-word name names
// an occupation ("Geologist", "Historian", "Researcher").
func roleSuffix(w string) bool {
	if len(w) < 6 {
		return false
	}
	for _, suf := range []string{"ologist", "ist", "ian", "er", "or"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// acronymNameEnd returns where a name starting at toks[k] ends when a
// bracketed acronym follows it whose letters are the initials of its
// capitalised words ("Medicines and Healthcare products Regulatory Agency
// (MHRA)"), so that lowercase words inside it stay part of it; 0 if there
// is no such acronym.
func acronymNameEnd(toks []token, k int) int {
	var ini []byte
	for x := k; x < len(toks) && x < k+12; x++ {
		t := &toks[x]
		if t.text == "(" {
			if x+2 >= len(toks) || toks[x+2].text != ")" || !toks[x-1].cap {
				return 0
			}
			acr := toks[x+1].text
			if len(acr) < 3 || !isAllCaps(acr) || acr != string(ini) {
				return 0
			}
			return x
		}
		if !t.word {
			return 0
		}
		if t.cap {
			r, _ := utf8.DecodeRuneInString(t.text)
			if r >= utf8.RuneSelf {
				return 0
			}
			ini = append(ini, byte(unicode.ToUpper(r)))
		} else if t.is(fCue) || t.is(fAux) || t.is(fBe) {
			return 0
		}
	}
	return 0
}

// unknownNames reports whether toks[i:j] are capitalised words that no
// list names: not titles, not common capitalised words, not gazetteer
// entries.
func (p *Pipeline) unknownNames(toks []token, i, j int) bool {
	for x := i; x < j; x++ {
		t := toks[x]
		if !t.cap || !t.word || t.is(fTitle) || t.is(fStopCap) || t.is(fGazFirst) || t.is(fRole) || t.is(fPlaceWord) {
			return false
		}
	}
	return j > i
}
