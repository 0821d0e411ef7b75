package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/dossier/dossier/internal/cputime"
	"github.com/dossier/dossier/internal/shareddata"
	"github.com/dossier/dossier/sqlite"
)

// BenchmarkIngestBBC ingests the 2,225 BBC articles (gzip JSON Lines) into
// a fresh SQLite file without NLP, end to end: read, decompress, decode,
// paragraphs, ids, batched transactions with the full-text index.
// Target: 2,000 articles/s or more.
func BenchmarkIngestBBC(b *testing.B) {
	path := shareddata.Path(b, "data", "news-corpus", "bbc-news.jsonl.gz")
	ctx := context.Background()
	dir := b.TempDir()
	total, elapsed := 0, 0.0
	cpu0 := cputime.Used().Seconds()
	for i := 0; b.Loop(); i++ {
		st, err := sqlite.Open(ctx, filepath.Join(dir, fmt.Sprintf("bench%d.db", i)))
		if err != nil {
			b.Fatal(err)
		}
		sum, err := Run(ctx, []string{path}, Options{Store: st})
		st.Close()
		if err != nil {
			b.Fatal(err)
		}
		if sum.Articles != 2225 {
			b.Fatalf("ingested %d articles, want 2225", sum.Articles)
		}
		total += sum.Articles
		elapsed += sum.Elapsed.Seconds()
	}
	b.ReportMetric(float64(total)/elapsed, "articles/s")
	// CPU time does not depend on what else runs on a shared machine.
	b.ReportMetric(float64(total)/(cputime.Used().Seconds()-cpu0), "articles/cpu-s")
}

// BenchmarkReadBBC is the ingest pipeline without a database (a store that
// only counts): reading, decoding, paragraphs, ids and hashes.
func BenchmarkReadBBC(b *testing.B) {
	path := shareddata.Path(b, "data", "news-corpus", "bbc-news.jsonl.gz")
	total := 0
	for b.Loop() {
		st := &countStore{}
		if _, err := Run(context.Background(), []string{path}, Options{Store: st}); err != nil {
			b.Fatal(err)
		}
		total += st.n
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "articles/s")
}
