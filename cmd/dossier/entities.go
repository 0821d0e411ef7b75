package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runEntities(ctx context.Context, e env, args []string) error {
	return errors.New("entities: not implemented yet")
}
