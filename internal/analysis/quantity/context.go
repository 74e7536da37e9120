package quantity

import "strings"

// Context rules that tell years, dates, times of day and identifiers from
// quantities.

// monthNames maps month names and abbreviations to their number.
var monthNames = map[string]int{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// isMonth reports whether token t names a month. Ambiguous words ("May",
// "March", "Jan") only count when capitalised.
func isMonth(t token) bool {
	if t.kind != tWord {
		return false
	}
	if _, ok := monthNames[t.low]; !ok {
		return false
	}
	return t.text[0] >= 'A' && t.text[0] <= 'Z'
}

// yearCues are words after which a four-digit number is a year.
var yearCues = map[string]bool{
	"in": true, "since": true, "by": true, "until": true, "till": true, "from": true, "to": true,
	"during": true, "of": true, "early": true, "late": true, "mid": true, "before": true,
	"after": true, "year": true, "summer": true, "winter": true, "spring": true, "autumn": true,
	"fall": true, "fiscal": true, "through": true, "pre": true, "post": true, "and": true,
	"between": true, "circa": true, "around": true, "the": true, "season": true, "fy": true,
}

// idNouns are capitalised words that name the number after them ("Resolution
// 2231", "Flight 17").
// placeIDNouns name places and things by number even in lower case:
// "polling station 212", "ward 3", "game 7".
var placeIDNouns = map[string]bool{
	"station": true, "ward": true, "bed": true, "seat": true, "precinct": true, "game": true,
	"round": true, "match": true, "lane": true, "exit": true, "pier": true, "berth": true,
	"cell": true, "hangar": true, "reactor": true, "runway": true,
}

// modelName reports whether w names a product, index or model that a
// number after it identifies ("Boeing 737", "iPhone 15", "FTSE 100"): a
// word with a capital that is no month, weekday or function word.
func modelName(w token) bool {
	if w.kind != tWord || isMonth(w) || len(w.text) < 2 || strings.HasSuffix(w.low, "'s") || strings.HasSuffix(w.low, "’s") {
		return false
	}
	hasCap := false
	for i := 0; i < len(w.text); i++ {
		if w.text[i] >= 'A' && w.text[i] <= 'Z' {
			hasCap = true
		}
	}
	if !hasCap {
		return false
	}
	switch w.low {
	case "in", "on", "at", "by", "since", "until", "over", "about", "some", "nearly", "almost", "around", "only",
		"just", "all", "another", "up", "top", "between", "from", "to", "of", "and", "or", "but", "the", "a", "an",
		"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mr", "mrs", "ms", "dr",
		"more", "less", "fewer", "than", "under", "after", "before", "during", "for", "with", "as", "when", "while",
		"if", "although", "though", "because", "its", "their", "his", "her", "our", "this", "that", "these", "those",
		"every", "each", "per", "roughly", "approximately", "exactly", "least", "most", "no", "yes", "so":
		return false
	}
	return true
}

// countedNext reports whether the word after token te is what a number
// before it counts: a plural noun or a unit ("737 jets", "15 percent").
func countedNext(toks []token, te int) bool {
	if te >= len(toks) {
		return false
	}
	n := &toks[te]
	if n.kind == tSym {
		return n.text == "%"
	}
	if n.kind != tWord {
		return false
	}
	if _, ok := unitWords[n.low]; ok {
		return true
	}
	return looksPlural(n.low) || n.low == "people" || n.low == "men" || n.low == "women" || n.low == "children"
}

var idNouns = map[string]bool{
	"resolution": true, "article": true, "section": true, "chapter": true, "flight": true,
	"room": true, "route": true, "highway": true, "interstate": true, "platform": true,
	"gate": true, "terminal": true, "channel": true, "page": true, "paragraph": true,
	"clause": true, "amendment": true, "apollo": true, "no": true, "nos": true, "number": true,
	"vol": true, "volume": true, "version": true, "v": true, "unit": true, "block": true,
	"level": true, "phase": true, "stage": true, "episode": true, "season": true, "part": true,
	"grade": true, "category": true, "class": true, "type": true, "model": true, "act": true,
	"bill": true, "rule": true, "protocol": true, "decree": true, "order": true, "law": true,
	"district": true, "zone": true, "sector": true, "ward": true, "area": true, "region": true,
	"road": true, "street": true, "avenue": true, "line": true, "track": true, "lot": true,
	"item": true, "figure": true, "table": true, "annex": true, "appendix": true, "step": true,
	"window": true, "iphone": true, "windows": true, "covid": true, "mh": true,
}

// timeSuffixes mark a time of day after a number.
var timeSuffixes = map[string]bool{
	"am": true, "pm": true, "a.m": true, "p.m": true, "gmt": true, "utc": true, "cet": true,
	"est": true, "edt": true, "pst": true, "bst": true, "hrs": false, "o'clock": true, "oclock": true,
}

// classify sets the kind of atom i when its context shows it is a year,
// date, time of day or identifier rather than a quantity.
func classify(toks []token, atoms []atom, i int, text string) {
	a := &atoms[i]
	if a.vagueAmt || a.kind == Multiplier {
		return
	}
	angleByContext(toks, a)
	ts, te := a.ts, a.te
	first := &toks[ts]
	onlyDigits := a.plain && !a.money && a.kind == Cardinal
	prev := func(j int) (*token, bool) {
		if ts-j < 0 {
			return nil, false
		}
		return &toks[ts-j], true
	}
	next := func(j int) (*token, bool) {
		if te+j-1 >= len(toks) {
			return nil, false
		}
		return &toks[te+j-1], true
	}

	// times of day: "10:30", "3 p.m.", "3pm", "9 o'clock"
	if onlyDigits || a.kind == Cardinal && first.kind == tNum && !a.words {
		if n1, ok := next(1); ok && n1.text == ":" && glued(toks, te) {
			if n2, ok := next(2); ok && n2.kind == tNum && glued(toks, te+1) && n2.intLen == 2 {
				a.kind = Time
				a.te = te + 2
				if n3, ok := next(3); ok && n3.text == ":" && te+3 < len(toks) && toks[te+3].kind == tNum && glued(toks, te+3) {
					a.te = te + 4
				}
				return
			}
		}
		if n1, ok := next(1); ok && n1.kind == tWord && a.val <= 24 && a.val >= 0 {
			w := n1.low
			if timeSuffixes[w] || (w == "a" || w == "p") && te+2 < len(toks) && toks[te+1].text == "." && toks[te+2].low == "m" {
				a.kind = Time
				return
			}
		}
		if p1, ok := prev(1); ok && p1.text == ":" && glued(toks, ts) {
			if p2, ok := prev(2); ok && p2.kind == tNum {
				a.kind = Time
				return
			}
		}
	}

	// numbers glued into larger runs: phone numbers, dates, identifiers
	if first.kind == tNum && !a.words {
		runS, runE := ts, te
		for runS > 0 && glued(toks, runS) {
			runS--
		}
		for runE < len(toks) && glued(toks, runE) {
			runE++
		}
		if runE-runS > 1 {
			nums, seps, letters := 0, 0, 0
			sepText := ""
			for j := runS; j < runE; j++ {
				switch toks[j].kind {
				case tNum:
					nums++
				case tWord:
					letters++
				case tSym:
					if toks[j].text == "-" || toks[j].text == "/" || toks[j].text == "." && toks[j].start > 0 {
						seps++
						sepText += toks[j].text
					}
				}
			}
			if toks[runS].text == "+" && nums >= 2 {
				a.kind = Identifier
				return
			}
			if nums >= 3 && letters == 0 && seps >= 2 {
				if isNumericDate(toks, runS, runE) {
					a.kind = Date
				} else {
					a.kind = Identifier
				}
				return
			}
			if nums == 2 && letters == 0 && seps == 1 && strings.Contains(sepText, "-") {
				// "1995-01", "2024-10": year and month
				if toks[runS].kind == tNum && toks[runS].intLen == 4 && toks[runS].val >= 1000 && toks[runS].val <= 2100 &&
					toks[runE-1].kind == tNum && toks[runE-1].intLen == 2 && toks[runE-1].val >= 1 && toks[runE-1].val <= 12 {
					a.kind = Date
					return
				}
			}
		}
		// a word glued before: "G7", "A320"; a word and a hyphen: "Su-35",
		// "COVID-19"
		if p1, ok := prev(1); ok && glued(toks, ts) {
			if p1.kind == tWord && !a.money {
				a.kind = Identifier
				return
			}
			if isHyphen(*p1) && ts >= 2 && toks[ts-2].kind == tWord && glued(toks, ts-1) && !a.money &&
				!(ts >= 3 && toks[ts-3].kind == tNum && glued(toks, ts-2)) {
				w := toks[ts-2].low
				if w == "mid" || w == "pre" || w == "post" || w == "late" || w == "early" {
					if a.plain && a.intLen == 4 {
						a.kind = Year
						return
					}
				}
				if _, isNum := smallNumbers[w]; !isNum && !isDenominatorWord(w) && scaleOf(w) == 0 {
					a.kind = Identifier
					return
				}
			}
			if p1.text == "#" || codeBefore(toks, ts) {
				a.kind = Identifier
				return
			}
		}
		// letters glued after that are neither units nor multipliers: "3D", "5G"
		if n1, ok := next(1); ok && n1.kind == tWord && glued(toks, te) && a.unitS < 0 && !a.scaled {
			if n1.low == "s" && a.plain && (a.intLen == 4 || a.intLen == 2) {
				a.kind = Year // "1990s", "90s"
				a.te = te + 1
				return
			}
			// a unit with digits glued after it is part of a code: "24703m212"
			_, isUnit := unitWords[n1.low]
			if !isUnit || te+1 < len(toks) && toks[te+1].kind == tNum && glued(toks, te+1) && a.unitS < 0 {
				a.kind = Identifier
				return
			}
		}
	}
	if a.kind != Cardinal || a.words && !(a.plain) {
		if a.kind == Cardinal && a.words {
			// "version two"
			if p1, ok := prev(1); ok && p1.kind == tWord && (p1.low == "version" || p1.low == "chapter" || p1.low == "article" && p1.text[0] == 'A') {
				a.kind = Identifier
			}
		}
		return
	}

	// dates: "October 8", "8 October", "8 of October", "Oct. 8"
	if a.plain && a.val >= 1 && a.val <= 31 && a.intLen <= 2 {
		if p1, ok := prev(1); ok && isMonth(*p1) {
			a.kind = Date
			return
		}
		if p1, ok := prev(1); ok && p1.text == "." && ts >= 2 && isMonth(toks[ts-2]) && glued(toks, ts-1) {
			a.kind = Date
			return
		}
		if n1, ok := next(1); ok && isMonth(*n1) {
			a.kind = Date
			return
		}
		if n1, ok := next(1); ok && n1.low == "of" && te+1 < len(toks) && isMonth(toks[te+1]) {
			a.kind = Date
			return
		}
	}

	// identifiers named by the word before: "Resolution 2231", "Flight 17",
	// "polling station 212", "Boeing 737", "FTSE 100"
	if a.plain {
		if p1, ok := prev(1); ok && p1.kind == tWord && (idNouns[p1.low] && (p1.text[0] >= 'A' && p1.text[0] <= 'Z' || p1.low == "version") || placeIDNouns[p1.low]) {
			a.kind = Identifier
			return
		}
		// a list "Kenya 12, Uganda 9 and Chad 4" counts, and so does a
		// range "AP 84 to 93"
		listed := te < len(toks) && (toks[te].text == "," || toks[te].text == ";" || toks[te].low == "and" ||
			toks[te].low == "to" || isDash(toks[te]))
		if p1, ok := prev(1); ok && a.intLen <= 3 && a.val == float64(int(a.val)) && modelName(*p1) && !countedNext(toks, te) && !listed {
			a.kind = Identifier
			return
		}
		if p1, ok := prev(1); ok && p1.text == "." && ts >= 2 && (toks[ts-2].text == "No" || toks[ts-2].text == "no" || toks[ts-2].text == "Nos") {
			a.kind = Identifier
			return
		}
	}

	// years: a plain four-digit number between 1000 and 2100
	if a.plain && a.intLen == 4 && a.val >= 1000 && a.val <= 2100 && a.val == float64(int(a.val)) {
		if p1, ok := prev(1); ok && (isMonth(*p1) || p1.kind == tSym && p1.text == "," && ts >= 2 && (toks[ts-2].kind == tNum || isMonth(toks[ts-2]))) {
			a.kind = Year
			return
		}
		cue := false
		if p1, ok := prev(1); ok && p1.kind == tWord && yearCues[p1.low] {
			cue = true
		}
		// "1000-5000": a range with a number that is no year
		if n1, ok := next(1); ok && (isDash(*n1) || n1.low == "to") && te+1 < len(toks) && toks[te+1].kind == tNum {
			o := &toks[te+1]
			if !(o.plain && (o.intLen == 4 && o.val >= 1000 && o.val <= 2100 || o.intLen == 2)) {
				return
			}
		}
		if n1, ok := next(1); ok && n1.kind == tWord && !glued(toks, te) {
			if _, isUnit := unitWords[n1.low]; isUnit && !cue {
				return
			}
			if looksPlural(n1.low) && !cue && n1.text[0] >= 'a' && n1.text[0] <= 'z' {
				return // "2000 troops"
			}
			// "1500 polling stations", "1200 armed men": a modifier and a
			// plural noun
			if n2, ok := next(2); ok && !cue && n1.text[0] >= 'a' && n1.text[0] <= 'z' && n2.kind == tWord &&
				n2.text[0] >= 'a' && n2.text[0] <= 'z' && (looksPlural(n2.low) || n2.low == "men" || n2.low == "people") &&
				!yearCues[n1.low] && !afterDeterminer(toks, ts) {
				return
			}
		}
		if _, _, isMod := matchPrefix(toks, ts); isMod && !cue {
			return
		}
		a.kind = Year
		return
	}
}

// codeBefore reports whether the number at token ts is the last part of a
// code whose earlier part mixes letters and digits: "scp2-173", "A3-200".
func codeBefore(toks []token, ts int) bool {
	return ts >= 3 && isHyphen(toks[ts-1]) && glued(toks, ts-1) && toks[ts-2].kind == tNum &&
		glued(toks, ts-2) && toks[ts-3].kind == tWord
}

// afterDeterminer reports whether the number at token ts follows "the",
// "this", "its"...: "the 2019 general elections" names a year.
func afterDeterminer(toks []token, ts int) bool {
	if ts == 0 || toks[ts-1].kind != tWord {
		return false
	}
	switch toks[ts-1].low {
	case "the", "this", "that", "its", "their", "his", "her", "our", "last", "next":
		return true
	}
	return false
}

// isNumericDate reports whether a glued run of numbers and separators
// reads as a date: "5/17/2018", "17.05.2018", "2024-10-08".
func isNumericDate(toks []token, s, e int) bool {
	var parts []float64
	var lens []int
	for j := s; j < e; j++ {
		if toks[j].kind == tNum {
			parts = append(parts, toks[j].val)
			lens = append(lens, toks[j].intLen)
		}
	}
	if len(parts) != 3 {
		return false
	}
	if lens[0] == 4 {
		return parts[1] >= 1 && parts[1] <= 12 && parts[2] >= 1 && parts[2] <= 31
	}
	if lens[2] == 4 || lens[2] == 2 {
		return parts[0] >= 1 && parts[0] <= 31 && parts[1] >= 1 && parts[1] <= 31 && (parts[0] <= 12 || parts[1] <= 12)
	}
	return false
}
