package quantity

import "testing"

// firstNumber returns the first number of in whose text is text.
func firstNumber(t *testing.T, in, text string) (Number, bool) {
	t.Helper()
	for _, n := range Numbers(in) {
		if n.Text == text {
			return n, true
		}
	}
	t.Errorf("%q: no number %q in %s", in, text, describe(Numbers(in)))
	return Number{}, false
}

// unitCase is one number expected in a sentence, with its value, unit and
// kind.
type unitCase struct {
	in, text string
	value    float64
	unit     string
	kind     Kind
}

func checkUnitCases(t *testing.T, cases []unitCase) {
	t.Helper()
	for _, c := range cases {
		n, ok := firstNumber(t, c.in, c.text)
		if !ok {
			continue
		}
		if !sameValue(n.Value, c.value) || n.Unit != c.unit || n.Kind != c.kind {
			t.Errorf("%q: %q is %v %q %v, want %v %q %v", c.in, c.text, n.Value, n.Unit, n.Kind, c.value, c.unit, c.kind)
		}
	}
}

func TestUnitsAfterNumbers(t *testing.T) {
	checkUnitCases(t, []unitCase{
		{"The handset offers 512GB of flash.", "512", 512, "GB", Data},
		{"Each sensor logs 20 megabytes a day.", "20", 20, "MB", Data},
		{"A 32-bit controller runs the pump.", "32-bit", 32, "bit", Data},
		{"Rural lines reach 30 Mbps at best.", "30", 30, "Mbit/s", Data},
		{"The new turbine yields 15MW at full wind.", "15", 15, "MW", Power},
		{"Households used 3,100 kilowatt-hours last year.", "3,100", 3100, "kWh", Energy},
		{"The grid delivered 4.2 TWh in winter.", "4.2", 4.2, "TWh", Energy},
		{"The engine makes 250 hp.", "250", 250, "hp", Power},
		{"The tag answers at 13.56MHz.", "13.56", 13.56, "MHz", Frequency},
		{"Shares in the lender fell 12pc on Monday.", "12", 12, "percent", Percent},
		{"The crane lifts 80t and reaches 40 m.", "80", 80, "tonne", Weight},
		{"The sample measured 15 dm across.", "15", 15, "dm", Distance},
		{"Stir in 3/4 cup of stock.", "3/4", 0.75, "cup", Volume},
		{"Gusts of 25 m/s were logged.", "25", 25, "m/s", Speed},
		{"Scooters may not exceed 20 kmph.", "20", 20, "km/h", Speed},
		{"The lake covers 12 km2.", "12", 12, "sq km", Area},
		// temperature scales, and degrees that turn
		{"Forecasters expect 38 celsius in the valley.", "38", 38, "degree C", Temperature},
		{"The pool was kept at 82 degrees Fahrenheit.", "82", 82, "degree F", Temperature},
		{"Night fell to 4 deg C.", "4", 4, "degree C", Temperature},
		{"The kiln reached 1.5degF above target.", "1.5", 1.5, "degree F", Temperature},
		{"Engineers had to rotate the dish 30 degrees.", "30", 30, "degree", Angle},
		{"The ramp rises at a 12-degree angle.", "12-degree", 12, "degree", Angle},
		{"The beam swung 0.4 rad.", "0.4", 0.4, "rad", Angle},
		{"It was 31 degrees in the shade.", "31", 31, "degree", Temperature},
		// units in brackets, inch marks, "one" before a unit
		{"Payload: 350 (kg) per pallet.", "350", 350, "kg", Weight},
		{"Span 7.5 [m] between piers.", "7.5", 7.5, "m", Distance},
		{"She bought a 55\" television.", "55", 55, "inch", Distance},
		{"The rod is 14 \" long.", "14", 14, "inch", Distance},
		{"They hiked that one mile twice.", "one", 1, "mile", Distance},
		// an amount completed by a smaller unit
		{"The fence is 6 feet 3 inches high.", "6 feet 3 inches", 6.25, "ft", Distance},
		{"The rookie stands 6 ft 9 in tall.", "6 ft 9 in", 6.75, "ft", Distance},
		{"The calf weighed 9 lb 8 oz at birth.", "9 lb 8 oz", 9.5, "lb", Weight},
		{"A ticket cost 7 dollars and 20 cents.", "7 dollars and 20 cents", 7.2, "USD", Money},
		{"Lunch was twelve euros fifty.", "twelve euros fifty", 12.5, "EUR", Money},
		{"The fare rose to £2 and 40 pence.", "£2 and 40 pence", 2.4, "GBP", Money},
		// currencies named by nationality, codes in lower case or scaled,
		// and currency words joined by a hyphen or glued
		{"The estate was valued at 300 million Dutch guilders.", "300 million", 3e8, "NLG", Money},
		{"A visa costs 45 Turkish lira.", "45", 45, "TRY", Money},
		{"Noodles sell for 8 rmb a bowl.", "8", 8, "RMB", Money},
		{"Bids opened at usd 40 per unit.", "usd 40", 40, "USD", Money},
		{"The unit booked 12 MEUR in orders.", "12", 1.2e7, "EUR", Money},
		{"Fees reached kEUR 850 in May.", "kEUR 850", 850000, "EUR", Money},
		{"The fund lost 60 USD million.", "60", 6e7, "USD", Money},
		{"Staff got 5 GBP20 vouchers.", "GBP20", 20, "GBP", Money},
		{"Riders face a 25-cent fare rise.", "25-cent", 25, "cent", Money},
		{"The wallet held 900 satoshis.", "900", 900, "satoshi", Money},
		{"The ticket is 30元.", "30", 30, "CNY", Money},
		// currencies written before the amount, ranges that share the
		// multiplier, signs and factors
		{"Its revenue was US$48,210,000.", "US$48,210,000", 48210000, "USD", Money},
		{"The miner raised A$12m.", "A$12m", 1.2e7, "AUD", Money},
		{"Bail was set at RM4,000.", "RM4,000", 4000, "MYR", Money},
		{"Tokyo set aside ¥590 billion.", "¥590 billion", 5.9e11, "JPY", Money},
		{"A refit costs $3 to $4 billion.", "$3 to $4 billion", 3e9, "USD", Money},
		{"It felt like minus 12 at dawn.", "minus 12", -12, "", Cardinal},
		{"Exports grew 4.5 times.", "4.5", 4.5, "", Multiplier},
		// ages
		{"A lorry driver aged 58 was held.", "58", 58, "year", Duration},
		{"She began to paint at age 70.", "70", 70, "year", Duration},
		{"The clinic saw a 9 yo boy.", "9", 9, "year", Duration},
		{"Voters at ages 18 to 29 swung.", "18 to 29", 18, "year", Duration},
	})
	// a quotation mark after a number closes a quotation
	for _, n := range Numbers(`He said "we need 40" and left.`) {
		if n.Kind == Distance {
			t.Errorf("a closing quote read as inches: %s", describe([]Number{n}))
		}
	}
}

func TestCompoundAmountsStopAtCounts(t *testing.T) {
	// what follows may be counted in its own right, or end a range
	checkUnitCases(t, []unitCase{
		{"They paid 40 dollars and 15 volunteers helped.", "40", 40, "USD", Money},
		{"Tickets sold for between 30 dollars and 45.", "30", 30, "USD", Money},
	})
}

func TestUnitsGluedToCodes(t *testing.T) {
	for _, in := range []string{"Part 4410m207 was recalled.", "See batch 18 kg24 in the log.", "Lot kx7-450m shipped."} {
		for _, n := range Numbers(in) {
			if n.Kind.Dimension() {
				t.Errorf("%q: a code read as a measurement: %s", in, describe([]Number{n}))
			}
		}
	}
}

func TestCodesThatAreWords(t *testing.T) {
	// lower-case codes that spell words are read as the words
	for _, in := range []string{"She packed 3 pen refills.", "We will try 2 routes.", "The tiny cad 5 times lied."} {
		for _, n := range Numbers(in) {
			if n.Kind == Money {
				t.Errorf("%q: a word read as a currency: %s", in, describe([]Number{n}))
			}
		}
	}
}

func TestCurrencyCodesNameTheirCurrency(t *testing.T) {
	for _, tc := range []struct{ code, head string }{{"PHP", "peso"}, {"CHF", "franc"}, {"CLP", "peso"}, {"SEK", "krona"}, {"NGN", "naira"}} {
		if got := moneyHead(tc.code); got != tc.head {
			t.Errorf("moneyHead(%q) = %q, want %q", tc.code, got, tc.head)
		}
	}
	if got := singular("linemen"); got != "lineman" {
		t.Errorf("singular(linemen) = %q", got)
	}
	if got := singular("specimen"); got != "specimen" {
		t.Errorf("singular(specimen) = %q", got)
	}
}
