package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"github.com/dossier/dossier"
	"log/slog"
	"maps"
	"math/bits"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dossier/dossier/textindex"
)

// indexBatch collects the changes one write transaction makes to the
// search postings (see migration 0004): documents indexed, documents
// unindexed, and the change in the corpus statistics. The changes are
// applied to the batch on a goroutine of its own, in order, while the
// writer goes on with its SQL: numbering a batch's terms overlaps with
// storing its rows.
type indexBatch struct {
	ops      chan indexOp
	done     chan struct{}
	stopOnce sync.Once

	// Owned by the goroutine until done is closed.
	add    *textindex.Batch
	remove map[int64]bool // documents whose postings in older segments are now stale
	docs   int64
	tokens int64
}

// indexOp is one change: a document indexed (counted) or unindexed
// (remove, with the title and text it was indexed with).
type indexOp struct {
	doc         int64
	counted     textindex.Counted
	remove      bool
	title, text string
}

// newIndexBatch starts a batch whose terms v numbers.
func newIndexBatch(v *textindex.Vocabulary) *indexBatch {
	b := &indexBatch{
		ops:    make(chan indexOp, 1024), // a batch's worth: the writer never waits
		done:   make(chan struct{}),
		add:    textindex.NewBatch(v),
		remove: map[int64]bool{},
	}
	go func() {
		defer close(b.done)
		for op := range b.ops {
			if op.remove {
				b.applyUnindex(op.doc, op.title, op.text)
			} else {
				b.applyIndex(op.doc, op.counted)
			}
		}
	}()
	return b
}

// index adds a document, counted by textindex.CountDocument.
func (b *indexBatch) index(doc int64, c textindex.Counted) {
	b.ops <- indexOp{doc: doc, counted: c}
}

// unindex removes a document, given the title and text it was indexed
// with.
func (b *indexBatch) unindex(doc int64, title, text string) {
	b.ops <- indexOp{doc: doc, remove: true, title: title, text: text}
}

// stop waits until every change is applied; the batch takes no more.
func (b *indexBatch) stop() {
	b.stopOnce.Do(func() { close(b.ops) })
	<-b.done
}

func (b *indexBatch) applyIndex(doc int64, c textindex.Counted) {
	if n, ok := b.add.Remove(doc); ok {
		b.docs--
		b.tokens -= int64(n)
	}
	b.docs++
	b.tokens += int64(b.add.AddCounted(doc, c))
}

func (b *indexBatch) applyUnindex(doc int64, title, text string) {
	b.docs--
	if n, ok := b.add.Remove(doc); ok {
		// Indexed in this batch: its older postings, if any, were
		// already marked stale when it was unindexed before.
		b.tokens -= int64(n)
		return
	}
	b.remove[doc] = true
	b.tokens -= int64(textindex.CountTokens(title) + textindex.CountTokens(text))
}

// prepared is an article counted by Prepare, with the title and text it
// was counted from.
type prepared struct {
	title, text string
	counted     textindex.Counted
}

// maxVocabulary is the number of distinct tokens from which a store
// starts a new vocabulary (see Store.vocabulary): some 25 MB. News
// vocabularies are far smaller (the BBC corpus has 25,000 tokens).
const maxVocabulary = 1 << 18

// vocabulary returns the store's vocabulary for the next write
// transaction, starting a new one when it has grown too large.
func (s *Store) vocabulary() *textindex.Vocabulary {
	s.vocabMu.Lock()
	defer s.vocabMu.Unlock()
	if s.vocab == nil || s.vocab.Size() >= maxVocabulary {
		s.vocab = textindex.NewVocabulary()
	}
	return s.vocab
}

// maxPrepared bounds the articles prepared and not yet stored (a caller
// that prepares articles it never stores cannot grow it without bound).
const maxPrepared = 20_000

// Prepare tokenizes an article for the search index ahead of
// PutArticles (see dossier.Preparer), on the caller's goroutine: ingest
// calls it from its parallel workers, so the writer only numbers terms.
func (s *Store) Prepare(a *dossier.Article) {
	if s.prepCount.Load() >= maxPrepared {
		return
	}
	p := &prepared{title: a.Title, text: a.Text, counted: textindex.CountDocument(a.Title, a.Text)}
	if _, loaded := s.prep.Swap(a.ID, p); !loaded {
		s.prepCount.Add(1)
	}
}

// countArticles returns the tokens of the articles that will be indexed
// (those that are not near-duplicates): those Prepare counted, and the
// others counted here on every core, before the write transaction starts.
func (s *Store) countArticles(articles []*dossier.Article) map[*dossier.Article]textindex.Counted {
	out := make(map[*dossier.Article]textindex.Counted, len(articles))
	var todo []*dossier.Article
	for _, a := range articles {
		v, ok := s.prep.LoadAndDelete(a.ID)
		if ok {
			s.prepCount.Add(-1)
		}
		if a.DuplicateOf != "" {
			continue
		}
		if p, _ := v.(*prepared); p != nil && p.title == a.Title && p.text == a.Text {
			out[a] = p.counted
		} else {
			todo = append(todo, a)
		}
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := atomic.Int64{}
	for range min(runtime.GOMAXPROCS(0), (len(todo)+7)/8) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(todo) {
					return
				}
				c := textindex.CountDocument(todo[i].Title, todo[i].Text)
				mu.Lock()
				out[todo[i]] = c
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return out
}

// flush writes the batch as a new segment inside tx, then merges
// segments as mergeSegments decides.
func (b *indexBatch) flush(ctx context.Context, tx *sql.Tx) error {
	b.stop()
	if b.add.Len() == 0 && len(b.remove) == 0 {
		return nil
	}
	seg, err := nextSegment(ctx, tx)
	if err != nil {
		return err
	}
	for _, doc := range slices.Sorted(maps.Keys(b.remove)) {
		if _, err := tx.ExecContext(ctx, `INSERT OR REPLACE INTO search_dead (doc, seg) VALUES (?, ?)`, doc, seg); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	if b.add.Len() > 0 {
		if err := writeSegment(ctx, tx, seg, b.add.Len(), b.add.Each); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE search_stats SET docs = docs + ?, tokens = tokens + ?, generation = generation + 1`, b.docs, b.tokens); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return mergeSegments(ctx, tx)
}

// nextSegment returns a segment number above every one in use, in
// search_segments or in a tombstone.
func nextSegment(ctx context.Context, tx *sql.Tx) (int64, error) {
	var seg int64
	err := tx.QueryRowContext(ctx, `SELECT max(coalesce((SELECT max(seg) FROM search_segments), 0),
		coalesce((SELECT max(seg) FROM search_dead), 0)) + 1`).Scan(&seg)
	if err != nil {
		return 0, fmt.Errorf("search index: %w", err)
	}
	return seg, nil
}

// writeSegment stores segment seg, holding docs documents, from its
// terms, which each calls in ascending order with their encoded postings
// (valid during the call only).
func writeSegment(ctx context.Context, tx *sql.Tx, seg int64, docs int, each func(func(term string, postings []byte) error) error) error {
	var bw textindex.BlockWriter
	if err := each(bw.Add); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO search_blocks (seg, first_term, data) VALUES (?, ?, ?)`)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	defer stmt.Close()
	for _, b := range bw.Blocks() {
		if _, err = stmt.ExecContext(ctx, seg, b.First, b.Data); err != nil {
			return fmt.Errorf("search index: block %q: %w", b.First, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_segments (seg, docs) VALUES (?, ?)`, seg, docs); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// mergeFanIn is how many segments of one size class are merged into one.
// A posting is rewritten about log4(corpus/batch) times in all, and a
// search seeks at most (mergeFanIn-1) segments per size class.
const mergeFanIn = 8

// sizeClass groups segments by size: those with 4^k to 4^(k+1)-1
// documents are in class k.
func sizeClass(docs int64) int { return (bits.Len64(uint64(max(docs, 1))) - 1) / 2 }

// mergeSegments merges segments of one size class while mergeFanIn of
// them exist, then drops the tombstones that no longer hide anything.
func mergeSegments(ctx context.Context, tx *sql.Tx) error {
	for {
		segs, err := segmentSizes(ctx, tx)
		if err != nil {
			return err
		}
		byClass := map[int][]int64{}
		var run []int64
		for _, sd := range segs {
			c := sizeClass(sd[1])
			byClass[c] = append(byClass[c], sd[0])
			if len(byClass[c]) >= mergeFanIn {
				run = byClass[c]
				break
			}
		}
		if run == nil {
			break
		}
		if err := mergeRun(ctx, tx, run); err != nil {
			return err
		}
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM search_dead WHERE seg <= coalesce((SELECT min(seg) FROM search_segments), seg)`)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	return nil
}

// segmentSizes lists the segments and their document counts, oldest
// first.
func segmentSizes(ctx context.Context, tx *sql.Tx) ([][2]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT seg, docs FROM search_segments ORDER BY seg`)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	var out [][2]int64
	err = eachRow(rows, func(rows *sql.Rows) error {
		var sd [2]int64
		out = append(out, sd)
		return rows.Scan(&out[len(out)-1][0], &out[len(out)-1][1])
	})
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return out, nil
}

// mergeRun replaces the segments segs (oldest first) with one new
// segment holding their live postings.
func mergeRun(ctx context.Context, tx *sql.Tx, segs []int64) error {
	dead, err := loadDead(ctx, tx)
	if err != nil {
		return err
	}
	lists := map[string][][]byte{}
	from := map[string][]int64{}
	for _, seg := range segs {
		err := eachSegmentTerm(ctx, tx, seg, func(t string, p []byte) {
			lists[t] = append(lists[t], bytes.Clone(p))
			from[t] = append(from[t], seg)
		})
		if err != nil {
			return fmt.Errorf("search index: merge: %w", err)
		}
	}
	next, err := nextSegment(ctx, tx)
	if err != nil {
		return err
	}
	var isStale func(doc int64, list int) bool
	each := func(add func(string, []byte) error) error {
		for _, t := range slices.Sorted(maps.Keys(lists)) {
			segOf := from[t]
			if len(dead) > 0 {
				isStale = func(doc int64, list int) bool { return isDead(dead, doc, segOf[list]) }
			}
			p, err := textindex.MergePostings(lists[t], isStale)
			if err != nil {
				return fmt.Errorf("merge term %q: %w", t, err)
			}
			if len(p) == 0 {
				continue
			}
			if err := add(t, p); err != nil {
				return err
			}
		}
		return nil
	}
	// The merged segment's size class counts the documents of the
	// segments merged, stale ones included: close enough for deciding
	// merges.
	docs := int64(0)
	if err := tx.QueryRowContext(ctx, `SELECT coalesce(sum(docs), 0) FROM search_segments WHERE seg IN (`+placeholders(len(segs))+`)`, anySlice(segs)...).Scan(&docs); err != nil {
		return fmt.Errorf("search index: merge: %w", err)
	}
	if err := writeSegment(ctx, tx, next, int(docs), each); err != nil {
		return err
	}
	for _, seg := range segs {
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_blocks WHERE seg = ?`, seg); err != nil {
			return fmt.Errorf("search index: merge: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_segments WHERE seg = ?`, seg); err != nil {
			return fmt.Errorf("search index: merge: %w", err)
		}
	}
	return nil
}

// eachSegmentTerm calls fn for each term of segment seg, in order, with
// its encoded postings (valid during the call only).
func eachSegmentTerm(ctx context.Context, q dbtx, seg int64, fn func(term string, postings []byte)) error {
	rows, err := q.QueryContext(ctx, `SELECT data FROM search_blocks WHERE seg = ? ORDER BY first_term`, seg)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	err = eachRow(rows, func(rows *sql.Rows) error {
		var data sql.RawBytes
		if err := rows.Scan(&data); err != nil {
			return err
		}
		return textindex.EachTerm(data, func(t string, p []byte) bool {
			fn(t, p)
			return true
		})
	})
	if err != nil {
		return fmt.Errorf("search index: segment %d: %w", seg, err)
	}
	return nil
}

// isDead reports whether doc's posting in segment seg is stale.
func isDead(dead map[int64]int64, doc, seg int64) bool {
	s, ok := dead[doc]
	return ok && seg < s
}

// loadDead reads the tombstones: document -> the segment before which its
// postings are stale.
func loadDead(ctx context.Context, q dbtx) (map[int64]int64, error) {
	rows, err := q.QueryContext(ctx, `SELECT doc, seg FROM search_dead`)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	dead := map[int64]int64{}
	err = eachRow(rows, func(rows *sql.Rows) error {
		var doc, seg int64
		if err := rows.Scan(&doc, &seg); err != nil {
			return err
		}
		dead[doc] = seg
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	return dead, nil
}

// buildBatch is how many articles the index build reads per segment.
const buildBatch = 5000

// buildSearchIndex fills the search postings from the stored articles when
// the database predates them (search_stats.built = 0), in one
// transaction, and marks them built.
func buildSearchIndex(ctx context.Context, db *sql.DB, path string) error {
	var built bool
	if err := db.QueryRowContext(ctx, `SELECT built FROM search_stats`).Scan(&built); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if built {
		return nil
	}
	start := time.Now()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	defer tx.Rollback()
	// Start from nothing: a build cut short left no rows (one
	// transaction), but be sure.
	for _, t := range []string{"search_blocks", "search_segments", "search_dead"} {
		if _, err := tx.ExecContext(ctx, `DELETE FROM `+t); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE search_stats SET docs = 0, tokens = 0`); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	var after int64 = -1
	n := 0
	vocab := textindex.NewVocabulary()
	for {
		rows, err := tx.QueryContext(ctx, `SELECT doc, title, text FROM articles
			WHERE duplicate_of = '' AND doc > ? ORDER BY doc LIMIT ?`, after, buildBatch)
		if err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		b := newIndexBatch(vocab)
		err = eachRow(rows, func(rows *sql.Rows) error {
			var title, text string
			if err := rows.Scan(&after, &title, &text); err != nil {
				return err
			}
			b.index(after, textindex.CountDocument(title, text))
			return nil
		})
		b.stop()
		if err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		if b.add.Len() == 0 {
			break
		}
		n += b.add.Len()
		if err := b.flush(ctx, tx); err != nil {
			return err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE search_stats SET built = 1, generation = generation + 1`); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if n > 0 {
		slog.Info("built the search index", "db", path, "articles", n, "took", time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// optimizeSearchIndex merges every segment into one (for benchmarks and
// after bulk loads).
func (s *Store) optimizeSearchIndex(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	segs, err := segmentSizes(ctx, tx)
	if err != nil {
		return err
	}
	if len(segs) > 1 {
		ids := make([]int64, len(segs))
		for i, sd := range segs {
			ids[i] = sd[0]
		}
		if err := mergeRun(ctx, tx, ids); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_dead`); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE search_stats SET generation = generation + 1`); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// termUpper returns the smallest string above every string with prefix p
// (p's last byte incremented; terms are UTF-8, so no byte is 0xFF).
func termUpper(p string) string {
	if p == "" {
		return "\xff"
	}
	return p[:len(p)-1] + string([]byte{p[len(p)-1] + 1})
}

// checkSearchIndex verifies that the live postings hold exactly the terms
// of every indexed article (those that are not near-duplicates) and that
// the statistics agree: the search index's integrity check.
func (s *Store) checkSearchIndex(ctx context.Context) error {
	v, err := s.indexView(ctx, s.db)
	if err != nil {
		return err
	}
	type termFreq struct{ title, body uint32 }
	got := map[int64]map[string]termFreq{}
	lengths := map[int64]uint32{}
	for _, seg := range v.segs {
		var decodeErr error
		err := eachSegmentTerm(ctx, s.db, seg, func(t string, b []byte) {
			err := textindex.DecodePostings(b, func(p textindex.Posting) {
				if isDead(v.dead, p.Doc, seg) {
					return
				}
				if got[p.Doc] == nil {
					got[p.Doc] = map[string]termFreq{}
				}
				f := got[p.Doc][t]
				got[p.Doc][t] = termFreq{f.title + p.TitleFreq, f.body + p.BodyFreq}
				lengths[p.Doc] = p.Length
			})
			decodeErr = cmp.Or(decodeErr, err)
		})
		if err = cmp.Or(err, decodeErr); err != nil {
			return fmt.Errorf("segment %d: %w", seg, err)
		}
	}
	var docs, tokens int64
	err = s.queryEach(ctx, func(rows *sql.Rows) error {
		var doc int64
		var title, text string
		if err := rows.Scan(&doc, &title, &text); err != nil {
			return err
		}
		c := textindex.CountDocument(title, text)
		want := map[string]termFreq{}
		for t, f := range c.Terms() {
			want[t] = termFreq{f[0], f[1]}
		}
		docs++
		tokens += int64(c.Length)
		if !maps.Equal(want, got[doc]) || (len(want) > 0 && lengths[doc] != c.Length) {
			return fmt.Errorf("document %d: postings disagree with its text (%d terms indexed, %d in the text)", doc, len(got[doc]), len(want))
		}
		delete(got, doc)
		return nil
	}, `SELECT doc, title, text FROM articles WHERE duplicate_of = ''`)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	for doc := range got {
		return fmt.Errorf("search index: document %d has live postings but is not indexed", doc)
	}
	if docs != v.docs || tokens != v.tokens {
		return fmt.Errorf("search index: statistics say %d documents, %d tokens; the articles have %d, %d", v.docs, v.tokens, docs, tokens)
	}
	return nil
}
