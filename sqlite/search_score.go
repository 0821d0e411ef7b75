package sqlite

import (
	"container/heap"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/textindex"
)

// evaluation accumulates, per document, a query's BM25 score and the
// clauses it matches. Documents are row ids, so the state is held in
// slices indexed by them: a query touching most of a 100,000-article
// corpus costs a few milliseconds, not a map insert per posting.
type evaluation struct {
	bm25     textindex.BM25
	score    []float64
	coord    []int32 // clauses matched
	lastCl   []int32 // 1 + the last clause that counted the document
	excluded []bool
	touched  []int64 // documents with a posting, in first-seen order
	// excludedDocs lists the documents marked in excluded.
	excludedDocs []int64
	limit        int64                  // documents below this row id fit the state
	marks        *textindex.Highlighter // the terms snippets mark
}

// evaluations recycles evaluation state: the slices of a 100,000-article
// corpus take 1.7 MB, and allocating and clearing them would cost more
// than the scoring. A returned evaluation is cleared where it was
// touched.
var evaluations sync.Pool

func newEvaluation(v *indexView) *evaluation {
	n := int(v.maxDoc + 1)
	avg := 0.0
	if v.docs > 0 {
		avg = float64(v.tokens) / float64(v.docs)
	}
	ev, _ := evaluations.Get().(*evaluation)
	if ev == nil || len(ev.score) < n {
		ev = &evaluation{
			score:    make([]float64, n),
			coord:    make([]int32, n),
			lastCl:   make([]int32, n),
			excluded: make([]bool, n),
		}
	}
	ev.bm25 = textindex.BM25{Docs: int(v.docs), AvgLength: avg, TitleWeight: titleWeight}
	ev.marks = textindex.NewHighlighter()
	ev.limit = int64(n)
	return ev
}

// release clears the state it touched and returns ev to the pool.
func (ev *evaluation) release() {
	for _, d := range ev.touched {
		ev.score[d], ev.coord[d], ev.lastCl[d] = 0, 0, 0
	}
	for _, d := range ev.excludedDocs {
		ev.excluded[d] = false
	}
	ev.touched, ev.excludedDocs = ev.touched[:0], ev.excludedDocs[:0]
	evaluations.Put(ev)
}

// inRange reports whether doc fits the state (a document stored after
// the view was taken does not).
func (ev *evaluation) inRange(doc int64) bool { return doc >= 0 && doc < ev.limit }

// add scores the postings of one term of clause ci.
func (ev *evaluation) add(ps []textindex.Posting, titleOnly bool, ci int) {
	idf := ev.bm25.IDF(len(ps))
	for _, p := range ps {
		ev.addPosting(idf, p, titleOnly, ci)
	}
}

// addPosting scores one posting of a term of clause ci whose idf is
// given.
func (ev *evaluation) addPosting(idf float64, p textindex.Posting, titleOnly bool, ci int) {
	d := p.Doc
	if !ev.inRange(d) {
		return
	}
	if ev.lastCl[d] == 0 {
		ev.touched = append(ev.touched, d)
	}
	ev.score[d] += ev.bm25.Score(idf, p, titleOnly)
	if ev.lastCl[d] != int32(ci+1) {
		ev.lastCl[d] = int32(ci + 1)
		ev.coord[d]++
	}
}

// softCoord multiplies each document's BM25 score by the share of the n
// clauses it matches (the coordination factor of Lucene's classic
// scoring). BM25 alone already favours documents holding more of a
// long query's rare terms; the factor favours them further, softly. On
// BBC known-item queries made of words of the target article plus three
// words it may lack (TestNaturalLanguageRanking), it beat both BM25 alone
// and a hard reordering of the top 200 by clauses matched, the earlier
// rule, when the target holds 5 or 7 of the words (MRR 0.899 and 0.979
// against at best 0.892 and 0.968), and was within 0.006 of BM25 alone
// when it holds only 3.
func (ev *evaluation) softCoord(n int) {
	for _, d := range ev.touched {
		ev.score[d] *= float64(ev.coord[d]) / float64(n)
	}
}

// exclude marks the documents of an excluded term's postings.
func (ev *evaluation) exclude(ps []textindex.Posting) {
	for _, p := range ps {
		if ev.inRange(p.Doc) && !ev.excluded[p.Doc] {
			ev.excluded[p.Doc] = true
			ev.excludedDocs = append(ev.excludedDocs, p.Doc)
		}
	}
}

// highlight adds an index term (or prefix) to those marked in snippets.
func (ev *evaluation) highlight(term string, prefix bool) { ev.marks.Add(term, prefix) }

// scoredDoc is one ranked document.
type scoredDoc struct {
	doc   int64
	score float64 // BM25, higher is better
	coord int     // clauses matched
}

// better orders documents by score, then by row id for a stable order.
func better(a, b scoredDoc) bool {
	if a.score != b.score {
		return a.score > b.score
	}
	return a.doc < b.doc
}

// worstFirst is a heap of the best documents so far, the worst on top.
type worstFirst []scoredDoc

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return better(h[j], h[i]) }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)        { *h = append(*h, x.(scoredDoc)) }
func (h *worstFirst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// rank counts the documents matching at least minCoord clauses, none of
// the excluded terms and the filters (keep, nil for none), and returns
// the best k of them, best first.
func (ev *evaluation) rank(minCoord int, keep func(int64) bool, k int) (int, []scoredDoc) {
	total := 0
	h := make(worstFirst, 0, min(k, 1024))
	for _, d := range ev.touched {
		if int(ev.coord[d]) < minCoord || ev.excluded[d] || keep != nil && !keep(d) {
			continue
		}
		total++
		sd := scoredDoc{doc: d, score: ev.score[d], coord: int(ev.coord[d])}
		if len(h) < k {
			heap.Push(&h, sd)
		} else if k > 0 && better(sd, h[0]) {
			h[0] = sd
			heap.Fix(&h, 0)
		}
	}
	out := make([]scoredDoc, len(h))
	for i := len(h) - 1; i >= 0; i-- {
		out[i] = heap.Pop(&h).(scoredDoc)
	}
	return total, out
}

// docAttrs are the filterable fields of the indexed articles, in slices
// indexed by row id, as of one index generation: sources and topics as
// numbers into names.
type docAttrs struct {
	generation int64
	maxDoc     int64
	published  []string // as stored (a fixed-width UTC form that sorts as time); "" when undated
	source     []int32  // index in names; 0 ("") when empty or not indexed
	topic      []int32
	names      []string
}

// attrs returns the filterable fields of the indexed articles, reusing
// the cached ones while the index generation is unchanged (every write
// that changes an article's fields re-indexes it).
func (s *Store) attrs(ctx context.Context, tx dbtx, v *indexView) (*docAttrs, error) {
	s.cache.mu.Lock()
	a := s.cache.attrs
	s.cache.mu.Unlock()
	if a != nil && a.generation == v.generation && a.maxDoc == v.maxDoc {
		return a, nil
	}
	n := v.maxDoc + 1
	a = &docAttrs{generation: v.generation, maxDoc: v.maxDoc, published: make([]string, n),
		source: make([]int32, n), topic: make([]int32, n), names: []string{""}}
	ids := map[string]int32{"": 0}
	name := func(v string) int32 {
		id, ok := ids[v]
		if !ok {
			id = int32(len(a.names))
			a.names = append(a.names, v)
			ids[v] = id
		}
		return id
	}
	err := queryEachOn(ctx, tx, func(rows *sql.Rows) error {
		var (
			doc           int64
			pub           sql.NullString
			source, topic string
		)
		if err := rows.Scan(&doc, &pub, &source, &topic); err != nil {
			return err
		}
		if doc < 0 || doc >= n {
			return nil // stored after the view was taken
		}
		// Near-duplicates are listed too (the covering index does not
		// hold duplicate_of, and reading article rows would cost a
		// page each); they have no postings, so their fields are never
		// asked for.
		a.published[doc] = pub.String
		a.source[doc], a.topic[doc] = name(source), name(topic)
		return nil
	}, `SELECT doc, published, source, topic FROM articles INDEXED BY articles_filter`)
	if err != nil {
		return nil, fmt.Errorf("search filters: %w", err)
	}
	s.cache.mu.Lock()
	s.cache.attrs = a
	s.cache.mu.Unlock()
	return a, nil
}

// filterFunc returns the test of a query's filters on a document, nil if
// it has none. source: matches a source containing the value and topic:
// one equal to it, ignoring case; entity: values must all be mentioned.
func (s *Store) filterFunc(ctx context.Context, tx dbtx, v *indexView, q dossier.Query) (func(int64) bool, error) {
	if len(q.Sources) == 0 && len(q.Topics) == 0 && len(q.Entities) == 0 && q.After.IsZero() && q.Before.IsZero() {
		return nil, nil
	}
	var tests []func(int64) bool
	if len(q.Sources) > 0 || len(q.Topics) > 0 || !q.After.IsZero() || !q.Before.IsZero() {
		a, err := s.attrs(ctx, tx, v)
		if err != nil {
			return nil, err
		}
		inRange := func(d int64) bool { return d >= 0 && d < int64(len(a.published)) }
		// Which names pass a field's test, decided once per name.
		passing := func(ok func(name string) bool) []bool {
			out := make([]bool, len(a.names))
			for i, n := range a.names {
				out[i] = ok(n)
			}
			return out
		}
		if len(q.Sources) > 0 {
			ok := passing(func(n string) bool {
				l := strings.ToLower(n)
				for _, w := range q.Sources {
					if strings.Contains(l, strings.ToLower(w)) {
						return true
					}
				}
				return false
			})
			tests = append(tests, func(d int64) bool { return inRange(d) && ok[a.source[d]] })
		}
		if len(q.Topics) > 0 {
			ok := passing(func(n string) bool {
				for _, w := range q.Topics {
					if strings.EqualFold(n, w) {
						return true
					}
				}
				return false
			})
			tests = append(tests, func(d int64) bool { return inRange(d) && ok[a.topic[d]] })
		}
		if !q.After.IsZero() || !q.Before.IsZero() {
			// Stored times sort as text, so the bounds are compared in
			// their stored form.
			lo, hi := "", "\xff"
			if !q.After.IsZero() {
				lo = encTime(q.After).(string)
			}
			if !q.Before.IsZero() {
				hi = encTime(q.Before).(string)
			}
			tests = append(tests, func(d int64) bool {
				if !inRange(d) {
					return false
				}
				p := a.published[d]
				return p != "" && p >= lo && p < hi
			})
		}
	}
	for _, e := range q.Entities {
		docs, err := entityDocs(ctx, tx, e)
		if err != nil {
			return nil, err
		}
		tests = append(tests, func(d int64) bool { return docs[d] })
	}
	return func(d int64) bool {
		for _, t := range tests {
			if !t(d) {
				return false
			}
		}
		return true
	}, nil
}

// entityDocs returns the documents mentioning an entity, by entity id,
// canonical name or mention text (ignoring case).
func entityDocs(ctx context.Context, tx dbtx, name string) (map[int64]bool, error) {
	docs := map[int64]bool{}
	err := queryEachOn(ctx, tx, func(rows *sql.Rows) error {
		var d int64
		err := rows.Scan(&d)
		docs[d] = true
		return err
	}, `SELECT DISTINCT doc FROM entities WHERE entity_id IN (
			SELECT entity_id FROM entities WHERE name = ?1 COLLATE NOCASE UNION SELECT ?1
			UNION SELECT e.entity_id FROM mentions m JOIN entities e ON e.doc = m.doc AND e.seq = m.entity_seq
			WHERE m.text = ?1 COLLATE NOCASE)`, name)
	if err != nil {
		return nil, fmt.Errorf("entity filter %q: %w", name, err)
	}
	return docs, nil
}
