package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runIngest(ctx context.Context, e env, args []string) error {
	return errors.New("ingest: not implemented yet")
}
