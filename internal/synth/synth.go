// Package synth writes synthetic news for load runs and benchmarks: many
// articles about running stories, so that a store fills the way it does
// with real news without shipping a corpus.
package synth

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/factgraph/factgraph/internal/domain"
)

// The synthetic news below fills a store with many articles for the cost
// benchmarks and the bench command. It is not about accuracy: it gives the grouping what real
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

// Writer writes articles for a fixed population of stories, drawn with a
// skew so that a few stories run for many articles. It is deterministic
// for a seed, so that runs compare, and not safe for concurrent use.
type Writer struct {
	r       *rand.Rand
	stories []synthStory
	zipf    *rand.Zipf
}

// NewWriter returns a Writer over the given number of stories (at least
// two), seeded so that the same seed writes the same articles.
func NewWriter(seed uint64, stories int) *Writer {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	w := &Writer{r: r, zipf: rand.NewZipf(r, 1.1, 4, uint64(stories-1))}
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

// Article writes article number i: unique URL, a story drawn from the
// skewed population, two to four sentences of news.
func (w *Writer) Article(i int) domain.NewArticle {
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

// synthOutlets are the outlets News credits, a few large and many small.
var synthOutlets = []string{"Daily Ledger", "Morning Courier", "Harbour Times", "Evening Standard Wire",
	"Capital Dispatch", "Northern Gazette", "Valley Herald", "Coastal Observer", "Metro Bulletin", "Frontier Post"}

// background are the sentences that make up most of a real report around
// its news: context, reactions, history, numbers that are only context.
// {country} is a country, {adj} its adjective, {city} a city, {person} a
// person, {company} a company and {number} a number.
var background = []string{
	"The {adj} government has faced growing criticism over its handling of the crisis in recent months.",
	"Residents of {city} described long queues outside shops and petrol stations on Wednesday.",
	"{person} did not respond to a request for comment.",
	"Analysts said the situation was unlikely to change before the end of the year.",
	"The region has a population of about {number} people, according to the last census.",
	"Opposition lawmakers called for an independent inquiry into the events of the past week.",
	"In a statement, {company} said it was monitoring the situation closely and would cooperate with the authorities.",
	"Similar events in {country} two years ago led to a change of government.",
	"Local media reported that schools in {city} would remain closed until further notice.",
	"Aid agencies have warned for years that the infrastructure of {city} is poorly maintained.",
	"The European Union said it was ready to help if asked.",
	"Shares in {company} fell by {number} points in early trading before recovering.",
	"{person} told reporters that the government would publish a full account next week.",
	"The {adj} central bank kept its main interest rate unchanged at its last meeting.",
	"Witnesses said the streets of {city} were quiet by nightfall.",
	"The United Nations said it was following developments with concern.",
	"Critics said the measures came too late and did too little for the poorest households.",
	"It was not immediately possible to verify the reports independently.",
	"The ministry has been led since March by a former diplomat with little domestic experience.",
	"Television footage showed emergency vehicles lining the main road into {city}.",
}

// News writes article number i as a long report: the news of Article,
// then background paragraphs, for bodies of 1.5 to 5 KB as in wire and
// newspaper copy, credited to one of a few outlets. Most of its sentences
// are context without a statement or a figure, as in real news.
func (w *Writer) News(i int) domain.NewArticle {
	a := w.Article(i)
	r := w.r
	target := 1500 + r.IntN(3500)
	var b strings.Builder
	b.WriteString(a.Body)
	for b.Len() < target {
		b.WriteString("\n\n")
		for n := 2 + r.IntN(3); n > 0; n-- {
			c := synthCountries[r.IntN(len(synthCountries))]
			strings.NewReplacer("{country}", c.name, "{adj}", c.adj,
				"{city}", synthCities[r.IntN(len(synthCities))],
				"{person}", synthFirst[r.IntN(len(synthFirst))]+" "+synthLast[r.IntN(len(synthLast))],
				"{company}", synthCompanies[r.IntN(len(synthCompanies))],
				"{number}", commas(2+r.IntN(90000))).WriteString(&b, background[r.IntN(len(background))])
			if n > 1 {
				b.WriteByte(' ')
			}
		}
	}
	a.Body = b.String()
	outlet := synthOutlets[min(r.IntN(len(synthOutlets)), r.IntN(len(synthOutlets)))]
	a.Outlet = &outlet
	return a
}
