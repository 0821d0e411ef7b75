package sqlite

import (
	"bytes"
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/textindex"
)

// maxLimit caps the page size of Search.
const maxLimit = 1000

// snippetTokens is the length of a result's snippet, in tokens.
const snippetTokens = 32

// titleWeight is the BM25 weight of a title occurrence (TitleWeight;
// changed only by measurements in tests).
var titleWeight = TitleWeight

// setTitleWeight changes the title weight (for measurements in tests).
func setTitleWeight(w float64) { titleWeight = w }

// Search runs a query in the search language (see dossier.Store). Terms
// are looked up in the search postings (see postings.go and package
// textindex) and scored in Go by FTS5's bm25 formula; phrases are matched
// by articles_fts, which knows word positions.
func (s *Store) Search(ctx context.Context, sq dossier.SearchQuery) (*dossier.SearchResults, error) {
	if sq.Limit < 0 || sq.Offset < 0 {
		return nil, dossier.Errorf(dossier.EINVALID, "search: negative limit (%d) or offset (%d)", sq.Limit, sq.Offset)
	}
	limit := sq.Limit
	if limit == 0 {
		limit = 10
	}
	limit = min(limit, maxLimit)
	q, err := dossier.ParseQuery(sq.Text)
	if err != nil {
		return nil, err
	}
	clauses := q.Significant()
	if len(clauses) == 0 {
		where, args := filterSQL(q)
		res, err := s.listFiltered(ctx, q, where, args, limit, sq.Offset)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", sq.Text, err)
		}
		return res, nil
	}
	res, err := s.searchTerms(ctx, q, clauses, limit, sq.Offset)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", sq.Text, err)
	}
	return res, nil
}

// searchTerms answers a query with positive clauses. Fewer than
// dossier.LongQueryClauses clauses must all match; if none does (and
// there are several), or the query is longer (natural language),
// documents matching any clause are ranked by BM25 over the terms present
// times the share of the clauses they match (see evaluation.softCoord).
// It reads in one transaction, so every part sees the same index.
func (s *Store) searchTerms(ctx context.Context, q dossier.Query, clauses []dossier.Clause, limit, offset int) (*dossier.SearchResults, error) {
	// The statements run without ctx's cancellation, which the driver
	// would watch with a goroutine per statement; each is short, and ctx
	// is checked between them.
	qctx := context.WithoutCancel(ctx)
	conn, err := s.db.Conn(qctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	tx, err := conn.BeginTx(qctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	v, err := s.indexView(qctx, tx)
	if err != nil {
		return nil, err
	}
	r := &searchRun{tx: tx, v: v, ev: newEvaluation(v)}
	defer r.ev.release()
	for ci, c := range clauses {
		for _, t := range c {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if err := r.addTerm(qctx, t, ci); err != nil {
				return nil, err
			}
		}
	}
	for _, t := range q.Exclude {
		if err := r.excludeTerm(qctx, t); err != nil {
			return nil, err
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	keep, err := s.filterFunc(qctx, tx, v, q)
	if err != nil {
		return nil, err
	}
	res := &dossier.SearchResults{Results: []dossier.SearchResult{}}
	natural := len(clauses) >= dossier.LongQueryClauses
	var hits []scoredDoc
	if !natural {
		res.Total, hits = r.ev.rank(len(clauses), keep, offset+limit)
		if res.Total == 0 && len(clauses) > 1 {
			natural = true
		}
	}
	if natural {
		r.ev.softCoord(len(clauses))
		res.Total, hits = r.ev.rank(1, keep, offset+limit)
	}
	if offset >= len(hits) {
		return res, nil
	}
	hits = hits[offset:min(offset+limit, len(hits))]
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := page(qctx, tx, res, hits, r.ev.marks); err != nil {
		return nil, err
	}
	return res, nil
}

// dbtx is what both *sql.DB and *sql.Tx offer for reading.
type dbtx interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// indexView is what a search needs to know of the index besides the
// postings: its statistics, segments and tombstones, as of one
// generation (search_stats.generation).
type indexView struct {
	generation int64
	docs       int64
	tokens     int64
	maxDoc     int64
	segs       []int64
	dead       map[int64]int64
}

// indexView returns the view of the index seen by the transaction tx,
// reusing the cached one while the generation is unchanged.
func (s *Store) indexView(ctx context.Context, tx dbtx) (*indexView, error) {
	v := &indexView{}
	if err := tx.QueryRowContext(ctx, `SELECT generation, docs, tokens, (SELECT coalesce(max(doc), 0) FROM articles) FROM search_stats`).Scan(&v.generation, &v.docs, &v.tokens, &v.maxDoc); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	s.cache.mu.Lock()
	cached := s.cache.view
	s.cache.mu.Unlock()
	if cached != nil && cached.generation == v.generation && cached.maxDoc == v.maxDoc {
		return cached, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT seg FROM search_segments ORDER BY seg`)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if err := eachRow(rows, func(rows *sql.Rows) error {
		var seg int64
		v.segs = append(v.segs, seg)
		return rows.Scan(&v.segs[len(v.segs)-1])
	}); err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	if v.dead, err = loadDead(ctx, tx); err != nil {
		return nil, err
	}
	s.cache.mu.Lock()
	s.cache.view = v
	s.cache.mu.Unlock()
	return v, nil
}

// searchRun is one search's reading of the index.
type searchRun struct {
	tx dbtx
	v  *indexView
	ev *evaluation
}

// encodedList is one term's encoded postings in one segment.
type encodedList struct {
	seg      int64
	postings []byte
}

// lists returns the encoded postings lists of an index term in every
// segment (of every term with that prefix, when prefix is set).
func (r *searchRun) lists(ctx context.Context, term string, prefix bool) ([]encodedList, error) {
	if len(r.v.segs) == 0 || term == "" {
		return nil, nil
	}
	var (
		rows *sql.Rows
		err  error
	)
	if prefix {
		// A prefix may span blocks: take, per segment, the block that
		// would hold it and those after it that start with it.
		args := []any{term, termUpper(term)}
		var parts []string
		for i, seg := range r.v.segs {
			parts = append(parts, fmt.Sprintf(`SELECT seg, data FROM search_blocks WHERE seg = ?%[1]d AND first_term < ?2 AND
				first_term >= coalesce((SELECT max(first_term) FROM search_blocks WHERE seg = ?%[1]d AND first_term <= ?1), '')`, i+3))
			args = append(args, seg)
		}
		rows, err = r.tx.QueryContext(ctx, strings.Join(parts, " UNION ALL "), args...)
	} else {
		// In each segment, the block that would hold the term.
		rows, err = r.tx.QueryContext(ctx, `SELECT s.seg, (SELECT data FROM search_blocks b WHERE b.seg = s.seg AND b.first_term <= ?1
			ORDER BY b.first_term DESC LIMIT 1) FROM search_segments s`, term)
	}
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	var out []encodedList
	err = eachRow(rows, func(rows *sql.Rows) error {
		var seg int64
		var data sql.RawBytes
		if err := rows.Scan(&seg, &data); err != nil {
			return err
		}
		return textindex.FindTerms(data, term, prefix, func(_ string, b []byte) {
			out = append(out, encodedList{seg: seg, postings: bytes.Clone(b)})
		})
	})
	if err != nil {
		return nil, fmt.Errorf("search index: term %q: %w", term, err)
	}
	return out, nil
}

// postings returns the live postings of an index term (every term with
// that prefix, when prefix is set, summed per document), by document.
func (r *searchRun) postings(ctx context.Context, term string, prefix bool) ([]textindex.Posting, error) {
	lists, err := r.lists(ctx, term, prefix)
	if err != nil {
		return nil, err
	}
	n := 0
	for _, l := range lists {
		n += textindex.CountPostings(l.postings)
	}
	out := make([]textindex.Posting, 0, n)
	for _, l := range lists {
		err := textindex.DecodePostings(l.postings, func(p textindex.Posting) {
			if !isDead(r.v.dead, p.Doc, l.seg) {
				out = append(out, p)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("search index: term %q: %w", term, err)
		}
	}
	if len(lists) > 1 {
		out = sumByDoc(out)
	}
	return out, nil
}

// scoreWord scores the documents of a one-word term of clause ci straight
// from its encoded lists, without building its postings: possible when
// no document is hidden by a tombstone, so that each is in one segment
// once and the document frequency is the number of postings.
func (r *searchRun) scoreWord(ctx context.Context, term string, ci int) error {
	lists, err := r.lists(ctx, term, false)
	if err != nil {
		return err
	}
	df := 0
	for _, l := range lists {
		df += textindex.CountPostings(l.postings)
	}
	idf := r.ev.bm25.IDF(df)
	for _, l := range lists {
		if err := textindex.DecodePostings(l.postings, func(p textindex.Posting) { r.ev.addPosting(idf, p, false, ci) }); err != nil {
			return fmt.Errorf("search index: term %q: %w", term, err)
		}
	}
	return nil
}

// sumByDoc sorts postings by document and sums the frequencies of those
// of one document (from several segments or prefix terms).
func sumByDoc(ps []textindex.Posting) []textindex.Posting {
	slices.SortFunc(ps, func(a, b textindex.Posting) int { return cmp.Compare(a.Doc, b.Doc) })
	out := ps[:0]
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].Doc == p.Doc {
			out[n-1].TitleFreq += p.TitleFreq
			out[n-1].BodyFreq += p.BodyFreq
			continue
		}
		out = append(out, p)
	}
	return out
}

// termPostings returns the postings of a query term: for a word, its
// index term's; for a phrase (several words), those of the documents
// articles_fts finds it in, with each frequency the least of its words'.
func (r *searchRun) termPostings(ctx context.Context, t dossier.Term) ([]textindex.Posting, error) {
	words := t.Words()
	if len(words) == 0 {
		return nil, nil
	}
	last := len(words) - 1
	if len(words) == 1 {
		return r.postings(ctx, textindex.QueryTerm(words[0], t.Prefix), t.Prefix)
	}
	docs, err := r.phraseDocs(ctx, t)
	if err != nil || len(docs) == 0 {
		return nil, err
	}
	var out []textindex.Posting
	for i, w := range words {
		ps, err := r.postings(ctx, textindex.QueryTerm(w, t.Prefix && i == last), t.Prefix && i == last)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			for _, p := range ps {
				if docs[p.Doc] {
					out = append(out, p)
				}
			}
			continue
		}
		out = intersectMin(out, ps)
	}
	return out, nil
}

// intersectMin keeps the documents of a that b holds too, with the lesser
// of their frequencies. Both are sorted by document.
func intersectMin(a, b []textindex.Posting) []textindex.Posting {
	out := a[:0]
	j := 0
	for _, p := range a {
		for j < len(b) && b[j].Doc < p.Doc {
			j++
		}
		if j < len(b) && b[j].Doc == p.Doc {
			p.TitleFreq = min(p.TitleFreq, b[j].TitleFreq)
			p.BodyFreq = min(p.BodyFreq, b[j].BodyFreq)
			out = append(out, p)
		}
	}
	return out
}

// phraseDocs returns the documents articles_fts matches a phrase term in.
func (r *searchRun) phraseDocs(ctx context.Context, t dossier.Term) (map[int64]bool, error) {
	var list sql.NullString
	if err := r.tx.QueryRowContext(ctx, `SELECT group_concat(rowid) FROM articles_fts WHERE articles_fts MATCH ?`, ftsTerm(t)).Scan(&list); err != nil {
		return nil, fmt.Errorf("phrase %s: %w", t, err)
	}
	docs := map[int64]bool{}
	if list.String == "" {
		return docs, nil
	}
	for f := range strings.SplitSeq(list.String, ",") {
		d, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("phrase %s: %w", t, err)
		}
		docs[d] = true
	}
	return docs, nil
}

// ftsTerm renders a Term as an FTS5 query string. Only the term's words
// are used, each quoted, so no user text is parsed as FTS5 syntax.
func ftsTerm(t dossier.Term) string {
	s := `"` + strings.Join(t.Words(), " ") + `"`
	if t.Prefix {
		s += " *"
	}
	if t.Field == dossier.FieldTitle {
		s = "title : " + s
	}
	return s
}

// addTerm scores the documents holding term t of clause ci.
func (r *searchRun) addTerm(ctx context.Context, t dossier.Term, ci int) error {
	words := t.Words()
	titleOnly := t.Field == dossier.FieldTitle
	if len(words) == 1 && !t.Prefix && !titleOnly && len(r.v.dead) == 0 {
		if err := r.scoreWord(ctx, textindex.QueryTerm(words[0], false), ci); err != nil {
			return err
		}
	} else {
		ps, err := r.termPostings(ctx, t)
		if err != nil {
			return err
		}
		if titleOnly {
			ps = slices.DeleteFunc(ps, func(p textindex.Posting) bool { return p.TitleFreq == 0 })
		}
		r.ev.add(ps, titleOnly, ci)
	}
	for i, w := range words {
		prefix := t.Prefix && i == len(words)-1
		r.ev.highlight(textindex.QueryTerm(w, prefix), prefix)
	}
	return nil
}

// excludeTerm marks the documents holding an excluded term.
func (r *searchRun) excludeTerm(ctx context.Context, t dossier.Term) error {
	ps, err := r.termPostings(ctx, t)
	if err != nil {
		return err
	}
	if t.Field == dossier.FieldTitle {
		ps = slices.DeleteFunc(ps, func(p textindex.Posting) bool { return p.TitleFreq == 0 })
	}
	r.ev.exclude(ps)
	return nil
}

// page loads the article fields of the hits and makes their snippets.
func page(ctx context.Context, tx dbtx, res *dossier.SearchResults, hits []scoredDoc, marks *textindex.Highlighter) error {
	docs := make([]any, len(hits))
	for i, h := range hits {
		docs[i] = h.doc
	}
	byDoc := make(map[int64]*dossier.SearchResult, len(hits))
	err := queryEachOn(ctx, tx, func(rows *sql.Rows) error {
		var (
			r    dossier.SearchResult
			doc  int64
			pub  sql.NullString
			text string
		)
		if err := rows.Scan(&doc, &r.ID, &r.Title, &r.Source, &pub, &r.URL, &text); err != nil {
			return err
		}
		var err error
		if r.Published, err = decTime(pub); err != nil {
			return err
		}
		r.Snippet = textindex.Snippet(text, snippetTokens, marks)
		byDoc[doc] = &r
		return nil
	}, `SELECT doc, id, title, source, published, url, text FROM articles WHERE doc IN (`+placeholders(len(docs))+`)`, docs...)
	if err != nil {
		return fmt.Errorf("page: %w", err)
	}
	for _, h := range hits {
		r, ok := byDoc[h.doc]
		if !ok {
			continue // deleted meanwhile
		}
		r.Score = h.score
		res.Results = append(res.Results, *r)
	}
	return nil
}

// filterSQL renders the query's filters as SQL conditions on articles a.
// They read only columns of the covering index articles_filter, which
// the search queries join through.
func filterSQL(q dossier.Query) (string, []any) {
	var conds []string
	var args []any
	if len(q.Sources) > 0 {
		var ors []string
		for _, s := range q.Sources {
			ors = append(ors, `a.source LIKE ? ESCAPE '\'`)
			args = append(args, "%"+escapeLike(s)+"%")
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if len(q.Topics) > 0 {
		var ors []string
		for _, t := range q.Topics {
			ors = append(ors, `a.topic = ? COLLATE NOCASE`)
			args = append(args, t)
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	for _, e := range q.Entities {
		// "name = ? OR entity_id = ?" scanned every entity row; as a UNION
		// each part uses its index (70x faster on the BBC corpus).
		conds = append(conds, `a.doc IN (SELECT doc FROM entities WHERE entity_id IN (
			SELECT entity_id FROM entities WHERE name = ? COLLATE NOCASE UNION SELECT ?
			UNION SELECT e.entity_id FROM mentions m JOIN entities e ON e.doc = m.doc AND e.seq = m.entity_seq
			WHERE m.text = ? COLLATE NOCASE))`)
		args = append(args, e, e, e)
	}
	if !q.After.IsZero() {
		conds = append(conds, "a.published >= ?")
		args = append(args, encTime(q.After))
	}
	if !q.Before.IsZero() {
		conds = append(conds, "a.published < ?")
		args = append(args, encTime(q.Before))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " AND " + strings.Join(conds, " AND "), args
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// queryEach runs a query and calls fn on each row.
func (s *Store) queryEach(ctx context.Context, fn func(*sql.Rows) error, query string, args ...any) error {
	return queryEachOn(ctx, s.db, fn, query, args...)
}

// queryEachOn runs a query on db or a transaction and calls fn on each
// row.
func queryEachOn(ctx context.Context, q dbtx, fn func(*sql.Rows) error, query string, args ...any) error {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	return eachRow(rows, fn)
}

// eachRow calls fn on each of rows and closes them.
func eachRow(rows *sql.Rows, fn func(*sql.Rows) error) error {
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// listFiltered answers a query without positive terms: the articles that
// pass its filters (and exclusions), newest first, with the start of their
// text as snippet.
func (s *Store) listFiltered(ctx context.Context, q dossier.Query, where string, fargs []any, limit, offset int) (*dossier.SearchResults, error) {
	res := &dossier.SearchResults{Results: []dossier.SearchResult{}}
	args := append([]any{}, fargs...)
	if len(q.Exclude) > 0 {
		where += ` AND a.doc NOT IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?)`
		parts := make([]string, len(q.Exclude))
		for i, t := range q.Exclude {
			parts[i] = ftsTerm(t)
		}
		args = append(args, strings.Join(parts, " OR "))
	}
	cond := `a.duplicate_of = ''` + where
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles a WHERE `+cond, args...).Scan(&res.Total); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.title, a.source, a.published, a.url, substr(a.text, 1, 240)
		FROM articles a WHERE `+cond+` ORDER BY a.published DESC, a.id LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			r   dossier.SearchResult
			pub sql.NullString
		)
		if err := rows.Scan(&r.ID, &r.Title, &r.Source, &pub, &r.URL, &r.Snippet); err != nil {
			return nil, err
		}
		if r.Published, err = decTime(pub); err != nil {
			return nil, err
		}
		r.Snippet = textindex.Lead(r.Snippet, 200)
		res.Results = append(res.Results, r)
	}
	return res, rows.Err()
}
