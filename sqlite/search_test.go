package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/textindex"
)

// fts5Matches returns the documents articles_fts matches a query in (its
// FTS5 expression, and its filters as SQL), best first by FTS5's own bm25
// with the title weight.
func fts5Matches(t *testing.T, s *Store, q dossier.Query) []int64 {
	t.Helper()
	expr := ftsExpr(q)
	where, args := filterSQL(q)
	var out []int64
	err := s.queryEach(context.Background(), func(rows *sql.Rows) error {
		var d int64
		err := rows.Scan(&d)
		out = append(out, d)
		return err
	}, fmt.Sprintf(`SELECT f.rowid FROM articles_fts f JOIN articles a ON a.doc = f.rowid WHERE f.articles_fts MATCH ?%s
		ORDER BY bm25(articles_fts, %g, 1.0), f.rowid`, where, TitleWeight), append([]any{expr}, args...)...)
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return out
}

// ftsExpr renders an all-terms query as an FTS5 expression.
func ftsExpr(q dossier.Query) string {
	var parts []string
	for _, c := range q.Significant() {
		alts := make([]string, len(c))
		for i, t := range c {
			alts[i] = ftsTerm(t)
		}
		parts = append(parts, "("+strings.Join(alts, " OR ")+")")
	}
	expr := strings.Join(parts, " AND ")
	if len(q.Exclude) > 0 {
		ex := make([]string, len(q.Exclude))
		for i, t := range q.Exclude {
			ex[i] = ftsTerm(t)
		}
		expr = "(" + expr + ") NOT (" + strings.Join(ex, " OR ") + ")"
	}
	return expr
}

// docOf maps article ids to row ids.
func docOf(t *testing.T, s *Store) map[string]int64 {
	t.Helper()
	m := map[string]int64{}
	err := s.queryEach(context.Background(), func(rows *sql.Rows) error {
		var id string
		var d int64
		err := rows.Scan(&id, &d)
		m[id] = d
		return err
	}, `SELECT id, doc FROM articles`)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// compareWithFTS5 checks, for each query, that Search finds the documents
// FTS5 matches (same total, same set over the first page of 1000) and
// ranks them as FTS5's bm25 does: the same best document, and top-10
// lists that share at least minOverlap documents.
func compareWithFTS5(t *testing.T, s *Store, queries []string, minOverlap int) {
	t.Helper()
	ctx := context.Background()
	docs := docOf(t, s)
	for _, text := range queries {
		q, err := dossier.ParseQuery(text)
		if err != nil {
			t.Fatal(err)
		}
		want := fts5Matches(t, s, q)
		res, err := s.Search(ctx, dossier.SearchQuery{Text: text, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != len(want) {
			t.Errorf("%q: total %d, FTS5 matches %d", text, res.Total, len(want))
			continue
		}
		var got []int64
		for _, r := range res.Results {
			got = append(got, docs[r.ID])
		}
		if len(want) <= 1000 {
			g, w := slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
			if !slices.Equal(g, w) {
				t.Errorf("%q: matched documents differ from FTS5's", text)
			}
		}
		if len(want) == 0 {
			continue
		}
		if got[0] != want[0] {
			t.Errorf("%q: best document %d, FTS5's bm25 puts %d first", text, got[0], want[0])
		}
		overlap := 0
		top := want[:min(10, len(want))]
		for _, d := range got[:min(10, len(got))] {
			if slices.Contains(top, d) {
				overlap++
			}
		}
		if overlap < min(minOverlap, len(top)) {
			t.Errorf("%q: %d of the top 10 shared with FTS5's bm25 order, want %d", text, overlap, minOverlap)
		}
	}
}

// fixture builds a small corpus with known word statistics.
func fixture(t *testing.T) *Store {
	s := openTemp(t)
	var as []*dossier.Article
	words := []string{"harbour", "lantern", "glacier", "meadow"}
	for mask := 1; mask < 1<<len(words); mask++ {
		for rep := range 3 {
			var title, body []string
			for i, w := range words {
				if mask&(1<<i) != 0 {
					body = append(body, strings.Repeat(w+" ", rep+1))
					if (i+rep)%3 == 0 {
						title = append(title, w)
					}
				}
			}
			a := article(fmt.Sprintf("a%02d-%d", mask, rep), "Report "+strings.Join(title, " "),
				"An article about "+strings.Join(body, " and ")+" with filler words to vary the length "+strings.Repeat("x ", rep*7))
			a.Source = []string{"Harbour Gazette", "Lantern Times", "Daily Meadow"}[mask%3]
			a.Topic = []string{"ports", "Lights"}[rep%2]
			if mask%4 != 0 {
				a.Published = time.Date(2024, time.Month(1+mask%12), 1+rep, 12, 0, 0, 0, time.UTC)
			}
			as = append(as, a)
		}
	}
	as = append(as, article("phrase", "Ice", "The glacier meadow lies above the harbour. Computers and computing."))
	putBatches(t, s, as, 7)
	return s
}

func TestSearchAgreesWithFTS5(t *testing.T) {
	s := fixture(t)
	defer s.Close()
	compareWithFTS5(t, s, []string{
		"harbour", "harbour lantern", "harbour -glacier", "title:lantern harbour", "meadow OR glacier",
		`"glacier meadow"`, "comput*", "lantern harbour -glacier -meadow", "nothing-here",
		"harbour source:times", "lantern topic:lights", "lantern topic:LIGHTS source:daily",
		"harbour after:2024-06-01", "harbour before:2024-06-01", "meadow after:2024-03-01 before:2024-09-02",
	}, 8)
	checkIntegrity(t, s)
}

// TestSearchIndexFollowsUpdates changes, re-indexes and removes articles
// in many small batches (so segments are merged and tombstones made and
// dropped) and checks the index against the articles after each step.
func TestSearchIndexFollowsUpdates(t *testing.T) {
	ctx := context.Background()
	s := fixture(t)
	defer s.Close()
	for round := range 6 {
		var as []*dossier.Article
		for i := range 5 {
			// The same ids each round, with new text: updates.
			as = append(as, article(fmt.Sprintf("u%d", i), "Update", fmt.Sprintf("round%d lantern %s", round, strings.Repeat("meadow ", i))))
		}
		// A near-duplicate leaves the index when it becomes one.
		d := article("dup", "Harbour", fmt.Sprintf("harbour story round%d", round))
		if round%2 == 1 {
			d.DuplicateOf = "a01-0"
		}
		as = append(as, d)
		putBatches(t, s, as, 2)
		if err := s.checkSearchIndex(ctx); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		res, err := s.Search(ctx, dossier.SearchQuery{Text: fmt.Sprintf("round%d", round)})
		if err != nil {
			t.Fatal(err)
		}
		want := 5
		if round%2 == 0 {
			want = 6
		}
		if res.Total != want {
			t.Errorf("round %d: %d matches for its word, want %d", round, res.Total, want)
		}
		if round > 0 {
			old, err := s.Search(ctx, dossier.SearchQuery{Text: fmt.Sprintf("round%d", round-1)})
			if err != nil {
				t.Fatal(err)
			}
			if old.Total != 0 {
				t.Errorf("round %d: the previous round's word still matches %d documents", round, old.Total)
			}
		}
	}
	var segs, dead int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM search_segments), (SELECT count(*) FROM search_dead)`).Scan(&segs, &dead); err != nil {
		t.Fatal(err)
	}
	// 24 transactions so far: merging must keep the segments few.
	if segs > 2*mergeFanIn {
		t.Errorf("%d segments after 24 small transactions, want merging to keep at most %d", segs, 2*mergeFanIn)
	}
	if err := s.optimizeSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM search_segments), (SELECT count(*) FROM search_dead)`).Scan(&segs, &dead); err != nil {
		t.Fatal(err)
	}
	if segs != 1 || dead != 0 {
		t.Errorf("after optimize: %d segments, %d tombstones; want 1 and 0", segs, dead)
	}
	checkIntegrity(t, s)
}

// TestSearchIndexBuiltOnOpen checks that a database whose postings are
// missing (as one made before migration 0004) gets them on Open, the same
// as those made while storing.
func TestSearchIndexBuiltOnOpen(t *testing.T) {
	ctx := context.Background()
	s := fixture(t)
	before, err := s.Search(ctx, dossier.SearchQuery{Text: "harbour lantern", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{`DELETE FROM search_blocks`, `DELETE FROM search_segments`, `UPDATE search_stats SET built = 0, docs = 0, tokens = 0`} {
		if _, err := s.db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	path := s.path
	s.Close()
	if _, err := OpenReadOnly(ctx, path); dossier.ErrorCode(err) != dossier.ECONFLICT {
		t.Errorf("OpenReadOnly on an unbuilt index: %v, want ECONFLICT", err)
	}
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	after, err := s.Search(ctx, dossier.SearchQuery{Text: "harbour lantern", Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if after.Total != before.Total || len(after.Results) != len(before.Results) {
		t.Fatalf("rebuilt index: %d results, before %d", after.Total, before.Total)
	}
	for i := range after.Results {
		if after.Results[i].ID != before.Results[i].ID || math.Abs(after.Results[i].Score-before.Results[i].Score) > 1e-9 {
			t.Errorf("result %d: %s %.6f after the rebuild, %s %.6f before", i, after.Results[i].ID, after.Results[i].Score, before.Results[i].ID, before.Results[i].Score)
		}
	}
	checkIntegrity(t, s)
}

func TestSnippetMarksQueryTerms(t *testing.T) {
	s := fixture(t)
	defer s.Close()
	res, err := s.Search(context.Background(), dossier.SearchQuery{Text: `"glacier meadow" comput*`})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Results) != 1 || res.Results[0].ID != "phrase" {
		t.Fatalf("results %+v, want the article with the phrase", res.Results)
	}
	want := "The «glacier» «meadow» lies above the harbour. «Computers» and «computing»."
	if got := res.Results[0].Snippet; got != want {
		t.Errorf("snippet %q, want %q", got, want)
	}
}

// TestTokenizerAgreesWithFTS5 checks on the BBC corpus that the search
// postings and articles_fts tokenize alike: for every term of FTS5's
// vocabulary, the number of documents holding it is the same in both
// (textindex follows the rules of "porter unicode61 remove_diacritics 2").
func TestTokenizerAgreesWithFTS5(t *testing.T) {
	if testing.Short() {
		t.Skip("stores the BBC corpus: skipped in -short")
	}
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	putBatches(t, s, bbcArticles(t), 500)
	if _, err := s.db.Exec(`CREATE VIRTUAL TABLE temp.fts_vocab USING fts5vocab(main, articles_fts, row)`); err != nil {
		t.Fatal(err)
	}
	fts := map[string]int{}
	if err := s.queryEach(ctx, func(rows *sql.Rows) error {
		var term string
		var n int
		err := rows.Scan(&term, &n)
		fts[term] = n
		return err
	}, `SELECT term, doc FROM temp.fts_vocab`); err != nil {
		t.Fatal(err)
	}
	v, err := s.indexView(ctx, s.db)
	if err != nil {
		t.Fatal(err)
	}
	ours := map[string]int{}
	for _, seg := range v.segs {
		if err := eachSegmentTerm(ctx, s.db, seg, func(term string, p []byte) {
			n := 0
			if err := textindex.DecodePostings(p, func(textindex.Posting) { n++ }); err != nil {
				t.Fatal(err)
			}
			ours[term] += n
		}); err != nil {
			t.Fatal(err)
		}
	}
	var differ []string
	for term, n := range fts {
		if ours[term] != n {
			differ = append(differ, fmt.Sprintf("%s %d/%d", term, ours[term], n))
		}
	}
	slices.Sort(differ)
	t.Logf("%d FTS5 terms, %d of ours; %d differ in document frequency: %.40q", len(fts), len(ours), len(differ), differ)
	if len(differ) > 0 {
		t.Errorf("%d of %d terms differ from FTS5's tokenizer, want none", len(differ), len(fts))
	}
	// And the same documents, ranked as FTS5's bm25 ranks them, for the
	// benchmark's query mix (without its long natural-language query).
	var queries []string
	for _, q := range benchQueries {
		if len(strings.Fields(q)) < dossier.LongQueryClauses {
			queries = append(queries, strings.ReplaceAll(q, "remix", "bbc"))
		}
	}
	compareWithFTS5(t, s, append(queries, "putin china", "gordon brown", `"prime minister" -blair`, "title:election"), 9)
}

// TestPrepareIsOnlyAHint checks that an article prepared and then changed
// before PutArticles is indexed with its stored text.
func TestPrepareIsOnlyAHint(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	a := article("p1", "Prepared", "original words")
	s.Prepare(a)
	a.Text = "changed afterwards"
	b := article("p2", "Prepared too", "kept as prepared")
	s.Prepare(b)
	putBatches(t, s, []*dossier.Article{a, b}, 10)
	if err := s.checkSearchIndex(ctx); err != nil {
		t.Fatal(err)
	}
	for q, want := range map[string]int{"original": 0, "afterwards": 1, "kept": 1} {
		res, err := s.Search(ctx, dossier.SearchQuery{Text: q})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != want {
			t.Errorf("%q: %d results, want %d", q, res.Total, want)
		}
	}
	if n := s.prepCount.Load(); n != 0 {
		t.Errorf("%d prepared articles left after storing them", n)
	}
}

// TestPutArticlesCancelled checks that a batch whose context is cancelled
// fails with the context's error and stores nothing of it.
func TestPutArticlesCancelled(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := s.PutArticles(ctx, []*dossier.Article{article("c1", "Cancelled", "never stored")})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("PutArticles with a cancelled context: %v, want context.Canceled", err)
	}
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != 0 {
		t.Errorf("%d articles stored by a cancelled batch", st.Articles)
	}
	if err := s.checkSearchIndex(context.Background()); err != nil {
		t.Error(err)
	}
}
