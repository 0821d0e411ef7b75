package ner

import (
	"math"
	"reflect"
	"strings"
	"testing"
)

func TestSpans(t *testing.T) {
	cases := []struct {
		tags string
		want []Span
	}{
		{"O O O", nil},
		{"B-PER I-PER O B-LOC", []Span{{0, 2, "PER"}, {3, 4, "LOC"}}},
		// IOB1: I- after O starts a span; B- splits touching spans of one type.
		{"I-PER I-PER B-PER O", []Span{{0, 2, "PER"}, {2, 3, "PER"}}},
		// A type change inside a run starts a new span (conlleval).
		{"B-ORG I-LOC I-LOC", []Span{{0, 1, "ORG"}, {1, 3, "LOC"}}},
		{"I-MISC", []Span{{0, 1, "MISC"}}},
		{"B-PER B-PER", []Span{{0, 1, "PER"}, {1, 2, "PER"}}},
	}
	for _, c := range cases {
		if got := Spans(strings.Fields(c.tags)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Spans(%q) = %v, want %v", c.tags, got, c.want)
		}
	}
}

func TestEvaluate(t *testing.T) {
	gold := [][]string{
		strings.Fields("B-PER I-PER O B-LOC O"),
		strings.Fields("B-ORG I-ORG I-ORG O"),
	}
	pred := [][]string{
		strings.Fields("B-PER I-PER O B-ORG O"), // PER right, LOC typed as ORG
		strings.Fields("B-ORG I-ORG O O"),       // boundary wrong: no credit
	}
	s, err := Evaluate(gold, pred)
	if err != nil {
		t.Fatal(err)
	}
	if s.Overall != (Counts{Gold: 3, Pred: 3, Correct: 1}) {
		t.Fatalf("overall = %+v", s.Overall)
	}
	if c := s.ByType["PER"]; c != (Counts{1, 1, 1}) {
		t.Errorf("PER = %+v", c)
	}
	if c := s.ByType["LOC"]; c != (Counts{1, 0, 0}) {
		t.Errorf("LOC = %+v", c)
	}
	if c := s.ByType["ORG"]; c != (Counts{1, 2, 0}) {
		t.Errorf("ORG = %+v", c)
	}
	if f := s.Overall.F1(); math.Abs(f-1.0/3) > 1e-9 {
		t.Errorf("F1 = %v, want 1/3", f)
	}
	if s.Tokens != 9 || s.TokOK != 7 {
		t.Errorf("tokens %d ok %d, want 9 and 7", s.Tokens, s.TokOK)
	}
	// IOB1 gold against IOB2 predictions of the same spans scores perfectly.
	s, _ = Evaluate([][]string{strings.Fields("I-PER I-PER B-PER")}, [][]string{strings.Fields("B-PER I-PER B-PER")})
	if s.Overall.F1() != 1 {
		t.Errorf("IOB1 vs IOB2 F1 = %v, want 1", s.Overall.F1())
	}
	if _, err := Evaluate(gold, pred[:1]); err == nil {
		t.Error("want an error for a sentence count mismatch")
	}
	if _, err := Evaluate(gold[:1], [][]string{{"O"}}); err == nil {
		t.Error("want an error for a token count mismatch")
	}
	var empty Counts
	if empty.F1() != 0 || empty.Precision() != 0 || empty.Recall() != 0 {
		t.Error("empty counts must score 0")
	}
}

func TestReadCoNLL(t *testing.T) {
	in := "-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\nrejects VBZ I-VP O\nGerman JJ I-NP I-MISC\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- O O\n\nBRUSSELS NNP I-NP I-LOC\n"
	s, err := ReadCoNLL(strings.NewReader(in), "test")
	if err != nil {
		t.Fatal(err)
	}
	if len(s) != 3 {
		t.Fatalf("got %d sentences, want 3", len(s))
	}
	if want := []string{"B-ORG", "O", "B-MISC"}; !reflect.DeepEqual(s[0].Tags, want) {
		t.Errorf("tags = %v, want %v", s[0].Tags, want)
	}
	if want := []string{"B-PER", "I-PER"}; !reflect.DeepEqual(s[1].Tags, want) {
		t.Errorf("tags = %v, want %v", s[1].Tags, want)
	}
	if s[0].Doc != 1 || s[1].Doc != 1 || s[2].Doc != 2 {
		t.Errorf("docs = %d %d %d, want 1 1 2", s[0].Doc, s[1].Doc, s[2].Doc)
	}
	// Untagged input: tokens only.
	s, err = ReadCoNLL(strings.NewReader("Hello\nworld\n\nAgain\n"), "raw")
	if err != nil || len(s) != 2 || s[0].Tags != nil || s[1].Tokens[0] != "Again" {
		t.Errorf("untagged: %+v, %v", s, err)
	}
	// A tag column that disappears is an error naming the input.
	_, err = ReadCoNLL(strings.NewReader("EU NNP I-ORG\nrejects\n"), "bad.conll")
	if err == nil || !strings.Contains(err.Error(), "bad.conll:2") {
		t.Errorf("err = %v, want one naming bad.conll:2", err)
	}
}

func TestToIOB2(t *testing.T) {
	got := ToIOB2(strings.Fields("I-PER I-PER B-PER O I-LOC I-ORG"))
	want := strings.Fields("B-PER I-PER B-PER O B-LOC B-ORG")
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ToIOB2 = %v, want %v", got, want)
	}
}

func FuzzReadCoNLL(f *testing.F) {
	f.Add("-DOCSTART- -X- O O\n\nEU NNP I-NP I-ORG\n\n")
	f.Add("a B-PER\nb I-LOC\n\nc\n")
	f.Add("x y z\n\n\n")
	f.Fuzz(func(t *testing.T, in string) {
		s, err := ReadCoNLL(strings.NewReader(in), "fuzz")
		if err != nil {
			return
		}
		for _, x := range s {
			if x.Tags != nil && len(x.Tags) != len(x.Tokens) {
				t.Fatalf("tags %d != tokens %d", len(x.Tags), len(x.Tokens))
			}
			for _, sp := range Spans(x.Tags) {
				if sp.Start < 0 || sp.End > len(x.Tokens) || sp.Start >= sp.End {
					t.Fatalf("bad span %+v", sp)
				}
			}
		}
	})
}
