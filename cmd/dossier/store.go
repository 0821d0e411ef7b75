package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/sqlite"
)

// isPostgresURL reports whether a --db value names a PostgreSQL database
// rather than a SQLite file.
func isPostgresURL(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// openStore opens an existing store for reading and writing: a
// PostgreSQL URL (postgres://...) or a SQLite file. A missing SQLite file
// is an ENOTFOUND error that suggests 'dossier ingest'. Subcommands that
// only read (search, brief, entities, quotes, serve) use it.
func openStore(ctx context.Context, dsn string) (dossier.Store, error) {
	if isPostgresURL(dsn) {
		return openPostgres(ctx, dsn)
	}
	st, err := sqlite.OpenExisting(ctx, dsn)
	if dossier.ErrorCode(err) == dossier.ENOTFOUND {
		return nil, dossier.Errorf(dossier.ENOTFOUND,
			"no database at %s: run 'dossier ingest --db %s FILE...' first, or pass --db or set $DOSSIER_DB", dsn, dsn)
	}
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return st, nil
}

// createStore opens a store, creating a SQLite file (and its schema) when
// it does not exist. Subcommands that collect articles (ingest, watch,
// demo) use it.
func createStore(ctx context.Context, dsn string) (dossier.Store, error) {
	if isPostgresURL(dsn) {
		return openPostgres(ctx, dsn)
	}
	st, err := sqlite.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return st, nil
}
