package main

import (
	"context"
	"fmt"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/postgres"
)

// openPostgres opens the PostgreSQL store at a postgres:// URL, creating
// its schema if needed.
func openPostgres(ctx context.Context, dsn string) (dossier.Store, error) {
	st, err := postgres.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return st, nil
}
