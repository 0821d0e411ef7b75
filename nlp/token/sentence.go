package token

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence: its half-open byte span in the text and its
// tokens.
type Sentence struct {
	Start  int     // byte offset of the first token
	End    int     // byte offset just past the last token
	Tokens []Token // the sentence's tokens, in order
}

// Sentences splits text into sentences of tokens.
func Sentences(text string) []Sentence {
	return Split(text, Tokenize(text))
}

// Split groups toks, the tokens of text in order (as Tokenize returns
// them), into sentences. The sentences share toks' backing array.
func Split(text string, toks []Token) []Sentence {
	if len(toks) == 0 {
		return nil
	}
	sents := make([]Sentence, 0, len(toks)/20+1)
	begin := 0
	for k := 0; k < len(toks); k++ {
		if k+1 < len(toks) && paragraphBreak(text, toks[k].End, toks[k+1].Start) {
			sents = appendSentence(sents, toks[begin:k+1])
			begin = k + 1
			continue
		}
		if !terminal(toks[k].Text) {
			continue
		}
		// Closing quotes and brackets after the final punctuation belong to
		// the sentence it ends.
		end := k
		for end+1 < len(toks) && closer(text, toks[end+1]) && !paragraphBreak(text, toks[end].End, toks[end+1].Start) {
			end++
		}
		if end+1 >= len(toks) {
			k = end
			break
		}
		if paragraphBreak(text, toks[end].End, toks[end+1].Start) || endsSentence(text, toks[k], toks[end+1]) {
			sents = appendSentence(sents, toks[begin:end+1])
			begin = end + 1
		}
		k = end
	}
	if begin < len(toks) {
		sents = appendSentence(sents, toks[begin:])
	}
	return sents
}

func appendSentence(sents []Sentence, toks []Token) []Sentence {
	return append(sents, Sentence{Start: toks[0].Start, End: toks[len(toks)-1].End, Tokens: toks[:len(toks):len(toks)]})
}

// paragraphBreak reports whether the gap text[a:b] between two tokens holds
// a blank line.
func paragraphBreak(text string, a, b int) bool {
	if b-a < 2 {
		return false
	}
	gap := text[a:b]
	first := strings.IndexByte(gap, '\n')
	if first < 0 {
		return false
	}
	second := strings.IndexByte(gap[first+1:], '\n')
	if second < 0 {
		return false
	}
	return strings.TrimSpace(gap[first+1:first+1+second]) == ""
}

// terminal reports whether a token may end a sentence: final punctuation,
// or an abbreviation whose period may double as the full stop.
func terminal(t string) bool {
	switch t {
	case ".", "!", "?", "...", "…", "?!", "!?":
		return true
	}
	return len(t) > 1 && t[len(t)-1] == '.'
}

// closer reports whether tok is a closing quotation mark or bracket.
func closer(text string, tok Token) bool {
	switch tok.Text {
	case ")", "]", "}", "”", "’", "»":
		return true
	case "\"", "'":
		// A straight quote closes when nothing separates it from the
		// preceding token.
		return tok.Start > 0 && !isSpace(lastRune(text, tok.Start))
	}
	return false
}

// endsSentence decides whether the terminal token t, followed (after any
// closers) by next, ends a sentence.
func endsSentence(text string, t, next Token) bool {
	r, _ := utf8.DecodeRuneInString(next.Text)
	upper := unicode.IsUpper(r) || unicode.IsDigit(r) || opener(r)
	if len(t.Text) > 1 && t.Text[len(t.Text)-1] == '.' && t.Text != "..." {
		// An abbreviation: "Mr." and initials never end a sentence; others
		// ("U.S.", "Inc.") do only before a typical sentence opener.
		w := t.Text[:len(t.Text)-1]
		if abbrevClass(w) == titleAbbrev {
			return false
		}
		return upper && opensSentence(next.Text)
	}
	if t.Text == "..." || t.Text == "…" {
		return upper && unicode.IsUpper(r) && opensSentence(next.Text)
	}
	return upper
}

// opener reports whether r opens a quotation or bracket.
func opener(r rune) bool {
	switch r {
	case '"', '“', '‘', '\'', '(', '[', '«', '—', '-':
		return true
	}
	return false
}

// sentenceOpeners are capitalised words that typically start a sentence
// and rarely follow an abbreviation inside one.
var sentenceOpeners = map[string]bool{
	"The": true, "A": true, "An": true, "He": true, "She": true, "It": true, "They": true, "We": true,
	"I": true, "You": true, "But": true, "And": true, "In": true, "On": true, "At": true, "This": true,
	"That": true, "These": true, "Those": true, "There": true, "His": true, "Her": true, "Their": true,
	"Its": true, "Our": true, "My": true, "If": true, "When": true, "While": true, "After": true,
	"Before": true, "As": true, "For": true, "So": true, "Yet": true, "Still": true, "However": true,
	"Meanwhile": true, "Now": true, "Then": true, "What": true, "Why": true, "How": true, "Who": true,
	"Some": true, "Many": true, "Most": true, "Officials": true, "Since": true, "Although": true,
}

func opensSentence(w string) bool {
	if sentenceOpeners[w] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(w)
	return opener(r)
}
