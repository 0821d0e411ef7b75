package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runEval(ctx context.Context, e env, args []string) error {
	return errors.New("eval: not implemented yet")
}
