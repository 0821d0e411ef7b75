package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real evaluation.
func runEvalQuotes(ctx context.Context, e env, args []string) error {
	return errors.New("eval quotes: not implemented yet")
}
