package entity

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/shareddata"
)

type bbcArticle struct {
	ID, Title, Text string
}

func readBBC(tb testing.TB) []bbcArticle {
	tb.Helper()
	path := shareddata.Path(tb, "data", "news-corpus", "bbc-news.jsonl.gz")
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		tb.Fatal(err)
	}
	var out []bbcArticle
	sc := bufio.NewScanner(zr)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for sc.Scan() {
		var a bbcArticle
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil {
			tb.Fatal(err)
		}
		out = append(out, a)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

// summarize aggregates per-article entities the way a store does.
func summarize(perArticle [][]dossier.Entity) []dossier.EntitySummary {
	idx := map[string]int{}
	var out []dossier.EntitySummary
	for _, ents := range perArticle {
		for _, e := range ents {
			i, ok := idx[e.ID]
			if !ok {
				i = len(out)
				idx[e.ID] = i
				out = append(out, dossier.EntitySummary{ID: e.ID, Name: e.Name, Type: e.Type})
			}
			s := &out[i]
			s.Articles++
			s.Mentions += len(e.Mentions)
			for _, m := range e.Mentions {
				if !contains(s.Aliases, m.Text) {
					s.Aliases = append(s.Aliases, m.Text)
				}
			}
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// relink applies a Canonicalize map to summaries, merging counts.
func relink(sums []dossier.EntitySummary, m map[string]string) []dossier.EntitySummary {
	idx := map[string]int{}
	for i, s := range sums {
		idx[s.ID] = i
	}
	var out []dossier.EntitySummary
	merged := map[string]*dossier.EntitySummary{}
	for _, s := range sums {
		if _, ok := m[s.ID]; !ok {
			c := s
			merged[s.ID] = &c
		}
	}
	for _, s := range sums {
		if to, ok := m[s.ID]; ok {
			t := merged[to]
			t.Articles += s.Articles // an upper bound: articles may overlap
			t.Mentions += s.Mentions
			t.Aliases = append(t.Aliases, s.Aliases...)
		}
	}
	for _, s := range merged {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Mentions != out[j].Mentions {
			return out[i].Mentions > out[j].Mentions
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// TestCorpusTopPeople runs Extract over the BBC corpus, canonicalises
// across articles and checks that the most-mentioned people are each one
// entity: no surname-only entity among them, and none whose surname is
// also the last word of another of them.
func TestCorpusTopPeople(t *testing.T) {
	if testing.Short() {
		t.Skip("runs over 2,225 articles; skipped with -short")
	}
	arts := readBBC(t)
	per := make([][]dossier.Entity, len(arts))
	for i, a := range arts {
		per[i] = Extract(a.Text, a.Title)
	}
	sums := summarize(per)
	m := Canonicalize(sums)
	all := relink(sums, m)
	var people []dossier.EntitySummary
	for _, s := range all {
		if s.Type == dossier.PER {
			people = append(people, s)
		}
	}
	if len(people) < 10 {
		t.Fatalf("only %d people", len(people))
	}
	top := people[:10]
	surnames := map[string]string{}
	for i, p := range top {
		t.Logf("%2d. %-24s %4d mentions, %3d articles, %d aliases", i+1, p.Name, p.Mentions, p.Articles, len(p.Aliases))
		w := strings.Fields(p.Name)
		if len(w) < 2 {
			t.Errorf("top person %q is known only by one word", p.Name)
		}
		last := strings.ToLower(w[len(w)-1])
		if other, ok := surnames[last]; ok {
			t.Errorf("top people %q and %q may be one person split in two", other, p.Name)
		}
		surnames[last] = p.Name
	}
}

func BenchmarkExtract(b *testing.B) {
	arts := readBBC(b)[:200]
	Extract(arts[0].Text, arts[0].Title) // load the model outside the timing
	b.ResetTimer()
	n := 0
	for b.Loop() {
		a := arts[n%len(arts)]
		Extract(a.Text, a.Title)
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}
