package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/searcheval"
)

// runEvalSearch measures dossier's search on a test collection in the
// format of ../shared/data/ir-news (see package searcheval): it stores the
// documents in a fresh database (a temporary SQLite file unless --db names
// one: a PostgreSQL URL or a file that must not exist yet), runs every
// query with the top 1,000 results, and prints MAP, P@10 and nDCG@10:
//
//	dossier eval search DIR
func runEvalSearch(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "eval search", "DIR")
	dsn := fs.String("db", "", "database to store the collection in (default: a temporary SQLite file)")
	worst := fs.Int("worst", 10, "worst queries to list")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return fmt.Errorf("eval search: want one collection directory, got %d arguments", len(rest))
	}
	c, err := searcheval.Load(rest[0])
	if err != nil {
		return fmt.Errorf("eval search: %w", err)
	}
	if *dsn == "" {
		dir, err := os.MkdirTemp("", "dossier-eval-search-")
		if err != nil {
			return fmt.Errorf("eval search: %w", err)
		}
		defer os.RemoveAll(dir)
		*dsn = filepath.Join(dir, "collection.db")
	} else if !isPostgresURL(*dsn) {
		if _, err := os.Stat(*dsn); err == nil {
			return dossier.Errorf(dossier.ECONFLICT, "eval search: %s exists: name a new file, so the collection is measured alone", *dsn)
		}
	}
	st, err := createStore(ctx, *dsn)
	if err != nil {
		return fmt.Errorf("eval search: %w", err)
	}
	defer st.Close()
	if err := storeCollection(ctx, st, c.Documents); err != nil {
		return fmt.Errorf("eval search: %w", err)
	}
	run := searcheval.Run{}
	for _, q := range c.Queries {
		res, err := st.Search(ctx, dossier.SearchQuery{Text: plainWords(q.Text), Limit: searcheval.Depth})
		if err != nil {
			return fmt.Errorf("eval search: query %s: %w", q.ID, err)
		}
		for _, r := range res.Results {
			run[q.ID] = append(run[q.ID], strings.TrimPrefix(r.ID, evalDocPrefix))
		}
	}
	rep := searcheval.Evaluate(run, c.Qrels)
	fmt.Fprintf(e.stdout, "%d documents stored; ", len(c.Documents))
	return rep.Write(e.stdout, c.Queries, *worst)
}

// plainWords returns a query's words (runs of letters and digits),
// lower-cased: a test collection's queries are natural language, and no
// punctuation of theirs must be read as search syntax (a colon as a
// field, an unbalanced quote, an upper-case "OR" as the operator).
func plainWords(q string) string {
	return strings.ToLower(strings.Join(strings.FieldsFunc(q, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}), " "))
}

// evalDocPrefix prefixes a collection's document numbers to make article
// ids.
const evalDocPrefix = "doc-"

// storeCollection stores a collection's documents as articles, in
// batches.
func storeCollection(ctx context.Context, st dossier.Store, docs []searcheval.Document) error {
	const batch = 500
	for start := 0; start < len(docs); start += batch {
		var as []*dossier.Article
		for _, d := range docs[start:min(start+batch, len(docs))] {
			as = append(as, &dossier.Article{ID: evalDocPrefix + d.DocNo, Text: d.Text, Published: d.Date, Source: "test collection"})
		}
		if _, err := st.PutArticles(ctx, as); err != nil {
			return err
		}
	}
	return nil
}
