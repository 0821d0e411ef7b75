package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/internal/cputime"
	"github.com/dossier/dossier/internal/shareddata"
	"github.com/dossier/dossier/nlp"
	"github.com/dossier/dossier/sqlite"
)

// BenchmarkPages times the main pages over the BBC corpus plus the seed,
// annotated by the real NLP, in SQLite, through a loopback HTTP server.
// Building the database takes about a minute; set DOSSIER_BENCH_DB to a
// database built before (dossier ingest) to reuse it.
//
//	go test ./web -run '^$' -bench Pages -benchtime 50x
func BenchmarkPages(b *testing.B) {
	ctx := context.Background()
	path := os.Getenv("DOSSIER_BENCH_DB")
	if path == "" {
		bbc := shareddata.Path(b, "data", "news-corpus", "bbc-news.jsonl.gz")
		seed := shareddata.Seed(b)
		path = filepath.Join(b.TempDir(), "bench.db")
		st, err := sqlite.Open(ctx, path)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := ingest.Run(ctx, []string{bbc, seed}, ingest.Options{Store: st, Annotate: nlp.Annotate}); err != nil {
			b.Fatal(err)
		}
		st.Close()
	}
	st, err := sqlite.OpenExisting(ctx, path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	s, err := New(st, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	res, err := st.Search(ctx, dossier.SearchQuery{Text: "putin china", Limit: 1})
	if err != nil || len(res.Results) == 0 {
		b.Fatalf("no result for putin china: %v", err)
	}
	seedPath := funcs["articlePath"].(func(string) string)(res.Results[0].ID)
	ents, err := st.Entities(ctx, dossier.EntityFilter{Type: dossier.PER, Limit: 1})
	if err != nil || len(ents) == 0 {
		b.Fatalf("no entity: %v", err)
	}
	entityPage := entityPath(ents[0].ID, ents[0].Name)

	for _, bc := range []struct{ name, path string }{
		{"search/putin_china", "/search?q=putin+china"},
		{"search/economy", "/search?q=economy"},                           // a broad query: facets over 50 articles
		{"search/facet", "/search?q=economy+entity%3A%22Gordon+Brown%22"}, // a facet clicked
		{"search/phrase", "/search?q=economy+%22Gordon+Brown%22"},
		{"brief/putin_china", "/brief?q=putin+china"},
		{"brief/economy", "/brief?q=economy"},
		{"article/seed", seedPath},
		{"entity/top_person", entityPage},
		{"api_search/economy", "/api/search?q=economy&limit=20"},
		{"api_brief/economy", "/api/brief?q=economy"},
	} {
		b.Run(bc.name, func(b *testing.B) {
			cpu0 := cputime.Used()
			for b.Loop() {
				resp, err := http.Get(ts.URL + bc.path)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					b.Fatalf("GET %s = %d", bc.path, resp.StatusCode)
				}
			}
			// CPU time per request (server and client in this process): the
			// cost without the wait for other processes on a busy machine.
			b.ReportMetric(float64(cputime.Used()-cpu0)/float64(b.N)/1e6, "cpu-ms/op")
		})
	}
}
