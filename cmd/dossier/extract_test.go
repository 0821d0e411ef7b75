package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	goldenfile "github.com/dossier/dossier/internal/golden"
	"github.com/dossier/dossier/sample"
)

var updateGolden = flag.Bool("update-extract", false, "rewrite testdata/extract/*.golden.json")

// TestExtractGolden runs 'dossier extract --no-nlp' on every input in
// testdata/extract and compares the JSON with its .golden.json (rewrite
// them with -update-extract).
func TestExtractGolden(t *testing.T) {
	inputs, _ := filepath.Glob("testdata/extract/*")
	n := 0
	for _, in := range inputs {
		if strings.HasSuffix(in, ".golden.json") {
			continue
		}
		n++
		t.Run(filepath.Base(in), func(t *testing.T) {
			out, errOut, err := runCmd(t, "extract", "--no-nlp", in)
			if err != nil {
				t.Fatalf("%v\n%s", err, errOut)
			}
			golden := strings.TrimSuffix(in, filepath.Ext(in)) + ".golden.json"
			goldenfile.Check(t, golden, []byte(out), *updateGolden)
		})
	}
	if n == 0 {
		t.Fatal("no inputs in testdata/extract")
	}
}

// extractKeys are the keys the extract JSON output always has.
var extractKeys = []string{"id", "title", "topic", "byline", "published", "url", "source", "language", "text",
	"paragraphs", "entities", "quotes", "figures", "dates"}

func TestExtractSeedJSON(t *testing.T) {
	p := writeFile(t, t.TempDir(), "putin-china.txt", sample.Seed())
	out, errOut, err := runCmd(t, "extract", "--no-nlp", p)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("not one JSON object: %v\n%s", err, out)
	}
	for _, k := range extractKeys {
		if _, ok := got[k]; !ok {
			t.Errorf("key %q missing", k)
		}
	}
	for _, k := range []string{"entities", "quotes", "figures", "dates"} {
		if string(got[k]) != "[]" {
			t.Errorf("%s = %s, want [] without NLP", k, got[k])
		}
	}
	var a struct {
		Title, Topic, Text string
		Paragraphs         []struct {
			Start, End int
			Heading    bool
		}
	}
	json.Unmarshal([]byte(out), &a)
	if a.Title != "Xi and Putin Discuss Military Alliances in Indo-Pacific Region" || a.Topic != "putin china" {
		t.Errorf("title %q topic %q", a.Title, a.Topic)
	}
	if len(a.Paragraphs) != 20 {
		t.Fatalf("%d paragraphs, want 20 (17 body + 3 headings)", len(a.Paragraphs))
	}
	if h := a.Paragraphs[2]; !h.Heading || a.Text[h.Start:h.End] != "Talks lasted for two and a half hours" {
		t.Errorf("paragraph 2 = %q heading=%v", a.Text[h.Start:h.End], h.Heading)
	}
}

func TestExtractWithNLPHasArrays(t *testing.T) {
	var out, errOut bytes.Buffer
	err := Run(context.Background(), []string{"extract", "-"}, bytes.NewReader(sample.Seed()), &out, &errOut)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut.String())
	}
	var got map[string]json.RawMessage
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"paragraphs", "entities", "quotes", "figures", "dates"} {
		if len(got[k]) == 0 || got[k][0] != '[' {
			t.Errorf("%s = %s, want an array (never null)", k, got[k])
		}
	}
}

// TestExtractJSONTextByteForByte: for JSON input the output text is the
// input text, byte for byte, whatever it holds.
func TestExtractJSONTextByteForByte(t *testing.T) {
	text := "  Leading space.\r\n\r\nMarkup <b>&amp;</b> stays, \"quotes\" too, \u2028 and é.\n\n\nTabs\there.  \n"
	rec, _ := json.Marshal(map[string]any{"id": "x1", "title": "T", "text": text, "published": "2024-05-16T10:00:00Z", "source": "S"})
	for _, name := range []string{"a.jsonl", "a.json"} {
		p := writeFile(t, t.TempDir(), name, rec)
		out, errOut, err := runCmd(t, "extract", "--no-nlp", p)
		if err != nil {
			t.Fatalf("%s: %v\n%s", name, err, errOut)
		}
		var a struct {
			ID, Text, Published string
			Paragraphs          []struct{ Start, End int }
		}
		if err := json.Unmarshal([]byte(out), &a); err != nil {
			t.Fatal(err)
		}
		if a.Text != text {
			t.Errorf("%s: text changed:\n got %q\nwant %q", name, a.Text, text)
		}
		if a.ID != "x1" || a.Published != "2024-05-16T10:00:00Z" {
			t.Errorf("%s: id %q published %q", name, a.ID, a.Published)
		}
		if len(a.Paragraphs) != 3 || text[a.Paragraphs[0].Start:a.Paragraphs[0].End] != "Leading space." {
			t.Errorf("%s: paragraphs %v", name, a.Paragraphs)
		}
	}
}

func TestExtractText(t *testing.T) {
	p := writeFile(t, t.TempDir(), "seed.txt", sample.Seed())
	out, _, err := runCmd(t, "extract", "--no-nlp", "--format", "text", p)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Title:     Xi and Putin Discuss Military Alliances", "Topic:     putin china",
		"17 paragraphs (3 headings)", "## Ceremonial Welcome\n\nXi personally welcomed"} {
		if !strings.Contains(out, want) {
			t.Errorf("text output lacks %q:\n%s", want, out[:min(len(out), 600)])
		}
	}
}

func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"blob.bin":   "blob.bin (text): binary data",
		"empty.txt":  "empty.txt: empty input",
		"bad.jsonl":  "bad.jsonl:1 (jsonl): invalid JSON",
		"nofile.txt": "no such file",
	}
	data := map[string][]byte{"blob.bin": {0, 1, 2, 3, 0}, "empty.txt": {}, "bad.jsonl": []byte("{\"id\": 1,,}\n")}
	for name, want := range cases {
		p := filepath.Join(dir, name)
		if d, ok := data[name]; ok {
			writeFile(t, dir, name, d)
		}
		_, errOut, err := runCmd(t, "extract", p)
		if err == nil {
			t.Errorf("%s: no error", name)
			continue
		}
		if msg := err.Error() + errOut; !strings.Contains(msg, want) {
			t.Errorf("%s: error %q, stderr %q; want %q", name, err, errOut, want)
		}
	}
	if _, _, err := runCmd(t, "extract", "--format", "xml", "x"); err == nil || !strings.Contains(err.Error(), "--format") {
		t.Errorf("bad --format: %v", err)
	}
}
