package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runExtract(ctx context.Context, e env, args []string) error {
	return errors.New("extract: not implemented yet")
}
