package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runDemo(ctx context.Context, e env, args []string) error {
	return errors.New("demo: not implemented yet")
}
