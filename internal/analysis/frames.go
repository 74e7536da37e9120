package analysis

import (
	_ "embed"
	"slices"
	"strings"

	"github.com/factgraph/factgraph/internal/domain"
)

//go:embed frames.txt
var framesText string

// frameLexicon holds the word lists of the frame stage (frames.txt).
type frameLexicon struct {
	classes     map[string]string
	toll        map[string]bool
	narrowers   map[string]bool
	events      map[string]string // word or space-joined phrase -> event
	plans       map[string]bool
	rates       map[string]bool
	eventNouns  map[string]bool
	placeNouns  map[string]bool
	countrywide map[string]bool
	// institutions are nouns of named sites and bodies ("factory",
	// "university"): a name they end is not a place
	institutions map[string]bool
	predVerbs    map[string]string
	predNouns    map[string]string
	anaphora     map[string]bool
	// judgements are predicates that a predicative noun asserts of what
	// the sentence names ("was a dangerous escalation"): they outrank verbs
	judgements map[string]bool
	// weakNouns only name the people a proposition involves ("troops"):
	// any other predicate noun says more
	weakNouns map[string]bool
	// firsts holds the first words of the multi-word entries of every
	// list, so that most words are looked up once, alone
	firsts map[string]bool
}

// phraseLen is the longest multi-word entry the frame lists hold.
const phraseLen = 3

func loadFrameLexicon() *frameLexicon {
	s := parseSections(framesText)
	phrases := func(lines []string) map[string]bool {
		m := map[string]bool{}
		for _, l := range lines {
			for _, w := range strings.Fields(l) {
				m[strings.ReplaceAll(w, "_", " ")] = true
			}
		}
		return m
	}
	fl := &frameLexicon{
		classes: map[string]string{}, events: map[string]string{},
		predVerbs: map[string]string{}, predNouns: map[string]string{},
		toll: wordSet(s["tollclasses"]), narrowers: wordSet(s["narrowers"]),
		plans: wordSet(s["plans"]), rates: phrases(s["rates"]),
		eventNouns: wordSet(s["eventnouns"]), placeNouns: wordSet(s["placenouns"]),
		countrywide: wordSet(s["countrywide"]), anaphora: wordSet(s["anaphora"]),
		institutions: wordSet(s["institutions"]),
		judgements:   wordSet(s["judgements"]), weakNouns: wordSet(s["weaknouns"]),
		firsts: map[string]bool{},
	}
	for _, l := range s["classes"] {
		c, words, _ := strings.Cut(l, "\t")
		for _, w := range strings.Fields(words) {
			fl.classes[w] = c
		}
	}
	for _, l := range s["events"] {
		e, words, _ := strings.Cut(l, "\t")
		for _, w := range strings.Fields(words) {
			fl.events[strings.ReplaceAll(w, "_", " ")] = e
		}
	}
	for _, l := range s["predicates"] {
		c, rest, _ := strings.Cut(l, "\t")
		target := fl.predVerbs
		for _, w := range strings.Fields(rest) {
			switch w {
			case "v:":
				target = fl.predVerbs
			case "n:":
				target = fl.predNouns
			default:
				target[strings.ReplaceAll(w, "_", " ")] = c
			}
		}
	}
	for _, m := range []map[string]string{fl.events, fl.predVerbs, fl.predNouns} {
		for k := range m {
			if first, _, multi := strings.Cut(k, " "); multi {
				fl.firsts[first] = true
			}
		}
	}
	for k := range fl.rates {
		if first, _, multi := strings.Cut(k, " "); multi {
			fl.firsts[first] = true
		}
	}
	return fl
}

// phraseAt returns the longest entry of m that the word tokens from k spell,
// with its length in tokens.
func phraseAt[V any](fl *frameLexicon, m map[string]V, toks []token, k, end int) (V, int, bool) {
	var zero V
	if k >= end || !toks[k].word || toks[k].flags&fFrame == 0 {
		return zero, 0, false
	}
	if !fl.firsts[toks[k].lower] {
		v, found := m[toks[k].lower]
		return v, 1, found
	}
	// the key is built in a buffer on the stack: a map look-up with a
	// converted byte slice does not allocate
	var buf [96]byte
	for n := min(phraseLen, end-k); n >= 2; n-- {
		key := buf[:0]
		ok := true
		for x := k; x < k+n && ok; x++ {
			if !toks[x].word || len(key)+len(toks[x].lower)+1 > len(buf) {
				ok = false
				break
			}
			if x > k {
				key = append(key, ' ')
			}
			key = append(key, toks[x].lower...)
		}
		if !ok {
			continue
		}
		if v, found := m[string(key)]; found {
			return v, n, true
		}
	}
	if v, found := m[toks[k].lower]; found {
		return v, 1, true
	}
	return zero, 0, false
}

// locatives are the prepositions that put what follows them as a place.
var locatives = map[string]bool{"in": true, "into": true, "to": true, "for": true, "at": true, "near": true, "across": true, "inside": true, "on": true, "from": true, "throughout": true, "through": true}

// afterLocative reports whether toks[k] follows a locative preposition,
// directly or over "the": "in Kursk", "to the Kursk region". "According to"
// names a source, not a place.
func afterLocative(toks []token, k int) bool {
	at := k - 1
	if at >= 0 && !locatives[toks[at].lower] && toks[at].lower == "the" {
		at--
	}
	if at < 0 || !locatives[toks[at].lower] {
		return false
	}
	return !(toks[at].lower == "to" && at > 0 && toks[at-1].lower == "according")
}

// clauseStops end the window of words that belong to a figure's clause.
var clauseStops = map[string]bool{",": true, ";": true, ":": true, "who": true, "which": true, "where": true, "while": true, "whereas": true, "but": true, "because": true, "although": true, "though": true, "when": true}

// determiners start a noun phrase; one that is not a place ends the search
// for the place a figure is in ("killed in the fighting against ...").
var determiners = map[string]bool{"the": true, "a": true, "an": true, "its": true, "their": true, "his": true, "her": true, "this": true, "that": true}

// place is a place found in a window: its lowercased name and whether it is
// narrower than a country.
type place struct {
	name   string
	narrow bool
}

// placeAt reads a place starting at toks[k], if there is one: a country, a
// capital after a locative ("For Paris"), a demonym before "soil", or a
// capitalised name after a locative or before a place noun ("in Kursk", "the
// Kursk region"). It returns the place and the tokens it spans.
func (a *article) placeAt(toks []token, k, end int) (place, int) {
	t := &toks[k]
	if k > 0 && toks[k-1].lower == "by" || k > 1 && toks[k-1].lower == "the" && toks[k-2].lower == "by" {
		// the agent of a passive, not a place
		if n, _, ok := a.p.gz.match(toks, k); ok {
			return place{}, n
		}
	}
	loc := afterLocative(toks, k)
	if n, ph, ok := a.p.gz.match(toks, k); ok && k+n <= end && ph.e.kind == domain.KindCountry {
		text := strings.ToLower(textOf(a.body, toks, k, k+n))
		switch {
		case !ph.demonym && a.nameGoesOn(toks, k+n):
			// "Dhaka Medical College", "Bangladesh Garment
			// Manufacturers": a country or capital that opens a longer
			// name is part of that name
			return place{}, n
		case ph.demonym:
			if k+n < end && (toks[k+n].lower == "soil" || toks[k+n].lower == "territory") {
				return place{name: ph.e.lname}, n + 1
			}
			return place{}, n
		case len(ph.e.aliases) > 0 && text == strings.ToLower(ph.e.aliases[0]) && loc:
			// a capital named as a place is the city, not the government
			return place{name: text, narrow: true}, n
		}
		// "Russia's Kursk region": the narrower place wins
		return place{name: ph.e.lname}, n
	}
	if t.lower == "capital" && k > 1 && toks[k-1].lower == "the" && locatives[toks[k-2].lower] && a.topicCountry != nil && len(a.topicCountry.aliases) > 0 {
		// "marched in the capital": the capital of the country the
		// article is about
		return place{name: strings.ToLower(a.topicCountry.aliases[0]), narrow: true}, 1
	}
	if !t.word || !t.cap || t.is(fStopCap) || t.is(fTitle) || t.is(fOrgWord) || t.is(fCue) {
		return place{}, 0
	}
	j := k
	for j < end && j-k < 3 && toks[j].word && toks[j].cap && !toks[j].is(fStopCap) {
		j++
	}
	if j-k == 1 && a.knownName(t.lower) || j-k > 1 && a.knownName(strings.ToLower(textOf(a.body, toks, k, j))) {
		// a person or organisation of the article is not a place
		return place{}, j - k
	}
	if a.namesInstitution(toks, k, j) {
		// "at the Rupali Knitwear factory", "at Kessler University":
		// a named site or body, not a place scope
		return place{}, j - k
	}
	if j < end && toks[j].flags&fFrame != 0 && a.p.fl.placeNouns[toks[j].lower] {
		return place{name: strings.ToLower(textOf(a.body, toks, k, j)), narrow: true}, j - k + 1
	}
	if loc && k > 0 {
		return place{name: strings.ToLower(textOf(a.body, toks, k, j)), narrow: true}, j - k
	}
	return place{}, j - k
}

// nameGoesOn reports whether toks[k] continues a proper name: a
// capitalised word that is not a sentence opener or a weekday.
func (a *article) nameGoesOn(toks []token, k int) bool {
	return k < len(toks) && toks[k].word && toks[k].cap && !toks[k].is(fStopCap) && !toks[k].is(fCue)
}

// namesInstitution reports whether the capitalised words toks[k:j] name an
// institution or a site rather than a place: one of them, or the noun right
// after them, is an institution noun ("the Kessler Automotive plant",
// "Harbin Medical University").
func (a *article) namesInstitution(toks []token, k, j int) bool {
	fl := a.p.fl
	for x := k; x <= j && x < len(toks); x++ {
		if x == j && (toks[x].cap || !toks[x].word) {
			break
		}
		if toks[x].flags&fFrame != 0 && fl.institutions[toks[x].lower] {
			return true
		}
	}
	return false
}

// findPlace returns the most specific place of toks[i:j], reading until a
// noun phrase that is not a place.
func (a *article) findPlace(toks []token, i, j int, stopAtNouns bool) place {
	return a.findPlaceLoc(toks, i, j, stopAtNouns, false)
}

// findPlaceLoc is findPlace that, with onlyLoc, only takes places after a
// locative preposition ("For Paris, ...", "the toll in Derna").
func (a *article) findPlaceLoc(toks []token, i, j int, stopAtNouns, onlyLoc bool) place {
	var best place
	for k := i; k < j; k++ {
		if onlyLoc && !afterLocative(toks, k) {
			continue
		}
		if stopAtNouns && determiners[toks[k].lower] && k+1 < j && toks[k+1].word && !toks[k+1].cap && !a.p.fl.placeNouns[toks[k+1].lower] {
			break
		}
		p, n := a.placeAt(toks, k, j)
		if p.name != "" && (best.name == "" || p.narrow && !best.narrow) {
			best = p
		}
		if n > 1 {
			k += n - 1
		}
	}
	return best
}

// findOwner returns the canonical name of the first country or organisation
// of toks[i:j] that is not named as a place, or "".
func (a *article) findOwner(toks []token, i, j int, last bool) string {
	owner := ""
	for k := i; k < j; k++ {
		n, ph, ok := a.p.gz.match(toks, k)
		if !ok || k+n > j {
			continue
		}
		if last && !a.verbAfter(toks, k+n) {
			// before a figure only the subject of a verb owns it: "North
			// Korea has dispatched", not "a White House briefing"
			k += n - 1
			continue
		}
		if name := actorName(ph.e); name != "" && (!(k > 0 && locatives[toks[k-1].lower]) || k+n < len(toks) && toks[k+n].lower == "'s") {
			// after a locative a country is a place, unless it owns
			// what follows: "two years into Russia's invasion"
			owner = name
			if !last {
				return owner
			}
		}
		k += n - 1
	}
	return owner
}

// tokenRange returns the tokens of toks that lie within body bytes [s, e).
func tokenRange(toks []token, s, e int) (int, int) {
	i := 0
	for i < len(toks) && toks[i].end <= s {
		i++
	}
	j := i
	for j < len(toks) && toks[j].start < e {
		j++
	}
	return i, j
}

// measures fills what every figure measures, from the words of its clause.
func (a *article) measures() []domain.Measure {
	out := make([]domain.Measure, len(a.figs))
	fl := a.p.fl
	a.sentFigs = make(map[int][]*fig, len(a.sents))
	for _, f := range a.figs {
		a.sentFigs[f.sent] = append(a.sentFigs[f.sent], f)
	}
	// the story's country is sought once, for the first toll
	var country *string
	story := func() string {
		if country == nil {
			c := a.storyCountry()
			country = &c
		}
		return *country
	}
	for fi, f := range a.figs {
		s := &a.sents[f.sent]
		toks := s.toks
		_, fe := tokenRange(toks, f.span.start, f.span.end)
		ms, _ := tokenRange(toks, f.mod, f.span.end)
		// the clause: from the cue that reports it (or the last stop) to
		// the next stop or the next figure
		cs := 0
		if f.stmt >= 0 {
			st := a.stmts[f.stmt]
			if st.sent == f.sent && st.cue.end <= f.span.start {
				_, cs = tokenRange(toks, st.cue.start, st.cue.end)
			}
		}
		for k := ms - 1; k >= cs; k-- {
			if toks[k].lower == ";" || toks[k].lower == ":" {
				cs = k + 1
				break
			}
		}
		ce := fe
		for ce < len(toks) && !clauseStops[toks[ce].lower] {
			if ce > fe && a.figStartsAt(f.sent, toks[ce].start) {
				break
			}
			ce++
		}
		m := domain.Measure{}
		// the subject's tokens
		ss, se := fe, fe
		if f.q.SubjectStart >= 0 && f.q.SubjectEnd > f.q.SubjectStart {
			ss, se = tokenRange(toks, s.start+f.q.SubjectStart, s.start+f.q.SubjectEnd)
		}
		head := f.q.Head
		m.Class = head
		if c, ok := fl.classes[head]; ok {
			m.Class = c
		} else if se > ss {
			// "the number of confirmed dead": the noun that ends the
			// subject is what is counted, whatever word took the head
			if c, ok := fl.classes[singularWord(toks[se-1].lower)]; ok {
				m.Class = c
			}
		}
		if f.q.Unit != "" {
			m.Class = "unit:" + strings.ToLower(f.q.Unit)
		}
		narrow := ""
		for k := ss; k < se; k++ {
			if w := toks[k].lower; fl.narrowers[w] && w != head {
				narrow = w
			}
		}
		// event: after the figure, in its subject, then before it
		findEvent := func(i, j int) string {
			for k := i; k < j; k++ {
				if e, n, ok := phraseAt(fl, fl.events, toks, k, j); ok {
					_ = n
					return e
				}
			}
			return ""
		}
		// before a figure the nearest event word governs it: "ordered
		// factories to close after a blaze killed 44 workers"
		lastEvent := func(i, j int) string {
			last := ""
			for k := i; k < j; k++ {
				if e, n, ok := phraseAt(fl, fl.events, toks, k, j); ok {
					last = e
					k += n - 1
				}
			}
			return last
		}
		// a part ("27 of the bodies") is what its own verb says of it:
		// the words of the whole after it describe the whole, and only
		// its own comma segment governs it
		part, wholeEnd := a.partOf(toks, fe)
		whole := fi > 0 && a.partWhole(fi-1)
		ae, bs := fe, cs
		if part {
			ae = wholeEnd
			bs = segmentStart(toks, cs, ms)
		}
		m.Event = findEvent(ae, ce)
		if m.Event == "" {
			m.Event = findEvent(ss, se)
		}
		if m.Event == "" && !whole {
			// the verb before a whole governs its part: "identified 45
			// of the 47 victims"
			m.Event = lastEvent(bs, ms)
		}
		if part && m.Event == "" {
			m.Event = "part"
		}
		if increment(toks, fe) {
			m.Event = "added"
		}
		if m.Event == "present" {
			// a sending verb after a plan word is a plan
			for k := cs; k < ce; k++ {
				if k >= ms && k < fe {
					continue
				}
				if e, ok := fl.events[toks[k].lower]; ok && e == "present" {
					break
				}
				if toks[k].flags&fFrame != 0 && fl.plans[toks[k].lower] {
					m.Event = "planned"
					break
				}
			}
		}
		if fl.toll[m.Class] && (m.Event == "dead" || m.Event == "wounded" || m.Event == "casualty" || m.Event == "missing") {
			m.Class = "person"
		}
		if m.Class == "person" && m.Event == "turnout" {
			m.Class = "protester"
		}
		if m.Class == "protester" && m.Event == "" {
			m.Event = "turnout"
		}
		if narrow != "" {
			m.Class = narrow + " " + m.Class
		}
		// durations, percentages and money measure an event noun: "the 31
		// months of Moscow's invasion"
		unitLike := f.q.Unit != "" || head == "month" || head == "year" || head == "week" || head == "day"
		if unitLike {
			m.Event = ""
			for k := fe; k < ce; k++ {
				if toks[k].flags&fFrame != 0 && fl.eventNouns[toks[k].lower] {
					m.Event = toks[k].lower
					break
				}
			}
			if m.Event == "" {
				for k := cs; k < ms; k++ {
					if toks[k].flags&fFrame != 0 && fl.eventNouns[toks[k].lower] {
						m.Event = toks[k].lower
					}
				}
			}
			if head == "month" || head == "year" || head == "week" || head == "day" {
				m.Class = "duration"
				if lengthModifier(a.body[f.span.start:f.span.end]) {
					// "a one-day strike": the length of one occurrence,
					// not how long an ongoing event has run
					m.Event = ""
				}
			}
		}
		// a rate
		for k := fe; k < ce; k++ {
			if _, n, ok := phraseAt(fl, fl.rates, toks, k, ce); ok && n > 0 {
				m.Event += "/day"
				break
			}
		}
		// owner: the subject's country, the agent of a passive, else the
		// last actor before the figure in its clause
		m.Owner = a.findOwner(toks, ss, se, false)
		if m.Owner == "" {
			for k := fe; k+1 < ce; k++ {
				if toks[k].lower == "by" {
					m.Owner = a.findOwner(toks, k+1, min(k+4, ce), false)
					break
				}
			}
		}
		if m.Owner == "" && unitLike {
			m.Owner = a.findOwner(toks, fe, ce, false)
		}
		if m.Owner == "" {
			// the subject of the figure's own comma-delimited segment
			os := cs
			for k := ms - 1; k > cs; k-- {
				if toks[k].lower == "," {
					os = k + 1
					break
				}
			}
			m.Owner = a.findOwner(toks, os, ms, true)
		}
		// place: after the figure, else before it in its clause
		pl := a.findPlace(toks, fe, ce, true)
		if pl.name == "" {
			pl = a.findPlaceLoc(toks, cs, ms, false, true)
		}
		if pl.name == strings.ToLower(m.Owner) && !pl.narrow {
			pl = place{}
		}
		if pl.name == "" && (m.Class == "troop" || strings.HasSuffix(m.Class, " troop")) && m.Event == "present" && m.Owner != "" {
			// "Russian vessels carried 1,500 North Korean troops": troops
			// moved by another country are in it
			for k := cs; k < ms; k++ {
				if n, ph, ok := a.p.gz.match(toks, k); ok && ph.e.kind == domain.KindCountry && ph.e.name != m.Owner {
					pl = place{name: ph.e.lname}
					break
				} else if ok {
					k += n - 1
				}
			}
		}
		m.Place, m.Region = pl.name, pl.narrow
		if m.Class == "person" && tollEvents[m.Event] {
			m.Place, m.Region = a.tollScope(m, story)
			if y := pastYear(toks); y != "" {
				// "the 2012 Tazreen fire, which killed 112": the toll
				// of a dated, earlier disaster
				m.Place = strings.TrimSpace(y + " " + m.Place)
			}
		}
		if m.Class == "troop" && m.Event == "" {
			m.Event = "present"
		}
		if m.Owner != "" {
			m.OwnerDemonym = a.p.gz.demonymOf(m.Owner)
		}
		out[fi] = m
	}
	for fi := range out {
		if out[fi].Class == "" && a.partWhole(fi) {
			// "checked 620 of the district's 4,100 factories": the part
			// counts what its whole counts
			out[fi].Class = out[fi+1].Class
		}
	}
	return out
}

// tollEvents are what a toll counts people by: the dead, the wounded, the
// missing, the displaced and the identified dead of one disaster or war.
var tollEvents = map[string]bool{"dead": true, "wounded": true, "casualty": true, "missing": true, "displaced": true, "identified": true}

// tollScope is the place scope of a toll m. Reports of one disaster name
// the town, the district or only the country interchangeably ("killed 12
// workers in Konabari", "41 people died in Gazipur", "the toll rose to
// 44"), so a toll is scoped by the country of its story: an owner's toll
// ("North Korean soldiers killed") by its owner and a country it names,
// anyone's toll by the country named, else the country the article is
// about. A named storm is a story of its own and keeps the places named.
func (a *article) tollScope(m domain.Measure, story func() string) (string, bool) {
	if m.Place != "" && !m.Region {
		return m.Place, false
	}
	if m.Owner != "" {
		return "", false
	}
	if a.stormName() != "" {
		return m.Place, m.Region
	}
	if c := story(); c != "" {
		return c, false
	}
	return m.Place, m.Region
}

// storyCountry is the lowercased country the article is about: the
// country of its topic, else the country its body names most (by name,
// demonym or capital; the first named on a tie), else "".
func (a *article) storyCountry() string {
	if a.topicCountry != nil {
		return a.topicCountry.lname
	}
	counts := map[string]int{}
	best := ""
	for i := range a.sents {
		toks := a.sents[i].toks
		for k := 0; k < len(toks); k++ {
			n, ph, ok := a.p.gz.match(toks, k)
			if !ok {
				continue
			}
			if ph.e.kind == domain.KindCountry {
				c := ph.e.lname
				counts[c]++
				if best == "" || counts[c] > counts[best] {
					best = c
				}
			}
			k += n - 1
		}
	}
	return best
}

// pastYear returns the year that dates an event the sentence names ("the
// 2012 fire", "the fire of 2012", "since 2023, when an earthquake
// killed"), or "". A year in a date ("23 Dec 2024") dates the report, not
// an event.
func pastYear(toks []token) string {
	for k := 1; k < len(toks); k++ {
		w := toks[k].lower
		if len(w) != 4 || !(strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) || w[2] < '0' || w[2] > '9' || w[3] < '0' || w[3] > '9' {
			continue
		}
		switch toks[k-1].lower {
		case "of", "since", "the":
			return w
		}
	}
	return ""
}

// stormNouns name the storms whose names make a story of their own.
var stormNouns = map[string]bool{"hurricane": true, "storm": true, "typhoon": true, "cyclone": true}

// stormName is the lowercased name of a storm the lead names ("Hurricane
// Helene"), or "".
func (a *article) stormName() string {
	lead := a.sents
	if len(lead) > 3 {
		lead = lead[:3]
	}
	for i := range lead {
		if n := namedStorm(lead[i].toks); n != "" {
			return n
		}
	}
	return ""
}

// namedStorm is the lowercased name after a capitalised storm noun in
// toks, or "".
func namedStorm(toks []token) string {
	for k := 0; k+1 < len(toks); k++ {
		if stormNouns[toks[k].lower] && toks[k].cap && toks[k+1].cap && toks[k+1].word {
			return toks[k+1].lower
		}
	}
	return ""
}

// partOf reports whether the figure whose tokens end before k is a part
// of a whole named after it: "of" and a determiner, a possessive, a
// pronoun or a number ("27 of the bodies", "nine of whom", "19 of 25
// seats"). It also returns where the whole's phrase ends: at a clause stop
// or at the verb that follows it ("8,000 of them were sent").
func (a *article) partOf(toks []token, k int) (bool, int) {
	if k+1 >= len(toks) || toks[k].lower != "of" {
		return false, k
	}
	n := &toks[k+1]
	if !(determiners[n.lower] || partPronouns[n.lower] || n.is(fNumberWord) || n.lower[0] >= '0' && n.lower[0] <= '9' || n.cap && k+2 < len(toks) && toks[k+2].lower == "'s") {
		return false, k
	}
	e := k + 1
	for e < len(toks) && !clauseStops[toks[e].lower] && toks[e].lower != "." && !toks[e].is(fAux) && !toks[e].is(fBe) && !toks[e].is(fPerfectAux) && !toks[e].is(fCue) {
		e++
	}
	return true, e
}

// partPronouns stand for the whole a part is taken from: "nine of whom".
var partPronouns = map[string]bool{"them": true, "whom": true, "those": true, "these": true, "which": true}

// partWhole reports whether figure fi is a part whose whole is the next
// figure: "620 of the district's 4,100 factories".
func (a *article) partWhole(fi int) bool {
	if fi+1 >= len(a.figs) {
		return false
	}
	f, g := a.figs[fi], a.figs[fi+1]
	if f.sent != g.sent {
		return false
	}
	toks := a.sents[f.sent].toks
	_, fe := tokenRange(toks, f.span.start, f.span.end)
	part, e := a.partOf(toks, fe)
	return part && (e >= len(toks) || g.span.start < toks[e].start)
}

// segmentStart is the first token of the comma-delimited segment that ends
// at ms, not before cs.
func segmentStart(toks []token, cs, ms int) int {
	for k := ms - 1; k > cs; k-- {
		if toks[k].lower == "," {
			return k + 1
		}
	}
	return cs
}

// increment reports whether the figure whose tokens end before k counts
// an addition rather than a total: "19 more bodies", "500 additional
// troops". "More than" is a bound, not an addition.
func increment(toks []token, k int) bool {
	if k >= len(toks) {
		return false
	}
	switch toks[k].lower {
	case "more":
		return !(k+1 < len(toks) && toks[k+1].lower == "than")
	case "additional", "extra":
		return true
	}
	return false
}

// lengthModifier reports whether a duration is written as a hyphenated
// modifier of a noun: "one-day", "three-month".
func lengthModifier(text string) bool {
	i := strings.LastIndexByte(text, '-')
	if i < 0 {
		return false
	}
	switch strings.TrimSuffix(strings.ToLower(text[i+1:]), "s") {
	case "day", "week", "month", "year", "hour":
		return true
	}
	return false
}

// singularWord is a plural noun's singular form, for class look-ups.
func singularWord(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
		return w[:len(w)-1]
	}
	return w
}

// figStartsAt reports whether a figure of sentence si starts at byte b.
func (a *article) figStartsAt(si, b int) bool {
	for _, f := range a.sentFigs[si] {
		if f.span.start == b {
			return true
		}
	}
	return false
}

// frame reduces the content of st to a predicate and its arguments.
func (a *article) frame(st *stmt, sts []*stmt) (domain.Frame, span) {
	s := &a.sents[st.sent]
	toks := s.toks
	scope := a.ownScope(st, sts)
	var fr domain.Frame
	if len(scope) == 0 {
		return fr, span{}
	}
	content := span{scope[0].start, scope[len(scope)-1].end}
	if main := restated(st, sts, toks); main != nil {
		fr, _ = a.frame(main, sts)
		return fr, content
	}
	in := func(k int) bool {
		for _, sc := range scope {
			if toks[k].start >= sc.start && toks[k].end <= sc.end {
				return true
			}
		}
		return false
	}
	ci, cj := tokenRange(toks, content.start, content.end)
	var verbAt int
	var anaphoric bool
	fr.Predicate, verbAt, anaphoric = a.predicate(toks, ci, cj, in)
	at := verbAt
	if verbAt < 0 {
		at = a.predicateNounAt(toks, ci, cj, in, fr.Predicate)
	}
	if fr.Predicate == "deploy" && verbAt >= 0 {
		fr.Predicate = a.sentThing(toks, verbAt, cj)
	}
	if fr.Predicate == "deploy" && a.planned(toks, ci, at, cj, in) {
		fr.Predicate = "plan"
	}
	if fr.Predicate == "" && !anaphoric && st.whole {
		if o := wrapped(st, sts); o != nil {
			fr, _ = a.frame(o, sts)
			return fr, content
		}
	}
	fr.Owner = a.frameOwner(st, toks, ci, cj, verbAt, in)
	// the place the predicate is about: the first place after its verb
	if verbAt >= 0 {
		end := cj
		for k := verbAt + 1; k < end; k++ {
			if !in(k) {
				continue
			}
			if p, n := a.placeAt(toks, k, end); p.name != "" {
				if p.narrow {
					fr.Place = p.name
				} else if k+n+2 < end && toks[k+n].lower == "'s" {
					// "Russia's Kursk region"
					if q, _ := a.placeAt(toks, k+n+1, end); q.narrow {
						fr.Place = q.name
					}
				}
				break
			}
		}
	}
	fr.Anaphoric = fr.Predicate == "" && anaphoric
	return fr, content
}

// predicate picks the predicate of the content toks[ci:cj]: a predicative
// judgement ("was a dangerous expansion", "as a serious threat") first,
// since it is what the sentence asserts about everything else it names;
// then a verb of the main clause, then a verb of a relative clause ("units
// that had trained", "soldiers sent to"); then a noun, where a noun that
// only names the people involved ("troops") yields to any other. It
// returns the predicate, the index of its verb (-1 for a noun) and whether
// the content points back at an earlier proposition.
func (a *article) predicate(toks []token, ci, cj int, in func(int) bool) (string, int, bool) {
	fl := a.p.fl
	verb, verbAt, relVerb, relAt := "", -1, "", -1
	noun, weakNoun, judgement := "", "", ""
	anaphoric := false
	for k := ci; k < cj; k++ {
		if !in(k) {
			continue
		}
		if c, _, ok := phraseAt(fl, fl.predVerbs, toks, k, len(toks)); ok && !(k > 0 && determiners[toks[k-1].lower]) {
			if a.subordinateVerb(toks, k, ci) {
				if relAt < 0 {
					relVerb, relAt = c, k
				}
			} else if verbAt < 0 {
				verb, verbAt = c, k
			}
		}
		if c, _, ok := phraseAt(fl, fl.predNouns, toks, k, len(toks)); ok {
			switch {
			case fl.judgements[c] && judgement == "" && predicative(toks, k, ci):
				judgement = c
			case fl.weakNouns[toks[k].lower]:
				if weakNoun == "" {
					weakNoun = c
				}
			case noun == "":
				noun = c
			}
		}
		if toks[k].flags&fFrame != 0 && fl.anaphora[toks[k].lower] {
			anaphoric = true
		}
	}
	switch {
	case judgement != "":
		return judgement, -1, anaphoric
	case verbAt >= 0:
		return verb, verbAt, anaphoric
	case relAt >= 0:
		return relVerb, relAt, anaphoric
	case noun != "":
		return noun, -1, anaphoric
	}
	return weakNoun, -1, anaphoric
}

// predicateNounAt is the index of the first noun of the content that names
// predicate pred, or -1.
func (a *article) predicateNounAt(toks []token, ci, cj int, in func(int) bool, pred string) int {
	fl := a.p.fl
	for k := ci; k < cj; k++ {
		if !in(k) {
			continue
		}
		if c, _, ok := phraseAt(fl, fl.predNouns, toks, k, len(toks)); ok && c == pred {
			return k
		}
	}
	return -1
}

// relativeWords open a relative clause after a noun: "units that had
// trained".
var relativeWords = map[string]bool{"that": true, "which": true, "who": true}

// subordinateVerb reports whether the predicate verb at k belongs to a
// clause that only describes a noun: a relative clause ("units that had
// trained in Russia") or a participle right after a noun the frame lists
// ("soldiers sent to Kursk"). The main verb of the content says more.
func (a *article) subordinateVerb(toks []token, k, ci int) bool {
	fl := a.p.fl
	b := k - 1
	for b > ci && (toks[b].is(fAux) || toks[b].is(fBe) || toks[b].lower == "been" || toks[b].lower == "being") {
		b--
	}
	if b < ci {
		return false
	}
	if b == k-1 && toks[b].word && !toks[b].cap && toks[b].flags&fFrame != 0 {
		if _, ok := fl.predNouns[toks[b].lower]; ok {
			return true
		}
	}
	return relativeWords[toks[b].lower] && b > ci && toks[b-1].word && !toks[b-1].is(fCue) && !toks[b-1].is(fPronoun)
}

// linkWords put the noun phrase after them as what the subject is or
// counts as: "marked an escalation", "as a threat", "would become targets".
var linkWords = map[string]bool{"as": true, "marked": true, "marks": true, "become": true, "became": true, "becomes": true,
	"constitute": true, "constitutes": true, "constituted": true, "represent": true, "represents": true, "represented": true, "amounted": true}

// predicative reports whether the noun at k is predicated of a subject:
// a form of "be" or a link word stands before it, over at most a few
// determiners and adjectives ("was a dangerous expansion").
func predicative(toks []token, k, ci int) bool {
	for b := k - 1; b >= ci && b >= k-5; b-- {
		t := &toks[b]
		if t.is(fBe) || linkWords[t.lower] {
			return true
		}
		if !t.word && t.lower != "“" && t.lower != "\"" && t.lower != "'" && t.lower != "‘" {
			return false
		}
	}
	return false
}

// sentThing refines a sending verb by what is sent: "sending arms" is a
// supply of weapons and "send the soldiers into combat" is combat, not a
// deployment.
func (a *article) sentThing(toks []token, verbAt, cj int) string {
	fl := a.p.fl
	object := ""
	for k := verbAt + 1; k < cj && k <= verbAt+6; k++ {
		if clauseStops[toks[k].lower] {
			break
		}
		if toks[k].lower == "into" && k+1 < cj {
			if c, _, ok := phraseAt(fl, fl.predNouns, toks, k+1, cj); ok && c == "combat" {
				return c
			}
		}
		if c, _, ok := phraseAt(fl, fl.predNouns, toks, k, cj); ok && object == "" {
			object = c
		}
	}
	if object == "arms" {
		return object
	}
	return "deploy"
}

// planned reports whether a plan word governs the sending word at: "had
// decided to send", "more troops". A plan word of another clause does not:
// "could confirm that Pyongyang had sent" is a confirmed fact.
func (a *article) planned(toks []token, ci, at, cj int, in func(int) bool) bool {
	fl := a.p.fl
	plan := false
	for k := ci; k <= at && k < cj; k++ {
		if !in(k) {
			continue
		}
		w := toks[k].lower
		switch {
		case w == "that" || toks[k].is(fCue) || confirmWords[w]:
			plan = false
		case fl.plans[w] || w == "further" || w == "additional":
			plan = true
		case w == "more" && !(k+1 < len(toks) && toks[k+1].lower == "than"):
			plan = true
		}
	}
	return plan
}

// frameOwner is the actor a proposition is about: for a verb, the last
// actor named before it (its subject); when the subject is a pronoun or
// left out ("denied having carried out", "warned it might send"), the
// speaker; else the first actor the content names; and a denier with
// nothing else named denies its own acts.
func (a *article) frameOwner(st *stmt, toks []token, ci, cj, verbAt int, in func(int) bool) string {
	actorAt := func(k int) (string, int) {
		n, ph, ok := a.p.gz.match(toks, k)
		if !ok {
			return "", 0
		}
		if name := actorName(ph.e); name != "" && !isMedia(ph.e) && !(k > 0 && locatives[toks[k-1].lower]) && !a.reportSource(toks, k+n) {
			return name, n
		}
		return "", n
	}
	if verbAt >= 0 {
		// the subject: the last actor before the verb, or the first of
		// actors joined by "and" ("Indian and Chinese troops clashed")
		owner, ownerEnd := "", -1
		for k := ci; k < verbAt; k++ {
			if !in(k) {
				continue
			}
			name, n := actorAt(k)
			if name != "" && !(ownerEnd >= 0 && k == ownerEnd+1 && toks[ownerEnd].lower == "and") {
				owner = name
			}
			if name != "" {
				ownerEnd = k + max(n, 1)
			}
			if n > 1 {
				k += n - 1
			}
		}
		if owner != "" {
			return owner
		}
		if subjectless(toks, ci, verbAt) {
			if o := a.speakerActor(st); o != "" {
				return o
			}
		}
	}
	for k := ci; k < cj; k++ {
		if !in(k) {
			continue
		}
		name, n := actorAt(k)
		if name != "" {
			return name
		}
		if n > 1 {
			k += n - 1
		}
	}
	if st.class == "deny" && !st.negated {
		return a.speakerActor(st)
	}
	return ""
}

// subjectless reports whether the verb at verbAt has a pronoun for its
// subject or none in the content: "it had sent", "having carried out".
func subjectless(toks []token, ci, verbAt int) bool {
	for b := verbAt - 1; b >= ci; b-- {
		t := &toks[b]
		if t.is(fPronoun) {
			return true
		}
		if t.word && t.cap {
			return false
		}
	}
	if verbAt > ci && strings.HasSuffix(toks[verbAt].lower, "ing") && toks[verbAt-1].is(fPreposition) {
		// "the possibility of sending": the gerund's subject is the
		// speaker's
		return true
	}
	if ci < len(toks) {
		w := toks[ci].lower
		return w == "to" || w == "having" || w == "being" || ci == verbAt
	}
	return false
}

// reportSource reports whether the tokens from k make the actor before them
// the source of a report rather than an actor of its proposition: "South
// Korea's claims", "Seoul's accusations".
func (a *article) reportSource(toks []token, k int) bool {
	return k+1 < len(toks) && toks[k].lower == "'s" && toks[k+1].flags&fFrame != 0 && a.p.fl.anaphora[toks[k+1].lower]
}

// wrapped returns the first statement of st's sentence that st's source
// wraps ("According to Politico, Rutte said the troops had been deployed"),
// or nil: a source that reports someone's statement reports its
// proposition.
func wrapped(st *stmt, sts []*stmt) *stmt {
	for _, o := range sts {
		if o != st && !o.whole {
			return o
		}
	}
	return nil
}

// restatingCues are participles by which a speaker's clause confirms or
// repeats an earlier finding: "said X, confirming earlier findings".
var restatingCues = map[string]bool{"confirming": true, "corroborating": true, "echoing": true, "reiterating": true, "repeating": true}

// restated returns the statement of the same sentence and speaker whose
// clause st's participle cue restates ("Rutte said the troops had been
// deployed, confirming earlier findings that ..."), or nil: what is
// confirmed is that clause.
func restated(st *stmt, sts []*stmt, toks []token) *stmt {
	if st.cj-st.ci != 1 || !restatingCues[toks[st.ci].lower] || st.ci == 0 || toks[st.ci-1].lower != "," {
		return nil
	}
	var main *stmt
	for _, o := range sts {
		if o == st || o.cue.start >= st.cue.start || !sharesSpeaker(o, st) {
			continue
		}
		main = o
	}
	return main
}

// sharesSpeaker reports whether two statements have a speaker in common.
func sharesSpeaker(x, y *stmt) bool {
	for _, a := range x.speakers {
		for _, b := range y.speakers {
			if a == b {
				return true
			}
		}
	}
	return false
}

// speakerActor is the country or organisation that speaks st, as an actor
// (the Kremlin acts for Russia), or "".
func (a *article) speakerActor(st *stmt) string {
	for _, sp := range st.speakers {
		e := a.ents.list[sp]
		if e.kind != domain.KindCountry && e.kind != domain.KindOrganization {
			continue
		}
		if g := a.p.gz.byName[e.lname]; g != nil {
			if name := actorName(g); name != "" {
				return name
			}
		}
		return e.name
	}
	return ""
}

// topic finds what the article is about: a named storm, else the first
// narrow place of its lead, else the first country or organisation of its
// title, else of its lead.
func (a *article) topic(title string) string {
	ttoks := tokenize(title, 0)
	a.p.annotate(ttoks)
	lead := a.sents
	if len(lead) > 3 {
		lead = lead[:3]
	}
	if n := namedStorm(ttoks); n != "" {
		return n
	}
	if n := a.stormName(); n != "" {
		return n
	}
	if p := a.leadPlace(lead, strings.ToLower(title)); p != "" {
		return p
	}
	if o := a.findOwnerIn(ttoks); o != "" {
		return strings.ToLower(o)
	}
	for k := range ttoks {
		if ttoks[k].cap && a.knownName(ttoks[k].lower) {
			return ttoks[k].lower
		}
	}
	for i := range lead {
		if o := a.findOwner(lead[i].toks, 0, len(lead[i].toks), false); o != "" {
			return strings.ToLower(o)
		}
	}
	return ""
}

// leadPlace returns the narrow place of the lead sentences that the title
// and body mention most, at least twice; the first one on a tie. A lead
// often names a site before the town it belongs to ("in Konabari, a suburb
// of Gazipur"); the place the story keeps coming back to is its scope.
func (a *article) leadPlace(lead []sentence, ltitle string) string {
	best, most := "", 1
	seen := map[string]bool{}
	for i := range lead {
		toks := lead[i].toks
		for k := 0; k < len(toks); k++ {
			p, n := a.placeAt(toks, k, len(toks))
			if p.narrow && !seen[p.name] {
				seen[p.name] = true
				if m := a.mentionsOf(p.name) + wordCount(ltitle, p.name); m > most {
					best, most = p.name, m
				}
			}
			if n > 1 {
				k += n - 1
			}
		}
	}
	return best
}

// demonymOf returns the first demonym of the listed country named name, or
// "".
func (g *gazetteer) demonymOf(name string) string {
	if e, ok := g.byName[strings.ToLower(name)]; ok && len(e.demonyms) > 0 {
		return e.demonyms[0]
	}
	return ""
}

// verbAfter reports whether toks[k] looks like the verb of a subject before
// it: an auxiliary, a form of "be" or "have", a sending or plan word.
func (a *article) verbAfter(toks []token, k int) bool {
	if k >= len(toks) {
		return false
	}
	t := toks[k]
	if t.is(fAux) || t.is(fBe) || t.is(fPerfectAux) || t.is(fCue) {
		return true
	}
	fl := a.p.fl
	if fl.plans[t.lower] {
		return true
	}
	if _, ok := fl.predVerbs[t.lower]; ok {
		return true
	}
	if e, ok := fl.events[t.lower]; ok && e == "present" {
		return true
	}
	return false
}

// knownName reports whether lname is the lowercased name or an alias of a
// person or organisation of the article.
func (a *article) knownName(lname string) bool {
	if a.known == nil {
		a.known = map[string]bool{}
		for _, e := range a.ents.list {
			if e.kind != domain.KindOrganization && e.kind != domain.KindGroup && !(e.kind == domain.KindPerson && len(e.fields) > 1) {
				continue
			}
			a.known[e.lname] = true
			for _, al := range e.aliases {
				a.known[strings.ToLower(al)] = true
			}
		}
	}
	return a.known[lname]
}

// mentionsOf counts the whole-word mentions of a lowercased name in the
// body.
func (a *article) mentionsOf(name string) int {
	return wordCount(a.low, name)
}

// wordCount counts the whole-word occurrences of name in the lowercased
// text low.
func wordCount(low, name string) int {
	n := 0
	for i := 0; ; {
		j := strings.Index(low[i:], name)
		if j < 0 {
			return n
		}
		at := i + j
		end := at + len(name)
		before := at == 0 || !isWordByte(low[at-1])
		after := end >= len(low) || !isWordByte(low[end])
		if before && after {
			n++
		}
		i = end
	}
}

func isWordByte(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b >= 0x80
}

// findOwnerIn returns the first country or organisation a title names,
// wherever it stands: "Floods in Pakistan" is about Pakistan.
func (a *article) findOwnerIn(toks []token) string {
	for k := 0; k < len(toks); k++ {
		n, ph, ok := a.p.gz.match(toks, k)
		if !ok {
			continue
		}
		if ph.e.kind == domain.KindCountry || ph.e.kind == domain.KindOrganization {
			return ph.e.name
		}
		k += n - 1
	}
	return ""
}

// words lists every word the frame stage looks tokens up by: single
// entries and the first words of phrases.
func (fl *frameLexicon) words() []string {
	var out []string
	addKeys := func(keys []string) {
		for _, k := range keys {
			first, _, _ := strings.Cut(k, " ")
			out = append(out, first)
		}
	}
	for _, m := range []map[string]string{fl.events, fl.predVerbs, fl.predNouns} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		addKeys(keys)
	}
	for _, m := range []map[string]bool{fl.plans, fl.rates, fl.eventNouns, fl.placeNouns, fl.anaphora, fl.narrowers, fl.countrywide, fl.institutions} {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		addKeys(keys)
	}
	return out
}

// actorName is the canonical name of a listed country or organisation as
// an actor, a seat of government standing for its country; "" for
// anything else.
func actorName(e *gazEntry) string {
	switch e.kind {
	case domain.KindCountry:
		return e.name
	case domain.KindOrganization:
		if e.country != "" && slices.Contains(e.classes, "government") {
			return e.country
		}
		return e.name
	}
	return ""
}

// isMedia reports whether a listed organisation is a news outlet, which
// reports propositions rather than acting in them.
func isMedia(e *gazEntry) bool {
	for _, c := range e.classes {
		if c == "newspaper" || c == "broadcaster" || c == "news agency" {
			return true
		}
	}
	return false
}
