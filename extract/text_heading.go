package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Subheadings in scraped plain text often lose their line break and end up
// glued onto the paragraph they introduce: "Joint Statement After today's
// talks, ..." GluedHeading finds such a heading from general evidence, not
// from a list of known headings:
//
//   - the heading is a short run (2 to 10 words, at most 70 bytes) that
//     starts with a capitalised word that is not a function word, and holds
//     no punctuation a sentence would (commas, colons, full stops, quotes,
//     brackets) and no possessive;
//   - it is either all capitalised (Title Case) or sentence case ending in
//     a lower-case word, and it does not end in a function word ("of",
//     "said") or in a title that introduces a name ("President", "leader");
//   - the body after it starts a real sentence: a capitalised word followed
//     by a lower-case word (or by a name after a preposition: "In London"),
//     going on for at least six words to a sentence end, and not in Title
//     Case throughout (a headline such as "Trump Stands Tall On Proposal
//     For Border Wall" is one line, not a heading and a sentence);
//   - and one of two things marks the boundary:
//     (1) the body starts with a closed-class sentence opener ("The",
//     "After", "In", "This", ...), which inside a sentence is written in
//     lower case; or
//     (2) the heading is in Title Case with plain words (no digits or inner
//     capitals, as in "G4S" or "McDonald"), its last word comes back in lower
//     case in the body ("Ceremonial Welcome Xi personally welcomed ...")
//     and none of its words comes back capitalised: headings name what the
//     paragraph is about, while a capitalised run in running text is
//     usually a name ("Guitarist Brian May"), whose words recur
//     capitalised and not in lower case.
//
// The candidate closest to the start wins. TestGluedHeadingBBC measures
// how rarely it fires on ordinary news paragraphs.

// GluedHeading returns the byte length of a subheading glued onto the start
// of paragraph p (p[:n] is the heading, p[n:] the body, both to be
// trimmed), or 0 when p does not start with one.
func GluedHeading(p string) int {
	words := wordSpans(p, 13)
	if len(words) < 9 || !endsSentence(p) {
		return 0
	}
	first := p[words[0].start:words[0].end]
	lfirst := strings.ToLower(first)
	if !cleanHeadingWord(first) || isPossessive(first) || !startsUpper(first) ||
		(functionWords[lfirst] || sentenceOpeners[lfirst]) && !headingStarters[lfirst] {
		return 0
	}
	for k := 2; k <= 10 && k+1 < len(words); k++ {
		prev := p[words[k-1].start:words[k-1].end]
		if !cleanHeadingWord(prev) || isPossessive(prev) {
			return 0 // no heading can extend past punctuation or a possessive
		}
		if k-1 > 0 && startsUpper(prev) && functionWords[strings.ToLower(prev)] {
			return 0 // "The" inside a capitalised run: the title of a work
		}
		if words[k-1].end-words[0].start > 70 {
			return 0
		}
		w := p[words[k].start:words[k].end]
		next := p[words[k+1].start:words[k+1].end]
		lw := strings.ToLower(w)
		if !startsUpper(w) || !(startsLower(next) || prepositionOpeners[lw] && startsUpper(next)) {
			continue
		}
		heading := p[:words[k-1].end]
		lprev := strings.ToLower(prev)
		if !headingShape(heading) || functionWords[lprev] || nameTitles[lprev] {
			continue
		}
		titleCase := allCapitalised(heading)
		if !titleCase && !startsLower(prev) {
			continue // a sentence-case run ending in a name goes on into w
		}
		body := p[words[k].start:]
		if len(strings.Fields(body)) < 6 {
			return 0
		}
		if titleCased(body) {
			return 0 // a headline in Title Case throughout, not heading + sentence
		}
		if sentenceOpeners[lw] {
			return words[k].start
		}
		if titleCase && utf8.RuneCountInString(prev) >= 4 && !hasOddCaps(heading) && recursLower(prev, body) &&
			!recursCapitalised(heading, p[words[k+1].start:]) {
			return words[k].start
		}
	}
	return 0
}

// titleCased reports whether most of the first eight words of s after
// the first start with a capital letter, as in a headline.
func titleCased(s string) bool {
	n, caps := 0, 0
	for i, w := range strings.Fields(s) {
		if i == 0 {
			continue
		}
		if i > 8 {
			break
		}
		n++
		if startsUpper(w) || startsUpper(strings.TrimLeft(w, "'‘\"“(")) {
			caps++
		}
	}
	return n > 0 && caps*2 > n
}

// hasOddCaps reports whether a word of h has a digit or a capital letter
// after its first letter (G4S, McDonald, iPhone): names, not heading words.
func hasOddCaps(h string) bool {
	for w := range strings.FieldsSeq(h) {
		for i, r := range w {
			if unicode.IsDigit(r) || (i > 0 && unicode.IsUpper(r)) {
				return true
			}
		}
	}
	return false
}

// isPossessive reports whether w ends in 's or ’s.
func isPossessive(w string) bool {
	return strings.HasSuffix(w, "'s") || strings.HasSuffix(w, "’s")
}

// allCapitalised reports whether every word of h starts with a capital
// letter or a digit.
func allCapitalised(h string) bool {
	for w := range strings.FieldsSeq(h) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// SpacedHeading returns the byte length of a subheading set off from the
// start of paragraph p by a run of two or more spaces or a tab, where a
// scraper replaced the heading's line break ("Don't hold your breath  Just
// when we thought..."), or 0. The heading is 1 to 12 words and at most 80
// bytes, starts with a capital, a digit or a quote, and does not end like
// a sentence or clause (".", ",", ":", ";": a double space after a full
// stop is old typewriter spacing) or in a function word; the body runs on
// for six words or more and starts with a capitalised sentence opener
// ("The", "It", "Just", "First"), since a stray double space before a name
// ("either  Mrs. Clinton") is common.
func SpacedHeading(p string) int {
	limit := min(len(p), 82)
	i := strings.Index(p[:limit], "  ")
	if t := strings.IndexByte(p[:limit], '\t'); t >= 0 && (i < 0 || t < i) {
		i = t
	}
	if i <= 0 {
		return 0
	}
	j := i
	for j < len(p) && (p[j] == ' ' || p[j] == '\t') {
		j++
	}
	head, body := strings.TrimSpace(p[:i]), p[j:]
	words := strings.Fields(head)
	if len(words) == 0 || len(words) > 12 || len(head) > 80 || len(strings.Fields(body)) < 6 {
		return 0
	}
	first, _ := utf8.DecodeRuneInString(strings.TrimLeft(head, "'‘\"“"))
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) {
		return 0
	}
	last, _ := utf8.DecodeLastRuneInString(head)
	if strings.ContainsRune(".,:;-–—(", last) {
		return 0
	}
	lw := strings.ToLower(strings.TrimRight(words[len(words)-1], "'’\"”"))
	if functionWords[lw] || nameTitles[lw] {
		return 0
	}
	bw := strings.TrimFunc(strings.Fields(body)[0], func(r rune) bool { return !unicode.IsLetter(r) })
	if !startsUpper(bw) || !(sentenceOpeners[strings.ToLower(bw)] || spacedOpeners[strings.ToLower(bw)]) {
		return 0 // a double space before a name is a typo more often than a heading
	}
	return j
}

// spacedOpeners are further words that start the first sentence after a
// heading.
var spacedOpeners = setOf("just", "first", "now", "so", "yet", "still", "then", "here", "what", "why", "how")

// IsHeading reports whether a standalone paragraph looks like a subheading:
// short, starting with a capital letter or digit, and without the
// punctuation that ends a sentence or continues one.
func IsHeading(p string) bool {
	p = strings.TrimSpace(p)
	if p == "" || len(p) > 100 {
		return false
	}
	n := len(strings.Fields(p))
	if n == 0 || n > 12 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(p)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(p)
	if strings.ContainsRune(".!?,;:\"'”’…-–—", last) {
		return false
	}
	if strings.ContainsAny(p, "\"“”,;:()[]") {
		return false
	}
	// A single capitalised word or a run of names is more likely a
	// dateline or byline than a heading; require two words or a digit.
	return n >= 2
}

// markHeadings flags the standalone subheadings among paragraphs: a
// heading-like paragraph that introduces a real body paragraph and does not
// itself follow another heading-like one (short lines in a row are a list,
// such as fixtures or results, not headings).
func markHeadings(paras []string) []bool {
	like := make([]bool, len(paras))
	for i, p := range paras {
		like[i] = IsHeading(p)
	}
	out := make([]bool, len(paras))
	for i := range paras {
		if !like[i] || i+1 >= len(paras) || like[i+1] || (i > 0 && like[i-1]) {
			continue
		}
		next := paras[i+1]
		out[i] = endsSentence(next) && len(strings.Fields(next)) >= 12
	}
	return out
}

type wspan struct{ start, end int }

// wordSpans returns the byte spans of up to max space-separated words.
func wordSpans(s string, max int) []wspan {
	var out []wspan
	i := 0
	for i < len(s) && len(out) < max {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		if i >= len(s) {
			break
		}
		j := i
		for j < len(s) && s[j] != ' ' {
			j++
		}
		out = append(out, wspan{i, j})
		i = j
	}
	return out
}

// cleanHeadingWord reports whether w may stand inside a heading: letters,
// digits, and inner apostrophes, hyphens, ampersands or slashes only.
func cleanHeadingWord(w string) bool {
	if w == "&" || w == "-" || w == "–" {
		return true
	}
	for i, r := range w {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
		case (r == '\'' || r == '’' || r == '-' || r == '/' || r == '&') && i > 0 && i+utf8.RuneLen(r) < len(w):
		default:
			return false
		}
	}
	return true
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func startsLower(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsLower(r)
}

// headingShape reports whether h is cased like a heading: it starts with a
// capital, is not all capitals (shouting or acronyms), and is either
// sentence case or Title Case.
func headingShape(h string) bool {
	if !startsUpper(h) {
		return false
	}
	letters, upper := 0, 0
	for _, r := range h {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return letters >= 4 && upper*2 < letters
}

// isTitleCase reports whether every word of h with four or more letters
// is capitalised and h has at least one such word.
func isTitleCase(h string) bool {
	content := 0
	for w := range strings.FieldsSeq(h) {
		if utf8.RuneCountInString(w) < 4 || functionWords[strings.ToLower(w)] {
			continue
		}
		if !startsUpper(w) {
			return false
		}
		content++
	}
	return content >= 1
}

// recursLower reports whether a content word of heading (four letters or
// more) recurs in body written in lower case, matching on a shared prefix
// of five letters (so "Welcome" matches "welcomed").
func recursLower(heading, body string) bool {
	for hw := range strings.FieldsSeq(heading) {
		lw := strings.ToLower(hw)
		if utf8.RuneCountInString(lw) < 4 || functionWords[lw] {
			continue
		}
		stem := prefixRunes(lw, 5)
		for bw := range strings.FieldsSeq(body) {
			bw = strings.TrimFunc(bw, func(r rune) bool { return !unicode.IsLetter(r) })
			if !startsLower(bw) {
				continue
			}
			if len(stem) < len(lw) && strings.HasPrefix(bw, stem) {
				return true
			}
			if bw == lw || bw == lw+"s" || lw == bw+"s" {
				return true
			}
		}
	}
	return false
}

// recursCapitalised reports whether a content word of heading appears
// capitalised in rest, as the words of a name do when it is repeated.
func recursCapitalised(heading, rest string) bool {
	for hw := range strings.FieldsSeq(heading) {
		if utf8.RuneCountInString(hw) < 4 || functionWords[strings.ToLower(hw)] {
			continue
		}
		for bw := range strings.FieldsSeq(rest) {
			bw = strings.TrimFunc(bw, func(r rune) bool { return !unicode.IsLetter(r) })
			if bw == hw || bw == hw+"s" || bw+"s" == hw {
				return true
			}
		}
	}
	return false
}

func prefixRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// sentenceOpeners are closed-class words that often start a sentence and,
// inside one, are written in lower case.
var sentenceOpeners = setOf(
	"the", "a", "an", "this", "these", "those", "after", "before", "in", "on",
	"at", "during", "since", "while", "when", "although", "though", "according",
	"it", "he", "she", "they", "we", "its", "his", "her", "their", "our", "but",
	"however", "earlier", "later", "today", "yesterday", "meanwhile", "there",
	"following", "despite", "some", "many", "most", "both", "several", "under",
	"for", "with", "as", "by", "from", "if", "once", "until", "last", "next",
)

// headingStarters are function words that often start a heading ("What
// happens next", "Why it matters").
var headingStarters = setOf("what", "why", "how", "who")

// prepositionOpeners are sentence openers that are often followed by a
// name ("In London, ..."), so the word after them may be capitalised.
var prepositionOpeners = setOf(
	"after", "before", "in", "on", "at", "during", "since", "under", "for",
	"with", "by", "from", "following", "despite", "according", "when", "while",
)

// functionWords may not end a heading: a phrase ending in one continues.
var functionWords = setOf(
	"a", "an", "the", "of", "to", "in", "on", "at", "for", "with", "by", "from",
	"and", "or", "but", "nor", "as", "than", "that", "which", "who", "whom",
	"whose", "is", "are", "was", "were", "be", "been", "being", "has", "have",
	"had", "do", "does", "did", "will", "would", "can", "could", "should", "may",
	"might", "must", "shall", "its", "his", "her", "their", "our", "my", "your",
	"into", "onto", "about", "over", "under", "after", "before", "between",
	"said", "says", "say", "told", "tells", "tell", "added", "asked", "wrote",
	"called", "named", "dubbed", "titled", "entitled", "like", "including",
	"via", "per", "said:", "not", "no", "so", "if", "then", "also", "new",
	"film", "movie", "album", "book", "song", "single", "show", "series",
	"newspaper", "magazine", "paper", "programme", "program", "band", "novel",
	"play", "game", "musical", "website", "channel", "station", "group", "firm",
	"company", "team", "club", "side", "party", "brand", "label", "all",
	"where", "when", "how", "why", "what", "while", "whether", "former", "ex",
	"either", "even", "only", "just",
)

// nameTitles are words that commonly stand right before a person's name.
var nameTitles = setOf(
	"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lord", "lady", "rev",
	"president", "minister", "secretary", "chancellor", "leader", "chief",
	"chairman", "chairwoman", "chair", "boss", "manager", "coach", "captain",
	"king", "queen", "prince", "princess", "general", "governor", "senator",
	"mayor", "judge", "director", "spokesman", "spokeswoman", "spokesperson",
	"editor", "ambassador", "pope", "premier", "commissioner", "officer",
	"executive", "star", "striker", "singer", "actor", "actress", "champion",
	"player", "midfielder", "defender", "keeper", "goalkeeper", "winger",
	"forward", "rival", "partner", "founder", "deputy", "analyst", "economist",
	"professor", "author", "writer", "producer", "presenter", "host", "colleague",
	"counterpart", "envoy", "official", "head", "sister", "brother", "wife",
	"husband", "son", "daughter", "father", "mother", "champ", "owner",
	"chef", "designer", "rapper", "musician", "comedian", "veteran", "opponent",
)

func setOf(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
