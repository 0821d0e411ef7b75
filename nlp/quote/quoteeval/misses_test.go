package quoteeval

import (
	"bufio"
	"flag"
	"fmt"
	"github.com/dossier/dossier/nlp/token"
	"io"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/nlp/entity"
	"github.com/dossier/dossier/nlp/quote"
)

// A development aid, not a check: with -misses, every found quotation whose
// source is wrong is written with its context to the named file.
//
//	go test ./nlp/quote/quoteeval -run TestWriteSourceMisses \
//	  -polnear ../shared/data/quotes-polnear/polnear-train.jsonl.gz -misses /tmp/misses.txt
var (
	missesOut = flag.String("misses", "", "write wrong sources with context to this file")
	polnear   = flag.String("polnear", "", "PolNeAR JSON Lines file for -misses")
)

func TestWriteSourceMisses(t *testing.T) {
	if *missesOut == "" || *polnear == "" {
		t.Skip("development aid: needs -polnear FILE -misses OUT")
	}
	f, err := os.Open(*polnear)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	arts, err := Load(f, *polnear)
	if err != nil {
		t.Fatal(err)
	}
	out, err := os.Create(*missesOut)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	defer w.Flush()
	n := 0
	tally := map[string]int{}
	for _, a := range arts {
		n += writeSourceMisses(w, a, quote.Extract(a.Text, entity.Extract(a.Text, "")), tally)
	}
	t.Logf("%d wrong sources written to %s; by kind: %v", n, *missesOut, tally)
}

// writeSourceMisses writes each wrong source of article a with its context:
// the gold source in [[ ]], the predicted one in {{ }}, the content in ‹ ›.
func writeSourceMisses(w io.Writer, a Article, qs []dossier.Quote, tally map[string]int) int {
	preds := Predictions(a.Text, qs)
	n := 0
	for _, g := range a.Quote {
		if len(g.Source) == 0 {
			continue
		}
		best, bestOv := -1, 0
		for i, p := range preds {
			if ov := overlap(g.Content, contentSpans(p)); 2*ov >= length(g.Content) && ov > bestOv {
				best, bestOv = i, ov
			}
		}
		if best < 0 {
			continue
		}
		p := preds[best]
		group := p.Kind
		if p.Kind == dossier.QuoteIndirect && (p.Cue == nil || quote.CueLemma(p.Cue.Text) == "") {
			group = "claim"
		}
		tally[group+" total"]++
		if p.Source != nil && overlap(g.Source, []dossier.Span{*p.Source}) > 0 {
			tally[group+" right"]++
			continue
		}
		n++
		miss := group + " wrong " + where(a.Text, p, g)
		if p.Source == nil {
			miss += " none"
			if p.Kind == dossier.QuotePartial {
				tally[partialShape(a.Text, p)]++
			}
		}
		tally[miss]++
		type mark struct {
			at  int
			s   string
			ord int
		}
		var ms []mark
		lo, hi := p.Start, p.End
		add := func(s, e int, open, close string) {
			ms = append(ms, mark{s, open, 0}, mark{e, close, 1})
			lo, hi = min(lo, s), max(hi, e)
		}
		for _, c := range g.Content {
			add(c.Start, c.End, "‹", "›")
		}
		for _, s := range g.Source {
			add(s.Start, s.End, "[[", "]]")
		}
		got := "<none>"
		if p.Source != nil {
			add(p.Source.Start, p.Source.End, "{{", "}}")
			got = p.Source.Text
		}
		// Widen to the paragraph before and the end of the paragraph.
		lo = strings.LastIndex(a.Text[:lo], "\n")
		if lo > 0 {
			if l2 := strings.LastIndex(strings.TrimRight(a.Text[:lo], "\n"), "\n"); l2 >= 0 {
				lo = l2
			} else {
				lo = 0
			}
		}
		lo = max(lo, 0)
		if e := strings.Index(a.Text[hi:], "\n"); e >= 0 {
			hi += e
		} else {
			hi = len(a.Text)
		}
		sort.SliceStable(ms, func(i, j int) bool {
			if ms[i].at != ms[j].at {
				return ms[i].at > ms[j].at
			}
			return ms[i].ord < ms[j].ord
		})
		ctx := a.Text[lo:hi]
		for _, m := range ms {
			if m.at >= lo && m.at <= hi {
				ctx = ctx[:m.at-lo] + m.s + ctx[m.at-lo:]
			}
		}
		cue := "<none>"
		if p.Cue != nil {
			cue = p.Cue.Text
		}
		fmt.Fprintf(w, "=== %s %s %s cue %q got %q want %q\n%s\n\n", a.ID, p.Kind, where(a.Text, p, g), cue, got, joinText(g.Source), strings.TrimSpace(ctx))
	}
	return n
}

// where tells where the gold source lies relative to the predicted
// quotation: in a sentence holding the quotation (same), in an earlier or
// later sentence of the same paragraph (prev, next), or in an earlier or
// later paragraph (prevpara, nextpara).
func where(text string, p dossier.Quote, g Gold) string {
	sents := token.Sentences(text)
	sentOf := func(pos int) int {
		return sort.Search(len(sents), func(i int) bool { return sents[i].End > pos })
	}
	paraOf := func(pos int) int { return strings.Count(text[:pos], "\n\n") }
	src := g.Source[0].Start
	lo, hi := p.Start, max(p.End-1, p.Start)
	for _, c := range g.Content {
		lo, hi = min(lo, c.Start), max(hi, c.End-1)
	}
	ss, sl, sh := sentOf(src), sentOf(lo), sentOf(hi)
	switch {
	case ss >= sl && ss <= sh:
		return "same"
	case paraOf(src) == paraOf(lo) && ss < sl:
		return "prev"
	case paraOf(src) == paraOf(hi) && ss > sh:
		return "next"
	case ss < sl:
		return "prevpara"
	}
	return "nextpara"
}

// partialShape describes where an unattributed partial quotation sits:
// whether it opens its sentence, what follows it, and its length.
func partialShape(text string, p dossier.Quote) string {
	before := strings.TrimRight(text[:p.Start], " \"“”")
	open := "mid"
	if before == "" || strings.ContainsAny(before[len(before)-1:], ".!?\n:") {
		open = "opens"
	}
	after := strings.TrimLeft(text[p.End:], " \"“”")
	next := "text"
	if after == "" || strings.ContainsAny(after[:1], ".!?\n") {
		next = "end"
	} else if after[0] == ',' {
		next = "comma"
	}
	words := len(strings.Fields(p.Text))
	size := "short"
	if words >= 8 {
		size = "long"
	}
	return "shape " + open + "/" + next + "/" + size
}
