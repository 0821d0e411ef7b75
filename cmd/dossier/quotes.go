package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/dossier/dossier"
)

// runQuotes lists who said what, newest article first:
// 'dossier quotes [--db PATH] [--speaker NAME] [--limit N] [--json] [QUERY]'.
func runQuotes(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "quotes", "[QUERY]")
	db := dbFlag(fs)
	speaker := fs.String("speaker", "", "only quotes by this speaker (case-insensitive part of the name)")
	limit := fs.Int("limit", 50, "number of quotes")
	asJSON := fs.Bool("json", false, "print a JSON array of quotes with their articles")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *limit <= 0 {
		return fmt.Errorf("quotes: --limit must be positive")
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("quotes: %w", err)
	}
	defer st.Close()
	hits, err := st.Quotes(ctx, dossier.QuoteFilter{
		Speaker: strings.TrimSpace(*speaker),
		Query:   strings.TrimSpace(strings.Join(rest, " ")),
		Limit:   *limit,
	})
	if err != nil {
		return fmt.Errorf("quotes: %w", err)
	}
	if *asJSON {
		if hits == nil {
			hits = []dossier.QuoteHit{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(hits)
	}
	return writeQuotesText(e.stdout, hits)
}

// writeQuotesText prints each quote as 'SPEAKER (kind): “text”' with the
// article it comes from on the next line.
func writeQuotesText(w io.Writer, hits []dossier.QuoteHit) error {
	if len(hits) == 0 {
		_, err := fmt.Fprintln(w, "no quotes")
		return err
	}
	for _, h := range hits {
		who := h.Speaker
		if who == "" && h.Source != nil {
			who = h.Source.Text
		}
		if who == "" {
			who = "(unattributed)"
		}
		cue := ""
		if h.Cue != nil && h.Cue.Text != ":" {
			cue = " " + h.Cue.Text
		}
		text := strings.Join(strings.Fields(h.Text), " ")
		if h.Kind == dossier.QuoteIndirect {
			fmt.Fprintf(w, "%s%s %s\n", who, cue, text)
		} else {
			fmt.Fprintf(w, "%s%s: “%s”\n", who, cue, text)
		}
		date := ""
		if !h.Published.IsZero() {
			date = ", " + h.Published.Format("2006-01-02")
		}
		if _, err := fmt.Fprintf(w, "    — %s (%s%s)\n", h.ArticleTitle, h.ArticleID, date); err != nil {
			return err
		}
	}
	return nil
}
