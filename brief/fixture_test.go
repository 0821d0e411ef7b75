package brief

import (
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
)

// doc builds a fixture article whose annotations are given by the text
// they cover, so offsets are computed rather than typed by hand.
type doc struct {
	t testing.TB
	a *dossier.Article
}

func newDoc(t testing.TB, id, title, source, published string, paragraphs ...string) *doc {
	a := &dossier.Article{ID: id, Title: title, Source: source, Text: strings.Join(paragraphs, "\n\n")}
	if published != "" {
		p, err := time.Parse("2006-01-02", published)
		if err != nil {
			t.Fatal(err)
		}
		a.Published = p
	}
	return &doc{t: t, a: a}
}

// at returns the span of the n-th (0-based) occurrence of s in the text.
func (d *doc) at(s string, n int) dossier.Span {
	d.t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(d.a.Text[off:], s)
		if j < 0 {
			d.t.Fatalf("fixture %s: %q occurrence %d not in text", d.a.ID, s, n)
		}
		if i == n {
			return dossier.Span{Start: off + j, End: off + j + len(s), Text: s}
		}
		off += j + len(s)
	}
}

// entity adds an entity with every occurrence of each mention text.
func (d *doc) entity(id, name, typ string, roles []string, mentions ...string) *doc {
	e := dossier.Entity{ID: id, Name: name, Type: typ, Roles: roles}
	for _, m := range mentions {
	next:
		for n := 0; n < strings.Count(d.a.Text, m); n++ {
			sp := d.at(m, n)
			for _, o := range e.Mentions { // "Putin" inside "Vladimir Putin" is one mention
				if sp.Start < o.End && o.Start < sp.End {
					continue next
				}
			}
			e.Mentions = append(e.Mentions, sp)
		}
	}
	d.a.Entities = append(d.a.Entities, e)
	return d
}

func (d *doc) quote(speaker, speakerID, text string) *doc {
	s := d.at(text, 0)
	d.a.Quotes = append(d.a.Quotes, dossier.Quote{Text: text, Start: s.Start, End: s.End, Kind: dossier.QuoteDirect, Speaker: speaker, SpeakerEntity: speakerID})
	return d
}

func (d *doc) figure(text, kind, unit string, value float64, period string) *doc {
	s := d.at(text, 0)
	d.a.Figures = append(d.a.Figures, dossier.Figure{Text: text, Start: s.Start, End: s.End, Kind: kind, Value: value, Unit: unit, Period: period})
	return d
}

func (d *doc) date(text, value string) *doc {
	s := d.at(text, 0)
	d.a.Dates = append(d.a.Dates, dossier.Date{Text: text, Start: s.Start, End: s.End, Value: value})
	return d
}

// fixtureCorpus is a small hand-annotated corpus about a summit: two
// sources, a duplicate, a story with two articles, figures reported
// differently, and hostile markup in a title and a quote.
func fixtureCorpus(t testing.TB) ([]*dossier.Article, []dossier.SearchResult) {
	putin := []string{"Russian President"}
	xi := []string{"Chinese leader"}
	a1 := newDoc(t, "wire-summit", "Xi and Putin hold summit in Beijing", "Example Wire", "2024-05-16",
		"Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing on Thursday.",
		"“We believe it is necessary to work on building a reliable security architecture,” Putin said.",
		"Chinese-Russian trade last year reached a record $240 billion, more than doubling from $108 billion in 2020.",
		"Xi said the two countries agreed to a partnership in 2022. The Kremlin said more than 30 pages were signed.").
		entity("PER:vladimir-putin", "Vladimir Putin", dossier.PER, putin, "Vladimir Putin", "Putin").
		entity("PER:xi-jinping", "Xi Jinping", dossier.PER, xi, "Xi Jinping", "Xi").
		entity("LOC:beijing", "Beijing", dossier.LOC, nil, "Beijing").
		entity("ORG:kremlin", "Kremlin", dossier.ORG, nil, "Kremlin").
		quote("Vladimir Putin", "PER:vladimir-putin", "We believe it is necessary to work on building a reliable security architecture,").
		figure("$240 billion", dossier.FigureMoney, "USD", 240e9, "last year").
		figure("$108 billion", dossier.FigureMoney, "USD", 108e9, "2020").
		figure("30 pages", dossier.FigureCount, "pages", 30, "").
		date("2020", "2020").date("2022", "2022").a
	a1.StoryID = "story-summit"

	a2 := newDoc(t, "ledger-trade", "Trade between Russia and China hits record", "Daily Ledger", "2024-05-17",
		"Trade between China and Russia hit $240bn last year, customs data show.",
		"Vladimir Putin praised the figure. Xi Jinping did not comment.",
		"The Kremlin said the leaders would meet again in Harbin.").
		entity("PER:vladimir-putin", "Vladimir Putin", dossier.PER, []string{"President"}, "Vladimir Putin").
		entity("PER:xi-jinping", "Xi Jinping", dossier.PER, nil, "Xi Jinping").
		entity("ORG:kremlin", "Kremlin", dossier.ORG, nil, "Kremlin").
		entity("LOC:harbin", "Harbin", dossier.LOC, nil, "Harbin").
		figure("$240bn", dossier.FigureMoney, "USD", 240e9, "last year").a
	a2.StoryID = "story-summit"

	a3 := newDoc(t, "wire-analysis", "Analysis: <script>alert('x')</script> what the summit means", "Example Wire", "2024-06-03",
		"Analysts put bilateral trade at $230 billion, below official figures.",
		"Yuri Ushakov, a Kremlin aide, said the document was \"detailed\".",
		"\"The partnership has <b>no limits</b> & no end,\" Putin told reporters in Moscow on 3 June 2024.").
		entity("PER:yuri-ushakov", "Yuri Ushakov", dossier.PER, []string{"Kremlin aide"}, "Yuri Ushakov").
		entity("PER:vladimir-putin", "Vladimir Putin", dossier.PER, nil, "Putin").
		entity("ORG:kremlin", "Kremlin", dossier.ORG, nil, "Kremlin").
		entity("LOC:moscow", "Moscow", dossier.LOC, nil, "Moscow").
		quote("Yuri Ushakov", "PER:yuri-ushakov", "detailed").
		quote("Vladimir Putin", "PER:vladimir-putin", "The partnership has <b>no limits</b> & no end,").
		figure("$230 billion", dossier.FigureMoney, "USD", 230e9, "").
		date("3 June 2024", "2024-06-03").a

	dup := *a1
	dup.ID, dup.Source, dup.DuplicateOf, dup.StoryID = "mirror-summit", "Mirror Site", "wire-summit", ""

	a5 := newDoc(t, "undated-note", "A note on the summit", "", "",
		"An undated note mentions the summit and an unnamed official who spoke off the record.").a

	arts := []*dossier.Article{a3, &dup, a5, a2, a1}
	results := []dossier.SearchResult{
		{ID: "wire-summit", Title: a1.Title, Source: a1.Source, Published: a1.Published, Score: 9.5, Snippet: "«Xi» and «Putin» hold a summit"},
		{ID: "ledger-trade", Title: a2.Title, Source: a2.Source, Published: a2.Published, Score: 7.25, Snippet: "Vladimir «Putin» praised the figure"},
		{ID: "wire-analysis", Title: a3.Title, Source: a3.Source, Published: a3.Published, Score: 5.125, Snippet: "«Putin» told reporters <i>in</i> Moscow"},
		{ID: "mirror-summit", Title: dup.Title, Source: dup.Source, Published: dup.Published, Score: 4, Snippet: "«Xi» and «Putin»"},
		{ID: "undated-note", Title: a5.Title, Score: 1, Snippet: "the «summit»"},
	}
	return arts, results
}
