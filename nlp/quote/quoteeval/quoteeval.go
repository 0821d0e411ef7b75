package quoteeval

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/gzsniff"
	"github.com/dossier/dossier/nlp/entity"
	"github.com/dossier/dossier/nlp/quote"
)

// Article is one PolNeAR article with its gold direct quotations, offsets
// converted to bytes.
type Article struct {
	ID    string
	Text  string
	Quote []Gold
}

// Gold is one annotated direct quotation.
type Gold struct {
	Content []dossier.Span // content pieces
	Source  []dossier.Span // source pieces; nil when unannotated
	Cue     []dossier.Span // cue pieces
}

type jsonSpans struct {
	Spans [][2]int `json:"spans"`
	Text  string   `json:"text"`
}

type jsonArticle struct {
	ID          string `json:"id"`
	Text        string `json:"text"`
	Annotations []struct {
		Attributions []struct {
			Source      *jsonSpans `json:"source"`
			Cue         *jsonSpans `json:"cue"`
			Content     *jsonSpans `json:"content"`
			DirectQuote bool       `json:"direct_quote"`
		} `json:"attributions"`
	} `json:"annotations"`
}

// Load reads PolNeAR JSON Lines, gzipped or not, and keeps each article's
// direct quotations from its first annotation set.
func Load(r io.Reader, name string) ([]Article, error) {
	br, err := gzsniff.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	dec := json.NewDecoder(br)
	var arts []Article
	for line := 1; ; line++ {
		var ja jsonArticle
		if err := dec.Decode(&ja); err == io.EOF {
			break
		} else if err != nil {
			return nil, dossier.Errorf(dossier.EINVALID, "%s: record %d: %v", name, line, err)
		}
		a, err := convert(ja)
		if err != nil {
			return nil, dossier.Errorf(dossier.EINVALID, "%s: record %d (%s): %v", name, line, ja.ID, err)
		}
		arts = append(arts, a)
	}
	return arts, nil
}

// convert turns character offsets into byte offsets.
func convert(ja jsonArticle) (Article, error) {
	a := Article{ID: ja.ID, Text: ja.Text}
	byteAt := make([]int, 0, len(ja.Text)+1)
	for i := range ja.Text {
		byteAt = append(byteAt, i)
	}
	byteAt = append(byteAt, len(ja.Text))
	spans := func(js *jsonSpans) ([]dossier.Span, error) {
		if js == nil {
			return nil, nil
		}
		var out []dossier.Span
		for _, sp := range js.Spans {
			if sp[0] < 0 || sp[1] < sp[0] || sp[1] >= len(byteAt) {
				return nil, fmt.Errorf("span %v outside the text of %d characters", sp, len(byteAt)-1)
			}
			s, e := byteAt[sp[0]], byteAt[sp[1]]
			out = append(out, dossier.Span{Start: s, End: e, Text: ja.Text[s:e]})
		}
		return out, nil
	}
	if len(ja.Annotations) == 0 {
		return a, nil
	}
	for _, at := range ja.Annotations[0].Attributions {
		if !at.DirectQuote || at.Content == nil {
			continue
		}
		var g Gold
		var err error
		if g.Content, err = spans(at.Content); err != nil {
			return a, err
		}
		if g.Source, err = spans(at.Source); err != nil {
			return a, err
		}
		if g.Cue, err = spans(at.Cue); err != nil {
			return a, err
		}
		a.Quote = append(a.Quote, g)
	}
	return a, nil
}

// Report holds the measured figures.
type Report struct {
	Articles    int // articles scored
	Gold        int // gold direct quotations
	Predicted   int // predicted quotations counted
	Found       int // gold quotations matched (≥ 50% of gold covered)
	FoundStrict int // matched with the overlap also ≥ 50% of the prediction
	WithSource  int // found quotations whose gold has a source
	SourceRight int // ... whose predicted source overlaps it

	// KindPredicted and KindFound count predictions and matched ones by
	// quote kind; GoldByStart and FoundByStart count gold quotations and
	// found ones by whether the content opens with a quotation mark
	// ("opens") or embeds one ("embeds").
	KindPredicted, KindFound  map[string]int
	GoldByStart, FoundByStart map[string]int

	Misses     []string // a sample of gold quotations not found
	FalseHits  []string // a sample of predictions matching nothing
	WrongSrcs  []string // a sample of wrong sources
	sampleSize int
}

// Precision is Found / Predicted.
func (r Report) Precision() float64 { return ratio(r.Found, r.Predicted) }

// Recall is Found / Gold.
func (r Report) Recall() float64 { return ratio(r.Found, r.Gold) }

// F1 is the harmonic mean of precision and recall.
func (r Report) F1() float64 { return f1(r.Precision(), r.Recall()) }

// StrictF1 is F1 with the stricter, two-sided overlap.
func (r Report) StrictF1() float64 {
	return f1(ratio(r.FoundStrict, r.Predicted), ratio(r.FoundStrict, r.Gold))
}

// SourceAccuracy is SourceRight / WithSource.
func (r Report) SourceAccuracy() float64 { return ratio(r.SourceRight, r.WithSource) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// Evaluate runs the entity stage and quote.Extract over the articles, as
// the pipeline does, and scores the quotations, keeping up to sample
// examples of each kind of error.
func Evaluate(arts []Article, sample int) Report {
	rep := Report{sampleSize: sample, KindPredicted: map[string]int{}, KindFound: map[string]int{},
		GoldByStart: map[string]int{}, FoundByStart: map[string]int{}}
	for _, a := range arts {
		rep.Articles++
		rep.add(a, quote.Extract(a.Text, entity.Extract(a.Text, "")))
	}
	return rep
}

// pred is a counted prediction.
type pred struct {
	q     dossier.Quote
	spans []dossier.Span
}

func contentSpans(q dossier.Quote) []dossier.Span {
	if len(q.Parts) > 0 {
		return q.Parts
	}
	return []dossier.Span{{Start: q.Start, End: q.End}}
}

// Predictions returns the quotes that count as direct-quote predictions,
// with nested ones folded into the outer one.
func Predictions(text string, qs []dossier.Quote) []dossier.Quote {
	var keep []dossier.Quote
	for _, q := range qs {
		if q.Kind == dossier.QuoteIndirect && !strings.ContainsAny(text[q.Start:q.End], "\"“”") {
			continue
		}
		keep = append(keep, q)
	}
	var out []dossier.Quote
	for i, q := range keep {
		nested := false
		for j, o := range keep {
			if i != j && o.Start <= q.Start && q.End <= o.End && (o.End-o.Start > q.End-q.Start || j < i) {
				nested = true
				break
			}
		}
		if !nested {
			out = append(out, q)
		}
	}
	return out
}

func overlap(a, b []dossier.Span) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			lo, hi := max(x.Start, y.Start), min(x.End, y.End)
			if hi > lo {
				n += hi - lo
			}
		}
	}
	return n
}

func length(a []dossier.Span) int {
	n := 0
	for _, x := range a {
		n += x.End - x.Start
	}
	return n
}

func (rep *Report) add(a Article, qs []dossier.Quote) {
	var preds []pred
	for _, q := range Predictions(a.Text, qs) {
		preds = append(preds, pred{q, contentSpans(q)})
	}
	rep.Gold += len(a.Quote)
	rep.Predicted += len(preds)
	for _, p := range preds {
		rep.KindPredicted[p.q.Kind]++
	}
	for _, g := range a.Quote {
		rep.GoldByStart[opening(g)]++
	}
	type pair struct {
		g, p  int
		ratio float64
	}
	var pairs []pair
	for gi, g := range a.Quote {
		gl := length(g.Content)
		if gl == 0 {
			continue
		}
		for pi, p := range preds {
			if ov := overlap(g.Content, p.spans); ov > 0 {
				if r := float64(ov) / float64(gl); r >= 0.5 {
					pairs = append(pairs, pair{gi, pi, r})
				}
			}
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].ratio > pairs[j].ratio })
	gUsed := make([]bool, len(a.Quote))
	pUsed := make([]bool, len(preds))
	for _, pr := range pairs {
		if gUsed[pr.g] || pUsed[pr.p] {
			continue
		}
		gUsed[pr.g], pUsed[pr.p] = true, true
		rep.Found++
		g, p := a.Quote[pr.g], preds[pr.p]
		rep.KindFound[p.q.Kind]++
		rep.FoundByStart[opening(g)]++
		if ov := overlap(g.Content, p.spans); 2*ov >= length(p.spans) {
			rep.FoundStrict++
		}
		if len(g.Source) == 0 {
			continue
		}
		rep.WithSource++
		if p.q.Source != nil && overlap(g.Source, []dossier.Span{*p.q.Source}) > 0 {
			rep.SourceRight++
		} else if len(rep.WrongSrcs) < rep.sampleSize {
			got := "<none>"
			if p.q.Source != nil {
				got = p.q.Source.Text
			}
			where := "before"
			if g.Source[0].Start > p.q.Start {
				where = "after"
			}
			rep.WrongSrcs = append(rep.WrongSrcs, fmt.Sprintf("%s: %s source %q, want %q (%s) for %s", a.ID, p.q.Kind, got, joinText(g.Source), where, snippet(p.q.Text)))
		}
	}
	for gi, g := range a.Quote {
		if !gUsed[gi] && len(rep.Misses) < rep.sampleSize {
			lo, hi := g.Content[0].Start, g.Content[0].End
			for _, c := range g.Content {
				lo, hi = min(lo, c.Start), max(hi, c.End)
			}
			rep.Misses = append(rep.Misses, fmt.Sprintf("%s: %s", a.ID, snippet(a.Text[lo:hi])))
		}
	}
	for pi, p := range preds {
		if !pUsed[pi] && len(rep.FalseHits) < rep.sampleSize {
			rep.FalseHits = append(rep.FalseHits, fmt.Sprintf("%s: %s %s", a.ID, p.q.Kind, snippet(p.q.Text)))
		}
	}
}

// opening tells whether gold content opens with a quotation mark.
func opening(g Gold) string {
	t := strings.TrimSpace(g.Content[0].Text)
	if strings.HasPrefix(t, "\"") || strings.HasPrefix(t, "“") {
		return "opens"
	}
	return "embeds"
}

func joinText(sp []dossier.Span) string {
	parts := make([]string, len(sp))
	for i, s := range sp {
		parts[i] = s.Text
	}
	return strings.Join(parts, " ")
}

// snippet shortens s to about 100 characters on one line.
func snippet(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= 100 {
		return fmt.Sprintf("%q", s)
	}
	r := []rune(s)
	return fmt.Sprintf("%q", string(r[:97])+"...")
}

// Write prints the report.
func (r Report) Write(w io.Writer) error {
	_, err := fmt.Fprintf(w, `articles            %d
gold direct quotes  %d
predicted           %d
found               %d
precision           %.3f
recall              %.3f
F1                  %.3f   (found: prediction covers >= 50%% of the gold content, one-to-one)
strict F1           %.3f   (overlap also >= 50%% of the prediction)
source accuracy     %.3f   (%d of %d found quotes with a gold source; spans overlap)
`, r.Articles, r.Gold, r.Predicted, r.Found, r.Precision(), r.Recall(), r.F1(), r.StrictF1(),
		r.SourceAccuracy(), r.SourceRight, r.WithSource)
	if err != nil {
		return err
	}
	for _, k := range []string{dossier.QuoteDirect, dossier.QuotePartial, dossier.QuoteIndirect} {
		fmt.Fprintf(w, "  %-8s predicted %5d  precision %.3f\n", k, r.KindPredicted[k], ratio(r.KindFound[k], r.KindPredicted[k]))
	}
	for _, k := range []string{"opens", "embeds"} {
		fmt.Fprintf(w, "  gold %-6s %5d  recall %.3f\n", k, r.GoldByStart[k], ratio(r.FoundByStart[k], r.GoldByStart[k]))
	}
	for _, sec := range []struct {
		title string
		items []string
	}{{"missed", r.Misses}, {"false hits", r.FalseHits}, {"wrong sources", r.WrongSrcs}} {
		if len(sec.items) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s:\n", sec.title)
		for _, it := range sec.items {
			if _, err := fmt.Fprintf(w, "  %s\n", it); err != nil {
				return err
			}
		}
	}
	return nil
}
