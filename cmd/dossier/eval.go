package main

import (
	"context"
	"fmt"
)

// evaluations lists the 'dossier eval' subcommands; each lives in eval_NAME.go.
var evaluations = map[string]func(ctx context.Context, e env, args []string) error{
	"extraction": runEvalExtraction,
	"ner":        runEvalNER,
	"quotes":     runEvalQuotes,
	"search":     runEvalSearch,
}

func runEval(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: dossier eval extraction|ner|quotes|search [flags] INPUT")
	}
	run, ok := evaluations[args[0]]
	if !ok {
		return fmt.Errorf("eval: unknown evaluation %q (want extraction, ner, quotes or search)", args[0])
	}
	return run(ctx, e, args[1:])
}
