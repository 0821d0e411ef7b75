package storetest

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/dossier/dossier"
)

// Run runs the contract suite. open must return a new, empty store; Run
// closes it.
func Run(t *testing.T, open func(t *testing.T) dossier.Store) {
	tests := []struct {
		name string
		fn   func(*testing.T, dossier.Store)
	}{
		{"PutStats", testPutStats},
		{"RoundTrip", testRoundTrip},
		{"Update", testUpdate},
		{"Duplicates", testDuplicates},
		{"NearDuplicateNotIndexed", testNearDuplicate},
		{"EmptyContentHash", testEmptyHash},
		{"Invalid", testInvalid},
		{"NotFound", testNotFound},
		{"ArticleIDs", testArticleIDs},
		{"SearchOperators", testSearchOperators},
		{"SearchFilters", testSearchFilters},
		{"SearchRanking", testSearchRanking},
		{"SearchNaturalLanguage", testNaturalLanguage},
		{"SearchPaging", testPaging},
		{"SearchSnippets", testSnippets},
		{"SearchErrors", testSearchErrors},
		{"Entities", testEntities},
		{"Quotes", testQuotes},
		{"Stats", testStats},
		{"RelinkEntities", testRelink},
		{"Fingerprints", testFingerprints},
		{"EntityNames", testEntityNames},
		{"EntityLinkNames", testEntityLinkNames},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tt.fn(t, s)
		})
	}
}

func put(t *testing.T, s dossier.Store, as ...*dossier.Article) dossier.PutStats {
	t.Helper()
	st, err := s.PutArticles(context.Background(), as)
	if err != nil {
		t.Fatalf("PutArticles: %v", err)
	}
	return st
}

func load(t *testing.T, s dossier.Store) {
	t.Helper()
	put(t, s, corpus()...)
}

func search(t *testing.T, s dossier.Store, q string) *dossier.SearchResults {
	t.Helper()
	res, err := s.Search(context.Background(), dossier.SearchQuery{Text: q, Limit: 100})
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return res
}

func ids(res *dossier.SearchResults) []string {
	out := []string{}
	for _, r := range res.Results {
		out = append(out, r.ID)
	}
	return out
}

// normalise returns a copy of a as a store gives it back: times in UTC,
// nil slices empty.
func normalise(a *dossier.Article) *dossier.Article {
	c := *a
	c.Published, c.Modified, c.Fetched = c.Published.UTC(), c.Modified.UTC(), c.Fetched.UTC()
	if a.Published.IsZero() {
		c.Published = a.Published
	}
	if a.Modified.IsZero() {
		c.Modified = a.Modified
	}
	if a.Fetched.IsZero() {
		c.Fetched = a.Fetched
	}
	c.Paragraphs = orEmpty(c.Paragraphs)
	c.Quotes = orEmpty(c.Quotes)
	c.Figures = orEmpty(c.Figures)
	c.Dates = orEmpty(c.Dates)
	c.Entities = orEmpty(slices.Clone(c.Entities))
	for i := range c.Entities {
		c.Entities[i].Roles = orEmpty(c.Entities[i].Roles)
		c.Entities[i].Mentions = orEmpty(c.Entities[i].Mentions)
	}
	return &c
}

func orEmpty[T any](xs []T) []T {
	if xs == nil {
		return []T{}
	}
	return xs
}

func testPutStats(t *testing.T, s dossier.Store) {
	as := corpus()
	if got, want := put(t, s, as...), (dossier.PutStats{New: len(as)}); got != want {
		t.Errorf("first put: %+v, want %+v", got, want)
	}
	if got, want := put(t, s, corpus()...), (dossier.PutStats{Unchanged: len(as)}); got != want {
		t.Errorf("second put: %+v, want %+v", got, want)
	}
	if got := put(t, s); got != (dossier.PutStats{}) {
		t.Errorf("empty put: %+v", got)
	}
}

func testRoundTrip(t *testing.T, s dossier.Store) {
	load(t, s)
	for _, want := range corpus() {
		got, err := s.Article(context.Background(), want.ID)
		if err != nil {
			t.Fatalf("Article(%q): %v", want.ID, err)
		}
		want = normalise(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Article(%q) round trip differs:\n got %+v\nwant %+v", want.ID, got, want)
		}
		if got.Published.Location() != nil && !got.Published.IsZero() && got.Published.Location().String() != "UTC" {
			t.Errorf("Article(%q).Published in %v, want UTC", want.ID, got.Published.Location())
		}
	}
	got, err := s.Articles(context.Background(), []string{"sport-1", "missing", "kremlin-1", "econ-1"})
	if err != nil {
		t.Fatal(err)
	}
	var gotIDs []string
	for _, a := range got {
		gotIDs = append(gotIDs, a.ID)
	}
	if want := []string{"sport-1", "kremlin-1", "econ-1"}; !reflect.DeepEqual(gotIDs, want) {
		t.Errorf("Articles order = %q, want %q", gotIDs, want)
	}
	if len(got) == 3 && len(got[1].Entities) != 3 {
		t.Errorf("Articles did not load entities: %+v", got[1].Entities)
	}
	if none, err := s.Articles(context.Background(), nil); err != nil || len(none) != 0 {
		t.Errorf("Articles(nil) = %v, %v", none, err)
	}
}

func testUpdate(t *testing.T, s dossier.Store) {
	load(t, s)
	a := corpus()[0]
	a.Text = "Putin flew home.\n\nThe visit ended with a banquet."
	a.Paragraphs = []dossier.Paragraph{{Start: 0, End: 16}, {Start: 18, End: len(a.Text)}}
	a.Entities = []dossier.Entity{{ID: "per-vladimir-putin", Name: "Vladimir Putin", Type: dossier.PER,
		Roles: []string{}, Mentions: []dossier.Span{{Start: 0, End: 5, Text: "Putin"}}}}
	a.Quotes, a.Figures, a.Dates = nil, nil, nil
	a.ContentHash = "changed"
	if got, want := put(t, s, a), (dossier.PutStats{Updated: 1}); got != want {
		t.Errorf("put changed: %+v, want %+v", got, want)
	}
	got, err := s.Article(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := normalise(a); !reflect.DeepEqual(got, want) {
		t.Errorf("updated article:\n got %+v\nwant %+v", got, want)
	}
	if res := search(t, s, "banquet"); !reflect.DeepEqual(ids(res), []string{a.ID}) {
		t.Errorf("search new word: %q", ids(res))
	}
	if res := search(t, s, "architecture"); res.Total != 0 {
		t.Errorf("old text still found: %q", ids(res))
	}
	qs, err := s.Quotes(context.Background(), dossier.QuoteFilter{Speaker: "putin"})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 0 {
		t.Errorf("old quotes kept after update: %+v", qs)
	}
}

func testDuplicates(t *testing.T, s dossier.Store) {
	ctx := context.Background()
	load(t, s)
	dup := corpus()[1]
	dup.ID = "econ-1-copy"
	dup2 := corpus()[1]
	dup2.ID = "econ-1-copy2"
	if got, want := put(t, s, dup, dup2), (dossier.PutStats{Duplicate: 2}); got != want {
		t.Errorf("put duplicates: %+v, want %+v", got, want)
	}
	_, err := s.Article(ctx, "econ-1-copy")
	if dossier.ErrorCode(err) != dossier.ENOTFOUND || !strings.Contains(err.Error(), "econ-1") {
		t.Errorf("Article(duplicate) = %v, want ENOTFOUND naming the original", err)
	}
	if got, want := put(t, s, dup, corpus()[1]), (dossier.PutStats{Unchanged: 2}); got != want {
		t.Errorf("re-put duplicate: %+v, want %+v", got, want)
	}
	if res := search(t, s, "oil"); !reflect.DeepEqual(ids(res), []string{"econ-1"}) {
		t.Errorf("search returns duplicates: %q", ids(res))
	}
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Articles != len(corpus()) || st.Duplicates != 2 {
		t.Errorf("Stats = %+v, want %d articles and 2 duplicates", st, len(corpus()))
	}
	// Copies inside one batch: the first is stored, the rest recorded.
	a, b := corpus()[2], corpus()[2]
	a.ID, b.ID = "batch-a", "batch-b"
	a.ContentHash, b.ContentHash = "same", "same"
	if got, want := put(t, s, a, b), (dossier.PutStats{New: 1, Duplicate: 1}); got != want {
		t.Errorf("in-batch duplicates: %+v, want %+v", got, want)
	}
	// A duplicate whose content then changes becomes an article of its own.
	dup.ContentHash = "now different"
	dup.Title = "Oil prices fall"
	if got, want := put(t, s, dup), (dossier.PutStats{New: 1}); got != want {
		t.Errorf("changed duplicate: %+v, want %+v", got, want)
	}
	if _, err := s.Article(ctx, dup.ID); err != nil {
		t.Errorf("changed duplicate not stored: %v", err)
	}
	ids, err := s.ArticleIDs(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(ids, "econ-1-copy2") || slices.Contains(ids, "batch-b") {
		t.Errorf("ArticleIDs lists exact duplicates: %q", ids)
	}
}

func testNearDuplicate(t *testing.T, s dossier.Store) {
	load(t, s)
	near := corpus()[1]
	near.ID, near.ContentHash, near.DuplicateOf = "econ-1-near", "near", "econ-1"
	near.Text += " Markets closed higher."
	if got, want := put(t, s, near), (dossier.PutStats{New: 1}); got != want {
		t.Errorf("put near-duplicate: %+v, want %+v", got, want)
	}
	got, err := s.Article(context.Background(), near.ID)
	if err != nil || got.DuplicateOf != "econ-1" {
		t.Fatalf("near-duplicate not stored as such: %+v, %v", got, err)
	}
	if res := search(t, s, "markets"); res.Total != 0 {
		t.Errorf("near-duplicate indexed for search: %q", ids(res))
	}
	// Clearing DuplicateOf (and changing content) indexes it.
	near.DuplicateOf, near.ContentHash = "", "near2"
	put(t, s, near)
	if res := search(t, s, "markets"); !reflect.DeepEqual(ids(res), []string{near.ID}) {
		t.Errorf("after clearing DuplicateOf: %q", ids(res))
	}
}

func testEmptyHash(t *testing.T, s dossier.Store) {
	a := corpus()[2]
	a.ContentHash = ""
	b := corpus()[2]
	b.ID, b.ContentHash = "sport-1-copy", ""
	if got, want := put(t, s, a, b), (dossier.PutStats{New: 1, Duplicate: 1}); got != want {
		t.Errorf("put without hashes: %+v, want %+v", got, want)
	}
	got, err := s.Article(context.Background(), a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.ContentHash == "" {
		t.Error("store did not fill in an empty ContentHash")
	}
	a.ContentHash = ""
	if st := put(t, s, a); st != (dossier.PutStats{Unchanged: 1}) {
		t.Errorf("re-put without hash: %+v", st)
	}
}

func testInvalid(t *testing.T, s dossier.Store) {
	ctx := context.Background()
	good := corpus()[0]
	for name, batch := range map[string][]*dossier.Article{
		"empty id": {good, {Title: "no id", Text: "x"}},
		"nil":      {good, nil},
	} {
		_, err := s.PutArticles(ctx, batch)
		if dossier.ErrorCode(err) != dossier.EINVALID {
			t.Errorf("%s: PutArticles error %v, want EINVALID", name, err)
		}
	}
	if _, err := s.Article(ctx, good.ID); dossier.ErrorCode(err) != dossier.ENOTFOUND {
		t.Errorf("a rejected batch stored part of itself: Article = %v", err)
	}
	if err := s.RelinkEntities(ctx, map[string]string{"a": ""}); dossier.ErrorCode(err) != dossier.EINVALID {
		t.Errorf("RelinkEntities(empty target) = %v, want EINVALID", err)
	}
	if err := s.RelinkEntities(ctx, map[string]string{"a": "b", "b": "c"}); dossier.ErrorCode(err) != dossier.EINVALID {
		t.Errorf("RelinkEntities(chain) = %v, want EINVALID", err)
	}
}

func testNotFound(t *testing.T, s dossier.Store) {
	load(t, s)
	_, err := s.Article(context.Background(), "nope")
	if dossier.ErrorCode(err) != dossier.ENOTFOUND {
		t.Errorf("Article(missing) = %v, want ENOTFOUND", err)
	}
	if !strings.Contains(dossier.ErrorMessage(err), "nope") {
		t.Errorf("ENOTFOUND message %q does not name the id", dossier.ErrorMessage(err))
	}
}

func testArticleIDs(t *testing.T, s dossier.Store) {
	load(t, s)
	var all []string
	after := ""
	for {
		page, err := s.ArticleIDs(context.Background(), after, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(page) > 3 {
			t.Fatalf("page of %d ids, limit 3", len(page))
		}
		if len(page) == 0 {
			break
		}
		all = append(all, page...)
		after = page[len(page)-1]
	}
	var want []string
	for _, a := range corpus() {
		want = append(want, a.ID)
	}
	slices.Sort(want)
	if !reflect.DeepEqual(all, want) {
		t.Errorf("ArticleIDs pages = %q, want %q", all, want)
	}
}

// expect checks the set (and, with ordered, the order) of results.
func expect(t *testing.T, s dossier.Store, q string, ordered bool, want ...string) {
	t.Helper()
	res := search(t, s, q)
	got := ids(res)
	if want == nil {
		want = []string{}
	}
	if !ordered {
		got, want = slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Search(%q) = %q, want %q", q, got, want)
	}
	if res.Total != len(res.Results) {
		t.Errorf("Search(%q).Total = %d, want %d", q, res.Total, len(res.Results))
	}
}

func testSearchOperators(t *testing.T, s dossier.Store) {
	load(t, s)
	expect(t, s, "putin", false, "kremlin-1", "econ-1")
	expect(t, s, "PUTIN china", false, "kremlin-1", "econ-1")
	expect(t, s, "putin oil", false, "econ-1")
	expect(t, s, `"military alliances"`, false, "kremlin-1")
	expect(t, s, `"alliances military"`, false)
	expect(t, s, "oil OR tickets", false, "econ-1", "sport-1")
	expect(t, s, "putin -oil", false, "kremlin-1")
	expect(t, s, `china -"demand from china"`, false, "kremlin-1")
	expect(t, s, "champ*", false, "sport-1")
	expect(t, s, "title:putin", false, "kremlin-1")
	expect(t, s, "title:summit", false, "geneva-1")
	expect(t, s, "title:champ*", false, "sport-1")
	expect(t, s, `title:"oil prices"`, false, "econ-1")
	expect(t, s, "-putin -blair -geneva -diplomats", true, "sport-1", "diplo-1") // newest first, undated last
	expect(t, s, "growing", false, "econ-1")                                     // stemming: grows, growing
	expect(t, s, "alliance", false, "kremlin-1")                                 // singular finds plural
	expect(t, s, "the putin", false, "kremlin-1", "econ-1")                      // stopword dropped
}

func testSearchFilters(t *testing.T, s dossier.Store) {
	load(t, s)
	expect(t, s, "source:gazette", false, "diplo-1", "geneva-1", "geneva-2")
	expect(t, s, "putin source:wire", false, "kremlin-1")
	expect(t, s, `source:"money daily" source:wire china`, false, "kremlin-1", "econ-1")
	expect(t, s, "source:100%", false)
	expect(t, s, `topic:"PUTIN CHINA"`, false, "kremlin-1")
	expect(t, s, "topic:putin", false)
	expect(t, s, `entity:"Vladimir Putin"`, false, "kremlin-1", "econ-1")
	expect(t, s, "entity:putin china", false, "kremlin-1", "econ-1") // alias and name
	expect(t, s, `entity:"the russian leader" oil`, false, "econ-1") // alias from another article, same id
	expect(t, s, `entity:"Xi Jinping" entity:china`, false, "kremlin-1")
	expect(t, s, "entity:nobody", false)
	expect(t, s, "china after:2024-03-01", false, "kremlin-1", "econ-1")
	expect(t, s, "china after:2024-03-02", false, "kremlin-1")
	expect(t, s, "china before:2024-03-01", false)
	expect(t, s, "after:2024-01-01 before:2024-03-02", true, "econ-1", "geneva-2", "geneva-1")
	expect(t, s, "source:gazette -nuclear", true, "geneva-2", "diplo-1")
}

func testSearchRanking(t *testing.T, s dossier.Store) {
	load(t, s)
	// geneva-1 has "summit" in its title only; geneva-2 in its body only
	// (and is the shorter text): the title weight decides.
	res := search(t, s, "summit")
	if got := ids(res); !reflect.DeepEqual(got, []string{"geneva-1", "geneva-2"}) {
		t.Errorf(`Search("summit") = %q, want the title match first`, got)
	}
	for i := 1; i < len(res.Results); i++ {
		if res.Results[i].Score > res.Results[i-1].Score {
			t.Errorf("scores not descending: %v", res.Results)
		}
	}
	if len(res.Results) > 0 && res.Results[0].Score <= 0 {
		t.Errorf("score %v, want positive (higher is better)", res.Results[0].Score)
	}
	r := res.Results[0]
	if r.Title != "Summit in Geneva ends" || r.Source != "Gazette" || !r.Published.Equal(date("2024-01-10T09:00:00Z")) {
		t.Errorf("result fields = %+v", r)
	}
	// kremlin-1 names Putin in its title and twice in its body; econ-1 once.
	if got := ids(search(t, s, "putin")); !reflect.DeepEqual(got, []string{"kremlin-1", "econ-1"}) {
		t.Errorf(`Search("putin") = %q, want kremlin-1 first`, got)
	}
}

func testNaturalLanguage(t *testing.T, s dossier.Store) {
	load(t, s)
	q := "efforts of the ambassador to get the president to change his policies"
	res := search(t, s, q)
	got := ids(res)
	if len(got) == 0 || got[0] != "diplo-1" {
		t.Fatalf("Search(%q) = %q, want diplo-1 first", q, got)
	}
	// kremlin-1 matches only "president": ranked after.
	if !slices.Contains(got, "kremlin-1") {
		t.Errorf("Search(%q) = %q, want partial matches too", q, got)
	}
	if res.Total != len(got) {
		t.Errorf("Total = %d, want %d", res.Total, len(got))
	}
	// A short query whose words never meet falls back to any-term matching,
	// ranking the article with the most of them first.
	expect(t, s, "tickets nuclear", false, "sport-1", "geneva-1")
	if got := ids(search(t, s, "oil putin geneva demand")); len(got) == 0 || got[0] != "econ-1" {
		t.Errorf("coordination: %q, want econ-1 (3 of 4 terms) first", got)
	}
}

func testPaging(t *testing.T, s dossier.Store) {
	load(t, s)
	ctx := context.Background()
	all, err := s.Search(ctx, dossier.SearchQuery{Text: "source:gazette"})
	if err != nil {
		t.Fatal(err)
	}
	var paged []string
	for off := 0; off < 5; off++ {
		res, err := s.Search(ctx, dossier.SearchQuery{Text: "source:gazette", Limit: 1, Offset: off})
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 3 {
			t.Errorf("offset %d: Total %d, want 3", off, res.Total)
		}
		paged = append(paged, ids(res)...)
	}
	if !reflect.DeepEqual(paged, ids(all)) {
		t.Errorf("pages %q, want %q", paged, ids(all))
	}
	res, err := s.Search(ctx, dossier.SearchQuery{Text: "said", Limit: 2, Offset: 1})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total < 3 || len(res.Results) != 2 {
		t.Errorf("said, limit 2 offset 1: total %d, %d results", res.Total, len(res.Results))
	}
}

func testSnippets(t *testing.T, s dossier.Store) {
	load(t, s)
	res := search(t, s, "architecture")
	if len(res.Results) != 1 {
		t.Fatalf("results %q", ids(res))
	}
	if sn := res.Results[0].Snippet; !strings.Contains(sn, "«architecture»") {
		t.Errorf("snippet %q lacks «architecture»", sn)
	}
	res = search(t, s, "grow*")
	if sn := res.Results[0].Snippet; !strings.Contains(sn, "«grew»") && !strings.Contains(sn, "«growing»") {
		t.Errorf("prefix snippet %q", sn)
	}
	res = search(t, s, "source:gazette")
	for _, r := range res.Results {
		if r.Snippet == "" || strings.Contains(r.Snippet, "«") {
			t.Errorf("filter-only snippet %q: want plain text start", r.Snippet)
		}
	}
}

func testSearchErrors(t *testing.T, s dossier.Store) {
	ctx := context.Background()
	for _, q := range []dossier.SearchQuery{
		{Text: `putin "china`}, {Text: "after:2024-99-01"}, {Text: "x", Limit: -1}, {Text: "x", Offset: -1},
	} {
		_, err := s.Search(ctx, q)
		if dossier.ErrorCode(err) != dossier.EINVALID {
			t.Errorf("Search(%+v) = %v, want EINVALID", q, err)
		}
	}
	// Input that looks like FTS syntax is searched as words, not parsed.
	load(t, s)
	for _, q := range []string{`NEAR(a b)`, `putin AND`, `col:umn`, `^putin`, `"a" + "b"`, `(china)`, `putin*china`, `'`} {
		if _, err := s.Search(ctx, dossier.SearchQuery{Text: q}); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	res := search(t, s, "")
	if res.Total != len(corpus()) {
		t.Errorf("empty query lists %d, want all %d", res.Total, len(corpus()))
	}
}

func testEntities(t *testing.T, s dossier.Store) {
	load(t, s)
	ctx := context.Background()
	all, err := s.Entities(ctx, dossier.EntityFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]dossier.EntitySummary{}
	for _, e := range all {
		byID[e.ID] = e
	}
	putin := byID["per-vladimir-putin"]
	want := dossier.EntitySummary{ID: "per-vladimir-putin", Name: "Vladimir Putin", Type: dossier.PER,
		Aliases: []string{"Putin", "Vladimir Putin", "the Russian leader"}, Roles: []string{"President", "Russian President"},
		Articles: 2, Mentions: 4}
	if !reflect.DeepEqual(putin, want) {
		t.Errorf("Putin summary:\n got %+v\nwant %+v", putin, want)
	}
	if c := byID["loc-china"]; c.Country != "CN" || c.Mentions != 3 || c.Articles != 2 {
		t.Errorf("China summary %+v", c)
	}
	if len(all) == 0 || all[0].ID != "per-vladimir-putin" {
		t.Errorf("not most-mentioned first: %+v", all)
	}
	for i := 1; i < len(all); i++ {
		if all[i].Mentions > all[i-1].Mentions {
			t.Errorf("order: %s (%d) after %s (%d)", all[i].ID, all[i].Mentions, all[i-1].ID, all[i-1].Mentions)
		}
	}
	locs, err := s.Entities(ctx, dossier.EntityFilter{Type: "loc"})
	if err != nil {
		t.Fatal(err)
	}
	if len(locs) != 1 || locs[0].ID != "loc-china" {
		t.Errorf("Type LOC: %+v", locs)
	}
	found, err := s.Entities(ctx, dossier.EntityFilter{Query: "russian lead"})
	if err != nil {
		t.Fatal(err)
	}
	if len(found) != 1 || found[0].ID != "per-vladimir-putin" {
		t.Errorf("Query by alias substring: %+v", found)
	}
	one, err := s.Entities(ctx, dossier.EntityFilter{Limit: 1})
	if err != nil || len(one) != 1 {
		t.Errorf("Limit 1: %d entities, %v", len(one), err)
	}
	none, err := s.Entities(ctx, dossier.EntityFilter{Query: "zzz"})
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("no match: %#v, %v (want empty, non-nil)", none, err)
	}
}

func testQuotes(t *testing.T, s dossier.Store) {
	load(t, s)
	ctx := context.Background()
	qs, err := s.Quotes(ctx, dossier.QuoteFilter{Speaker: "putin"})
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) != 2 {
		t.Fatalf("Putin quotes: %+v", qs)
	}
	want := corpus()[0].Quotes[0]
	if !reflect.DeepEqual(qs[0].Quote, want) || qs[0].ArticleID != "kremlin-1" || qs[0].ArticleTitle != corpus()[0].Title ||
		!qs[0].Published.Equal(corpus()[0].Published) {
		t.Errorf("first quote %+v, want %+v", qs[0], want)
	}
	all, err := s.Quotes(ctx, dossier.QuoteFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) != 3 || all[0].ArticleID != "kremlin-1" || all[2].ArticleID != "econ-1" {
		t.Errorf("all quotes, newest first: %+v", all)
	}
	words, err := s.Quotes(ctx, dossier.QuoteFilter{Query: "ECONOMY growing"})
	if err != nil {
		t.Fatal(err)
	}
	if len(words) != 1 || words[0].ArticleID != "econ-1" || words[0].Cue == nil || words[0].Cue.Text != "said" {
		t.Errorf("quotes with words: %+v", words)
	}
	lim, err := s.Quotes(ctx, dossier.QuoteFilter{Limit: 1})
	if err != nil || len(lim) != 1 {
		t.Errorf("Limit 1: %d, %v", len(lim), err)
	}
}

func testStats(t *testing.T, s dossier.Store) {
	ctx := context.Background()
	st, err := s.Stats(ctx)
	if err != nil || st != (dossier.Stats{}) {
		t.Errorf("empty store Stats = %+v, %v", st, err)
	}
	load(t, s)
	st, err = s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := dossier.Stats{Articles: 8, Entities: 5, Quotes: 3, Figures: 1}
	if st != want {
		t.Errorf("Stats = %+v, want %+v", st, want)
	}
}

func testRelink(t *testing.T, s dossier.Store) {
	load(t, s)
	ctx := context.Background()
	if err := s.RelinkEntities(ctx, map[string]string{"per-blair": "per-tony-blair", "unknown": "x", "same": "same"}); err != nil {
		t.Fatal(err)
	}
	es, err := s.Entities(ctx, dossier.EntityFilter{Query: "blair"})
	if err != nil {
		t.Fatal(err)
	}
	want := []dossier.EntitySummary{{ID: "per-tony-blair", Name: "Tony Blair", Type: dossier.PER,
		Aliases: []string{"Blair", "Tony Blair"}, Roles: []string{"Labour leader", "Prime Minister"}, Articles: 2, Mentions: 3}}
	if !reflect.DeepEqual(es, want) {
		t.Errorf("after relink:\n got %+v\nwant %+v", es, want)
	}
	a, err := s.Article(ctx, "uk-1")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Entities) != 1 || len(a.Entities[0].Mentions) != 2 || a.Entities[0].ID != "per-tony-blair" {
		t.Errorf("merged entity in uk-1: %+v", a.Entities)
	}
	expect(t, s, `entity:"Tony Blair"`, false, "uk-1", "uk-2")
	b, err := s.Article(ctx, "uk-2")
	if err != nil {
		t.Fatal(err)
	}
	if b.Entities[0].Name != "Tony Blair" {
		t.Errorf("relinked entity keeps name %q, want the target's canonical name", b.Entities[0].Name)
	}
	// Re-putting the article restores what the pipeline produced.
	if st := put(t, s, corpus()[6]); st != (dossier.PutStats{Unchanged: 1}) {
		t.Errorf("re-put after relink: %+v", st)
	}
}
