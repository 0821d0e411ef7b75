package shareddata

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"testing"
)

// BBCRecord is one line of the shared BBC corpus
// (data/news-corpus/bbc-news.jsonl.gz).
type BBCRecord struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Text     string `json:"text"`
	Category string `json:"category"`
	Source   string `json:"source"`
}

// BBC reads the shared BBC corpus (2,225 articles, in id order), or skips
// tb when it is absent. Tests and benchmarks that need real news use it.
func BBC(tb testing.TB) []BBCRecord {
	tb.Helper()
	path := Path(tb, "data", "news-corpus", "bbc-news.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	var out []BBCRecord
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var r BBCRecord
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		out = append(out, r)
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return out
}
