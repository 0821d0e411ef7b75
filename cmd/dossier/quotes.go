package main

import (
	"context"
	"errors"
)

// TODO(owner): replace this placeholder with the real subcommand.
func runQuotes(ctx context.Context, e env, args []string) error {
	return errors.New("quotes: not implemented yet")
}
