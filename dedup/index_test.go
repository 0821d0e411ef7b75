package dedup

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/cputime"
)

// Bodies written for these tests: a wire report, and an unrelated one.
var wire = []string{
	"The harbour authority in Westport said on Tuesday that the new ferry terminal would open in March, two months later than planned, after storms damaged the north quay during the winter.",
	"Chief executive Maria Lindqvist told reporters that the delay would cost about 3 million euros and that ferry services to the islands would continue from the old terminal until then.",
	"Local businesses had hoped the terminal would be ready before the Easter holidays, when visitor numbers usually double, and several traders said they were disappointed by the news.",
	"The project, funded jointly by the regional government and the European Union, has faced criticism from residents who say the building is too large for the small harbour town.",
}

var unrelated = []string{
	"Scientists at the university observatory have recorded the brightest meteor shower in a decade, with more than two hundred meteors an hour visible from the hills above the city on Sunday night.",
	"Astronomers said clear skies and a new moon made the conditions unusually good, and hundreds of families drove out of town to watch the display from car parks and fields.",
	"The shower, caused by debris from a comet, is expected to return next year, although forecasters warned that cloud cover could spoil the view for most of the country.",
}

func art(id, title string, paras []string, published time.Time) *dossier.Article {
	return &dossier.Article{ID: id, Title: title, Text: strings.Join(paras, "\n\n"), Published: published}
}

var t0 = time.Date(2024, 5, 14, 10, 0, 0, 0, time.UTC)

func TestExactDuplicateUnderNewTitle(t *testing.T) {
	ix := New(Options{})
	orig := art("a", "Ferry terminal delayed", wire, t0)
	if r := ix.Add(orig); r.DuplicateOf != "" || r.StoryID != "a" {
		t.Fatalf("original: %+v", r)
	}
	// Same body, new headline, different case and punctuation.
	copyText := strings.ToUpper(strings.ReplaceAll(orig.Text, ",", ""))
	c := &dossier.Article{ID: "b", Title: "Opinion | Why the terminal is late", Text: copyText, Published: t0.Add(time.Hour)}
	r := ix.Add(c)
	if r.DuplicateOf != "a" || !r.Exact || r.StoryID != "a" || c.DuplicateOf != "a" || c.StoryID != "a" {
		t.Fatalf("copy: %+v, article dup %q story %q", r, c.DuplicateOf, c.StoryID)
	}
	if c.SimHash != orig.SimHash {
		t.Errorf("same words, different SimHash: %x %x", c.SimHash, orig.SimHash)
	}
}

func TestNearDuplicateWireCopy(t *testing.T) {
	ix := New(Options{})
	ix.Add(art("a", "Ferry terminal delayed", wire, t0))
	// A syndicated copy: one paragraph dropped, one sentence edited, a
	// line of the republisher's own added.
	edited := []string{
		wire[0],
		strings.Replace(wire[1], "told reporters", "said", 1),
		wire[3],
		"This report was supplied by a news agency.",
	}
	c := art("b", "Westport ferry terminal opening pushed back", edited, t0.Add(2*time.Hour))
	r := ix.Add(c)
	if r.DuplicateOf != "a" || r.Exact || r.Similarity < 0.6 || r.Similarity >= 1 {
		t.Fatalf("wire copy: %+v", r)
	}
	if d := Distance(c.SimHash, SimHash(strings.Join(wire, "\n\n"))); d > 20 {
		t.Errorf("near copy SimHash distance %d", d)
	}
	// A copy of the copy links to the first original.
	r = ix.Add(art("c", "Copy of copy", edited, t0.Add(3*time.Hour)))
	if r.DuplicateOf != "a" {
		t.Fatalf("copy of a copy: %+v", r)
	}
	// An unrelated article is nobody's duplicate and starts its own story.
	r = ix.Add(art("d", "Meteor shower", unrelated, t0))
	if r.DuplicateOf != "" || r.StoryID != "d" {
		t.Fatalf("unrelated: %+v", r)
	}
}

func TestStoriesGroupSameEventWithinWindow(t *testing.T) {
	ix := New(Options{})
	for i, p := range unrelated { // background articles give the terms their weights
		ix.Add(art(fmt.Sprint("bg", i), "bg", []string{p, unrelated[(i+1)%3]}, t0))
	}
	ix.Add(art("a", "Ferry terminal delayed", wire, t0))
	// Another outlet's own report of the same event: different wording,
	// the same names and facts.
	other := []string{
		"Westport's long-awaited ferry terminal will not open until March, the harbour authority has confirmed, blaming winter storms that battered the north quay.",
		"Maria Lindqvist, who runs the authority, put the cost of the delay at 3 million euros. Island ferry services will keep using the old terminal.",
		"Traders in Westport, who counted on Easter visitors, said the terminal delay was a blow.",
	}
	r := ix.Add(art("b", "Storms delay Westport terminal", other, t0.Add(5*time.Hour)))
	if r.DuplicateOf != "" {
		t.Fatalf("a different report is not a duplicate: %+v", r)
	}
	if r.StoryID != "a" {
		t.Fatalf("same event: story %q, want a", r.StoryID)
	}
	// The same words a month later are a new story.
	later := []string{
		"A month on, Maria Lindqvist of the Westport harbour authority says the ferry terminal is still on course for March despite the storms.",
		"The north quay repairs cost 3 million euros, and island ferry services still use the old terminal.",
	}
	r = ix.Add(art("c", "Westport terminal", later, t0.Add(30*24*time.Hour)))
	if r.StoryID == "a" {
		t.Fatalf("outside the window: joined story a")
	}
}

func TestReAddAndReload(t *testing.T) {
	ix := New(Options{})
	ix.Add(art("a", "t", wire, t0))
	ix.Add(art("b", "t2", wire, t0))
	r := ix.Add(art("b", "t2", wire, t0))
	if r.DuplicateOf != "a" || ix.Len() != 2 {
		t.Fatalf("re-add: %+v len %d", r, ix.Len())
	}
	// Reloading stored articles keeps their recorded links.
	ix2 := New(Options{})
	ix2.Add(&dossier.Article{ID: "x", Text: strings.Join(unrelated, "\n\n"), StoryID: "story-1"})
	a := &dossier.Article{ID: "y", Text: "short", StoryID: "story-1"}
	if r := ix2.Add(a); r.StoryID != "story-1" || a.StoryID != "story-1" {
		t.Fatalf("reload: %+v", r)
	}
	// Short texts are only matched exactly.
	if r := ix2.Add(&dossier.Article{ID: "z", Text: "Short"}); r.DuplicateOf != "y" || !r.Exact {
		t.Fatalf("short exact: %+v", r)
	}
	if r := ix2.Add(&dossier.Article{ID: "e", Text: ""}); r.DuplicateOf != "" {
		t.Fatalf("empty text is nobody's duplicate: %+v", r)
	}
}

func TestTokenize(t *testing.T) {
	toks := tokenize("The U.N. didn't say. Then Maria Lindqvist’s team—in Westport—left.")
	var words []string
	var names []string
	for _, t := range toks {
		words = append(words, t.word)
		if t.name {
			names = append(names, t.word)
		}
	}
	if got := strings.Join(words, " "); got != "the u n didnt say then maria lindqvists team in westport left" {
		t.Errorf("words: %q", got)
	}
	if got := strings.Join(names, " "); got != "u maria lindqvists westport" {
		t.Errorf("names: %q", got)
	}
	if BodyHash("Hello,  world!") != BodyHash("hello world") {
		t.Error("BodyHash should ignore case and punctuation")
	}
}

func FuzzIndexAdd(f *testing.F) {
	f.Add("The harbour authority said on Tuesday.", "Another text, about ferries.")
	f.Fuzz(func(t *testing.T, a, b string) {
		ix := New(Options{MinWords: 1})
		ix.Add(&dossier.Article{ID: "a", Text: a})
		r := ix.Add(&dossier.Article{ID: "b", Text: b})
		if r.DuplicateOf != "" && r.DuplicateOf != "a" {
			t.Fatalf("bad link %q", r.DuplicateOf)
		}
		if r.Similarity < 0 || r.Similarity > 1 {
			t.Fatalf("similarity %v", r.Similarity)
		}
	})
}

func BenchmarkIndexAdd(b *testing.B) {
	arts := loadBBC(b)
	b.ResetTimer()
	cpu0 := cputime.Used()
	n := 0
	for range b.N {
		ix := New(Options{})
		for i := range arts {
			a := arts[i]
			ix.Add(&a)
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
	if cpu := cputime.Used() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	}
}

// TestFingerprintInParallel makes fingerprints on several goroutines and
// adds them in order: the results equal those of plain Add.
func TestFingerprintInParallel(t *testing.T) {
	texts := []string{
		strings.Join(wire, "\n\n"),
		strings.Join(unrelated, "\n\n"),
		strings.Join(wire[:3], "\n\n"),
		strings.ToLower(strings.Join(wire, "\n\n")),
	}
	serial := New(Options{})
	var want []Result
	for i, text := range texts {
		want = append(want, serial.Add(&dossier.Article{ID: fmt.Sprint(i), Text: text}))
	}
	par := New(Options{})
	fps := make([]*Fingerprint, len(texts))
	done := make(chan struct{})
	for i := range texts {
		go func() { fps[i] = par.Fingerprint(texts[i]); done <- struct{}{} }()
	}
	for range texts {
		<-done
	}
	for i := range texts {
		a := &dossier.Article{ID: fmt.Sprint(i), Text: texts[i]}
		if got := par.AddFingerprint(a, fps[i]); got != want[i] {
			t.Errorf("article %d: parallel %+v, serial %+v", i, got, want[i])
		}
		if a.SimHash != fps[i].SimHash() || a.SimHash == 0 {
			t.Errorf("article %d: SimHash not set", i)
		}
	}
}

// BenchmarkFingerprint measures the part of Add that can run in parallel.
func BenchmarkFingerprint(b *testing.B) {
	arts := loadBBC(b)
	ix := New(Options{})
	b.ResetTimer()
	cpu0 := cputime.Used()
	n := 0
	for range b.N {
		for i := range arts {
			ix.Fingerprint(arts[i].Text)
			n++
		}
	}
	if cpu := cputime.Used() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	}
}

// BenchmarkAddFingerprint measures the ordered part of Add (matching and
// recording), with fingerprints made beforehand.
func BenchmarkAddFingerprint(b *testing.B) {
	arts := loadBBC(b)
	ix0 := New(Options{})
	fps := make([]*Fingerprint, len(arts))
	for i := range arts {
		fps[i] = ix0.Fingerprint(arts[i].Text)
	}
	b.ResetTimer()
	cpu0 := cputime.Used()
	n := 0
	for range b.N {
		ix := New(Options{})
		for i := range arts {
			a := arts[i]
			ix.AddFingerprint(&a, fps[i])
			n++
		}
	}
	if cpu := cputime.Used() - cpu0; cpu > 0 {
		b.ReportMetric(float64(n)/cpu.Seconds(), "articles/cpu-s")
	}
}
