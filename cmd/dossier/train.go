package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runTrain(ctx context.Context, e env, args []string) error {
	return errors.New("train: not implemented yet")
}
