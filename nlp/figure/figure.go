package figure

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/nlp/token"
)

// Extract returns the figures of text, in text order.
func Extract(text string) []dossier.Figure {
	toks := token.Tokenize(text)
	sents := token.Split(text, toks)
	var figs []dossier.Figure
	k := 0
	for _, s := range sents {
		p := &parser{text: text, toks: s.Tokens, base: k, sent: s}
		figs = append(figs, p.run()...)
		k += len(s.Tokens)
	}
	return figs
}

// parser finds figures in one sentence.
type parser struct {
	text string
	toks []token.Token
	base int
	sent token.Sentence
	low  []string
}

// atom is one parsed quantity: tokens [s, e).
type atom struct {
	s, e       int
	value      float64
	high       float64
	kind       string
	unit       string
	comparator string
	scaled     bool    // a scale word or suffix was applied ("billion", "bn")
	mult       float64 // the scale multiplier applied
	spelled    bool    // written in words
}

func (p *parser) run() []dossier.Figure {
	p.low = make([]string, len(p.toks))
	for i, t := range p.toks {
		p.low[i] = token.Lower(t.Text)
	}
	var atoms []atom
	for i := 0; i < len(p.toks); {
		a, ok := p.parseAt(i)
		if !ok {
			i++
			continue
		}
		atoms = append(atoms, a)
		i = a.e
	}
	periods := p.periods()
	figs := make([]dossier.Figure, 0, len(atoms))
	for _, a := range atoms {
		if a.kind == "" {
			continue
		}
		start, end := p.toks[a.s].Start, p.toks[a.e-1].End
		f := dossier.Figure{
			Text: p.text[start:end], Start: start, End: end, Kind: a.kind, Value: a.value, High: a.high,
			Unit: a.unit, Comparator: a.comparator,
			Sentence: dossier.Span{Start: p.sent.Start, End: p.sent.End},
		}
		f.Period = nearestPeriod(periods, start, end)
		figs = append(figs, f)
	}
	return figs
}

// comparators map the words before a number to a comparator. "as many
// as", "up to" and "at most" state an upper bound (<=); "nearly" and
// "almost" a value just under (<); "about", "around", "some" an
// approximation (~).
var comparators = []struct {
	words []string
	cmp   string
}{
	{[]string{"more", "than"}, ">"}, {[]string{"over"}, ">"}, {[]string{"above"}, ">"},
	{[]string{"upwards", "of"}, ">"}, {[]string{"in", "excess", "of"}, ">"}, {[]string{"just", "over"}, ">"},
	{[]string{"at", "least"}, ">="}, {[]string{"no", "fewer", "than"}, ">="}, {[]string{"no", "less", "than"}, ">="},
	{[]string{"less", "than"}, "<"}, {[]string{"fewer", "than"}, "<"}, {[]string{"under"}, "<"},
	{[]string{"below"}, "<"}, {[]string{"nearly"}, "<"}, {[]string{"almost"}, "<"}, {[]string{"just", "under"}, "<"},
	{[]string{"up", "to"}, "<="}, {[]string{"as", "many", "as"}, "<="}, {[]string{"as", "much", "as"}, "<="},
	{[]string{"at", "most"}, "<="}, {[]string{"no", "more", "than"}, "<="},
	{[]string{"about"}, "~"}, {[]string{"around"}, "~"}, {[]string{"approximately"}, "~"}, {[]string{"roughly"}, "~"},
	{[]string{"some"}, "~"}, {[]string{"an", "estimated"}, "~"}, {[]string{"circa"}, "~"}, {[]string{"approx."}, "~"},
}

// comparatorBefore returns the comparator ending just before token i and
// its first token.
func (p *parser) comparatorBefore(i int) (string, int) {
	best, bestStart := "", i
	for _, c := range comparators {
		n := len(c.words)
		if i-n < 0 {
			continue
		}
		match := true
		for k, w := range c.words {
			if p.low[i-n+k] != w {
				match = false
				break
			}
		}
		if match && i-n < bestStart {
			best, bestStart = c.cmp, i-n
		}
	}
	return best, bestStart
}

// currency symbols written before the amount.
var currencySymbols = map[string]string{
	"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₽": "RUB", "₩": "KRW",
	"rs": "INR", "rs.": "INR", "c$": "CAD", "a$": "AUD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD",
	"usd": "USD", "gbp": "GBP", "eur": "EUR", "jpy": "JPY", "cny": "CNY", "rmb": "CNY", "inr": "INR",
	"rub": "RUB", "chf": "CHF", "₺": "TRY", "₦": "NGN", "r$": "BRL",
}

// currency words written after the amount.
var currencyWords = map[string]string{
	"dollars": "USD", "dollar": "USD", "usd": "USD", "pounds": "GBP", "pound": "GBP", "sterling": "GBP",
	"gbp": "GBP", "euros": "EUR", "euro": "EUR", "eur": "EUR", "yen": "JPY", "yuan": "CNY",
	"renminbi": "CNY", "rupees": "INR", "rupee": "INR", "roubles": "RUB", "rubles": "RUB", "rouble": "RUB",
	"ruble": "RUB", "francs": "CHF", "won": "KRW", "naira": "NGN", "rand": "ZAR", "lira": "TRY",
	"pence": "GBP", "cents": "USD", "p": "GBP",
}

var scales = map[string]float64{
	"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
	"k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12, "tr": 1e12,
	"millions": 1e6, "billions": 1e9, "thousands": 1e3,
}

var timeUnits = map[string]string{
	"second": "second", "seconds": "second", "minute": "minute", "minutes": "minute", "hour": "hour",
	"hours": "hour", "day": "day", "days": "day", "week": "week", "weeks": "week", "month": "month",
	"months": "month", "year": "year", "years": "year", "decade": "decade", "decades": "decade",
	"century": "century", "centuries": "century", "hrs": "hour", "mins": "minute",
}

var months = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan": true, "jan.": true, "feb": true, "feb.": true, "mar.": true, "apr": true, "apr.": true,
	"jun": true, "jun.": true, "jul": true, "jul.": true, "aug": true, "aug.": true, "sep": true,
	"sep.": true, "sept": true, "sept.": true, "oct": true, "oct.": true, "nov": true, "nov.": true,
	"dec": true, "dec.": true,
}

// spelled numbers.
var units = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
	"nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
	"sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
	"forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}

// countStop ends the noun phrase a count counts.
var countStop = map[string]bool{
	"of": true, "in": true, "to": true, "and": true, "or": true, "the": true, "a": true, "an": true,
	"from": true, "for": true, "on": true, "at": true, "by": true, "with": true, "than": true,
	"were": true, "was": true, "are": true, "is": true, "have": true, "has": true, "had": true, "be": true,
	"will": true, "would": true, "can": true, "could": true, "said": true, "say": true, "says": true,
	"who": true, "which": true, "that": true, "this": true, "since": true, "last": true, "ago": true,
	"per": true, "each": true, "more": true, "less": true, "fewer": true, "into": true, "as": true,
	"it": true, "its": true, "their": true, "his": true, "her": true, "they": true, "we": true,
	"but": true, "not": true, "also": true, "over": true, "under": true, "after": true, "before": true,
	"during": true, "when": true, "while": true, "all": true, "so": true, "about": true, "between": true,
	"up": true, "down": true, "out": true, "off": true, "there": true, "here": true, "then": true,
	"do": true, "did": true, "does": true, "may": true, "might": true, "must": true, "should": true,
	"percent": true, "am": true, "pm": true, "a.m.": true, "p.m.": true,
	"came": true, "went": true, "took": true, "made": true, "got": true, "gave": true, "left": true,
	"fell": true, "rose": true, "died": true, "met": true, "ran": true, "won": true, "lost": true,
}

// irregularPlurals end a counted noun phrase like regular plurals do.
var irregularPlurals = map[string]bool{
	"people": true, "children": true, "men": true, "women": true, "police": true, "staff": true,
	"troops": true, "personnel": true, "cattle": true, "sheep": true, "fish": true, "feet": true,
	"teeth": true, "mice": true, "geese": true, "aircraft": true, "crew": true, "livestock": true,
}

// determiner words before a spelled number make it a reference ("the two
// countries"), not a figure.
var determiner = map[string]bool{
	"the": true, "these": true, "those": true, "its": true, "their": true, "our": true, "his": true,
	"her": true, "my": true, "your": true, "both": true, "all": true, "other": true,
}

func isWordTok(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLetter(r)
}

// numberToken parses a numeric token: "240", "1,000.5", "1.5bn", "5m",
// "75th", "10-20". It returns the value, an upper value for a range, a
// scale suffix multiplier, whether it is an ordinal, and ok.
func numberToken(t string) (v, hi, scale float64, ordinal, ok bool) {
	if t == "" || !(t[0] >= '0' && t[0] <= '9' || t[0] == '.' && len(t) > 1) {
		return 0, 0, 0, false, false
	}
	if i := strings.IndexAny(t, "-–"); i > 0 {
		a, _, sa, oa, ok1 := numberToken(t[:i])
		rest := strings.TrimLeft(t[i:], "-–")
		b, _, sb, ob, ok2 := numberToken(rest)
		if !ok1 || !ok2 || oa || ob {
			return 0, 0, 0, false, false
		}
		if sa == 1 && sb != 1 {
			sa = sb
		}
		return a * sa, b * sb, 1, false, true
	}
	j := 0
	for j < len(t) && (t[j] >= '0' && t[j] <= '9' || t[j] == ',' || t[j] == '.') {
		j++
	}
	num := strings.ReplaceAll(t[:j], ",", "")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsInf(v, 0) || math.IsNaN(v) {
		return 0, 0, 0, false, false
	}
	suf := strings.ToLower(t[j:])
	switch {
	case suf == "":
		return v, 0, 1, false, true
	case suf == "st" || suf == "nd" || suf == "rd" || suf == "th":
		if strings.ContainsAny(t[:j], ".,") {
			return 0, 0, 0, false, false
		}
		return v, 0, 1, true, true
	case scales[suf] != 0 && len(suf) <= 3:
		return v, 0, scales[suf], false, true
	}
	return 0, 0, 0, false, false
}

// spelled parses a number written in words starting at token i ("two and a
// half", "twenty-one", "three hundred", "a dozen"), returning its value and
// end.
func (p *parser) spelled(i int) (float64, int, bool) {
	total, cur := 0.0, 0.0
	j := i
	seen := false
	for j < len(p.toks) {
		w := p.low[j]
		if v, ok := units[w]; ok {
			cur += v
			seen = true
			j++
			continue
		}
		if k := strings.IndexByte(w, '-'); k > 0 {
			a, ok1 := units[w[:k]]
			b, ok2 := units[w[k+1:]]
			if ok1 && ok2 && a >= 20 && b < 10 {
				cur += a + b
				seen = true
				j++
				continue
			}
		}
		if w == "hundred" && seen {
			if cur == 0 {
				cur = 1
			}
			cur *= 100
			j++
			continue
		}
		if w == "half" && !seen && j+2 < len(p.toks) && p.low[j+1] == "a" && scales[p.low[j+2]] >= 1e3 {
			// "half a million": the scale word follows as usual.
			cur, seen = 0.5, true
			j += 2
			break
		}
		if w == "a" && !seen && j+1 < len(p.toks) && p.low[j+1] == "dozen" {
			j++
			continue
		}
		break
	}
	if !seen {
		return 0, i, false
	}
	total += cur
	// "two and a half"
	if j+2 < len(p.toks) && p.low[j] == "and" && p.low[j+1] == "a" && p.low[j+2] == "half" {
		total += 0.5
		j += 3
	}
	return total, j, true
}

// parseAt parses a figure whose number starts at or after token i (a
// comparator or currency symbol may come first).
func (p *parser) parseAt(i int) (atom, bool) {
	var a atom
	j := i
	// "between X and Y" and "from X to Y" ranges.
	between := p.low[j] == "between"
	if between || p.low[j] == "from" {
		j++
	}
	if j >= len(p.toks) {
		return a, false
	}
	cur := ""
	if c, ok := currencySymbols[p.low[j]]; ok && (p.low[j] != "rs" && p.low[j] != "rs." || j+1 < len(p.toks) && isNumeric(p.toks[j+1].Text)) {
		if j+1 < len(p.toks) && (isNumeric(p.toks[j+1].Text) || isSpelledStart(p.low[j+1])) && p.toks[j+1].Start-p.toks[j].End <= 1 {
			cur = c
			j++
		}
	} else if p.low[j] == "us" && j+2 < len(p.toks) && p.toks[j+1].Text == "$" && p.toks[j+1].Start == p.toks[j].End {
		cur = "USD"
		j += 2
	}
	v, hi, scale, ordinal, ok := numberToken(p.toks[j].Text)
	e := j + 1
	spelled := false
	if !ok {
		if cur != "" || !isSpelledStart(p.low[j]) {
			if !ok {
				return a, false
			}
		}
		var sok bool
		v, e, sok = p.spelled(j)
		if !sok {
			return a, false
		}
		hi, scale, spelled = 0, 1, true
	}
	if p.excluded(j, e, cur != "") {
		return atom{s: i, e: e}, true // consumed, no figure
	}
	a = atom{s: j, e: e, value: v * scale, high: hi, scaled: scale != 1, spelled: spelled}
	if cur != "" {
		a.s = j - 1
		if p.low[a.s] == "$" && a.s > 0 && p.low[a.s-1] == "us" && p.toks[a.s-1].End == p.toks[a.s].Start {
			a.s--
		}
	}
	if hi != 0 {
		if hi < v*scale {
			// "5-1": a score or a ratio, not a range.
			return atom{s: i, e: e}, true
		}
		a.kind = dossier.FigureRange
	}
	if ordinal {
		a.kind = dossier.FigureOrdinal
		// The head noun: "75th anniversary", "4th Russia-China forum".
		for k := e; k < len(p.toks) && k-e < 4; k++ {
			t := p.toks[k].Text
			if !isWordTok(t) || countStop[p.low[k]] {
				break
			}
			if !unicode.IsUpper([]rune(t)[0]) {
				a.unit = p.low[k]
				break
			}
		}
		return p.withComparator(a), true
	}
	// Scale words: "240 billion", "1.5 million".
	if e < len(p.toks) {
		if s, ok := scales[p.low[e]]; ok && len(p.low[e]) > 3 || ok && p.toks[e].Start == p.toks[e-1].End {
			a.value *= s
			if a.high != 0 {
				a.high *= s
			}
			a.scaled = true
			e++
		}
	}
	a.e = e
	a.mult = a.value / v
	// A range: "between 10 and 20", "from $5bn to $7bn", "10 to 20 people".
	if a.high == 0 && e+1 < len(p.toks) {
		sep := p.low[e]
		if between && sep == "and" || sep == "to" || sep == "-" || sep == "–" {
			if b, ok := p.parseAt(e + 1); ok && b.kind != "" && b.kind != dossier.FigureRange && b.comparator == "" && (b.s == e+1) {
				lo := a.value
				if !a.scaled && b.scaled {
					lo *= b.mult
				}
				unit := b.unit
				if unit == "" {
					unit = cur
				}
				r := atom{s: a.s, e: b.e, value: lo, high: b.value, kind: dossier.FigureRange, unit: unit}
				if between {
					r.s = i
				}
				return p.withComparator(r), true
			}
		}
	}
	switch {
	case cur != "":
		a.unit = cur
		if a.kind == "" {
			a.kind = dossier.FigureMoney
		}
	case e < len(p.toks) && p.toks[e].Text == "%":
		a.unit, a.e = "%", e+1
		if a.kind == "" {
			a.kind = dossier.FigurePercent
		}
	case e < len(p.toks) && (p.low[e] == "percent" || p.low[e] == "pc"):
		a.unit, a.e = "%", e+1
		if a.kind == "" {
			a.kind = dossier.FigurePercent
		}
	case e+1 < len(p.toks) && p.low[e] == "per" && p.low[e+1] == "cent":
		a.unit, a.e = "%", e+2
		if a.kind == "" {
			a.kind = dossier.FigurePercent
		}
	case e < len(p.toks) && currencyWords[p.low[e]] != "" && !(p.low[e] == "p" && p.toks[e].Start != p.toks[e-1].End) && !(p.low[e] == "won" && !a.scaled):
		a.unit, a.e = currencyWords[p.low[e]], e+1
		if p.low[e] == "pence" || p.low[e] == "cents" || p.low[e] == "p" {
			a.value /= 100
		}
		if a.kind == "" {
			a.kind = dossier.FigureMoney
		}
	case e < len(p.toks) && timeUnits[p.low[e]] != "":
		a.unit, a.e = timeUnits[p.low[e]], e+1
		if a.kind == "" {
			a.kind = dossier.FigureDuration
		}
	default:
		if unit, ue := p.countNoun(e); ue > e {
			a.unit, a.e = unit, ue
			if a.kind == "" {
				a.kind = dossier.FigureCount
			}
		} else if cmp, _ := p.comparatorBefore(a.s); a.kind == "" && (a.scaled || cmp != "" && !spelled) {
			// "5 million", "more than 2,000": a number without a unit.
			a.kind = dossier.FigureNumber
		}
	}
	if spelled && a.kind == dossier.FigureCount && (a.value == 1 || a.s > 0 && determiner[p.low[a.s-1]]) {
		// "one day", "the two leaders": not figures.
		a.kind = ""
	}
	if a.kind == "" {
		return atom{s: i, e: a.e}, true
	}
	return p.withComparator(a), true
}

// withComparator extends a back over a comparator before it.
func (p *parser) withComparator(a atom) atom {
	if cmp, cs := p.comparatorBefore(a.s); cmp != "" {
		a.comparator = cmp
		a.s = cs
	}
	return a
}

func isNumeric(t string) bool {
	_, _, _, _, ok := numberToken(t)
	return ok
}

func isSpelledStart(w string) bool {
	if _, ok := units[w]; ok {
		return true
	}
	if k := strings.IndexByte(w, '-'); k > 0 {
		_, ok := units[w[:k]]
		return ok
	}
	return w == "a" || w == "hundred" || w == "half"
}

// countNoun returns the noun phrase counted by a number ending at token e
// ("21 security vehicles" -> "security vehicles"): up to three lower-case
// words, stopping at function words and verb forms.
func (p *parser) countNoun(e int) (string, int) {
	j := e
	for j < len(p.toks) && j-e < 3 {
		w := p.low[j]
		t := p.toks[j].Text
		if !isWordTok(t) || countStop[w] || months[w] || unicode.IsUpper([]rune(t)[0]) && j > e {
			break
		}
		if j > e && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly")) {
			break
		}
		if j == e && (strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ed")) {
			break
		}
		j++
		// A plural noun usually ends the phrase: "21 security vehicles".
		if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3 || irregularPlurals[w] {
			break
		}
	}
	// "300 natural and man-made disasters": adjectives joined by "and" or
	// "or" before the plural noun they share.
	if j > e && j+1 < len(p.toks) && (p.low[j] == "and" || p.low[j] == "or") {
		last := p.low[j-1]
		if !strings.HasSuffix(last, "s") && !irregularPlurals[last] {
			for k := j + 1; k < len(p.toks) && k-j <= 3 && isWordTok(p.toks[k].Text) && !countStop[p.low[k]]; k++ {
				if w := p.low[k]; strings.HasSuffix(w, "s") && len(w) > 3 || irregularPlurals[w] {
					j = k + 1
					break
				}
			}
		}
	}
	if j == e {
		return "", e
	}
	// A capitalised first word is a name ("21 Savage"), not a unit.
	if unicode.IsUpper([]rune(p.toks[e].Text)[0]) {
		return "", e
	}
	return strings.Join(p.low[e:j], " "), j
}

// excluded reports whether the number at tokens [s, e) is a year, a date,
// a time of day or list numbering rather than a figure.
func (p *parser) excluded(s, e int, money bool) bool {
	t := p.toks[s].Text
	if money {
		return false
	}
	prev, next := "", ""
	if s > 0 {
		prev = p.low[s-1]
	}
	if e < len(p.toks) {
		next = p.low[e]
	}
	// Times: "10:30", "3 p.m.", "3pm".
	if next == ":" && e+1 < len(p.toks) && isNumeric(p.toks[e+1].Text) && p.toks[e].End == p.toks[e+1].Start {
		return true
	}
	if prev == ":" && s > 1 && isNumeric(p.toks[s-2].Text) && p.toks[s-1].Start == p.toks[s-2].End {
		return true
	}
	switch next {
	case "a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "bst", "utc", "et", "est", "pt", "hrs", "o'clock":
		return true
	}
	lt := strings.ToLower(t)
	if strings.HasSuffix(lt, "am") || strings.HasSuffix(lt, "pm") {
		return true
	}
	// Dates: "16 May", "May 16", "May 16, 2024".
	if months[next] || months[prev] || (next == "of" && e+1 < len(p.toks) && months[p.low[e+1]]) {
		return true
	}
	// Years: four digits from 1800 to 2100 not counting anything
	// ("in 2020", "since 2012", "2024 was"), and decades ("the 1990s").
	if len(t) == 4 && isAllDigits(t) {
		if y, _ := strconv.Atoi(t); y >= 1800 && y <= 2100 {
			if _, ok := timeUnits[next]; !ok && next != "%" && next != "percent" && scales[next] == 0 {
				return true
			}
		}
	}
	if len(t) == 5 && t[4] == 's' && isAllDigits(t[:4]) {
		return true
	}
	// List numbering: "1." or "2)" opening a sentence.
	if s == 0 && (next == "." || next == ")") {
		return true
	}
	// Parts of names and references: "No. 10", "Article 5", "page 3".
	switch prev {
	case "no.", "article", "section", "chapter", "page", "room", "flight", "route", "number", "#", "level", "grade", "stage", "phase", "pt.", "vol.":
		return true
	}
	return false
}

func isAllDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// period is a time expression in the sentence a figure may refer to.
type period struct {
	start, end int // byte span
	text       string
}

// periods finds time references in the sentence: "last year", "in 2020",
// "since 2012", "this month", "in the first quarter", "by 2030".
func (p *parser) periods() []period {
	var out []period
	for i := 0; i < len(p.toks); i++ {
		w := p.low[i]
		switch w {
		case "last", "this", "next", "past", "previous", "coming":
			if i+1 < len(p.toks) {
				switch p.low[i+1] {
				case "year", "month", "week", "quarter", "decade", "summer", "winter", "spring", "autumn", "fall", "season":
					out = append(out, p.mkPeriod(i, i+2, ""))
					i++
				}
			}
		case "in", "since", "by", "until", "during", "from", "for":
			if i+1 < len(p.toks) && isYear(p.toks[i+1].Text) {
				txt := p.toks[i+1].Text
				if w != "in" && w != "during" && w != "for" {
					txt = w + " " + txt
				}
				out = append(out, p.mkPeriod(i, i+2, txt))
				i++
			} else if i+2 < len(p.toks) && months[p.low[i+1]] && isYear(p.toks[i+2].Text) {
				out = append(out, p.mkPeriod(i+1, i+3, ""))
				i += 2
			}
		}
	}
	return out
}

func (p *parser) mkPeriod(s, e int, txt string) period {
	start, end := p.toks[s].Start, p.toks[e-1].End
	if txt == "" {
		txt = p.text[start:end]
	}
	return period{start, end, txt}
}

func isYear(t string) bool {
	if len(t) != 4 || !isAllDigits(t) {
		return false
	}
	y, _ := strconv.Atoi(t)
	return y >= 1800 && y <= 2100
}

// nearestPeriod returns the period closest to the figure at [s, e).
func nearestPeriod(ps []period, s, e int) string {
	best, bestDist := "", math.MaxInt
	for _, pr := range ps {
		var d int
		switch {
		case pr.end <= s:
			d = s - pr.end
		case pr.start >= e:
			d = pr.start - e
		default:
			continue
		}
		if d < bestDist {
			best, bestDist = pr.text, d
		}
	}
	return best
}
