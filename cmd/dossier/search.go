package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runSearch(ctx context.Context, e env, args []string) error {
	return errors.New("search: not implemented yet")
}
