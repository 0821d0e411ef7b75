package entity

import (
	"sort"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/cputime"
	"github.com/dossier/dossier/internal/shareddata"
)

type bbcArticle struct {
	ID, Title, Text string
}

func readBBC(tb testing.TB) []bbcArticle {
	tb.Helper()
	var out []bbcArticle
	for _, r := range shareddata.BBC(tb) {
		out = append(out, bbcArticle{ID: r.ID, Title: r.Title, Text: r.Text})
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
			for _, al := range s.Aliases {
				if !contains(t.Aliases, al) {
					t.Aliases = append(t.Aliases, al)
				}
			}
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
	for i, p := range top {
		t.Logf("%2d. %-20s %4d mentions, %3d articles; aliases %q", i+1, p.Name, p.Mentions, p.Articles, p.Aliases)
		w := strings.Fields(p.Name)
		// A one-word name among the top is a split when some fuller name
		// of a person ends with it.
		if len(w) == 1 {
			for _, q := range people {
				qw := strings.Fields(q.Name)
				if len(qw) > 1 && strings.EqualFold(qw[len(qw)-1], w[0]) && q.Articles*3 > p.Articles {
					t.Errorf("top person %q is split from %q", p.Name, q.Name)
				}
			}
		}
		for _, q := range top[:i] {
			if partOfName(strings.Fields(q.Name), w) || partOfName(w, strings.Fields(q.Name)) {
				t.Errorf("top people %q and %q are one person split in two", q.Name, p.Name)
			}
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	arts := readBBC(b)[:200]
	Extract(arts[0].Text, arts[0].Title) // load the model outside the timing
	cpu0 := cputime.Used().Seconds()
	b.ResetTimer()
	n := 0
	for b.Loop() {
		a := arts[n%len(arts)]
		Extract(a.Text, a.Title)
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	// On a shared machine wall time includes waiting for a core.
	if cpu := cputime.Used().Seconds() - cpu0; cpu > 0 {
		b.ReportMetric(cpu/float64(n)*1000, "cpu-ms/article")
	}
}
