package main

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/dedup"
	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/sqlite"
)

// Synthetic corpus: words drawn log-uniformly from 20,000 made-up ones (a
// few frequent, most rare, as in text) and people from a fixed pool, so
// that articles share some terms and names as news does.
var (
	benchPeople = []string{"Tony Blair", "Gordon Brown", "Michael Howard", "Charles Kennedy", "Jose Mourinho", "Arsene Wenger", "Bill Gates", "Steve Jobs", "Kofi Annan", "George Bush"}
)

// benchArticle makes article i: a few paragraphs of pool words with two
// people mentioned.
func benchArticle(rng *rand.Rand, i int) *dossier.Article {
	var b strings.Builder
	p1, p2 := benchPeople[rng.IntN(len(benchPeople))], benchPeople[rng.IntN(len(benchPeople))]
	fmt.Fprintf(&b, "%s met %s on day %d.", p1, p2, i)
	for p := range 4 {
		b.WriteString("\n\n")
		for w := range 40 {
			if w > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(benchWord(int(50 * math.Exp(rng.Float64()*math.Log(400)))))
		}
		fmt.Fprintf(&b, " %d-%d.", i, p)
	}
	a := &dossier.Article{ID: fmt.Sprintf("bench-%07d", i), Title: fmt.Sprintf("Article %d", i), Text: b.String(),
		Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * time.Hour)}
	benchAnnotate(a)
	return a
}

// benchWord spells word number i with letters only.
func benchWord(i int) string {
	const letters = "bcdfghjklmnpqrstvwxzaeiouy"
	w := []byte{'q'}
	for ; i > 0; i /= len(letters) {
		w = append(w, letters[i%len(letters)])
	}
	return string(w)
}

// benchAnnotate stands for the NLP stage: every person named in the first
// sentence becomes an entity, with an id from the name.
func benchAnnotate(a *dossier.Article) {
	a.Entities = nil
	for _, name := range benchPeople {
		if i := strings.Index(a.Text, name); i >= 0 {
			a.Entities = append(a.Entities, dossier.Entity{ID: "per:" + strings.ToLower(strings.ReplaceAll(name, " ", "-")),
				Name: name, Type: dossier.PER, Roles: []string{},
				Mentions: []dossier.Span{{Start: i, End: i + len(name), Text: name}}})
		}
	}
}

// BenchmarkIngestOne measures what 'dossier ingest' costs for one new
// article into a corpus of n (without the NLP model): seeding the
// duplicate index from the stored fingerprints, storing, and linking
// entities around the stored ones. It should stay nearly flat in n.
func BenchmarkIngestOne(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("corpus=%d", n), func(b *testing.B) {
			ctx := context.Background()
			dir := b.TempDir()
			st, err := sqlite.Open(ctx, filepath.Join(dir, "bench.db"))
			if err != nil {
				b.Fatal(err)
			}
			defer st.Close()
			rng := rand.New(rand.NewPCG(1, uint64(n)))
			ix := dedup.New(dedup.Options{}) // duplicates and stories, as ingest sets them
			for start := 0; start < n; start += 500 {
				var batch []*dossier.Article
				for i := start; i < min(n, start+500); i++ {
					a := benchArticle(rng, i)
					ix.Add(a)
					batch = append(batch, a)
				}
				if _, err := st.PutArticles(ctx, batch); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := seedDedup(ctx, st); err != nil { // stores the fingerprints
				b.Fatal(err)
			}
			annotate := func(a dossier.Article) dossier.Article { benchAnnotate(&a); return a }
			var seedT, ingestT, linkT time.Duration
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				a := benchArticle(rng, n+i)
				path := filepath.Join(dir, fmt.Sprintf("new-%d.txt", i))
				if err := os.WriteFile(path, []byte(a.Title+"\n\n"+a.Text+"\n"), 0o644); err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				t0 := time.Now()
				ix, err := seedDedup(ctx, st)
				if err != nil {
					b.Fatal(err)
				}
				t1 := time.Now()
				rec := newRecordingStore(st, ix)
				sum, err := ingest.Run(ctx, []string{path}, ingest.Options{Store: rec, Dedup: ix, Annotate: annotate, Workers: 1})
				if err != nil || sum.New != 1 {
					b.Fatalf("ingest: %+v, %v", sum, err)
				}
				t2 := time.Now()
				if _, err := linkChanged(ctx, st, rec.changedEntities()); err != nil {
					b.Fatal(err)
				}
				seedT, ingestT, linkT = seedT+t1.Sub(t0), ingestT+t2.Sub(t1), linkT+time.Since(t2)
			}
			n := float64(b.N)
			b.ReportMetric(float64(seedT.Milliseconds())/n, "seed-ms/op")
			b.ReportMetric(float64(ingestT.Milliseconds())/n, "store-ms/op")
			b.ReportMetric(float64(linkT.Milliseconds())/n, "link-ms/op")
		})
	}
}
