package sample_test

import (
	"context"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/sample"
)

// TestSampleFiles reads every bundled file the way ingest does: all parse,
// the seed is there, and every other article is marked as a fictional
// sample and is about the demo topic's world.
func TestSampleFiles(t *testing.T) {
	files := sample.Files()
	if len(files) < 3 {
		t.Fatalf("Files() = %v", files)
	}
	var arts []dossier.Article
	for _, name := range files {
		f, err := sample.FS.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		in, err := ingest.NewInput(name, "", f)
		if err != nil {
			t.Fatal(err)
		}
		_, err = ingest.ReadInput(context.Background(), in, func(r ingest.Record) error {
			if r.Err != nil {
				t.Errorf("%s:%d: %v", name, r.Line, r.Err)
			}
			arts = append(arts, r.Article)
			return nil
		})
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n := len(arts); n < 7 || n > 11 {
		t.Errorf("%d sample articles, want the seed plus 6 to 10", n)
	}
	seed, putin := 0, 0
	for _, a := range arts {
		if a.Title == "Xi and Putin Discuss Military Alliances in Indo-Pacific Region" {
			seed++
			continue
		}
		if a.Source != "dossier sample (fictional)" && a.Topic != "dossier sample (fictional)" {
			t.Errorf("%q is not marked as a fictional sample (source %q, topic %q)", a.Title, a.Source, a.Topic)
		}
		if !strings.Contains(a.Text, "fictional sample") {
			t.Errorf("%q does not say in its text that it is fictional", a.Title)
		}
		if strings.Contains(a.Text, "Putin") && strings.Contains(a.Text, "China") {
			putin++
		}
	}
	if seed != 1 {
		t.Errorf("seed article found %d times, want 1", seed)
	}
	if putin < 3 {
		t.Errorf("only %d sample articles mention Putin and China; the demo brief needs more", putin)
	}
}
