package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/dossier/dossier/nlp/gazetteer"
	"github.com/dossier/dossier/nlp/ner"
)

// stringList is a repeatable string flag.
type stringList []string

func (s *stringList) String() string     { return strings.Join(*s, ",") }
func (s *stringList) Set(v string) error { *s = append(*s, v); return nil }

const sharedConll = "../shared/data/conll2003/"

func runTrain(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("usage: dossier train ner|clusters [flags]")
	}
	switch args[0] {
	case "ner":
		return runTrainNER(e, args[1:])
	case "clusters":
		return runTrainClusters(e, args[1:])
	}
	return fmt.Errorf("train: unknown model %q (want ner or clusters)", args[0])
}

func runTrainNER(e env, args []string) error {
	fs := newFlagSet(e, "train ner", "")
	var trainFiles stringList
	fs.Var(&trainFiles, "train", "CoNLL training file, repeatable (default "+sharedConll+"eng.train.gz)")
	dev := fs.String("dev", "", "CoNLL file scored after every epoch (for tuning; not trained on)")
	out := fs.String("out", "nlp/ner/model.bin.gz", "where to write the model")
	clusters := fs.String("clusters", "nlp/ner/clusters.tsv.gz", "word clusters file (from 'dossier train clusters')")
	epochs := fs.Int("epochs", 9, "passes over the training data")
	bits := fs.Uint("bits", 20, "log2 of the number of feature hash rows")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if len(trainFiles) == 0 {
		trainFiles = stringList{sharedConll + "eng.train.gz"}
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	var train []ner.Sentence
	docs := 0
	for _, path := range trainFiles {
		s, err := ner.ReadCoNLLFile(path)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		for i := range s {
			s[i].Doc += docs // keep documents of different files apart
		}
		if len(s) > 0 {
			docs = s[len(s)-1].Doc + 1
		}
		train = append(train, s...)
	}
	o := ner.TrainOptions{Epochs: *epochs, Bits: *bits, Gaz: gazetteer.Default(), Log: log}
	if *dev != "" {
		s, err := ner.ReadCoNLLFile(*dev)
		if err != nil {
			return fmt.Errorf("train ner: %w", err)
		}
		o.Dev = s
	}
	f, err := os.Open(*clusters)
	if err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	o.Clusters, err = ner.ReadClusters(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("train ner: %s: %w", *clusters, err)
	}
	log.Info("training", "sentences", len(train), "epochs", o.Epochs, "bits", o.Bits, "clusters", o.Clusters.Len())
	m := ner.Train(train, o)
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train ner: %w", err)
	}
	log.Info("model written", "out", *out, "bytes", buf.Len())
	return nil
}

func runTrainClusters(e env, args []string) error {
	fs := newFlagSet(e, "train clusters", "[FILE...]")
	out := fs.String("out", "nlp/ner/clusters.tsv.gz", "where to write the clusters")
	var o ner.ClusterOptions
	fs.IntVar(&o.Window, "window", 1, "context words on each side")
	fs.IntVar(&o.MinCount, "min-count", 4, "least frequency of a clustered word")
	fs.IntVar(&o.Contexts, "contexts", 1000, "number of context words")
	files, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		files = []string{
			"../shared/data/news-corpus/bbc-news.jsonl.gz",
			"../shared/data/quotes-polnear/polnear-train.jsonl.gz",
			"../shared/data/quotes-polnear/polnear-dev.jsonl.gz",
			sharedConll + "eng.train.gz",
		}
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	var sents [][]string
	for _, path := range files {
		s, err := readUnlabelled(path)
		if err != nil {
			return fmt.Errorf("train clusters: %w", err)
		}
		log.Info("read", "file", path, "sentences", len(s))
		sents = append(sents, s...)
	}
	o.Seed = 1
	c := ner.BuildClusters(sents, o)
	var buf bytes.Buffer
	if err := c.Write(&buf); err != nil {
		return fmt.Errorf("train clusters: %w", err)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("train clusters: %w", err)
	}
	log.Info("clusters written", "out", *out, "words", c.Len(), "bytes", buf.Len())
	return nil
}

// readUnlabelled reads token sequences from a CoNLL file (name containing
// "eng.") or from JSON Lines with "title" and "text" fields, paragraph by
// paragraph.
func readUnlabelled(path string) ([][]string, error) {
	if strings.Contains(path, "eng.") || strings.HasSuffix(path, ".conll") {
		s, err := ner.ReadCoNLLFile(path)
		if err != nil {
			return nil, err
		}
		out := make([][]string, len(s))
		for i := range s {
			out[i] = s[i].Tokens
		}
		return out, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	var out [][]string
	line := 0
	for sc.Scan() {
		line++
		var doc struct{ Title, Text string }
		if err := json.Unmarshal(sc.Bytes(), &doc); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		for _, p := range strings.Split(doc.Title+"\n"+doc.Text, "\n") {
			if w := ner.SplitWords(p); len(w) > 0 {
				out = append(out, w)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}
