package analysis

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/factgraph/factgraph/internal/domain"
)

var testPipeline = New()

// statementsOf renders the statements of body as "speaker+speaker|STATUS"
// in text order.
func statementsOf(body string) []string {
	an := testPipeline.Analyze("", body)
	var out []string
	for _, s := range an.Statements {
		var names []string
		for _, sp := range s.Speakers {
			names = append(names, an.Entities[sp].Name)
		}
		out = append(out, strings.Join(names, "+")+"|"+string(s.Status))
	}
	return out
}

func TestSpeakers(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"subject before verb", "Germany said on Monday it would send aid.", []string{"Germany|CLAIMED"}},
		{"capital as metonym", "Nairobi said the border would reopen.", []string{"Kenya|CLAIMED"}},
		{"inverted order", "The border will reopen next week, said the Kenyan interior ministry.", []string{"Kenya|CLAIMED"}},
		{"title and name", "Brazilian President Ana Ferreira told reporters the plan was final.", []string{"Ana Ferreira|CLAIMED"}},
		{"apposition then pronoun", "Tomas Lind, a spokesman for the port authority, said ships were delayed. He added that no one was hurt.",
			[]string{"Tomas Lind|CLAIMED", "Tomas Lind|CLAIMED"}},
		{"surname later", "Finance Minister Clara Holm spoke on Friday. Holm said taxes would not rise.", []string{"Clara Holm|CLAIMED"}},
		{"according to", "Prices will probably rise, according to the European Commission.", []string{"European Commission|UNCONFIRMED"}},
		{"two speakers", "Egypt and Jordan denied the report.", []string{"Egypt+Jordan|DENIED"}},
		{"citing gives two statements", "Citing the CIA, American media reported that the talks had failed.",
			[]string{"Central Intelligence Agency|CLAIMED", "American media|CLAIMED"}},
		{"unnamed group", "Experts say the dam was poorly maintained.", []string{"experts|CLAIMED"}},
		{"definite description", "Greece's Health Ministry said 40 people were treated. The ministry added that the hospital was full.",
			[]string{"Greek Health Ministry|CLAIMED", "Greek Health Ministry|CLAIMED"}},
		{"the president", "French President Louis Moreau arrived in Rome. The French president said the visit was useful.",
			[]string{"Louis Moreau|CLAIMED"}},
		{"it for an organisation", "The World Bank cut its forecast. It said growth would slow.", []string{"World Bank|UNCONFIRMED", "World Bank|CLAIMED"}},
		{"records of a body confirm", "The commission's figures show turnout at 61%.", []string{"commission|CONFIRMED"}},
		{"evidence analysed by an agency", "Images analysed by the Forest Watch point to 900 fires.", []string{"Forest Watch|UNCONFIRMED"}},
		{"coordinated verbs", "The mayor denounced the attack and warned that more could follow.",
			[]string{"mayor|CLAIMED", "mayor|CLAIMED"}},
		{"adding gives a second statement", "Rome said the talks went well, adding that a deal was close.",
			[]string{"Italy|CLAIMED", "Italy|CLAIMED"}},
		{"restating participle merged", "Oslo rejected the claims, calling them absurd.", []string{"Norway|DENIED"}},
		{"non-response is no statement", "The company had not replied to a request for comment.", nil},
		{"nouns are not cues", "The reports of unrest and the claims of fraud spread quickly.", nil},
		{"impersonal passive", "It is estimated that 300 people fled.", nil},
		{"infinitive is not a cue", "The company plans to add 500 jobs.", nil},
		{"article voice conditional", "If that is confirmed, it would be a first.", nil},
		{"spokesman for a body", "A police spokesman said the road was closed.", []string{"police|CLAIMED"}},
		{"citing unnamed sources", "The newspaper, citing sources, reported that the talks failed.",
			[]string{"sources|CLAIMED", "newspaper|CLAIMED"}},
		{"hedged subject", "Unconfirmed reports said the bridge had collapsed.", []string{"media reports|UNCONFIRMED"}},
		{"declaring is not saying", "The president declared two days of mourning.", nil},
		{"repeated sentence counted once", "Chile said the mine was safe.\n\nChile said the mine was safe.", []string{"Chile|CLAIMED"}},
		{"contend", "The union contends that wages fell.", []string{"union|CLAIMED"}},
		{"rebut", "Lisbon rebutted the claims.", []string{"Portugal|DENIED"}},
		{"concede", "The minister conceded that two districts ran short.", []string{"minister|CONFIRMED"}},
		{"maintain needs that", "The city maintains its roads. The mayor maintained that the roads were safe.", []string{"mayor|CLAIMED"}},
		{"release a figure", "The agency released figures showing 300 arrests.", []string{"agency|CLAIMED"}},
		{"voice fears", "Chile voiced fears that the dam would fail.", []string{"Chile|CLAIMED"}},
		{"whose clause between subject and verb", "Harbour Research, whose survey had the party ahead, said the race had tightened.", []string{"Harbour Research|CLAIMED"}},
		{"quoted as saying", "Finance Minister Ana Reis was quoted as saying that growth would slow.", []string{"Ana Reis|CLAIMED"}},
		{"quoted as saying by a paper", "Finance Minister Ana Reis spoke in Lisbon. Growth will slow, she was quoted as saying by the Lisbon Herald.", []string{"Ana Reis|CLAIMED"}},
		{"byline is no statement", "The port reopened on Friday.\n\nReported by Ines Carvalho; Editing by Paul Grey.", nil},
		{"declining to comment leaves it unconfirmed", "The airline declined to comment on the figure.", []string{"airline|UNCONFIRMED"}},
		{"refusing to confirm", "The club refused to confirm the fee.", []string{"club|UNCONFIRMED"}},
		{"quick to deny", "The governor was quick to deny the report.", []string{"governor|DENIED"}},
		{"went on to argue", "The senator went on to argue that the levy was unfair.", []string{"senator|CLAIMED"}},
		{"plea of not guilty denies", "The defendant pleaded not guilty to fraud.", []string{"defendant|DENIED"}},
		{"plea of guilty admits", "The driver pleaded guilty to speeding.", []string{"driver|CONFIRMED"}},
		{"a court ruling establishes what it states", "The tribunal ruled on Friday that the dismissal was unlawful.", []string{"tribunal|CONFIRMED"}},
		{"brushing off reports denies", "The coach brushed off reports that he would leave.", []string{"coach|DENIED"}},
		{"serial list of speakers", "Peru, Chile and Bolivia have all disputed the figure.", []string{"Peru+Chile+Bolivia|DENIED"}},
		{"a list needs its first item to open the clause", "In Lima, Chile and Bolivia said the talks had failed.", []string{"Chile+Bolivia|CLAIMED"}},
		{"people in a place speak, not the place", "Farm workers in the north complained that wages had fallen.", []string{"farm workers|CLAIMED"}},
		{"an envoy in a city", "The envoy in Nairobi said the vote was delayed.", []string{"envoy|CLAIMED"}},
		{"staff at a firm", "Economists at Banco Duarte estimated that prices rose.", []string{"Banco Duarte|UNCONFIRMED"}},
		{"they after a group that acted", "The police arrested 40 people. They said the crowd numbered about 3,000.", []string{"police|CLAIMED"}},
		{"they after a pair of speakers", "Welsh farmers protested. British and Irish officials said the talks had gone well. They added that a deal was close.",
			[]string{"United Kingdom+Ireland|CLAIMED", "United Kingdom+Ireland|CLAIMED"}},
		{"an unnamed official is a person, not a company", "The mayor said the bridge was safe. The company said repairs would start soon.", []string{"mayor|CLAIMED", "company|CLAIMED"}},
		{"she skips a man named before", "Ms Ana Ruiz met the auditors on Friday. Mr Tomas Berg arrived later. She said the accounts were late.",
			[]string{"Ana Ruiz|CLAIMED"}},
		{"he skips a spokeswoman", "Dr Paul Lind met Jana Voss, a spokeswoman for the port, on Monday. He said the port would reopen.",
			[]string{"Paul Lind|CLAIMED"}},
		{"unnamed source described by what it knows", "The talks stalled, according to two people familiar with the negotiations.",
			[]string{"people familiar with the negotiations|CLAIMED"}},
		{"unnamed source before its verb", "A banker close to the deal said the price had risen.", []string{"banker close to the deal|CLAIMED"}},
		{"one unnamed professional", "The fine could double, a lawyer who advises several airlines told the paper.", []string{"lawyer|UNCONFIRMED"}},
		{"told is followed by its listener", "One investor, a teacher from Porto who lost her savings, told the Porto Daily that the fund was closed.", []string{"investor|CLAIMED"}},
		{"records confirm what they show", "The firm owed 4m in rent, court records show.", []string{"court records|CONFIRMED"}},
		{"documents filed somewhere", "Papers filed with the regulator show that the bank sold the bonds.", []string{"papers|CONFIRMED"}},
		{"provisional records hedge", "Provisional records show 40 arrests.", []string{"provisional records|UNCONFIRMED"}},
		{"a guilty verdict confirms", "A jury found the former banker guilty of fraud.", []string{"jury|CONFIRMED"}},
		{"an acquittal denies", "The jury found her not guilty.", []string{"jury|DENIED"}},
		{"counsel puts it to a witness", "The defence put it to her that the ledger had been altered.", []string{"defence|CLAIMED"}},
		{"a spokesman speaks for the body just named", "The port authority declined to comment. A spokesman said later that ships were moving.",
			[]string{"port authority|UNCONFIRMED", "port authority|CLAIMED"}},
		{"an apposition that names an affiliation", "Rosa Menezes, of the Tenants' Union, said rents had doubled.", []string{"Rosa Menezes|CLAIMED"}},
		{"could plus adverb plus have is no hedge", "The auditor said no one could reasonably have known.", []string{"auditor|CLAIMED"}},
		{"a person of a firm named with a company word", "Ines Pardo of Tagus Advisory testified that the fund was insolvent.", []string{"Ines Pardo|CLAIMED"}},
		{"a verdict across an apposition", "A jury at the Lisbon court found Rui Sousa, the firm's founder, guilty on nine counts.", []string{"jury|CONFIRMED"}},
		{"a finding inside a relative clause", "He lost a case that the tribunal found had cost savers 4m.", []string{"tribunal|CONFIRMED"}},
		{"claims by someone are a noun", "The mayor rejected claims by residents that the water was unsafe, saying tests were clean.",
			[]string{"mayor|DENIED", "mayor|CLAIMED"}},
		{"a group and a body with an article", "Farmers' groups and the opposition said the aid was too small.", []string{"farmers' groups+opposition|CLAIMED"}},
		{"people who went somewhere", "Residents who returned to Faro on Monday said the fire had passed.", []string{"residents|CLAIMED"}},
		{"her before a colon", "Health Minister Ana Faria spoke on Monday. Her explanation: the data were incomplete.", []string{"Ana Faria|CLAIMED"}},
		{"assessing a total at a number", "The agency assessed the total at about 7,100.", []string{"agency|UNCONFIRMED"}},
		{"a body that does not comment", "The league said it does not comment on individual clubs.", []string{"league|UNCONFIRMED"}},
		{"the owner's latest count", "Fires burned 600 hectares, according to the fire service's latest count.", []string{"fire service|CLAIMED"}},
		{"an opening adverbial is not reported content", "Separately, the regulator announced a fine of 3 million euros.", []string{"regulator|CLAIMED"}},
		{"told with its listener and nothing after", "The club will pay 28m pounds for the shares, the chief executive, Ana Lobo, told supporters at a forum.",
			[]string{"Ana Lobo|CLAIMED"}},
		{"a participle after a subject that acted", "Lawyers for the bank have lodged an appeal, arguing that the fine was too high.", []string{"lawyers|CLAIMED"}},
		{"a role with no article in apposition", "Ana Lobo, chief economist at Tagus Bank, noted that rates were high.", []string{"Ana Lobo|CLAIMED"}},
		{"one of a kind in apposition", "Residents of Vila Nova, one of the worst-hit towns, said the water was brown.", []string{"residents|CLAIMED"}},
		{"a restrictive who-clause before the verb", "The ferry was late, a port official who asked not to be named told the paper.", []string{"officials|CLAIMED"}},
		{"they for the sentence's own group", "Police arrested five men, including one they believe steered the boat.", []string{"Police|UNCONFIRMED"}},
		{"it with a word that is also a noun", "The charity said 200 had fled, and it estimated that 40 had died.", []string{"charity|CLAIMED", "charity|UNCONFIRMED"}},
		{"feared by a body", "Rescuers found 24 survivors, down from the 60 initially feared by the union.", []string{"union|UNCONFIRMED"}},
		{"repeating a demand", "The federation repeated its demand for higher pay.", []string{"federation|CLAIMED"}},
		{"a centre as a body", "The National Volcano Centre raised the alert. The centre said ash had fallen.", []string{"National Volcano Centre|CLAIMED"}},
		{"brushing off anything denies it", "The mayor brushed off the poll.", []string{"mayor|DENIED"}},
		{"citing an analysis by a group", "The senator insisted the figure was right, citing an analysis by the civic group Open Rolls.",
			[]string{"senator|CLAIMED", "Open Rolls|CLAIMED"}},
		{"a prediction hedges", "Growth will resume next year, she predicted.", nil},
		{"declining to say, after a comma", "The governor said rates would stay high, declining to say whether they would rise.", []string{"governor|CLAIMED", "governor|UNCONFIRMED"}},
		{"nothing to confirm", "The envoy said the team had found nothing to confirm the allegations.", []string{"envoy|UNCONFIRMED"}},
		{"a court upholds", "The appeals court upheld the ruling.", []string{"appeals court|CONFIRMED"}},
		{"conceding a lack of proof", "The union conceded that it could not name any of the patients.", []string{"union|UNCONFIRMED"}},
		{"borne out is a confirmation", "The auditor said the review had borne out its estimate.", []string{"auditor|CONFIRMED"}},
		{"its office is the body", "The United Nations appealed for aid, according to a statement from its humanitarian office.", []string{"United Nations|CLAIMED"}},
		{"a long who-clause", "Security researchers who examined data posted online by the Grey Fox group say the breach is larger.", []string{"security researchers|CLAIMED"}},
		{"the person described before", "The data were copied, according to a person familiar with the inquiry. The thieves used a stolen password, the person added.",
			[]string{"person familiar with the inquiry|CLAIMED", "person familiar with the inquiry|CLAIMED"}},
		{"would not be drawn", "The chief executive would not be drawn on whether a ransom was paid.", []string{"chief executive|UNCONFIRMED"}},
		{"a verb of thinking without that", "Analysts at Harbour Capital reckon the bill could reach 120 million euros.", []string{"Harbour Capital|UNCONFIRMED"}},
		{"a pair with a described second member", "Halden Security and a second research firm, Northgate Cyber, said the dump was genuine.", []string{"Halden Security+Northgate Cyber|CLAIMED"}},
		{"a partner named by title", "About 200 people joined the action, according to partner Aoife Lacey.", []string{"Aoife Lacey|CLAIMED"}},
		{"a figure called inflated is rebutted", "The club described the figure as wildly inflated.", []string{"club|DENIED"}},
		{"a number said to be padded", "“Their number was padded,” said Ines Lobo, a researcher at the institute.", []string{"Ines Lobo|DENIED"}},
		{"inflation is no rebuttal", "The bank said inflation was high.", []string{"bank|CLAIMED"}},
		{"an officer named after the role", "Chief financial officer Tomas Berg told analysts the cost would rise. He added that no fine was included.",
			[]string{"Tomas Berg|CLAIMED", "Tomas Berg|CLAIMED"}},
		{"a given name tells she from he", "Fiona Keane, a lawyer, arrived first. Declan Walsh, a banker, arrived next. “We are ready,” she said.", []string{"Fiona Keane|CLAIMED"}},
		{"a short form of a firm already named", "Tagus Lane Capital collapsed in May. Tagus Lane had promised a fixed return, the judge said.", []string{"Tagus Lane Capital|CLAIMED", "judge|CLAIMED"}},
		{"post-nominal letters are not part of the name", "Opening the case, Ana Reis SC told the jury that the fund was empty.", []string{"Ana Reis|CLAIMED"}},
		{"a rebuttal that nothing was done", "The bank said no client data had been taken.", []string{"bank|DENIED"}},
		{"a rebuttal of a past act", "It has not paid the ransom, the company said.", []string{"company|DENIED"}},
		{"no one hurt is a report, not a rebuttal", "The minister said no soldier was killed.", []string{"minister|CLAIMED"}},
		{"an intention is not a rebuttal", "The Greens said they would not block the budget.", []string{"Greens|CLAIMED"}},
		{"a condition is not a rebuttal", "Ana Lobo said the union would strike if no deal had been reached by May.", []string{"Ana Lobo|CLAIMED"}},
		{"revising a count restates it", "The utility on Thursday revised its count of households hit to 465,000.", []string{"utility|CLAIMED"}},
		{"anonymous staff speak for themselves", "Two engineers at the utility, who asked not to be named, told the paper that a transformer had failed.", []string{"engineers|CLAIMED"}},
		{"playing no part is a rebuttal", "The grid operator had played no part in the failure, chief executive Ramon Vila said.", []string{"Ramon Vila|DENIED"}},
		{"accepting the findings confirms", "The association, which had blamed a power line, said it accepted the findings.", []string{"association|CLAIMED", "association|CONFIRMED"}},
		{"a name with 'de los'", "Senator Aurora de los Santos said the count was too low.", []string{"Aurora de los Santos|CLAIMED"}},
		{"both parties are the two bodies of the story", "Tagus Bank will buy Douro Holdings, both parties confirmed on Sunday.", []string{"Tagus Bank+Douro Holdings|CONFIRMED"}},
		{"a figure cited by a union", "The delays affected 11 players, not the 14 cited by the players' union.", []string{"players' union|CLAIMED"}},
		{"a club spokesman speaks for the club named", "Calderbridge Football Club lost again. A club spokesman dismissed the report.", []string{"Calderbridge Football Club|DENIED"}},
		{"he skips a woman known by her given name", "Chairman Graham Pell sold his shares, the chief executive, Sunita Varma, told fans. The club will buy the ground, he said.",
			[]string{"Sunita Varma|CLAIMED", "Graham Pell|CLAIMED"}},
		{"a longer list of things not taken", "The bank insisted that no card numbers or passwords had been taken.", []string{"bank|DENIED"}},
		{"still verifying leaves it unconfirmed", "“We are still verifying the files,” the regulator said.", []string{"regulator|UNCONFIRMED"}},
		{"a definite plural before a word that is also a noun", "The hackers still claim the data is real.", []string{"hackers|CLAIMED"}},
		{"a claim inside a relative clause without that", "The count is short of the 2.1 million the hackers claim.", []string{"hackers|CLAIMED"}},
		{"a liquidator as a speaker", "Savers lost 240 million euros, the firm's liquidator told the court.", []string{"firm's liquidator|CLAIMED"}},
		{"a verb inside a subordinate clause is not the subject", "Holm said South African officials had briefed him.", []string{"Holm|CLAIMED", "South Africa|CLAIMED"}},
		{"age and description between name and verb", "Paulo Reis, 58, a former mayor, said the vote was rigged.", []string{"Paulo Reis|CLAIMED"}},
		{"plural possessive inside a name", "The Dock Workers' Union said the port was shut.", []string{"Dock Workers' Union|CLAIMED"}},
		{"weekday opening a paper's name", "The Sunday Chronicle reported that the deal had failed.", []string{"Sunday Chronicle|CLAIMED"}},
		{"member of an organisation known by its acronym", "Ines Carvalho of the OECD said rates would fall.", []string{"Ines Carvalho|CLAIMED"}},
		{"member of an organisation", "Ines Carvalho of Atlas Securities said rates would fall.", []string{"Ines Carvalho|CLAIMED"}},
		{"an occupation speaks", "A nurse told the paper that the ward was full.", []string{"nurse|CLAIMED"}},
		{"compound title names a role", "UN chief Rosa Lenz met the envoy. The talks were useful, the UN Secretary General said.",
			[]string{"Rosa Lenz|CLAIMED"}},
		{"sentence-final speaker is no apposition", "UN chief Ivo Marr spoke with Finance Minister Lena Sund, the UN Secretary General added.",
			[]string{"Ivo Marr|CLAIMED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := statementsOf(tt.body)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestFigureInRelativeClauseWithoutThat gives a figure to the speaker of a
// relative clause that has no "that": "the $35 million it had forecast".
func TestFigureInRelativeClauseWithoutThat(t *testing.T) {
	an := testPipeline.Analyze("", "The fund said it would release $20 million, down from the $35 million it had forecast in May. The 13 judges upheld the result.")
	got := map[string]string{}
	for _, f := range an.Figures {
		src := ""
		if f.Source >= 0 {
			src = an.Entities[f.Source].Name
		}
		got[f.Text] = src
	}
	if got["$35 million"] != "fund" || got["$20 million"] != "fund" {
		t.Errorf("sources %v, want both amounts from the fund", got)
	}
	if got["13"] != "" {
		t.Errorf("the count of the speakers %q has a source", got["13"])
	}
}

func TestStatus(t *testing.T) {
	tests := []struct {
		name, body string
		want       domain.Status
	}{
		{"confirm verb", "Norway confirmed that the ship had sunk.", domain.Confirmed},
		{"deny verb", "Norway denied that the ship had sunk.", domain.Denied},
		{"dismissal", "Norway dismissed the report as nonsense.", domain.Denied},
		{"did not confirm", "Norway did not confirm the report.", domain.Unconfirmed},
		{"did not deny", "Norway did not deny the report.", domain.Unconfirmed},
		{"yet to confirm", "Norway has yet to confirm the report.", domain.Unconfirmed},
		{"unable to confirm", "Norway was unable to confirm the report.", domain.Unconfirmed},
		{"neither nor", "Norway has neither confirmed nor denied the report.", domain.Unconfirmed},
		{"could not confirm in content", "Norway said it could not confirm the report.", domain.Unconfirmed},
		{"could confirm in content", "Norway said it could confirm the report.", domain.Confirmed},
		{"hedge in content", "Norway said the ship had probably sunk.", domain.Unconfirmed},
		{"may have", "The ship may have sunk, Norway said.", domain.Unconfirmed},
		{"counterfactual could have", "The ship could have been saved, Norway said.", domain.Claimed},
		{"inability is not a hedge", "Norway said the crew could not leave.", domain.Claimed},
		{"belief verb", "Experts believe the ship sank.", domain.Unconfirmed},
		{"estimate verb", "About 300 people fled, officials estimate.", domain.Unconfirmed},
		{"warning stays claimed", "Norway warned it might close the port.", domain.Claimed},
		{"dismissive words", "Norway described the reports as groundless rumours.", domain.Denied},
		{"question whether is an opinion", "Experts question whether the dam will hold.", domain.Claimed},
		{"plain claim", "Norway said the ship sank.", domain.Claimed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := testPipeline.Analyze("", tt.body)
			if len(an.Statements) == 0 {
				t.Fatalf("no statement in %q", tt.body)
			}
			if got := an.Statements[0].Status; got != tt.want {
				t.Errorf("got %s want %s", got, tt.want)
			}
		})
	}
}

// figureOf renders each figure as "text|source|STATUS|statement".
func figuresOf(body string) []string {
	an := testPipeline.Analyze("", body)
	var out []string
	for _, f := range an.Figures {
		src := "-"
		if f.Source >= 0 {
			src = an.Entities[f.Source].Name
		}
		out = append(out, fmt.Sprintf("%s|%s|%s|%d", f.Text, src, f.Status, f.Statement))
	}
	return out
}

func TestFigures(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"source from statement", "Chile said 33 miners were trapped.", []string{"33|Chile|CLAIMED|0"}},
		{"article voice", "The mine employs 400 people.", []string{"400|-|CLAIMED|-1"}},
		{"own clause hedged", "Chile said 33 miners were trapped and that 12 more may be missing.",
			[]string{"33|Chile|CLAIMED|0", "12|Chile|UNCONFIRMED|0"}},
		{"impersonal passive", "It is estimated that around 2,000 people fled.", []string{"2,000|-|UNCONFIRMED|-1"}},
		{"denied claim", "Acme dismissed a report claiming it would cut 900 jobs.", []string{"900|Acme|DENIED|0"}},
		{"citation chain", "Citing the WHO, local media reported that 45 people had died.",
			[]string{"45|World Health Organization|CLAIMED|1"}},
		{"two sources", "France and Germany said 5,000 troops would take part.", []string{"5,000|France and Germany|CLAIMED|0"}},
		{"figure doubted later", "Residents said 12 bodies were found, but the figure could not be confirmed.",
			[]string{"12|residents|UNCONFIRMED|0"}},
		{"confirmed subject", "The number of confirmed deaths rose to 52.", []string{"52|-|CONFIRMED|-1"}},
		{"confirm verb", "Chile confirmed that 33 miners were alive.", []string{"33|Chile|CONFIRMED|0"}},
		{"relative clause cue", "Lima said 20 people were hurt, fewer than the 60 that local media had reported.",
			[]string{"20|Peru|CLAIMED|0", "60|media reports|CLAIMED|1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := figuresOf(tt.body)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestEntities(t *testing.T) {
	an := testPipeline.Analyze("", "Ukrainian President Oleh Kowalskyy met NATO chief Ingrid Falk in Kyiv. Kowalsky said South Korean officials had briefed him. The Kremlin declined to comment. "+
		"Nouakchott denied the report, and Coastal Rescue Watch said the count was too low.")
	got := map[string][]string{}
	for _, e := range an.Entities {
		al := append([]string{}, e.Aliases...)
		sort.Strings(al)
		got[e.Name+"/"+string(e.Kind)] = al
	}
	want := map[string][]string{
		"Oleh Kowalskyy/PERSON": {"Kowalsky", "Kowalskyy", "Ukrainian President Oleh Kowalskyy"},
		"Ingrid Falk/PERSON":    {"Falk", "NATO chief Ingrid Falk"},
		"Ukraine/COUNTRY":       {"Kyiv"},
		"NATO/ORGANIZATION":     {},
		// a seat of government stands for its country
		"Russia/COUNTRY": {"Kremlin"},
		// every sovereign state's capital stands for it
		"Mauritania/COUNTRY": {"Nouakchott"},
		// a name ending in an organisation word is an organisation
		"Coastal Rescue Watch/ORGANIZATION": {},
	}
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Errorf("missing entity %s (have %v)", k, got)
			continue
		}
		if fmt.Sprint(g) != fmt.Sprint(w) {
			t.Errorf("%s aliases %q, want %q", k, g, w)
		}
	}
}

// TestAnalyzeConcurrent runs different articles at once, many times over,
// and checks each result against the same article analysed alone: the
// pipeline reuses pooled buffers between calls, and no call may see
// another's data.
func TestAnalyzeConcurrent(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no test articles: %v", err)
	}
	bodies := []string{"Chile said 33 miners were trapped. Experts believe 12 more may be missing."}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, string(b))
	}
	// JSON, not fmt: bounds are pointers, and only their values count.
	render := func(body string) string {
		b, err := json.Marshal(testPipeline.Analyze("", body))
		if err != nil {
			return err.Error()
		}
		return string(b)
	}
	want := make([]string, len(bodies))
	for i, b := range bodies {
		want[i] = render(b)
	}
	var wg sync.WaitGroup
	errs := make(chan string, 8*len(bodies))
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := 0; round < 5; round++ {
				for k := range bodies {
					i := (k + g + round) % len(bodies)
					if got := render(bodies[i]); got != want[i] {
						errs <- fmt.Sprintf("article %d differs when analysed concurrently", i)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Fatal(e)
	}
}

// TestOffsets checks the byte to code point mapping against counting the
// runes, at every byte of texts long enough to span several stored counts.
func TestOffsets(t *testing.T) {
	texts := []string{
		"",
		"plain ASCII text",
		strings.Repeat("Kyiv\u2019s \u201cfigures\u201d: 12\u00a0000 — é ü 漢字 ", 9),
		strings.Repeat("ä", 200),
	}
	for _, s := range texts {
		o := newOffsets(s)
		for b := -1; b <= len(s)+2; b++ {
			want := 0
			switch {
			case b >= len(s):
				want = utf8.RuneCountInString(s)
			case b > 0:
				// a byte inside a rune belongs to that rune
				st := b
				for st > 0 && !utf8.RuneStart(s[st]) {
					st--
				}
				want = utf8.RuneCountInString(s[:st])
			}
			if got := o.at(b); got != want {
				t.Fatalf("%q: at(%d) = %d, want %d", s, b, got, want)
			}
		}
	}
}

// TestGeneralPatterns covers attribution patterns in made-up sentences:
// each case is one construction news text uses, not any article's wording.
func TestGeneralPatterns(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"organisation then appositive name disputes", "The dockers' union, Liga Portuaria del Sur, disputed the port's figures.",
			[]string{"Liga Portuaria del Sur|DENIED"}},
		{"appositive name after an organisation noun", "Output fell sharply, the refiner's parent, Baltic Crude Holdings, said.",
			[]string{"Baltic Crude Holdings|CLAIMED"}},
		{"puts the total at", "The transport ministry puts the total at 412 stranded lorries.",
			[]string{"transport ministry|CLAIMED"}},
		{"all-capitals acronym as subject", "The WHO reported that 80 clinics had closed.",
			[]string{"World Health Organization|CLAIMED"}},
		{"acronym with citing keeps both", "The WHO, citing doctors in the region, reported that 80 clinics had closed.",
			[]string{"doctors|CLAIMED", "World Health Organization|CLAIMED"}},
		{"capital and the named body", "Moscow and the Russian Space Agency denied that the probe had failed.",
			[]string{"Russia+Russian Space Agency|DENIED"}},
		{"rank title and affiliation", "According to Chief Inspector Maria Dunne of Kerry Police, the van was stolen.",
			[]string{"Maria Dunne|CLAIMED"}},
		{"pronoun right after cue is the same speaker", "Economists expect a slowdown. Norwegian officials said they could not confirm media reports that the bank had failed.",
			[]string{"economists|UNCONFIRMED", "Norway|UNCONFIRMED"}},
		{"state media is not a cue", "Iranian state media said the plant was safe.", []string{"Iranian media|CLAIMED"}},
		{"neutral verb with no evidence", "\u201cWe have seen no evidence of a leak,\u201d a Norsk Kraft spokesperson said.",
			[]string{"Norsk Kraft|DENIED"}},
		{"neutral verb with did not happen", "The mayor said the meeting did not happen.", []string{"mayor|DENIED"}},
		{"suspected as adjective of the count", "Oslo said 40 suspected measles cases were found.", []string{"Norway|CLAIMED"}},
		{"noun object of a confirm verb", "Lisbon did not confirm press reports that the strike was over.", []string{"Portugal|UNCONFIRMED"}},
		{"UN agency by description", "Some 5,000 people fled, the UN refugee agency said.", []string{"UNHCR|CLAIMED"}},
		{"country's body named elsewhere", "Japan's coast guard said two boats sank. Later the Japan Coast Guard said a third was missing.",
			[]string{"Japan Coast Guard|CLAIMED", "Japan Coast Guard|CLAIMED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := statementsOf(tt.body)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestGeneralFigurePatterns(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"figures after a mid-sentence cue", "Exports rose to 300 tonnes a day, he added, up from 120 tonnes in May.",
			nil},
		{"figure after mid-sentence cue keeps speaker", "Finance Minister Ola Berg spoke on Monday. Exports rose to 300 tonnes a day, he added, up from 120 tonnes in May.",
			[]string{"300|Ola Berg|CLAIMED|0", "120|Ola Berg|CLAIMED|0"}},
		{"disputing body gives its own count", "The nurses' union, Sindicato de Enfermeras, disputed the figure, saying that at least 60 wards were closed.",
			[]string{"60|Sindicato de Enfermeras|CLAIMED|1"}},
		{"suspected cases stay claimed", "Oslo said 40 suspected measles cases were found.", []string{"40|Norway|CLAIMED|0"}},
		{"a provisional count is unconfirmed", "The provisional count gives 412 seats, Oslo said.", []string{"412|Norway|UNCONFIRMED|0"}},
		{"suspected opening the sentence is an adjective", "Suspected cholera cases rose to 300, Oslo said.", []string{"300|Norway|CLAIMED|0"}},
		{"named person with affiliation", "According to Chief Inspector Maria Dunne of Kerry Police, the gang stole 14 vans.",
			[]string{"14|Maria Dunne|CLAIMED|0"}},
		{"owner of a tally gives its figure", "The Red Cross's tally rose to 52 on Monday.", []string{"52|International Committee of the Red Cross|CLAIMED|-1"}},
		{"a survey by someone gives its figure", "A survey by the World Bank found 57% of homes had power.", []string{"57%|World Bank|CLAIMED|-1"}},
		{"rate denominator is no figure", "Oslo said there were 38 cases per 100,000 people.", []string{"38|Norway|CLAIMED|0"}},
		{"age after a name is no figure", "Dr Ana Reis, 52, said 12 wards were closed.", []string{"12|Ana Reis|CLAIMED|0"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := figuresOf(tt.body)
			if tt.want == nil {
				return // a pronoun with no antecedent: only checked not to panic
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestGeneralEntities(t *testing.T) {
	an := testPipeline.Analyze("", "The United Nations Children's Fund said 30 schools had shut. According to the Armed Forces of the Philippines, 12 soldiers were hurt. District health officers said the wells were dry.")
	names := map[string]bool{}
	for _, e := range an.Entities {
		names[e.Name] = true
		for _, al := range e.Aliases {
			if al == "Fund" || al == "Armed Forces" {
				t.Errorf("truncated alias %q of %s", al, e.Name)
			}
		}
	}
	for _, w := range []string{"UNICEF", "Armed Forces of the Philippines", "district health officers"} {
		if !names[w] {
			t.Errorf("missing entity %q in %v", w, names)
		}
	}
}

func TestGeneralSubjects(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string // "text|head" per figure
	}{
		{"subject stops at the verb", "Some 2 million households lack reliable power.", []string{"2 million|household"}},
		{"cue verb is not the subject", "The regional council, however, puts the figure at about 4,500.", []string{"4,500|"}},
		{"part of a possessed whole", "Floods hit 9 of the province's 14 counties.", []string{"9|county", "14|county"}},
		{"part with a possessive pronoun", "Rebels seized three of their trucks.", []string{"three|truck"}},
		{"plural modifier kept", "The deal covers 40 arms shipments.", []string{"40|shipment"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			an := testPipeline.Analyze("", tt.body)
			var got []string
			for _, f := range an.Figures {
				got = append(got, f.Text+"|"+f.Head)
			}
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestAppositionAndEvidencePatterns covers names in apposition, bodies of
// places, official evidence and denials of one's own acts, each with
// sentences of our own.
func TestAppositionAndEvidencePatterns(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"acronym after its description", "Peru's mining safety agency, OSMIN, confirmed that 14 workers were trapped. The agency added that rescuers had reached the shaft.",
			[]string{"OSMIN|CONFIRMED", "OSMIN|CLAIMED"}},
		{"joint names after a plural noun", "The country's three main farm unions, FNA and AGRIS, have called for a fuel subsidy.",
			[]string{"FNA+AGRIS|CLAIMED"}},
		{"citing a bare plural", "Local media, citing paramedics on the road, reported that nine cars were involved.",
			[]string{"paramedics|CLAIMED", "media reports|CLAIMED"}},
		{"a name before state is a place", "Two days of mourning began in Sonora state on Friday.", nil},
		{"the state of a place", "Flooding hit the state of Kedah after the storm.", nil},
		{"hedge verb after staff at a body", "Analysts at FINTRA, the state markets regulator, estimated that prices rose by 4%.",
			[]string{"FINTRA|UNCONFIRMED"}},
		{"the mission after observers from a body", "Observers from the ODIHR have yet to confirm the count. In a statement, the mission said it had sent 30 monitors.",
			[]string{"ODIHR|UNCONFIRMED", "ODIHR|CLAIMED"}},
		{"official figures from a body", "Official figures from the Baltic Statistics Institute showed 800 more births than usual.",
			[]string{"Baltic Statistics Institute|CONFIRMED"}},
		{"customs figures are official records", "Turkish customs figures showed about 90 tonnes of steel leaving the port.",
			[]string{"Turkey|CONFIRMED"}},
		{"name with punctuation", "The campaign group Enough! said 300 shops had closed.", []string{"Enough!|CLAIMED"}},
		{"initials keep a lowercase word inside a name", "The Fisheries and Ocean products Safety Board (FOSB) said on Monday that it had confirmed a toxin in 12 samples.",
			[]string{"Fisheries and Ocean products Safety Board|CONFIRMED"}},
		{"body of a place", "Tabasco's regional water office denied that the pumps had failed.",
			[]string{"Tabasco regional water office|DENIED"}},
		{"national treasury", "The Canadian Treasury said the fund held 40 accounts.", []string{"Canadian Treasury|CLAIMED"}},
		{"society as an organisation", "According to the Royal Botanical Society, 70 species were lost. The society could not confirm the cause.",
			[]string{"Royal Botanical Society|CLAIMED", "Royal Botanical Society|UNCONFIRMED"}},
		{"parent company in apposition", "Orvik Trading and its parent company, Selma Holdings, denied the report.",
			[]string{"Orvik Trading+Selma Holdings|DENIED"}},
		{"said it never did it", "Orvik Trading said it had never shipped arms to the region.", []string{"Orvik Trading|DENIED"}},
		{"nothing to hide stays claimed", "Orvik Trading said the firm had nothing to hide.", []string{"Orvik Trading|CLAIMED"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := statementsOf(tt.body)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestCitedAndProjectedFigures(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"cited party gives the figure", "Local media, citing paramedics on the road, reported that nine cars were involved.",
			[]string{"nine|paramedics|CLAIMED|1"}},
		{"a projection hedges its figure", "The ruling party was projected to win 40 seats.", []string{"40|-|UNCONFIRMED|-1"}},
		{"treasury accuses", "The Canadian Treasury fined a shipping firm it accused of moving 300 tonnes of scrap.",
			[]string{"300|Canadian Treasury|CLAIMED|0"}},
		{"a disputing participle takes the figure", "Costs reached NZ$38 million a day, the Business Lobby said, disputing the ministry's estimate of NZ$14 million.",
			[]string{"NZ$38 million|Business Lobby|CLAIMED|0", "NZ$14 million|Business Lobby|DENIED|1"}},
		{"it is the sentence's subject", "The Harbour Board said it had spent €2 million. Aotea Rail acknowledged that 64% of trains did not run, up from the 58% it reported.",
			[]string{"€2 million|Harbour Board|CLAIMED|0", "64%|Aotea Rail|CONFIRMED|1", "58%|Aotea Rail|CLAIMED|2"}},
		{"a time phrase ends what was said", "The auditor conceded that it had erred, five weeks after a collapse that cost 1,200 jobs.",
			[]string{"five|-|CLAIMED|-1", "1,200|-|CLAIMED|-1"}},
		{"accepting that concedes", "The administrators now accept that 1,290 positions were lost.",
			[]string{"1,290|administrators|CONFIRMED|0"}},
		{"counting the speakers is the article's", "The Ledger, citing three people close to the talks, reported that 40 jobs would go.",
			[]string{"three|-|CLAIMED|-1", "40|people close to the talks|CLAIMED|1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := figuresOf(tt.body); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// TestAttributionSpans: the cue, the content and each source as written,
// for highlighting: the content never holds the cue or the speaker, and
// coordinated speakers each get their own name.
func TestAttributionSpans(t *testing.T) {
	body := "Port chief Ana Reis said ships had been delayed. She added that no one was hurt, the port chief said. " +
		"Egypt and Jordan denied the report. The border will reopen, said the Kenyan interior ministry. According to Oslo, the talks failed."
	an := testPipeline.Analyze("", body)
	r := []rune(body)
	text := func(s domain.Span) string { return string(r[s.Start:s.End]) }
	var got []string
	for _, st := range an.Statements {
		line := text(st.CueSpan) + " | " + text(st.Content) + " |"
		for _, m := range st.SourceMentions {
			line += " " + text(m.Span) + "=" + an.Entities[m.Entity].Name
		}
		got = append(got, line)
	}
	want := []string{
		"said | ships had been delayed. | Port chief Ana Reis=Ana Reis",
		"added | that no one was hurt | She=Ana Reis",
		"said | that no one was hurt | the port chief=Ana Reis",
		"denied | the report. | Egypt=Egypt Jordan=Jordan",
		"said | The border will reopen | the Kenyan interior ministry=Kenya",
		"According to | the talks failed. | Oslo=Norway",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDocumentsAndFrontedObjects holds the reading of documents as
// sources, fronted figures in relative clauses and the phrasal and
// infinitive cues, each in wording of our own.
func TestDocumentsAndFrontedObjects(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"indictment speaks for the prosecution", "The trader lost €40 million of clients' money, according to the indictment.",
			[]string{"prosecution|CLAIMED"}},
		{"prosecutors and the prosecution are one party", "Prosecutors say the fund was a sham. The fund took €40 million, according to the indictment.",
			[]string{"prosecution|CLAIMED", "prosecution|CLAIMED"}},
		{"plural papers speak for themselves", "Some €9 million moved offshore in 2021, according to court documents.",
			[]string{"court documents|CLAIMED"}},
		{"a modifier owns the statement", "The Harbour Police opened a case. Two boats were damaged, according to a police statement.",
			[]string{"Harbour Police|CLAIMED"}},
		{"a summary released by its issuer", "Response rates reached 31%, according to a summary released by Velmont Pharma.",
			[]string{"Velmont Pharma|CLAIMED"}},
		{"a report in a publication", "The club breached the limit by £4m, according to a report in the Coastal Finance Review.",
			[]string{"Coastal Finance Review|CLAIMED"}},
		{"comma ends a light verb's object", "Crews found damage at three pumping points, according to the Water Board.",
			[]string{"Water Board|CLAIMED"}},
		{"fronted figure with its noun", "The ministry said it expects 9 million visitors, short of the 11 million visitors it had forecast.",
			[]string{"ministry|UNCONFIRMED", "ministry|UNCONFIRMED"}},
		{"fronted figure in a relative clause", "The Tarvo Mining Company now counts 640 jobs at risk, up from the 410 it gave in March.",
			[]string{"Tarvo Mining Company|CLAIMED"}},
		{"did not rule out", "Minister Olga Brandt did not rule out a second levy.", []string{"Olga Brandt|UNCONFIRMED"}},
		{"ruled out", "Minister Olga Brandt ruled out a second levy.", []string{"Olga Brandt|DENIED"}},
		{"advice is no statement", "The central bank should not rule out a rate rise, Olga Brandt said.", []string{"Olga Brandt|CLAIMED"}},
		{"adverb inside the infinitive", "The Valley Courier was unable to independently verify the letters.", []string{"Valley Courier|UNCONFIRMED"}},
		{"quoted by a paper as saying", "Ines Roca was quoted by the Valley Courier as saying the mine would close.", []string{"Ines Roca|CLAIMED"}},
		{"verdict with a topic before the colon", "Union leader Pavel Dusek gave his verdict on the offer: “Not nearly enough.”",
			[]string{"Pavel Dusek|CLAIMED"}},
		{"telling adds a statement", "Ines Roca conceded the plan had failed, telling reporters that costs had doubled.",
			[]string{"Ines Roca|CONFIRMED", "Ines Roca|CLAIMED"}},
		{"not yet established", "A spokesman for the Harbour Police said it had not yet established the cause.",
			[]string{"Harbour Police|UNCONFIRMED"}},
		{"no decision taken", "Ines Roca told reporters that no decision had been taken.", []string{"Ines Roca|UNCONFIRMED"}},
		{"considering is a hedge", "The ministry said it was considering a ban on exports.", []string{"ministry|UNCONFIRMED"}},
		{"accepting someone's findings", "Ines Roca said she accepted the auditors' findings.", []string{"Ines Roca|CONFIRMED"}},
		{"nothing withheld", "“No test results were withheld from the regulator,” Ines Roca said.", []string{"Ines Roca|DENIED"}},
		{"an allegation is unproven", "Two former engineers allege that the tests were skipped.", []string{"former engineers|UNCONFIRMED"}},
		{"a subject that did not act rebuts", "Ines Roca insisted that the board had never approved the loan.", []string{"Ines Roca|DENIED"}},
		{"there was no risk", "Ines Roca insisted there was no risk to supplies.", []string{"Ines Roca|DENIED"}},
		{"an experience is no rebuttal", "“We have never seen floods like this,” Ines Roca said.", []string{"Ines Roca|CLAIMED"}},
		{"the present describes", "The estimate does not include fines, Ines Roca said.", []string{"Ines Roca|CLAIMED"}},
		{"a plural possessive inside a name", "The Grain Traders' Association estimated the crop at 16 million tonnes.",
			[]string{"Grain Traders' Association|UNCONFIRMED"}},
		{"figures released on a day by an office", "Farms had threshed 12 million tonnes, figures released on Tuesday by the Bureau of Statistics show.",
			[]string{"Bureau of Statistics|CONFIRMED"}},
		{"its inspectors speak for the body", "The Fair Trade Agency said its inspectors had verified the stockpiles.",
			[]string{"Fair Trade Agency|CONFIRMED", "Fair Trade Agency|CONFIRMED"}},
		{"his ministry is the one named", "The Ministry of Water expects rain. His ministry had predicted 40 mm in May.",
			[]string{"Ministry of Water|UNCONFIRMED", "Ministry of Water|UNCONFIRMED"}},
		{"his party unnamed stays unknown", "His party says ballots were lost.", []string{}},
		{"a surname with a role in apposition", "Haddad, the Hamilton oncologist, told the paper the drug worked. “Most patients improve,” he said.",
			[]string{"Haddad|CLAIMED", "Haddad|CLAIMED"}},
		{"saying only that withholds", "Asked about the deal, Ines Roca said only that all options remained open.", []string{"Ines Roca|UNCONFIRMED"}},
		{"emails speak for themselves", "According to internal emails, two managers discussed the changes.", []string{"internal emails|CLAIMED"}},
		{"an indefinite pronoun names nobody", "“Nobody told us anything,” Ines Roca said.", []string{"Ines Roca|CLAIMED"}},
		{"a country ending an organisation's name", "Fair Skies Australia said refunds were slow.", []string{"Fair Skies Australia|CLAIMED"}},
		{"a participle after an irregular past", "Fair Skies Australia put the shortfall at A$30 million, saying refunds were slow.",
			[]string{"Fair Skies Australia|CLAIMED", "Fair Skies Australia|CLAIMED"}},
		{"twice between auxiliary and verb", "Transport Minister Alison Crowe, who had twice denied that a loan was offered, said she was not briefed.",
			[]string{"Alison Crowe|DENIED", "Alison Crowe|CLAIMED"}},
		{"maintained throughout that", "Gregory Tolland has maintained throughout that the airline was solvent.", []string{"Gregory Tolland|CLAIMED"}},
		{"by an owner's reckoning", "Services fell by half, by the ministry's reckoning.", []string{"ministry|CLAIMED"}},
		{"by an owner's estimate", "By the union's estimate, 40,000 workers joined the strike.", []string{"union|UNCONFIRMED"}},
		{"a statistics office is a body", "Stats NZ figures show that rail use fell 12% in September.", []string{"Stats NZ|CONFIRMED"}},
		{"an owner's own figures", "Aotea Rail's own figures show that 82% of services were cancelled.", []string{"Aotea Rail|CONFIRMED"}},
		{"a company's name ends in Inc.", "Velmont Pharma Inc. conceded on Friday that two doses had been mislabelled.", []string{"Velmont Pharma|CONFIRMED"}},
		{"a person of an organisation", "Nadia Brook of Fenwick Grain Trading said prices had fallen.", []string{"Nadia Brook|CLAIMED"}},
		{"state television is a noun", "Kenyan state television said that the dam had held.", []string{"kenyan state television|CLAIMED"}},
		{"standing by a forecast", "Minister Olga Brandt stood by the ministry's forecast of 14 million tonnes.", []string{"Olga Brandt|CLAIMED"}},
		{"expecting is a hedge", "The Water Board said it expects reservoirs to fall to 30%.", []string{"Water Board|UNCONFIRMED"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := statementsOf(tc.body)
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("%q:\n got %v\nwant %v", tc.body, got, tc.want)
			}
		})
	}
}
