package storetest

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/dossier/dossier"
)

func ptr[T any](v T) *T { return &v }

// doc builds an article whose Paragraphs cover its text, split on blank
// lines, and whose ContentHash derives from its title and text.
func doc(id, title, source, topic string, published time.Time, paras ...string) *dossier.Article {
	a := &dossier.Article{ID: id, Title: title, Source: source, Topic: topic, Published: published,
		Text: strings.Join(paras, "\n\n")}
	off := 0
	for _, p := range paras {
		a.Paragraphs = append(a.Paragraphs, dossier.Paragraph{Start: off, End: off + len(p)})
		off += len(p) + 2
	}
	a.ContentHash = "h:" + title + "|" + a.Text
	return a
}

// span returns the Span of the n-th (0-based) occurrence of s in text.
func span(text, s string, n int) dossier.Span {
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(text[off:], s)
		if j < 0 {
			panic("storetest fixture: " + s + " not in text")
		}
		if i == n {
			return dossier.Span{Start: off + j, End: off + j + len(s), Text: s}
		}
		off += j + len(s)
	}
}

func date(s string) time.Time {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t
}

// corpus returns the fixture articles, freshly built each call.
func corpus() []*dossier.Article {
	summit := doc("kremlin-1", "Xi and Putin discuss military alliances", "Test Wire", "putin china",
		date("2024-05-16T10:00:00+02:00"),
		"Russian President Vladimir Putin is on a state visit to China, hosted by Xi Jinping.",
		"Moscow and Beijing agree that closed military alliances in the Asia-Pacific region are harmful, Putin said.",
		"“We believe it is necessary to work on a reliable security architecture,” said the Russian leader.",
		"Chinese-Russian trade last year reached a record $240 billion.")
	t := summit.Text
	summit.Paragraphs[0].Heading = false
	summit.Byline = "A. Reporter"
	summit.URL = "https://example.test/kremlin-1"
	summit.Site = "Example"
	summit.Description = "The two leaders met in Beijing."
	summit.Language = "en"
	summit.Modified = date("2024-05-16T12:30:00.123456Z") // stores keep microseconds
	summit.Fetched = date("2024-05-17T08:00:00Z")
	summit.SimHash = 0xfedcba9876543210
	summit.StoryID = "story-7"
	summit.Meta = map[string]json.RawMessage{"category": json.RawMessage(`"world"`), "rank": json.RawMessage(`3`)}
	putin := dossier.Entity{ID: "per-vladimir-putin", Name: "Vladimir Putin", Type: dossier.PER,
		Roles:    []string{"Russian President"},
		Mentions: []dossier.Span{span(t, "Vladimir Putin", 0), span(t, "Putin", 1), span(t, "the Russian leader", 0)}}
	xi := dossier.Entity{ID: "per-xi-jinping", Name: "Xi Jinping", Type: dossier.PER, Roles: []string{},
		Mentions: []dossier.Span{span(t, "Xi Jinping", 0)}}
	china := dossier.Entity{ID: "loc-china", Name: "China", Type: dossier.LOC, Country: "CN", Region: "",
		Lat: ptr(35.0), Lng: ptr(103.0), Roles: []string{}, Mentions: []dossier.Span{span(t, "China", 0)}}
	summit.Entities = []dossier.Entity{putin, xi, china}
	q := span(t, "We believe it is necessary to work on a reliable security architecture,", 0)
	summit.Quotes = []dossier.Quote{
		{Text: q.Text, Start: q.Start, End: q.End, Kind: dossier.QuoteDirect,
			Cue: ptr(span(t, "said", 1)), Source: ptr(span(t, "the Russian leader", 0)),
			Speaker: "Vladimir Putin", SpeakerEntity: "per-vladimir-putin",
			Parts: []dossier.Span{span(t, "We believe it is necessary", 0), span(t, "to work on a reliable security architecture,", 0)}},
		{Text: "closed military alliances in the Asia-Pacific region are harmful", Start: span(t, "closed military", 0).Start,
			End: span(t, "are harmful", 0).End, Kind: dossier.QuoteIndirect, Cue: ptr(span(t, "said", 0)),
			Source: ptr(span(t, "Putin", 1)), Speaker: "Vladimir Putin", SpeakerEntity: "per-vladimir-putin"},
	}
	fs := span(t, "$240 billion", 0)
	summit.Figures = []dossier.Figure{{Text: fs.Text, Start: fs.Start, End: fs.End, Kind: dossier.FigureMoney,
		Value: 240e9, Unit: "USD", Comparator: "", Period: "last year",
		Sentence: dossier.Span{Start: summit.Paragraphs[3].Start, End: summit.Paragraphs[3].End}}}
	ds := span(t, "last year", 0)
	summit.Dates = []dossier.Date{{Text: ds.Text, Start: ds.Start, End: ds.End, Value: "2023", Relative: true}}

	oil := doc("econ-1", "Oil prices climb as China demand grows", "Money Daily", "business",
		date("2024-03-01T00:00:00Z"),
		"Oil prices rose on Monday as demand from China grew faster than expected.",
		"Analysts said the economy of China would keep growing. Putin was not mentioned by the traders.")
	ot := oil.Text
	oil.Entities = []dossier.Entity{
		{ID: "loc-china", Name: "China", Type: dossier.LOC, Country: "CN", Roles: []string{},
			Mentions: []dossier.Span{span(ot, "China", 0), span(ot, "China", 1)}},
		{ID: "per-vladimir-putin", Name: "Putin", Type: dossier.PER, Roles: []string{"President"},
			Mentions: []dossier.Span{span(ot, "Putin", 0)}},
	}
	oq := span(ot, "the economy of China would keep growing", 0)
	oil.Quotes = []dossier.Quote{{Text: oq.Text, Start: oq.Start, End: oq.End, Kind: dossier.QuoteIndirect,
		Cue: ptr(span(ot, "said", 0)), Source: ptr(span(ot, "Analysts", 0)), Speaker: "", SpeakerEntity: ""}}

	sport := doc("sport-1", "Champions league final tickets sold out", "Test Wire", "sport",
		date("2023-12-01T18:00:00Z"),
		"Tickets for the final sold out in minutes, the organisers said.",
		"The presidential box will host the prime minister.")

	envoy := doc("diplo-1", "Envoy's quiet campaign", "Gazette", "politics", time.Time{},
		"For months the ambassador lobbied the president, hoping he would change his policies on trade.",
		"His efforts were described as patient and discreet.")

	geneva := doc("geneva-1", "Summit in Geneva ends", "Gazette", "politics", date("2024-01-10T09:00:00Z"),
		"Leaders met for talks on nuclear arms control and left without a deal.",
		"Diplomats said further meetings were planned for the spring, after a long and tiring week.")
	meeting := doc("geneva-2", "Diplomats meet again", "Gazette", "politics", date("2024-01-11T09:00:00Z"),
		"Officials prepared the ground for a summit in the spring with a list of topics.",
		"Nothing was agreed on arms control, which remains the hardest issue of all for the delegations and their leaders.")
	blair := doc("uk-1", "Blair backs Brown on budget", "Money Daily", "politics", date("2005-02-01T00:00:00Z"),
		"Tony Blair backed Gordon Brown on Monday. Blair said the budget was fair.")
	bt := blair.Text
	blair.Entities = []dossier.Entity{
		{ID: "per-tony-blair", Name: "Tony Blair", Type: dossier.PER, Roles: []string{"Prime Minister"},
			Mentions: []dossier.Span{span(bt, "Tony Blair", 0)}},
		{ID: "per-blair", Name: "Blair", Type: dossier.PER, Roles: []string{"Labour leader"},
			Mentions: []dossier.Span{span(bt, "Blair", 1)}},
	}
	blair2 := doc("uk-2", "Blair speaks", "Money Daily", "politics", date("2005-02-02T00:00:00Z"),
		"Blair spoke about schools.")
	blair2.Entities = []dossier.Entity{{ID: "per-blair", Name: "Blair", Type: dossier.PER, Roles: []string{},
		Mentions: []dossier.Span{span(blair2.Text, "Blair", 0)}}}
	return []*dossier.Article{summit, oil, sport, envoy, geneva, meeting, blair, blair2}
}
