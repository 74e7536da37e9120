package analysis

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/domain"
)

// The development corpus lives outside the module, next to the checkout.
const devCorpusDir = "../../../shared/corpus/dev"

type goldFigure struct {
	Text          string   `json:"text"`
	Value         float64  `json:"value"`
	Low           *float64 `json:"low"`
	High          *float64 `json:"high"`
	Approximate   bool     `json:"approximate"`
	Subject       string   `json:"subject"`
	Head          string   `json:"head"`
	Source        *string  `json:"source"`
	SourceAliases []string `json:"source_aliases"`
	Status        string   `json:"status"`
}

type goldStatement struct {
	Speakers       []string        `json:"speakers"`
	SpeakerAliases json.RawMessage `json:"speaker_aliases"`
	Cue            string          `json:"cue"`
	Status         string          `json:"status"`
	Sentence       string          `json:"sentence"`
}

type goldArticle struct {
	ID         string          `json:"id"`
	Title      string          `json:"title"`
	Body       string          `json:"body"`
	Figures    []goldFigure    `json:"figures"`
	Statements []goldStatement `json:"statements"`
}

// tally counts hits per metric the way the evaluation script does.
type tally map[string][2]int

func (t tally) add(key string, ok bool, n int) {
	v := t[key]
	if ok {
		v[0] += n
	}
	v[1] += n
	t[key] = v
}

func (t tally) rate(key string) float64 {
	v := t[key]
	if v[1] == 0 {
		return math.NaN()
	}
	return float64(v[0]) / float64(v[1])
}

func (t tally) prf(kind string) (p, r, f float64) {
	tp, g, pr := float64(t[kind+".tp"][0]), float64(t[kind+".gold"][0]), float64(t[kind+".pred"][0])
	if pr > 0 {
		p = tp / pr
	}
	if g > 0 {
		r = tp / g
	}
	if p+r > 0 {
		f = 2 * p * r / (p + r)
	}
	return
}

func evalNorm(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.ReplaceAll(s, "\u2019", "'"))), " ")
}

func entityNames(a domain.Analysis, i int) map[string]bool {
	m := map[string]bool{}
	if i < 0 || i >= len(a.Entities) {
		return m
	}
	m[evalNorm(a.Entities[i].Name)] = true
	for _, al := range a.Entities[i].Aliases {
		m[evalNorm(al)] = true
	}
	return m
}

func goldNames(name *string, aliases []string) map[string]bool {
	m := map[string]bool{}
	if name == nil {
		return m
	}
	m[evalNorm(*name)] = true
	for _, al := range aliases {
		m[evalNorm(al)] = true
	}
	return m
}

func intersects(a, b map[string]bool) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}

// locate finds each text in body in order, as code point spans.
func locate(body string, texts []string) [][2]int {
	out := make([][2]int, len(texts))
	pos := 0
	for i, t := range texts {
		j := strings.Index(body[pos:], t)
		if j >= 0 {
			j += pos
		} else {
			j = strings.Index(body, t)
		}
		if j < 0 {
			out[i] = [2]int{-1, -1}
			continue
		}
		s := utf8.RuneCountInString(body[:j])
		out[i] = [2]int{s, s + utf8.RuneCountInString(t)}
		pos = j + 1
	}
	return out
}

func overlaps(a [2]int, b domain.Span) bool {
	return a[0] >= 0 && a[0] < b.End && b.Start < a[1]
}

func closeTo(a, b *float64) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return math.Abs(*a-*b) <= 1e-6*math.Max(1, math.Max(math.Abs(*a), math.Abs(*b)))
}

func singular(w string) string {
	w = evalNorm(w)
	for _, sr := range [][2]string{{"ies", "y"}, {"sses", "ss"}, {"s", ""}} {
		if strings.HasSuffix(w, sr[0]) && len(w) > 3 && !strings.HasSuffix(w, "ss") {
			return w[:len(w)-len(sr[0])] + sr[1]
		}
	}
	return w
}

// scoreArticle matches one article's analysis against its gold annotation
// exactly as the evaluation script does, logging misses when verbose.
func scoreArticle(art goldArticle, pred domain.Analysis, t tally, logf func(string, ...any)) {
	gspans := make([]string, len(art.Figures))
	for i, f := range art.Figures {
		gspans[i] = f.Text
	}
	locs := locate(art.Body, gspans)
	used := map[int]bool{}
	matched := 0
	for gi, g := range art.Figures {
		best := -1
		for j, p := range pred.Figures {
			v, gv := p.Value, g.Value
			if !used[j] && overlaps(locs[gi], p.Span) && closeTo(&v, &gv) {
				best = j
				break
			}
		}
		if best < 0 {
			logf("  MISS figure %q (%s)", g.Text, g.Subject)
			continue
		}
		used[best] = true
		matched++
		p := pred.Figures[best]
		t.add("figure.head", singular(p.Head) == singular(g.Head) || strings.Contains(evalNorm(p.Subject), singular(g.Head)), 1)
		gn := goldNames(g.Source, g.SourceAliases)
		pn := entityNames(pred, p.Source)
		srcOK := (len(gn) == 0 && len(pn) == 0) || intersects(gn, pn)
		t.add("figure.source", srcOK, 1)
		t.add("figure.status", string(p.Status) == g.Status, 1)
		boundsOK := closeTo(p.Low, g.Low) && closeTo(p.High, g.High) && p.Approximate == g.Approximate
		t.add("figure.bounds", boundsOK, 1)
		if !srcOK || string(p.Status) != g.Status || !boundsOK {
			var names []string
			for n := range pn {
				names = append(names, n)
			}
			sort.Strings(names)
			src := "null"
			if g.Source != nil {
				src = *g.Source
			}
			logf("  WRONG figure %q: source %v vs %s, status %s vs %s, low/high/approx %v/%v/%v vs %v/%v/%v", g.Text, names, src, p.Status, g.Status,
				fmtPtr(p.Low), fmtPtr(p.High), p.Approximate, fmtPtr(g.Low), fmtPtr(g.High), g.Approximate)
		}
		if !(singular(p.Head) == singular(g.Head) || strings.Contains(evalNorm(p.Subject), singular(g.Head))) {
			logf("  WRONG head %q: %q/%q vs %q", g.Text, p.Subject, p.Head, g.Head)
		}
	}
	for j, p := range pred.Figures {
		if !used[j] {
			logf("  EXTRA figure %q (%s)", p.Text, p.Subject)
		}
	}
	t.add("figure.tp", true, matched)
	t.add("figure.gold", true, len(art.Figures))
	t.add("figure.pred", true, len(pred.Figures))

	type item struct {
		span   [2]int
		pspan  domain.Span
		names  map[string]bool
		status string
		who    string
		cue    string
	}
	sents := make([]string, len(art.Statements))
	for i, s := range art.Statements {
		sents[i] = s.Sentence
	}
	slocs := locate(art.Body, sents)
	var gold []item
	for i, s := range art.Statements {
		aliases := map[string][]string{}
		var list []string
		if len(s.SpeakerAliases) > 0 && json.Unmarshal(s.SpeakerAliases, &aliases) != nil {
			_ = json.Unmarshal(s.SpeakerAliases, &list)
		}
		for _, sp := range s.Speakers {
			al := aliases[sp]
			if list != nil {
				al = list
			}
			name := sp
			gold = append(gold, item{span: slocs[i], names: goldNames(&name, al), status: s.Status, who: sp, cue: s.Cue})
		}
	}
	var preds []item
	for _, p := range pred.Statements {
		for _, sp := range p.Speakers {
			preds = append(preds, item{pspan: p.Span, names: entityNames(pred, sp), status: string(p.Status), who: pred.Entities[sp].Name, cue: p.Cue})
		}
	}
	usedS := map[int]bool{}
	matched = 0
	for _, g := range gold {
		hit := -1
		for j, p := range preds {
			if !usedS[j] && overlaps(g.span, p.pspan) && intersects(g.names, p.names) {
				hit = j
				break
			}
		}
		if hit < 0 {
			logf("  MISS statement %q %q", g.who, g.cue)
			continue
		}
		usedS[hit] = true
		matched++
		t.add("statement.status", preds[hit].status == g.status, 1)
		if preds[hit].status != g.status {
			logf("  WRONG statement status %q %q: %s vs %s", g.who, g.cue, preds[hit].status, g.status)
		}
	}
	for j, p := range preds {
		if !usedS[j] {
			logf("  EXTRA statement %q %q", p.who, p.cue)
		}
	}
	t.add("statement.tp", true, matched)
	t.add("statement.gold", true, len(gold))
	t.add("statement.pred", true, len(preds))
}

func fmtPtr(p *float64) string {
	if p == nil {
		return "None"
	}
	return fmt.Sprint(*p)
}

// heldOutDir holds articles of our own on other topics, annotated under
// the same rules; they measure how well the rules generalise.
const heldOutDir = "../../testdata/heldout"

func loadCorpus(t testing.TB, dir string) []goldArticle {
	files, _ := filepath.Glob(filepath.Join(dir, "*.json"))
	if len(files) == 0 {
		t.Skipf("corpus not found at %s", dir)
	}
	sort.Strings(files)
	var arts []goldArticle
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var a goldArticle
		if err := json.Unmarshal(b, &a); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		arts = append(arts, a)
	}
	return arts
}

func loadDevCorpus(t testing.TB) []goldArticle { return loadCorpus(t, devCorpusDir) }

// scoreCorpus scores every article of dir, logs the two summary lines of
// the evaluation script (and every miss with -v) and fails when a score
// drops below its floor.
func scoreCorpus(t *testing.T, dir string, floors map[string]float64) {
	arts := loadCorpus(t, dir)
	p := New()
	tl := tally{}
	for _, art := range arts {
		logf := func(format string, args ...any) {
			if testing.Verbose() {
				t.Logf(format, args...)
			}
		}
		logf("%s", art.ID)
		scoreArticle(art, p.Analyze(art.Title, art.Body), tl, logf)
	}
	fp, fr, ff := tl.prf("figure")
	sp, sr, sf := tl.prf("statement")
	t.Logf("figures     P %.3f  R %.3f  F1 %.3f   on matched: head %.3f  source %.3f  status %.3f  bounds %.3f",
		fp, fr, ff, tl.rate("figure.head"), tl.rate("figure.source"), tl.rate("figure.status"), tl.rate("figure.bounds"))
	t.Logf("statements  P %.3f  R %.3f  F1 %.3f   on matched: status %.3f", sp, sr, sf, tl.rate("statement.status"))
	got := map[string]float64{
		"figure F1": ff, "figure head": tl.rate("figure.head"), "figure source": tl.rate("figure.source"),
		"figure status": tl.rate("figure.status"), "figure bounds": tl.rate("figure.bounds"),
		"statement F1": sf, "statement status": tl.rate("statement.status"),
	}
	names := make([]string, 0, len(floors))
	for n := range floors {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		if !(got[n] >= floors[n]) {
			t.Errorf("%s %.3f below floor %.3f", n, got[n], floors[n])
		}
	}
}

// TestDevCorpus scores the pipeline on the development corpus with the
// evaluation script's rules.
func TestDevCorpus(t *testing.T) {
	scoreCorpus(t, devCorpusDir, map[string]float64{
		"figure F1": 0.95, "figure head": 0.95, "figure source": 0.95, "figure status": 0.95, "figure bounds": 0.95,
		"statement F1": 0.97, "statement status": 0.97,
	})
}

// TestHeldOut scores the held-out articles, which no rule may name.
func TestHeldOut(t *testing.T) {
	scoreCorpus(t, heldOutDir, map[string]float64{
		"figure F1": 0.97, "figure head": 0.97, "figure source": 0.95, "figure status": 0.97, "figure bounds": 0.97,
		"statement F1": 0.95, "statement status": 0.95,
	})
}

// heldOut2Dir holds a second set of articles of our own, annotated blind.
const heldOut2Dir = "../../testdata/heldout2"

// TestHeldOut2 logs the scores on the second held-out set without
// asserting floors, so that changes in generalisation stay visible.
func TestHeldOut2(t *testing.T) {
	scoreCorpus(t, heldOut2Dir, nil)
}

// heldOut3Dir holds a third set of articles of our own, annotated blind.
const heldOut3Dir = "../../testdata/heldout3"

// TestHeldOut3 logs the scores on the third held-out set without
// asserting floors.
func TestHeldOut3(t *testing.T) {
	scoreCorpus(t, heldOut3Dir, nil)
}

// TestHeldOutFloors keeps every held-out set at or above the scores it had
// when its rules were last worked on, so that a change made for one kind of
// news cannot quietly cost another. Each set was first scored blind; these
// floors are its final scores, a little rounded down.
func TestHeldOutFloors(t *testing.T) {
	for _, set := range []struct {
		dir    string
		floors map[string]float64
	}{
		{"heldout4", map[string]float64{"figure F1": 0.99, "figure head": 0.97, "figure source": 0.95, "figure status": 0.97, "figure bounds": 0.99, "statement F1": 0.98, "statement status": 0.99}},
		{"heldout5", map[string]float64{"figure F1": 0.95, "figure head": 0.95, "figure source": 0.93, "figure status": 0.93, "figure bounds": 0.99, "statement F1": 0.89, "statement status": 0.97}},
		{"heldout6", map[string]float64{"figure F1": 0.98, "figure head": 0.89, "figure source": 0.88, "figure status": 0.91, "figure bounds": 0.99, "statement F1": 0.92, "statement status": 0.92}},
		{"heldout7", map[string]float64{"figure F1": 0.96, "figure head": 0.97, "figure source": 0.90, "figure status": 0.86, "figure bounds": 0.98, "statement F1": 0.94, "statement status": 0.95}},
		{"heldout8", map[string]float64{"figure F1": 0.97, "figure head": 0.90, "figure source": 0.90, "figure status": 0.95, "figure bounds": 0.99, "statement F1": 0.91, "statement status": 0.92}},
		{"heldout9", map[string]float64{"figure F1": 0.98, "figure head": 0.84, "figure source": 0.86, "figure status": 0.92, "figure bounds": 0.99, "statement F1": 0.93, "statement status": 0.95}},
		{"heldout10", map[string]float64{"figure F1": 0.98, "figure head": 0.87, "figure source": 0.79, "figure status": 0.88, "figure bounds": 0.96, "statement F1": 0.85, "statement status": 0.96}},
		{"heldout11", map[string]float64{"figure F1": 0.98, "figure head": 0.87, "figure source": 0.88, "figure status": 0.88, "figure bounds": 0.96, "statement F1": 0.92, "statement status": 0.85}},
		{"heldout12", map[string]float64{"figure F1": 0.97, "figure head": 0.95, "figure source": 0.84, "figure status": 0.88, "figure bounds": 0.97, "statement F1": 0.88, "statement status": 0.84}},
		{"heldout13", map[string]float64{"figure F1": 0.97, "figure head": 0.86, "figure source": 0.84, "figure status": 0.95, "figure bounds": 0.99, "statement F1": 0.94, "statement status": 0.91}},
		{"heldout14", map[string]float64{"figure F1": 0.98, "figure head": 0.98, "figure source": 0.92, "figure status": 0.94, "figure bounds": 0.99, "statement F1": 0.92, "statement status": 0.92}},
		{"heldout15", map[string]float64{"figure F1": 0.97, "figure head": 0.92, "figure source": 0.84, "figure status": 0.86, "figure bounds": 0.95, "statement F1": 0.90, "statement status": 0.91}},
		{"heldout16", map[string]float64{"figure F1": 0.98, "figure head": 0.83, "figure source": 0.83, "figure status": 0.88, "figure bounds": 0.95, "statement F1": 0.89, "statement status": 0.86}},
		{"heldout17", map[string]float64{"figure F1": 0.97, "figure head": 0.96, "figure source": 0.82, "figure status": 0.89, "figure bounds": 0.93, "statement F1": 0.89, "statement status": 0.82}},
		{"heldout18", map[string]float64{"figure F1": 0.96, "figure head": 0.88, "figure source": 0.78, "figure status": 0.81, "figure bounds": 0.96, "statement F1": 0.86, "statement status": 0.83}},
	} {
		t.Run(set.dir, func(t *testing.T) {
			scoreCorpus(t, "../../testdata/"+set.dir, set.floors)
		})
	}
}
