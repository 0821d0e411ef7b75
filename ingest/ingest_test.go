package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/sample"
)

func write(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jsonl(recs ...map[string]any) []byte {
	var b bytes.Buffer
	for _, r := range recs {
		line, _ := json.Marshal(r)
		b.Write(line)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func art(id, title, text string) map[string]any {
	return map[string]any{"id": id, "title": title, "text": text}
}

// run ingests sources into st and collects the reported errors.
func run(t *testing.T, st dossier.Store, sources ...string) (Summary, []error, error) {
	t.Helper()
	var errs []error
	sum, err := Run(context.Background(), sources, Options{
		Store:     st,
		BatchSize: 3,
		OnError:   func(e error) { errs = append(errs, e) },
	})
	return sum, errs, err
}

func TestRunFormatsAndReingest(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "seed.txt", sample.Seed())
	write(t, dir, "a.jsonl", jsonl(art("a1", "First", "One.\n\nTwo."), art("a2", "Second", "Three.")))
	write(t, dir, "sub/b.jsonl.gz", gz(t, jsonl(art("b1", "Gz one", "Gzipped text."))))
	write(t, dir, "c.json", []byte(`[{"id":"c1","title":"Array one","text":"Array text one."},{"title":"Array two","text":"Array text two.","url":"HTTPS://Example.COM/x?utm_source=a&q=1#top"}]`))
	write(t, dir, "notes.md", []byte("# not an article format, skipped in a directory walk"))
	write(t, dir, ".hidden/x.jsonl", jsonl(art("hidden", "Hidden", "Skipped.")))
	other := write(t, t.TempDir(), "linked.jsonl", jsonl(art("linked", "Linked", "Read through a symbolic link.")))
	if err := os.Symlink(other, filepath.Join(dir, "link.jsonl")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(dir, filepath.Join(dir, "sub", "loop")); err != nil {
		t.Fatal(err)
	}
	st := newMemStore()
	sum, errs, err := run(t, st, dir)
	if err != nil || len(errs) > 0 {
		t.Fatalf("Run: %v %v", err, errs)
	}
	if sum.New != 7 || sum.Inputs != 5 || sum.Articles != 7 {
		t.Fatalf("summary = %+v (%s), want 7 new from 5 inputs", sum, sum)
	}
	if _, err := st.Article(context.Background(), "https://example.com/x?q=1"); err != nil {
		t.Errorf("article without id not stored under its canonical URL: %v", err)
	}
	if _, err := st.Article(context.Background(), "hidden"); err == nil {
		t.Error("hidden directory was read")
	}
	// Re-ingesting changes nothing.
	sum, errs, err = run(t, st, dir)
	if err != nil || len(errs) > 0 {
		t.Fatalf("second Run: %v %v", err, errs)
	}
	if sum.New != 0 || sum.Unchanged != 7 || sum.String() != "0 new, 7 unchanged, 0 duplicates, 0 failed" {
		t.Errorf("re-ingest summary = %q, want 0 new, 7 unchanged", sum)
	}
}

func TestRunSeedArticle(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "putin-china.txt", sample.Seed())
	st := newMemStore()
	if _, errs, err := run(t, st, p); err != nil || len(errs) > 0 {
		t.Fatalf("Run: %v %v", err, errs)
	}
	if len(st.order) != 1 {
		t.Fatalf("stored %d articles, want 1", len(st.order))
	}
	a := st.byID[st.order[0]]
	if a.Title != "Xi and Putin Discuss Military Alliances in Indo-Pacific Region" || a.Topic != "putin china" {
		t.Errorf("title %q topic %q", a.Title, a.Topic)
	}
	if !strings.HasPrefix(a.ID, "sha256:") || a.ContentHash == "" || a.Fetched.IsZero() {
		t.Errorf("identity not set: id %q hash %q fetched %v", a.ID, a.ContentHash, a.Fetched)
	}
	if strings.Contains(a.Text, "Leave a Reply") || strings.Contains(a.Text, "Required fields") {
		t.Error("boilerplate stored")
	}
}

// TestRunKeepsOrderAndDuplicates checks that articles reach the store in
// input order across batches and workers, so that of two exact copies the
// earlier is the original.
func TestRunKeepsOrderAndDuplicates(t *testing.T) {
	var recs []map[string]any
	for i := range 50 {
		recs = append(recs, art(fmt.Sprintf("id%02d", i), fmt.Sprintf("Title %d", i), fmt.Sprintf("Body %d.", i)))
	}
	recs = append(recs, art("copy-of-07", "Title 7", "Body 7."))      // exact duplicate
	recs = append(recs, art("id03", "Title 3", "Body 3."))            // same id twice
	recs = append(recs, art("spaced", "  Title   8 ", "Body  8. \n")) // duplicate after normalising space
	p := write(t, t.TempDir(), "many.jsonl", jsonl(recs...))
	st := newMemStore()
	var errs []error
	sum, err := Run(context.Background(), []string{p}, Options{Store: st, BatchSize: 7, Workers: 4,
		OnError: func(e error) { errs = append(errs, e) },
		Annotate: func(a dossier.Article) dossier.Article {
			time.Sleep(time.Duration(len(a.ID)%3) * time.Millisecond) // finish out of order
			return a
		}})
	if err != nil || len(errs) > 0 {
		t.Fatalf("Run: %v %v", err, errs)
	}
	if sum.New != 50 || sum.Duplicate != 2 || sum.Unchanged != 1 {
		t.Errorf("summary %s, want 50 new, 1 unchanged, 2 duplicates", sum)
	}
	for i, id := range st.order {
		if want := fmt.Sprintf("id%02d", i); id != want {
			t.Fatalf("stored order[%d] = %s, want %s", i, id, want)
		}
	}
}

func TestRunStdinAndGlob(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "x1.jsonl", jsonl(art("x1", "X1", "Text x1.")))
	write(t, dir, "x2.jsonl", jsonl(art("x2", "X2", "Text x2.")))
	st := newMemStore()
	stdin := bytes.NewReader(gz(t, jsonl(art("in", "Stdin", "From stdin."))))
	sum, err := Run(context.Background(), []string{filepath.Join(dir, "x*.jsonl"), "-"}, Options{Store: st, Stdin: stdin})
	if err != nil || sum.New != 3 || sum.Inputs != 3 {
		t.Fatalf("Run: %v, summary %+v; want 3 new from 3 inputs", err, sum)
	}
}

func TestRunURL(t *testing.T) {
	st := newMemStore()
	_, errs, err := run(t, st, "https://example.com/a")
	if !errors.Is(err, ErrFailed) || len(errs) != 1 || !strings.Contains(errs[0].Error(), "https://example.com/a: cannot fetch URLs") {
		t.Fatalf("URL without fetcher: err %v, reported %v", err, errs)
	}
	fetcher := FetcherFunc(func(ctx context.Context, u string) (*Fetched, error) {
		body := "Fetched Title\n\nFetched body paragraph with enough words in it."
		return &Fetched{URL: u + "?utm_medium=x", Body: io.NopCloser(strings.NewReader(body))}, nil
	})
	sum, err := Run(context.Background(), []string{"https://Example.com/a"}, Options{Store: st, Fetcher: fetcher})
	if err != nil || sum.New != 1 {
		t.Fatalf("Run with fetcher: %v %s", err, sum)
	}
	if _, err := st.Article(context.Background(), "https://example.com/a"); err != nil {
		t.Errorf("fetched article not stored under its canonical URL: %v", err)
	}
}

func TestRunStoreFailureStops(t *testing.T) {
	var recs []map[string]any
	for i := range 20 {
		recs = append(recs, art(fmt.Sprint(i), "T", fmt.Sprintf("text %d", i)))
	}
	p := write(t, t.TempDir(), "x.jsonl", jsonl(recs...))
	st := newMemStore()
	st.failOn = 2
	sum, _, err := run(t, st, p)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v, want the store's error", err)
	}
	if st.count() != 3 || sum.New != 3 {
		t.Errorf("stored %d (summary %s), want the first batch of 3 kept", st.count(), sum)
	}
}

// TestBadInput feeds each kind of bad input together with a good file, to
// a store that already holds an article: each bad input is reported with
// its name, the good file and the stored article stay, and nothing panics.
func TestBadInput(t *testing.T) {
	good := jsonl(art("good", "Good", "A good article."))
	var many []map[string]any
	for i := range 400 {
		many = append(many, art(fmt.Sprintf("g%d", i), fmt.Sprintf("T%d", i), fmt.Sprintf("Text %d: %x", i, i*7919*i)))
	}
	validGz := gz(t, jsonl(many...))
	cases := []struct {
		name, file string
		data       []byte
		want       string // in the reported error
		stored     int    // articles of the bad file that are still stored (-1: some)
	}{
		{"empty", "empty.txt", nil, "empty.txt: empty input", 0},
		{"blank", "blank.jsonl", []byte("\n  \n"), "blank.jsonl: empty input", 0},
		{"binary", "image.txt", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"), "image.txt (text): binary data, not text", 0},
		{"random bytes", "random.bin", func() []byte {
			b := make([]byte, 4096)
			for i := range b {
				b[i] = byte(i*7 + i/13)
			}
			return b
		}(), "random.bin (text): binary data", 0},
		{"truncated gzip", "cut.jsonl.gz", validGz[:len(validGz)/2], "cut.jsonl.gz (jsonl): truncated gzip data", -1},
		{"corrupt gzip header", "bad.gz", []byte{0x1f, 0x8b, 0xff, 0x00}, "bad.gz: corrupt gzip data", 0},
		{"invalid utf-8 text", "latin1.txt", []byte("Title\n\nIt cost \xa3100.\n"), "latin1.txt (text): not valid UTF-8: byte 0xa3 at offset 15 (line 3)", 0},
		{"invalid utf-8 jsonl", "latin1.jsonl", append(jsonl(art("ok1", "OK", "fine")), []byte("{\"id\":\"x\",\"title\":\"T\",\"text\":\"\xa3\"}\n")...), "latin1.jsonl:2 (jsonl): not valid UTF-8", 1},
		{"jsonl line not json", "mixed.jsonl", []byte("{\"id\":\"m1\",\"title\":\"A\",\"text\":\"a\"}\nthis is not json\n{\"id\":\"m3\",\"title\":\"C\",\"text\":\"c\"}\n"), "mixed.jsonl:2 (jsonl): not a JSON object: this is not json", 2},
		{"jsonl broken object", "broken.jsonl", []byte("{\"id\":\"b1\",\"title\":\"A\",\"text\":\"a\"}\n{\"id\": \"b2\", \"title\": \n"), "broken.jsonl:2 (jsonl): invalid JSON", 1},
		{"jsonl no text", "notext.jsonl", []byte("{\"id\":\"n1\",\"title\":\"A\"}\n"), "notext.jsonl:1 (jsonl): article has no text", 0},
		{"jsonl wrong type", "type.jsonl", []byte("{\"id\":\"t1\",\"title\":{\"a\":1},\"text\":\"x\"}\n"), "type.jsonl:1 (jsonl): field title: want a string", 0},
		{"json array cut", "cut.json", []byte(`[{"id":"j1","title":"A","text":"a"}, {"id":"j2",`), "cut.json (json): JSON ends early", 1},
		{"missing file", "", nil, "no such file or directory", 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			st := newMemStore()
			pre := write(t, dir, "pre.jsonl", jsonl(art("pre", "Stored before", "Already stored.")))
			if _, _, err := run(t, st, pre); err != nil {
				t.Fatal(err)
			}
			bad := filepath.Join(dir, "missing.txt")
			if c.file != "" {
				bad = write(t, dir, c.file, c.data)
			}
			goodPath := write(t, dir, "good.jsonl", good)
			sum, errs, err := run(t, st, bad, goodPath)
			if !errors.Is(err, ErrFailed) {
				t.Fatalf("Run error = %v, want ErrFailed", err)
			}
			if len(errs) != 1 {
				t.Fatalf("reported %d errors, want 1: %v", len(errs), errs)
			}
			if msg := errs[0].Error(); !strings.Contains(msg, c.want) || !strings.Contains(msg, bad) {
				t.Errorf("error %q does not name %s and say %q", msg, bad, c.want)
			}
			if sum.Failed != 1 {
				t.Errorf("summary %s, want 1 failed", sum)
			}
			for _, id := range []string{"pre", "good"} {
				if _, err := st.Article(context.Background(), id); err != nil {
					t.Errorf("article %q missing after the bad input: %v", id, err)
				}
			}
			if got := st.count() - 2; got != c.stored && !(c.stored < 0 && got > 0) {
				t.Errorf("%d articles of the bad input stored, want %d", got, c.stored)
			}
		})
	}
}

// TestBadInputHuge writes a 100 MB plain-text document (refused whole,
// reading no more than the limit) and a 100 MB JSON Lines file (streamed
// line by line) and checks memory stays bounded.
func TestBadInputHuge(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 200 MB to a temporary directory; skipped with -short")
	}
	dir := t.TempDir()
	const size = 100 << 20
	bigText := filepath.Join(dir, "huge.txt")
	f, err := os.Create(bigText)
	if err != nil {
		t.Fatal(err)
	}
	line := []byte(strings.Repeat("All work and no play makes a dull article. ", 20) + "\n\n")
	for n := 0; n < size; n += len(line) {
		f.Write(line)
	}
	f.Close()

	bigJSONL := filepath.Join(dir, "huge.jsonl")
	f, err = os.Create(bigJSONL)
	if err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("Paragraph text of a generated article. ", 50)
	count := 0
	for n := 0; n < size; count++ {
		rec, _ := json.Marshal(art(fmt.Sprintf("big-%d", count), fmt.Sprintf("Generated %d", count), fmt.Sprintf("%d %s", count, body)))
		rec = append(rec, '\n')
		f.Write(rec)
		n += len(rec)
	}
	f.Close()

	st := &countStore{}
	var errs []error
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	stop := make(chan struct{})
	peak := make(chan uint64)
	go func() { // sample the heap while ingesting
		var m runtime.MemStats
		var max uint64
		for {
			select {
			case <-stop:
				peak <- max
				return
			case <-time.After(20 * time.Millisecond):
				runtime.ReadMemStats(&m)
				max = maxU(max, m.HeapInuse)
			}
		}
	}()
	sum, err := Run(context.Background(), []string{bigText, bigJSONL}, Options{Store: st,
		OnError: func(e error) { errs = append(errs, e) }})
	close(stop)
	heap := <-peak
	if !errors.Is(err, ErrFailed) || len(errs) != 1 || !strings.Contains(errs[0].Error(), "huge.txt (text): document is larger than the 32 MB limit") {
		t.Fatalf("err %v, reported %v; want huge.txt refused as too large", err, errs)
	}
	if st.n != count || sum.New != count {
		t.Errorf("stored %d of %d JSON Lines articles (summary %s)", st.n, count, sum)
	}
	t.Logf("peak heap in use %d MB (before %d MB) for 2 x 100 MB inputs, %d articles", heap>>20, before.HeapInuse>>20, count)
	if heap > before.HeapInuse+96<<20 {
		t.Errorf("peak heap %d MB: memory is not bounded", heap>>20)
	}
}

func maxU(a, b uint64) uint64 {
	if a > b {
		return a
	}
	return b
}

// countStore counts articles without keeping them.
type countStore struct {
	memStore
	n int
}

func (s *countStore) PutArticles(_ context.Context, as []*dossier.Article) (dossier.PutStats, error) {
	s.n += len(as)
	return dossier.PutStats{New: len(as)}, nil
}

func TestContentHash(t *testing.T) {
	base := ContentHash("A title", "First paragraph here.\n\nSecond one.")
	same := []struct{ title, text string }{
		{"  A   title ", "First paragraph here.\n\nSecond one."},
		{"A title", "First paragraph\nhere.\r\n\r\nSecond one.\n"},
		{"A title", "\n\nFirst  paragraph here.\n \t\n\n\nSecond one."},
	}
	for _, c := range same {
		if h := ContentHash(c.title, c.text); h != base {
			t.Errorf("ContentHash(%q, %q) differs from the normalised form", c.title, c.text)
		}
	}
	differ := []struct{ title, text string }{
		{"A title", "First paragraph here. Second one."}, // paragraph break moved
		{"A Title", "First paragraph here.\n\nSecond one."},
		{"A title", "First paragraph here.\n\nSecond one!"},
		{"A title First", "paragraph here.\n\nSecond one."},
	}
	for _, c := range differ {
		if h := ContentHash(c.title, c.text); h == base {
			t.Errorf("ContentHash(%q, %q) equals a different article's", c.title, c.text)
		}
	}
}

func TestFinalizeIDs(t *testing.T) {
	now := time.Date(2024, 5, 16, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		a      dossier.Article
		wantID string
	}{
		{dossier.Article{ID: " given-1 ", URL: "https://x.org/a", Title: "T", Text: "x"}, "given-1"},
		{dossier.Article{URL: "HTTPS://News.Example.COM:443/a/b?utm_source=rss&id=3&fbclid=z#comments", Title: "T", Text: "x"}, "https://news.example.com/a/b?id=3"},
		{dossier.Article{URL: "http://example.com", Title: "T", Text: "x"}, "http://example.com/"},
		{dossier.Article{Title: "T", Text: "x"}, "sha256:" + ContentHash("T", "x")[:32]},
	}
	for _, c := range cases {
		a := c.a
		Finalize(&a, now)
		if a.ID != c.wantID {
			t.Errorf("Finalize(%+v).ID = %q, want %q", c.a, a.ID, c.wantID)
		}
		if !a.Fetched.Equal(now) || a.ContentHash != ContentHash(c.a.Title, c.a.Text) {
			t.Errorf("Fetched %v, ContentHash %q not set", a.Fetched, a.ContentHash)
		}
		if a.Entities == nil || a.Quotes == nil || a.Figures == nil || a.Dates == nil || a.Paragraphs == nil {
			t.Error("nil item slices after Finalize")
		}
	}
}

func TestParseTime(t *testing.T) {
	want := time.Date(2024, 5, 16, 0, 0, 0, 0, time.UTC)
	for _, s := range []string{"2024-05-16", "2024-05-16T00:00:00Z", "2024-05-16T02:00:00+02:00", "2024-05-16 00:00:00",
		"Thu, 16 May 2024 00:00:00 GMT", "Thu, 16 May 2024 00:00:00 +0000", "May 16, 2024", "16 May 2024", "1715817600", "20240516"} {
		got, err := ParseTime(s)
		if err != nil || !got.Equal(want) {
			t.Errorf("ParseTime(%q) = %v, %v; want %v", s, got, err, want)
		}
	}
	for _, s := range []string{"", "yesterday", "16/05/2024", "2024-13-01"} {
		if _, err := ParseTime(s); err == nil {
			t.Errorf("ParseTime(%q) succeeded, want an error", s)
		}
	}
}

// TestJSONLFields checks the field mapping: text byte for byte, numeric
// ids, dates, aliases, unknown fields kept in Meta, derived fields dropped.
func TestJSONLFields(t *testing.T) {
	text := "First para  with  spaces.\r\n\r\nSecond <b>&amp;</b> “quoted”.\n"
	line, _ := json.Marshal(map[string]any{
		"id": 42, "title": "", "text": text, "published": "2024-05-16", "source": "Wire",
		"author": []string{"A. Writer", "B. Writer"}, "topic": "t", "category": "business",
		"extra": map[string]int{"n": 1}, "entities": []int{1}, "content_hash": "x",
	})
	in, err := NewInput("x.jsonl", "", bytes.NewReader(append(line, '\n')))
	if err != nil {
		t.Fatal(err)
	}
	var got []Record
	format, err := ReadInput(context.Background(), in, func(r Record) error { got = append(got, r); return nil })
	if err != nil || format != "jsonl" || len(got) != 1 || got[0].Err != nil {
		t.Fatalf("ReadInput: format %q, err %v, records %+v", format, err, got)
	}
	a := got[0].Article
	if a.Text != text {
		t.Errorf("text changed: %q", a.Text)
	}
	if a.ID != "42" || a.Title != "" || a.Source != "Wire" || a.Byline != "A. Writer, B. Writer" || a.Topic != "t" ||
		!a.Published.Equal(time.Date(2024, 5, 16, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("fields: %+v", a)
	}
	if string(a.Meta["category"]) != `"business"` || string(a.Meta["extra"]) != `{"n":1}` || len(a.Meta) != 2 {
		t.Errorf("meta = %v, want category and extra only", a.Meta)
	}
	if len(a.Paragraphs) != 2 || text[a.Paragraphs[1].Start:a.Paragraphs[1].End] != "Second <b>&amp;</b> “quoted”." {
		t.Errorf("paragraphs = %v", a.Paragraphs)
	}
}

func TestDetect(t *testing.T) {
	cases := map[string]string{
		`{"id":"1","text":"x"}` + "\n" + `{"id":"2","text":"y"}`:                  "jsonl",
		"\xef\xbb\xbf  {\"text\":\"x\"}":                                          "jsonl",
		"{\n  \"id\": \"1\",\n  \"text\": \"x\"\n}\n":                             "json",
		"[{\"text\":\"x\"}]":                                                      "json",
		"<!DOCTYPE html><html><body><p>x</p></body></html>":                       "html",
		"  <div class=a><p>Hello</p></div>":                                       "html",
		"Title\n\nBody text.":                                                     "text",
		"<not really markup> but text":                                            "text",
		"WARC/1.1\r\nWARC-Type: warcinfo\r\n":                                     "unsupported",
		"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>x</title>": "unsupported",
		"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">":     "unsupported",
		"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n":                                           "unsupported",
	}
	for head, want := range cases {
		f, ok := Detect("", []byte(head))
		if want == "unsupported" {
			// A reader for it (warc.go, feed.go) may be registered; it
			// must not be read as HTML or text.
			if kind := unsupportedKind([]byte(head)); kind == "" {
				t.Errorf("unsupportedKind(%q) = \"\"", head)
			}
			if !ok || f.Name == "html" || f.Name == "text" || f.Name == "json" || f.Name == "jsonl" {
				t.Errorf("Detect(%q) = %q, want a specific reader or \"unsupported\"", head, f.Name)
			}
			continue
		}
		if !ok || f.Name != want {
			t.Errorf("Detect(%q) = %q, want %q", head, f.Name, want)
		}
	}
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"id":"1","title":"T","text":"x","published":"2024-05-16"}` + "\n" + `not json` + "\n"))
	f.Add([]byte("{\"text\":\"a\\u0000b\",\"id\":7,\"author\":[\"x\"]}\n\n{\"text\":\"\xff\"}\n{"))
	f.Add([]byte(`{"text":"t","meta":{"a":1},"published":1715817600}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if bytes.HasPrefix(data, []byte{0x1f, 0x8b}) {
			return // gzip: corrupt streams are input errors, covered elsewhere
		}
		in, err := NewInput("fuzz.jsonl", "", bytes.NewReader(data))
		if err != nil {
			return
		}
		lastLine := 0
		err = readJSONL(context.Background(), in, func(r Record) error {
			if r.Line <= lastLine {
				t.Fatalf("line numbers not increasing: %d after %d", r.Line, lastLine)
			}
			lastLine = r.Line
			if r.Err == nil {
				if strings.TrimSpace(r.Article.Text) == "" {
					t.Fatal("article without text accepted")
				}
				for _, p := range r.Article.Paragraphs {
					if p.Start < 0 || p.End > len(r.Article.Text) || p.Start >= p.End {
						t.Fatalf("bad paragraph span %v", p)
					}
				}
				a := r.Article
				Finalize(&a, time.Now())
				if a.ID == "" {
					t.Fatal("empty id after Finalize")
				}
			}
			return nil
		})
		if err != nil {
			t.Fatalf("readJSONL stopped on an in-memory input: %v (bad lines must be records)", err)
		}
	})
}

// FuzzReadInput runs arbitrary bytes through format detection and every
// reader: errors are fine, panics are not.
func FuzzReadInput(f *testing.F) {
	f.Add(sample.Seed())
	f.Add(gzipBytes([]byte(`[{"title":"a","text":"b"}]`)))
	f.Add([]byte("<html><p>hi</p></html>"))
	f.Add([]byte{0x1f, 0x8b, 8, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		in, err := NewInput("fuzz", "", bytes.NewReader(data))
		if err != nil {
			return
		}
		_, _ = ReadInput(context.Background(), in, func(r Record) error {
			if r.Err == nil {
				a := r.Article
				Finalize(&a, time.Now())
			}
			return nil
		})
	})
}

func gzipBytes(data []byte) []byte {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	zw.Write(data)
	zw.Close()
	return b.Bytes()
}

func TestReadJSONShapes(t *testing.T) {
	cases := []struct {
		name, data string
		ids        []string
		errLines   []int
		fatal      string
	}{
		{"pretty object", "{\n  \"id\": \"p1\",\n  \"text\": \"x\"\n}\n", []string{"p1"}, nil, ""},
		{"objects in a row", "{\"id\":\"r1\",\n\"text\":\"x\"}\n{\"id\":\"r2\",\n\"text\":\"y\"}", []string{"r1", "r2"}, nil, ""},
		{"array with a bad element", `[{"id":"a1","text":"x"}, 7, {"id":"a3","text":"z"}]`, []string{"a1", "a3"}, []int{2}, ""},
		{"empty array", `[]`, nil, nil, ""},
		{"array then junk", `[{"id":"j1","text":"x"}] trailing`, []string{"j1"}, nil, "after the end of the JSON array"},
		{"syntax error", `[{"id":"s1","text":"x"}, {"id" 2}]`, []string{"s1"}, nil, "invalid JSON at byte"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in, err := NewInput("x.json", "", strings.NewReader(c.data))
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			var errLines []int
			format, err := ReadInput(context.Background(), in, func(r Record) error {
				if r.Err != nil {
					errLines = append(errLines, r.Line)
				} else {
					ids = append(ids, r.Article.ID)
				}
				return nil
			})
			if format != "json" {
				t.Errorf("format %q, want json", format)
			}
			if c.fatal == "" && err != nil || c.fatal != "" && (err == nil || !strings.Contains(err.Error(), c.fatal)) {
				t.Errorf("error %v, want %q", err, c.fatal)
			}
			if fmt.Sprint(ids) != fmt.Sprint(c.ids) || fmt.Sprint(errLines) != fmt.Sprint(c.errLines) {
				t.Errorf("ids %v, failed records %v; want %v, %v", ids, errLines, c.ids, c.errLines)
			}
		})
	}
}

// cancelStore cancels the run's context during its first PutArticles.
type cancelStore struct {
	memStore
	cancel func()
}

func (s *cancelStore) PutArticles(ctx context.Context, as []*dossier.Article) (dossier.PutStats, error) {
	st, err := s.memStore.PutArticles(ctx, as)
	s.cancel()
	return st, err
}

// TestRunCancelled stops promptly when the context is cancelled (Ctrl-C)
// mid-run, keeping the batches already stored, without hanging.
func TestRunCancelled(t *testing.T) {
	var recs []map[string]any
	for i := range 2000 {
		recs = append(recs, art(fmt.Sprint(i), "T", fmt.Sprintf("text %d", i)))
	}
	p := write(t, t.TempDir(), "x.jsonl", jsonl(recs...))
	ctx, cancel := context.WithCancel(context.Background())
	st := &cancelStore{memStore: *newMemStore(), cancel: cancel}
	done := make(chan struct{})
	var sum Summary
	var err error
	go func() {
		sum, err = Run(ctx, []string{p}, Options{Store: st, BatchSize: 100})
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if st.count() != 100 || sum.New != 100 {
		t.Errorf("stored %d (summary %s), want the first batch of 100", st.count(), sum)
	}
}

// TestRunProgress draws a progress bar on the Progress writer (a terminal
// in the command) and nothing without one.
func TestRunProgress(t *testing.T) {
	var recs []map[string]any
	for i := range 3000 {
		recs = append(recs, art(fmt.Sprint(i), "T", fmt.Sprintf("text %d %s", i, strings.Repeat("words ", 200))))
	}
	p := write(t, t.TempDir(), "x.jsonl", jsonl(recs...))
	var bar bytes.Buffer
	slow := &slowStore{memStore: newMemStore(), delay: 20 * time.Millisecond}
	sum, err := Run(context.Background(), []string{p}, Options{Store: slow, Progress: &bar, BatchSize: 100})
	if err != nil || sum.New != 3000 {
		t.Fatalf("Run: %v %s", err, sum)
	}
	if !strings.Contains(bar.String(), "ingest: ") || !strings.Contains(bar.String(), "% |") {
		t.Errorf("progress output %q lacks the bar", bar.String())
	}
}

// slowStore delays each PutArticles, for a run long enough to draw.
type slowStore struct {
	*memStore
	delay time.Duration
}

func (s *slowStore) PutArticles(ctx context.Context, as []*dossier.Article) (dossier.PutStats, error) {
	time.Sleep(s.delay)
	return s.memStore.PutArticles(ctx, as)
}

// TestRunSkipsAnnotatingUnchanged: re-ingesting annotates only new or
// changed articles.
func TestRunSkipsAnnotatingUnchanged(t *testing.T) {
	dir := t.TempDir()
	p := write(t, dir, "a.jsonl", jsonl(art("a1", "One", "Text one."), art("a2", "Two", "Text two.")))
	st := newMemStore()
	var calls atomic.Int32
	annotate := func(a dossier.Article) dossier.Article { calls.Add(1); return a }
	if _, err := Run(context.Background(), []string{p}, Options{Store: st, Annotate: annotate}); err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 2 {
		t.Fatalf("first run annotated %d articles, want 2", calls.Load())
	}
	write(t, dir, "a.jsonl", jsonl(art("a1", "One", "Text one."), art("a2", "Two", "Text two, changed.")))
	sum, err := Run(context.Background(), []string{p}, Options{Store: st, Annotate: annotate})
	if err != nil {
		t.Fatal(err)
	}
	if calls.Load() != 3 || sum.Unchanged != 1 || sum.Updated != 1 {
		t.Errorf("second run: %d annotations in all (want 3: only the changed one again), summary %s", calls.Load(), sum)
	}
}
