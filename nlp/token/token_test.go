package token

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func texts(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens joined by "|"
	}{
		{"Putin's visit", "Putin|'s|visit"},
		{"Putin’s visit", "Putin|’s|visit"},
		{"They don't know", "They|do|n't|know"},
		{"We can’t, we won't.", "We|ca|n’t|,|we|wo|n't|."},
		{"they're here", "they|'re|here"},
		{"O'Brien said", "O'Brien|said"},
		{"the Russia-China forum", "the|Russia-China|forum"},
		{"a well-known co-founder", "a|well-known|co-founder"},
		{"a record $240 billion.", "a|record|$|240|billion|."},
		{"£1.5bn and €3 million", "£|1.5bn|and|€|3|million"},
		{"US$5 and ¥100", "US|$|5|and|¥|100"},
		{"1,000,000 people, 3.14 pi", "1,000,000|people|,|3.14|pi"},
		{"10-20% rise", "10-20|%|rise"},
		{"up 12%.", "up|12|%|."},
		{`"storms and changes"`, `"|storms|and|changes|"`},
		{"“storms and changes.”", "“|storms|and|changes|.|”"},
		{"the U.S. economy", "the|U.S.|economy"},
		{"Mr. Smith and Dr. Jones", "Mr.|Smith|and|Dr.|Jones"},
		{"J. K. Rowling", "J.|K.|Rowling"},
		{"on Jan. 5", "on|Jan.|5"},
		{"St. Petersburg", "St.|Petersburg"},
		{"in Ill. today", "in|Ill.|today"},
		{"I feel ill.", "I|feel|ill|."},
		{"No. 1 seed, said no.", "No.|1|seed|,|said|no|."},
		{"see https://example.com/a?b=1.", "see|https://example.com/a?b=1|."},
		{"(www.bbc.co.uk)", "(|www.bbc.co.uk|)"},
		{"mail john.doe@example.org, now", "mail|john.doe@example.org|,|now"},
		{"wait... what -- now", "wait|...|what|--|now"},
		{"AT&T and 24/7 news", "AT&T|and|24/7|news"},
		{"e.g. this", "e.g.|this"},
		{"it ended.Then", "it|ended.Then"},
		{"the dogs' bowls", "the|dogs|'|bowls"},
		{"", ""},
	}
	for _, tt := range tests {
		got := strings.Join(texts(Tokenize(tt.in)), "|")
		if got != tt.want {
			t.Errorf("Tokenize(%q)\n got  %s\n want %s", tt.in, got, tt.want)
		}
	}
}

func TestTokenOffsets(t *testing.T) {
	text := "Xi: Relations have withstood “storms and changes” — $240 billion."
	for _, tok := range Tokenize(text) {
		if text[tok.Start:tok.End] != tok.Text {
			t.Errorf("token %q has offsets [%d,%d) = %q", tok.Text, tok.Start, tok.End, text[tok.Start:tok.End])
		}
	}
}

func sentenceTexts(text string) []string {
	var out []string
	for _, s := range Sentences(text) {
		out = append(out, text[s.Start:s.End])
	}
	return out
}

func TestSentences(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"Mr. Smith went to Washington. He met Dr. Jones.",
			[]string{"Mr. Smith went to Washington.", "He met Dr. Jones."}},
		{"He lives in the U.S. The economy grew 3.5 percent.",
			[]string{"He lives in the U.S.", "The economy grew 3.5 percent."}},
		{"The U.S. Senate voted. J. K. Rowling wrote.",
			[]string{"The U.S. Senate voted.", "J. K. Rowling wrote."}},
		{"“We agree,” he said. “It is good.” Then he left.",
			[]string{"“We agree,” he said.", "“It is good.”", "Then he left."}},
		{"\"We agree.\" He left.", []string{"\"We agree.\"", "He left."}},
		{"Title without a stop\n\nFirst paragraph. Second one!\n\nThird",
			[]string{"Title without a stop", "First paragraph.", "Second one!", "Third"}},
		{"Jeb! was better. On Jan. 5 he spoke.", []string{"Jeb! was better.", "On Jan. 5 he spoke."}},
		{"It costs $1.5 million. (Really.) Yes.", []string{"It costs $1.5 million.", "(Really.)", "Yes."}},
		{"", nil},
	}
	for _, tt := range tests {
		got := sentenceTexts(tt.in)
		if strings.Join(got, "\x00") != strings.Join(tt.want, "\x00") {
			t.Errorf("Sentences(%q)\n got  %q\n want %q", tt.in, got, tt.want)
		}
	}
}

func TestSentenceTokens(t *testing.T) {
	text := "One two. Three four five."
	sents := Sentences(text)
	if len(sents) != 2 || len(sents[0].Tokens) != 3 || len(sents[1].Tokens) != 4 {
		t.Fatalf("Sentences(%q) = %+v", text, sents)
	}
}

// checkTokens verifies the invariants every tokenization must keep.
func checkTokens(t *testing.T, text string, toks []Token) {
	t.Helper()
	prev := 0
	for _, tok := range toks {
		if tok.Start < prev || tok.End <= tok.Start || tok.End > len(text) {
			t.Fatalf("bad offsets [%d,%d) after %d in %q", tok.Start, tok.End, prev, text)
		}
		if text[tok.Start:tok.End] != tok.Text {
			t.Fatalf("token text %q != text[%d:%d]", tok.Text, tok.Start, tok.End)
		}
		if strings.TrimSpace(text[prev:tok.Start]) != "" && utf8.ValidString(text) {
			t.Fatalf("non-space text %q dropped before token %q", text[prev:tok.Start], tok.Text)
		}
		if !utf8.ValidString(tok.Text) && utf8.ValidString(text) {
			t.Fatalf("token %q splits a rune", tok.Text)
		}
		prev = tok.End
	}
}

func FuzzTokenize(f *testing.F) {
	for _, s := range []string{"Mr. Smith's $1,000.5 U.S. don't “quote.”", "a\n\nb. C", "x@y.z http://a.b/c.", ".5 ...--", "\xff'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text)
		checkTokens(t, text, toks)
		n := 0
		prevEnd := 0
		for _, s := range Split(text, toks) {
			if s.Start < prevEnd || s.End < s.Start || len(s.Tokens) == 0 {
				t.Fatalf("bad sentence %+v", s)
			}
			n += len(s.Tokens)
			prevEnd = s.End
		}
		if n != len(toks) {
			t.Fatalf("sentences hold %d tokens, want %d", n, len(toks))
		}
	})
}

func TestLower(t *testing.T) {
	for in, want := range map[string]string{"said": "said", "Said": "said", "ÉTAT": "état", "": ""} {
		if got := Lower(in); got != want {
			t.Errorf("Lower(%q) = %q, want %q", in, got, want)
		}
	}
}
