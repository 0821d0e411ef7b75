package textindex

import "math"

// BM25 parameters, as in FTS5's bm25().
const (
	K1 = 1.2
	B  = 0.75
)

// BM25 scores documents by FTS5's bm25 formula: for each query phrase,
// IDF × f(k1+1) / (f + k1(1 − b + b·D/avgdl)), where f is the phrase's
// column-weighted frequency in the document and D the document's length
// in tokens over all columns. Scores are positive; higher is better (FTS5
// returns them negated).
type BM25 struct {
	Docs        int     // documents in the index
	AvgLength   float64 // mean tokens per document
	TitleWeight float64 // weight of a title occurrence; a body one weighs 1
}

// IDF is the inverse document frequency of a phrase found in df
// documents: log((N − df + 0.5) / (df + 0.5)), and 1e-6 where that is
// not positive, as FTS5 has it.
func (m BM25) IDF(df int) float64 {
	idf := math.Log((float64(m.Docs) - float64(df) + 0.5) / (float64(df) + 0.5))
	if idf <= 0 {
		idf = 1e-6
	}
	return idf
}

// Score is one phrase's contribution to a document's score, given the
// phrase's idf and its posting in the document. titleOnly counts only
// title occurrences (a title: term).
func (m BM25) Score(idf float64, p Posting, titleOnly bool) float64 {
	f := m.TitleWeight * float64(p.TitleFreq)
	if !titleOnly {
		f += float64(p.BodyFreq)
	}
	if f == 0 {
		return 0
	}
	avg := m.AvgLength
	if avg <= 0 {
		avg = 1
	}
	return idf * f * (K1 + 1) / (f + K1*(1-B+B*float64(p.Length)/avg))
}
