package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/dossier/dossier/web"
)

// runServe serves the web UI and JSON API: 'dossier serve [--db]
// [--addr 127.0.0.1:8080]'. POST /api/articles is enabled only when
// $DOSSIER_TOKEN is set. It stops gracefully on interrupt.
func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "serve", "")
	db := dbFlag(fs)
	addr := fs.String("addr", "127.0.0.1:8080", "address to listen on")
	maxBody := fs.Int64("max-body", web.DefaultMaxBody, "largest accepted request body, in bytes")
	verbose := fs.Bool("v", false, "log every request")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		fs.Usage()
		return fmt.Errorf("serve: unexpected argument %q", rest[0])
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	log := slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: level}))
	token := os.Getenv("DOSSIER_TOKEN")
	srv, err := web.New(st, web.Options{Token: token, MaxBody: *maxBody, Logger: log})
	if err != nil {
		return err
	}
	return web.Serve(ctx, *addr, srv.Handler(), log, func(a string) {
		writes := "writes disabled (set DOSSIER_TOKEN to enable POST /api/articles)"
		if token != "" {
			writes = "writes enabled with the bearer token from DOSSIER_TOKEN"
		}
		fmt.Fprintf(e.stdout, "dossier: serving %s on http://%s/ (%s)\n", *db, a, writes)
	})
}
