package brief

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a byte range of a text.
type span struct{ start, end int }

// sentences splits text into sentence spans: a sentence ends at . ! or ?
// (optionally followed by a closing quote) before white space and a capital
// letter, digit or opening quote, or at a paragraph break. Good enough for
// grouping; the NLP stages have the real tokenizer.
func sentences(text string) []span {
	var out []span
	start := 0
	emit := func(end int) {
		s, e := start, end
		for s < e && isSpace(text[s]) {
			s++
		}
		for e > s && isSpace(text[e-1]) {
			e--
		}
		if e > s {
			out = append(out, span{s, e})
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '\n' && i+1 < len(text) && text[i+1] == '\n' {
			emit(i)
			start = i + 2
			i++
			continue
		}
		if c != '.' && c != '!' && c != '?' {
			continue
		}
		j := i + 1
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if r == '"' || r == '\'' || r == '”' || r == '’' || r == ')' {
				j += n
				continue
			}
			break
		}
		if j >= len(text) || !isSpace(text[j]) {
			continue
		}
		k := j
		for k < len(text) && text[k] == ' ' {
			k++
		}
		if k < len(text) {
			r, _ := utf8.DecodeRuneInString(text[k:])
			if !(unicode.IsUpper(r) || unicode.IsDigit(r) || r == '"' || r == '“' || r == '‘' || r == '\n') {
				continue
			}
		}
		if c == '.' && abbreviation(text[:i]) {
			continue
		}
		emit(j)
		start = j
	}
	emit(len(text))
	return out
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }

var abbreviations = map[string]bool{"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "prof": true, "gen": true, "sen": true, "rep": true, "gov": true, "lt": true, "col": true, "sgt": true, "jr": true, "sr": true, "inc": true, "co": true, "corp": true, "ltd": true, "vs": true, "u.s": true, "u.k": true, "no": true}

// abbreviation reports whether the text before a full stop ends with a
// common abbreviation or a single letter (an initial).
func abbreviation(before string) bool {
	i := strings.LastIndexAny(before, " \n(")
	w := strings.ToLower(before[i+1:])
	return len(w) == 1 || abbreviations[w]
}

// sentenceIndex returns the index of the sentence holding offset, or -1.
func sentenceIndex(sents []span, off int) int {
	i := sort.Search(len(sents), func(i int) bool { return sents[i].end > off })
	if i < len(sents) && sents[i].start <= off {
		return i
	}
	return -1
}

// sentenceAt returns the sentence holding offset, or a window around it.
func sentenceAt(text string, sents []span, off int) string {
	if i := sentenceIndex(sents, off); i >= 0 {
		return text[sents[i].start:sents[i].end]
	}
	s, e := max(0, off-100), min(len(text), off+100)
	for s > 0 && !utf8.RuneStart(text[s]) {
		s--
	}
	for e < len(text) && !utf8.RuneStart(text[e]) {
		e++
	}
	return strings.TrimSpace(text[s:e])
}

// validSpan reports whether [start, end) is a non-empty range of text on
// rune boundaries.
func validSpan(text string, start, end int) bool {
	return start >= 0 && end <= len(text) && start < end &&
		utf8.RuneStart(text[start]) && (end == len(text) || utf8.RuneStart(text[end]))
}

// clip shortens s to at most n bytes at a word boundary, adding "…".
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > n/2 {
		cut = i
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

// lead returns the start of text, clipped to n bytes.
func lead(text string, n int) string { return clip(text, n) }

func itoa(n int) string { return strconv.Itoa(n) }

// round rounds x to the given number of decimals, so JSON output is stable.
func round(x float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(x*p) / p
}
