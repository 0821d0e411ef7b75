package ingest

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

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
}
