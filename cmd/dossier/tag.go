package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runTag(ctx context.Context, e env, args []string) error {
	return errors.New("tag: not implemented yet")
}
