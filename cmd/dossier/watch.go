package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runWatch(ctx context.Context, e env, args []string) error {
	return errors.New("watch: not implemented yet")
}
