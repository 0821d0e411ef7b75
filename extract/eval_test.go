package extract

import (
	"math"
	"slices"
	"testing"
)

func TestTokens(t *testing.T) {
	cases := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"Hello, world!", []string{"Hello", "world"}},
		{"snake_case 3.14 — Путин сказал", []string{"snake_case", "3", "14", "Путин", "сказал"}},
		{"日本語 テキスト", []string{"日本語", "テキスト"}},
	}
	for _, c := range cases {
		if got := Tokens(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Tokens(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestScorePage(t *testing.T) {
	cases := []struct {
		name        string
		truth, pred string
		p, r        float64
		exact       bool
		tpfp, tpfn  bool // whether TP+FP and TP+FN are positive
	}{
		{"identical", "a b c d e f", "a b c d e f", 1, 1, true, true, true},
		{"punctuation ignored", "a, b. c d!", "a b c d", 1, 1, true, true, true},
		// truth has 3 shingles (abcd bcde cdef); prediction adds one token: 4 shingles, 3 shared.
		{"extra token", "a b c d e f", "a b c d e f g", 0.75, 1, false, true, true},
		// prediction misses the last token: 2 of 3 truth shingles found.
		{"missing token", "a b c d e f", "a b c d e", 1, 2.0 / 3, false, true, true},
		// fewer than 4 tokens: one short shingle each; equal texts match.
		{"short equal", "a b", "a b", 1, 1, true, true, true},
		{"short different", "a b", "a c", 0, 0, false, true, true},
		// empty prediction is one empty shingle: precision and recall 0.
		{"empty prediction", "a b c d", "", 0, 0, false, true, true},
		{"both empty", "", "", 1, 1, true, true, true},
		// repeated shingles count as a multiset.
		{"multiset", "a b c d a b c d", "a b c d", 1, 0.2, false, true, true},
	}
	for _, c := range cases {
		s := ScorePage(c.truth, c.pred)
		if !near(s.Precision, c.p) || !near(s.Recall, c.r) || s.Exact != c.exact {
			t.Errorf("%s: P %.4f R %.4f exact %v, want P %.4f R %.4f exact %v", c.name, s.Precision, s.Recall, s.Exact, c.p, c.r, c.exact)
		}
		if (s.TP+s.FP > 0) != c.tpfp || (s.TP+s.FN > 0) != c.tpfn {
			t.Errorf("%s: TP %.3f FP %.3f FN %.3f", c.name, s.TP, s.FP, s.FN)
		}
		if tot := s.TP + s.FP + s.FN; !near(tot, 1) {
			t.Errorf("%s: normalised counts sum to %v", c.name, tot)
		}
	}
}

func TestAggregate(t *testing.T) {
	pages := []PageScore{
		ScorePage("a b c d e f", "a b c d e f"),   // P 1 R 1 exact
		ScorePage("a b c d e f", "a b c d e f g"), // P .75 R 1
		ScorePage("a b c d", ""),                  // P 0 R 0
	}
	s := Aggregate(pages)
	wantP, wantR := (1+0.75+0)/3, (1+1+0)/3.0
	if !near(s.Precision, wantP) || !near(s.Recall, wantR) {
		t.Fatalf("P %.4f R %.4f, want %.4f %.4f", s.Precision, s.Recall, wantP, wantR)
	}
	if wantF := 2 * wantP * wantR / (wantP + wantR); !near(s.F1, wantF) {
		t.Errorf("F1 %.4f, want %.4f (F1 of the averages)", s.F1, wantF)
	}
	if !near(s.Accuracy, 1.0/3) || s.Pages != 3 {
		t.Errorf("accuracy %.4f pages %d", s.Accuracy, s.Pages)
	}
	// A page with no counts at all is left out of both averages.
	s = Aggregate(append(pages, PageScore{}))
	if !near(s.Precision, wantP) || !near(s.Recall, wantR) || s.Pages != 4 {
		t.Errorf("empty page changed the averages: %+v", s)
	}
	if z := Aggregate(nil); z.F1 != 0 || z.Accuracy != 0 {
		t.Errorf("Aggregate(nil) = %+v", z)
	}
}
