package warcread

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/cputime"
	"github.com/dossier/dossier/internal/shareddata"
	"github.com/dossier/dossier/warcread/warctest"
)

// bbcArchive wraps the first n BBC corpus articles as HTML pages in a
// record-per-member .warc.gz, with a request record before each response
// (as crawlers write them).
func bbcArchive(b *testing.B, n int) ([]byte, int) { return bbcArchiveT(b, n) }

func bbcArchiveT(b testing.TB, n int) ([]byte, int) {
	path := shareddata.Path(b, "data", "news-corpus", "bbc-news.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		b.Fatal(err)
	}
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	var recs []warctest.Record
	day := time.Date(2005, 3, 1, 0, 0, 0, 0, time.UTC)
	for sc.Scan() && len(recs) < n {
		var a struct{ ID, Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			b.Fatal(err)
		}
		recs = append(recs, warctest.Page("https://www.bbc.example/news/"+a.ID, day.Add(time.Duration(len(recs))*time.Minute),
			a.Title, strings.Split(a.Text, "\n\n")))
	}
	var buf bytes.Buffer
	if _, err := warctest.Write(&buf, true, recs...); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes(), len(recs)
}

// BenchmarkWARC measures WARC ingest throughput in records/s over real BBC
// articles wrapped as HTML: "extract" runs the full HTML extraction of
// each page, "parse" only the WARC layer (record parsing, digest check,
// gzip, payload read).
func BenchmarkWARC(b *testing.B) {
	data, n := bbcArchive(b, 500)
	b.Logf("archive: %d records, %.1f MB gzip", n, float64(len(data))/1e6)
	for _, mode := range []string{"extract", "parse"} {
		b.Run(mode, func(b *testing.B) {
			opts := Options{Logger: quiet}
			if mode == "parse" {
				opts.Extract = func(page []byte, u, ct string) (dossier.Article, error) {
					return dossier.Article{Text: fmt.Sprint(len(page))}, nil
				}
			}
			b.SetBytes(int64(len(data)))
			b.ResetTimer()
			start, cpu0 := time.Now(), cputime.Used()
			total := 0
			for range b.N {
				st, err := ReadWith("bbc.warc.gz", bytes.NewReader(data), func(dossier.Article) error { return nil }, opts)
				if err != nil {
					b.Fatal(err)
				}
				if st.Articles != n {
					b.Fatalf("%d articles, want %d", st.Articles, n)
				}
				total += st.Records
			}
			b.ReportMetric(float64(total)/time.Since(start).Seconds(), "records/s")
			if cpu := cputime.Used() - cpu0; cpu > 0 {
				b.ReportMetric(float64(total)/cpu.Seconds(), "records/cpu-s")
			}
		})
	}
}
