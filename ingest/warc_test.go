package ingest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nlnwa/gowarc/v2"

	"github.com/dossier/dossier/warcread/warctest"
)

func warcPages(n int) []warctest.Record {
	var recs []warctest.Record
	for i := range n {
		recs = append(recs, warctest.Record{Type: gowarc.Request, URL: fmt.Sprintf("https://news.example.org/w/%d", i), Body: "GET / HTTP/1.1\r\n\r\n"})
		recs = append(recs, warctest.Page(fmt.Sprintf("https://news.example.org/w/%d", i), time.Date(2024, 5, 16, 9, i, 0, 0, time.UTC),
			fmt.Sprintf("Ferry story %d", i), []string{
				fmt.Sprintf("Story %d: the harbour council met on Wednesday to discuss the ferry terminal, which had been postponed twice since the winter storms closed the north quay.", i),
				"Councillors heard from residents, fishermen and the ferry operator, who all asked for the works to start before the summer season brings crowds to the old town.",
			}))
	}
	return recs
}

func TestIngestWARC(t *testing.T) {
	dir := t.TempDir()
	recs := warcPages(12) // more than the sniffing window, so detection sees whole records
	var plain, zipped bytes.Buffer
	if _, err := warctest.Write(&plain, false, recs...); err != nil {
		t.Fatal(err)
	}
	offs, err := warctest.Write(&zipped, true, recs...)
	if err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "crawl.warc.gz")
	os.WriteFile(good, zipped.Bytes(), 0o644)
	// Truncated in the middle of the last page's record (record 24).
	cut := filepath.Join(dir, "cut.warc.gz")
	os.WriteFile(cut, zipped.Bytes()[:offs[23]+(int64(zipped.Len())-offs[23])/2], 0o644)
	// Damaged inside the seventh page's gzip member (record 14): the pages
	// after it are still read.
	damaged := append([]byte(nil), zipped.Bytes()...)
	for i := offs[13] + 30; i < offs[13]+60; i++ {
		damaged[i] ^= 0xff
	}
	bad := filepath.Join(dir, "damaged.warc.gz")
	os.WriteFile(bad, damaged, 0o644)
	plainFile := filepath.Join(dir, "plain.warc")
	os.WriteFile(plainFile, plain.Bytes(), 0o644)

	st := newMemStore()
	sum, errs, err := run(t, st, good)
	if err != nil || sum.New != 12 {
		t.Fatalf("good archive: %v %s %v", err, sum, errs)
	}
	a, err := st.Article(context.Background(), "https://news.example.org/w/2")
	if err != nil || a.Title != "Ferry story 2" || !a.Fetched.Equal(time.Date(2024, 5, 16, 9, 2, 0, 0, time.UTC)) {
		t.Fatalf("stored article: %+v, %v", a, err)
	}

	st = newMemStore()
	sum, errs, err = run(t, st, cut)
	if !errors.Is(err, ErrFailed) || sum.New != 11 || len(errs) != 1 {
		t.Fatalf("truncated: %v %s %v", err, sum, errs)
	}
	if msg := errs[0].Error(); !strings.Contains(msg, "cut.warc.gz:24") || !strings.Contains(msg, fmt.Sprint(offs[23])) {
		t.Errorf("report should name the file, record and offset: %s", msg)
	}

	st = newMemStore()
	sum, errs, err = run(t, st, bad)
	if !errors.Is(err, ErrFailed) || sum.New != 11 || len(errs) != 1 {
		t.Fatalf("damaged: %v %s %v", err, sum, errs)
	}
	if _, err := st.Article(context.Background(), "https://news.example.org/w/6"); err == nil {
		t.Error("the damaged record's page was stored")
	}
	for _, i := range []int{0, 5, 7, 11} {
		if _, err := st.Article(context.Background(), fmt.Sprintf("https://news.example.org/w/%d", i)); err != nil {
			t.Errorf("page %d around the damage not stored: %v", i, err)
		}
	}
	if !strings.Contains(errs[0].Error(), fmt.Sprint(offs[13])) {
		t.Errorf("report should give the damaged member's offset %d: %s", offs[13], errs[0])
	}

	st = newMemStore()
	if sum, errs, err = run(t, st, plainFile); err != nil || sum.New != 12 {
		t.Fatalf("plain archive: %v %s %v", err, sum, errs)
	}
}
