package entity

import (
	"log/slog"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/nlp/gazetteer"
	"github.com/dossier/dossier/nlp/ner"
	"github.com/dossier/dossier/nlp/token"
)

// tok is one token of the article with its tag.
type tok struct {
	text, low  string
	start, end int
	tag        string // IOB2 tag from the model
	sent       int
}

// mention is a name the model found, over tokens [s, e).
type mention struct {
	s, e  int
	typ   string
	key   string // lowercased words, for matching
	words []string
	ent   int
}

// ent is an entity under construction.
type ent struct {
	typ      string
	words    []string // canonical name words
	name     string
	spans    []dossier.Span
	roles    []string
	nat      string // nationality (country code) from a title or description
	counts   map[string]int
	firstPos int
	surface  string // the text of the mention that created it
	absorbed bool   // other spellings were merged into it
}

// article holds one article's tokens and resolution state.
type article struct {
	text     string
	toks     []tok
	sentEnd  []int // sentence index -> index past its last token
	heading  []bool
	mentions []mention
	ents     []*ent
	covered  []int // token -> entity index + 1 of a mention covering it
	gaz      *gazetteer.Gazetteer
	model    *ner.Model
}

// Extract returns the entities of text, each with all its mentions, in the
// order of their first mention. Offsets are byte offsets into text. The
// title is not searched: its offsets would not point into text.
func Extract(text, title string) []dossier.Entity {
	m, err := ner.Default()
	if err != nil {
		slog.Error("entity: named-entity model unavailable", "err", err)
		return nil
	}
	a := newArticle(text, m, gazetteer.Default())
	a.collectMentions()
	a.fixTypes()
	a.buildEntities()
	a.titlesAndAppositions()
	a.descriptions()
	return a.output()
}

// normalizeToken maps typographic variants to the ASCII forms the model
// was trained on.
func normalizeToken(t string) string {
	switch t {
	case "“", "”", "„", "«", "»", "‟", "``", "''":
		return "\""
	case "‘", "’", "‚":
		return "'"
	case "–", "—", "―":
		return "-"
	}
	if strings.ContainsRune(t, '’') {
		return strings.ReplaceAll(t, "’", "'")
	}
	return t
}

func newArticle(text string, m *ner.Model, gaz *gazetteer.Gazetteer) *article {
	raw := token.Tokenize(text)
	sents := token.Split(text, raw)
	a := &article{text: text, gaz: gaz, model: m, toks: make([]tok, 0, len(raw))}
	doc := make([][]string, len(sents))
	for si, s := range sents {
		words := make([]string, len(s.Tokens))
		for i, t := range s.Tokens {
			words[i] = normalizeToken(t.Text)
			a.toks = append(a.toks, tok{text: t.Text, low: strings.ToLower(words[i]), start: t.Start, end: t.End, sent: si})
		}
		doc[si] = words
		a.sentEnd = append(a.sentEnd, len(a.toks))
		a.heading = append(a.heading, isHeading(words))
	}
	k := 0
	for _, tags := range m.TagDoc(doc) {
		for _, t := range tags {
			a.toks[k].tag = t
			k++
		}
	}
	a.covered = make([]int, len(a.toks))
	a.coordinatedAcronyms()
	return a
}

// isCode reports an upper-case code such as "G20", "UN" or "NATO".
func isCode(w string) bool {
	if len(w) < 2 || len(w) > 6 || !unicode.IsUpper(rune(w[0])) {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// coordinatedAcronyms tags an untagged code listed with tagged codes ("the
// UN, APEC, and G20") with their type: the model has seen few such codes.
func (a *article) coordinatedAcronyms() {
	isSep := func(i int) bool {
		l := a.toks[i].low
		return l == "," || l == "and" || l == "or"
	}
	for i, t := range a.toks {
		if t.tag != "O" || !isCode(t.text) {
			continue
		}
		for _, dir := range []int{-1, 1} {
			j := i + dir
			for j >= 0 && j < len(a.toks) && j != i+4*dir && isSep(j) && a.toks[j].sent == t.sent {
				j += dir
			}
			if j == i+dir || j < 0 || j >= len(a.toks) || a.toks[j].sent != t.sent {
				continue
			}
			n := a.toks[j]
			if strings.HasPrefix(n.tag, "B-") && isCode(n.text) && (j+1 >= len(a.toks) || !strings.HasPrefix(a.toks[j+1].tag, "I-")) {
				a.toks[i].tag = "B-" + n.tag[2:]
				break
			}
		}
	}
}

// isHeading reports a short sentence without final punctuation whose words
// are all capitalised: a subheading or a boilerplate line.
func isHeading(words []string) bool {
	if len(words) == 0 || len(words) > 10 {
		return false
	}
	switch words[len(words)-1] {
	case ".", "!", "?", "\"", "'", ":", ")":
		return false
	}
	for _, w := range words {
		if utf8.RuneCountInString(w) >= 4 && !isCap(w) {
			return false
		}
	}
	return true
}

func isCap(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func hasLetter(w string) bool { return strings.IndexFunc(w, unicode.IsLetter) >= 0 }

func (a *article) sentStart(si int) int {
	if si == 0 {
		return 0
	}
	return a.sentEnd[si-1]
}

// isDemonymPhrase reports a nationality adjective or a hyphenated compound
// of them ("Russian", "Russian-Chinese").
func (a *article) isDemonymPhrase(s string) bool {
	for _, p := range strings.Split(s, "-") {
		if a.gaz.CountryByDemonym(p) == nil {
			return false
		}
	}
	return true
}

// nationality returns the country code a word names as a demonym or a
// country ("Russian", "US"), or "".
func (a *article) nationality(w string) string {
	if c := a.gaz.CountryByDemonym(w); c != nil {
		return c.Code
	}
	if c := a.countryByName(w); c != nil {
		return c.Code
	}
	return ""
}

func (a *article) countryByName(name string) *gazetteer.Country {
	if c := a.gaz.CountryByName(name); c != nil {
		return c
	}
	if strings.Contains(name, ".") {
		return a.gaz.CountryByName(strings.ReplaceAll(name, ".", ""))
	}
	return nil
}

func (a *article) collectMentions() {
	var all []mention
	for i := 0; i < len(a.toks); {
		t := a.toks[i].tag
		if t == "O" || len(t) < 3 {
			i++
			continue
		}
		typ := t[2:]
		j := i + 1
		for j < len(a.toks) && a.toks[j].sent == a.toks[i].sent && a.toks[j].tag == "I-"+typ {
			j++
		}
		s := i
		for typ == dossier.PER && s < j-1 && !royal[a.toks[s].low] && (honorifics[a.toks[s].low] || roleNouns[a.toks[s].low] ||
			titleModifiers[a.toks[s].low] || leadIns[a.toks[s].low]) {
			s++
		}
		i = j
		words := make([]string, 0, j-s)
		letters := false
		for k := s; k < j; k++ {
			words = append(words, normalizeToken(a.toks[k].text))
			letters = letters || hasLetter(a.toks[k].text)
		}
		if !letters {
			continue
		}
		name := strings.Join(words, " ")
		if typ == dossier.MISC && a.isDemonymPhrase(name) {
			continue // nationality adjectives are roles, not entities
		}
		all = append(all, mention{s: s, e: j, typ: typ, words: words, key: strings.ToLower(name), ent: -1})
	}
	// Names in headings or boilerplate lines count only when the body
	// names them too.
	body := map[string]bool{}
	for _, m := range all {
		if !a.heading[a.toks[m.s].sent] {
			body[m.key] = true
		}
	}
	for _, m := range all {
		if a.heading[a.toks[m.s].sent] && !body[m.key] {
			continue
		}
		a.mentions = append(a.mentions, m)
	}
}

// fixTypes gives every spelling one type (the majority, or the type the
// training data clearly gives the name when the model also chose it here),
// and makes a lone surname of a person named in full a person.
func (a *article) fixTypes() {
	votes := map[string]map[string]int{}
	firstType := map[string]string{}
	for _, m := range a.mentions {
		if votes[m.key] == nil {
			votes[m.key] = map[string]int{}
			firstType[m.key] = m.typ
		}
		votes[m.key][m.typ]++
	}
	for key, v := range votes {
		if t, ok := a.model.TypePrior(key); ok && v[t] > 0 && len(v) > 1 {
			votes[key] = map[string]int{t: 1}
			firstType[key] = t
		}
	}
	surnames := map[string]bool{}
	for _, m := range a.mentions {
		if m.typ == dossier.PER && len(m.words) >= 2 {
			surnames[strings.ToLower(m.words[len(m.words)-1])] = true
			surnames[strings.ToLower(m.words[0])] = true
		}
	}
	for i := range a.mentions {
		m := &a.mentions[i]
		v := votes[m.key]
		best, bn := firstType[m.key], v[firstType[m.key]]
		for _, t := range []string{dossier.PER, dossier.ORG, dossier.LOC, dossier.MISC} {
			if v[t] > bn {
				best, bn = t, v[t]
			}
		}
		// A one-word "person" never named in full but also tagged as
		// something else is most likely that other thing ("Chelsea").
		if best == dossier.PER && len(m.words) == 1 && !surnames[m.key] && v[dossier.PER] < len(a.mentions) {
			alt, an := "", 0
			for _, t := range []string{dossier.ORG, dossier.LOC, dossier.MISC} {
				if v[t] > an {
					alt, an = t, v[t]
				}
			}
			if an > 0 {
				best = alt
			}
		}
		m.typ = best
		if len(m.words) == 1 && m.typ != dossier.PER && surnames[m.key] && a.countryByName(m.words[0]) == nil {
			m.typ = dossier.PER
		}
	}
}

var corporateSuffixes = set("inc", "inc.", "corp", "corp.", "corporation", "ltd", "ltd.", "plc", "co", "co.", "llc", "ag", "sa", "group", "limited")

// orgKey drops corporate suffixes so "Acme Corp" and "Acme" join.
func orgKey(words []string) string {
	n := len(words)
	for n > 1 && corporateSuffixes[strings.ToLower(words[n-1])] {
		n--
	}
	return strings.ToLower(strings.Join(words[:n], " "))
}

func initials(words []string) string {
	var b strings.Builder
	for _, w := range words {
		lw := strings.ToLower(w)
		if lw == "of" || lw == "and" || lw == "the" || lw == "for" || lw == "&" || lw == "de" {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return ""
		}
		b.WriteRune(r)
	}
	return b.String()
}

func containsSeq(long, short []string) bool {
	for i := 0; i+len(short) <= len(long); i++ {
		ok := true
		for j := range short {
			if !strings.EqualFold(long[i+j], short[j]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func (a *article) newEnt(m *mention, words []string) int {
	a.ents = append(a.ents, &ent{typ: m.typ, words: words, counts: map[string]int{}, firstPos: a.toks[m.s].start,
		surface: a.text[a.toks[m.s].start:a.toks[m.e-1].end]})
	return len(a.ents) - 1
}

func (a *article) buildEntities() {
	// People: longest names first, so shorter ones can join them.
	order := make([]int, len(a.mentions))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(x, y int) bool {
		return len(a.mentions[order[x]].words) > len(a.mentions[order[y]].words)
	})
	byKey := map[string]int{}
	for _, i := range order {
		m := &a.mentions[i]
		if m.typ != dossier.PER {
			continue
		}
		if e, ok := byKey[m.key]; ok {
			m.ent = e
			continue
		}
		best, bestScore := -1, -1
		for ei, e := range a.ents {
			if e.typ != dossier.PER || len(e.words) <= len(m.words) || !containsSeq(e.words, m.words) {
				continue
			}
			score := 1
			if strings.EqualFold(e.words[len(e.words)-1], m.words[len(m.words)-1]) {
				score = 2 // surname
			}
			if score > bestScore || score == bestScore && a.nearerBefore(ei, best, m.s) {
				best, bestScore = ei, score
			}
		}
		if best < 0 {
			best = a.newEnt(m, m.words)
		}
		m.ent = best
		byKey[m.key] = best
	}
	// Other types: one entity per spelling; countries by country; an
	// acronym joins the organisation whose initials it spells.
	for i := range a.mentions {
		m := &a.mentions[i]
		if m.typ == dossier.PER {
			continue
		}
		key := m.typ + "\x00" + m.key
		switch m.typ {
		case dossier.ORG:
			key = m.typ + "\x00" + orgKey(m.words)
		case dossier.LOC:
			if c := a.countryByName(strings.Join(m.words, " ")); c != nil {
				key = "country\x00" + c.Code
			}
		}
		if e, ok := byKey[key]; ok {
			m.ent = e
			continue
		}
		m.ent = a.newEnt(m, m.words)
		byKey[key] = m.ent
	}
	// "Guantanamo" is the "Guantanamo Bay" named in the same article.
	for ei, e := range a.ents {
		if e.typ == "" || e.typ == dossier.PER || a.countryByName(strings.Join(e.words, " ")) != nil {
			continue
		}
		for fi, f := range a.ents {
			if fi != ei && f.typ == dossier.LOC && len(f.words) > len(e.words) && containsSeq(f.words[:len(e.words)], e.words) && placeNouns[strings.ToLower(f.words[len(f.words)-1])] && len(f.words) == len(e.words)+1 {
				a.mergeInto(ei, fi)
				break
			}
		}
	}
	// "Media Council" is the "Ugandan Media Council" named before.
	for ei, e := range a.ents {
		if e.typ != dossier.ORG || len(e.words) < 2 {
			continue
		}
		for fi, f := range a.ents {
			if fi != ei && f.typ == dossier.ORG && len(f.words) == len(e.words)+1 &&
				a.nationality(f.words[0]) != "" && containsSeq(f.words[1:], e.words) {
				a.mergeInto(ei, fi)
				break
			}
		}
	}
	for ei, e := range a.ents {
		if e.typ != dossier.ORG || len(e.words) != 1 || !isAcronym(e.words[0]) {
			continue
		}
		for fi, f := range a.ents {
			if fi != ei && f.typ == dossier.ORG && len(f.words) > 1 && initials(f.words) == e.words[0] {
				a.mergeInto(ei, fi)
				break
			}
		}
	}
	for _, m := range a.mentions {
		if m.ent < 0 {
			continue
		}
		e := a.ents[m.ent]
		e.spans = append(e.spans, a.span(m.s, m.e))
		e.counts[a.text[a.toks[m.s].start:a.toks[m.e-1].end]]++
		for k := m.s; k < m.e; k++ {
			a.covered[k] = m.ent + 1
		}
	}
}

func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 2 && n <= 6
}

// mergeInto moves the mentions of entity from to entity to.
func (a *article) mergeInto(from, to int) {
	for i := range a.mentions {
		if a.mentions[i].ent == from {
			a.mentions[i].ent = to
		}
	}
	a.ents[from].typ = "" // dropped
	a.ents[to].absorbed = true
}

// nearerBefore reports whether entity x has a mention nearer before token
// pos than entity y does.
func (a *article) nearerBefore(x, y, pos int) bool {
	if y < 0 {
		return true
	}
	return a.lastBefore(x, pos) > a.lastBefore(y, pos)
}

func (a *article) lastBefore(ei, pos int) int {
	last := -1
	for _, m := range a.mentions {
		if m.ent == ei && m.s < pos && m.s > last {
			last = m.s
		}
	}
	return last
}

func (a *article) span(s, e int) dossier.Span {
	start, end := a.toks[s].start, a.toks[e-1].end
	return dossier.Span{Start: start, End: end, Text: a.text[start:end]}
}

func (a *article) addRole(ei int, s, e int) {
	role := a.text[a.toks[s].start:a.toks[e-1].end]
	x := a.ents[ei]
	for _, r := range x.roles {
		if strings.EqualFold(r, role) {
			return
		}
	}
	x.roles = append(x.roles, role)
	if x.nat == "" {
		for k := s; k < e; k++ {
			if isCap(a.toks[k].text) {
				if c := a.nationality(normalizeToken(a.toks[k].text)); c != "" {
					x.nat = c
					break
				}
			}
		}
	}
}

// notTitleWords are capitalised words that can stand right before a title
// without being part of it ("On Tuesday Foreign Secretary Jack Straw",
// "And Chancellor Gordon Brown").
var notTitleWords = map[string]bool{
	"and": true, "but": true, "or": true, "so": true, "yet": true, "then": true, "as": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true, "yesterday": true, "today": true,
}

func (a *article) isPunct(i int) bool {
	return !hasLetter(a.toks[i].text) && !strings.ContainsAny(a.toks[i].text, "0123456789")
}

// titlesAndAppositions records the titles before a person's name and the
// appositions around it as roles.
func (a *article) titlesAndAppositions() {
	for _, m := range a.mentions {
		if m.ent < 0 || a.ents[m.ent].typ != dossier.PER {
			continue
		}
		ss := a.sentStart(a.toks[m.s].sent)
		se := a.sentEnd[a.toks[m.s].sent]
		// A title right before the name: "Russian President", "Chelsea boss".
		if m.s > ss && roleNouns[a.toks[m.s-1].low] {
			j := m.s - 1
			for j-1 >= ss && j > m.s-6 {
				p := a.toks[j-1]
				if notTitleWords[p.low] {
					break
				}
				if roleNouns[p.low] || titleModifiers[p.low] || strings.HasPrefix(p.low, "ex-") || (isCap(p.text) && hasLetter(p.text) && (j-1 > ss || p.tag != "O")) {
					if a.covered[j-1] != 0 && a.ents[a.covered[j-1]-1].typ == dossier.PER {
						break
					}
					j--
					continue
				}
				break
			}
			a.addRole(m.ent, j, m.s)
		}
		// After: "Yuri Ushakov, the Kremlin's foreign policy aide, said".
		if m.e+2 < se && a.toks[m.e].text == "," {
			if end, ok := a.rolePhrase(m.e+1, se); ok {
				s := m.e + 1
				if determiners[a.toks[s].low] {
					s++
				}
				a.addRole(m.ent, s, end)
			}
		}
		// Before: "his assistant for international relations, Yuri Ushakov".
		if m.s-2 >= ss && a.toks[m.s-1].text == "," {
			for k := m.s - 2; k >= ss && k >= m.s-10; k-- {
				if a.toks[k].text == "," || a.covered[k] != 0 {
					break
				}
				if determiners[a.toks[k].low] {
					if end, ok := a.rolePhrase(k, m.s-1); ok && end == m.s-1 {
						a.addRole(m.ent, k+1, end)
						a.addMention(m.ent, k, end)
					}
					break
				}
			}
		}
	}
}

// rolePhrase checks tokens from s (a determiner or a capitalised word) up
// to the next comma, full stop or limit: at most 10 tokens, containing a
// role noun and no person. It returns the end of the phrase.
func (a *article) rolePhrase(s, limit int) (int, bool) {
	if !determiners[a.toks[s].low] && !roleNouns[a.toks[s].low] && !titleModifiers[a.toks[s].low] &&
		!(isCap(a.toks[s].text) && a.toks[s].tag != "O" && a.toks[s].tag[2:] != dossier.PER) {
		return 0, false
	}
	// The phrase ends with its role noun, or goes on from it only with a
	// complement ("assistant for international relations").
	lastRole := -1
	tailOK := func(end int) bool {
		return lastRole >= 0 && end > s+1 && (lastRole+1 == end || complementWords[a.toks[lastRole+1].low])
	}
	for k := s; k < limit && k < s+10; k++ {
		t := a.toks[k]
		switch t.text {
		case ",", ".", ";", ":", ")", "(", "\"", "“", "”":
			return k, tailOK(k)
		}
		if c := a.covered[k]; c != 0 && a.ents[c-1].typ == dossier.PER {
			return 0, false
		}
		if k > s && (notInRole[t.low] || t.low == "said" || t.low == "says") {
			return 0, false
		}
		if roleNouns[t.low] {
			lastRole = k
		}
	}
	if limit <= s+10 {
		return limit, tailOK(limit)
	}
	return 0, false
}

// complementWords may follow a role noun ("minister for", "head of",
// "chief executive at").
var complementWords = set("for", "of", "to", "at")

// notInRole are words a role phrase does not contain.
var notInRole = set("as", "in", "on", "with", "by", "from", "after", "before", "during", "since", "than",
	"who", "which", "that", "and", "or", "but", "is", "was", "were", "are", "has", "had", "have", "will",
	"would", "term", "election", "campaign", "time", "year", "week", "month", "day", "position", "job")

func (a *article) addMention(ei, s, e int) {
	for k := s; k < e; k++ {
		if a.covered[k] != 0 {
			return
		}
	}
	for k := s; k < e; k++ {
		a.covered[k] = ei + 1
	}
	a.ents[ei].spans = append(a.ents[ei].spans, a.span(s, e))
}

// descriptions joins "the Russian leader", "the president" and the like to
// the person they describe.
func (a *article) descriptions() {
	for i := 0; i+1 < len(a.toks); i++ {
		if a.toks[i].low != "the" || a.covered[i] != 0 {
			continue
		}
		se := a.sentEnd[a.toks[i].sent]
		j, nat := i+1, ""
		if j < se && isCap(a.toks[j].text) {
			nat = a.nationality(normalizeToken(a.toks[j].text))
			if nat == "" {
				continue
			}
			j++
		}
		mods := j
		for j < se && titleModifiers[a.toks[j].low] && !roleNouns[a.toks[j].low] {
			j++
		}
		if j >= se || !roleNouns[a.toks[j].low] {
			continue
		}
		for j+1 < se && roleNouns[a.toks[j+1].low] {
			j++
		}
		end := j + 1
		// Not a title before a name ("the Russian leader Vladimir Putin").
		if end < se && isCap(a.toks[end].text) && a.toks[end].tag != "O" {
			continue
		}
		noun := a.toks[j].low
		var words []string // the modifiers and role nouns, which a role must contain
		for k := mods; k < j; k++ {
			if a.toks[k].low != "former" {
				words = append(words, a.toks[k].low)
			}
		}
		best, bestScore := -1, 0
		for ei, e := range a.ents {
			if e.typ != dossier.PER || nat != "" && e.nat != nat {
				continue
			}
			score := 0
			if hasRoleWord(e.roles, noun) && rolesContain(e.roles, words) {
				score = 2
			} else if nat != "" {
				score = 1
			}
			if score == 0 {
				continue
			}
			if score > bestScore || score == bestScore && a.lastBefore(ei, i) > a.lastBefore(best, i) {
				best, bestScore = ei, score
			}
		}
		if best >= 0 && (a.lastBefore(best, i) >= 0 || a.uniqueMatch(nat, noun)) {
			a.addMention(best, i, end)
		}
	}
}

// rolesContain reports whether one role holds all the words.
func rolesContain(roles []string, words []string) bool {
	if len(words) == 0 {
		return true
	}
	for _, r := range roles {
		f := strings.Fields(strings.ToLower(r))
		ok := true
		for _, w := range words {
			found := false
			for _, x := range f {
				if x == w {
					found = true
					break
				}
			}
			if !found {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// headOfState are the roles a "leader" description matches.
var headOfState = set("leader", "president", "premier", "chancellor", "prime", "king", "queen", "emperor", "tsar", "dictator", "monarch", "sultan", "sheikh", "pope")

func hasRoleWord(roles []string, noun string) bool {
	for _, r := range roles {
		for _, w := range strings.Fields(strings.ToLower(r)) {
			if w == noun || noun == "leader" && headOfState[w] {
				return true
			}
		}
	}
	return false
}

// uniqueMatch reports whether exactly one person matches a description.
func (a *article) uniqueMatch(nat, noun string) bool {
	n := 0
	for _, e := range a.ents {
		if e.typ == dossier.PER && (nat != "" && e.nat == nat || nat == "" && hasRoleWord(e.roles, noun)) {
			n++
		}
	}
	return n == 1
}

func (a *article) output() []dossier.Entity {
	// Countries named in the article, most mentioned first, guide the
	// choice among namesake places.
	type cc struct {
		code string
		n    int
	}
	var countries []cc
	for _, e := range a.ents {
		if e.typ == dossier.LOC {
			if c := a.countryByName(strings.Join(e.words, " ")); c != nil {
				countries = append(countries, cc{c.Code, len(e.spans)})
			}
		}
	}
	sort.SliceStable(countries, func(i, j int) bool { return countries[i].n > countries[j].n })
	prefer := make([]string, len(countries))
	for i, c := range countries {
		prefer[i] = c.code
	}
	out := make([]dossier.Entity, 0, len(a.ents))
	for _, e := range a.ents {
		if e.typ == "" || len(e.spans) == 0 {
			continue
		}
		sort.Slice(e.spans, func(i, j int) bool { return e.spans[i].Start < e.spans[j].Start })
		x := dossier.Entity{Type: e.typ, Roles: e.roles, Mentions: e.spans}
		if x.Roles == nil {
			x.Roles = []string{}
		}
		x.Name = a.canonicalName(e)
		if e.typ == dossier.LOC {
			if p, ok := a.gaz.Resolve(x.Name, prefer); ok {
				if p.Kind == gazetteer.KindCountry {
					x.Name = p.Name
				}
				x.Country, x.Region = p.Country, p.Region
				lat, lng := p.Lat, p.Lng
				x.Lat, x.Lng = &lat, &lng
			}
		}
		x.ID = ID(x.Type, x.Name)
		out = append(out, x)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Mentions[0].Start < out[j].Mentions[0].Start })
	return out
}

// canonicalName is the full name for people and the most frequent
// spelling (the longest among equals) for the rest.
func (a *article) canonicalName(e *ent) string {
	best, bn := strings.Join(e.words, " "), 0
	if e.absorbed && !strings.ContainsAny(e.surface, "\n\t") {
		return e.surface // the full name the short forms joined
	}
	if e.typ == dossier.PER {
		// The full name as written, at its first occurrence.
		for _, sp := range e.spans {
			if strings.Join(strings.Fields(sp.Text), " ") != sp.Text {
				continue
			}
			if len(strings.Fields(sp.Text)) == len(e.words) && e.counts[sp.Text] > 0 {
				return sp.Text
			}
		}
		return best
	}
	names := make([]string, 0, len(e.counts))
	for n := range e.counts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := e.counts[n]
		if strings.ContainsAny(n, "\n\t") {
			continue
		}
		if c > bn || c == bn && len(n) > len(best) {
			best, bn = n, c
		}
	}
	return best
}

// ID returns the stable entity id for a type and canonical name:
// "per:vladimir-putin".
func ID(typ, name string) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(typ))
	b.WriteByte(':')
	dash := false
	n := b.Len()
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > n {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else if r != '\'' && r != '’' && r != '.' {
			dash = true
		}
	}
	return b.String()
}

// PersonBefore returns the index in entities of the person with the last
// mention that ends at or before pos, or -1. It is how a pronoun ("he")
// resolves to the most recent compatible person.
func PersonBefore(entities []dossier.Entity, pos int) int {
	best, bestEnd := -1, -1
	for i, e := range entities {
		if e.Type != dossier.PER {
			continue
		}
		for _, m := range e.Mentions {
			if m.End <= pos && m.End > bestEnd {
				best, bestEnd = i, m.End
			}
		}
	}
	return best
}
