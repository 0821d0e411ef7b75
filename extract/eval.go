package extract

import (
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// ShingleSize is the number of tokens in one shingle of the extraction
// metric.
const ShingleSize = 4

// Tokens splits s into the word tokens of the extraction metric: maximal
// runs of Unicode letters, numbers and underscores (Python's \w+).
func Tokens(s string) []string {
	isWord := func(r rune) bool { return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) }
	var out []string
	start := -1
	for i, r := range s {
		if isWord(r) {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			out = append(out, s[start:i])
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, s[start:])
	}
	return out
}

// shingles returns the multiset of ShingleSize-token shingles of tokens. A
// text with fewer tokens gives one shorter shingle (the empty text gives
// the empty shingle), as in the benchmark's reference evaluation.
func shingles(tokens []string) map[string]int {
	m := make(map[string]int)
	n := max(1, len(tokens)-ShingleSize+1)
	for i := range n {
		j := min(i+ShingleSize, len(tokens))
		m[strings.Join(tokens[i:j], "\x00")]++
	}
	return m
}

// PageScore is the comparison of one extracted text with its ground truth.
type PageScore struct {
	TP, FP, FN float64 // shingle counts, normalised by TP+FP+FN
	Precision  float64 // TP/(TP+FP), with the edge rules of the metric
	Recall     float64 // TP/(TP+FN), with the edge rules of the metric
	Exact      bool    // the token lists are equal
}

// F1 returns the harmonic mean of the page's precision and recall.
func (p PageScore) F1() float64 {
	if p.Precision+p.Recall == 0 {
		return 0
	}
	return 2 * p.Precision * p.Recall / (p.Precision + p.Recall)
}

// ScorePage compares an extracted text with the true article body using
// the metric of the article-extraction-benchmark: multisets of 4-token
// shingles of \w+ tokens.
func ScorePage(truth, pred string) PageScore {
	tt, pt := Tokens(truth), Tokens(pred)
	ts, ps := shingles(tt), shingles(pt)
	var tp, fp, fn int
	for k, c := range ts {
		d := ps[k]
		tp += min(c, d)
		fn += max(0, c-d)
	}
	for k, d := range ps {
		fp += max(0, d-ts[k])
	}
	s := PageScore{Exact: slices.Equal(tt, pt)}
	total := float64(tp + fp + fn)
	if total > 0 {
		s.TP, s.FP, s.FN = float64(tp)/total, float64(fp)/total, float64(fn)/total
	}
	s.Precision, s.Recall = ratio(tp, fp, fn), ratio(tp, fn, fp)
	return s
}

// ratio is tp/(tp+miss): 1 when both kinds of error are absent, 0 when
// there is nothing to count.
func ratio(tp, miss, other int) float64 {
	switch {
	case miss == 0 && other == 0:
		return 1
	case tp+miss == 0:
		return 0
	}
	return float64(tp) / float64(tp+miss)
}

// Score is the extraction metric over a set of pages.
type Score struct {
	Pages     int     // pages scored
	Precision float64 // mean page precision over pages with TP+FP > 0
	Recall    float64 // mean page recall over pages with TP+FN > 0
	F1        float64 // harmonic mean of Precision and Recall
	Accuracy  float64 // share of pages whose token list equals the truth's
}

// Aggregate averages page scores the way the benchmark does: precision and
// recall are averaged separately, then combined into F1.
func Aggregate(pages []PageScore) Score {
	s := Score{Pages: len(pages)}
	var np, nr, exact int
	for _, p := range pages {
		if p.TP+p.FP > 0 {
			s.Precision += p.Precision
			np++
		}
		if p.TP+p.FN > 0 {
			s.Recall += p.Recall
			nr++
		}
		if p.Exact {
			exact++
		}
	}
	if np > 0 {
		s.Precision /= float64(np)
	}
	if nr > 0 {
		s.Recall /= float64(nr)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	if len(pages) > 0 {
		s.Accuracy = float64(exact) / float64(len(pages))
	}
	return s
}

// BenchmarkPage is one page of an extraction benchmark folder.
type BenchmarkPage struct {
	ID    string // item id (file name without .html.gz)
	URL   string // address the page was fetched from
	Truth string // the true article body
	Path  string // the page file
}

// Load reads the page's HTML, gunzipping it when the file name ends in .gz.
func (p BenchmarkPage) Load() ([]byte, error) {
	f, err := os.Open(p.Path)
	if err != nil {
		return nil, fmt.Errorf("benchmark page: %w", err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(p.Path, ".gz") {
		z, err := gzip.NewReader(f)
		if err != nil {
			return nil, fmt.Errorf("benchmark page %s: %w", p.Path, err)
		}
		defer z.Close()
		r = z
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, fmt.Errorf("benchmark page %s: %w", p.Path, err)
	}
	return data, nil
}

// LoadBenchmark lists the pages of an article-extraction-benchmark folder:
// ground-truth.json (id → articleBody, url) and html/ID.html.gz (or
// html/ID.html). Pages come sorted by id.
func LoadBenchmark(dir string) ([]BenchmarkPage, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return nil, fmt.Errorf("load benchmark: %w", err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
		URL         string `json:"url"`
	}
	if err := json.Unmarshal(raw, &gt); err != nil {
		return nil, fmt.Errorf("load benchmark %s: ground-truth.json: %w", dir, err)
	}
	pages := make([]BenchmarkPage, 0, len(gt))
	for id, v := range gt {
		path := filepath.Join(dir, "html", id+".html.gz")
		if _, err := os.Stat(path); err != nil {
			path = filepath.Join(dir, "html", id+".html")
			if _, err := os.Stat(path); err != nil {
				return nil, fmt.Errorf("load benchmark %s: no html file for %s", dir, id)
			}
		}
		pages = append(pages, BenchmarkPage{ID: id, URL: v.URL, Truth: v.ArticleBody, Path: path})
	}
	slices.SortFunc(pages, func(a, b BenchmarkPage) int { return strings.Compare(a.ID, b.ID) })
	return pages, nil
}
