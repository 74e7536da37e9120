package ingest_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
)

// The synthetic news below fills a store with many articles for the cost
// benchmarks. It is not about accuracy: it gives the grouping what real
// news gives it, namely stories that recur across many articles (a few
// hot ones, a long tail of cold ones), the same actors named again and
// again, figures that update one quantity, denials, and numbers that are
// only context.

var (
	synthCountries = []struct{ name, adj string }{
		{"France", "French"}, {"Germany", "German"}, {"Poland", "Polish"}, {"Spain", "Spanish"},
		{"Italy", "Italian"}, {"Turkey", "Turkish"}, {"Egypt", "Egyptian"}, {"Kenya", "Kenyan"},
		{"Nigeria", "Nigerian"}, {"Brazil", "Brazilian"}, {"Mexico", "Mexican"}, {"Chile", "Chilean"},
		{"India", "Indian"}, {"Pakistan", "Pakistani"}, {"Japan", "Japanese"}, {"Vietnam", "Vietnamese"},
		{"Indonesia", "Indonesian"}, {"Australia", "Australian"}, {"Canada", "Canadian"}, {"Sweden", "Swedish"},
		{"Norway", "Norwegian"}, {"Greece", "Greek"}, {"Morocco", "Moroccan"}, {"Ghana", "Ghanaian"},
		{"Peru", "Peruvian"}, {"Colombia", "Colombian"}, {"Thailand", "Thai"}, {"Ukraine", "Ukrainian"},
		{"Romania", "Romanian"}, {"Hungary", "Hungarian"}, {"Ethiopia", "Ethiopian"}, {"Iran", "Iranian"},
	}
	synthCities = []string{
		"Lyon", "Hamburg", "Gdansk", "Valencia", "Naples", "Izmir", "Alexandria", "Mombasa", "Kano",
		"Recife", "Monterrey", "Valparaiso", "Pune", "Karachi", "Osaka", "Haiphong", "Surabaya", "Perth",
		"Halifax", "Malmo", "Bergen", "Patras", "Tangier", "Kumasi", "Cusco", "Medellin", "Chiang Mai",
		"Odesa", "Cluj", "Debrecen", "Gondar", "Tabriz",
	}
	synthFirst = []string{"Amina", "Luca", "Sofia", "Tomas", "Mei", "Omar", "Ingrid", "Rahul", "Elena", "Kwame",
		"Yuki", "Pablo", "Hana", "Dmitri", "Fatima", "Jonas", "Leila", "Marco", "Nadia", "Oscar"}
	synthLast = []string{"Okafor", "Bianchi", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Novak", "Silva",
		"Kowalski", "Mensah", "Rahman", "Petrov", "Costa", "Yilmaz", "Nguyen", "Schmidt", "Alvarez", "Dubois",
		"Ito", "Mwangi"}
	synthCompanies = []string{"Nordwind Logistics", "Atlas Freight", "Helio Motors", "Brightline Foods",
		"Cobalt Mining", "Vela Telecom", "Orion Steel", "Kestrel Airlines", "Meridian Bank", "Lumen Textiles"}
)

// synthStory is one running story: its kind and the actors and places it
// is about. Articles of one story report on the same quantities.
type synthStory struct {
	kind         int
	a, b         int // countries
	city         int
	company      int
	spokesperson string
}

// synthWriter writes articles for a fixed population of stories, drawn
// with a skew so that a few stories run for many articles.
type synthWriter struct {
	r       *rand.Rand
	stories []synthStory
	zipf    *rand.Zipf
}

func newSynthWriter(seed uint64, stories int) *synthWriter {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	w := &synthWriter{r: r, zipf: rand.NewZipf(r, 1.1, 4, uint64(stories-1))}
	for range stories {
		a := r.IntN(len(synthCountries))
		b := (a + 1 + r.IntN(len(synthCountries)-1)) % len(synthCountries)
		w.stories = append(w.stories, synthStory{
			kind: r.IntN(5), a: a, b: b, city: r.IntN(len(synthCities)), company: r.IntN(len(synthCompanies)),
			spokesperson: synthFirst[r.IntN(len(synthFirst))] + " " + synthLast[r.IntN(len(synthLast))],
		})
	}
	return w
}

// article writes article number i: unique URL, a story drawn from the
// skewed population, four to seven sentences.
func (w *synthWriter) article(i int) domain.NewArticle {
	st := w.stories[w.zipf.Uint64()]
	r := w.r
	a, b := synthCountries[st.a], synthCountries[st.b]
	city := synthCities[st.city]
	co := synthCompanies[st.company]
	n := func(lo, hi int) string { return commas(lo + r.IntN(hi-lo)) }
	var title string
	var s []string
	switch st.kind {
	case 0: // troops sent abroad, denied by the sender
		title = fmt.Sprintf("%s troops reported in %s", a.adj, b.name)
		s = []string{
			fmt.Sprintf("%s has sent about %s troops to %s, %s, a spokesperson for the %s defence ministry, said on Tuesday.", a.name, n(500, 15000), b.name, st.spokesperson, b.adj),
			fmt.Sprintf("%s denied that its soldiers had crossed the border.", a.name),
			fmt.Sprintf("Officials in %s said at least %s more could follow by the end of the month.", b.name, n(100, 5000)),
			fmt.Sprintf("The %s army has some %s active personnel.", a.adj, n(50000, 900000)),
		}
	case 1: // floods and a rising toll
		title = fmt.Sprintf("Floods in %s kill dozens", city)
		s = []string{
			fmt.Sprintf("At least %s people were killed when floods swept through %s, %s officials said.", n(10, 400), city, a.adj),
			fmt.Sprintf("The Red Crescent said %s people were still missing.", n(20, 2000)),
			fmt.Sprintf("%s, the regional governor, warned that the toll could rise.", st.spokesperson),
			fmt.Sprintf("About %s homes were destroyed, according to the housing ministry.", n(100, 9000)),
		}
	case 2: // layoffs
		title = fmt.Sprintf("%s to cut jobs", co)
		s = []string{
			fmt.Sprintf("%s will cut %s jobs in %s, the company said on Monday.", co, n(200, 12000), a.name),
			fmt.Sprintf("Unions said the real number was closer to %s.", n(200, 15000)),
			fmt.Sprintf("%s, the chief executive, denied that the plant in %s would close.", st.spokesperson, city),
			fmt.Sprintf("The company employs %s people worldwide.", n(10000, 200000)),
		}
	case 3: // protest crowd
		title = fmt.Sprintf("Thousands march in %s", city)
		s = []string{
			fmt.Sprintf("Police said %s people marched through %s on Saturday.", n(1000, 40000), city),
			fmt.Sprintf("Organisers put the crowd at %s.", n(20000, 150000)),
			fmt.Sprintf("%s, the interior minister, said %s people had been arrested.", st.spokesperson, n(5, 300)),
		}
	default: // outbreak
		title = fmt.Sprintf("Cholera spreads in %s", city)
		s = []string{
			fmt.Sprintf("The %s health ministry said %s cholera cases had been recorded in %s.", a.adj, n(50, 6000), city),
			fmt.Sprintf("%s deaths have been confirmed, according to the World Health Organization.", n(2, 120)),
			fmt.Sprintf("%s, a doctor at the main hospital, warned that the real number of cases was far higher.", st.spokesperson),
			fmt.Sprintf("Vaccination teams plan to reach %s people within two weeks.", n(10000, 500000)),
		}
	}
	r.Shuffle(len(s)-1, func(i, j int) { s[i+1], s[j+1] = s[j+1], s[i+1] })
	s = s[:2+r.IntN(len(s)-1)]
	url := fmt.Sprintf("https://synthetic.example/%d", i)
	pub := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 7 * time.Minute)
	return domain.NewArticle{Title: title, Body: strings.Join(s, " "), URL: &url, PublishedAt: &pub}
}

// commas writes n with thousands separators, as news does.
func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
