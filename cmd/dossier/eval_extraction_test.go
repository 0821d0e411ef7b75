package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeBenchmark writes a two-page benchmark folder in the
// article-extraction-benchmark layout.
func writeBenchmark(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	body := "The council approved the new flood barrier on Monday after a long debate about its cost and its effect on the harbour."
	good := `<html><head><title>Barrier</title><meta property="article:published_time" content="2024-03-12T08:00:00Z"><meta name="author" content="Maria Okafor"></head>` +
		`<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>Barrier</h1><p>` + body + `</p></article></body></html>`
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(good))
	zw.Close()
	if err := os.WriteFile(filepath.Join(dir, "html", "aaaa.html.gz"), gz.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	other := `<html><body><p>Completely different words about a football match that ended in a draw after extra time in the rain.</p></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "html", "bbbb.html"), []byte(other), 0o644); err != nil {
		t.Fatal(err)
	}
	gt := map[string]map[string]string{
		"aaaa": {"articleBody": body, "url": "https://news.example/a"},
		"bbbb": {"articleBody": "A text that the page does not contain at all, about elections in another country.", "url": "https://sport.example/b"},
	}
	raw, _ := json.Marshal(gt)
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestEvalExtraction(t *testing.T) {
	dir := writeBenchmark(t)
	var out, errOut bytes.Buffer
	if err := Run(context.Background(), []string{"eval", "extraction", dir}, nil, &out, &errOut); err != nil {
		t.Fatalf("eval extraction: %v\n%s", err, errOut.String())
	}
	got := out.String()
	// Page aaaa is extracted exactly (P=R=1), page bbbb not at all (0):
	// averages 0.5 and 0.5, F1 0.5, accuracy 0.5.
	for _, want := range []string{"2 pages", "precision 0.5000  recall 0.5000  F1 0.5000  accuracy 0.5000", "worst 2 pages", "published   1/  1 correct", "byline      1/  1 correct"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	// The worst page comes first.
	if i, j := strings.Index(got, "bbbb"), strings.Index(got, "aaaa"); i < 0 || j < 0 || i > j {
		t.Errorf("worst pages not sorted worst first:\n%s", got)
	}
}

func TestEvalExtractionBaseline(t *testing.T) {
	dir := writeBenchmark(t)
	var out bytes.Buffer
	if err := Run(context.Background(), []string{"eval", "extraction", "--engine", "readability", "--worst", "0", dir}, nil, &out, &bytes.Buffer{}); err != nil {
		t.Fatalf("eval extraction --engine readability: %v", err)
	}
	if !strings.Contains(out.String(), "engine readability, 2 pages") || strings.Contains(out.String(), "worst") {
		t.Errorf("unexpected output:\n%s", out.String())
	}
}

func TestEvalExtractionErrors(t *testing.T) {
	dir := writeBenchmark(t)
	for _, args := range [][]string{
		{"eval", "extraction"},
		{"eval", "extraction", filepath.Join(dir, "missing")},
		{"eval", "extraction", "--half", "c", dir},
		{"eval", "extraction", "--engine", "nope", dir},
	} {
		var out, errOut bytes.Buffer
		err := Run(context.Background(), args, nil, &out, &errOut)
		if err == nil {
			t.Errorf("%q: no error", args)
		}
	}
}

func TestHostHalf(t *testing.T) {
	if hostHalf("https://www.example.com/a") != hostHalf("http://example.com/b") {
		t.Error("www. and scheme change the half")
	}
	seen := map[string]bool{}
	for _, h := range []string{"a.com", "b.com", "c.com", "d.com", "e.com", "f.com", "g.com", "h.com"} {
		seen[hostHalf("https://"+h+"/")] = true
	}
	if !seen["a"] || !seen["b"] {
		t.Error("eight hosts all fell in one half")
	}
}
