package ner

import (
	"bytes"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier/dossier/internal/cputime"
	"github.com/dossier/dossier/internal/shareddata"
	"github.com/dossier/dossier/nlp/gazetteer"
)

// testaFloor is just under the span F1 on eng.testa of a model trained on
// eng.train alone with the committed options.
const testaFloor = 0.918

func TestDefaultModelTags(t *testing.T) {
	m, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	toks := strings.Fields("Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing on Thursday , the Kremlin said .")
	got := m.Tag(toks)
	want := map[int]string{0: "B-MISC", 2: "B-PER", 3: "I-PER", 5: "B-MISC", 7: "B-PER", 8: "I-PER", 10: "B-LOC", 12: "O"}
	for i, w := range want {
		if got[i] != w {
			t.Errorf("%s: tag %s, want %s (all: %v)", toks[i], got[i], w, got)
		}
	}
	for i := 1; i < len(got); i++ {
		if strings.HasPrefix(got[i], "I-") && got[i-1][2:] != got[i][2:] {
			t.Errorf("invalid IOB2 at %d: %v", i, got)
		}
	}
	if typ, ok := m.TypePrior("microsoft"); !ok || typ != "ORG" {
		t.Errorf("TypePrior(microsoft) = %q, %v; want ORG", typ, ok)
	}
	if typ, ok := m.TypePrior("Xyzzy Unknown"); ok {
		t.Errorf("TypePrior of an unknown name = %q", typ)
	}
	if out := m.Tag(nil); len(out) != 0 {
		t.Errorf("Tag(nil) = %v", out)
	}
}

func TestModelRoundTrip(t *testing.T) {
	train := []Sentence{
		{Tokens: strings.Fields("Alice Smith visited Paris ."), Tags: strings.Fields("B-PER I-PER O B-LOC O")},
		{Tokens: strings.Fields("Bob works for Acme Corp ."), Tags: strings.Fields("B-PER O O B-ORG I-ORG O")},
	}
	var data []Sentence
	for range 3 { // three times, so the names get type priors
		data = append(data, train...)
	}
	m := Train(data, TrainOptions{Epochs: 5, Bits: 12})
	if typ, _ := m.TypePrior("Acme Corp"); typ != "ORG" {
		t.Errorf("TypePrior(Acme Corp) = %q, want ORG", typ)
	}
	for _, s := range train {
		if got := m.Tag(s.Tokens); !reflect.DeepEqual(got, s.Tags) {
			t.Errorf("training sentence not learnt: %v, want %v", got, s.Tags)
		}
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		t.Fatal(err)
	}
	m2, err := Read(bytes.NewReader(buf.Bytes()), nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(m.priors, m2.priors) {
		t.Errorf("type priors %v did not survive a round trip: %v", m.priors, m2.priors)
	}
	for _, s := range train {
		if a, b := m.Tag(s.Tokens), m2.Tag(s.Tokens); !reflect.DeepEqual(a, b) {
			t.Errorf("reloaded model tags %v, original %v", b, a)
		}
	}
	if _, err := Read(bytes.NewReader(buf.Bytes()[:buf.Len()/2]), nil, nil); err == nil {
		t.Error("want an error for a truncated model")
	}
	if _, err := Read(strings.NewReader("not gzip"), nil, nil); err == nil {
		t.Error("want an error for garbage")
	}
}

// TestTrainTestaFloor trains a fresh model on eng.train (the committed
// options) and checks its span F1 on eng.testa, so a change to features or
// training that hurts quality fails here.
func TestTrainTestaFloor(t *testing.T) {
	if testing.Short() {
		t.Skip("trains a model (about 20 s); skipped with -short")
	}
	trainPath := shareddata.Path(t, "data", "conll2003", "eng.train.gz")
	devPath := shareddata.Path(t, "data", "conll2003", "eng.testa.gz")
	train, err := ReadCoNLLFile(trainPath)
	if err != nil {
		t.Fatal(err)
	}
	dev, err := ReadCoNLLFile(devPath)
	if err != nil {
		t.Fatal(err)
	}
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	m := Train(train, TrainOptions{Epochs: 9, Bits: 20, Clusters: def.Clusters(), Gaz: gazetteer.Default()})
	s := m.Score(dev)
	t.Logf("eng.testa span F1 %.4f (P %.4f R %.4f)", s.Overall.F1(), s.Overall.Precision(), s.Overall.Recall())
	for typ, c := range s.ByType {
		t.Logf("  %s F1 %.4f", typ, c.F1())
	}
	if s.Overall.F1() < testaFloor {
		t.Errorf("eng.testa span F1 %.4f below the floor %.3f", s.Overall.F1(), testaFloor)
	}
}

func BenchmarkTag(b *testing.B) {
	path := shareddata.Path(b, "data", "conll2003", "eng.testa.gz")
	sents, err := ReadCoNLLFile(path)
	if err != nil {
		b.Fatal(err)
	}
	m, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	doc := make([][]string, 0, len(sents))
	tokens := 0
	for _, s := range sents {
		doc = append(doc, s.Tokens)
		tokens += len(s.Tokens)
	}
	cpu0 := cputime.Used().Seconds()
	b.ResetTimer()
	for b.Loop() {
		for i := 0; i < len(doc); i += 20 { // documents of 20 sentences
			m.TagDoc(doc[i:min(i+20, len(doc))])
		}
	}
	b.ReportMetric(float64(tokens)*float64(b.N)/b.Elapsed().Seconds(), "tokens/s")
	// On a shared machine wall time includes waiting for a core; the
	// process's CPU time does not.
	if cpu := cputime.Used().Seconds() - cpu0; cpu > 0 {
		b.ReportMetric(float64(tokens)*float64(b.N)/cpu, "tokens/cpu-s")
	}
}

// BenchmarkLoad measures a cold load of everything Default loads: the
// word clusters, the gazetteer and the model.
func BenchmarkLoad(b *testing.B) {
	cpu0 := cputime.Used().Seconds()
	for b.Loop() {
		cl, err := ReadClusters(bytes.NewReader(embeddedClusters))
		if err != nil {
			b.Fatal(err)
		}
		g, err := gazetteer.Read(bytes.NewReader(gazetteer.Embedded()))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Read(bytes.NewReader(embeddedModel), cl, g); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(embeddedModel)+len(embeddedClusters)+len(gazetteer.Embedded()))/1e6, "MB-compressed")
	b.ReportMetric((cputime.Used().Seconds()-cpu0)/float64(b.N)*1000, "cpu-ms/op")
}
