package searcheval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/dossier/dossier/internal/gzsniff"
)

// Document is one document of a collection.
type Document struct {
	DocNo string    // the collection's document number
	Date  time.Time // publication date, zero if absent or unreadable
	Text  string
}

// Query is one numbered query.
type Query struct {
	ID   string
	Text string
}

// Qrels holds relevance judgments: query id -> document number ->
// relevance (positive means relevant).
type Qrels map[string]map[string]int

// Collection is a test collection.
type Collection struct {
	Documents []Document
	Queries   []Query
	Qrels     Qrels
}

// The files of a collection directory; documents may be gzipped.
const (
	DocumentsFile = "documents.jsonl.gz"
	QueriesFile   = "queries.tsv"
	QrelsFile     = "qrels.txt"
)

// Load reads a collection directory: documents.jsonl.gz (or
// documents.jsonl), queries.tsv and qrels.txt. Errors name the file and
// line.
func Load(dir string) (*Collection, error) {
	var c Collection
	docs := filepath.Join(dir, DocumentsFile)
	if _, err := os.Stat(docs); errors.Is(err, os.ErrNotExist) {
		docs = strings.TrimSuffix(docs, ".gz")
	}
	for _, f := range []struct {
		path string
		read func(io.Reader, string) error
	}{
		{docs, func(r io.Reader, name string) (err error) { c.Documents, err = ReadDocuments(r, name); return }},
		{filepath.Join(dir, QueriesFile), func(r io.Reader, name string) (err error) { c.Queries, err = ReadQueries(r, name); return }},
		{filepath.Join(dir, QrelsFile), func(r io.Reader, name string) (err error) { c.Qrels, err = ReadQrels(r, name); return }},
	} {
		fh, err := os.Open(f.path)
		if err != nil {
			return nil, fmt.Errorf("search collection: %w", err)
		}
		err = f.read(fh, f.path)
		fh.Close()
		if err != nil {
			return nil, err
		}
	}
	return &c, nil
}

// ReadDocuments reads documents as JSON Lines, gzipped or not, with the
// fields docno (required), date (mm/dd/yy) and text. name names the
// input in errors.
func ReadDocuments(r io.Reader, name string) ([]Document, error) {
	br, err := gzsniff.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	sc := bufio.NewScanner(br)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var out []Document
	seen := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		if len(bytes.TrimSpace(sc.Bytes())) == 0 {
			continue
		}
		var rec struct {
			DocNo json.RawMessage `json:"docno"`
			Date  string          `json:"date"`
			Text  string          `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		docno := strings.Trim(string(rec.DocNo), `"`)
		if docno == "" {
			return nil, fmt.Errorf("%s:%d: no docno", name, line)
		}
		if seen[docno] {
			return nil, fmt.Errorf("%s:%d: docno %s repeated", name, line, docno)
		}
		seen[docno] = true
		out = append(out, Document{DocNo: docno, Date: parseDate(rec.Date), Text: rec.Text})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// parseDate reads mm/dd/yy, placing two-digit years in the past century
// when they would otherwise be in the future.
func parseDate(s string) time.Time {
	t, err := time.Parse("01/02/06", strings.TrimSpace(s))
	if err != nil {
		return time.Time{}
	}
	if t.After(time.Now()) {
		t = t.AddDate(-100, 0, 0)
	}
	return t
}

// ReadQueries reads a TSV file with a header line (qid, query) and one
// query per line.
func ReadQueries(r io.Reader, name string) ([]Query, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	var out []Query
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimRight(sc.Text(), "\r")
		if line == 1 || strings.TrimSpace(text) == "" {
			continue // the header
		}
		id, q, ok := strings.Cut(text, "\t")
		if !ok || strings.TrimSpace(id) == "" || strings.TrimSpace(q) == "" {
			return nil, fmt.Errorf("%s:%d: want qid<TAB>query", name, line)
		}
		out = append(out, Query{ID: strings.TrimSpace(id), Text: strings.TrimSpace(q)})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// ReadQrels reads TREC judgments: "qid iteration docno relevance" per
// line.
func ReadQrels(r io.Reader, name string) (Qrels, error) {
	sc := bufio.NewScanner(r)
	out := Qrels{}
	for line := 1; sc.Scan(); line++ {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		if len(f) != 4 {
			return nil, fmt.Errorf("%s:%d: want qid iteration docno relevance, got %d fields", name, line, len(f))
		}
		rel, err := strconv.Atoi(f[3])
		if err != nil {
			return nil, fmt.Errorf("%s:%d: relevance %q is not a number", name, line, f[3])
		}
		if out[f[0]] == nil {
			out[f[0]] = map[string]int{}
		}
		out[f[0]][f[2]] = rel
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}
