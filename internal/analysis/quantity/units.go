package quantity

import "strings"

// Lexicon of currencies and measurement units.

// currencyCodes are ISO 4217 codes recognised before or after a number.
var currencyCodes = map[string]bool{
	"USD": true, "EUR": true, "GBP": true, "JPY": true, "CNY": true, "RMB": true, "KRW": true,
	"KPW": true, "INR": true, "RUB": true, "UAH": true, "CHF": true, "CAD": true, "AUD": true,
	"NZD": true, "SEK": true, "NOK": true, "DKK": true, "PLN": true, "CZK": true, "HUF": true,
	"RON": true, "TRY": true, "BRL": true, "MXN": true, "ARS": true, "ZAR": true, "HKD": true,
	"SGD": true, "SAR": true, "AED": true, "ILS": true, "THB": true, "IDR": true, "MYR": true,
	"EGP": true, "NGN": true, "KES": true, "PKR": true, "VND": true, "TWD": true, "LYD": true,
	"IRR": true, "IQD": true, "QAR": true, "KWD": true, "BTC": true, "BDT": true, "ETB": true,
	"GHS": true, "PHP": true, "COP": true, "CLP": true, "PEN": true, "MAD": true, "TZS": true, "UGX": true,
}

// lowerCodes are the ISO 4217 codes also read in lower case ("10 usd",
// "rmb 40"): all of currencyCodes but those that spell an English word or
// a common abbreviation.
var lowerCodes = func() map[string]string {
	words := set("try", "pen", "mad", "cad", "cop", "rub", "ron", "php", "ars")
	m := make(map[string]string, len(currencyCodes))
	for c := range currencyCodes {
		if l := strings.ToLower(c); !words[l] {
			m[l] = c
		}
	}
	return m
}()

// codeScales are the letters that scale a currency code written right
// before it, as financial reports do: "30 MUSD" is 30 million US dollars,
// "kEUR 250" 250 thousand euros.
var codeScales = map[byte]float64{'M': 1e6, 'k': 1e3, 'K': 1e3}

// currencyCode returns the currency that a word written as a code names,
// and the factor it scales the amount by: "USD" and "usd" give USD and 1,
// "MEUR" EUR and a million. The code is "" when the word is none.
func currencyCode(w string) (string, float64) {
	switch len(w) {
	case 3:
		if currencyCodes[w] {
			return w, 1
		}
		if c, ok := lowerCodes[w]; ok {
			return c, 1
		}
	case 4:
		if sc, ok := codeScales[w[0]]; ok && currencyCodes[w[1:]] {
			return w[1:], sc
		}
	}
	return "", 0
}

// subunits are the currency units that are a fraction of another: their
// amounts keep their own unit ("50 cents" is not 50 dollars).
var subunits = set("cent", "penny", "satoshi")

// currencySymbols are written before the amount. Multi-rune prefixes such
// as "US$" are matched as a word followed by a symbol, see moneyPrefix.
var currencySymbols = map[string]string{
	"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR", "₽": "RUB",
	"₴": "UAH", "₺": "TRY", "₪": "ILS", "₦": "NGN", "฿": "THB", "₫": "VND", "₱": "PHP",
	"₡": "CRC", "₾": "GEL", "₭": "LAK", "₿": "BTC", "₮": "MNT", "₸": "KZT", "₼": "AZN", "₲": "PYG",
	"₵": "GHS", "元": "CNY",
}

// letterPrefixes are currencies written as letters before the amount:
// glued always counts ("R40bn", "RM120,000"); with a space only the
// prefixes that are no common word or initial ("KSh 2.4 billion").
// A one-letter prefix also starts identifiers ("route R40"), so it counts
// only before an amount that reads as money: with decimals or thousands
// separators, or a magnitude ("R17.85", "R1,200", "R40bn").
var letterPrefixes = map[string]struct {
	code      string
	spaced    bool
	ambiguous bool
}{
	"R": {"ZAR", false, true}, "RM": {"MYR", true, false}, "Rp": {"IDR", true, false},
	"KSh": {"KES", true, false}, "Ksh": {"KES", true, false}, "Tk": {"BDT", true, false},
	"Br": {"ETB", false, true}, "GHS": {"GHS", true, false},
}

// magnitudes are the words and suffixes that scale an amount.
var magnitudes = map[string]bool{"bn": true, "m": true, "mn": true, "tn": true, "k": true,
	"million": true, "billion": true, "trillion": true, "thousand": true}

// dollarPrefixes qualify "$": "US$", "A$", "HK$".
var dollarPrefixes = map[string]string{
	"US": "USD", "U.S.": "USD", "A": "AUD", "AU": "AUD", "C": "CAD", "CA": "CAD", "HK": "HKD",
	"NZ": "NZD", "S": "SGD", "NT": "TWD", "R": "BRL", "MX": "MXN",
}

// currencyNames are currency words written after the amount, with the
// subject ("dollars") and head ("dollar") they give.
type currencyName struct{ code, head string }

var currencyNames = map[string]currencyName{
	"dollar": {"USD", "dollar"}, "dollars": {"USD", "dollar"},
	"euro": {"EUR", "euro"}, "euros": {"EUR", "euro"},
	"sterling": {"GBP", "pound"},
	"yen":      {"JPY", "yen"}, "yuan": {"CNY", "yuan"}, "renminbi": {"CNY", "yuan"},
	"won":   {"KRW", "won"},
	"rupee": {"INR", "rupee"}, "rupees": {"INR", "rupee"},
	"rouble": {"RUB", "rouble"}, "roubles": {"RUB", "rouble"}, "ruble": {"RUB", "rouble"}, "rubles": {"RUB", "rouble"},
	"hryvnia": {"UAH", "hryvnia"}, "hryvnias": {"UAH", "hryvnia"}, "hryvnas": {"UAH", "hryvnia"},
	"franc": {"CHF", "franc"}, "francs": {"CHF", "franc"},
	"peso": {"MXN", "peso"}, "pesos": {"MXN", "peso"},
	"lira": {"TRY", "lira"}, "liras": {"TRY", "lira"},
	"shekel": {"ILS", "shekel"}, "shekels": {"ILS", "shekel"},
	"rand": {"ZAR", "rand"}, "reais": {"BRL", "real"},
	"dinar": {"LYD", "dinar"}, "dinars": {"LYD", "dinar"},
	"dirham": {"AED", "dirham"}, "dirhams": {"AED", "dirham"},
	"riyal": {"SAR", "riyal"}, "riyals": {"SAR", "riyal"},
	"zloty": {"PLN", "zloty"}, "zlotys": {"PLN", "zloty"},
	"krona": {"SEK", "krona"}, "kronor": {"SEK", "krona"}, "krone": {"NOK", "krone"}, "kroner": {"NOK", "krone"},
	"baht": {"THB", "baht"}, "ringgit": {"MYR", "ringgit"}, "rupiah": {"IDR", "rupiah"},
	"naira": {"NGN", "naira"}, "shilling": {"KES", "shilling"}, "shillings": {"KES", "shilling"},
	"pound": {"GBP", "pound"}, "pounds": {"GBP", "pound"},
	// subunits keep their own unit: "50 cents" is not 50 dollars
	"cent": {"cent", "cent"}, "cents": {"cent", "cent"}, "pence": {"penny", "penny"},
	"penny": {"penny", "penny"}, "pennies": {"penny", "penny"},
	"bitcoin": {"BTC", "bitcoin"}, "bitcoins": {"BTC", "bitcoin"}, "satoshi": {"satoshi", "satoshi"}, "satoshis": {"satoshi", "satoshi"},
	// the characters for yuan and yen, written glued to the amount
	"元": {"CNY", "yuan"}, "円": {"JPY", "yen"},
	"guilder": {"NLG", "guilder"}, "guilders": {"NLG", "guilder"},
	"peseta": {"ESP", "peseta"}, "pesetas": {"ESP", "peseta"}, "markka": {"FIM", "markka"},
}

// unitInfo describes a measurement unit word.
type unitInfo struct {
	kind Kind
	unit string // normalised unit
}

// unitWords are measurement units written after a number, with a space,
// a hyphen ("three-month") or glued ("50km"). The units that take SI
// prefixes are added from prefixedUnits.
var unitWords = withPrefixedUnits(map[string]unitInfo{
	// durations
	"second": {Duration, "second"}, "seconds": {Duration, "second"}, "sec": {Duration, "second"}, "secs": {Duration, "second"},
	"minute": {Duration, "minute"}, "minutes": {Duration, "minute"}, "min": {Duration, "minute"}, "mins": {Duration, "minute"},
	"hour": {Duration, "hour"}, "hours": {Duration, "hour"}, "hr": {Duration, "hour"}, "hrs": {Duration, "hour"},
	"day": {Duration, "day"}, "days": {Duration, "day"},
	"week": {Duration, "week"}, "weeks": {Duration, "week"},
	"fortnight": {Duration, "fortnight"}, "fortnights": {Duration, "fortnight"},
	"month": {Duration, "month"}, "months": {Duration, "month"},
	"year": {Duration, "year"}, "years": {Duration, "year"}, "yr": {Duration, "year"}, "yrs": {Duration, "year"},
	"yo":     {Duration, "year"}, // "years old", in clinical and social writing
	"decade": {Duration, "decade"}, "decades": {Duration, "decade"},
	"century": {Duration, "century"}, "centuries": {Duration, "century"},
	// distances
	"km": {Distance, "km"}, "kms": {Distance, "km"}, "kilometre": {Distance, "km"}, "kilometres": {Distance, "km"},
	"kilometer": {Distance, "km"}, "kilometers": {Distance, "km"},
	"mile": {Distance, "mile"}, "miles": {Distance, "mile"}, "mi": {Distance, "mile"},
	"metre": {Distance, "m"}, "metres": {Distance, "m"}, "meter": {Distance, "m"}, "meters": {Distance, "m"}, "m": {Distance, "m"},
	"cm": {Distance, "cm"}, "centimetre": {Distance, "cm"}, "centimetres": {Distance, "cm"},
	"centimeter": {Distance, "cm"}, "centimeters": {Distance, "cm"},
	"dm": {Distance, "dm"}, "decimetre": {Distance, "dm"}, "decimetres": {Distance, "dm"},
	"decimeter": {Distance, "dm"}, "decimeters": {Distance, "dm"},
	"mm": {Distance, "mm"}, "millimetre": {Distance, "mm"}, "millimetres": {Distance, "mm"},
	"millimeter": {Distance, "mm"}, "millimeters": {Distance, "mm"},
	"µm": {Distance, "µm"}, "μm": {Distance, "µm"}, "micron": {Distance, "µm"}, "microns": {Distance, "µm"},
	"micrometre": {Distance, "µm"}, "micrometres": {Distance, "µm"}, "micrometer": {Distance, "µm"}, "micrometers": {Distance, "µm"},
	"nanometre": {Distance, "nm"}, "nanometres": {Distance, "nm"}, "nanometer": {Distance, "nm"}, "nanometers": {Distance, "nm"},
	"picometre": {Distance, "pm"}, "picometres": {Distance, "pm"}, "picometer": {Distance, "pm"}, "picometers": {Distance, "pm"},
	"ft": {Distance, "ft"}, "foot": {Distance, "ft"}, "feet": {Distance, "ft"},
	"yard": {Distance, "yard"}, "yards": {Distance, "yard"}, "yd": {Distance, "yard"},
	"inch": {Distance, "inch"}, "inches": {Distance, "inch"},
	"nm": {Distance, "nautical mile"},
	// weights
	"kg": {Weight, "kg"}, "kgs": {Weight, "kg"}, "kilogram": {Weight, "kg"}, "kilograms": {Weight, "kg"},
	"kilogramme": {Weight, "kg"}, "kilogrammes": {Weight, "kg"}, "kilo": {Weight, "kg"}, "kilos": {Weight, "kg"},
	"g": {Weight, "g"}, "gram": {Weight, "g"}, "grams": {Weight, "g"}, "gramme": {Weight, "g"}, "grammes": {Weight, "g"},
	"mg": {Weight, "mg"}, "milligrams": {Weight, "mg"},
	"tonne": {Weight, "tonne"}, "tonnes": {Weight, "tonne"}, "ton": {Weight, "ton"}, "tons": {Weight, "ton"},
	"t":         {Weight, "tonne"},
	"microgram": {Weight, "µg"}, "micrograms": {Weight, "µg"}, "microgramme": {Weight, "µg"}, "microgrammes": {Weight, "µg"},
	"μg": {Weight, "µg"}, "µg": {Weight, "µg"}, "mcg": {Weight, "µg"},
	"tablespoon": {Volume, "tablespoon"}, "tablespoons": {Volume, "tablespoon"},
	"teaspoon": {Volume, "teaspoon"}, "teaspoons": {Volume, "teaspoon"},
	"lb": {Weight, "lb"}, "lbs": {Weight, "lb"}, "ounce": {Weight, "oz"}, "ounces": {Weight, "oz"}, "oz": {Weight, "oz"},
	// areas
	"hectare": {Area, "hectare"}, "hectares": {Area, "hectare"}, "ha": {Area, "hectare"},
	"acre": {Area, "acre"}, "acres": {Area, "acre"}, "km2": {Area, "km2"},
	// volumes
	"litre": {Volume, "litre"}, "litres": {Volume, "litre"}, "liter": {Volume, "litre"}, "liters": {Volume, "litre"},
	"ml": {Volume, "ml"}, "millilitres": {Volume, "ml"}, "milliliters": {Volume, "ml"},
	"cl": {Volume, "cl"}, "centilitre": {Volume, "cl"}, "centilitres": {Volume, "cl"},
	"dl": {Volume, "dl"}, "decilitre": {Volume, "dl"}, "decilitres": {Volume, "dl"},
	"cup": {Volume, "cup"}, "cups": {Volume, "cup"}, "pint": {Volume, "pint"}, "pints": {Volume, "pint"},
	"quart": {Volume, "quart"}, "quarts": {Volume, "quart"},
	"gallon": {Volume, "gallon"}, "gallons": {Volume, "gallon"},
	"barrel": {Volume, "barrel"}, "barrels": {Volume, "barrel"}, "bbl": {Volume, "barrel"},
	// speeds
	"mph": {Speed, "mph"}, "kph": {Speed, "km/h"}, "kmph": {Speed, "km/h"}, "kmh": {Speed, "km/h"},
	"knot": {Speed, "knot"}, "knots": {Speed, "knot"},
	// power and energy outside the SI
	"hp": {Power, "hp"}, "bhp": {Power, "hp"}, "horsepower": {Power, "hp"},
	"calorie": {Energy, "kcal"}, "calories": {Energy, "kcal"}, "kcal": {Energy, "kcal"},
	// angles
	"rad": {Angle, "rad"}, "radian": {Angle, "rad"}, "radians": {Angle, "rad"},
	// temperatures; "celcius" and "farenheit" are misspellings common
	// enough in written English to be read as the scale they mean
	"degree": {Temperature, "degree"}, "degrees": {Temperature, "degree"}, "deg": {Temperature, "degree"},
	"celsius": {Temperature, "degree C"}, "centigrade": {Temperature, "degree C"}, "celcius": {Temperature, "degree C"},
	"fahrenheit": {Temperature, "degree F"}, "farenheit": {Temperature, "degree F"},
	"kelvin": {Temperature, "K"}, "kelvins": {Temperature, "K"},
	"degc": {Temperature, "degree C"}, "degf": {Temperature, "degree F"},
})

// temperatureScales are the words after "degrees" that name the scale:
// "40 degrees Celsius", "6 deg C".
var temperatureScales = map[string]string{
	"c": "degree C", "celsius": "degree C", "centigrade": "degree C", "celcius": "degree C",
	"f": "degree F", "fahrenheit": "degree F", "farenheit": "degree F", "kelvin": "K",
}

// siPrefixes are the SI prefixes (BIPM, The International System of Units,
// 9th edition) that news text puts before units of data, power, energy and
// frequency, keyed by their lowercased symbol. With these units a
// lowercase "m" means mega far more often than milli ("a 5 mw plant").
var siPrefixes = []struct{ sym, name, norm string }{
	{"k", "kilo", "k"}, {"m", "mega", "M"}, {"g", "giga", "G"}, {"t", "tera", "T"}, {"p", "peta", "P"},
}

// prefixedUnits are the units that take SI prefixes: the lowercased symbol,
// the name ("" when it is not written out), the kind and the normalised
// symbol. bare says whether the symbol also stands alone ("50 Hz"); a lone
// "b", "w" or "j" is too ambiguous. plural says whether the name takes an
// "s". Data units use the decimal prefixes, as vendors do (the binary
// prefixes of IEC 80000-13 are not told apart).
var prefixedUnits = []struct {
	sym, name string
	kind      Kind
	norm      string
	bare      bool
	plural    bool
}{
	{"b", "byte", Data, "B", false, true},
	{"bit", "bit", Data, "bit", true, true},
	{"bps", "", Data, "bit/s", true, false},
	{"w", "watt", Power, "W", false, true},
	{"wh", "", Energy, "Wh", false, false},
	{"j", "joule", Energy, "J", false, true},
	{"hz", "hertz", Frequency, "Hz", true, false},
}

// withPrefixedUnits adds to units every prefixed symbol and name of
// prefixedUnits ("kw", "kilowatt", "kilowatts", "ghz", "gigahertz"), and
// the bare ones.
func withPrefixedUnits(units map[string]unitInfo) map[string]unitInfo {
	for _, u := range prefixedUnits {
		if u.bare {
			units[u.sym] = unitInfo{u.kind, u.norm}
		}
		var names []string
		if u.name != "" {
			names = append(names, u.name)
		}
		if u.plural {
			names = append(names, u.name+"s")
		}
		for _, n := range names {
			units[n] = unitInfo{u.kind, u.norm}
		}
		for _, p := range siPrefixes {
			info := unitInfo{u.kind, p.norm + u.norm}
			units[p.sym+u.sym] = info
			for _, n := range names {
				units[p.name+n] = info
			}
		}
	}
	return units
}

// plainUnits are unit words that are only units when written after a
// number with a space, never glued or hyphenated ambiguities, and never
// abbreviations that double as ordinary words.
var shortUnits = map[string]bool{
	"m": true, "g": true, "mi": true, "ha": true, "nm": true, "min": true, "sec": true, "yd": true, "mm": true,
	"t": true,
}

// squarePrefixes turn a distance into an area: "10 square kilometres".
var squarePrefixes = map[string]bool{"square": true, "sq": true}

// percentWords are the words that make a number a percentage.
var percentWords = map[string]bool{
	"percent": true, "percents": true, "percentage": true, "pct": true,
}

// nationalCurrencies name the currency that a nationality adjective gives a
// currency word shared by several countries ("Chilean pesos", "Canadian
// dollars", "Swiss francs"); the head stays the currency noun.
var nationalCurrencies = map[string]map[string]string{
	"peso": {"chilean": "CLP", "philippine": "PHP", "filipino": "PHP", "argentine": "ARS", "argentinian": "ARS", "colombian": "COP", "mexican": "MXN", "cuban": "CUP", "uruguayan": "UYU", "dominican": "DOP"},
	"dollar": {"us": "USD", "american": "USD", "canadian": "CAD", "australian": "AUD", "new zealand": "NZD", "hong kong": "HKD", "singapore": "SGD",
		"singaporean": "SGD", "taiwan": "TWD", "taiwanese": "TWD", "jamaican": "JMD", "namibian": "NAD", "zimbabwean": "ZWL", "liberian": "LRD"},
	"dinar":    {"libyan": "LYD", "iraqi": "IQD", "kuwaiti": "KWD", "jordanian": "JOD", "bahraini": "BHD", "tunisian": "TND", "algerian": "DZD", "serbian": "RSD"},
	"rupee":    {"indian": "INR", "pakistani": "PKR", "sri lankan": "LKR", "nepali": "NPR", "nepalese": "NPR", "mauritian": "MUR", "seychellois": "SCR"},
	"franc":    {"swiss": "CHF", "congolese": "CDF", "rwandan": "RWF", "guinean": "GNF", "burundian": "BIF", "cfa": "XOF", "french": "FRF", "belgian": "BEF"},
	"krona":    {"swedish": "SEK", "icelandic": "ISK"},
	"yuan":     {"chinese": "CNY"},
	"yen":      {"japanese": "JPY"},
	"won":      {"korean": "KRW"},
	"rouble":   {"russian": "RUB", "belarusian": "BYN"},
	"lira":     {"turkish": "TRY", "italian": "ITL", "maltese": "MTL"},
	"guilder":  {"dutch": "NLG", "surinamese": "SRG"},
	"markka":   {"finnish": "FIM"},
	"peseta":   {"spanish": "ESP"},
	"real":     {"brazilian": "BRL"},
	"euro":     {"european": "EUR"},
	"krone":    {"norwegian": "NOK", "danish": "DKK"},
	"pound":    {"british": "GBP", "egyptian": "EGP", "lebanese": "LBP", "syrian": "SYP", "sudanese": "SDG"},
	"riyal":    {"saudi": "SAR", "qatari": "QAR", "omani": "OMR", "yemeni": "YER", "iranian": "IRR"},
	"shilling": {"kenyan": "KES", "ugandan": "UGX", "tanzanian": "TZS", "somali": "SOS"},
}

// currencyByAdjective returns the currency of a currency word (singular
// or plural, lowercase) after a lowercase nationality adjective: "chilean",
// "pesos" gives CLP with head "peso". ok is false when the pair names no
// known currency, and the currency word alone decides.
func currencyByAdjective(adj, word string) (code, head string, ok bool) {
	c, known := currencyNames[word]
	if !known {
		return "", "", false
	}
	code, ok = nationalCurrencies[c.head][adj]
	return code, c.head, ok
}
