package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/sqlite"
)

// searchDB creates a SQLite file holding a few articles.
func searchDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "search.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, err = st.PutArticles(context.Background(), []*dossier.Article{
		{ID: "a1", Title: "Xi and Putin discuss alliances", Source: "Wire", URL: "https://example.test/a1",
			Published: time.Date(2024, 5, 16, 10, 0, 0, 0, time.UTC),
			Text:      "Russian President Vladimir Putin met Xi Jinping in Beijing to talk about China and Russia."},
		{ID: "a2", Title: "Oil prices", Source: "Daily", Text: "China buys more Russian oil; Putin is pleased."},
		{ID: "a3", Title: "Football", Source: "Daily", Text: "A match report."},
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

func runCmd(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := Run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	return out.String(), errOut.String(), err
}

func TestSearchJSON(t *testing.T) {
	db := searchDB(t)
	out, _, err := runCmd(t, "search", "--db", db, "--json", "putin", "china")
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Total   int                          `json:"total"`
		Results []map[string]json.RawMessage `json:"results"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if got.Total != 2 || len(got.Results) != 2 {
		t.Fatalf("total %d, %d results; want 2, 2:\n%s", got.Total, len(got.Results), out)
	}
	keys := []string{"id", "title", "source", "published", "url", "score", "snippet"}
	for _, r := range got.Results {
		if len(r) != len(keys) {
			t.Errorf("result has keys %v, want exactly %v", r, keys)
		}
		for _, k := range keys {
			if _, ok := r[k]; !ok {
				t.Errorf("result lacks %q: %v", k, r)
			}
		}
	}
	first := got.Results[0]
	if string(first["id"]) != `"a1"` || string(first["published"]) != `"2024-05-16T10:00:00Z"` ||
		!strings.Contains(string(first["snippet"]), "«Putin»") {
		t.Errorf("first result %v", first)
	}
	if string(got.Results[1]["published"]) != "null" {
		t.Errorf("unknown date = %s, want null", got.Results[1]["published"])
	}
	// Flags after the query, and a limit.
	out, _, err = runCmd(t, "search", "putin", "--db", db, "--limit", "1", "--json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Total != 2 || len(got.Results) != 1 {
		t.Errorf("--limit 1: %v %s", err, out)
	}
}

func TestSearchText(t *testing.T) {
	db := searchDB(t)
	out, _, err := runCmd(t, "search", "--db", db, "putin")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"1. Xi and Putin discuss alliances\n", "Wire · 2024-05-16 · a1", "https://example.test/a1",
		"«Putin»", "2. Oil prices", "1–2 of 2 results",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Errorf("ANSI codes written to a non-terminal:\n%q", out)
	}
	out, _, err = runCmd(t, "search", "--db", db, "nothing-matches-this")
	if err != nil || !strings.Contains(out, "No results") {
		t.Errorf("no results: %v %q", err, out)
	}
}

func TestSearchErrors(t *testing.T) {
	db := searchDB(t)
	missing := filepath.Join(t.TempDir(), "missing.db")
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"search", "--db", missing, "putin"}, "dossier ingest"},
		{[]string{"search", "--db", db}, "no query"},
		{[]string{"search", "--db", db, `"putin`}, "unbalanced quote"},
		{[]string{"search", "--db", db, "after:2024-02-30"}, "not a date"},
		{[]string{"search", "--db", db, "--limit", "0", "x"}, "--limit"},
	}
	for _, tt := range tests {
		_, _, err := runCmd(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%q: error %v, want it to mention %q", tt.args, err, tt.want)
		}
	}
	if _, err := filepath.Glob(missing); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(missing + "*"); len(m) != 0 {
		t.Errorf("search created %v", m)
	}
}

func TestHighlight(t *testing.T) {
	s := "the «Putin» visit to «China»"
	if got := highlight(s, false); got != s {
		t.Errorf("plain: %q", got)
	}
	if got, want := highlight(s, true), "the \x1b[1mPutin\x1b[22m visit to \x1b[1mChina\x1b[22m"; got != want {
		t.Errorf("tty: %q, want %q", got, want)
	}
}

// TestSearchPostgres runs the search command against PostgreSQL when
// $DOSSIER_POSTGRES_URL is set (see scripts/postgres-test.sh).
func TestSearchPostgres(t *testing.T) {
	url := os.Getenv("DOSSIER_POSTGRES_URL")
	if url == "" {
		t.Skip("DOSSIER_POSTGRES_URL is not set")
	}
	ctx := context.Background()
	st, err := createStore(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	id := fmt.Sprintf("cmd-search-%d", time.Now().UnixNano())
	if _, err := st.PutArticles(ctx, []*dossier.Article{{ID: id, Title: "Zanzibar cloves", Text: "Zanzibar exports cloves.",
		ContentHash: id}}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	out, _, err := runCmd(t, "search", "--db", url, "--json", "zanzibar")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, `"id": "`+id+`"`) || !strings.Contains(out, "«Zanzibar»") {
		t.Errorf("postgres search output:\n%s", out)
	}
}
