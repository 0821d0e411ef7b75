package textindex

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestScan(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"Reports on Reporting", []string{"report", "on", "report"}},
		{"Café Zürich, São Paulo", []string{"cafe", "zurich", "sao", "paulo"}},
		{"$240bn in 2024; e-mail", []string{"240bn", "in", "2024", "e", "mail"}},
		{"Putin's talks", []string{"putin", "s", "talk"}},
		{"北京 Москва", []string{"北京", "москва"}},
		{"", nil},
		{"  ...  ", nil},
	} {
		if got := Terms(c.in); !slices.Equal(got, c.want) {
			t.Errorf("Terms(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	var spans []string
	text := "Xi  met Putin."
	Scan(text, func(_ string, s, e int) { spans = append(spans, text[s:e]) })
	if want := []string{"Xi", "met", "Putin"}; !slices.Equal(spans, want) {
		t.Errorf("spans %q, want %q", spans, want)
	}
	if n := CountTokens("Xi met Putin in Beijing"); n != 5 {
		t.Errorf("CountTokens = %d, want 5", n)
	}
}

func TestQueryTerm(t *testing.T) {
	for _, c := range []struct {
		word   string
		prefix bool
		want   string
	}{
		{"Reports", false, "report"},
		{"compute", true, "comput"},
		{"phone", true, "phone"},
		{"Zürich", false, "zurich"},
		{"!!", false, ""},
	} {
		if got := QueryTerm(c.word, c.prefix); got != c.want {
			t.Errorf("QueryTerm(%q, %v) = %q, want %q", c.word, c.prefix, got, c.want)
		}
	}
}

func TestPostingsRoundTrip(t *testing.T) {
	ps := []Posting{{1, 0, 3, 100}, {7, 2, 0, 9}, {1 << 40, 1, 1, 70000}}
	var got []Posting
	if err := DecodePostings(AppendPostings(nil, ps), func(p Posting) { got = append(got, p) }); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, ps) {
		t.Errorf("decoded %v, want %v", got, ps)
	}
	enc := AppendPostings(nil, ps)
	if n := CountPostings(enc); n != len(ps) {
		t.Errorf("CountPostings = %d, want %d", n, len(ps))
	}
	for _, bad := range [][]byte{enc[:len(enc)-1], {0x80}, append(AppendPostings(nil, ps[:1]), 0, 1, 1, 1)} {
		if err := DecodePostings(bad, func(Posting) {}); !errors.Is(err, ErrCorrupt) {
			t.Errorf("DecodePostings(%x) = %v, want ErrCorrupt", bad, err)
		}
	}
}

func TestMergePostings(t *testing.T) {
	a := AppendPostings(nil, []Posting{{1, 1, 0, 5}, {4, 0, 1, 5}, {9, 0, 2, 8}})
	b := AppendPostings(nil, []Posting{{4, 0, 7, 6}, {12, 1, 1, 3}})
	// Document 9 is stale in the first list; document 4 is in both, and
	// the later list wins.
	m, err := MergePostings([][]byte{a, b}, func(doc int64, list int) bool { return doc == 9 && list == 0 })
	if err != nil {
		t.Fatal(err)
	}
	var got []Posting
	if err := DecodePostings(m, func(p Posting) { got = append(got, p) }); err != nil {
		t.Fatal(err)
	}
	want := []Posting{{1, 1, 0, 5}, {4, 0, 7, 6}, {12, 1, 1, 3}}
	if !slices.Equal(got, want) {
		t.Errorf("merged %v, want %v", got, want)
	}
}

func TestBatch(t *testing.T) {
	v := NewVocabulary()
	// An earlier batch of the same vocabulary: its terms must not leak
	// into the next one.
	first := NewBatch(v)
	first.Add(9, "Unrelated", "words only here")
	if err := first.Each(func(string, []byte) error { return nil }); err != nil {
		t.Fatal(err)
	}
	b := NewBatch(v)
	b.Add(3, "Harbour", "the harbour lantern")
	b.Add(1, "", "lantern lanterns")
	b.Add(2, "gone", "removed harbour")
	if n, ok := b.Remove(2); !ok || n != 3 {
		t.Errorf("Remove = %d, %v; want 3, true", n, ok)
	}
	got := map[string][]Posting{}
	var order []string
	err := b.Each(func(term string, enc []byte) error {
		order = append(order, term)
		return DecodePostings(enc, func(p Posting) { got[term] = append(got[term], p) })
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.IsSorted(order) {
		t.Errorf("terms not in order: %q", order)
	}
	want := map[string][]Posting{
		"harbour": {{3, 1, 1, 4}},
		"lantern": {{1, 0, 2, 2}, {3, 0, 1, 4}},
		"the":     {{3, 0, 1, 4}},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("postings %v, want %v", got, want)
	}
}

func TestBlocks(t *testing.T) {
	var w BlockWriter
	var terms []string
	for i := range 5000 {
		terms = append(terms, fmt.Sprintf("term%05d", i))
	}
	for _, term := range terms {
		if err := w.Add(term, AppendPostings(nil, []Posting{{int64(len(term)), 1, 2, 3}})); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Add("a", nil); err == nil {
		t.Error("Add out of order: no error")
	}
	blocks := w.Blocks()
	if len(blocks) < 2 {
		t.Fatalf("%d blocks for %d terms, want several", len(blocks), len(terms))
	}
	var all []string
	for _, b := range blocks {
		if len(b.Data) > BlockSize+100 {
			t.Errorf("block of %d bytes", len(b.Data))
		}
		first := true
		if err := EachTerm(b.Data, func(term string, _ []byte) bool {
			if first && term != b.First {
				t.Errorf("block first term %q, holds %q first", b.First, term)
			}
			first = false
			all = append(all, term)
			return true
		}); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(all, terms) {
		t.Error("blocks do not hold the terms in order")
	}
	var found []string
	if err := FindTerms(blocks[0].Data, "term0001", true, func(term string, _ []byte) { found = append(found, term) }); err != nil {
		t.Fatal(err)
	}
	if len(found) != 10 || found[0] != "term00010" {
		t.Errorf("prefix term0001: %q", found)
	}
	if err := EachTerm([]byte{5, 'a'}, func(string, []byte) bool { return true }); !errors.Is(err, ErrCorrupt) {
		t.Errorf("truncated block: %v, want ErrCorrupt", err)
	}
}

func TestBM25(t *testing.T) {
	m := BM25{Docs: 1000, AvgLength: 100, TitleWeight: 5}
	idf := m.IDF(10)
	if want := math.Log(990.5 / 10.5); math.Abs(idf-want) > 1e-12 {
		t.Errorf("IDF = %v, want %v", idf, want)
	}
	if m.IDF(900) != 1e-6 {
		t.Error("a term in most documents must get the floor idf")
	}
	body := m.Score(idf, Posting{BodyFreq: 1, Length: 100}, false)
	if want := idf * 2.2 / (1 + 1.2); math.Abs(body-want) > 1e-12 {
		t.Errorf("one body occurrence in an average document: %v, want %v", body, want)
	}
	title := m.Score(idf, Posting{TitleFreq: 1, Length: 100}, false)
	if title <= body {
		t.Error("a title occurrence must weigh more than a body one")
	}
	if m.Score(idf, Posting{BodyFreq: 3, Length: 100}, true) != 0 {
		t.Error("a title-only term must not count body occurrences")
	}
	if long := m.Score(idf, Posting{BodyFreq: 1, Length: 1000}, false); long >= body {
		t.Error("a longer document must score lower for the same frequency")
	}
}

func TestSnippet(t *testing.T) {
	text := strings.Repeat("filler ", 40) + "Xi met Putin in Beijing. " + strings.Repeat("more ", 40) + "Putin left."
	match := NewHighlighter()
	match.Add("putin", false)
	match.Add("beij", false)
	got := Snippet(text, 10, match)
	if !strings.Contains(got, "«Putin» in «Beijing»") || !strings.HasPrefix(got, "…") || !strings.HasSuffix(got, "…") {
		t.Errorf("snippet %q", got)
	}
	sentence := strings.Repeat("filler ", 20) + "End. Then Xi met Putin. " + strings.Repeat("tail ", 20)
	if got := Snippet(sentence, 16, match); !strings.HasPrefix(got, "…Then Xi met «Putin».") {
		t.Errorf("snippet must start at the sentence of the match: %q", got)
	}
	if got := Snippet("Short text.", 10, match); got != "Short text." {
		t.Errorf("no match, short text: %q", got)
	}
	if got := Snippet("a <b> & c", 10, nil); got != "a <b> & c" {
		t.Errorf("snippet must keep the text as is (escaping is the caller's): %q", got)
	}
}

func FuzzPostings(f *testing.F) {
	f.Add(AppendPostings(nil, []Posting{{1, 2, 3, 4}, {9, 0, 1, 2}}))
	f.Add([]byte{0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, b []byte) {
		var ps []Posting
		if err := DecodePostings(b, func(p Posting) { ps = append(ps, p) }); err != nil {
			return
		}
		var again []Posting
		if err := DecodePostings(AppendPostings(nil, ps), func(p Posting) { again = append(again, p) }); err != nil || !slices.Equal(ps, again) {
			t.Fatalf("re-encoding %v: %v %v", ps, again, err)
		}
		if n := CountPostings(b); n != len(ps) {
			t.Fatalf("CountPostings = %d, decoded %d", n, len(ps))
		}
		_ = EachTerm(b, func(string, []byte) bool { return true })
		_ = FindTerms(b, "a", true, func(string, []byte) {})
	})
}

func FuzzScan(f *testing.F) {
	f.Add("Café Zürich, $240bn")
	f.Add("\xff\xfe broken")
	f.Fuzz(func(t *testing.T, s string) {
		last := 0
		Scan(s, func(term string, start, end int) {
			if start < last || end <= start || end > len(s) || term == "" {
				t.Fatalf("token %q at [%d,%d) after %d", term, start, end, last)
			}
			last = end
		})
	})
}

func TestLead(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"Short  text\nhere.", 200, "Short text here."},
		{"The council met on Monday to vote.", 20, "The council met on…"},
		{"ÜÜÜ", 3, "Ü…"}, // never cut inside a character
	} {
		if got := Lead(c.in, c.n); got != c.want {
			t.Errorf("Lead(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
	}
}
