package warcread

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v2"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/warcread/warctest"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

var fetched = time.Date(2024, 5, 16, 9, 30, 0, 0, time.UTC)

// samplePages are HTML responses written for these tests.
func samplePages(n int) []warctest.Record {
	var recs []warctest.Record
	for i := range n {
		recs = append(recs, warctest.Page(
			fmt.Sprintf("https://news.example.org/2024/05/story-%d", i),
			fetched.Add(time.Duration(i)*time.Minute),
			fmt.Sprintf("Harbour council story number %d", i),
			[]string{
				fmt.Sprintf("The harbour council met on Wednesday to discuss item %d on its agenda, which had been postponed twice since the winter because of the storms that closed the north quay.", i),
				"Councillors heard from residents, fishermen and the ferry operator, who all asked for the works to start before the summer season brings its usual crowds to the old town.",
				"A final vote is expected next month, once the engineers have delivered their report on the cost of strengthening the sea wall along the promenade.",
			}))
	}
	return recs
}

// archive interleaves the pages with records that are not HTML articles.
func archive(pages []warctest.Record) []warctest.Record {
	recs := []warctest.Record{{Type: gowarc.Warcinfo, Body: "software: dossier tests\r\nformat: WARC File Format 1.1\r\n"}}
	for i, p := range pages {
		recs = append(recs, warctest.Record{Type: gowarc.Request, URL: p.URL, Body: "GET / HTTP/1.1\r\nHost: news.example.org\r\n\r\n"})
		recs = append(recs, p)
		if i == 1 {
			recs = append(recs,
				warctest.Record{Type: gowarc.Response, URL: "https://news.example.org/logo.png", ContentType: "image/png", Body: "\x89PNG\r\n\x1a\nnot really"},
				warctest.Record{Type: gowarc.Response, URL: "https://news.example.org/gone", Status: 404, ContentType: "text/html", Body: "<html><body>Not found</body></html>"},
			)
		}
	}
	return recs
}

func write(t testing.TB, gz bool, recs []warctest.Record) ([]byte, []int64) {
	t.Helper()
	var buf bytes.Buffer
	offs, err := warctest.Write(&buf, gz, recs...)
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), offs
}

func readAll(t *testing.T, name string, data []byte) ([]dossier.Article, Stats, error) {
	t.Helper()
	var got []dossier.Article
	st, err := ReadWith(name, bytes.NewReader(data), func(a dossier.Article) error {
		got = append(got, a)
		return nil
	}, Options{Logger: quiet})
	return got, st, err
}

func urls(as []dossier.Article) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.URL)
	}
	return out
}

func TestReadGoodArchive(t *testing.T) {
	pages := samplePages(5)
	for _, gz := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", gz), func(t *testing.T) {
			data, _ := write(t, gz, archive(pages))
			got, st, err := readAll(t, "good.warc", data)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(pages) || st.Articles != len(pages) || st.Responses != len(pages) {
				t.Fatalf("got %d articles (stats %+v), want %d", len(got), st, len(pages))
			}
			if st.Records != len(archive(pages)) {
				t.Errorf("records = %d, want %d", st.Records, len(archive(pages)))
			}
			for i, a := range got {
				if a.URL != pages[i].URL || a.ID != pages[i].URL {
					t.Errorf("article %d: url %q id %q, want %q", i, a.URL, a.ID, pages[i].URL)
				}
				if !a.Fetched.Equal(pages[i].Date) {
					t.Errorf("article %d: fetched %v, want WARC-Date %v", i, a.Fetched, pages[i].Date)
				}
				if a.Title != fmt.Sprintf("Harbour council story number %d", i) {
					t.Errorf("article %d: title %q", i, a.Title)
				}
				if !strings.Contains(a.Text, "sea wall along the promenade") || strings.Contains(a.Text, "Copyright sample site") {
					t.Errorf("article %d: text %q", i, a.Text)
				}
			}
		})
	}
}

func TestReadWholeFileGzip(t *testing.T) {
	plain, _ := write(t, false, archive(samplePages(3)))
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write(plain)
	zw.Close()
	got, _, err := readAll(t, "whole.warc.gz", zb.Bytes())
	if err != nil || len(got) != 3 {
		t.Fatalf("whole-file gzip: %d articles, err %v", len(got), err)
	}
}

// TestTruncated cuts an archive in the middle of its fourth page: the three
// pages before are kept and the cut record is reported with its offset.
func TestTruncated(t *testing.T) {
	pages := samplePages(5)
	recs := archive(pages)
	for _, gz := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", gz), func(t *testing.T) {
			data, offs := write(t, gz, recs)
			cutRec := indexOf(recs, pages[3].URL, gowarc.Response)
			cut := offs[cutRec] + (offs[cutRec+1]-offs[cutRec])/2
			got, st, err := readAll(t, "cut.warc", data[:cut])
			if strings.Join(urls(got), " ") != strings.Join(urls(asArticles(pages[:3])), " ") {
				t.Fatalf("got %q, want the first three pages", urls(got))
			}
			var ce *CorruptError
			if !errors.As(err, &ce) || len(ce.Problems) != 1 {
				t.Fatalf("err = %v, want one corrupted part", err)
			}
			if p := ce.Problems[0]; p.Offset != offs[cutRec] {
				t.Errorf("problem at offset %d, want %d (record %d): %v", p.Offset, offs[cutRec], cutRec+1, p.Err)
			}
			if !strings.Contains(err.Error(), "cut.warc") || !strings.Contains(err.Error(), fmt.Sprint(offs[cutRec])) {
				t.Errorf("error does not name the file and offset: %v", err)
			}
			if len(st.Problems) != 1 {
				t.Errorf("stats problems: %v", st.Problems)
			}
		})
	}
}

// TestCorruptedMiddle damages the bytes of one page record in the middle of
// the archive: the pages before and after it are kept.
func TestCorruptedMiddle(t *testing.T) {
	pages := samplePages(6)
	recs := archive(pages)
	for _, gz := range []bool{false, true} {
		t.Run(fmt.Sprintf("gzip=%v", gz), func(t *testing.T) {
			data, offs := write(t, gz, recs)
			bad := indexOf(recs, pages[2].URL, gowarc.Response)
			mid := offs[bad] + (offs[bad+1]-offs[bad])*2/3
			for i := mid; i < mid+40; i++ {
				data[i] ^= 0x5a
			}
			got, _, err := readAll(t, "damaged.warc", data)
			want := urls(asArticles(append(append([]warctest.Record{}, pages[:2]...), pages[3:]...)))
			if strings.Join(urls(got), " ") != strings.Join(want, " ") {
				t.Fatalf("got %q\nwant %q", urls(got), want)
			}
			var ce *CorruptError
			if !errors.As(err, &ce) || ce.Problems[0].Offset != offs[bad] {
				t.Fatalf("err = %v, want a problem at offset %d", err, offs[bad])
			}
		})
	}
}

func TestNotAWARC(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty.warc":   nil,
		"text.warc":    []byte("hello, this is not an archive"),
		"junk.warc.gz": {0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff, 1, 2, 3},
	} {
		got, _, err := readAll(t, name, data)
		if err == nil || !strings.Contains(err.Error(), name) || len(got) != 0 {
			t.Errorf("%s: err = %v, articles %d", name, err, len(got))
		}
	}
}

func TestEmitErrorStops(t *testing.T) {
	data, _ := write(t, true, archive(samplePages(4)))
	stop := errors.New("disk full")
	n := 0
	_, err := ReadWith("x.warc.gz", bytes.NewReader(data), func(dossier.Article) error { n++; return stop }, Options{Logger: quiet})
	if !errors.Is(err, stop) || n != 1 {
		t.Fatalf("err = %v after %d articles", err, n)
	}
}

func indexOf(recs []warctest.Record, url string, typ gowarc.RecordType) int {
	for i, r := range recs {
		if r.URL == url && r.Type == typ {
			return i
		}
	}
	panic("no record " + url)
}

func asArticles(recs []warctest.Record) []dossier.Article {
	var out []dossier.Article
	for _, r := range recs {
		out = append(out, dossier.Article{URL: r.URL})
	}
	return out
}

func FuzzRead(f *testing.F) {
	plain, _ := write(f, false, archive(samplePages(2)))
	gz, _ := write(f, true, archive(samplePages(2)))
	f.Add(plain)
	f.Add(gz)
	f.Add(plain[:len(plain)/2])
	f.Fuzz(func(t *testing.T, data []byte) {
		// A cheap extractor keeps the fuzzer on the WARC layer.
		opts := Options{Logger: quiet, Extract: func(page []byte, u, ct string) (dossier.Article, error) {
			return dossier.Article{Title: "t", Text: string(page[:min(len(page), 10)])}, nil
		}}
		_, err := ReadWith("fuzz.warc", bytes.NewReader(data), func(a dossier.Article) error {
			if a.ID == "" {
				t.Fatal("article without id")
			}
			return nil
		}, opts)
		if err != nil && !strings.Contains(err.Error(), "fuzz.warc") {
			t.Fatalf("error does not name the file: %v", err)
		}
	})
}

// TestConstantMemory reads a 1,500-page archive and checks that the live
// heap after a collection does not grow with the number of records read.
func TestConstantMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a large archive")
	}
	data, _ := write(t, true, samplePages(1500))
	live := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var early, late uint64
	n := 0
	_, err := ReadWith("big.warc.gz", bytes.NewReader(data), func(a dossier.Article) error {
		n++
		switch n {
		case 300:
			early = live()
		case 1500:
			late = live()
		}
		return nil
	}, Options{Logger: quiet, Extract: func(page []byte, u, ct string) (dossier.Article, error) {
		return dossier.Article{ID: u, Text: string(page)}, nil
	}})
	if err != nil || n != 1500 {
		t.Fatalf("%d records, %v", n, err)
	}
	if late > early+4<<20 {
		t.Fatalf("live heap grew from %d to %d bytes between record 300 and 1500", early, late)
	}
	t.Logf("live heap: %.1f MB at record 300, %.1f MB at record 1500", float64(early)/1e6, float64(late)/1e6)
}
