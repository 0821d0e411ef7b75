package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/nlp"
)

// ingestFetcher, when set (by the file that wires the fetch package),
// returns the Fetcher that reads http(s) sources for ingest. Without it,
// URL sources fail with a clear error.
var ingestFetcher func(allowPrivate bool) ingest.Fetcher

// runIngest collects articles into the database:
// 'dossier ingest [--db PATH] [--no-nlp] SOURCE...'.
func runIngest(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "ingest", "SOURCE... (files, directories, globs, URLs or - for stdin)")
	db := dbFlag(fs)
	noNLP := fs.Bool("no-nlp", false, "store articles without extracting entities, quotes and figures (faster)")
	workers := fs.Int("workers", 0, "annotation workers (0: one per CPU)")
	batch := fs.Int("batch", ingest.DefaultBatchSize, "articles stored per transaction")
	quiet := fs.Bool("quiet", false, "no progress bar")
	allowPrivate := fs.Bool("allow-private", os.Getenv(allowPrivateEnv) != "",
		"allow fetching URLs on private, loopback and link-local addresses (or $"+allowPrivateEnv+")")
	noDedup := fs.Bool("no-dedup", false, "do not look for near-duplicates and stories")
	usage := fs.Usage
	fs.Usage = func() {
		usage()
		fmt.Fprintf(e.stderr, "\nFormats, detected by content (gzip is read transparently): %s.\n"+
			"Directories are walked recursively for files ending in %s (and .gz).\n", formatNames(), formatExts())
	}
	sources, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(sources) == 0 {
		fs.Usage()
		return errors.New("ingest: no SOURCE given")
	}
	st, err := createStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("ingest: %w", err)
	}
	defer st.Close()

	opts := ingest.Options{
		Store:     st,
		Workers:   *workers,
		BatchSize: *batch,
		Stdin:     e.stdin,
		OnError: func(err error) {
			fmt.Fprintf(e.stderr, "dossier: ingest: %v\n", err)
		},
	}
	if !*noNLP {
		opts.Annotate = nlp.Annotate
	}
	if ingestFetcher != nil {
		opts.Fetcher = ingestFetcher(*allowPrivate)
	}
	if !*noDedup {
		if opts.Dedup, err = seedDedup(ctx, st); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
	}
	rec := newRecordingStore(st, opts.Dedup)
	opts.Store = rec
	if !*quiet && isTerminal(e.stderr) {
		opts.Progress = e.stderr
	}
	sum, err := ingest.Run(ctx, sources, opts)
	fmt.Fprintf(e.stdout, "ingest: %d articles from %d inputs in %s (%.0f/s): %s\n",
		sum.Articles, sum.Inputs, sum.Elapsed.Round(time.Millisecond), sum.PerSecond(), sum)
	if err != nil && !errors.Is(err, ingest.ErrFailed) {
		return fmt.Errorf("ingest: %w", err)
	}
	// Link entities across articles whenever something new was stored,
	// even if some inputs failed.
	if !*noNLP && sum.New+sum.Updated > 0 {
		if lerr := rec.link(ctx); lerr != nil {
			return fmt.Errorf("ingest: %w", lerr)
		}
	}
	if err != nil {
		what := "inputs or records"
		if sum.Failed == 1 {
			what = "input or record"
		}
		return fmt.Errorf("ingest: %d %s failed (see above); everything else was stored", sum.Failed, what)
	}
	return nil
}

// formatNames lists the registered input formats.
func formatNames() string {
	var names []string
	for _, f := range ingest.Formats() {
		if f.Name != "unsupported" {
			names = append(names, f.Name)
		}
	}
	return strings.Join(names, ", ")
}

// formatExts lists the file endings read from directories.
func formatExts() string {
	var exts []string
	for _, f := range ingest.Formats() {
		exts = append(exts, f.Exts...)
	}
	return strings.Join(exts, " ")
}
