package main

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/dossier/dossier/nlp/ner"
)

// runEvalNER tags a gold CoNLL file with the model and scores the spans by
// the conlleval rules, or (with --pred) scores another tagger's output.
func runEvalNER(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "eval ner", "GOLD.conll[.gz]")
	pred := fs.String("pred", "", "score this 'token TAG' file (as 'dossier tag --conll' writes) instead of running the model")
	asJSON := fs.Bool("json", false, "print the scores as JSON")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) != 1 {
		fs.Usage()
		return fmt.Errorf("eval ner: want one gold CoNLL file")
	}
	gold, err := ner.ReadCoNLLFile(files[0])
	if err != nil {
		return fmt.Errorf("eval ner: %w", err)
	}
	for i, s := range gold {
		if s.Tags == nil {
			return fmt.Errorf("eval ner: %s: sentence %d has no NER tags", files[0], i+1)
		}
	}
	var score ner.Score
	if *pred != "" {
		p, err := ner.ReadCoNLLFile(*pred)
		if err != nil {
			return fmt.Errorf("eval ner: %w", err)
		}
		g, q := make([][]string, len(gold)), make([][]string, len(p))
		for i := range gold {
			g[i] = gold[i].Tags
		}
		for i := range p {
			q[i] = p[i].Tags
		}
		if score, err = ner.Evaluate(g, q); err != nil {
			return fmt.Errorf("eval ner: %s against %s: %w", *pred, files[0], err)
		}
	} else {
		m, err := ner.Default()
		if err != nil {
			return fmt.Errorf("eval ner: %w", err)
		}
		score = m.Score(gold)
	}
	if *asJSON {
		type prf struct {
			Precision, Recall, F1 float64
			Gold, Pred, Correct   int
		}
		conv := func(c ner.Counts) prf {
			return prf{c.Precision(), c.Recall(), c.F1(), c.Gold, c.Pred, c.Correct}
		}
		out := map[string]prf{"overall": conv(score.Overall)}
		for t, c := range score.ByType {
			out[t] = conv(c)
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return score.Write(e.stdout)
}
