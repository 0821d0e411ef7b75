package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestDemo runs 'dossier demo' in-process and checks that the brief of the
// bundled sample names the seed's people and quotes, and that --db keeps a
// database that a later command can read.
func TestDemo(t *testing.T) {
	if testing.Short() {
		t.Skip("demo runs the whole pipeline; skipped with -short")
	}
	db := filepath.Join(t.TempDir(), "demo.db")
	var out, errOut bytes.Buffer
	if err := Run(context.Background(), []string{"demo", "--db", db, "--format", "json"}, nil, &out, &errOut); err != nil {
		t.Fatalf("demo: %v\n%s", err, errOut.String())
	}
	var b struct {
		Query    string `json:"query"`
		Overview struct {
			Matches int `json:"matches"`
		} `json:"overview"`
	}
	if err := json.Unmarshal(out.Bytes(), &b); err != nil {
		t.Fatalf("demo --format json is not JSON: %v\n%s", err, out.String())
	}
	if b.Query != "putin china" {
		t.Errorf("query = %q, want %q", b.Query, "putin china")
	}
	if b.Overview.Matches < 2 {
		t.Errorf("overview.matches = %d, want the seed and the sample articles", b.Overview.Matches)
	}
	for _, want := range []string{"Vladimir Putin", "Xi Jinping", "Yuri Ushakov", "We believe it is necessary", "$240 billion"} {
		if !bytes.Contains(out.Bytes(), []byte(want)) {
			t.Errorf("demo brief lacks %q", want)
		}
	}

	// The kept database answers a search, and a second demo refuses to overwrite it.
	out.Reset()
	if err := Run(context.Background(), []string{"search", "--db", db, "--json", "putin china"}, nil, &out, &errOut); err != nil {
		t.Fatalf("search on the demo database: %v", err)
	}
	if !bytes.Contains(out.Bytes(), []byte("Xi and Putin Discuss Military Alliances")) {
		t.Errorf("search on the demo database misses the seed:\n%s", out.String())
	}
	if err := Run(context.Background(), []string{"demo", "--db", db}, nil, &out, &errOut); err == nil {
		t.Error("demo over an existing --db succeeded; want a refusal")
	}
}
