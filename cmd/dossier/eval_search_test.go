package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEvalSearch runs the search evaluation on a six-document collection
// written for this test (searcheval/testdata/mini): every query finds its
// two relevant documents first, so MAP and nDCG@10 are 1 and P@10 is 0.2,
// though query 2 holds punctuation that is search syntax (a colon, an
// unbalanced quote) and query 3 an upper-case OR.
func TestEvalSearch(t *testing.T) {
	out, _, err := runCmd(t, "eval", "search", "../../searcheval/testdata/mini")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "6 documents stored; 3 queries: MAP 1.0000  P@10 0.2000  nDCG@10 1.0000") {
		t.Errorf("output:\n%s", out)
	}
	// A database that exists is refused: the collection is measured alone.
	db := filepath.Join(t.TempDir(), "x.db")
	if err := os.WriteFile(db, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "eval", "search", "--db", db, "../../searcheval/testdata/mini"); err == nil || !strings.Contains(err.Error(), "exists") {
		t.Errorf("existing --db: %v", err)
	}
	if _, _, err := runCmd(t, "eval", "search", t.TempDir()); err == nil || !strings.Contains(err.Error(), "documents.jsonl") {
		t.Errorf("empty directory: %v, want an error naming the missing file", err)
	}
}
