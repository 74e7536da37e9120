package quantity

// Closed-class words and irregular forms used to find where the noun
// phrase counted by a number begins and ends.

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// determiners start a noun phrase; articles are left out of subjects,
// possessives are kept ("its recruiting team").
var articles = set("the", "a", "an", "this", "that", "these", "those", "such", "each", "every",
	"all", "both", "any", "no", "another", "some", "either", "neither", "which", "what", "whose")

var possessives = set("its", "their", "his", "her", "our", "my", "your")

// stopWords end a noun phrase: prepositions, conjunctions, pronouns,
// auxiliaries, frequent verbs and adverbs, comparatives.
var stopWords = set(
	// prepositions
	"of", "in", "on", "at", "to", "from", "by", "for", "with", "without", "into", "onto", "over",
	"under", "across", "along", "among", "amid", "amidst", "around", "about", "after", "before",
	"during", "since", "until", "between", "through", "throughout", "within", "against", "near",
	"toward", "towards", "per", "via", "than", "as", "like", "beyond", "behind", "beneath",
	"above", "below", "outside", "inside", "off", "out", "up", "down", "upon", "despite",
	"including", "following", "according", "except", "besides", "including", "versus", "vs",
	// conjunctions and relatives
	"and", "or", "but", "nor", "so", "yet", "while", "whereas", "because", "although", "though",
	"if", "when", "where", "who", "whom", "which", "that", "whether", "unless", "once", "then",
	// pronouns
	"i", "you", "he", "she", "it", "we", "they", "me", "him", "us", "them", "itself",
	"themselves", "there", "here", "this", "these", "those", "one", "ones",
	// auxiliaries and modals
	"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had", "having",
	"do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might",
	"must", "ought", "won't", "can't", "didn't", "don't", "doesn't", "isn't", "aren't",
	"wasn't", "weren't", "hasn't", "haven't", "hadn't", "wouldn't", "couldn't", "shouldn't",
	// frequent verbs (base, present and irregular past forms)
	"said", "say", "says", "saying", "told", "tell", "tells", "took", "take", "takes", "went",
	"go", "goes", "came", "come", "comes", "left", "leave", "leaves", "made", "make", "makes",
	"fled", "flee", "flees", "die", "dies", "remain", "remains", "face", "faces", "fight",
	"fought", "join", "joins", "live", "lost", "won", "gave", "give", "gives", "got", "get",
	"gets", "saw", "see", "sees", "held", "hold", "holds", "kept", "keep", "keeps", "met",
	"meet", "sent", "send", "sends", "set", "put", "ran", "run", "runs", "rose", "fell", "grew",
	"became", "become", "becomes", "began", "begin", "stood", "stand", "stands", "spent",
	"paid", "pay", "sought", "seek", "need", "needs", "want", "wants", "help", "helps",
	"serve", "serves", "work", "works", "lose", "win", "bring", "brought", "led", "lead",
	"think", "thought", "believe", "believes", "know", "known", "knew", "seen", "given",
	"taken", "gone", "done", "shown", "show", "shows", "mean", "means", "meant", "include",
	"includes", "total", "totals", "number", "numbers", "reach", "reaches", "hit", "hits",
	"cost", "costs", "spend", "spends", "buy", "bought", "sell", "sold", "sit", "sat",
	"continue", "continues", "appear", "appears", "seem", "seems", "cross", "crossed",
	"attend", "attended", "march", "rally", "protest", "protested", "gathered",
	// adverbs and particles
	"not", "never", "ever", "now", "already", "still", "also", "only", "just", "even", "currently",
	"today", "yesterday", "tomorrow", "ago", "reportedly", "apiece", "alone", "again", "too",
	"very", "each", "more", "less", "fewer", "most", "least", "higher", "lower", "greater",
	"larger", "smaller", "bigger", "earlier", "later", "soon", "altogether", "overall", "all",
	"respectively", "instead", "almost", "nearly", "about", "roughly", "approximately",
	"worth", "last", "next", "this", "every", "a", "an", "the", "some", "no", "what",
	// weekdays
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)

// predicativeAdjectives follow a plural noun without belonging to it
// ("soldiers dead or wounded", "people missing").
var predicativeAdjectives = set("dead", "alive", "missing", "homeless", "injured", "wounded",
	"hurt", "killed", "unaccounted", "displaced", "detained", "arrested", "captured", "evacuated",
	"lost", "affected", "stranded", "trapped", "abroad", "overseas", "involved", "deployed",
	"present", "available", "ashore", "aboard", "each", "total", "apiece", "strong", "old", "long",
	"high", "wide", "deep", "tall", "away", "ahead", "later", "earlier", "ago")

// participles that can close a subject counted through "the number of"
// ("the number of Russian troops killed").
var countParticiples = set("killed", "wounded", "injured", "lost", "displaced", "detained",
	"arrested", "captured", "evacuated", "missing", "dead", "affected", "deployed", "sent",
	"hurt", "confirmed", "reported", "recorded", "registered", "infected", "employed")

// irregularPlurals maps irregular plurals to their singular.
var irregularPlurals = map[string]string{
	"people": "person", "persons": "person", "men": "man", "women": "woman", "children": "child",
	"lives": "life", "wives": "wife", "knives": "knife", "wolves": "wolf", "halves": "half",
	"leaves": "leaf", "thieves": "thief", "shelves": "shelf", "feet": "foot", "teeth": "tooth",
	"mice": "mouse", "geese": "goose", "oxen": "ox", "data": "data", "criteria": "criterion",
	"phenomena": "phenomenon", "analyses": "analysis", "crises": "crisis", "theses": "thesis",
	"diagnoses": "diagnosis", "bases": "base", "cacti": "cactus", "fungi": "fungus",
	"police": "police", "personnel": "personnel", "staff": "staff", "cattle": "cattle",
	"sheep": "sheep", "deer": "deer", "fish": "fish", "aircraft": "aircraft", "troops": "troop",
	"series": "series", "species": "species", "news": "news", "gendarmes": "gendarme",
	"kurds": "kurd", "civilians": "civilian", "dead": "dead", "wounded": "wounded",
	"injured": "injured", "missing": "missing", "elderly": "elderly", "militia": "militia",
	"headquarters": "headquarters", "means": "means", "forces": "force", "houses": "house",
	"nurses": "nurse", "horses": "horse", "courses": "course", "causes": "cause", "cases": "case",
	"vases": "vase", "phases": "phase", "purchases": "purchase", "releases": "release",
	"responses": "response", "expenses": "expense", "licenses": "license", "hostages": "hostage",
	"cruises": "cruise", "warehouses": "warehouse", "enterprises": "enterprise",
	"databases": "database", "increases": "increase", "promises": "promise", "lenses": "lens",
}
