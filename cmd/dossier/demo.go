package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/dossier/dossier/brief"
	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/nlp"
	"github.com/dossier/dossier/sample"
)

// demoQuery is the topic the seed article was saved under.
const demoQuery = "putin china"

// runDemo builds a fresh database from the sample bundled in the binary
// (the seed article and the project's own fictional sample articles) and
// prints the brief for "putin china":
// 'dossier demo [--db PATH] [--format text|markdown|json|html] [QUERY]'.
func runDemo(ctx context.Context, e env, args []string) error {
	fset := newFlagSet(e, "demo", "[QUERY]")
	db := fset.String("db", "", "keep the demo database at this new path (default: a temporary file, removed afterwards)")
	format := fset.String("format", "text", "brief format: "+strings.Join(brief.Formats, ", "))
	rest, err := parseInterspersed(fset, args)
	if err != nil {
		return err
	}
	if !slices.Contains(brief.Formats, *format) {
		return fmt.Errorf("demo: unknown format %q (want %s)", *format, strings.Join(brief.Formats, ", "))
	}
	query := demoQuery
	if len(rest) > 0 {
		query = strings.Join(rest, " ")
	}

	tmp, err := os.MkdirTemp("", "dossier-demo-")
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer os.RemoveAll(tmp)
	dbPath := *db
	if dbPath == "" {
		dbPath = filepath.Join(tmp, "demo.db")
	} else if _, err := os.Stat(dbPath); err == nil {
		return fmt.Errorf("demo: %s already exists: the demo builds a fresh database; remove it or choose another --db", dbPath)
	}

	// The ingester reads files, so the embedded sample is written out first.
	files := filepath.Join(tmp, "sample")
	if err := os.CopyFS(files, mustSub(sample.FS, sample.Dir)); err != nil {
		return fmt.Errorf("demo: unpack sample: %w", err)
	}
	st, err := createStore(ctx, dbPath)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	defer st.Close()
	sum, err := ingest.Run(ctx, []string{files}, ingest.Options{
		Store:    st,
		Annotate: nlp.Annotate,
		OnError:  func(err error) { fmt.Fprintf(e.stderr, "dossier: demo: %v\n", err) },
	})
	if err != nil && !errors.Is(err, ingest.ErrFailed) {
		return fmt.Errorf("demo: ingest sample: %w", err)
	}
	fmt.Fprintf(e.stderr, "demo: ingested the bundled sample (%d articles: %s) into %s\n\n", sum.Articles, sum, dbPath)
	if err := linkEntities(ctx, st); err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	return writeBrief(ctx, e, st, query, *format)
}

// mustSub returns the subtree dir of an embedded FS; the directory is part
// of the binary, so failure is a build error.
func mustSub(fsys fs.FS, dir string) fs.FS {
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(fmt.Sprintf("demo: embedded %s missing: %v", dir, err))
	}
	return sub
}
