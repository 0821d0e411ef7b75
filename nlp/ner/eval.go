package ner

import (
	"fmt"
	"io"
	"sort"
)

// Span is one entity span over token positions [Start, End) of a sentence.
type Span struct {
	Start, End int
	Type       string
}

// Spans returns the entity spans of IOB1 or IOB2 tags by the conlleval
// rules: a span starts at B-X, or at I-X after O or after another type; it
// ends before O, before B-, or before a tag of another type.
func Spans(tags []string) []Span {
	var out []Span
	start, typ := -1, ""
	for i, t := range tags {
		prefix, ty := splitTag(t)
		if start >= 0 && (prefix == 'O' || prefix == 'B' || ty != typ) {
			out = append(out, Span{start, i, typ})
			start = -1
		}
		if prefix != 'O' && start < 0 {
			start, typ = i, ty
		}
	}
	if start >= 0 {
		out = append(out, Span{start, len(tags), typ})
	}
	return out
}

func splitTag(t string) (byte, string) {
	if len(t) < 3 || t[1] != '-' {
		return 'O', ""
	}
	return t[0], t[2:]
}

// Counts holds span counts for one type or overall.
type Counts struct {
	Gold, Pred, Correct int
}

// Precision is Correct/Pred (0 when nothing was predicted).
func (c Counts) Precision() float64 {
	if c.Pred == 0 {
		return 0
	}
	return float64(c.Correct) / float64(c.Pred)
}

// Recall is Correct/Gold (0 when there is no gold span).
func (c Counts) Recall() float64 {
	if c.Gold == 0 {
		return 0
	}
	return float64(c.Correct) / float64(c.Gold)
}

// F1 is the harmonic mean of precision and recall.
func (c Counts) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Score is a span-level evaluation, overall and per type.
type Score struct {
	Overall Counts
	ByType  map[string]Counts
	Tokens  int
	TokOK   int // tokens whose predicted tag equals the gold tag
}

// Add scores one sentence's predicted tags against its gold tags.
func (s *Score) Add(gold, pred []string) {
	if s.ByType == nil {
		s.ByType = map[string]Counts{}
	}
	g, p := Spans(gold), Spans(pred)
	set := make(map[Span]bool, len(g))
	for _, sp := range g {
		set[sp] = true
		c := s.ByType[sp.Type]
		c.Gold++
		s.ByType[sp.Type] = c
	}
	s.Overall.Gold += len(g)
	s.Overall.Pred += len(p)
	for _, sp := range p {
		c := s.ByType[sp.Type]
		c.Pred++
		if set[sp] {
			c.Correct++
			s.Overall.Correct++
		}
		s.ByType[sp.Type] = c
	}
	for i := range gold {
		s.Tokens++
		if i < len(pred) && gold[i] == pred[i] {
			s.TokOK++
		}
	}
}

// Evaluate scores predicted tag sequences against gold ones, sentence by
// sentence. It returns an error when the shapes differ.
func Evaluate(gold, pred [][]string) (Score, error) {
	var s Score
	if len(gold) != len(pred) {
		return s, fmt.Errorf("ner: %d gold sentences but %d predicted", len(gold), len(pred))
	}
	for i := range gold {
		if len(gold[i]) != len(pred[i]) {
			return s, fmt.Errorf("ner: sentence %d: %d gold tags but %d predicted", i+1, len(gold[i]), len(pred[i]))
		}
		s.Add(gold[i], pred[i])
	}
	return s, nil
}

// Write prints the score as a conlleval-style table.
func (s Score) Write(w io.Writer) error {
	acc := 0.0
	if s.Tokens > 0 {
		acc = 100 * float64(s.TokOK) / float64(s.Tokens)
	}
	fmt.Fprintf(w, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n", s.Tokens, s.Overall.Gold, s.Overall.Pred, s.Overall.Correct)
	fmt.Fprintf(w, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", acc, 100*s.Overall.Precision(), 100*s.Overall.Recall(), 100*s.Overall.F1())
	types := make([]string, 0, len(s.ByType))
	for t := range s.ByType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		c := s.ByType[t]
		fmt.Fprintf(w, "%17s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n", t, 100*c.Precision(), 100*c.Recall(), 100*c.F1(), c.Pred)
	}
	_, err := fmt.Fprint(w)
	return err
}
