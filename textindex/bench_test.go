package textindex

import (
	"os"
	"runtime"
	"sync"
	"sync/atomic"

	"testing"

	"github.com/dossier/dossier/internal/shareddata"
)

// seedText reads the seed article (about 1,000 words), or skips.
func seedText(b *testing.B) string {
	data, err := os.ReadFile("../../shared/seed/putin-china.txt")
	if err != nil {
		b.Skip("../shared/seed is absent")
	}
	b.SetBytes(int64(len(data)))
	return string(data)
}

// BenchmarkCountDocument tokenizes the seed article as indexing an
// article does.
func BenchmarkCountDocument(b *testing.B) {
	text := seedText(b)
	for b.Loop() {
		CountDocument("", text)
	}
}

// BenchmarkCountTokens is the tokenizer alone (no counting or stemming).
func BenchmarkCountTokens(b *testing.B) {
	text := seedText(b)
	n := 0
	for b.Loop() {
		n = CountTokens(text)
	}
	b.ReportMetric(float64(n), "tokens")
}

// BenchmarkCountBBC tokenizes the BBC corpus (2,225 articles) on all
// cores, as ingest workers do, and reports articles per second.
func BenchmarkCountBBC(b *testing.B) {
	recs := shareddata.BBC(b)
	b.ResetTimer()
	for b.Loop() {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := int(next.Add(1) - 1); i < len(recs); i = int(next.Add(1) - 1) {
					CountDocument(recs[i].Title, recs[i].Text)
				}
			}()
		}
		wg.Wait()
	}
	b.ReportMetric(float64(b.N*len(recs))/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkBatchBBC numbers the terms of the BBC corpus, counted
// beforehand, into batches of 500 with one vocabulary, and inverts each
// batch, as a store's write transactions do.
func BenchmarkBatchBBC(b *testing.B) {
	recs := shareddata.BBC(b)
	counted := make([]Counted, len(recs))
	for i, r := range recs {
		counted[i] = CountDocument(r.Title, r.Text)
	}
	b.ResetTimer()
	for b.Loop() {
		v := NewVocabulary()
		for start := 0; start < len(counted); start += 500 {
			batch := NewBatch(v)
			for i := start; i < min(start+500, len(counted)); i++ {
				batch.AddCounted(int64(i+1), counted[i])
			}
			if err := batch.Each(func(string, []byte) error { return nil }); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(recs))/b.Elapsed().Seconds(), "articles/s")
}
