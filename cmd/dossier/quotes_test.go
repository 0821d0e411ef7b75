package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/nlp/quote"
	"github.com/dossier/dossier/sqlite"
)

// withQuotes returns an article with the quotations of its text, attributed
// through hand-made person entities (so the test does not depend on the
// named-entity model).
func withQuotes(a dossier.Article, people map[string][]string) dossier.Article {
	for name, forms := range people {
		e := dossier.Entity{ID: "per:" + strings.ToLower(strings.ReplaceAll(name, " ", "-")), Name: name, Type: dossier.PER}
		for _, f := range forms {
			for off := 0; ; {
				i := strings.Index(a.Text[off:], f)
				if i < 0 {
					break
				}
				e.Mentions = append(e.Mentions, dossier.Span{Start: off + i, End: off + i + len(f), Text: f})
				off += i + len(f)
			}
		}
		a.Entities = append(a.Entities, e)
	}
	a.Quotes = quote.Extract(a.Text, a.Entities)
	return a
}

// quotesDB stores two articles with quotations.
func quotesDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "quotes.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a1 := withQuotes(dossier.Article{ID: "a1", Title: "Summit in Beijing", Published: time.Date(2024, 5, 16, 0, 0, 0, 0, time.UTC),
		Text: "Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing.\n\n“We believe it is necessary to work on a reliable security architecture,” said Putin."},
		map[string][]string{"Vladimir Putin": {"Vladimir Putin", "Putin"}, "Xi Jinping": {"Xi Jinping"}})
	a2 := withQuotes(dossier.Article{ID: "a2", Title: "Trade talks", Published: time.Date(2024, 5, 10, 0, 0, 0, 0, time.UTC),
		Text: "Chinese leader Xi Jinping spoke in Shanghai.\n\n“China and Russia promote the emergence of a multipolar world,” Xi said."},
		map[string][]string{"Xi Jinping": {"Xi Jinping", "Xi"}})
	if _, err := st.PutArticles(context.Background(), []*dossier.Article{&a1, &a2}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestQuotesCommand(t *testing.T) {
	db := quotesDB(t)
	out, _, err := runCmd(t, "quotes", "--db", db)
	if err != nil {
		t.Fatal(err)
	}
	i, j := strings.Index(out, "security architecture"), strings.Index(out, "multipolar world")
	if i < 0 || j < 0 || i > j || !strings.Contains(out, "Summit in Beijing (a1, 2024-05-16)") {
		t.Errorf("want both quotes, newest article first, with their articles:\n%s", out)
	}
	out, _, err = runCmd(t, "quotes", "--db", db, "--speaker", "xi jinping", "--json")
	if err != nil {
		t.Fatal(err)
	}
	var hits []dossier.QuoteHit
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("bad JSON %v:\n%s", err, out)
	}
	if len(hits) != 1 || hits[0].Speaker != "Xi Jinping" || hits[0].ArticleID != "a2" || hits[0].Source == nil || hits[0].Source.Text != "Xi" {
		t.Errorf("--speaker listing = %+v", hits)
	}
	out, _, err = runCmd(t, "quotes", "--db", db, "architecture")
	if err != nil || !strings.Contains(out, "Vladimir Putin said") || strings.Contains(out, "multipolar") {
		t.Errorf("query listing (err %v):\n%s", err, out)
	}
	if _, _, err := runCmd(t, "quotes", "--db", db, "--limit", "0"); err == nil {
		t.Error("want an error for --limit 0")
	}
	if _, _, err := runCmd(t, "quotes", "--db", filepath.Join(t.TempDir(), "none.db")); err == nil {
		t.Error("want an error for a missing database")
	}
}

func TestEvalQuotesCommand(t *testing.T) {
	if _, _, err := runCmd(t, "eval", "quotes"); err == nil {
		t.Error("want a usage error without a file")
	}
	if _, _, err := runCmd(t, "eval", "quotes", filepath.Join(t.TempDir(), "none.jsonl")); err == nil {
		t.Error("want an error for a missing file")
	}
}
