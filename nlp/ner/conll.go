package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"strings"
)

// Sentence is one tokenised sentence with its tags (nil when untagged).
type Sentence struct {
	Tokens []string
	Tags   []string
	Doc    int // index of the document it belongs to, counting -DOCSTART- lines
}

// ReadCoNLL reads CoNLL-2003 column data: the token in the first column and,
// when present, the NER tag in the last column; blank lines between
// sentences; -DOCSTART- lines between documents. Tags are converted to IOB2.
// name labels errors.
func ReadCoNLL(r io.Reader, name string) ([]Sentence, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	var out []Sentence
	var cur Sentence
	tagged := -1 // unknown until the first token line
	doc, line := 0, 0
	flush := func() {
		if len(cur.Tokens) > 0 {
			if cur.Tags != nil {
				cur.Tags = ToIOB2(cur.Tags)
			}
			cur.Doc = doc
			out = append(out, cur)
		}
		cur = Sentence{}
	}
	for sc.Scan() {
		line++
		text := strings.TrimRight(sc.Text(), "\r")
		fields := strings.Fields(text)
		if len(fields) == 0 {
			flush()
			continue
		}
		if fields[0] == "-DOCSTART-" {
			flush()
			doc++
			continue
		}
		if tagged < 0 {
			tagged = 0
			if len(fields) > 1 && isTag(fields[len(fields)-1]) {
				tagged = 1
			}
		}
		cur.Tokens = append(cur.Tokens, fields[0])
		if tagged == 1 {
			if len(fields) < 2 || !isTag(fields[len(fields)-1]) {
				return nil, fmt.Errorf("ner: %s:%d: want a token and an NER tag, got %q", name, line, text)
			}
			cur.Tags = append(cur.Tags, fields[len(fields)-1])
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: %s: %w", name, err)
	}
	flush()
	return out, nil
}

// ReadCoNLLFile reads a CoNLL file, gunzipping it when its name ends in .gz.
func ReadCoNLLFile(path string) ([]Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("ner: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("ner: %s: %w", path, err)
		}
		r = zr
	}
	return ReadCoNLL(r, path)
}

func isTag(s string) bool {
	if s == "O" {
		return true
	}
	if len(s) < 3 || s[1] != '-' || (s[0] != 'B' && s[0] != 'I') {
		return false
	}
	_, ok := typeIndex[s[2:]]
	return ok
}

// ToIOB2 converts IOB1 (or IOB2) tags to IOB2: every span starts with B-.
func ToIOB2(tags []string) []string {
	out := make([]string, len(tags))
	prev := "O"
	for i, t := range tags {
		if strings.HasPrefix(t, "I-") && (prev == "O" || prev[2:] != t[2:]) {
			t = "B-" + t[2:]
		}
		out[i] = t
		prev = t
	}
	return out
}
