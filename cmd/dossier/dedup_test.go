package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestNearDuplicates ingests a wire story, a lightly edited
// re-publication under a new headline, and an unrelated story: the copy is
// linked to its original and shares its story, search shows the original
// alone (copies are not counted twice), and a second ingest changes nothing.
func TestIngestNearDuplicates(t *testing.T) {
	body := strings.Repeat("The harbour authority said on Tuesday that the new container terminal "+
		"would double the port's capacity by the end of next year, after dredging of the channel is complete. ", 3)
	edited := strings.Replace(body, "on Tuesday", "on Wednesday", 1)
	lines := []map[string]string{
		{"id": "wire-1", "title": "Port to double capacity", "text": body},
		{"id": "copy-1", "title": "Opinion | Harbour expansion approved", "text": edited},
		{"id": "other-1", "title": "Orchestra tours Asia", "text": "The national orchestra begins a twelve-city tour of Asia next month with a programme of Sibelius and Elgar, its director said."},
	}
	var jsonl bytes.Buffer
	for _, l := range lines {
		b, _ := json.Marshal(l)
		jsonl.Write(append(b, '\n'))
	}
	dir := t.TempDir()
	src := writeFile(t, dir, "wire.jsonl", jsonl.Bytes())
	db := filepath.Join(dir, "t.db")
	ctx := context.Background()

	var out, errOut bytes.Buffer
	if err := Run(ctx, []string{"ingest", "--db", db, "--no-nlp", src}, nil, &out, &errOut); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut.String())
	}
	st := openDB(t, db)
	cp, err := st.Article(ctx, "copy-1")
	if err != nil {
		t.Fatal(err)
	}
	if cp.DuplicateOf != "wire-1" {
		t.Errorf("copy-1 DuplicateOf = %q, want wire-1", cp.DuplicateOf)
	}
	if cp.SimHash == 0 {
		t.Error("copy-1 has no SimHash")
	}
	orig, err := st.Article(ctx, "wire-1")
	if err != nil {
		t.Fatal(err)
	}
	if cp.StoryID == "" || cp.StoryID != orig.StoryID {
		t.Errorf("copy story %q, original story %q: want the same story", cp.StoryID, orig.StoryID)
	}
	st.Close()

	out.Reset()
	if err := Run(ctx, []string{"search", "--db", db, "--json", "container terminal"}, nil, &out, &errOut); err != nil {
		t.Fatalf("search: %v", err)
	}
	var res struct {
		Results []struct {
			ID   string `json:"id"`
			More int    `json:"more"`
		} `json:"results"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(res.Results); got != "[{wire-1 0}]" {
		t.Errorf("search results = %s, want the original alone", got)
	}

	out.Reset()
	if err := Run(ctx, []string{"ingest", "--db", db, "--no-nlp", src}, nil, &out, &errOut); err != nil {
		t.Fatalf("re-ingest: %v", err)
	}
	if !strings.Contains(out.String(), "0 new, 3 unchanged") {
		t.Errorf("re-ingest summary = %q, want 0 new, 3 unchanged", out.String())
	}
}
