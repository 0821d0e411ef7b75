package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/brief"
)

// Defaults of 'dossier brief'.
const (
	briefArticles = 100 // matching articles analysed
	briefItems    = 10  // items per section
)

// runBrief prints the brief of a query: 'dossier brief [--db] [--format]
// [--limit N] [--items N] QUERY'.
func runBrief(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "brief", "QUERY")
	db := dbFlag(fs)
	format := fs.String("format", "text", "output format: "+strings.Join(brief.Formats, ", "))
	limit := fs.Int("limit", briefArticles, "number of top matching articles to analyse")
	items := fs.Int("items", briefItems, "items listed per section")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(rest, " "))
	if query == "" {
		fs.Usage()
		return fmt.Errorf("brief: no query given")
	}
	if !slices.Contains(brief.Formats, *format) {
		return fmt.Errorf("brief: unknown format %q (want %s)", *format, strings.Join(brief.Formats, ", "))
	}
	if *limit <= 0 || *items <= 0 {
		return fmt.Errorf("brief: --limit and --items must be positive")
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return err
	}
	defer st.Close()
	return writeBriefN(ctx, e, st, query, *format, *limit, *items)
}

// writeBrief writes the brief of query over st to e.stdout in format
// (text, markdown, json or html), analysing the top 100 matching articles.
// 'dossier demo' reuses it.
func writeBrief(ctx context.Context, e env, st dossier.Store, query, format string) error {
	return writeBriefN(ctx, e, st, query, format, briefArticles, briefItems)
}

func writeBriefN(ctx context.Context, e env, st dossier.Store, query, format string, limit, items int) error {
	b, err := buildBrief(ctx, st, query, limit, items)
	if err != nil {
		return err
	}
	opt := brief.Options{Color: format == "text" && colorOutput(e.stdout)}
	if err := brief.Render(e.stdout, b, format, opt); err != nil {
		return fmt.Errorf("brief %q: %w", query, err)
	}
	return nil
}

// buildBrief searches st for query, loads the top limit articles and
// builds their brief.
func buildBrief(ctx context.Context, st dossier.Store, query string, limit, items int) (*brief.Brief, error) {
	res, err := st.Search(ctx, dossier.SearchQuery{Text: query, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("brief %q: search: %w", query, err)
	}
	ids := make([]string, len(res.Results))
	for i, r := range res.Results {
		ids[i] = r.ID
	}
	arts, err := st.Articles(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("brief %q: load articles: %w", query, err)
	}
	return brief.Build(brief.Input{Query: query, Total: res.Total, Results: res.Results, Articles: arts, Limit: items}), nil
}
