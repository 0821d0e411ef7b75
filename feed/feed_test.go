package feed

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	goldenfile "github.com/dossier/dossier/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestDetect(t *testing.T) {
	cases := map[string]Kind{
		"rss2.xml":           RSS,
		"atom.xml":           Atom,
		"feed.json":          JSONFeed,
		"subscriptions.opml": OPML,
		"page.html":          HTML,
	}
	for file, want := range cases {
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			t.Fatal(err)
		}
		if got := Detect(data); got != want {
			t.Errorf("Detect(%s) = %v, want %v", file, got, want)
		}
	}
	for in, want := range map[string]Kind{
		"":                                       Unknown,
		"\xef\xbb\xbf<rss version='2.0'>":        RSS,
		`<rdf:RDF xmlns:rdf="x">`:                RSS,
		"<atom:feed xmlns:atom='x'>":             Atom,
		`{"items": []}`:                          Unknown,
		"<html><body>hi":                         HTML,
		"plain text":                             Unknown,
		"<?xml version='1.0'?>\n<!DOCTYPE html>": HTML,
	} {
		if got := Detect([]byte(in)); got != want {
			t.Errorf("Detect(%q) = %v, want %v", in, got, want)
		}
	}
}

// TestReadGolden reads each sample feed into articles and compares them with
// testdata/NAME.golden.json (rewrite with go test ./feed -update).
func TestReadGolden(t *testing.T) {
	for _, file := range []string{"rss2.xml", "atom.xml", "feed.json"} {
		t.Run(file, func(t *testing.T) {
			f, err := os.Open(filepath.Join("testdata", file))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			var got []dossier.Article
			err = Read("https://example.org/"+file, f, func(a dossier.Article) error {
				got = append(got, a)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			b, _ := json.MarshalIndent(got, "", "  ")
			golden := filepath.Join("testdata", file+".golden.json")
			goldenfile.Check(t, golden, append(b, '\n'), *update)
		})
	}
}

func TestRSSItemFields(t *testing.T) {
	data, _ := os.ReadFile("testdata/rss2.xml")
	f, err := Parse(data, "https://news.example.org/rss.xml")
	if err != nil {
		t.Fatal(err)
	}
	if f.Kind != RSS || f.Title != "Harbour Gazette" || f.Language != "en" || len(f.Items) != 2 {
		t.Fatalf("feed = %+v", f)
	}
	a := f.Article(f.Items[0])
	if a.URL != "https://news.example.org/2024/05/16/ferry-terminal" {
		t.Errorf("relative link not resolved: %q", a.URL)
	}
	if a.Title != `Council approves new ferry terminal after "long" debate` {
		t.Errorf("title = %q", a.Title)
	}
	if a.Byline != "Mara Lind" || a.Published.Format("2006-01-02T15:04Z07:00") != "2024-05-16T08:30Z" {
		t.Errorf("byline %q published %v", a.Byline, a.Published)
	}
	if strings.Contains(a.Text, "trackView") || strings.Contains(a.Text, "old terminal") {
		t.Errorf("script or figure kept in text: %q", a.Text)
	}
	if len(a.Paragraphs) != 4 || !a.Paragraphs[1].Heading || a.Text[a.Paragraphs[1].Start:a.Paragraphs[1].End] != "What was decided" {
		t.Errorf("paragraphs = %+v in %q", a.Paragraphs, a.Text)
	}
	for _, p := range a.Paragraphs {
		if p.Start < 0 || p.End > len(a.Text) || p.Start >= p.End {
			t.Errorf("bad span %+v", p)
		}
	}
	// The second item has only a description: it becomes the text.
	b := f.Article(f.Items[1])
	if b.Text != "Forecasters expect gusts of up to 70 mph on Saturday." || f.Items[1].FullText() {
		t.Errorf("summary-only item: %q", b.Text)
	}
}

func TestFullText(t *testing.T) {
	long := "<p>" + strings.Repeat("word ", FullTextWords) + "</p>"
	if !(Item{Content: long}).FullText() {
		t.Error("content of FullTextWords words should count as full text")
	}
	if (Item{Content: "<p>short teaser</p>", Summary: long}).FullText() {
		t.Error("a teaser is not full text")
	}
}

func TestParseErrorsNameInput(t *testing.T) {
	for _, in := range []string{"", "not a feed", "<rss><channel><item><title>x", "<html><body>page</body></html>", "\x00\x01\x02"} {
		err := Read("bad-input.xml", strings.NewReader(in), func(dossier.Article) error { return nil })
		if in == "<rss><channel><item><title>x" && err == nil {
			continue // gofeed's RSS parser is lenient about unclosed tags
		}
		if err == nil || !strings.Contains(err.Error(), "bad-input.xml") {
			t.Errorf("Read(%q): err = %v, want an error naming the input", in, err)
		}
		if err != nil && dossier.ErrorCode(err) != dossier.EINVALID {
			t.Errorf("Read(%q): code %q, want invalid", in, dossier.ErrorCode(err))
		}
	}
}

func TestOPML(t *testing.T) {
	data, _ := os.ReadFile("testdata/subscriptions.opml")
	subs, err := ParseOPML("subscriptions.opml", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{Title: "Harbour Gazette", FeedURL: "https://news.example.org/rss.xml", SiteURL: "https://news.example.org/"},
		{Title: "The Valley Tribune", FeedURL: "https://tribune.example.com/feed.json"},
	}
	if len(subs) != len(want) {
		t.Fatalf("got %+v", subs)
	}
	for i := range want {
		if subs[i] != want[i] {
			t.Errorf("sub %d = %+v, want %+v", i, subs[i], want[i])
		}
	}
	if _, err := ParseOPML("empty.opml", []byte("<opml><body></body></opml>")); err == nil || !strings.Contains(err.Error(), "empty.opml") {
		t.Errorf("empty OPML: %v", err)
	}
	if _, err := ParseOPML("junk.opml", []byte("junk")); err == nil {
		t.Error("junk accepted as OPML")
	}
}

func TestDiscover(t *testing.T) {
	data, _ := os.ReadFile("testdata/page.html")
	got := Discover(data, "https://news.example.org/news/ferry")
	want := []string{
		"https://news.example.org/rss.xml",
		"https://news.example.org/news/atom.xml",
		"https://news.example.org/feed.json",
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("Discover = %q, want %q", got, want)
	}
	if got := Discover([]byte("<html><head></head><body></body></html>"), "https://x.example/"); len(got) != 0 {
		t.Fatalf("page without feeds: %q", got)
	}
}

func TestEmitErrorStops(t *testing.T) {
	data, _ := os.ReadFile("testdata/rss2.xml")
	stop := errors.New("stop")
	n := 0
	err := Read("rss2.xml", bytes.NewReader(data), func(dossier.Article) error { n++; return stop })
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err = %v after %d articles", err, n)
	}
}

func FuzzRead(f *testing.F) {
	for _, file := range []string{"rss2.xml", "atom.xml", "feed.json"} {
		data, err := os.ReadFile(filepath.Join("testdata", file))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"version":"https://jsonfeed.org/version/1","items":[{"content_text":"x"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		err := Read("fuzz.xml", bytes.NewReader(data), func(a dossier.Article) error {
			for _, p := range a.Paragraphs {
				if p.Start < 0 || p.End > len(a.Text) || p.Start > p.End {
					t.Fatalf("bad paragraph span %+v in %d bytes", p, len(a.Text))
				}
			}
			if a.ID == "" {
				t.Fatal("article without id")
			}
			return nil
		})
		if err != nil && !strings.Contains(err.Error(), "fuzz.xml") {
			t.Fatalf("error does not name the input: %v", err)
		}
	})
}

func FuzzOPMLAndDiscover(f *testing.F) {
	for _, file := range []string{"subscriptions.opml", "page.html"} {
		data, _ := os.ReadFile(filepath.Join("testdata", file))
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ParseOPML("fuzz.opml", data)
		for _, u := range Discover(data, "https://example.org/") {
			if !strings.HasPrefix(u, "http") {
				t.Fatalf("non-HTTP feed URL %q", u)
			}
		}
		Detect(data)
	})
}
