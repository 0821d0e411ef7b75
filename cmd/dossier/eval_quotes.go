package main

import (
	"context"
	"fmt"
	"os"

	"github.com/dossier/dossier/nlp/quote/quoteeval"
)

// runEvalQuotes measures quotation detection and source attribution on a
// PolNeAR JSON Lines file (gzipped or not):
//
//	dossier eval quotes ../shared/data/quotes-polnear/polnear-dev.jsonl.gz
func runEvalQuotes(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "eval quotes", "POLNEAR.jsonl[.gz]")
	sample := fs.Int("examples", 5, "errors of each kind to print")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return fmt.Errorf("eval quotes: want one PolNeAR file, got %d arguments", len(rest))
	}
	f, err := os.Open(rest[0])
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	defer f.Close()
	arts, err := quoteeval.Load(f, rest[0])
	if err != nil {
		return fmt.Errorf("eval quotes: %w", err)
	}
	rep := quoteeval.Evaluate(arts, *sample)
	return rep.Write(e.stdout)
}
