package sqlite

import (
	"container/heap"
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"time"

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
	limit        int64 // documents below this row id fit the state
	terms        map[string]bool
	prefixes     []string
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
	ev.terms = map[string]bool{}
	ev.prefixes = nil
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
		d := p.Doc
		if !ev.inRange(d) {
			continue
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
func (ev *evaluation) highlight(term string, prefix bool) {
	if term == "" {
		return
	}
	if prefix {
		ev.prefixes = append(ev.prefixes, term)
	} else {
		ev.terms[term] = true
	}
}

// snippetMatcher tells textindex.Snippet which terms to mark.
func (ev *evaluation) snippetMatcher() func(string) (string, bool) {
	return func(t string) (string, bool) {
		if ev.terms[t] {
			return t, true
		}
		for _, p := range ev.prefixes {
			if strings.HasPrefix(t, p) {
				return p, true
			}
		}
		return "", false
	}
}

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

// docAttrs are the filterable fields of the indexed articles, by row id,
// as of one index generation.
type docAttrs struct {
	generation int64
	maxDoc     int64
	published  map[int64]int64 // Unix seconds; absent when undated
	source     map[int64]string
	topic      map[int64]string
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
	a = &docAttrs{generation: v.generation, maxDoc: v.maxDoc, published: map[int64]int64{}, source: map[int64]string{}, topic: map[int64]string{}}
	intern := map[string]string{}
	err := queryEachOn(ctx, tx, func(rows *sql.Rows) error {
		var (
			doc           int64
			pub           sql.NullString
			source, topic string
		)
		if err := rows.Scan(&doc, &pub, &source, &topic); err != nil {
			return err
		}
		t, err := decTime(pub)
		if err != nil {
			return err
		}
		if !t.IsZero() {
			a.published[doc] = t.Unix()
		}
		for _, f := range []struct {
			m map[int64]string
			v string
		}{{a.source, source}, {a.topic, topic}} {
			if f.v == "" {
				continue
			}
			in, ok := intern[f.v]
			if !ok {
				in = f.v
				intern[in] = in
			}
			f.m[doc] = in
		}
		return nil
	}, `SELECT doc, published, source, topic FROM articles WHERE duplicate_of = ''`)
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
		if len(q.Sources) > 0 {
			want := make([]string, len(q.Sources))
			for i, src := range q.Sources {
				want[i] = strings.ToLower(src)
			}
			memo := map[string]bool{}
			tests = append(tests, func(d int64) bool {
				src := a.source[d]
				ok, seen := memo[src]
				if !seen {
					l := strings.ToLower(src)
					for _, w := range want {
						ok = ok || strings.Contains(l, w)
					}
					memo[src] = ok
				}
				return ok
			})
		}
		if len(q.Topics) > 0 {
			tests = append(tests, func(d int64) bool {
				t := a.topic[d]
				for _, w := range q.Topics {
					if strings.EqualFold(t, w) {
						return true
					}
				}
				return false
			})
		}
		if !q.After.IsZero() || !q.Before.IsZero() {
			after, before := q.After, q.Before
			tests = append(tests, func(d int64) bool {
				p, ok := a.published[d]
				if !ok {
					return false
				}
				t := time.Unix(p, 0)
				return (after.IsZero() || !t.Before(after)) && (before.IsZero() || t.Before(before))
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
