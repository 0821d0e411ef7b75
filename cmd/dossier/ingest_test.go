package main

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/shareddata"
	"github.com/dossier/dossier/sample"
	"github.com/dossier/dossier/sqlite"
)

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func openDB(t *testing.T, path string) dossier.Store {
	t.Helper()
	st, err := sqlite.OpenExisting(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestIngestSeedAndReingest(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.db")
	seed := writeFile(t, dir, "putin-china.txt", sample.Seed())
	out, errOut, err := runCmd(t, "ingest", "--db", db, seed)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "1 new, 0 unchanged, 0 duplicates, 0 failed") {
		t.Errorf("summary = %q", out)
	}
	out, _, err = runCmd(t, "ingest", "--db", db, seed)
	if err != nil || !strings.Contains(out, "0 new, 1 unchanged") {
		t.Errorf("re-ingest: %v, summary %q; want 0 new, 1 unchanged", err, out)
	}
	st := openDB(t, db)
	ids, err := st.ArticleIDs(context.Background(), "", 10)
	if err != nil || len(ids) != 1 {
		t.Fatalf("stored ids %v, %v", ids, err)
	}
	a, err := st.Article(context.Background(), ids[0])
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Xi and Putin Discuss Military Alliances in Indo-Pacific Region" || a.Topic != "putin china" {
		t.Errorf("stored title %q, topic %q", a.Title, a.Topic)
	}
	body, headings := 0, 0
	for _, p := range a.Paragraphs {
		if p.Heading {
			headings++
		} else {
			body++
		}
	}
	if body != 17 || headings != 3 {
		t.Errorf("stored %d body paragraphs and %d headings, want 17 and 3", body, headings)
	}
	for _, bad := range []string{"Leave a Reply", "Your email address", "Required fields"} {
		if strings.Contains(a.Text, bad) {
			t.Errorf("stored text has boilerplate %q", bad)
		}
	}
}

func TestIngestBadInputKeepsStored(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "d.db")
	good := writeFile(t, dir, "good.jsonl", []byte(`{"id":"g1","title":"Good","text":"A good article."}`+"\n"))
	if _, errOut, err := runCmd(t, "ingest", "--db", db, "--no-nlp", good); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	empty := writeFile(t, dir, "empty.txt", nil)
	binary := writeFile(t, dir, "blob.txt", []byte("\x00\x01\x02binary\x00"))
	notJSON := writeFile(t, dir, "bad.jsonl", []byte(`{"id":"b1","title":"B1","text":"one"}`+"\nnot json\n"))
	out, errOut, err := runCmd(t, "ingest", "--db", db, "--no-nlp", empty, binary, notJSON, filepath.Join(dir, "missing.txt"))
	if err == nil {
		t.Fatal("ingest with bad inputs succeeded, want an error (non-zero exit)")
	}
	for _, want := range []string{empty + " (text)", "empty input", binary + " (text): binary data", notJSON + ":2 (jsonl): not a JSON object", "missing.txt: no such file"} {
		if !strings.Contains(errOut, want) && !strings.Contains(errOut, strings.Replace(want, " (text)", "", 1)) {
			t.Errorf("stderr does not say %q:\n%s", want, errOut)
		}
	}
	if !strings.Contains(out, "1 new, 0 unchanged, 0 duplicates, 4 failed") {
		t.Errorf("summary = %q, want 1 new and 4 failed", out)
	}
	st := openDB(t, db)
	for _, id := range []string{"g1", "b1"} {
		if _, err := st.Article(context.Background(), id); err != nil {
			t.Errorf("article %s not stored: %v", id, err)
		}
	}
}

func TestIngestStdin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "d.db")
	var out, errOut bytes.Buffer
	err := Run(context.Background(), []string{"ingest", "--db", db, "--no-nlp", "-"}, bytes.NewReader(sample.Seed()), &out, &errOut)
	if err != nil || !strings.Contains(out.String(), "1 new") {
		t.Fatalf("ingest -: %v, %q %q", err, out.String(), errOut.String())
	}
}

// TestIngestBBCRealData ingests all 2,225 BBC articles plus the seed with
// the real command and SQLite store: the 98 exact duplicates listed in
// duplicates.tsv are not stored twice, re-ingesting changes nothing, and
// "putin china" finds the seed first.
func TestIngestBBCRealData(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the BBC corpus; skipped with -short")
	}
	bbc := shareddata.Path(t, "data", "news-corpus", "bbc-news.jsonl.gz")
	dups := shareddata.Path(t, "data", "news-corpus", "duplicates.tsv")
	dir := t.TempDir()
	db := filepath.Join(dir, "bbc.db")
	seed := writeFile(t, dir, "putin-china.txt", sample.Seed())
	out, errOut, err := runCmd(t, "ingest", "--db", db, "--no-nlp", bbc, seed)
	if err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "2226 articles from 2 inputs") || !strings.Contains(out, "2128 new, 0 unchanged, 98 duplicates, 0 failed") {
		t.Errorf("summary = %q, want 2226 articles: 2128 new, 98 duplicates", out)
	}
	st := openDB(t, db)
	stats, err := st.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != 2128 || stats.Duplicates != 98 {
		t.Errorf("stats: %d articles, %d duplicates; want 2128 and 98", stats.Articles, stats.Duplicates)
	}
	f, err := os.Open(dups)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	all := map[string]bool{}
	for after := ""; ; {
		ids, err := st.ArticleIDs(context.Background(), after, 1000)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) == 0 {
			break
		}
		for _, id := range ids {
			all[id] = true
		}
		after = ids[len(ids)-1]
	}
	if len(all) != 2128 {
		t.Errorf("ArticleIDs lists %d articles, want 2128", len(all))
	}
	sc := bufio.NewScanner(f)
	listed := 0
	for sc.Scan() {
		id, orig, ok := strings.Cut(sc.Text(), "\t")
		if !ok || id == "id" {
			continue
		}
		listed++
		if all[id] || !all[orig] {
			t.Errorf("duplicate %s stored (%v) or its original %s not stored (%v)", id, all[id], orig, all[orig])
		}
	}
	if listed != 98 {
		t.Errorf("read %d duplicates from duplicates.tsv, want 98", listed)
	}

	out, _, err = runCmd(t, "ingest", "--db", db, "--no-nlp", bbc, seed)
	if err != nil || !strings.Contains(out, "0 new, 2226 unchanged") {
		t.Errorf("re-ingest: %v, summary %q; want 0 new, 2226 unchanged", err, out)
	}
	out, _, err = runCmd(t, "search", "--db", db, "--json", "--limit", "3", "putin china")
	if err != nil || !strings.Contains(out, `"id": "sha256:`) && !strings.Contains(out, `"id":"sha256:`) {
		t.Errorf("search: %v\n%s", err, out)
	}
	first := out[strings.Index(out, `"results"`):]
	if !strings.Contains(first[:min(len(first), 300)], "Xi and Putin Discuss Military Alliances") {
		t.Errorf("the seed is not the first result for \"putin china\":\n%s", out)
	}
}
