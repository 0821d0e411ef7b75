package storetest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/shareddata"
)

// BBCArticles reads the shared BBC corpus (2,225 articles) with
// encoding/json, as an ingester without NLP would give them: paragraphs
// split on blank lines, the category kept in Meta, a content hash of the
// title and text. It skips tb when the data is absent.
func BBCArticles(tb testing.TB) []*dossier.Article {
	tb.Helper()
	var out []*dossier.Article
	for _, rec := range shareddata.BBC(tb) {
		a := Article(rec.ID, rec.Title, rec.Text)
		a.Source = rec.Source
		a.Meta = map[string]json.RawMessage{"category": json.RawMessage(fmt.Sprintf("%q", rec.Category))}
		out = append(out, a)
	}
	return out
}

// Article builds an article with paragraphs split on blank lines and a
// content hash of its title and text.
func Article(id, title, text string) *dossier.Article {
	a := &dossier.Article{ID: id, Title: title, Text: text}
	off := 0
	for _, p := range strings.Split(text, "\n\n") {
		a.Paragraphs = append(a.Paragraphs, dossier.Paragraph{Start: off, End: off + len(p)})
		off += len(p) + 2
	}
	sum := sha256.Sum256([]byte(title + "\x00" + text))
	a.ContentHash = hex.EncodeToString(sum[:])
	return a
}

// SeedID is the id SeedArticle gives the seed article.
const SeedID = "seed-putin-china"

// SeedArticle parses the shared seed article minimally (topic line, blank
// line, title, paragraphs; the trailing comment form cut), so store tests
// do not depend on the extract package. It skips tb when absent.
func SeedArticle(tb testing.TB) *dossier.Article {
	tb.Helper()
	data, err := os.ReadFile(shareddata.Seed(tb))
	if err != nil {
		tb.Fatal(err)
	}
	s := strings.ReplaceAll(string(data), "\r\n", "\n")
	if i := strings.Index(s, "\nLeave a Reply"); i >= 0 {
		s = s[:i]
	}
	topic, rest, _ := strings.Cut(s, "\n\n")
	title, body, _ := strings.Cut(strings.TrimLeft(rest, "\n"), "\n\n")
	a := Article(SeedID, strings.TrimSpace(title), strings.TrimSpace(body))
	a.Topic = strings.TrimSpace(topic)
	a.Source = "seed"
	return a
}

// DuplicatePairs reads the corpus's duplicates.tsv: id -> duplicate_of.
func DuplicatePairs(tb testing.TB) map[string]string {
	tb.Helper()
	data, err := os.ReadFile(shareddata.Path(tb, "data", "news-corpus", "duplicates.tsv"))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]string{}
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		id, of, ok := strings.Cut(line, "\t")
		if i == 0 || !ok {
			continue
		}
		out[id] = of
	}
	return out
}

// PutBatches stores as in batches of size and sums the outcomes.
func PutBatches(tb testing.TB, s dossier.Store, as []*dossier.Article, size int) dossier.PutStats {
	tb.Helper()
	var total dossier.PutStats
	for i := 0; i < len(as); i += size {
		st, err := s.PutArticles(context.Background(), as[i:min(i+size, len(as))])
		if err != nil {
			tb.Fatal(err)
		}
		total = total.Add(st)
	}
	return total
}

// RunBBC stores the BBC corpus and the seed in s (empty) and checks what
// the foundation issue asks of a store on real data: every article stored
// once, the 98 exact duplicates of duplicates.tsv recorded and not stored,
// "putin china" ranking the seed first with a highlighted snippet, a long
// natural-language query finding something, and re-putting everything
// changing nothing. It skips when the shared data is absent.
func RunBBC(t *testing.T, s dossier.Store) {
	ctx := context.Background()
	bbc := BBCArticles(t)
	seed := SeedArticle(t)
	dups := DuplicatePairs(t)
	if len(bbc) != 2225 || len(dups) != 98 {
		t.Fatalf("read %d articles and %d duplicates, want 2225 and 98", len(bbc), len(dups))
	}
	got := PutBatches(t, s, append(bbc, seed), 200)
	if want := (dossier.PutStats{New: 2225 - 98 + 1, Duplicate: 98}); got != want {
		t.Errorf("first put: %+v, want %+v", got, want)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 2128 || st.Duplicates != 98 {
		t.Errorf("Stats = %+v, want 2128 articles and 98 duplicates", st)
	}
	for id, of := range dups {
		_, err := s.Article(ctx, id)
		if dossier.ErrorCode(err) != dossier.ENOTFOUND || !strings.Contains(err.Error(), fmt.Sprintf("%q", of)) {
			t.Errorf("Article(%s) = %v, want a duplicate of %s", id, err, of)
		}
	}
	res, err := s.Search(ctx, dossier.SearchQuery{Text: "putin china", Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Results) == 0 || res.Results[0].ID != seed.ID {
		t.Errorf(`"putin china" top results %+v, want the seed first`, res.Results)
	} else if !strings.Contains(res.Results[0].Snippet, "«") {
		t.Errorf("seed snippet %q has no highlight", res.Results[0].Snippet)
	}
	res, err = s.Search(ctx, dossier.SearchQuery{Text: "efforts of the ambassador to get the president to change his policies"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total == 0 {
		t.Error("natural-language query found nothing")
	}
	again := append(BBCArticles(t), SeedArticle(t))
	if got, want := PutBatches(t, s, again, 500), (dossier.PutStats{Unchanged: 2226}); got != want {
		t.Errorf("re-put: %+v, want %+v", got, want)
	}
	if st2, _ := s.Stats(ctx); st2 != st {
		t.Errorf("Stats after re-put %+v, want %+v", st2, st)
	}
}
