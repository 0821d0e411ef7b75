package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real evaluation.
func runEvalNER(ctx context.Context, e env, args []string) error {
	return errors.New("eval ner: not implemented yet")
}
