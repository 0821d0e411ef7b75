package quote

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/nlp/token"
)

// Extract returns the quotations of text, attributed to entities where the
// source mention resolves to one. Quotes come in text order.
func Extract(text string, entities []dossier.Entity) []dossier.Quote {
	d := newDoc(text)
	d.markPlaces(entities)
	return d.extract(entities)
}

// doc is text prepared for quote extraction.
type doc struct {
	text   string
	toks   []token.Token
	low    []string // lower-cased token texts
	sents  []token.Sentence
	sentOf []int // token index -> sentence index
	first  []int // sentence index -> index of its first token
	para   []int // sentence index -> paragraph index
	inQ    []bool
	// partialAt and directAt mark the opening-mark tokens of partial and
	// direct quotations.
	partialAt, directAt map[int]bool
	segs                []seg // every quoted span, in order
	// place marks tokens inside a mention of a place or other non-speaker
	// entity (LOC, MISC), which cannot be a quotation's source.
	place []bool
	// agent marks tokens inside a mention of a person or organisation.
	agent []bool
	// hasEntities is set when the caller passed entities.
	hasEntities bool
}

// markPlaces records the tokens inside LOC and MISC mentions.
func (d *doc) markPlaces(entities []dossier.Entity) {
	d.place = make([]bool, len(d.toks))
	d.agent = make([]bool, len(d.toks))
	d.hasEntities = len(entities) > 0
	for _, e := range entities {
		mark := d.place
		if e.Type == dossier.PER || e.Type == dossier.ORG {
			mark = d.agent
		}
		for _, m := range e.Mentions {
			k := sort.Search(len(d.toks), func(i int) bool { return d.toks[i].End > m.Start })
			for ; k < len(d.toks) && d.toks[k].Start < m.End; k++ {
				mark[k] = true
			}
		}
	}
}

// placeOnly reports whether every capitalised word of tokens [s, e) lies
// in a place or other non-speaker mention ("Kentucky", "the United States").
func (d *doc) placeOnly(s, e int) bool {
	caps := 0
	for k := s; k < e; k++ {
		if isCap(d.toks[k].Text) && isWord(d.toks[k].Text) {
			if !d.place[k] {
				return false
			}
			caps++
		} else if roleNouns[d.low[k]] || titleNouns[d.low[k]] {
			return false
		}
	}
	return caps > 0
}

func newDoc(text string) *doc {
	toks := token.Tokenize(text)
	d := &doc{text: text, toks: toks, sents: token.Split(text, toks)}
	d.low = make([]string, len(toks))
	for i, t := range toks {
		d.low[i] = lower(t.Text)
	}
	d.sentOf = make([]int, len(toks))
	d.first = make([]int, len(d.sents))
	d.para = make([]int, len(d.sents))
	k, p := 0, 0
	for si, s := range d.sents {
		d.first[si] = k
		if si > 0 && strings.Contains(text[d.sents[si-1].End:s.Start], "\n") {
			p++
		}
		d.para[si] = p
		for range s.Tokens {
			d.sentOf[k] = si
			k++
		}
	}
	d.inQ = make([]bool, len(toks))
	d.partialAt, d.directAt = map[int]bool{}, map[int]bool{}
	return d
}

// sentEnd returns the index just past the last token of sentence si.
func (d *doc) sentEnd(si int) int { return d.first[si] + len(d.sents[si].Tokens) }

func (d *doc) paraOf(tok int) int { return d.para[d.sentOf[tok]] }

// isDoubleQuote reports whether a token is a double quotation mark.
func isDoubleQuote(t string) bool {
	switch t {
	case "\"", "“", "”", "„", "«", "»", "‟", "''", "``":
		return true
	}
	return false
}

// markKind classifies the quotation mark at token i: +1 opens, -1 closes,
// 0 either.
func (d *doc) markKind(i int) int {
	switch d.toks[i].Text {
	case "“", "«", "„", "‟", "``":
		return 1
	case "”":
		if i == 0 || d.paraOf(i-1) != d.paraOf(i) {
			// Nothing closes at a paragraph start: a mistyped opening
			// mark ("”Fear. I am truly afraid …”").
			return 1
		}
		return -1
	case "»", "''":
		return -1
	}
	t := d.toks[i]
	spBefore := spaceBefore(d.text, t.Start) || (i > 0 && d.toks[i-1].End == t.Start && strings.ContainsAny(d.toks[i-1].Text, "([{—–-/:"))
	spAfter := spaceAt(d.text, t.End) || (i+1 < len(d.toks) && d.toks[i+1].Start == t.End && isClosePunct(d.toks[i+1].Text))
	switch {
	case spBefore && !spAfter:
		return 1
	case spAfter && !spBefore:
		return -1
	}
	return 0
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\n' || c == '\t' || c == '\r'
}

// spaceBefore reports whether text[:i] ends with white space (or is empty).
func spaceBefore(text string, i int) bool {
	if i == 0 {
		return true
	}
	r, _ := utf8.DecodeLastRuneInString(text[:i])
	return unicode.IsSpace(r)
}

// spaceAt reports whether text[i:] starts with white space (or is empty).
func spaceAt(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(text[i:])
	return unicode.IsSpace(r)
}

func isClosePunct(t string) bool {
	switch t {
	case ",", ".", ";", ":", "?", "!", ")", "]", "—", "–", "―", "-", "…", "...":
		return true
	}
	return false
}

// seg is one span of text between quotation marks.
type seg struct {
	open, close  int  // token indexes of the marks; close is the last token when unclosed
	start, end   int  // byte span of the content, marks excluded
	closed       bool // false when the paragraph ended before a closing mark
	continues    bool // runs on into the next paragraph
	firstS, lstS int  // sentences holding the opening and closing marks
}

// segments pairs quotation marks paragraph by paragraph.
func (d *doc) segments() []seg {
	var segs []seg
	open := -1
	nested := false        // inside an inner quotation
	innerStraight := false // the mark style of the inner quotation
	n := len(d.toks)
	for i := 0; i < n; i++ {
		if isDoubleQuote(d.toks[i].Text) {
			k := d.markKind(i)
			switch {
			case nested:
				// '"… “Equal Justice” …"': the inner quotation closes with
				// a closing mark of its own style.
				if k < 0 && straightMark(d.toks[i].Text) == innerStraight {
					nested = false
				}
			case open >= 0 && k > 0 && straightMark(d.toks[i].Text) != straightMark(d.toks[open].Text) && d.innerCloses(i, open),
				open >= 0 && k > 0 && !straightMark(d.toks[i].Text) && !straightMark(d.toks[open].Text) && d.curlyNests(i):
				nested, innerStraight = true, straightMark(d.toks[i].Text)
			case open < 0 && k >= 0:
				open = i
			case open >= 0 && k <= 0:
				segs = d.addSeg(segs, open, i, true, false)
				open = -1
			case open >= 0 && k > 0:
				// A new opening mark before the old one closed: the old one
				// was unbalanced; restart here.
				open = i
			}
		}
		// Paragraph end: an unclosed quotation ends here; it continues when
		// the next paragraph opens with a quotation mark.
		if open >= 0 && (i+1 == n || d.paraOf(i+1) != d.paraOf(i)) {
			cont := i+1 < n && isDoubleQuote(d.toks[i+1].Text) && d.markKind(i+1) >= 0
			segs = d.addSeg(segs, open, i, false, cont)
			open = -1
			nested = false
		}
	}
	return segs
}

// curlyNests reports whether the curly opening mark at token i, met while
// a curly quotation is open, nests in it: the next two marks in the
// paragraph both close, the inner quotation and then the outer one
// ("“I’d rather live in what he calls “hell” than …”").
func (d *doc) curlyNests(i int) bool {
	p := d.paraOf(i)
	closes := 0
	for j := i + 1; j < len(d.toks) && d.paraOf(j) == p; j++ {
		if !isDoubleQuote(d.toks[j].Text) || straightMark(d.toks[j].Text) {
			continue
		}
		if d.markKind(j) >= 0 {
			return false
		}
		if closes++; closes == 2 {
			return true
		}
	}
	return false
}

// straightMark reports whether a quotation mark is the straight '"'.
func straightMark(t string) bool { return t == "\"" }

// innerCloses reports whether the opening mark at token i, of another style
// than the open quotation at token open, is closed by a mark of its own
// style in the same paragraph while the outer quotation goes on: a
// quotation nested in another.
func (d *doc) innerCloses(i, open int) bool {
	p := d.paraOf(i)
	for j := i + 1; j < len(d.toks) && d.paraOf(j) == p; j++ {
		t := d.toks[j].Text
		if !isDoubleQuote(t) {
			continue
		}
		if straightMark(t) == straightMark(d.toks[i].Text) {
			if d.markKind(j) >= 0 {
				return false
			}
			// The outer quotation must go on after it: closed later in
			// the paragraph, or running on into the next one.
			outer := straightMark(d.toks[open].Text)
			k := j + 1
			for ; k < len(d.toks) && d.paraOf(k) == p; k++ {
				if isDoubleQuote(d.toks[k].Text) && straightMark(d.toks[k].Text) == outer {
					return d.markKind(k) <= 0
				}
			}
			return k < len(d.toks) && isDoubleQuote(d.toks[k].Text) && straightMark(d.toks[k].Text) == outer && d.markKind(k) >= 0
		}
	}
	return false
}

func (d *doc) addSeg(segs []seg, open, close int, closed, cont bool) []seg {
	start := d.toks[open].End
	end := d.toks[close].Start
	if !closed {
		end = d.toks[close].End
	}
	if end <= start {
		return segs
	}
	// Trim spaces inside the marks.
	for start < end && spaceAt(d.text, start) {
		_, n := utf8.DecodeRuneInString(d.text[start:])
		start += n
	}
	for end > start && spaceBefore(d.text, end) {
		_, n := utf8.DecodeLastRuneInString(d.text[:end])
		end -= n
	}
	// A trailing comma belongs to the sentence around the quotation.
	for end > start && d.text[end-1] == ',' {
		end--
	}
	if end <= start || !utf8.RuneStart(d.text[start]) {
		return segs
	}
	for k := open; k <= close; k++ {
		d.inQ[k] = true
	}
	return append(segs, seg{open: open, close: close, start: start, end: end, closed: closed, continues: cont,
		firstS: d.sentOf[open], lstS: d.sentOf[close]})
}

// attribution is a cue and source found for a quotation, as token ranges.
type attribution struct {
	cueS, cueE int // cue tokens [cueS, cueE)
	srcS, srcE int // source tokens [srcS, srcE); srcS < 0 when none
}

func (a *attribution) found() bool { return a != nil && (a.cueE > a.cueS || a.srcS >= 0) }

// words counts the word tokens of the content of s.
func (d *doc) words(s seg) int {
	n := 0
	for k := s.open + 1; k < s.close; k++ {
		r, _ := utf8.DecodeRuneInString(d.toks[k].Text)
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	if !s.closed {
		n++
	}
	return n
}

// capitalisedTitle reports whether every word of the content is capitalised
// (a title or name in quotes: “Saturday Night Live”).
func (d *doc) capitalisedTitle(s seg) bool {
	small := map[string]bool{"of": true, "the": true, "a": true, "and": true, "in": true, "on": true, "for": true, "to": true, "an": true, "with": true}
	n := 0
	for k := s.open + 1; k < s.close; k++ {
		r, _ := utf8.DecodeRuneInString(d.toks[k].Text)
		if !unicode.IsLetter(r) {
			continue
		}
		if small[d.low[k]] && n > 0 || d.low[k] == "'s" || d.low[k] == "’s" {
			continue
		}
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n > 0
}

// markup reports whether the content holds markup ("<tweet ...>").
func (d *doc) markup(s seg) bool {
	for k := s.open + 1; k < s.close; k++ {
		if t := d.toks[k].Text; t == "<" || t == ">" {
			return true
		}
	}
	return false
}

// isWord reports whether a token starts with a letter or digit.
func isWord(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isCap(t string) bool {
	r, _ := utf8.DecodeRuneInString(t)
	return unicode.IsUpper(r)
}

// cueAt returns the end of a cue starting at token i ("said", "according
// to", "went on to say", "put it"), or i when there is none.
func (d *doc) cueAt(i, limit int) int {
	if i >= limit {
		return i
	}
	w := d.low[i]
	if w == "according" && i+1 < limit && d.low[i+1] == "to" {
		return i + 2
	}
	if w == "went" && i+3 < limit && d.low[i+1] == "on" && d.low[i+2] == "to" && cueVerbs[d.low[i+3]] != "" {
		return i + 4
	}
	if w == "put" && i+1 < limit && d.low[i+1] == "it" {
		return i + 2
	}
	if (w == "went" || w == "goes") && i+1 < limit && d.low[i+1] == "on" && (i+2 == limit || !isWord(d.toks[i+2].Text)) {
		// "she went on."
		return i + 2
	}
	if w == "pointed" && i+1 < limit && d.low[i+1] == "out" {
		return i + 2
	}
	if w == "shot" && i+1 < limit && d.low[i+1] == "back" {
		return i + 2
	}
	if cueVerbs[w] != "" {
		// A capitalised cue inside a sentence is a name ("the Washington
		// Post", "the United States").
		if isCap(d.toks[i].Text) && i > 0 && d.sentOf[i-1] == d.sentOf[i] && !isDoubleQuote(d.toks[i-1].Text) && d.toks[i-1].Text != "," {
			return i
		}
		// Not a noun use: "the state", "a report", "his call", "the post".
		// After a determiner that can stand for people a past form is
		// the verb: "Another tweeted", "One said".
		past := w != cueVerbs[w] && !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ing")
		if i > 0 && determiners[d.low[i-1]] && d.low[i-1] != "that" && !(past && standaloneDeterminers[d.low[i-1]]) {
			return i
		}
		return i + 1
	}
	return i
}

// cueLemma returns the lemma of the cue at [s, e).
func (d *doc) cueLemma(s, e int) string {
	if e-s == 2 && d.low[s] == "according" {
		return "according to"
	}
	return cueVerbs[d.low[e-1]]
}

// npForward returns the end of a noun phrase starting at i (a source after
// its cue: "the Russian leader", "RNC spokesman Sean Spicer").
func (d *doc) npForward(i, limit int) int {
	j := i
	for j < limit && j-i < 14 {
		t, w := d.toks[j].Text, d.low[j]
		if w == "'s" || w == "’s" || w == "-" || w == "&" {
			if j == i {
				return i
			}
			j++
			continue
		}
		if t == "(" && j > i {
			m := j + 1
			for m < limit && m-j < 8 && d.toks[m].Text != ")" {
				m++
			}
			if m < limit && d.toks[m].Text == ")" {
				j = m + 1
				continue
			}
			break
		}
		if !isWord(t) {
			break
		}
		if j > i && stopWords[w] {
			break
		}
		if j > i && cueVerbs[w] != "" && !isCap(t) {
			// "the Russian state agency", "Chinese media reports": a cue
			// word after an adjective or determiner is a noun.
			prev := d.toks[j-1].Text
			nounUse := (isCap(prev) || determiners[d.low[j-1]]) && !(j+1 < limit && (d.low[j+1] == "that" || d.toks[j+1].Text == ":"))
			if !nounUse {
				break
			}
		}
		if (w == "of" || w == "for") && !(j+1 < limit && (determiners[d.low[j+1]] || isCap(d.toks[j+1].Text))) {
			break
		}
		// An -ing word between a determiner and the end of the phrase is
		// its head noun: "said the ruling.", "said the filing,".
		ingNoun := j > i && strings.HasSuffix(w, "ing") && determiners[d.low[j-1]] && d.low[j-1] != "that" &&
			(j+1 >= limit || !isWord(d.toks[j+1].Text))
		if j > i && !isCap(t) && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly")) && !roleNouns[w] && !ingNoun {
			break
		}
		if j > i && !isCap(t) && isCap(d.toks[j-1].Text) && (strings.HasSuffix(w, "ed") || commonVerbs[w]) {
			// "Carson took ...": a lower-case word after a name ends it.
			break
		}
		if j > i && !isCap(t) && isCap(d.toks[j-1].Text) && !roleNouns[w] && !titleNouns[w] && w != "of" && w != "for" &&
			j+1 < limit && (determiners[d.low[j+1]] && d.low[j+1] != "that" || pronouns[d.low[j+1]] != "") {
			// "Fiorina threw her support": a lower-case word between a
			// name and its object is a verb.
			break
		}
		if j == i && (stopWords[w] || timeWords[w]) {
			return i
		}
		if pronouns[w] != "" && j == i {
			return i + 1
		}
		j++
	}
	// Trim trailing function words.
	for j > i && (d.low[j-1] == "of" || d.low[j-1] == "for" || determiners[d.low[j-1]]) {
		j--
	}
	return j
}

// npBackward returns the start of a noun phrase ending just before end (a
// source before its cue: "he", "Xi Jinping", "his assistant for
// international relations, Yuri Ushakov,"), or end when there is none.
func (d *doc) npBackward(end, limit int) int {
	i := end
	// Skip a trailing comma of an appositive.
	if i > limit && d.toks[i-1].Text == "," {
		i--
	}
	start := d.npBack1(i, limit)
	if start == i {
		return end
	}
	// An appositive chain: "NAME, a DESCRIPTION," or "DESCRIPTION, NAME,".
	if end-1 > limit && d.toks[end-1].Text == "," && start-1 > limit && d.toks[start-1].Text == "," {
		if s2 := d.npBack1(start-1, limit); s2 < start-1 {
			start = s2
		}
	}
	return start
}

func (d *doc) npBack1(end, limit int) int {
	i := end
	sawCap, sawLowerHead := false, false
	for i > limit && end-i < 14 {
		t, w := d.toks[i-1].Text, d.low[i-1]
		if w == "'s" || w == "’s" || w == "-" || w == "&" {
			i--
			continue
		}
		if t == ")" {
			// A parenthetical: "Sen. John Cornyn (R-Texas)".
			m := i - 2
			for m > limit && i-m < 8 && d.toks[m].Text != "(" {
				m--
			}
			if m > limit && d.toks[m].Text == "(" {
				i = m
				continue
			}
			break
		}
		if !isWord(t) {
			break
		}
		if pronouns[w] != "" {
			if i == end {
				return i - 1
			}
			break
		}
		if determiners[w] && w != "that" {
			if i == end && standaloneDeterminers[w] && (i-2 < limit || d.low[i-2] != "no") {
				// "Another said", "One tweeted", "Some argued": the
				// determiner stands for the speaker.
				return i - 1
			}
			if i < end {
				i--
			}
			break
		}
		if stopWords[w] && !(w == "of" || w == "for") {
			break
		}
		if cueVerbs[w] != "" && !isCap(t) {
			break
		}
		if isCap(t) {
			if sentenceStartFunction[w] && (i-1 == 0 || d.sentOf[i-1] != d.sentOf[i]) {
				break
			}
			sawCap = true
		} else {
			if w == "of" || w == "for" {
				if i == end {
					break
				}
			} else if sawCap && !roleNouns[w] && !titleNouns[w] {
				break
			} else if i == end {
				sawLowerHead = true
			} else if sawLowerHead && (strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ed")) {
				break
			}
		}
		i--
	}
	// Do not start with "of"/"for".
	for i < end && (d.low[i] == "of" || d.low[i] == "for") {
		i++
	}
	return i
}

// standaloneDeterminers can stand alone for people as the subject of a
// speech verb ("Another tweeted", "One said", "Some argued").
var standaloneDeterminers = map[string]bool{
	"another": true, "one": true, "some": true, "many": true, "several": true, "both": true,
}

// commonVerbs are frequent verbs without the -ed ending that end a name
// ("Carson took the stage").
var commonVerbs = map[string]bool{
	"took": true, "made": true, "went": true, "gave": true, "got": true, "came": true, "found": true,
	"spoke": true, "met": true, "led": true, "held": true, "kept": true, "left": true, "ran": true,
	"saw": true, "sent": true, "stood": true, "won": true, "lost": true, "began": true, "brought": true,
	"built": true, "did": true, "does": true, "do": true, "has": true, "had": true, "is": true,
	"was": true, "are": true, "were": true, "will": true, "would": true, "can": true, "could": true,
	"takes": true, "makes": true, "goes": true, "gets": true, "comes": true, "wants": true, "knows": true,
	"needs": true, "sees": true, "thinks": true, "seems": true, "became": true, "felt": true, "knew": true,
	"heard": true, "paid": true, "sat": true, "struck": true, "hit": true, "let": true, "set": true,
}

// sentenceStartFunction are capitalised words at a sentence start that do
// not begin a name.
var sentenceStartFunction = map[string]bool{
	"but": true, "and": true, "in": true, "on": true, "at": true, "after": true, "before": true,
	"when": true, "while": true, "as": true, "so": true, "yet": true, "then": true, "now": true,
	"earlier": true, "later": true, "still": true, "however": true, "meanwhile": true, "also": true,
	"asked": true, "speaking": true, "during": true, "since": true, "if": true, "though": true,
}

// titleNouns are lower-case words that may precede a name in a source
// ("campaign spokesman Brian Fallon").
var titleNouns = map[string]bool{
	"pollster": true, "spokesman": true, "spokeswoman": true, "candidate": true, "hopeful": true,
	"nominee": true, "rival": true, "host": true, "anchor": true, "strategist": true, "member": true,
	"press": true, "campaign": true, "manager": true, "chair": true, "co-chair": true, "adviser": true,
	"advisor": true, "consultant": true, "operative": true, "director": true, "writer": true,
	"columnist": true, "reporter": true, "correspondent": true, "activist": true, "author": true,
	"leader": true, "senator": true, "sen.": true, "rep.": true, "gov.": true, "president": true,
	"secretary": true, "minister": true, "mogul": true, "businessman": true, "billionaire": true,
	"contender": true, "frontrunner": true, "front-runner": true, "aide": true, "lawyer": true,
	"attorney": true, "professor": true, "economist": true, "analyst": true, "editor": true,
	"commentator": true, "congressman": true, "congresswoman": true, "lawmaker": true, "official": true,
	"chief": true, "governor": true, "mayor": true, "chairman": true, "chairwoman": true,
	"speaker": true, "leader's": true, "voter": true, "supporter": true, "founder": true,
	"executive": true, "head": true, "judge": true, "senior": true, "fellow": true, "expert": true,
	"general": true, "ambassador": true, "envoy": true, "assistant": true, "representative": true,
}

// sourceOK reports whether tokens [s, e) can be a speaker: a pronoun or a
// phrase with a capitalised word or a role noun.
func (d *doc) sourceOK(s, e int, loose bool) bool {
	if e <= s || e-s > 30 {
		return false
	}
	if e-s == 1 && pronouns[d.low[s]] != "" {
		return true
	}
	switch d.low[s] {
	case "and", "but", "or", "so", "that", "which", "citing", "asked", "hours", "minutes", "days":
		return false
	}
	if e-s > 1 && (subordinators[d.low[s]] || strings.HasSuffix(d.low[s], "ly") && d.toks[s+1].Text == ",") {
		// "When I", "Reluctantly, Brafman": a clause, not a speaker.
		return false
	}
	if l := d.low[e-1]; l == "'s" || l == "’s" || l == "that" || l == "originally" {
		return false
	}
	if e-s == 1 && (strings.HasSuffix(d.low[s], "ing") || strings.HasSuffix(d.low[s], "ed")) &&
		!(isCap(d.toks[s].Text) && (d.first[d.sentOf[s]] != s || d.agent[s])) {
		// "Asked", "Speaking": not a speaker; "Reed", "Husted" after a
		// quotation or known as a name are.
		return false
	}
	depth := 0
	for k := s; k < e; k++ {
		switch d.toks[k].Text {
		case "(":
			depth++
		case ")":
			depth--
		case ".":
			if k > s && depth <= 0 && !d.partyTagDot(k) {
				return false
			}
		}
		if isDoubleQuote(d.toks[k].Text) {
			return false
		}
	}
	allTime := true
	for k := s; k < e; k++ {
		if isWord(d.toks[k].Text) && !timeWords[d.low[k]] && !monthNames[d.low[k]] && !isDigitTok(d.toks[k].Text) {
			allTime = false
		}
	}
	if allTime {
		return false
	}
	for k := s; k < e; k++ {
		if isCap(d.toks[k].Text) || roleNouns[d.low[k]] || titleNouns[d.low[k]] {
			return true
		}
	}
	if loose && determiners[d.low[s]] {
		// Next to a quotation "the ministry", "a friend" are speakers.
		return true
	}
	// Generic people: "officials", "critics", "aides", "voters".
	last := d.low[e-1]
	return strings.HasSuffix(last, "s") || strings.HasSuffix(last, "er") || strings.HasSuffix(last, "or") || strings.HasSuffix(last, "ist")
}

var monthNames = map[string]bool{
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true,
	"july": true, "august": true, "september": true, "october": true, "november": true, "december": true,
	"jan.": true, "feb.": true, "aug.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true,
}

func isDigitTok(t string) bool { return t != "" && t[0] >= '0' && t[0] <= '9' }

// afterAttribution looks for "…,” said X", "…,” X said", "…,” according to
// X" after the closing mark at token c, in its sentence or, when the mark
// ends the sentence ("“Why?” she asked."), at the start of the next one in
// the same paragraph.
func (d *doc) afterAttribution(c int) *attribution {
	si := d.sentOf[c]
	limit := d.sentEnd(si)
	i := c + 1
	for i < limit && (d.toks[i].Text == "," || isDash(d.toks[i].Text)) {
		i++
	}
	if a := d.dashByline(c); a != nil {
		return a
	}
	maxSource := 30
	nextSent := false
	if i >= limit {
		if si+1 >= len(d.sents) || d.para[si+1] != d.para[si] || c+1 != limit {
			return nil
		}
		// The next sentence must open with a short attribution: "He said
		// ..." or "Asked Smith.", not a sentence of its own.
		si++
		i, limit = d.first[si], d.sentEnd(si)
		maxSource = 6
		nextSent = true
	}
	// Cue first: "said the Russian leader", "according to TASS".
	if e := d.cueAt(i, limit); e > i {
		j := e
		for j < limit && timeWords[d.low[j]] {
			j++
		}
		if se := d.npForward(j, limit); se > j && d.sourceOK(j, se, true) && (!nextSent || d.shortTail(i, se, limit)) {
			return &attribution{cueS: i, cueE: e, srcS: j, srcE: se}
		}
		return nil
	}
	// Source first: "he said", "Soe Min, a USDP member ..., said".
	depth := 0
	for j := i; j < limit && j-i < maxSource; j++ {
		switch d.toks[j].Text {
		case "(":
			depth++
		case ")":
			depth--
		}
		if isDoubleQuote(d.toks[j].Text) || (d.toks[j].Text == "." && !d.partyTagDot(j) || d.toks[j].Text == ";") && depth <= 0 {
			return nil
		}
		e := d.cueAt(j, limit)
		if e == j {
			continue
		}
		se := j
		for se > i && adverbs[d.low[se-1]] && !isCap(d.toks[se-1].Text) {
			se--
		}
		for se > i && d.toks[se-1].Text == "," {
			se--
		}
		if d.low[j] != "according" && d.sourceOK(i, se, true) {
			if !isCap(d.toks[i].Text) && pronouns[d.low[i]] == "" && !determiners[d.low[i]] && !d.hasRole(i, se) && !(se-i > 1 && isCap(d.toks[i+1].Text)) && !d.describedName(i, se) {
				return nil
			}
			if nextSent && !d.shortTail(j, e, limit) {
				// "“…” She noted a planned rally ...", "He added, “…”": a
				// sentence of its own, not the attribution of the quote
				// before it.
				return nil
			}
			return &attribution{cueS: j, cueE: e, srcS: i, srcE: se}
		}
		return nil
	}
	return nil
}

// isDash reports whether t is a dash: hyphen, en dash, em dash, a doubled
// hyphen, or the horizontal bar that signs quotations ("“…” ― Name").
func isDash(t string) bool {
	switch t {
	case "-", "--", "–", "—", "―", "‒":
		return true
	}
	return false
}

// describedName reports whether tokens [s, e) are a name after a short
// lower-case description: "political scientist Christopher Wlezien".
func (d *doc) describedName(s, e int) bool {
	k := s
	for k < e && !isCap(d.toks[k].Text) {
		if !isWord(d.toks[k].Text) || stopWords[d.low[k]] || cueVerbs[d.low[k]] != "" {
			return false
		}
		k++
	}
	if k == s || k-s > 3 || e-k < 2 {
		return false
	}
	for ; k < e; k++ {
		if !isCap(d.toks[k].Text) {
			return false
		}
	}
	return true
}

// partyTagDot reports whether the full stop at token k closes a party and
// state tag set off by commas after a name ("McConnell, R-Ky., said").
func (d *doc) partyTagDot(k int) bool {
	if k < 2 || k+1 >= len(d.toks) || d.toks[k+1].Text != "," || d.toks[k-2].Text != "," {
		return false
	}
	t := d.toks[k-1].Text
	if len(t) < 3 || len(t) > 8 || t[1] != '-' || !strings.ContainsRune("RDI", rune(t[0])) {
		return false
	}
	for i := 2; i < len(t); i++ {
		c := t[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '.') {
			return false
		}
	}
	return t[2] >= 'A' && t[2] <= 'Z'
}

// dashByline returns the source of a quotation closing at token c that is
// signed on its line after a dash, as embedded posts and epigraphs are:
// "“…” — Donald J. Trump (@realDonaldTrump) January 4, 2016"; or nil.
func (d *doc) dashByline(c int) *attribution {
	n := len(d.toks)
	k := c + 1
	for k < n && (d.toks[k].Text == "." || d.toks[k].Text == ",") {
		k++
	}
	if k+1 >= n || strings.Contains(d.text[d.toks[c].End:d.toks[k].Start], "\n") {
		return nil
	}
	if !isDash(d.toks[k].Text) {
		return nil
	}
	k++
	if strings.Contains(d.text[d.toks[k-1].End:d.toks[k].Start], "\n") || !isCap(d.toks[k].Text) {
		return nil
	}
	// The name runs to a parenthesis, a comma or the end of the line.
	e := k
	for e < n && e-k < 8 && isWord(d.toks[e].Text) && !strings.Contains(d.text[d.toks[e-1].End:d.toks[e].Start], "\n") {
		if w := d.toks[e].Text; !isCap(w) && !(e > k && (titleNouns[d.low[e]] || roleNouns[d.low[e]] || d.low[e] == "of")) {
			return nil
		}
		e++
	}
	if e == k || !d.sourceOK(k, e, true) {
		return nil
	}
	if e < n && !strings.Contains(d.text[d.toks[e-1].End:d.toks[e].Start], "\n") {
		switch d.toks[e].Text {
		case "(", ",", ".", "@":
		default:
			return nil
		}
	}
	return &attribution{cueS: -1, cueE: -1, srcS: k, srcE: e}
}

// shortTail reports whether tokens [s, e) after a cue in the sentence
// following a quotation are only a tail ("Tuesday.", "in a statement.",
// "reporters during a news conference."), so that the sentence is the
// quote's attribution and not one of its own ("She noted a planned rally",
// "He added, “…”", "She replied that ...").
func (d *doc) shortTail(cueS, s, e int) bool {
	for k := s; k < e; k++ {
		t := d.toks[k].Text
		if isDoubleQuote(t) || t == ":" || d.low[k] == "that" {
			return false
		}
	}
	k := s
	if l := cueVerbs[d.low[cueS]]; l == "tell" || l == "ask" {
		// An addressee: "told reporters", "asked CNN".
		if oe := d.npForward(k, e); oe > k && oe-k <= 4 {
			k = oe
		}
	}
	for k < e && (timeWords[d.low[k]] || adverbs[d.low[k]] || strings.HasSuffix(d.low[k], "ly")) {
		k++
	}
	if k >= e {
		return true
	}
	w := d.low[k]
	return !isWord(d.toks[k].Text) || tailPrepositions[w]
}

// tailPrepositions open the tail of an attribution ("said in a statement").
var tailPrepositions = map[string]bool{
	"in": true, "on": true, "at": true, "during": true, "to": true, "after": true, "before": true,
	"from": true, "with": true, "while": true, "when": true, "as": true, "outside": true,
	"inside": true, "into": true, "of": true, "about": true, "through": true, "via": true,
	"last": true, "this": true, "over": true, "by": true, "under": true, "for": true,
}

// beforeAttribution looks for "X said: “…", "X, stating: “…", "according to
// X, “…" before the opening mark at token o.
func (d *doc) beforeAttribution(o int) *attribution {
	si := d.sentOf[o]
	lo := d.first[si]
	for j := o - 1; j >= lo && o-j <= 10; j-- {
		if isDoubleQuote(d.toks[j].Text) {
			return nil
		}
		e := d.cueAt(j, o)
		if e == j {
			continue
		}
		// What lies between the cue and the mark must be short glue: ":",
		// ",", "that", an addressee or a time ("told reporters Tuesday:").
		gap := d.toks[e:o]
		if len(gap) > 0 && !d.glue(e, o) {
			continue
		}
		// "called it “a disaster”", "what she calls “real solutions”":
		// naming verbs introduce a quotation only after ":" or ",".
		if weakCues[d.cueLemma(j, e)] && !(len(gap) > 0 && (gap[len(gap)-1].Text == ":" || gap[len(gap)-1].Text == ",")) {
			return nil
		}
		return d.sourceFor(j, e, lo)
	}
	// "Jeffrey M. Jones: “…", "More from the report: “…"
	if o-1 > lo && d.toks[o-1].Text == ":" {
		if s := d.npBackward(o-1, lo); s < o-1 && d.sourceOK(s, o-1, false) && (isCap(d.toks[s].Text) && !determiners[d.low[s]] || d.hasRole(s, o-1)) {
			return &attribution{cueS: o - 1, cueE: o, srcS: s, srcE: o - 1}
		}
	}
	return nil
}

// glue reports whether tokens [s, e) between a cue and a quotation are
// short connecting words.
func (d *doc) glue(s, e int) bool {
	if e-s > 8 {
		return false
	}
	for k := s; k < e; k++ {
		if isDoubleQuote(d.toks[k].Text) || d.toks[k].Text == "." {
			return false
		}
	}
	last := d.toks[e-1].Text
	if last == ":" || last == "," || last == "that" || last == "—" || last == "-" {
		return true
	}
	// "told reporters “…", "told him “…", "said Tuesday “…"
	if e-s > 2 {
		return false
	}
	for k := s; k < e; k++ {
		w := d.low[k]
		if !(pronouns[w] != "" || timeWords[w] || w == "reporters" || w == "journalists" || w == "supporters" || w == "the" || w == "crowd" || w == "audience") {
			return false
		}
	}
	return true
}

// sourceFor finds the source of a cue at [cs, ce) in a sentence starting at
// token lo: after "according to", before other cues, or the sentence's
// subject for a participle ("Xi ..., stating:").
func (d *doc) sourceFor(cs, ce, lo int) *attribution {
	if d.low[cs] == "according" {
		if se := d.npForward(ce, d.sentEnd(d.sentOf[cs])); se > ce {
			return &attribution{cueS: cs, cueE: ce, srcS: ce, srcE: se}
		}
		return nil
	}
	if a := d.possessor(cs, ce, lo); a != nil {
		return a
	}
	if cs == lo && isCap(d.toks[cs].Text) && !strings.HasSuffix(d.low[ce-1], "ing") {
		// An inverted attribution opening the sentence: "Stated Stone:",
		// "Continued Roe:". "Asked Roe ..." names the one asked.
		if l := d.cueLemma(cs, ce); l != "ask" && l != "tell" {
			if se := d.npForward(ce, d.sentEnd(d.sentOf[cs])); se > ce && d.sourceOK(ce, se, true) {
				return &attribution{cueS: cs, cueE: ce, srcS: ce, srcE: se}
			}
		}
	}
	b := cs
	for b > lo && adverbs[d.low[b-1]] {
		b--
	}
	if b < cs && (d.low[cs-1] == "was" || d.low[cs-1] == "been" || d.low[cs-1] == "is" || d.low[cs-1] == "be") {
		// A passive: "it was announced that ...".
		return &attribution{cueS: cs, cueE: ce, srcS: -1}
	}
	participle := strings.HasSuffix(d.low[ce-1], "ing")
	if !participle && b-1 > lo && d.toks[b-1].Text == "," {
		// "Clinton, during a town hall meeting in Columbus, Ohio, said",
		// "Cory James, 22, of Flint, Mich., said": the subject before the
		// insertion speaks.
		if ss, se := d.subject(lo, b); ss >= 0 && se < b-1 && d.toks[se].Text == "," && d.personish(ss, se) && !d.cueBetween(se, b) {
			return &attribution{cueS: cs, cueE: ce, srcS: ss, srcE: se}
		}
	}
	// "Glenn Beck, who described Trump as ...": the source runs from the
	// name through the relative pronoun.
	if b > lo && (d.low[b-1] == "who" || d.low[b-1] == "which") {
		w := b - 1
		e := w
		for e > lo && d.toks[e-1].Text == "," {
			e--
		}
		if s := d.npBack1(e, lo); s < e && d.sourceOK(s, e, false) {
			return &attribution{cueS: cs, cueE: ce, srcS: s, srcE: w + 1}
		}
	}
	if !participle || b > lo && d.toks[b-1].Text != "," {
		if s := d.npBackward(b, lo); s < b {
			e := b
			for e > s && d.toks[e-1].Text == "," {
				e--
			}
			if d.sourceOK(s, e, false) {
				it := &attribution{cueS: cs, cueE: ce, srcS: s, srcE: e}
				if e-s != 1 || d.low[s] != "it" {
					return it
				}
				// "X said ..., adding that it confirms “…”": the speaker is
				// X when the sentence names one.
				if a := d.earlierSource(cs, ce, lo); a != nil {
					return a
				}
				return it
			}
		}
	}
	if a := d.earlierSource(cs, ce, lo); a != nil {
		return a
	}
	// "X, who spoke anonymously, said": the name before "who".
	for j := cs - 1; j > lo && cs-j < 16; j-- {
		if d.inQ[j] || d.toks[j].Text == "." {
			break
		}
		if d.low[j] == "who" {
			e := j
			for e > lo && d.toks[e-1].Text == "," {
				e--
			}
			if s := d.npBack1(e, lo); s < e && d.sourceOK(s, e, false) {
				return &attribution{cueS: cs, cueE: ce, srcS: s, srcE: e}
			}
			break
		}
	}
	if s, e := d.subject(lo, cs); s >= 0 {
		return &attribution{cueS: cs, cueE: ce, srcS: s, srcE: e}
	}
	if participle && cs > lo && d.toks[cs-1].Text == "," {
		// "Here in Columbia, Sanders stepped up his emphasis on the
		// issue, saying": the subject of the clause the participle
		// closes.
		if s, e := d.clauseSubject(lo-1, cs); s >= 0 {
			return &attribution{cueS: cs, cueE: ce, srcS: s, srcE: e}
		}
	}
	return &attribution{cueS: cs, cueE: ce, srcS: -1}
}

// openingParticiple attributes a partial quotation inside a participial
// phrase that opens its sentence to the subject of the main clause after
// the phrase: "After saying her foot was “so swollen,” she was …",
// "Acknowledging that Trump “says a lot of stupid stuff,” though, Allen
// …"; or nil.
func (d *doc) openingParticiple(s seg) *attribution {
	if !s.closed || s.firstS != s.lstS {
		return nil
	}
	lo, hi := d.first[s.firstS], d.sentEnd(s.firstS)
	c := lo
	if c < s.open && (d.low[c] == "after" || d.low[c] == "before" || d.low[c] == "while" || d.low[c] == "in" || d.low[c] == "by") {
		c++
	}
	e := d.cueAt(c, s.open)
	if e == c || !strings.HasSuffix(d.low[e-1], "ing") || !isCap(d.toks[lo].Text) {
		return nil
	}
	// The phrase ends at the first comma after the quotation.
	k := s.close + 1
	if d.toks[s.close-1].Text != "," {
		for k < hi && d.toks[k].Text != "," {
			if isDoubleQuote(d.toks[k].Text) || d.toks[k].Text == ";" {
				return nil
			}
			k++
		}
		k++
	}
	// "…,” though, Allen": skip a connective set off by commas.
	for k+1 < hi && (adverbs[d.low[k]] || d.low[k] == "though" || d.low[k] == "however") && d.toks[k+1].Text == "," {
		k += 2
	}
	if k >= hi {
		return nil
	}
	se := d.npForward(k, hi)
	if se <= k || se >= hi || !d.sourceOK(k, se, false) || !isWord(d.toks[se].Text) {
		return nil
	}
	return &attribution{cueS: c, cueE: e, srcS: k, srcE: se}
}

// possessor returns the owner of a cue used as a noun after a possessive
// and before the clause it reports, who is its source: "Trump’s claim that
// …", "the senator's statement that …"; or nil.
func (d *doc) possessor(cs, ce, lo int) *attribution {
	if ce-cs != 1 || cs-1 <= lo || ce >= len(d.toks) || d.low[ce] != "that" {
		return nil
	}
	if p := d.low[cs-1]; p != "'s" && p != "’s" {
		return nil
	}
	w := d.low[cs]
	if l := cueVerbs[w]; w != l && w != l+"s" {
		// Only a noun form: "claim", "claims", not "claimed".
		return nil
	}
	s := d.npBack1(cs, lo)
	if s >= cs-1 || !d.sourceOK(s, cs-1, false) {
		return nil
	}
	return &attribution{cueS: cs, cueE: ce, srcS: s, srcE: cs}
}

// cueBetween reports whether tokens [s, e) hold a speech verb or a
// quotation mark.
func (d *doc) cueBetween(s, e int) bool {
	for k := s; k < e; k++ {
		if isDoubleQuote(d.toks[k].Text) || d.cueAt(k, e) > k {
			return true
		}
	}
	return false
}

// personish reports whether tokens [s, e) name someone who can speak: a
// personal pronoun, a role noun, or (when entities are known) a person or
// organisation mention; without entities any capitalised word will do.
func (d *doc) personish(s, e int) bool {
	if e-s == 1 {
		switch d.low[s] {
		case "he", "she", "they", "we":
			return true
		case "it", "i", "you":
			return false
		}
	}
	if d.hasRole(s, e) {
		return true
	}
	for k := s; k < e; k++ {
		if d.hasEntities && d.agent[k] || !d.hasEntities && isCap(d.toks[k].Text) && k > s {
			return true
		}
	}
	return !d.hasEntities && isCap(d.toks[s].Text) && !determiners[d.low[s]]
}

// hasRole reports whether tokens [s, e) hold a role noun ("spokesman").
func (d *doc) hasRole(s, e int) bool {
	for k := s; k < e; k++ {
		if roleNouns[d.low[k]] || titleNouns[d.low[k]] {
			return true
		}
	}
	return false
}

// isUpperWord reports whether t is a word in capitals ("WASHINGTON").
func isUpperWord(t string) bool {
	n := 0
	for _, r := range t {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n > 1
}

// earlierSource returns an attribution for the cue [cs, ce) that borrows
// the source of an earlier, finite cue in the sentence ("“…,” Graham said,
// adding, “…"), or nil.
func (d *doc) earlierSource(cs, ce, lo int) *attribution {
	for j := cs - 1; j >= lo; j-- {
		if d.inQ[j] {
			continue
		}
		e := d.cueAt(j, cs)
		if e == j || d.low[j] == "according" || strings.HasSuffix(d.low[e-1], "ing") {
			continue
		}
		bb := j
		for bb > lo && adverbs[d.low[bb-1]] {
			bb--
		}
		if s := d.npBackward(bb, lo); s < bb {
			e2 := bb
			for e2 > s && d.toks[e2-1].Text == "," {
				e2--
			}
			if d.sourceOK(s, e2, false) {
				return &attribution{cueS: cs, cueE: ce, srcS: s, srcE: e2}
			}
		}
	}
	return nil
}

// introductory reports whether a sentence opening with w puts a phrase
// before its subject ("In Iowa, ...", "Holding signs, ...", "Instead, ...").
func introductory(w string) bool {
	return subordinators[w] || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "ly") ||
		w == "instead" || w == "still" || w == "yet" || w == "indeed"
}

// subordinators open a sentence with a clause or phrase before the subject.
var subordinators = map[string]bool{
	"although": true, "because": true, "despite": true, "for": true, "with": true, "by": true,
	"from": true, "to": true, "under": true, "over": true, "like": true, "unlike": true, "in": true,
	"on": true, "at": true, "after": true, "before": true, "when": true, "while": true, "as": true,
	"if": true, "since": true, "though": true, "during": true, "speaking": true, "asked": true,
	"earlier": true, "later": true, "last": true, "this": false, "following": true, "amid": true,
}

// subject returns the subject noun phrase of the sentence whose tokens run
// from lo, looking no further than hi: the first noun phrase, after any
// introductory phrase ending in a comma. It returns -1 when there is none.
func (d *doc) subject(lo, hi int) (int, int) {
	s := lo
	for s < hi && !isWord(d.toks[s].Text) && !d.inQ[s] {
		s++
	}
	// An introductory phrase: "In Iowa, ...", "Holding signs, ...",
	// "Instead, ...", a dateline "WASHINGTON (AFP) -".
	// Several in a row: "In June 2009, after Clinton suffered a
	// concussion, Axelrod emailed ...".
	for n := 0; s < hi && introductory(d.low[s]) && (n == 0 || subordinators[d.low[s]]) && n < 3; n++ {
		c := s
		for c < hi && d.toks[c].Text != "," && !d.inQ[c] {
			c++
		}
		if c >= hi {
			return -1, -1
		}
		s = c + 1
	}
	for k := s; k < hi && k-s < 6; k++ {
		if d.toks[k].Text == "(" && k+2 < hi && d.toks[k+2].Text == ")" && (k+3 < hi && (d.toks[k+3].Text == "-" || d.toks[k+3].Text == "—" || d.toks[k+3].Text == "–")) {
			s = k + 4
			break
		}
	}
	for s < hi && (sentenceStartFunction[d.low[s]] || d.toks[s].Text == ",") {
		s++
	}
	// A dateline: "WASHINGTON —", "LOUISVILLE, Ky. —".
	for k := s; k < hi && k-s < 5; k++ {
		if isDash(d.toks[k].Text) {
			if k > s && isUpperWord(d.toks[s].Text) {
				s = k + 1
			}
			break
		}
	}
	if s >= hi || d.inQ[s] {
		return -1, -1
	}
	if e := d.npForward(s, hi); e > s && e-s <= 12 && d.sourceOK(s, e, false) && !d.placeOnly(s, e) {
		if w := d.low[s]; pronouns[w] == "" && !isCap(d.toks[s].Text) && !determiners[w] && !(w == "former" || titleNouns[w] || roleNouns[w]) {
			return -1, -1
		}
		return s, e
	}
	return -1, -1
}

// frame is one quotation being built.
type frame struct {
	segs []seg
	kind string
	attr *attribution
	// content byte span for indirect quotes
	start, end int
}

func (d *doc) extract(entities []dossier.Entity) []dossier.Quote {
	segs := d.segments()
	d.segs = segs
	var frames []*frame
	var last *frame // the last direct quotation, for continuations
	for _, s := range segs {
		before := d.beforeAttribution(s.open)
		var after *attribution
		if s.closed {
			after = d.afterAttribution(s.close)
		}
		lo := d.first[s.firstS]
		atSentStart := s.open == lo
		// What precedes the mark in its sentence.
		prevTok := ""
		if s.open > lo {
			prevTok = d.toks[s.open-1].Text
		}
		clauseStart := atSentStart || prevTok == ":" || prevTok == "," || prevTok == "—" || prevTok == "-" || prevTok == "(" || before.found()
		// What follows the closing mark.
		hi := d.sentEnd(s.lstS)
		nextTok := ""
		if s.close+1 < hi && s.closed {
			nextTok = d.toks[s.close+1].Text
		}
		innerEnd := ""
		if s.close-1 > s.open {
			innerEnd = d.toks[s.close-1].Text
		}
		clauseEnd := !s.closed || nextTok == "" || nextTok == "," || nextTok == "." || nextTok == ":" || nextTok == ";" || nextTok == "—" || nextTok == "-" || nextTok == ")" ||
			innerEnd == "," || innerEnd == "." || innerEnd == "?" || innerEnd == "!" || after.found()
		words := d.words(s)
		// A one-word reply set off by a comma and a cue is speech, not a
		// title: "“Safety,” said Grimm. “Safety for the whole country.”"
		oneWordReply := words == 1 && atSentStart && innerEnd == "," && after.found() && after.cueE > after.cueS && after.srcS >= 0
		// An exclamation is a shout or a chant, not a title: "“USA! USA!”".
		title := (d.capitalisedTitle(s) || d.markup(s)) && !oneWordReply && innerEnd != "!"
		standalone := clauseStart && clauseEnd && !title
		// A paragraph that opened a quotation without closing it runs on
		// into this one: same quotation, whose attribution may come here.
		ownSource := after.found() && after.srcS >= 0 && last != nil && last.attr.found() && last.attr.srcS >= 0
		if last != nil && last.segs[len(last.segs)-1].continues && atSentStart && d.para[last.segs[len(last.segs)-1].lstS]+1 == d.para[s.firstS] && !ownSource {
			// (A paragraph with an attribution of its own, after one that
			// had its speaker, is a new quotation: "“...,” he continued.")
			d.directAt[s.open] = true
			last.segs = append(last.segs, s)
			if !last.attr.found() || last.attr.srcS < 0 {
				if a := after; a.found() {
					last.attr = a
				}
			}
			continue
		}
		if atSentStart && !title && !after.found() && !before.found() && d.continues(last, s) {
			d.directAt[s.open] = true
			last.segs = append(last.segs, s)
			continue
		}
		exclaim := innerEnd == "!" || innerEnd == "?"
		direct := standalone && (words >= 4 || words >= 2 && (after.found() || before.found()) || exclaim || oneWordReply)
		if !direct {
			// A fragment inside a sentence: a partial quotation.
			if words < 2 || title {
				continue
			}
			// A fragment does not keep the full stop of the sentence
			// around it.
			for s.end > s.start && strings.IndexByte(".,;:", d.text[s.end-1]) >= 0 {
				s.end--
			}
			f := &frame{segs: []seg{s}, kind: dossier.QuotePartial}
			f.attr = d.sentenceCue(s)
			if (!f.attr.found() || f.attr.cueE <= f.attr.cueS) && words < minUnattributedPartial {
				// Scare quotes: a short fragment nobody is said to have said.
				continue
			}
			d.partialAt[s.open] = true
			frames = append(frames, f)
			continue
		}
		d.directAt[s.open] = true
		a := after
		if !a.found() || (before.found() && before.srcS >= 0 && (a.srcS < 0)) {
			a = before
		}
		// A cue earlier in the sentence: "Ryan said it is unrealistic to
		// think that if the U.S. pulls back, “…”".
		if !a.found() && !atSentStart {
			if a = d.sentenceCue(s); a.found() && a.cueE > a.cueS {
				// Embedded in reported speech: a partial quotation, which
				// the indirect quotation around it covers.
				for s.end > s.start && strings.IndexByte(".,;:", d.text[s.end-1]) >= 0 {
					s.end--
				}
				d.partialAt[s.open] = true
				delete(d.directAt, s.open)
				frames = append(frames, &frame{segs: []seg{s}, kind: dossier.QuotePartial, attr: a})
				continue
			}
		}
		// A quotation without its own attribution continues the previous
		// one in the same or the previous paragraph.
		if !a.found() && d.continues(last, s) {
			last.segs = append(last.segs, s)
			continue
		}
		if !a.found() {
			a = d.contextAttribution(s)
		} else if a.srcS < 0 {
			// A cue without a source ("was quoted as saying:"): the speaker
			// is the one the context names.
			if c := d.contextAttribution(s); c.found() && c.srcS >= 0 {
				a = &attribution{cueS: a.cueS, cueE: a.cueE, srcS: c.srcS, srcE: c.srcE}
			}
		}
		// "“A,” he said, “B.”": one quotation split by its attribution.
		if last != nil && a.found() && last.attr.found() && a.cueE > a.cueS && a.cueS == last.attr.cueS {
			last.segs = append(last.segs, s)
			continue
		}
		f := &frame{segs: []seg{s}, kind: dossier.QuoteDirect, attr: a}
		frames = append(frames, f)
		last = f
	}
	frames = append(frames, d.indirect()...)
	frames = append(frames, d.claims()...)
	sort.SliceStable(frames, func(i, j int) bool { return frames[i].begin() < frames[j].begin() })
	res := newResolver(d, entities)
	quotes := make([]dossier.Quote, 0, len(frames))
	for _, f := range frames {
		quotes = append(quotes, d.toQuote(f, res))
	}
	return quotes
}

func (f *frame) begin() int {
	if len(f.segs) > 0 {
		return f.segs[0].start
	}
	return f.start
}

// continues reports whether the quotation s, which has no attribution of
// its own, continues the direct quotation last: in the same paragraph
// within two sentences, or opening the next paragraph right after it.
func (d *doc) continues(last *frame, s seg) bool {
	if last == nil {
		return false
	}
	prev := last.segs[len(last.segs)-1]
	if prev.close >= s.open {
		return false
	}
	samePara := d.para[prev.lstS] == d.para[s.firstS]
	atSentStart := s.open == d.first[s.firstS]
	if !samePara && s.continues {
		// A new multi-paragraph quotation, attributed further on.
		return false
	}
	nextPara := d.para[prev.lstS]+1 == d.para[s.firstS] && atSentStart &&
		(prev.continues || prev.lstS+1 == s.firstS)
	return (samePara || nextPara) && s.firstS-prev.lstS <= 2
}

// sentenceCue attributes a partial quotation through a cue in its own
// sentence ("Xi Jinping said that the relations have withstood “storms”").
func (d *doc) sentenceCue(s seg) *attribution {
	si := s.firstS
	lo, hi := d.first[si], d.sentEnd(si)
	for j := s.open - 1; j >= lo; j-- {
		if d.inQ[j] {
			continue
		}
		if e := d.cueAt(j, hi); e > j {
			if a := d.sourceFor(j, e, lo); a.found() && a.srcS >= 0 && !(a.srcE-a.srcS == 1 && d.low[a.srcS] == "it") {
				return a
			}
		}
	}
	// A headline: "Xi: Relations have withstood “storms and changes”".
	for k := lo; k < s.open && k-lo < 5; k++ {
		if d.toks[k].Text == ":" {
			if k > lo && d.sourceOK(lo, k, false) && isCap(d.toks[lo].Text) {
				return &attribution{cueS: k, cueE: k + 1, srcS: lo, srcE: k}
			}
			break
		}
		if !isCap(d.toks[k].Text) {
			break
		}
	}
	if a := d.openingParticiple(s); a != nil {
		return a
	}
	if s.closed {
		if a := d.afterAttribution(s.close); a.found() {
			return a
		}
	}
	// An attribution closing the sentence: "“Many would consider that an
	// embarrassment” if she lost, said David Wasserman, an analyst."
	if s.closed && s.open == lo {
		// The sentence holding the closing mark ends the quotation's.
		end := d.sentEnd(s.lstS)
		for end > lo && (d.toks[end-1].Text == "." || d.toks[end-1].Text == "!" || d.toks[end-1].Text == "?") {
			end--
		}
		if a := d.closingAttribution(s.close+1, end); a != nil {
			return a
		}
	}
	// No cue: the subject of the sentence ("Lewandowski ripped Comey for
	// acting as “the judge and the jury”").
	if ss, se := d.subject(lo, s.open); ss >= 0 {
		// "Jindal signed an order, while Huckabee proposed we “wake up
		// and smell the falafel”": the clause nearest the fragment.
		if cs, ce := d.clauseSubject(se, s.open); cs >= 0 {
			ss, se = cs, ce
		}
		if se-ss == 1 && d.low[ss] == "it" {
			// "It is strange that ...": no one.
			return nil
		}
		return &attribution{cueS: -1, cueE: -1, srcS: ss, srcE: se}
	}
	return nil
}

// contextAttribution attributes a quotation that has no cue in its own
// sentences: to the sentence before it, through its cue ("Trump said in a
// video:", "Xi spoke about ..., stating") or else its subject ("Viguerie is
// upbeat about Cruz's chances. “…”"). The subject alone gives a source
// without a cue.
func (d *doc) contextAttribution(s seg) *attribution {
	pi := s.firstS - 1
	if pi < 0 || d.para[s.firstS]-d.para[pi] > 1 {
		return nil
	}
	lo, hi := d.first[pi], d.sentEnd(pi)
	for j := hi - 1; j >= lo; j-- {
		if d.inQ[j] {
			continue
		}
		if e := d.cueAt(j, hi); e > j {
			if a := d.sourceFor(j, e, lo); a.found() && a.srcS >= 0 {
				return a
			}
		}
	}
	// The subject of the previous sentence.
	k := lo
	for k < hi && (sentenceStartFunction[d.low[k]] || !isWord(d.toks[k].Text)) {
		k++
	}
	if k < hi && (isCap(d.toks[k].Text) || pronouns[d.low[k]] == "m" || pronouns[d.low[k]] == "f") {
		if e := d.npForward(k, hi); e > k && d.sourceOK(k, e, false) && e-k <= 6 && d.personish(k, e) {
			// It must be followed by a verb-like word, not be a heading.
			if e < hi && !isCap(d.toks[e].Text) && isWord(d.toks[e].Text) {
				return &attribution{cueS: -1, cueE: -1, srcS: k, srcE: e}
			}
		}
	}
	// A sentence announcing the quotation with a colon: "In response,
	// Senator Roe issued the following statement:".
	if hi-1 > lo && d.toks[hi-1].Text == ":" {
		if ss, se := d.subject(lo, hi-1); ss >= 0 && d.personish(ss, se) {
			return &attribution{cueS: -1, cueE: -1, srcS: ss, srcE: se}
		}
	}
	return nil
}

// indirect finds reported speech outside quotation marks.
func (d *doc) indirect() []*frame {
	var frames []*frame
	for si := range d.sents {
		lo, hi := d.first[si], d.sentEnd(si)
		end := hi
		for end > lo && (d.toks[end-1].Text == "." || d.toks[end-1].Text == "!" || d.toks[end-1].Text == "?") {
			end--
		}
		if f := d.trailing(lo, end); f != nil {
			frames = append(frames, f)
			continue
		}
		for j := lo; j < end; j++ {
			if d.inQ[j] {
				continue
			}
			e := d.cueAt(j, end)
			if e == j {
				continue
			}
			lemma := d.cueLemma(j, e)
			if lemma == "according to" {
				if f := d.accordingTo(j, e, lo, end); f != nil {
					frames = append(frames, f)
					j = end
				}
				continue
			}
			strong := indirectCues[lemma]
			// The complement: "that CLAUSE", an object then "that", a
			// clause opening with a subject, or a phrase holding a partial
			// quotation ("described it as a “work in progress”").
			k := e
			for k < end && timeWords[d.low[k]] {
				k++
			}
			if lemma == "tell" {
				// "told reporters that", "told CNN on Sunday that"
				if oe := d.npForward(k, end); oe > k {
					k = oe
				}
			}
			// "said in a statement that", "said during the debate that"
			for m := k; m < end && m-k < 9 && !d.inQ[m] && d.toks[m].Text != ","; m++ {
				if d.low[m] == "that" {
					if m > k && (determiners[d.low[m-1]] || cueVerbs[d.low[m-1]] != "") {
						break
					}
					k = m
					break
				}
			}
			if k < end && (d.toks[k].Text == "," || d.toks[k].Text == ":") {
				k++
			}
			hasPartial, hasDirect := false, false
			for m := k; m < end; m++ {
				hasPartial = hasPartial || d.partialAt[m]
				hasDirect = hasDirect || d.directAt[m]
			}
			if hasDirect {
				continue
			}
			cs := -1
			switch {
			case k >= end:
			case d.low[k] == "that" && strong:
				cs = k
			case hasPartial:
				cs = k
			case strong && k == e && (pronounSubject[d.low[k]] || determiners[d.low[k]] && d.low[k] != "that"):
				cs = k
			}
			if cs < 0 || end-cs < 4 {
				continue
			}
			// A quotation that runs past the sentence end: end with it.
			cend := end
			for _, sg := range segsOf(d, cs, end) {
				if sg > cend {
					cend = sg
				}
			}
			a := d.sourceFor(j, e, lo)
			if a == nil || a.srcS < 0 {
				continue
			}
			if hasPartial {
				// "After Trump argued that ..., Rubio said only that his
				// “numbers don't add up.”": the quoted words belong to the
				// cue nearest before them.
				if b := d.nearerCue(e, end, lo); b != nil {
					a = b
				}
			}
			frames = append(frames, &frame{kind: dossier.QuoteIndirect, attr: a, start: d.toks[cs].Start, end: d.toks[cend-1].End})
			for m := cs; m < end; m++ {
				d.inQ[m] = true
			}
			j = end
		}
	}
	return frames
}

// nearerCue returns the attribution of the last speech verb between token
// from and the first partial quotation in tokens [from, end) of a sentence
// starting at lo, when that verb introduces reported speech and has a
// source of its own after from; or nil.
func (d *doc) nearerCue(from, end, lo int) *attribution {
	p := from
	for p < end && !d.partialAt[p] {
		p++
	}
	if p >= end {
		return nil
	}
	for j := p - 1; j > from; j-- {
		if d.inQ[j] {
			continue
		}
		e := d.cueAt(j, p)
		l := d.cueLemma(j, e)
		if e == j || !indirectCues[l] || l == "believe" || l == "think" || d.low[j] == "according" || strings.HasSuffix(d.low[e-1], "ing") {
			continue
		}
		// "Roe said he believes ...", "said that Smith says ...": a
		// clause reported by the first cue, whose speaker it keeps.
		if a := d.sourceFor(j, e, lo); a != nil && a.srcS > from && d.low[a.srcS-1] != "that" && d.low[a.srcS-1] != "if" {
			return a
		}
		return nil
	}
	return nil
}

// minUnattributedPartial is the least number of words of a partial
// quotation with no cue in its sentence; shorter ones are scare quotes.
const minUnattributedPartial = 5

// segsOf returns, for each partial quotation opening in tokens [s, e), the
// token index just past its closing mark.
func segsOf(d *doc, s, e int) []int {
	var out []int
	for k := s; k < e; k++ {
		if d.partialAt[k] {
			m := k + 1
			for m < len(d.toks) && m-k < 400 && !(isDoubleQuote(d.toks[m].Text) && d.inQ[m]) {
				m++
			}
			if m < len(d.toks) && m-k < 400 {
				out = append(out, m+1)
			}
		}
	}
	return out
}

// claims attributes sentences that quote a fragment without a speech verb
// to their subject: "Clinton accuses Sanders of an “artful smear”" gives
// the indirect quotation "Sanders of an “artful smear”" by Clinton, with
// the verb as its cue. The content runs from after the verb to the end of
// the clause holding the fragment.
func (d *doc) claims() []*frame {
	var frames []*frame
	done := -1
	for _, sg := range d.segs {
		if d.directAt[sg.open] || !sg.closed || sg.firstS == done || sg.firstS != sg.lstS {
			continue
		}
		si := sg.firstS
		lo, hi := d.first[si], d.sentEnd(si)
		if d.inQ[lo] && !d.partialAt[lo] {
			continue
		}
		covered := false
		for k := lo; k < sg.open; k++ {
			if d.inQ[k] && !d.partialAt[k] && !isDoubleQuote(d.toks[k].Text) {
				covered = true
				break
			}
		}
		if covered {
			continue
		}
		ss, se := d.subject(lo, sg.open)
		if ss < 0 {
			continue
		}
		// A later clause with a subject of its own speaks the fragment:
		// "He appeared rattled when Clinton accused him of an “artful
		// smear”".
		if cs, ce := d.clauseSubject(se, sg.open); cs >= 0 {
			ss, se = cs, ce
		}
		v := se
		for v < sg.open && (adverbs[d.low[v]] || d.toks[v].Text == ",") {
			v++
		}
		if v >= sg.open-1 || !isWord(d.toks[v].Text) || isCap(d.toks[v].Text) || stopWords[d.low[v]] && !adverbs[d.low[v]] {
			continue
		}
		// The clause ends at the first comma or semicolon after the
		// fragment, or at the sentence end.
		end := sg.close + 1
		for end < hi && d.toks[end].Text != ";" && !(d.toks[end].Text == "," && end > sg.close+1) && !(isDoubleQuote(d.toks[end].Text) && d.directAt[end]) {
			end++
		}
		for end > sg.close+1 && (d.toks[end-1].Text == "." || d.toks[end-1].Text == ",") {
			end--
		}
		a := &attribution{cueS: v, cueE: v + 1, srcS: ss, srcE: se}
		se2 := hi
		for se2 > lo && (d.toks[se2-1].Text == "." || d.toks[se2-1].Text == "!" || d.toks[se2-1].Text == "?") {
			se2--
		}
		if ca := d.closingAttribution(sg.close, se2); ca != nil {
			// "They want to “create an economy that works,” Sanders
			// said.": the sentence is reported speech of the speaker
			// named at its end.
			a = ca
		}
		frames = append(frames, &frame{kind: dossier.QuoteIndirect, attr: a, start: d.toks[v+1].Start, end: d.toks[end-1].End})
		for k := v + 1; k < end; k++ {
			d.inQ[k] = true
		}
		done = si
	}
	return frames
}

// clauseBoundary are words after which a new clause with its own subject
// may start.
var clauseBoundary = map[string]bool{
	",": true, "—": true, "–": true, "and": true, "but": true, "when": true, "after": true,
	"as": true, "while": true, "because": true, "though": true, "although": true, "before": true,
	"since": true, "where": true, ";": true,
}

// clauseSubject returns the subject of the last clause opening in tokens
// (from, to) at the sentence start or after a boundary word ("..., and he
// pronounced", "when Clinton accused"): a personal pronoun or a name or description of someone,
// followed by a lower-case word. It returns -1 when there is none.
func (d *doc) clauseSubject(from, to int) (int, int) {
	for b := to - 2; b > from; b-- {
		if !(d.first[d.sentOf[b]] == b || clauseBoundary[d.low[b-1]]) || d.inQ[b] {
			continue
		}
		w := d.low[b]
		if !(pronounSubject[w] && pronouns[w] != "" && w != "it" || isCap(d.toks[b].Text) && !sentenceStartFunction[w] && !monthNames[w] && !timeWords[w]) {
			continue
		}
		e := d.npForward(b, to)
		if e <= b || e >= to-1 || !d.sourceOK(b, e, false) || !d.personish(b, e) {
			continue
		}
		v := e
		if d.toks[e].Text == "," {
			// An apposition: "Mike Huckabee, the former governor, proposed".
			v = e + 1
			for v < to && v-e < 12 && d.toks[v].Text != "," && !d.inQ[v] {
				v++
			}
			v++
		}
		if v >= to {
			continue
		}
		if t := d.toks[v].Text; !isWord(t) || isCap(t) || stopWords[d.low[v]] && !adverbs[d.low[v]] {
			continue
		}
		return b, e
	}
	return -1, -1
}

// closingAttribution finds an attribution after the last comma of tokens
// [lo, end) that starts one: ", said X[, an apposition]" or ", X said[ in a
// statement]".
func (d *doc) closingAttribution(lo, end int) *attribution {
	for c := end - 2; c >= lo && end-c <= 30; c-- {
		comma := d.toks[c].Text == "," && !d.inQ[c] ||
			// ‘... a “strategic mistake,” Lichtman said’
			isDoubleQuote(d.toks[c].Text) && c > 0 && d.toks[c-1].Text == "," && d.markKind(c) <= 0
		if !comma {
			continue
		}
		i := c + 1
		if e := d.cueAt(i, end); e > i && indirectCues[d.cueLemma(i, e)] {
			if se := d.npForward(e, end); se > e && d.sourceOK(e, se, true) && (end-se <= 5 || d.toks[se].Text == ",") {
				return &attribution{cueS: i, cueE: e, srcS: e, srcE: se}
			}
			continue
		}
		for j := i + 1; j < end && j-i <= 8; j++ {
			e := d.cueAt(j, end)
			if e == j {
				if d.toks[j].Text == "," || isDoubleQuote(d.toks[j].Text) {
					break
				}
				continue
			}
			if !indirectCues[d.cueLemma(j, e)] || end-e > 6 {
				break
			}
			se := j
			for se > i && adverbs[d.low[se-1]] && !isCap(d.toks[se-1].Text) {
				se--
			}
			if d.sourceOK(i, se, true) && (isCap(d.toks[i].Text) || pronouns[d.low[i]] != "" || determiners[d.low[i]]) {
				return &attribution{cueS: j, cueE: e, srcS: i, srcE: se}
			}
			break
		}
	}
	return nil
}

// trailing finds reported speech attributed at the end of its sentence:
// "The economy is strong, the minister said." or "..., said the minister."
func (d *doc) trailing(lo, end int) *frame {
	for c := end - 2; c > lo+3 && end-c <= 16; c-- {
		if d.toks[c].Text != "," || d.inQ[c] {
			continue
		}
		// What follows the comma: a cue then a source, or a source, any
		// adverbs and a cue, then at most a short tail ("in a statement").
		i := c + 1
		var a *attribution
		if e := d.cueAt(i, end); e > i && indirectCues[d.cueLemma(i, e)] {
			if se := d.npForward(e, end); se > e && d.sourceOK(e, se, true) && end-se <= 5 {
				a = &attribution{cueS: i, cueE: e, srcS: e, srcE: se}
			}
		} else {
			for j := i + 1; j < end && j-i <= 12; j++ {
				e := d.cueAt(j, end)
				if e == j {
					continue
				}
				if !indirectCues[d.cueLemma(j, e)] || end-e > 5 {
					break
				}
				se := j
				for se > i && adverbs[d.low[se-1]] {
					se--
				}
				if d.sourceOK(i, se, true) && (isCap(d.toks[i].Text) || pronouns[d.low[i]] != "" || determiners[d.low[i]]) {
					a = &attribution{cueS: j, cueE: e, srcS: i, srcE: se}
				}
				break
			}
		}
		if a == nil {
			return nil
		}
		for k := lo; k < c; k++ {
			if d.directAt[k] || d.cueAt(k, c) > k && k > lo {
				// A direct quotation, or a clause with its own cue.
				return nil
			}
		}
		if d.inQ[lo] {
			return nil
		}
		for k := lo; k < end; k++ {
			d.inQ[k] = true
		}
		return &frame{kind: dossier.QuoteIndirect, attr: a, start: d.toks[lo].Start, end: d.toks[c-1].End}
	}
	return nil
}

// pronounSubject are words that open a reported clause without "that".
var pronounSubject = map[string]bool{
	"he": true, "she": true, "they": true, "we": true, "i": true, "it": true, "there": true,
	"his": true, "her": true, "their": true, "our": true, "this": true,
}

// accordingTo handles "According to X, CLAUSE" and "CLAUSE, according to X".
func (d *doc) accordingTo(cs, ce, lo, end int) *frame {
	se := d.npForward(ce, end)
	if se == ce {
		return nil
	}
	a := &attribution{cueS: cs, cueE: ce, srcS: ce, srcE: se}
	if cs == lo || cs == lo+1 && !isWord(d.toks[lo].Text) {
		// According to X, CLAUSE.
		k := se
		for k < end && d.toks[k].Text != "," {
			k++
		}
		if k+3 >= end {
			return nil
		}
		return &frame{kind: dossier.QuoteIndirect, attr: a, start: d.toks[k+1].Start, end: d.toks[end-1].End}
	}
	// CLAUSE, according to X.
	k := cs
	for k > lo && d.toks[k-1].Text == "," {
		k--
	}
	if k-lo < 3 {
		return nil
	}
	return &frame{kind: dossier.QuoteIndirect, attr: a, start: d.toks[lo].Start, end: d.toks[k-1].End}
}

// toQuote turns a frame into a Quote with its cue, source and speaker.
func (d *doc) toQuote(f *frame, res *resolver) dossier.Quote {
	var q dossier.Quote
	q.Kind = f.kind
	if len(f.segs) > 0 {
		q.Start, q.End = f.segs[0].start, f.segs[len(f.segs)-1].end
		if len(f.segs) == 1 {
			q.Text = d.text[q.Start:q.End]
		} else {
			parts := make([]string, len(f.segs))
			for i, s := range f.segs {
				q.Parts = append(q.Parts, dossier.Span{Start: s.start, End: s.end, Text: d.text[s.start:s.end]})
				parts[i] = d.text[s.start:s.end]
			}
			q.Text = strings.Join(parts, " ")
		}
	} else {
		q.Start, q.End = f.start, f.end
		q.Text = d.text[q.Start:q.End]
	}
	if a := f.attr; a.found() {
		if a.cueE > a.cueS {
			q.Cue = d.span(a.cueS, a.cueE)
		}
		if a.srcS >= 0 && a.srcE > a.srcS {
			q.Source = d.span(a.srcS, a.srcE)
			q.Speaker, q.SpeakerEntity = res.resolve(a.srcS, a.srcE)
		}
	}
	return q
}

func (d *doc) span(s, e int) *dossier.Span {
	a, b := d.toks[s].Start, d.toks[e-1].End
	return &dossier.Span{Start: a, End: b, Text: d.text[a:b]}
}
