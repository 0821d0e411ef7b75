package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/dossier/dossier"
)

// runSearch prints ranked results for a query:
// 'dossier search [--db PATH] [--limit N] [--offset N] [--json] QUERY...'.
func runSearch(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "search", "QUERY...")
	db := dbFlag(fs)
	limit := fs.Int("limit", 10, "number of results")
	offset := fs.Int("offset", 0, "results to skip (for the next page)")
	asJSON := fs.Bool("json", false, `print {"total": N, "results": [...]} as JSON`)
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	query := strings.TrimSpace(strings.Join(rest, " "))
	if query == "" {
		fs.Usage()
		return fmt.Errorf("search: no query given")
	}
	if *limit <= 0 || *offset < 0 {
		return fmt.Errorf("search: --limit must be positive and --offset not negative")
	}
	st, err := openStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	defer st.Close()
	res, err := dossier.SearchStories(ctx, st, dossier.SearchQuery{Text: query, Limit: *limit, Offset: *offset})
	if err != nil {
		if dossier.ErrorCode(err) == dossier.EINVALID {
			return fmt.Errorf("search: %s", dossier.ErrorMessage(err))
		}
		return fmt.Errorf("search: %w", err)
	}
	if *asJSON {
		return writeSearchJSON(e.stdout, res)
	}
	writeSearchText(e.stdout, res, query, *offset, colorOutput(e.stdout))
	return nil
}

// searchJSON is the --json output: exactly these keys, published null
// when unknown.
type searchJSON struct {
	Total   int                `json:"total"`
	Results []searchResultJSON `json:"results"`
}

type searchResultJSON struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Source    string  `json:"source"`
	Published *string `json:"published"`
	URL       string  `json:"url"`
	Score     float64 `json:"score"`
	Snippet   string  `json:"snippet"`
	More      int     `json:"more,omitempty"` // other articles of the same story
}

func writeSearchJSON(w io.Writer, res *dossier.SearchResults) error {
	out := searchJSON{Total: res.Total, Results: make([]searchResultJSON, 0, len(res.Results))}
	for _, r := range res.Results {
		j := searchResultJSON{ID: r.ID, Title: r.Title, Source: r.Source, URL: r.URL, Score: r.Score, Snippet: r.Snippet, More: r.More}
		if !r.Published.IsZero() {
			p := r.Published.UTC().Format(time.RFC3339)
			j.Published = &p
		}
		out.Results = append(out.Results, j)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

// ANSI bold on and off.
const (
	boldOn  = "\x1b[1m"
	boldOff = "\x1b[22m"
)

// highlight renders the «» marks of a snippet: bold on a terminal, kept
// as they are (plain text) otherwise.
func highlight(snippet string, tty bool) string {
	if !tty {
		return snippet
	}
	return strings.NewReplacer("«", boldOn, "»", boldOff).Replace(snippet)
}

func writeSearchText(w io.Writer, res *dossier.SearchResults, query string, offset int, tty bool) {
	if len(res.Results) == 0 {
		if res.Total > 0 {
			fmt.Fprintf(w, "No more results for %q (%d in all).\n", query, res.Total)
		} else {
			fmt.Fprintf(w, "No results for %q.\n", query)
		}
		return
	}
	for i, r := range res.Results {
		title := r.Title
		if title == "" {
			title = "(untitled)"
		}
		if tty {
			title = boldOn + title + boldOff
		}
		fmt.Fprintf(w, "%d. %s\n", offset+i+1, title)
		meta := []string{}
		if r.Source != "" {
			meta = append(meta, r.Source)
		}
		if !r.Published.IsZero() {
			meta = append(meta, r.Published.UTC().Format(time.DateOnly))
		}
		meta = append(meta, r.ID)
		fmt.Fprintf(w, "   %s\n", strings.Join(meta, " · "))
		if r.URL != "" {
			fmt.Fprintf(w, "   %s\n", r.URL)
		}
		if r.Snippet != "" {
			fmt.Fprintf(w, "   %s\n", highlight(strings.Join(strings.Fields(r.Snippet), " "), tty))
		}
		if r.More > 0 {
			fmt.Fprintf(w, "   + %d more like this\n", r.More)
		}
		fmt.Fprintln(w)
	}
	fmt.Fprintf(w, "%d–%d of %d results for %q\n", offset+1, offset+len(res.Results), res.Total, query)
}
