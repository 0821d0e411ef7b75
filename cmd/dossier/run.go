package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"

	"golang.org/x/term"
)

// env carries the process's standard streams to a subcommand, so tests can
// run every subcommand in-process.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand: a one-line summary and the function that runs it.
type command struct {
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

// commands lists every subcommand; each lives in a file of its own name.
var commands = map[string]command{
	"ingest":   {"collect articles from files, directories, globs, URLs or stdin", runIngest},
	"search":   {"ranked full-text search with snippets", runSearch},
	"extract":  {"run the pipeline on one document and print it (no database)", runExtract},
	"brief":    {"an analyst's brief on a query", runBrief},
	"demo":     {"build a sample database and print the brief for \"putin china\"", runDemo},
	"entities": {"list people, organisations and places across the corpus", runEntities},
	"quotes":   {"list who said what", runQuotes},
	"tag":      {"tag CoNLL-format tokens with the named-entity model", runTag},
	"train":    {"train a model (ner)", runTrain},
	"eval":     {"measure quality: extraction, ner, quotes", runEval},
	"serve":    {"serve the web UI and JSON API", runServe},
	"watch":    {"poll feeds and store new articles", runWatch},
}

// errUsage marks an error whose usage text was already printed.
var errUsage = errors.New("usage")

// Run runs the dossier command line with args (without the program name).
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	e := env{stdin: stdin, stdout: stdout, stderr: stderr}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(stdout)
		return nil
	}
	cmd, ok := commands[args[0]]
	if !ok {
		usage(stderr)
		return fmt.Errorf("unknown command %q", args[0])
	}
	err := cmd.run(ctx, e, args[1:])
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "dossier: a self-hosted news intelligence engine\n\nUsage: dossier COMMAND [flags] [args]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(w, "  %-9s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(w, "\nRun 'dossier COMMAND -h' for a command's flags.")
}

// newFlagSet returns a flag set that prints its usage to e.stderr.
func newFlagSet(e env, name, argsHelp string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprintf(e.stderr, "Usage: dossier %s [flags] %s\n", name, argsHelp)
		fs.PrintDefaults()
	}
	return fs
}

// dbFlag registers the --db flag, defaulting to $DOSSIER_DB or ./dossier.db.
func dbFlag(fs *flag.FlagSet) *string {
	def := os.Getenv("DOSSIER_DB")
	if def == "" {
		def = "dossier.db"
	}
	return fs.String("db", def, "database file (or $DOSSIER_DB)")
}

// parseInterspersed parses flags that may appear before or after positional
// arguments ("dossier search putin --limit 5").
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if rest[0] == "--" {
			return append(positional, rest[1:]...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// isTerminal reports whether w is a terminal that understands control
// sequences (not $TERM=dumb): progress bars go only there.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd())) && os.Getenv("TERM") != "dumb"
}

// colorOutput reports whether w is a terminal that wants colour and bold
// ($NO_COLOR unset); piped output stays plain.
func colorOutput(w io.Writer) bool {
	return isTerminal(w) && os.Getenv("NO_COLOR") == ""
}
