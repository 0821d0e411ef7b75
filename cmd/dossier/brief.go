package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runBrief(ctx context.Context, e env, args []string) error {
	return errors.New("brief: not implemented yet")
}
