package ner

import (
	"bytes"
	"compress/gzip"
	"testing"
)

func gz(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

func FuzzReadClusters(f *testing.F) {
	f.Add([]byte("Putin\t1\t2\t3\nBlair\t1\t2\t4\n"))
	f.Add([]byte("x\t1\n"))
	f.Add([]byte("a\tb\tc\td\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ReadClusters(bytes.NewReader(gz(data)))
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := c.Write(&buf); err != nil {
			t.Fatal(err)
		}
		if _, err := ReadClusters(&buf); err != nil {
			t.Fatalf("written clusters do not read back: %v", err)
		}
	})
}

func FuzzReadModel(f *testing.F) {
	m := Train([]Sentence{{Tokens: []string{"Alice", "ran"}, Tags: []string{"B-PER", "O"}}}, TrainOptions{Epochs: 1, Bits: 8})
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		f.Fatal(err)
	}
	zr, _ := gzip.NewReader(&buf)
	var raw bytes.Buffer
	raw.ReadFrom(zr)
	f.Add(raw.Bytes())
	f.Add([]byte(modelMagic + "\x08\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Read(bytes.NewReader(gz(data)), nil, nil)
		if err != nil {
			return
		}
		m.Tag([]string{"Alice", "ran", "to", "Paris", "."})
	})
}
