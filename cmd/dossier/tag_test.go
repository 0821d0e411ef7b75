package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTagCoNLL(t *testing.T) {
	in := "-DOCSTART- -X- O O\n\nRussian JJ I-NP I-MISC\nPresident NNP I-NP O\nVladimir NNP I-NP I-PER\nPutin NNP I-NP I-PER\nvisited VBD I-VP O\nBeijing NNP I-NP I-LOC\n. . O O\n\nHe PRP I-NP O\nleft VBD I-VP O\n"
	var out, errOut bytes.Buffer
	if err := Run(context.Background(), []string{"tag", "--conll"}, strings.NewReader(in), &out, &errOut); err != nil {
		t.Fatal(err, errOut.String())
	}
	want := "-DOCSTART- -X- O O\n\nRussian B-MISC\nPresident O\nVladimir B-PER\nPutin I-PER\nvisited O\nBeijing B-LOC\n. O\n\nHe O\nleft O\n"
	if out.String() != want {
		t.Errorf("tag --conll output:\n%s\nwant:\n%s", out.String(), want)
	}
	if err := Run(context.Background(), []string{"tag"}, strings.NewReader(in), &out, &errOut); err == nil {
		t.Error("want an error without --conll")
	}
}

func TestEvalNER(t *testing.T) {
	dir := t.TempDir()
	gold := filepath.Join(dir, "gold.conll")
	os.WriteFile(gold, []byte("Peter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\nvisited VBD I-VP O\nBrussels NNP I-NP I-LOC\n"), 0o644)
	pred := filepath.Join(dir, "pred.conll")
	os.WriteFile(pred, []byte("Peter B-PER\nBlackburn I-PER\nvisited O\nBrussels B-ORG\n"), 0o644)
	var out, errOut bytes.Buffer
	if err := Run(context.Background(), []string{"eval", "ner", "--pred", pred, gold}, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "found: 2 phrases; correct: 1.") || !strings.Contains(out.String(), "FB1:  50.00") {
		t.Errorf("eval output:\n%s", out.String())
	}
	out.Reset()
	if err := Run(context.Background(), []string{"eval", "ner", gold}, nil, &out, &errOut); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "processed 4 tokens with 2 phrases") {
		t.Errorf("eval with the model:\n%s", out.String())
	}
	if err := Run(context.Background(), []string{"eval", "ner", filepath.Join(dir, "missing")}, nil, &out, &errOut); err == nil {
		t.Error("want an error for a missing file")
	}
}
