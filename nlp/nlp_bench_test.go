package nlp

import (
	"testing"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/shareddata"
	"github.com/dossier/dossier/nlp/date"
	"github.com/dossier/dossier/nlp/figure"
	"github.com/dossier/dossier/nlp/quote"
	"github.com/dossier/dossier/nlp/token"
)

// bbcArticles loads up to n articles of the BBC corpus.
func bbcArticles(tb testing.TB, n int) []dossier.Article {
	tb.Helper()
	var arts []dossier.Article
	for _, r := range shareddata.BBC(tb) {
		if len(arts) == n {
			break
		}
		arts = append(arts, dossier.Article{ID: r.ID, Title: r.Title, Text: r.Text, Published: time.Date(2005, 3, 1, 0, 0, 0, 0, time.UTC)})
	}
	return arts
}

// benchArticles runs fn over the BBC articles, reporting articles/s.
func benchArticles(b *testing.B, fn func(a dossier.Article)) {
	arts := bbcArticles(b, 500)
	var bytes int64
	for _, a := range arts {
		bytes += int64(len(a.Text))
	}
	b.SetBytes(bytes / int64(len(arts)))
	Annotate(arts[0]) // load models outside the timing
	b.ResetTimer()
	i := 0
	for b.Loop() {
		fn(arts[i%len(arts)])
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkPipeline runs the whole NLP pipeline (sentences, entities,
// resolution, quotes, figures, dates) article by article on one core.
func BenchmarkPipeline(b *testing.B) {
	benchArticles(b, func(a dossier.Article) { Annotate(a) })
}

// BenchmarkStages measures each stage of the pipeline alone.
func BenchmarkStages(b *testing.B) {
	b.Run("sentences", func(b *testing.B) { benchArticles(b, func(a dossier.Article) { token.Sentences(a.Text) }) })
	b.Run("quotes", func(b *testing.B) { benchArticles(b, func(a dossier.Article) { quote.Extract(a.Text, nil) }) })
	b.Run("figures", func(b *testing.B) { benchArticles(b, func(a dossier.Article) { figure.Extract(a.Text) }) })
	b.Run("dates", func(b *testing.B) { benchArticles(b, func(a dossier.Article) { date.Extract(a.Text, a.Published) }) })
}
