package figure

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/shareddata"
)

func TestExtract(t *testing.T) {
	tests := []struct {
		text string
		want []dossier.Figure // Text, Kind, Value, High, Unit, Comparator, Period are compared
	}{
		{"Trade last year reached a record $240 billion, up from $108 billion in 2020.", []dossier.Figure{
			{Text: "$240 billion", Kind: "money", Value: 240e9, Unit: "USD", Period: "last year"},
			{Text: "$108 billion", Kind: "money", Value: 108e9, Unit: "USD", Period: "2020"}}},
		{"It cost £1.5bn, €3 million, US$5 billion, ¥100, Rs 500 and 5m euros.", []dossier.Figure{
			{Text: "£1.5bn", Kind: "money", Value: 1.5e9, Unit: "GBP"},
			{Text: "€3 million", Kind: "money", Value: 3e6, Unit: "EUR"},
			{Text: "US$5 billion", Kind: "money", Value: 5e9, Unit: "USD"},
			{Text: "¥100", Kind: "money", Value: 100, Unit: "JPY"},
			{Text: "Rs 500", Kind: "money", Value: 500, Unit: "INR"},
			{Text: "5m euros", Kind: "money", Value: 5e6, Unit: "EUR"}}},
		{"Prices rose 12% and 3.5 per cent.", []dossier.Figure{
			{Text: "12%", Kind: "percent", Value: 12, Unit: "%"},
			{Text: "3.5 per cent", Kind: "percent", Value: 3.5, Unit: "%"}}},
		{"He arrived with as many as 21 security vehicles.", []dossier.Figure{
			{Text: "as many as 21 security vehicles", Kind: "count", Value: 21, Unit: "security vehicles", Comparator: "<="}}},
		{"They have met more than 40 times since 2012.", []dossier.Figure{
			{Text: "more than 40 times", Kind: "count", Value: 40, Unit: "times", Comparator: ">", Period: "since 2012"}}},
		{"The 75th anniversary and the 4th Russia-China forum.", []dossier.Figure{
			{Text: "75th", Kind: "ordinal", Value: 75, Unit: "anniversary"},
			{Text: "4th", Kind: "ordinal", Value: 4, Unit: "forum"}}},
		{"Talks lasted two and a half hours.", []dossier.Figure{
			{Text: "two and a half hours", Kind: "duration", Value: 2.5, Unit: "hour"}}},
		{"Between 10 and 20 people came; prices rose 10-20%.", []dossier.Figure{
			{Text: "Between 10 and 20 people", Kind: "range", Value: 10, High: 20, Unit: "people"},
			{Text: "10-20%", Kind: "range", Value: 10, High: 20, Unit: "%"}}},
		{"About 300 protesters, nearly 40,000 people and almost half a million voters.", []dossier.Figure{
			{Text: "About 300 protesters", Kind: "count", Value: 300, Unit: "protesters", Comparator: "~"},
			{Text: "nearly 40,000 people", Kind: "count", Value: 40000, Unit: "people", Comparator: "<"},
			{Text: "almost half a million voters", Kind: "count", Value: 500000, Unit: "voters", Comparator: "<"}}},
		// Not figures: years, dates, times, list numbers, decades.
		{"1. On 16 May 2024 at 10:30 and 3 p.m., in the 1990s and in 2020, the two leaders met on May 16.", nil},
	}
	for _, tt := range tests {
		got := Extract(tt.text)
		checkFigures(t, tt.text, got)
		if len(got) != len(tt.want) {
			t.Errorf("Extract(%q) = %d figures %v, want %d", tt.text, len(got), texts(got), len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := got[i]
			if g.Text != w.Text || g.Kind != w.Kind || g.Value != w.Value || g.High != w.High || g.Unit != w.Unit || g.Comparator != w.Comparator || g.Period != w.Period {
				t.Errorf("in %q:\n got  %q %s %g-%g %q %q %q\n want %q %s %g-%g %q %q %q", tt.text,
					g.Text, g.Kind, g.Value, g.High, g.Unit, g.Comparator, g.Period,
					w.Text, w.Kind, w.Value, w.High, w.Unit, w.Comparator, w.Period)
			}
		}
	}
}

func texts(fs []dossier.Figure) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Text)
	}
	return out
}

func TestSentenceSpan(t *testing.T) {
	text := "First sentence. Trade grew 5% last year. Third."
	fs := Extract(text)
	if len(fs) != 1 || text[fs[0].Sentence.Start:fs[0].Sentence.End] != "Trade grew 5% last year." {
		t.Fatalf("got %+v", fs)
	}
}

func TestSeed(t *testing.T) {
	b, err := os.ReadFile(shareddata.Seed(t))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	fs := Extract(text)
	checkFigures(t, text, fs)
	want := []struct{ text, kind, unit, cmp, period string }{
		{"$240 billion", "money", "USD", "", "last year"},
		{"$108 billion", "money", "USD", "", "2020"},
		{"as many as 21 security vehicles", "count", "security vehicles", "<=", ""},
		{"more than 40 times", "count", "times", ">", "since 2012"},
		{"75th", "ordinal", "anniversary", "", ""},
		{"more than 30 pages", "count", "pages", ">", ""},
		{"two and a half hours", "duration", "hour", "", ""},
	}
	for _, w := range want {
		found := false
		for _, f := range fs {
			if f.Text == w.text && f.Kind == w.kind && f.Unit == w.unit && f.Comparator == w.cmp && f.Period == w.period {
				found = true
			}
		}
		if !found {
			t.Errorf("seed: no figure %+v in %v", w, texts(fs))
		}
	}
	for _, f := range fs {
		if strings.Contains(f.Text, "2022") || strings.Contains(f.Text, "2012") {
			t.Errorf("seed: year taken as a figure: %+v", f)
		}
	}
}

func checkFigures(t *testing.T, text string, fs []dossier.Figure) {
	t.Helper()
	utf := utf8.ValidString(text)
	for _, f := range fs {
		if f.Start < 0 || f.End <= f.Start || f.End > len(text) || text[f.Start:f.End] != f.Text {
			t.Fatalf("bad span %+v in %q", f, text)
		}
		if utf && (!utf8.RuneStart(text[f.Start]) || f.End < len(text) && !utf8.RuneStart(text[f.End])) {
			t.Fatalf("span splits a character: %+v", f)
		}
		if f.Sentence.Start > f.Start || f.Sentence.End < f.End {
			t.Fatalf("figure %+v outside its sentence", f)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"$240 billion last year", "between 1 and", "10-20% from $5bn to", "two and a half", "half a", "1.5.5bn", "9e999", "Rs.", "US$ 5", "1,000,000,000,000,000,000,000,000"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkFigures(t, text, Extract(text))
	})
}

func BenchmarkExtract(b *testing.B) {
	text := strings.Repeat("Trade last year reached a record $240 billion, more than doubling from $108 billion in 2020. "+
		"Putin has met Xi more than 40 times since 2012, with as many as 21 security vehicles.\n\n", 50)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text)
	}
}
