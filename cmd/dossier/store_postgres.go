package main

import (
	"context"

	"github.com/dossier/dossier"
)

// openPostgres opens the PostgreSQL store at a postgres:// URL.
func openPostgres(ctx context.Context, dsn string) (dossier.Store, error) {
	return nil, dossier.Errorf(dossier.EINVALID, "PostgreSQL databases are not supported yet (--db %s)", "postgres://...")
}
