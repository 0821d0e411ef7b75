package web

import (
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
)

// builder makes a fixture article whose annotations are given by the text
// they cover, so offsets are computed rather than typed.
type builder struct {
	t testing.TB
	a *dossier.Article
}

func article(t testing.TB, id, title, source, published string, paragraphs ...string) *builder {
	a := &dossier.Article{ID: id, Title: title, Source: source, Text: strings.Join(paragraphs, "\n\n")}
	off := 0
	for _, p := range paragraphs {
		a.Paragraphs = append(a.Paragraphs, dossier.Paragraph{Start: off, End: off + len(p)})
		off += len(p) + 2
	}
	if published != "" {
		p, err := time.Parse("2006-01-02", published)
		if err != nil {
			t.Fatal(err)
		}
		a.Published = p
	}
	return &builder{t: t, a: a}
}

func (b *builder) span(s string, n int) dossier.Span {
	b.t.Helper()
	off := 0
	for i := 0; ; i++ {
		j := strings.Index(b.a.Text[off:], s)
		if j < 0 {
			b.t.Fatalf("fixture %s: %q occurrence %d not in text", b.a.ID, s, n)
		}
		if i == n {
			return dossier.Span{Start: off + j, End: off + j + len(s), Text: s}
		}
		off += j + len(s)
	}
}

func (b *builder) entity(id, name, typ string, roles []string, mentions ...string) *builder {
	e := dossier.Entity{ID: id, Name: name, Type: typ, Roles: roles}
	for _, m := range mentions {
		e.Mentions = append(e.Mentions, b.span(m, 0))
	}
	b.a.Entities = append(b.a.Entities, e)
	return b
}

func (b *builder) quote(speaker, speakerID, text, cue, source string) *builder {
	s := b.span(text, 0)
	q := dossier.Quote{Text: text, Start: s.Start, End: s.End, Kind: dossier.QuoteDirect, Speaker: speaker, SpeakerEntity: speakerID}
	if cue != "" {
		c := b.span(cue, 0)
		q.Cue = &c
	}
	if source != "" {
		c := b.span(source, 0)
		q.Source = &c
	}
	b.a.Quotes = append(b.a.Quotes, q)
	return b
}

func (b *builder) figure(text, kind, unit string, value float64) *builder {
	s := b.span(text, 0)
	b.a.Figures = append(b.a.Figures, dossier.Figure{Text: text, Start: s.Start, End: s.End, Kind: kind, Value: value, Unit: unit})
	return b
}

// putinQuote is the seed article's Putin quotation.
const putinQuote = "We believe it is necessary to work on building a reliable and appropriate security architecture in the Asia-Pacific region"

// hostileTitle and hostileText carry markup that must stay inert.
const (
	hostileTitle = `<script>alert("title")</script>Hostile <img src=x onerror=alert(1)>`
	hostileText  = `Hostile text with <script>alert("body")</script> and <img src=x onerror="alert(2)"> inline.` + "\n\n" +
		`A <a href="javascript:alert(3)">javascript: link</a> and <svg onload=alert(4)><circle r=5></svg> too.` + "\n\n" +
		`An <iframe src="javascript:alert(5)"></iframe> and a </span></p><script>alert(6)</script> break-out attempt.`
)

// fixtureArticles is the web tests' corpus: a seed-like summit article,
// two BBC-like articles and a hostile one.
func fixtureArticles(t testing.TB) []*dossier.Article {
	seed := article(t, "seed-putin-china", "Xi and Putin Discuss Military Alliances in Indo-Pacific Region", "Seed", "2024-05-16",
		"Russian President Vladimir Putin is currently on a two-day state visit to his host, Chinese leader Xi Jinping, in Beijing, China.",
		"“"+putinQuote+", where there is no place for closed military-political alliances,” said the Russian leader.",
		"Chinese-Russian trade last year reached a record $240 billion, more than doubling from $108 billion in 2020.").
		entity("PER:vladimir-putin", "Vladimir Putin", dossier.PER, []string{"Russian President"}, "Vladimir Putin", "Russian leader").
		entity("PER:xi-jinping", "Xi Jinping", dossier.PER, []string{"Chinese leader"}, "Xi Jinping").
		entity("LOC:beijing", "Beijing", dossier.LOC, nil, "Beijing").
		quote("Vladimir Putin", "PER:vladimir-putin", putinQuote+", where there is no place for closed military-political alliances,", "said", "the Russian leader").
		figure("$240 billion", dossier.FigureMoney, "USD", 240e9).
		figure("$108 billion", dossier.FigureMoney, "USD", 108e9).a
	seed.Topic = "putin china"
	seed.Dates = []dossier.Date{{Text: "2020", Start: strings.Index(seed.Text, "2020"), End: strings.Index(seed.Text, "2020") + 4, Value: "2020"}}

	bbc1 := article(t, "bbc-politics-001", "China and Russia trade ties grow", "BBC News", "2005-02-10",
		"Trade between China and Russia grew strongly, officials in Moscow said.",
		"President Putin is expected to visit China later this year.").
		entity("PER:vladimir-putin", "Vladimir Putin", dossier.PER, []string{"President"}, "Putin").
		entity("LOC:moscow", "Moscow", dossier.LOC, nil, "Moscow").
		entity("LOC:china", "China", dossier.LOC, nil, "China").a
	bbc2 := article(t, "bbc-business-002", "Oil prices rise on China demand", "BBC News", "2005-03-01",
		"Oil prices rose 5% on strong demand from China, the International Energy Agency said.").
		entity("ORG:iea", "International Energy Agency", dossier.ORG, nil, "International Energy Agency").
		entity("LOC:china", "China", dossier.LOC, nil, "China").
		figure("5%", dossier.FigurePercent, "%", 5).a

	hostile := article(t, "hostile-1", hostileTitle, `Evil <b>Source</b>`, "2024-05-17", strings.Split(hostileText, "\n\n")...)
	hostile.a.URL = "javascript:alert(7)"
	hostile.a.Byline = `<script>alert(8)</script>`
	hostile.entity(`x" onmouseover="alert(9)`, `<b onmouseover=alert(10)>Evil</b> Putin`, dossier.PER, []string{`<i>role</i>`}, "Hostile")
	hostile.quote(`"><script>alert(11)</script>`, "", `<img src=x onerror="alert(2)">`, "", "")

	return []*dossier.Article{seed, bbc1, bbc2, hostile.a}
}
