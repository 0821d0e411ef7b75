package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runServe(ctx context.Context, e env, args []string) error {
	return errors.New("serve: not implemented yet")
}
