package brief

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
	goldenfile "github.com/dossier/dossier/internal/golden"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, rewriting it under -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	goldenfile.Check(t, filepath.Join("testdata", name), got, *update)
}

func fixtureBrief(t *testing.T) *Brief {
	arts, results := fixtureCorpus(t)
	return Build(Input{Query: "putin china", Total: 7, Results: results, Articles: arts, Limit: 10})
}

func TestGolden(t *testing.T) {
	b := fixtureBrief(t)
	href := func(id string, start, end int) string {
		if end > start {
			return fmt.Sprintf("/articles/%s?hl=%d-%d", id, start, end)
		}
		return "/articles/" + id
	}
	for _, tc := range []struct {
		file, format string
		opt          Options
	}{
		{"fixture.txt", "text", Options{}},
		{"fixture.ansi.txt", "text", Options{Color: true}},
		{"fixture.md", "markdown", Options{}},
		{"fixture.links.md", "markdown", Options{ArticleHref: href}},
		{"fixture.json", "json", Options{}},
		{"fixture.html", "html", Options{}},
		{"fixture.fragment.html", "html", Options{Fragment: true, ArticleHref: href, EntityHref: func(id, name string) string { return "/entities/" + id }}},
	} {
		t.Run(tc.file, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Render(&buf, b, tc.format, tc.opt); err != nil {
				t.Fatal(err)
			}
			golden(t, tc.file, buf.Bytes())
		})
	}
}

func TestGoldenNamesFallback(t *testing.T) {
	arts, results := fixtureCorpus(t)
	for _, a := range arts {
		a.Entities, a.Quotes = nil, nil
	}
	b := Build(Input{Query: "putin", Results: results, Articles: arts, Limit: 5})
	var buf bytes.Buffer
	if err := WriteText(&buf, b, Options{}); err != nil {
		t.Fatal(err)
	}
	golden(t, "names.txt", buf.Bytes())
}

func TestOverview(t *testing.T) {
	o := fixtureBrief(t).Overview
	want := Overview{Matches: 7, Analysed: 5, Stories: 3, Duplicates: 1, From: "2024-05-16", To: "2024-06-03", Undated: 1,
		Sources: []string{"Example Wire", "Daily Ledger", "unknown"}}
	if fmt.Sprint(o) != fmt.Sprint(want) {
		t.Errorf("overview = %+v, want %+v", o, want)
	}
}

func TestPeopleCountsAndRoles(t *testing.T) {
	b := fixtureBrief(t)
	if len(b.People) == 0 || b.People[0].Name != "Vladimir Putin" {
		t.Fatalf("top person = %+v, want Vladimir Putin", b.People)
	}
	p := b.People[0]
	// wire-summit: "Vladimir Putin" + "Putin"; ledger-trade: 1; wire-analysis: 1. The mirror copy is not counted.
	if p.Mentions != 4 || p.Articles != 3 {
		t.Errorf("Putin mentions/articles = %d/%d, want 4/3", p.Mentions, p.Articles)
	}
	if !slices.Equal(p.Roles, []string{"President", "Russian President"}) {
		t.Errorf("roles = %q", p.Roles)
	}
	arts, _ := fixtureCorpus(t)
	for _, r := range p.Refs { // provenance: each ref covers a mention of Putin
		a := find(arts, r.Article)
		if got := a.Text[r.Start:r.End]; !strings.Contains(got, "Putin") {
			t.Errorf("ref %+v covers %q", r, got)
		}
	}
	if len(b.Organisations) != 1 || b.Organisations[0].Name != "Kremlin" || b.Organisations[0].Articles != 3 {
		t.Errorf("organisations = %+v", b.Organisations)
	}
	if got := itemNames(b.Places); !slices.Equal(got, []string{"Beijing", "Harbin", "Moscow"}) {
		t.Errorf("places = %q", got)
	}
}

func itemNames(items []EntityItem) []string {
	var out []string
	for _, e := range items {
		out = append(out, e.Name)
	}
	return out
}

func find(arts []*dossier.Article, id string) *dossier.Article {
	for _, a := range arts {
		if a.ID == id {
			return a
		}
	}
	return nil
}

func TestQuotesGroupedBySpeaker(t *testing.T) {
	b := fixtureBrief(t)
	if len(b.Quotes) != 2 || b.Quotes[0].Speaker != "Vladimir Putin" || b.Quotes[0].Count != 2 || b.Quotes[1].Speaker != "Yuri Ushakov" {
		t.Fatalf("quotes = %+v", b.Quotes)
	}
	arts, _ := fixtureCorpus(t)
	for _, s := range b.Quotes {
		for _, q := range s.Quotes {
			a := find(arts, q.ArticleID)
			if a.Text[q.Ref.Start:q.Ref.End] != q.Text || q.Title != a.Title {
				t.Errorf("quote %+v does not point at its text", q)
			}
		}
	}
}

func TestFiguresSideBySide(t *testing.T) {
	b := fixtureBrief(t)
	g := b.Figures[0]
	var texts []string
	for _, r := range g.Reports {
		texts = append(texts, r.Text)
	}
	// $240 billion and $240bn are one value written two ways; $230 billion is
	// the same trade figure reported differently by another article.
	if !slices.Equal(texts, []string{"$240 billion", "$240bn", "$230 billion"}) || g.Articles != 3 || !g.Differs || g.Context != "trade" {
		t.Errorf("first figure group = %+v", g)
	}
	for _, other := range b.Figures[1:] {
		for _, r := range other.Reports {
			if r.Text == "$108 billion" && len(other.Reports) != 1 {
				t.Errorf("$108 billion (2020) grouped with %+v", other.Reports)
			}
		}
	}
}

func TestNestedQuotesListedOnce(t *testing.T) {
	text := "“Relations have withstood “storms and changes” in the world,” Xi said."
	outer, inner := strings.Index(text, "Relations"), strings.Index(text, "storms")
	a := &dossier.Article{ID: "n", Text: text, Quotes: []dossier.Quote{
		{Text: "storms and changes", Start: inner, End: inner + len("storms and changes"), Speaker: "Xi Jinping"},
		{Text: text[outer:strings.Index(text, ",”")], Start: outer, End: strings.Index(text, ",”"), Speaker: "Xi Jinping"},
		{Text: "storms and changes", Start: inner, End: inner + len("storms and changes"), Speaker: "Xi Jinping"}, // repeated
	}}
	b := Build(Input{Query: "xi", Articles: []*dossier.Article{a}})
	if len(b.Quotes) != 1 || b.Quotes[0].Count != 1 || b.Quotes[0].Quotes[0].Ref.Start != outer {
		t.Errorf("quotes = %+v, want only the outer quotation", b.Quotes)
	}
}

func TestContextNoun(t *testing.T) {
	for before, want := range map[string]string{
		"Chinese-Russian trade last year reached a record ":                 "trade",
		"Trade between China and Russia hit ":                               "trade",
		"Russia's pipeline gas exports to Europe have fallen by more than ": "export",
		"Customs data showed Chinese exports to Russia down ":               "export",
		"": "",
	} {
		if got := contextNoun(dossier.FigureMoney, before); got != want {
			t.Errorf("contextNoun(%q) = %q, want %q", before, got, want)
		}
	}
	if got := contextNoun(dossier.FigureCount, "the trade of "); got != "" {
		t.Errorf("a count has its unit as noun, got context %q", got)
	}
}

func TestTimelineOrdered(t *testing.T) {
	b := fixtureBrief(t)
	var got []string
	for _, e := range b.Timeline {
		got = append(got, e.Date+" "+e.Kind+" "+e.ArticleID)
	}
	want := []string{
		"2020 mentioned wire-summit", "2022 mentioned wire-summit",
		"2024-05-16 published wire-summit", "2024-05-17 published ledger-trade",
		"2024-06-03 published wire-analysis", "2024-06-03 mentioned wire-analysis",
	}
	if !slices.Equal(got, want) {
		t.Errorf("timeline:\n got %q\nwant %q", got, want)
	}
}

func TestDateKey(t *testing.T) {
	vals := []string{"2024-09-10", "2024-W30", "2024", "2024-05-17", "2024-05", "2023", "2024-Q3", "2025-W01"}
	slices.SortStableFunc(vals, func(x, y string) int { return strings.Compare(dateKey(x), dateKey(y)) })
	want := []string{"2023", "2024", "2024-05", "2024-05-17", "2024-Q3", "2024-W30", "2024-09-10", "2025-W01"}
	if !slices.Equal(vals, want) {
		t.Errorf("sorted = %q, want %q", vals, want)
	}
	if got := dateKey("2024-W30"); got != "2024-07-22" {
		t.Errorf("dateKey(2024-W30) = %s, want 2024-07-22 (its Monday)", got)
	}
}

func TestPairs(t *testing.T) {
	b := fixtureBrief(t)
	p := b.Pairs[0]
	// Both are named in the first sentence of wire-summit, and in separate
	// sentences of ledger-trade.
	if p.A != "Vladimir Putin" || p.B != "Xi Jinping" || p.Articles != 2 || p.Sentences != 1 {
		t.Errorf("top pair = %+v, want Putin + Xi in 1 sentence of 2 articles", p)
	}
	if len(p.Refs) != 1 || p.Refs[0] != (Ref{"wire-summit", 0, 86}) {
		t.Errorf("pair refs = %+v, want the first sentence of wire-summit", p.Refs)
	}
}

func TestCoverageBuckets(t *testing.T) {
	mk := func(dates ...string) []*dossier.Article {
		var out []*dossier.Article
		for i, d := range dates {
			p, _ := time.Parse("2006-01-02", d)
			out = append(out, &dossier.Article{ID: fmt.Sprint(i), Published: p})
		}
		return out
	}
	for _, tc := range []struct {
		dates  []string
		bucket string
		counts []int
	}{
		{[]string{"2024-05-16", "2024-05-18", "2024-05-18"}, "day", []int{1, 0, 2}},
		{[]string{"2024-05-01", "2024-06-12"}, "week", []int{1, 0, 0, 0, 0, 0, 1}}, // 2024-04-29 .. 2024-06-10
		{[]string{"2023-01-31", "2023-12-01", "2023-12-31"}, "month", []int{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2}},
		{nil, "", nil},
	} {
		c := coverage(mk(tc.dates...))
		var counts []int
		for _, p := range c.Points {
			counts = append(counts, p.Count)
		}
		if c.Bucket != tc.bucket || !slices.Equal(counts, tc.counts) {
			t.Errorf("coverage(%v) = %s %v, want %s %v", tc.dates, c.Bucket, counts, tc.bucket, tc.counts)
		}
	}
}

func TestSparkline(t *testing.T) {
	got := Sparkline([]CoveragePoint{{Count: 0}, {Count: 1}, {Count: 4}, {Count: 8}})
	if got != " ▂▅█" {
		t.Errorf("Sparkline = %q", got)
	}
}

func TestNamesFallback(t *testing.T) {
	arts, _ := fixtureCorpus(t)
	for _, a := range arts {
		a.Entities = nil
	}
	b := Build(Input{Query: "q", Articles: arts})
	// Kremlin is named in all three analysed articles; Xi Jinping in two.
	if len(b.Names) < 2 || b.Names[0].Name != "Kremlin" || b.Names[0].Count != 3 || b.Names[1].Name != "Xi Jinping" {
		t.Fatalf("names = %+v", b.Names)
	}
	for _, n := range b.Names {
		if n.Name == "The" || n.Name == "An" {
			t.Errorf("function word %q counted as a name", n.Name)
		}
		for _, r := range n.Refs {
			if a := find(arts, r.Article); a.Text[r.Start:r.End] != n.Name {
				t.Errorf("ref %+v of %q covers %q", r, n.Name, a.Text[r.Start:r.End])
			}
		}
	}
	if fb := fixtureBrief(t); fb.Names != nil {
		t.Errorf("names listed although entities are stored: %+v", fb.Names)
	}
}

func TestHTMLEscapesArticleText(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, fixtureBrief(t), Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, bad := range []string{"<script>alert", "<b>no limits</b>", "<i>in</i>"} {
		if strings.Contains(out, bad) {
			t.Errorf("HTML brief contains unescaped %q", bad)
		}
	}
	for _, want := range []string{"&lt;script&gt;", "<mark>Putin</mark>", "<svg", "@media print"} {
		if !strings.Contains(out, want) {
			t.Errorf("HTML brief lacks %q", want)
		}
	}
}

func TestMarkdownEscapes(t *testing.T) {
	b := fixtureBrief(t)
	b.Articles[0].URL = "javascript:alert(1)"
	b.Articles[1].URL = "https://example.com/a"
	var buf bytes.Buffer
	if err := WriteMarkdown(&buf, b, Options{}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if strings.Contains(out, "<script>") || strings.Contains(out, "<b>") {
		t.Errorf("markdown brief passes raw HTML through")
	}
	if strings.Contains(out, "javascript:") || !strings.Contains(out, "(<https://example.com/a>)") {
		t.Errorf("markdown links: only http(s) URLs may be linked:\n%s", out)
	}
}

func TestJSONSchemaFields(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteJSON(&buf, fixtureBrief(t)); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema", "query", "overview", "people", "organisations", "places", "quotes", "figures", "timeline", "pairs", "coverage", "sources", "articles"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON brief lacks required field %q", k)
		}
	}
	if m["schema"] != SchemaVersion {
		t.Errorf("schema = %v", m["schema"])
	}
}

func TestEmptyBrief(t *testing.T) {
	b := Build(Input{Query: "nothing"})
	for _, f := range Formats {
		var buf bytes.Buffer
		if err := Render(&buf, b, f, Options{}); err != nil {
			t.Errorf("%s: %v", f, err)
		}
	}
	var buf bytes.Buffer
	_ = WriteJSON(&buf, b)
	if !strings.Contains(buf.String(), `"people": []`) {
		t.Errorf("empty sections must be [] in JSON, got %s", buf.String())
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Render(&bytes.Buffer{}, Build(Input{}), "pdf", Options{})
	if dossier.ErrorCode(err) != dossier.EINVALID || !strings.Contains(err.Error(), "pdf") {
		t.Errorf("err = %v, want EINVALID naming the format", err)
	}
}

func TestBadOffsetsDoNotPanic(t *testing.T) {
	a := &dossier.Article{ID: "x", Text: "Short text.",
		Entities: []dossier.Entity{{Name: "X", Type: dossier.PER, Mentions: []dossier.Span{{Start: 50, End: 90}}}},
		Quotes:   []dossier.Quote{{Text: "q", Start: -3, End: 900}},
		Figures:  []dossier.Figure{{Text: "9", Kind: dossier.FigureCount, Start: 8, End: 2}},
		Dates:    []dossier.Date{{Value: "2024", Start: 40, End: 44}}}
	b := Build(Input{Query: "x", Articles: []*dossier.Article{a}})
	for _, f := range Formats {
		if err := Render(&bytes.Buffer{}, b, f, Options{}); err != nil {
			t.Error(err)
		}
	}
}

func TestSentences(t *testing.T) {
	text := "Mr. Smith went to Washington. He said: “Yes.” Then he left!\n\nNew paragraph here"
	var got []string
	for _, s := range sentences(text) {
		got = append(got, text[s.start:s.end])
	}
	want := []string{"Mr. Smith went to Washington.", "He said: “Yes.”", "Then he left!", "New paragraph here"}
	if !slices.Equal(got, want) {
		t.Errorf("sentences = %q", got)
	}
}

func FuzzBuild(f *testing.F) {
	f.Add("Vladimir Putin met Xi Jinping. “We agree,” he said.", 0, 14, 30, 38)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int) {
		a := &dossier.Article{ID: "f", Text: text,
			Entities: []dossier.Entity{{ID: "e", Name: "E", Type: dossier.PER, Mentions: []dossier.Span{{Start: s1, End: e1}}}},
			Quotes:   []dossier.Quote{{Text: "q", Start: s2, End: e2, Speaker: "E"}},
			Figures:  []dossier.Figure{{Text: "1", Kind: dossier.FigureMoney, Start: s1, End: e2, Sentence: dossier.Span{Start: s2, End: e1}}},
			Dates:    []dossier.Date{{Value: "2024", Start: s2, End: e2}}}
		b := Build(Input{Query: text, Articles: []*dossier.Article{a}})
		for _, format := range Formats {
			if err := Render(&bytes.Buffer{}, b, format, Options{}); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestBuildIgnoresInputOrder(t *testing.T) {
	arts, results := fixtureCorpus(t)
	want, _ := json.Marshal(Build(Input{Query: "q", Results: results, Articles: arts}))
	slices.Reverse(arts)
	arts = append(arts, arts[0]) // a repeated article is counted once
	got, _ := json.Marshal(Build(Input{Query: "q", Results: results, Articles: arts}))
	if !bytes.Equal(got, want) {
		t.Errorf("brief depends on the order of the articles:\n%s\n%s", got, want)
	}
}
