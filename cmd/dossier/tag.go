package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"

	"github.com/dossier/dossier/nlp/ner"
)

func runTag(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "tag", "--conll < INPUT")
	conll := fs.Bool("conll", false, "read CoNLL-2003 columns on stdin, write 'token TAG' lines (IOB2)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if !*conll || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("tag: only --conll input on stdin is supported")
	}
	m, err := ner.Default()
	if err != nil {
		return fmt.Errorf("tag: %w", err)
	}
	return tagCoNLL(m, e)
}

// tagCoNLL tags stdin document by document (documents end at -DOCSTART-
// lines) and writes one output line per input line.
func tagCoNLL(m *ner.Model, e env) error {
	sc := bufio.NewScanner(e.stdin)
	sc.Buffer(make([]byte, 1<<16), 1<<24)
	w := bufio.NewWriter(e.stdout)
	var lines []string // input lines of the current document ("" for blank)
	var doc [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			doc = append(doc, cur)
			cur = nil
		}
		tags := m.TagDoc(doc)
		s, k := 0, 0
		for _, l := range lines {
			if l == "" {
				w.WriteString("\n")
				if k > 0 {
					s, k = s+1, 0
				}
				continue
			}
			w.WriteString(l)
			w.WriteByte(' ')
			w.WriteString(tags[s][k])
			w.WriteByte('\n')
			k++
		}
		lines, doc = lines[:0], doc[:0]
	}
	for sc.Scan() {
		text := strings.TrimRight(sc.Text(), "\r")
		fields := strings.Fields(text)
		switch {
		case len(fields) == 0:
			if len(cur) > 0 {
				doc = append(doc, cur)
				cur = nil
			}
			lines = append(lines, "")
		case fields[0] == "-DOCSTART-":
			flush()
			w.WriteString(text)
			w.WriteByte('\n')
		default:
			cur = append(cur, fields[0])
			lines = append(lines, fields[0])
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("tag: reading stdin: %w", err)
	}
	flush()
	if err := w.Flush(); err != nil {
		return fmt.Errorf("tag: %w", err)
	}
	return nil
}
