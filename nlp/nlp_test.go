package nlp

import (
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/extract"
	goldenfile "github.com/dossier/dossier/internal/golden"
	"github.com/dossier/dossier/internal/shareddata"
)

var update = flag.Bool("update", false, "rewrite golden files")

// seedArticle is the seed article through the plain-text extractor and the
// whole pipeline, published on the day of the visit.
func seedArticle(t *testing.T) dossier.Article {
	t.Helper()
	b, err := os.ReadFile(shareddata.Seed(t))
	if err != nil {
		t.Fatal(err)
	}
	a, err := extract.Text(b)
	if err != nil {
		t.Fatal(err)
	}
	a.Published = time.Date(2024, time.May, 16, 0, 0, 0, 0, time.UTC)
	return Annotate(a)
}

func TestSeedQuotes(t *testing.T) {
	a := seedArticle(t)
	want := []struct{ prefix, cue, source, speaker string }{
		{"We believe it is necessary to work on building", "said", "the Russian leader", "Vladimir Putin"},
		{"China and Russia promote the emergence", "said", "he", "Xi Jinping"},
		{"In today’s world, the mentality", "stating", "Xi", "Xi Jinping"},
		{"The sustainable development", "concluded", "Xi Jinping", "Xi Jinping"},
		{"China and Russia firmly support", "said", "the Chinese leader", "Xi Jinping"},
		{"storms and changes in international dynamics", "said", "Xi Jinping", "Xi Jinping"},
		{"a model of mutual respect and cooperation", "said", "Xi Jinping", "Xi Jinping"},
		{"This document sets new major tasks", "said", "Putin", "Vladimir Putin"},
		{"the leading role of Russia and China", "", "", "Yuri Ushakov"},
	}
	for _, w := range want {
		var got *dossier.Quote
		for i := range a.Quotes {
			if strings.HasPrefix(a.Quotes[i].Text, w.prefix) {
				got = &a.Quotes[i]
				break
			}
		}
		if got == nil {
			t.Errorf("no quote starting %q", w.prefix)
			continue
		}
		cue, src := "", ""
		if got.Cue != nil {
			cue = got.Cue.Text
		}
		if got.Source != nil {
			src = got.Source.Text
		}
		if w.cue != "" && cue != w.cue || w.source != "" && src != w.source || got.Speaker != w.speaker || got.SpeakerEntity == "" {
			t.Errorf("%q: cue %q source %q speaker %q (%q); want %q %q %q", w.prefix, cue, src, got.Speaker, got.SpeakerEntity, w.cue, w.source, w.speaker)
		}
	}
	if !hasPartial(a.Quotes, "storms and changes") {
		t.Error("the partial quotation “storms and changes” is missing")
	}
}

func hasPartial(qs []dossier.Quote, prefix string) bool {
	for _, q := range qs {
		if q.Kind == dossier.QuotePartial && strings.HasPrefix(q.Text, prefix) {
			return true
		}
	}
	return false
}

func TestSeedFigures(t *testing.T) {
	a := seedArticle(t)
	want := []struct {
		text, kind string
		value      float64
		unit, cmp  string
		period     string
	}{
		{"$240 billion", "money", 240e9, "USD", "", "last year"},
		{"$108 billion", "money", 108e9, "USD", "", "2020"},
		{"as many as 21 security vehicles", "count", 21, "security vehicles", "<=", ""},
		{"more than 40 times", "count", 40, "times", ">", "since 2012"},
		{"75th", "ordinal", 75, "anniversary", "", ""},
		{"more than 30 pages", "count", 30, "pages", ">", ""},
	}
	for _, w := range want {
		found := false
		for _, f := range a.Figures {
			if f.Text == w.text && f.Kind == w.kind && f.Value == w.value && f.Unit == w.unit && f.Comparator == w.cmp && f.Period == w.period {
				found = true
				if s := a.Text[f.Sentence.Start:f.Sentence.End]; !strings.Contains(s, w.text) {
					t.Errorf("%q: sentence %q does not hold it", w.text, s)
				}
			}
		}
		if !found {
			t.Errorf("no figure %+v", w)
		}
	}
}

// TestSeedGolden pins the quotes, figures and dates of the seed article.
// Speakers come from the entity stage and are checked by TestSeedQuotes;
// they are left out here so that entity work does not churn this file.
func TestSeedGolden(t *testing.T) {
	a := seedArticle(t)
	for i := range a.Quotes {
		a.Quotes[i].Speaker, a.Quotes[i].SpeakerEntity = "", ""
	}
	got, err := json.MarshalIndent(struct {
		Quotes  []dossier.Quote  `json:"quotes"`
		Figures []dossier.Figure `json:"figures"`
		Dates   []dossier.Date   `json:"dates"`
	}{a.Quotes, a.Figures, a.Dates}, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	goldenfile.Check(t, filepath.Join("testdata", "seed.golden.json"), got, *update)
}
