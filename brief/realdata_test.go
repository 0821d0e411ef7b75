package brief

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/internal/shareddata"
	"github.com/dossier/dossier/nlp"
	"github.com/dossier/dossier/sqlite"
)

// TestGoldenBBCPutinChina builds a database from the BBC corpus plus the
// seed article with the real pipeline (ingest, NLP, SQLite), briefs
// "putin china" and compares every format with its golden file. The
// goldens follow the NLP: when it improves, check the diff and rerun with
// -update.
func TestGoldenBBCPutinChina(t *testing.T) {
	bbc := shareddata.Path(t, "data", "news-corpus", "bbc-news.jsonl.gz")
	seed := shareddata.Seed(t)
	if testing.Short() {
		t.Skip("builds a database of the whole BBC corpus with NLP; skipped in -short mode")
	}
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "bbc.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	sum, err := ingest.Run(ctx, []string{bbc, seed}, ingest.Options{Store: st, Annotate: nlp.Annotate})
	if err != nil {
		t.Fatalf("ingest: %v (%s)", err, sum)
	}
	b := briefOf(t, st, "putin china", 100, 10)
	if len(b.Articles) == 0 || b.Articles[0].Title != "Xi and Putin Discuss Military Alliances in Indo-Pacific Region" {
		t.Errorf("the seed is not the top article: %+v", b.Articles)
	}
	for _, tc := range []struct{ file, format string }{
		{"bbc-putin-china.txt", "text"},
		{"bbc-putin-china.md", "markdown"},
		{"bbc-putin-china.json", "json"},
		{"bbc-putin-china.html", "html"},
	} {
		var buf bytes.Buffer
		if err := Render(&buf, b, tc.format, Options{}); err != nil {
			t.Fatal(err)
		}
		golden(t, tc.file, buf.Bytes())
	}
}

// briefOf builds the brief of query over st as 'dossier brief' does.
func briefOf(t *testing.T, st dossier.Store, query string, limit, items int) *Brief {
	t.Helper()
	ctx := context.Background()
	res, err := st.Search(ctx, dossier.SearchQuery{Text: query, Limit: limit})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range res.Results {
		ids = append(ids, r.ID)
	}
	arts, err := st.Articles(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	return Build(Input{Query: query, Total: res.Total, Results: res.Results, Articles: arts, Limit: items})
}
