package analysis

import (
	"sort"
	"strings"
	"unicode"

	"github.com/factgraph/factgraph/internal/domain"
)

// Speaker resolution: turning the noun phrase before or after a cue ("the
// Ukrainian agency", "a Tessaro spokesperson", "he", "senior US and
// Ukrainian officials") into entities of the article.

// npLeft returns where the noun phrase ending at toks[k] starts.
func npLeft(a *article, toks []token, k int) int {
	covered := func(x int) bool { return a.curMen != nil && x < len(a.curMen) && a.curMen[x] >= 0 }
	t := toks[k]
	if t.is(fPronoun) {
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
		case w == "the" && x > 0 && x < k && (toks[x-1].lower == "of" || (toks[x-1].lower == "to" && x > 1 && toks[x-2].is(fPersonRole))):
			ok = true
		case w == "the" && x > 1 && x < k && toks[x-1].lower == "and" && nameToken(toks[x-2]) && !toks[x-2].is(fStopCap) && nameToken(toks[x+1]):
			ok = true // "Beijing and the China Coast Guard"
		case w == "the" && x > 1 && x < k && toks[x-1].lower == "and" && toks[x-2].is(fGroup) && (toks[x+1].is(fGroup) || toks[x+1].is(fClass) || toks[x+1].is(fRole)):
			ok = true // "Farmers' groups and the opposition"
		case isDet(w) || w == "both" || w == "many" || w == "some" || w == "its" || w == "their" || w == "his" || w == "her" || (w == "one" && x < k):
			return x
		case tx.cap && tx.is(fStopCap):
			ok = false
		case w == "'s" || w == "of":
			ok = x < k
		case reportModifiers[w] && x < k && (isReportNoun(toks[k].lower) || toks[k].is(fDocument)):
			ok = true // "Aotea Rail's own figures"
		case x < k && possessiveMark(toks, x):
			ok = true // "the Almaty Bakers' Guild"
		case w == "to" && x < k && x > 0 && toks[x-1].is(fPersonRole):
			ok = true
		case w == "and":
			ok = x < k && x > 0 && (toks[x-1].cap || toks[x-1].is(fModifier) || toks[x-1].is(fRole) || toks[x-1].is(fGroup))
		case tx.cap || nameToken(tx) || (covered(x) && tx.word):
			ok = true
		case tx.flags&(fRole|fGroup|fModifier|fClass|fTitle) != 0 || (sourceHeads[w] && !tx.cap):
			ok = true
		case tx.word && !tx.cap && x < k && x >= k-2 && toks[k].is(fGroup) && !tx.is(fAux) && !tx.is(fCue) && !tx.is(fNotVerb) && !tx.is(fBe) && !tx.is(fPronoun) &&
			!strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ly") && !strings.HasSuffix(w, "ing") && !tx.is(fNumberWord) && !isDet(w):
			ok = true // "human rights groups", "aid agencies"
		case tx.word && x < k && x > 0 && covered(x-1) && !covered(x) && !tx.is(fCue) && !tx.is(fAux) && (toks[k].is(fRole) || toks[k].is(fClass)):
			ok = true // "UN refugee agency"
		case tx.word && x == k && !tx.cap && x > 0 && (toks[x-1].cap || toks[x-1].lower == "of") && !strings.HasSuffix(w, "ed") && !tx.is(fAux):
			ok = true // "US diplomacy"
		case tx.word && x == k && (isReportNoun(w) || tx.is(fSourceNoun)):
			ok = true
		case tx.word && x == k && !tx.cap && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 && !tx.is(fAux) && !tx.is(fBe):
			ok = true // a plural noun: "medics", "farmers"
		}
		if !ok && tx.word && !tx.cap && x < k && (toks[k].is(fRole) || toks[k].is(fClass) || toks[k].is(fGroup) || nameToken(toks[k])) {
			// "the telecoms company Zentel", "the electoral commission"
			for y := x; y >= 0 && y >= x-2; y-- {
				if isDet(toks[y].lower) {
					return y
				}
				if toks[y].lower == "'s" && y > 0 && toks[y-1].cap {
					// "Japan's chief cabinet secretary"
					return npLeft(a, toks, y-1)
				}
				if toks[y].lower == "'s" && y > 1 && toks[y-1].word && isDet(toks[y-2].lower) {
					// "the country's forensic medical service"
					return y - 2
				}
				if !toks[y].word || toks[y].cap || toks[y].is(fAux) || toks[y].is(fNotVerb) || strings.HasSuffix(toks[y].lower, "ed") || toks[y].is(fPronoun) {
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
	covered := func(x int) bool { return a.curMen != nil && x < len(a.curMen) && a.curMen[x] >= 0 }
	e := k
	for x := k; x < len(toks); x++ {
		tx := toks[x]
		w := tx.lower
		ok := false
		switch {
		case isDet(w) && x == k:
			ok = true
		case x == k && (tx.is(fNumberWord) || (tx.word && tx.text[0] >= '0' && tx.text[0] <= '9')) && x+1 < len(toks) && (toks[x+1].flags&(fGroup|fRole|fModifier) != 0 || sourceHeads[toks[x+1].lower]):
			ok = true // "citing two sources"
		case w == "the" && x > k && toks[x-1].lower == "of":
			ok = true
		case w == "'s" || w == "of":
			ok = x > k && x+1 < len(toks) && toks[x+1].word
		case (w == "for" || w == "at") && x > k && toks[x-1].is(fPersonRole) && x+1 < len(toks) && toks[x+1].word:
			ok = true // "a spokesperson for the Israel Defense Forces"
		case w == "the" && x > k && (toks[x-1].lower == "for" || toks[x-1].lower == "at"):
			ok = true
		case w == "and":
			ok = x > k && x+1 < len(toks) && (toks[x+1].cap || toks[x+1].is(fModifier) || isDet(toks[x+1].lower))
		case tx.cap || nameToken(tx):
			ok = true
		case tx.flags&(fRole|fGroup|fModifier|fClass) != 0 || isReportNoun(w) || (tx.is(fDocument) && !tx.cap) || (sourceHeads[w] && !tx.cap) || (tx.is(fSourceNoun) && x > k) ||
			(tx.is(fTitle) && w != "of" && x+1 < len(toks) && toks[x+1].cap):
			ok = true
		case w == "preliminary" || w == "official" || w == "early" || w == "earlier" || w == "latest" || w == "new" ||
			(tx.is(fSourceAdj) && x+1 < len(toks) && toks[x+1].is(fDocument)):
			ok = true // "internal emails"
		case covered(x) && tx.word:
			ok = true
		case tx.word && !tx.cap && x+1 < len(toks) && (toks[x+1].flags&(fRole|fClass|fGroup) != 0 || (x+2 < len(toks) && !toks[x+1].cap && toks[x+2].flags&(fRole|fClass|fGroup) != 0)) && !tx.is(fAux) && !tx.is(fBe) && !tx.is(fPreposition) && !tx.is(fNotVerb):
			ok = true // "the Berlin fire brigade"
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
	case "reports", "report", "data", "figures", "statistics", "estimates", "records", "media", "press":
		return true
	}
	return false
}

// resolveNP maps the noun phrase toks[s:e] to speaker entities.
func (a *article) resolveNP(c *sentCtx, s, e int) []int {
	toks := c.toks
	lx := a.p.lx
	if s >= e {
		return nil
	}
	// a name ending in punctuation: "Which?", "Yahoo!"
	if e-s == 2 && toks[s].cap && toks[s].word && (toks[e-1].text == "?" || toks[e-1].text == "!") {
		ix := a.orgByName(textOf(a.body, toks, s, e))
		a.ents.mention(ix, span{toks[s].start, toks[e-1].end})
		a.classFromContext(ix, toks, s, e)
		return []int{ix}
	}
	// coordination: "North Korea and Russia", "senior US and Ukrainian officials"
	for x := s + 1; x < e-1; x++ {
		if toks[x].text == "," && c.tokMen[x] < 0 && nameToken(toks[x-1]) && nameToken(toks[x+1]) && hasWord(toks[x+1:e], "and") {
			// a serial list: "Poland, Sweden and Canada"
			if left, right := a.resolveNP(c, s, x), a.resolveNP(c, x+1, e); len(left) > 0 && len(right) > 0 {
				return dedupe(append(left, right...))
			}
		}
		if toks[x].lower != "and" || c.tokMen[x] >= 0 {
			continue // an "and" inside one name does not coordinate
		}
		left := a.resolveNP(c, s, x)
		right := a.resolveNP(c, x+1, e)
		if len(right) > 0 && (toks[e-1].is(fGroup) || toks[e-1].is(fRole)) && !toks[e-1].cap && !a.hasHead(toks[s:x]) {
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
	def, indef, possPerson := false, false, false
	for s < e {
		w := toks[s].lower
		indef = indef || w == "a" || w == "an" || w == "one"
		if w == "his" || w == "her" {
			def, possPerson = true, true // "his ministry": the one the story names
		}
		if w == "its" && s+2 == e && (toks[s+1].is(fGroup) || plainPlural(toks[s+1])) && !toks[s+1].cap {
			// "said its inspectors had verified": the body's staff speak
			// for it
			if sp := a.resolvePronoun("it"); len(sp) == 1 && a.ents.list[sp[0]].kind == domain.KindOrganization {
				return sp
			}
		}
		if w == "its" || w == "their" {
			def = true // "its chairwoman": the body's own
			if s+1 < e && e-s <= 3 && toks[e-1].is(fClass) && !toks[e-1].is(fPersonRole) && !toks[s+1].cap {
				// "a statement from its humanitarian office" reduced to
				// "its office": the body itself
				if sp := a.resolvePronoun(pronounOfPossessive[w]); len(sp) > 0 {
					return sp
				}
			}
		}
		if isDet(w) || (w == "one" && s+1 < e) || w == "both" || w == "many" || w == "some" || w == "several" || w == "also" || w == "its" || w == "their" || w == "his" || w == "her" || w == "our" || toks[s].is(fNumberWord) || (toks[s].word && toks[s].text[0] >= '0' && toks[s].text[0] <= '9' && s+1 < e) {
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
	if e-s == 1 && nobodyWords[toks[s].lower] {
		return nil // "Nobody told us anything": no one speaks
	}
	surface := a.body[toks[s].start:toks[e-1].end]
	if ix := a.unnamedSource(toks, s, e); ix >= 0 {
		return []int{ix}
	}
	// "Libya's ambassador to the UN": the holder of the post speaks
	for x := s + 1; x < e-1; x++ {
		if (toks[x].lower == "to" || toks[x].lower == "for") && toks[x-1].is(fPersonRole) {
			sp := a.resolveNP(c, s, x)
			for _, ix := range sp {
				a.ents.alias(ix, surface)
			}
			if len(sp) > 0 {
				return sp
			}
		}
	}
	// documents: "the indictment", "a police statement", "the draft"
	if toks[e-1].is(fDocument) && !toks[e-1].cap {
		if sp := a.documentSource(c, s, e, def); len(sp) > 0 {
			return sp
		}
	}
	// trailing report nouns: "Marketline Pro data", "South Korean intelligence
	// reports", "the ministry's statement"
	if e-s >= 2 && (isReportNoun(toks[e-1].lower) || toks[e-1].is(fSourceNoun)) && toks[e-1].lower != "media" {
		in := e - 1
		for in-1 > s && reportModifiers[toks[in-1].lower] {
			in-- // "the authority's latest count"
		}
		if toks[in-1].lower == "'s" && in-1 > s {
			in--
			if def {
				s-- // keep "the" for "the ministry"
			}
		}
		if in-1 == s && possessivePron[toks[s].lower] {
			// "according to its website": whoever "its" refers to
			if sp := a.resolvePronoun(pronounOfPossessive[toks[s].lower]); len(sp) > 0 {
				return sp
			}
		}
		inner := a.resolveNP(c, s, in)
		if len(inner) > 0 {
			return inner
		}
	}
	// an adjective starting a sentence ("Unconfirmed reports", "Official
	// data") names nobody
	if e-s == 1 && s == 0 && toks[s].cap && (toks[s].is(fModifier) || looksAdjective(toks[s].lower)) && c.tokEnt[s] < 0 {
		return nil
	}
	// "Residents of Vila Nova": the people of a place
	if e-s >= 3 && toks[s].is(fGroup) && toks[s+1].lower == "of" && (s == 0 || !toks[s].cap) {
		return []int{a.group(toks[s].lower, surface)}
	}
	// "both parties confirmed": the two bodies the story is about
	if e-s == 1 && s > 0 && toks[s-1].lower == "both" && bothNouns[toks[s].lower] {
		var two []int
		for i, en := range a.ents.list {
			if en.kind == domain.KindOrganization || en.kind == domain.KindCountry {
				two = append(two, i)
			}
		}
		sort.SliceStable(two, func(i, j int) bool { return a.ents.list[two[i]].lastPos > a.ents.list[two[j]].lastPos })
		if len(two) >= 2 {
			return []int{two[1], two[0]}
		}
	}
	// "Lawyers" opening the sentence: the plural of a role, not a name
	if w := toks[s].lower; e-s == 1 && s == 0 && toks[s].cap && len(w) > 3 && strings.HasSuffix(w, "s") && personRoles[w[:len(w)-1]] {
		return []int{a.group(w, surface)}
	}
	// a single pronoun
	if e-s == 1 && toks[s].is(fPronoun) {
		if toks[s].lower == "it" && s > 1 {
			// "Aotea Rail acknowledged that 64% did not run, up from the
			// 58% it reported": "it" is the body the sentence is about
			if ix := a.sentenceSubjectBody(c, s); ix >= 0 {
				return []int{ix}
			}
		}
		return a.resolvePronoun(toks[s].lower)
	}
	// generic reports with no owner
	if e-s <= 2 && (isReportNoun(toks[e-1].lower) || isDocumentary(toks[e-1].lower)) && toks[e-1].lower != "media" && (!toks[s].cap || e-s == 1 || (s == 0 && (toks[s].is(fModifier) || looksAdjective(toks[s].lower)))) {
		if toks[e-1].lower == "reports" || toks[e-1].lower == "report" {
			return []int{a.group("media reports", surface)}
		}
		if (isDocumentary(toks[e-1].lower) || (e-s == 2 && toks[s].lower == "official")) && c.tokEnt[e-1] < 0 {
			// "court records", "documents", "official data": the papers
			// themselves
			return []int{a.group(strings.ToLower(surface), surface)}
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
	// "the head of US diplomacy", "the mayor of Brindle": the role is the head
	for x := s + 1; x < e; x++ {
		if toks[x].lower == "of" && (toks[x-1].is(fPersonRole) || toks[x-1].is(fRole)) && !toks[x-1].cap {
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
		if !(toks[x].is(fTitle) || toks[x].is(fRole) || toks[x].is(fModifier) || w == "of" || w == "'s" || w == "the") {
			descOnly = false
		}
	}
	if len(persons) > 0 {
		p := persons[len(persons)-1]
		a.ents.alias(p, surface)
		return []int{p}
	}
	// unnamed groups: "experts", "officials", "Politicians", "aid groups"
	if head.is(fGroup) && len(orgs) == 0 && len(countries) == 0 && len(dem) == 0 {
		if e-s == 1 {
			// "police" after "the Judicial Police": the body named before
			if ix := a.orgEndingIn(hw); ix >= 0 {
				a.ents.alias(ix, surface)
				return []int{ix}
			}
		}
		return []int{a.group(groupLabel(toks, s, e, hw), surface)}
	}
	// one unnamed member of an occupation: "a nurse", "one farmer"
	if indef && e-s == 1 && (a.p.lx.groups[hw+"s"] || (sourceHeads[hw] && !strings.HasSuffix(hw, "s") && hw != "person" && hw != "source")) &&
		len(orgs) == 0 && len(countries) == 0 && len(dem) == 0 {
		return []int{a.group(hw, surface)}
	}
	if (hw == "media" || hw == "press") && len(orgs) == 0 && len(countries) == 0 && len(dem) == 0 && len(persons) == 0 {
		return []int{a.group("media reports", surface)}
	}
	// "the US Secretary of State": a title standing for its holder
	if def && descOnly {
		qual := ""
		if len(countries) > 0 {
			qual = a.ents.list[countries[len(countries)-1]].lname
		} else if len(dem) > 0 {
			qual = a.ents.list[dem[len(dem)-1]].lname
		}
		if ix := a.personByRole(toks[s:e], qual); ix >= 0 {
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	// a capitalised name after its description: "the French newspaper Le Matin"
	if nameToken(head) && c.tokMen[e-1] >= 0 && c.tokEnt[e-1] < 0 {
		m := c.ms[c.tokMen[e-1]]
		name := toks[m.title:m.j]
		if m.kind == mName && m.i >= s {
			if ix := a.knownPerson(name); ix >= 0 {
				a.ents.alias(ix, surface)
				return []int{ix}
			}
			if len(name) == 1 && (head.is(fOrgWord) || head.is(fClass)) && def {
				if ix := a.byClass(hw, "", true); ix >= 0 {
					a.ents.alias(ix, surface)
					return []int{ix}
				}
			}
			var ix int
			if o := a.orgPrefixOf(name); o >= 0 {
				a.ents.alias(o, surface)
				return []int{o}
			}
			name = trimPostNominal(name)
			if len(name) >= 2 && len(name) <= 4 && !a.p.hasOrgWord(name) && !isAllCaps(name[0].text) && !orgDescBefore(toks, m.i) && (m.i == s || (m.i > s && toks[m.i-1].is(fPersonRole) && !toks[m.i-1].cap)) {
				ix = a.ents.add(textOf(a.body, name, 0, len(name)), domain.KindPerson)
				a.ents.alias(ix, name[len(name)-1].text)
			} else {
				ix = a.orgByName(textOf(a.body, toks, m.i, m.j))
				a.classFromContext(ix, toks, m.i, m.j)
			}
			a.ents.mention(ix, span{toks[m.i].start, toks[m.j-1].end})
			a.ents.alias(ix, surface)
			for x := s; x < m.i; x++ {
				if toks[x].is(fClass) {
					setAdd(&a.ents.list[ix].classes, toks[x].lower)
				}
			}
			return []int{ix}
		}
	}
	isHeadRole := head.is(fRole) || head.is(fGroup) || head.is(fClass)
	// an organisation with a role: "a Tessaro spokesperson", "the chief of the WMO"
	if len(orgs) > 0 {
		o := orgs[len(orgs)-1]
		a.ents.alias(o, surface)
		return []int{o}
	}
	// an unknown capitalised name with a role: "a Baltinfo correspondent"
	if isHeadRole && firstMen >= 0 && c.tokEnt[firstMen] < 0 && c.ms[c.tokMen[firstMen]].kind == mName {
		m := c.ms[c.tokMen[firstMen]]
		// "District health officers" opening a sentence: a common word
		// capitalised, not a name
		common := m.i == 0 && m.j == 1 && (toks[0].is(fClass) || toks[0].is(fPlaceWord) || toks[0].is(fModifier))
		if m.j < e && !def && !common {
			// "Bavaria's regional health office": a body of the place
			// named, not the place itself
			if name := a.bodyOfPlace(toks, m.i, m.j, e); name != "" {
				ix := a.orgByName(name)
				setAdd(&a.ents.list[ix].classes, hw)
				a.ents.alias(ix, surface)
				return []int{ix}
			}
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
	if def || (country >= 0 && head.is(fPersonRole)) {
		qual := ""
		if country >= 0 {
			qual = a.ents.list[country].lname
		}
		if head.is(fPersonRole) || hw == "head" {
			if ix := a.personByRole(toks[s:e], qual); ix >= 0 && def {
				a.ents.alias(ix, surface)
				return []int{ix}
			}
		}
		if def && (head.is(fClass) || head.is(fRole)) && country < 0 {
			if ix := a.byClass(hw, qual, false); ix >= 0 {
				a.ents.alias(ix, surface)
				return []int{ix}
			}
			// "the mission": the body whose observers or envoys were
			// last heard from
			if hw == "mission" && e-s == 1 {
				if ix := a.latest(func(e *entity) bool { return e.kind == domain.KindOrganization && e.spoke }); ix >= 0 {
					a.ents.alias(ix, surface)
					return []int{ix}
				}
			}
		}
		if def && head.is(fClass) && country >= 0 {
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
		for ti := range rest {
			t := &rest[ti]
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
		if broadcastNouns[hw] {
			// "Uzbek state television": the broadcaster, not the state
			return []int{a.group(strings.ToLower(surface), surface)}
		}
		// a named body of the country: "France's Interior Ministry"
		if head.cap && (head.is(fOrgWord) || head.is(fClass)) && c.tokEnt[e-1] < 0 {
			k := e - 1
			for k > s && toks[k-1].cap && c.tokEnt[k-1] < 0 && toks[k-1].lower != "'s" {
				k--
			}
			bare := textOf(a.body, toks, k, e)
			ix := a.ents.add(a.demonymOf(cname)+" "+bare, domain.KindOrganization)
			a.ents.list[ix].country = cname
			setAdd(&a.ents.list[ix].classes, hw)
			a.ents.alias(ix, surface)
			if e-k >= 2 {
				a.ents.alias(ix, bare) // "National Climate Institute" later on its own
			}
			return []int{ix}
		}
		// "China's coast guard" when the article also names the "China
		// Coast Guard"
		if ix := a.namedBodyOf(toks, s, e, cname); ix >= 0 {
			a.ents.alias(ix, surface)
			return []int{ix}
		}
		if e-s == 1 || isHeadRole || head.cap {
			a.ents.alias(country, surface)
			return []int{country}
		}
		return nil
	}
	// "a police spokesman", "a union leader": the body behind the person
	if head.is(fPersonRole) && e-s >= 2 && !toks[e-2].cap && (toks[e-2].is(fGroup) || toks[e-2].is(fClass)) && len(orgs) == 0 && len(countries) == 0 && len(dem) == 0 {
		if sp := a.resolveNP(c, e-2, e-1); len(sp) > 0 {
			for _, ix := range sp {
				a.ents.alias(ix, surface)
			}
			return sp
		}
	}
	// "the country's forensic service": the country in the news
	if def && e-s >= 3 && (toks[s].lower == "country" || toks[s].lower == "nation") && toks[s+1].lower == "'s" {
		if ix := a.latest(func(e *entity) bool { return e.kind == domain.KindCountry }); ix >= 0 {
			a.ents.alias(ix, surface)
			return []int{ix}
		}
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
		if !toks[x].is(fClass) || toks[x].cap {
			continue
		}
		ix := a.byClass(w, "", false)
		if ix < 0 && companyNouns[w] {
			ix = a.latest(func(e *entity) bool {
				if e.kind != domain.KindOrganization || e.gaz || e.classes["newspaper"] || e.classes["agency"] || e.classes["broadcaster"] {
					return false
				}
				for _, wd := range e.words {
					if publicBodyWords[wd] {
						return false
					}
				}
				return true
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
	if head.is(fGroup) {
		return []int{a.group(hw, surface)}
	}
	if head.cap && strings.HasSuffix(head.text, "s") {
		if _, ph, ok := a.p.gz.match([]token{{text: head.text[:len(head.text)-1], lower: hw[:len(hw)-1], cap: true, word: true}}, 0); ok && ph.demonym {
			return []int{a.group(head.text, surface)}
		}
	}
	// role of a place: "the mayor of Brindle"
	for x := s + 1; x < e-1; x++ {
		if toks[x].lower == "of" && toks[x-1].is(fPersonRole) && toks[x+1].cap {
			name := surface
			r := []rune(name)
			r[0] = unicode.ToUpper(r[0])
			ix := a.ents.add(string(r), domain.KindPerson)
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	if e-s == 1 && head.cap && !head.is(fStopCap) {
		if ix := a.knownPerson(toks[s:e]); ix >= 0 {
			return []int{ix}
		}
		if a.apposition(toks, e) == "person" && !head.is(fOrgWord) {
			// "Haddad, the Hamilton oncologist, told": a surname
			ix := a.ents.add(head.text, domain.KindPerson)
			a.ents.mention(ix, span{head.start, head.end})
			return []int{ix}
		}
		ix := a.orgByName(head.text)
		a.ents.mention(ix, span{head.start, head.end})
		a.classFromContext(ix, toks, s, e)
		return []int{ix}
	}
	// an unknown capitalised name
	if nameToken(head) && firstMen >= 0 {
		m := c.ms[c.tokMen[firstMen]]
		name := toks[m.title:m.j]
		if ix := a.orgPrefixOf(name); ix >= 0 {
			a.ents.alias(ix, surface) // "Kestrel Lane" for "Kestrel Lane Capital"
			return []int{ix}
		}
		name = trimPostNominal(name)
		if len(name) >= 2 && len(name) <= 5 && !a.p.hasOrgWord(name) && !isAllCaps(name[0].text) && a.apposition(toks, m.j) != "org" && !orgDescBefore(toks, m.i) {
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
	// "the person added": the unnamed source described before
	if def && e-s == 1 && sourceHeads[hw] {
		if ix := a.latest(func(en *entity) bool { return en.kind == domain.KindGroup && strings.HasPrefix(en.lname, hw+" ") }); ix >= 0 {
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	// "the spokesperson": the last entity described that way
	if def && isHeadRole {
		if ix := a.byDescr(hw); ix >= 0 {
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	// "A spokesman said": a spokesperson with no body named speaks for the
	// organisation the story just mentioned
	if e-s == 1 && (hw == "spokesman" || hw == "spokeswoman" || hw == "spokesperson") {
		if ix := a.latest(func(e *entity) bool { return e.kind == domain.KindOrganization || e.kind == domain.KindCountry }); ix >= 0 {
			a.ents.alias(ix, surface)
			return []int{ix}
		}
	}
	// nobody named: "a senior official" speaks for "officials"; "the army"
	// becomes an entity of its own
	if isHeadRole && !head.cap {
		if !def && head.is(fPersonRole) {
			if pl := pluralRole(hw); lx.groups[pl] {
				return []int{a.group(pl, surface)}
			}
		}
		if (def && !possPerson) || (indef && e-s == 1 && head.is(fClass)) { // "the army", "a jury"
			name := strings.ToLower(surface)
			if e-s > 3 {
				name = hw
			}
			kind := domain.KindOrganization
			if head.is(fPersonRole) && !strings.HasSuffix(hw, "s") {
				kind = domain.KindPerson // "the mayor": one person, unnamed
			}
			ix := a.ents.add(name, kind)
			a.ents.alias(ix, surface)
			setAdd(&a.ents.list[ix].classes, hw)
			return []int{ix}
		}
	}
	// a plain plural noun right before the verb: "medics said", "farmers say"
	if !head.cap && head.word && strings.HasSuffix(hw, "s") && !strings.HasSuffix(hw, "ss") && len(hw) > 3 && !isReportNoun(hw) && !isEvidence(hw) && !head.is(fAux) && e-s <= 3 {
		return []int{a.group(groupLabel(toks, s, e, hw), surface)}
	}
	return nil
}

// broadcastNouns name a country's broadcasters: "Kenyan state radio".
var broadcastNouns = map[string]bool{"television": true, "tv": true, "radio": true, "broadcaster": true}

// nobodyWords are indefinite pronouns that name no speaker.
var nobodyWords = map[string]bool{"nobody": true, "everybody": true, "everyone": true, "somebody": true, "someone": true, "anybody": true,
	"anyone": true, "none": true, "nothing": true, "everything": true, "something": true}

// collectives name the party that a plural of its members also names:
// prosecutors are the prosecution, defence lawyers the defence.
var collectives = map[string]string{"prosecutors": "prosecution", "prosecution": "prosecution", "defence lawyers": "defence",
	"defense lawyers": "defense", "defence": "defence", "defense": "defense"}

// bothNouns stand for the two parties of a story after "both".
var bothNouns = map[string]bool{"parties": true, "sides": true, "companies": true, "firms": true, "clubs": true, "bodies": true,
	"organisations": true, "organizations": true, "governments": true, "countries": true, "agencies": true}

// reportModifiers stand between an owner and its report: "the ministry's
// latest count", "the bank's own estimate".
var reportModifiers = map[string]bool{"latest": true, "new": true, "own": true, "official": true, "preliminary": true, "final": true,
	"revised": true, "updated": true, "first": true, "initial": true, "monthly": true, "weekly": true, "annual": true, "quarterly": true}

// orgPrefixOf finds an organisation already named whose name begins with
// the words of name ("Kestrel Lane" after "Kestrel Lane Capital"), -1 when
// there is none.
func (a *article) orgPrefixOf(name []token) int {
	if len(name) < 2 {
		return -1
	}
	var b strings.Builder
	for i := range name {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(name[i].lower)
	}
	pre := b.String() + " "
	for i, e := range a.ents.list {
		if e.kind == domain.KindOrganization && strings.HasPrefix(e.lname, pre) {
			return i
		}
	}
	return -1
}

// postNominals follow a person's name without being part of it ("Fiona
// Rourke SC", "Ana Reis MP").
var postNominals = map[string]bool{"SC": true, "QC": true, "KC": true, "MP": true, "MEP": true, "TD": true, "PhD": true, "Jr": true, "Jr.": true, "Sr": true, "Sr.": true}

// trimPostNominal drops post-nominal letters from the end of a name.
func trimPostNominal(name []token) []token {
	for len(name) > 2 && postNominals[name[len(name)-1].text] {
		name = name[:len(name)-1]
	}
	return name
}

// sourceHeads are the nouns that unnamed sources are described by: "two
// people familiar with the talks", "a banker close to the deal".
var sourceHeads = map[string]bool{"person": true, "people": true, "source": true, "sources": true, "official": true, "officials": true,
	"insider": true, "insiders": true, "lawyer": true, "lawyers": true, "banker": true, "bankers": true, "executive": true, "executives": true,
	"member": true, "members": true, "diplomat": true, "diplomats": true, "barrister": true, "adviser": true, "advisers": true, "aide": true, "aides": true}

// postmodOf returns where the words that tie an unnamed source to what it
// knows end, when toks[k:] opens them ("familiar with", "close to",
// "briefed on", "with knowledge of", "aware of"), else -1.
func postmodOf(toks []token, k int) int {
	if k+1 >= len(toks) {
		return -1
	}
	w, n := toks[k].lower, toks[k+1].lower
	switch {
	case w == "familiar" && n == "with", w == "close" && n == "to", w == "briefed" && n == "on", w == "aware" && n == "of",
		w == "involved" && n == "in", w == "privy" && n == "to", w == "knowledgeable" && n == "about", w == "informed" && n == "about":
		return k + 2
	case w == "with" && (n == "knowledge" || n == "direct") && k+2 < len(toks):
		for x := k + 2; x < len(toks) && x <= k+4; x++ {
			if toks[x].lower == "of" {
				return x + 1
			}
		}
	}
	return -1
}

// extendPostmod extends a noun phrase ending at e over a source's
// postmodifier ("people familiar with the talks"); e when there is none.
func (a *article) extendPostmod(toks []token, s, e int) int {
	if e <= s || !sourceHeads[toks[e-1].lower] {
		return e
	}
	p := postmodOf(toks, e)
	if p < 0 {
		return e
	}
	// the thing known about: a short phrase up to punctuation or a verb
	e2 := p
	for e2 < len(toks) && e2 < p+6 {
		t := toks[e2]
		if !t.word || t.is(fCue) || t.is(fAux) || t.is(fBe) || (t.is(fNotVerb) && t.lower != "of") || (t.is(fPreposition) && t.lower != "of") {
			break
		}
		e2++
	}
	if e2 > p {
		return e2
	}
	return e
}

// unnamedSource resolves "people familiar with the talks" to a group
// named by the whole description, also known by its head noun.
func (a *article) unnamedSource(toks []token, s, e int) int {
	for x := s; x < e-2; x++ {
		if !sourceHeads[toks[x].lower] || postmodOf(toks, x+1) < 0 {
			continue
		}
		label := strings.ToLower(a.body[toks[x].start:toks[e-1].end])
		ix := a.group(label, a.body[toks[s].start:toks[e-1].end])
		a.ents.alias(ix, toks[x].lower)
		return ix
	}
	return -1
}

// hasWord reports whether one of ts is the lowercase word w.
func hasWord(ts []token, w string) bool {
	for i := range ts {
		if ts[i].lower == w {
			return true
		}
	}
	return false
}

// groupLabel is the short lowercase label of an unnamed group: its noun
// words without determiners and plain modifiers ("district surveillance
// officers", "aid groups", but "officials" for "senior officials").
func groupLabel(toks []token, s, e int, hw string) string {
	if e-s > 4 {
		return hw
	}
	var b strings.Builder
	for x := s; x < e; x++ {
		t := toks[x]
		if t.lower == "'s" && x > s {
			b.WriteString(strings.ReplaceAll(t.text, "\u2019", "'")) // "farmers' groups"
			continue
		}
		if !t.word || (t.cap && x > 0) || (t.text[0] >= '0' && t.text[0] <= '9') {
			return hw
		}
		if x < e-1 && !topicNouns[t.lower] && t.lower != "former" && (isDet(t.lower) || t.is(fModifier) || t.is(fNumberWord) || t.is(fStopCap) || looksAdjective(t.lower)) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.lower)
	}
	if b.Len() == 0 {
		return hw
	}
	return b.String()
}

// topicNouns name a field in a compound ("health officials", "border
// guards") and stay in a group's label.
var topicNouns = map[string]bool{"health": true, "finance": true, "trade": true, "defence": true, "defense": true, "security": true,
	"border": true, "emergency": true, "intelligence": true, "justice": true, "interior": true, "economy": true, "press": true,
	"navy": true, "army": true, "police": true, "aid": true, "rescue": true, "hospital": true, "election": true, "customs": true}

// orgDescBefore reports whether the name at toks[i] is set off by a comma
// after a noun for an organisation ("the operator, Minera Atacama Sur,",
// "the miners' union, Sindicato Minero del Norte,").
func orgDescBefore(toks []token, i int) bool {
	if i < 2 || toks[i-1].text != "," {
		return false
	}
	t := toks[i-2]
	return t.word && !t.cap && (t.is(fClass) || t.is(fOrgWord)) && !t.is(fPersonRole)
}

// namedBodyOf finds, for "China's coast guard" (the country's name, then
// lowercase words ending in an organisation noun), the body the article
// names in capitals elsewhere ("China Coast Guard").
func (a *article) namedBodyOf(toks []token, s, e int, cname string) int {
	x := s
	for x < e && (toks[x].cap || toks[x].lower == "'s") {
		x++
	}
	if x == s || x >= e || e-x > 3 || toks[x-1].lower != "'s" {
		return -1
	}
	if !(toks[e-1].is(fRole) || toks[e-1].is(fClass) || toks[e-1].is(fOrgWord)) {
		return -1
	}
	var b strings.Builder
	b.WriteString(cname)
	for y := x; y < e; y++ {
		w := toks[y].lower
		if !toks[y].word || toks[y].cap || w == "" {
			return -1
		}
		b.WriteByte(' ')
		r, n := utf8DecodeFirst(w)
		b.WriteRune(unicode.ToUpper(r))
		b.WriteString(w[n:])
	}
	name := b.String()
	if !strings.Contains(a.body, name) {
		return -1
	}
	return a.orgByName(name)
}

func utf8DecodeFirst(w string) (rune, int) {
	for i, r := range w {
		if i == 0 {
			return r, len(string(r))
		}
	}
	return 0, 0
}

// looksAdjective guesses from its ending whether a word is an adjective
// or participle rather than a name.
func looksAdjective(w string) bool {
	for _, suf := range []string{"ed", "al", "ous", "ive", "ary", "ic", "ing", "ful", "less", "able"} {
		if strings.HasSuffix(w, suf) && len(w) > len(suf)+3 {
			return true
		}
	}
	return false
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
	return toks[len(toks)-1].is(fGroup) || toks[len(toks)-1].is(fRole)
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
	if c, ok := collectives[label]; ok {
		// "prosecutors" and "the prosecution" are one party
		ix := a.ents.add(c, domain.KindGroup)
		a.ents.alias(ix, label)
		a.ents.alias(ix, surface)
		return ix
	}
	ix := a.ents.add(label, domain.KindGroup)
	a.ents.alias(ix, surface)
	// "Two Astana-based grain traders" are also "grain traders"
	if f := strings.Fields(surface); len(f) >= 3 && lowerWord(f[len(f)-2]) && lowerWord(f[len(f)-1]) && strings.HasSuffix(label, f[len(f)-1]) &&
		!isDet(f[len(f)-2]) && a.p.lx.flags[f[len(f)-2]]&(fPreposition|fNotVerb|fAux|fBe) == 0 && f[len(f)-2] != "and" {
		a.ents.alias(ix, f[len(f)-2]+" "+f[len(f)-1])
	}
	return ix
}

// lowerWord reports whether w is written in lowercase letters only.
func lowerWord(w string) bool {
	for _, r := range w {
		if !unicode.IsLower(r) {
			return false
		}
	}
	return w != ""
}

func (a *article) demonymOf(country string) string {
	if g, _ := lookupLower(a.p.gz.byName, country); g != nil && len(g.demonyms) > 0 {
		return g.demonyms[0]
	}
	return country
}

// resolvePronoun picks the latest compatible speaker.
func (a *article) resolvePronoun(w string) []int {
	switch w {
	case "he", "she":
		want := byte('m')
		if w == "she" {
			want = 'f'
		}
		fits := func(e *entity) bool {
			if e.gender == 0 && len(e.fields) >= 2 {
				e.gender = a.p.lx.givenGender[e.fields[0]] // "Sunita Varma"
			}
			return e.gender == 0 || e.gender == want
		}
		if a.lastRole >= 0 && a.lastRolePos > a.lastPersonPos && (a.lastRoleGender == 0 || a.lastRoleGender == want) {
			return []int{a.lastRole}
		}
		if a.lastPerson >= 0 && fits(a.ents.list[a.lastPerson]) {
			return []int{a.lastPerson}
		}
		best := -1
		for i, e := range a.ents.list {
			if e.kind == domain.KindPerson && fits(e) && (best < 0 || e.lastPos > a.ents.list[best].lastPos) {
				best = i
			}
		}
		if best >= 0 {
			return []int{best}
		}
		if a.lastPerson >= 0 {
			return []int{a.lastPerson}
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
		if g := a.theySubj; g.label != "" && g.pos > a.lastGroupPos {
			return []int{a.group(g.label, g.surface)}
		}
		if len(a.lastGroups) > 0 {
			return append([]int{}, a.lastGroups...)
		}
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
	for ti := range desc {
		t := &desc[ti]
		if n, ph, ok := a.p.gz.match([]token{*t}, 0); ok && n == 1 {
			quals[ph.e.lname] = true
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
		for ti := range desc {
			t := &desc[ti]
			if t.is(fPersonRole) && e.descr[t.lower] {
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
			ok = e.hasWord(w)
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
// Tessaro spokesperson" ... "the spokesperson").
func (a *article) byDescr(w string) int {
	best := -1
	for i, e := range a.ents.list {
		ok := e.descr[w] || e.hasWord(w)
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

// companyNouns describe a business: "the carmaker" is the latest company
// named, never a union or a ministry.
var companyNouns = map[string]bool{"company": true, "firm": true, "carmaker": true, "automaker": true, "manufacturer": true, "airline": true,
	"lender": true, "insurer": true, "retailer": true, "operator": true, "producer": true, "miner": true, "chipmaker": true,
	"club": true, "utility": true, "bank": true}

// publicBodyWords in a name show an organisation is not a company.
var publicBodyWords = map[string]bool{"union": true, "ministry": true, "committee": true, "council": true, "agency": true, "service": true,
	"authority": true, "office": true, "federation": true, "institute": true, "fund": true, "commission": true, "court": true,
	"department": true, "bureau": true, "party": true, "government": true, "police": true, "army": true, "confederation": true}

// bodyOfPlace names the body in "Bavaria's regional health office": a
// capitalised name toks[i:j] that is no organisation, an optional "'s",
// then only lowercase words ending in an organisation noun that is not a
// person's role. It returns "" for anything else.
func (a *article) bodyOfPlace(toks []token, i, j, e int) string {
	if a.p.hasOrgWord(toks[i:j]) {
		return ""
	}
	k := j
	if k < e && toks[k].lower == "'s" {
		k++
	}
	if e-k < 2 || !toks[e-1].is(fClass) || toks[e-1].is(fPersonRole) {
		return ""
	}
	var b strings.Builder
	b.WriteString(textOf(a.body, toks, i, j))
	for x := k; x < e; x++ {
		if !toks[x].word || toks[x].cap {
			return ""
		}
		b.WriteByte(' ')
		b.WriteString(toks[x].text)
	}
	return b.String()
}

// classFromContext gives an organisation named by toks[s:e] the type that
// a description next to it names: "the aviation agency, ABC," and "ABC,
// the state weather agency," make ABC an agency.
func (a *article) classFromContext(ix int, toks []token, s, e int) {
	if s >= 2 && toks[s-1].text == "," && toks[s-2].is(fClass) && !toks[s-2].cap {
		setAdd(&a.ents.list[ix].classes, toks[s-2].lower)
	}
	if s >= 1 && toks[s-1].is(fClass) && !toks[s-1].cap && e < len(toks) && !toks[e-1].word {
		setAdd(&a.ents.list[ix].classes, toks[s-1].lower)
	}
	if e+1 < len(toks) && toks[e].text == "," && isDet(toks[e+1].lower) {
		for x := e + 2; x < len(toks) && x < e+8; x++ {
			if !toks[x].word {
				if toks[x-1].is(fClass) && !toks[x-1].cap {
					setAdd(&a.ents.list[ix].classes, toks[x-1].lower)
				}
				break
			}
		}
	}
}

// documentSource finds who speaks through the document toks[s:e] (its
// determiners stripped; def when it was definite): the owner its
// modifiers or a possessive name ("a police statement", "the company's
// accounts", "its website"), the document named before ("the draft" after
// "a draft decision by the commission"), or the party a document of its
// kind stands for ("the indictment": the prosecution). It returns nil
// when none of these holds, so that the phrase is read as usual.
func (a *article) documentSource(c *sentCtx, s, e int, def bool) []int {
	toks := c.toks
	in := e - 1
	for in > s && (toks[in-1].is(fDocument) || reportModifiers[toks[in-1].lower] || toks[in-1].is(fSourceAdj)) && !toks[in-1].cap {
		in-- // "the draft decision", "its latest annual report"
	}
	// "the agency's inspection records": nouns between owner and document
	for o := in; o > s && o >= in-2; o-- {
		if toks[o-1].lower == "'s" && o-1 > s {
			in = o
			break
		}
		if !toks[o-1].word || toks[o-1].cap || isDet(toks[o-1].lower) || toks[o-1].is(fPreposition) {
			break
		}
	}
	var sp []int
	switch {
	case in > s && toks[in-1].lower == "'s" && in-1 > s:
		sp = a.resolveNP(c, s, in-1) // "the company's accounts"
	case in > s && !toks[in-1].cap && (toks[in-1].is(fGroup) || toks[in-1].is(fClass)):
		sp = a.resolveNP(c, s, in) // "a police statement"
	case in == s && s > 0 && possessivePron[toks[s-1].lower]:
		sp = a.resolvePronoun(pronounOfPossessive[toks[s-1].lower]) // "its website"
	}
	if len(sp) == 0 && in == s {
		if def && a.docSpeakers != nil {
			sp = a.docSpeakers[toks[e-1].lower] // "the draft says"
		}
		if author := a.p.lx.documents[toks[e-1].lower]; len(sp) == 0 && author != "" {
			sp = []int{a.group(author, a.body[toks[s].start:toks[e-1].end])}
		}
	}
	if len(sp) > 0 {
		a.noteDocument(toks, s, e, sp)
	}
	return sp
}

// noteDocument remembers sp as who speaks through the document nouns of
// toks[s:e].
func (a *article) noteDocument(toks []token, s, e int, sp []int) {
	for x := s; x < e; x++ {
		if toks[x].is(fDocument) {
			if a.docSpeakers == nil {
				a.docSpeakers = map[string][]int{}
			}
			a.docSpeakers[toks[x].lower] = append([]int(nil), sp...)
		}
	}
}

// orgEndingIn finds the latest organisation whose name ends in the word w
// ("Judicial Police" for "police"), -1 when there is none.
func (a *article) orgEndingIn(w string) int {
	return a.latest(func(en *entity) bool {
		return en.kind == domain.KindOrganization && len(en.lname) > len(w)+1 && strings.HasSuffix(en.lname, " "+w)
	})
}

// sentenceSubjectBody returns the organisation or country named as the
// subject that opens the sentence, before token k, or -1: what a later
// "it" in the same sentence most likely refers to.
func (a *article) sentenceSubjectBody(c *sentCtx, k int) int {
	toks := c.toks
	e := npRight(a, toks, 0)
	if e <= 0 || e >= k || e >= len(toks) {
		return -1
	}
	// the subject must be followed by its verb (possibly after a comma
	// phrase such as ", meanwhile,"), not be a fronted adjunct
	if toks[e].text == "," || toks[e].is(fPreposition) {
		return -1
	}
	ent := c.tokEnt[e-1]
	for i := len(a.stmts) - 1; ent < 0 && i >= 0 && a.stmts[i].sent == c.si; i-- {
		// the subject already resolved as this sentence's first speaker
		if st := a.stmts[i]; st.subj[0] == 0 && st.subj[1] == e && len(st.speakers) == 1 {
			ent = st.speakers[0]
		}
	}
	if ent < 0 {
		return -1
	}
	if kd := a.ents.list[ent].kind; kd != domain.KindOrganization && kd != domain.KindCountry {
		return -1
	}
	return ent
}
