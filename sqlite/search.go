package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/dossier/dossier"
)

// maxLimit caps the page size of Search.
const maxLimit = 1000

// Search runs a query in the search language (see dossier.Store).
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
	where, args := filterSQL(q)
	clauses := q.Significant()
	if len(clauses) == 0 {
		res, err := s.listFiltered(ctx, q, where, args, limit, sq.Offset)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", sq.Text, err)
		}
		return res, nil
	}
	if len(clauses) < dossier.LongQueryClauses {
		res, err := s.searchAll(ctx, clauses, q.Exclude, where, args, limit, sq.Offset)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", sq.Text, err)
		}
		if res.Total > 0 || len(clauses) == 1 {
			return res, nil
		}
	}
	res, err := s.searchAny(ctx, clauses, q.Exclude, where, args, limit, sq.Offset)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", sq.Text, err)
	}
	return res, nil
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

func ftsClause(c dossier.Clause) string {
	if len(c) == 1 {
		return ftsTerm(c[0])
	}
	parts := make([]string, len(c))
	for i, t := range c {
		parts[i] = ftsTerm(t)
	}
	return "(" + strings.Join(parts, " OR ") + ")"
}

// exclExpr is the FTS5 expression matching any excluded term, "" if none.
func exclExpr(exclude []dossier.Term) string {
	if len(exclude) == 0 {
		return ""
	}
	parts := make([]string, len(exclude))
	for i, t := range exclude {
		parts[i] = ftsTerm(t)
	}
	return strings.Join(parts, " OR ")
}

func ftsNot(expr string, exclude []dossier.Term) string {
	if len(exclude) == 0 {
		return expr
	}
	parts := make([]string, len(exclude))
	for i, t := range exclude {
		parts[i] = ftsTerm(t)
	}
	return "(" + expr + ") NOT (" + strings.Join(parts, " OR ") + ")"
}

// matchAll is the FTS5 expression requiring every clause.
func matchAll(clauses []dossier.Clause, exclude []dossier.Term) string {
	parts := make([]string, len(clauses))
	for i, c := range clauses {
		parts[i] = ftsClause(c)
	}
	return ftsNot(strings.Join(parts, " AND "), exclude)
}

// matchAny is the FTS5 expression requiring any clause.
func matchAny(clauses []dossier.Clause, exclude []dossier.Term) string {
	parts := make([]string, len(clauses))
	for i, c := range clauses {
		parts[i] = ftsClause(c)
	}
	return ftsNot(strings.Join(parts, " OR "), exclude)
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

// rankCall is the bm25 call with the title weighted.
var rankCall = rankFor(TitleWeight)

func rankFor(titleWeight float64) string {
	return fmt.Sprintf("bm25(articles_fts, %g, 1.0)", titleWeight)
}

// setTitleWeight changes the title weight (for measurements in tests).
func setTitleWeight(w float64) { rankCall = rankFor(w) }

// countMatches counts the documents matching an FTS5 expression and the
// filters.
func (s *Store) countMatches(ctx context.Context, match, where string, fargs []any) (int, error) {
	q := `SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?`
	if where != "" {
		q = `SELECT count(*) FROM articles_fts f JOIN articles a INDEXED BY articles_filter ON a.doc = f.rowid WHERE f.articles_fts MATCH ?` + where
	}
	var n int
	err := s.db.QueryRowContext(ctx, q, append([]any{match}, fargs...)...).Scan(&n)
	return n, err
}

// ranked returns the doc and bm25 score (lower is better) of the matching
// documents, best first, from offset on. Only the index is read: article
// rows are loaded for the page alone. With a tier expression, only the
// documents that also match it are scored: the bm25 call still scores the
// original expression (its statistics are computed once per cursor), and
// the tier is a set test evaluated before it.
func (s *Store) ranked(ctx context.Context, match, where string, fargs []any, t *tier, limit, offset int) ([]hit, error) {
	args := append([]any{match}, fargs...)
	if t != nil {
		// The unary + keeps the planner from probing the index by rowid
		// (each probe would recompute bm25's statistics).
		where += ` AND +f.rowid IN (SELECT rowid FROM ` + t.table + ` WHERE ` + t.table + ` MATCH ?)`
		args = append(args, t.expr)
	}
	join := ""
	if len(fargs) > 0 {
		join = ` JOIN articles a INDEXED BY articles_filter ON a.doc = f.rowid`
	}
	q := `SELECT f.rowid, ` + rankCall + ` AS r FROM articles_fts f` + join + `
		WHERE f.articles_fts MATCH ?` + where + ` ORDER BY r LIMIT ? OFFSET ?`
	rows, err := s.db.QueryContext(ctx, q, append(args, limit, offset)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var hits []hit
	for rows.Next() {
		h := hit{coord: -1}
		if err := rows.Scan(&h.doc, &h.bm25); err != nil {
			return nil, err
		}
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// hit is one ranked document.
type hit struct {
	doc   int64
	bm25  float64 // lower is better
	coord int     // clauses matched (natural-language mode), -1 otherwise
}

// tierMin is the number of matches above which ranking is confined to a
// tier of the matches, because scoring every match with bm25 costs a few
// microseconds per document.
const tierMin = 1000

// tier is a set of documents narrower than a query's matches: those
// matching expr in the FTS5 table (articles_fts or titles_fts). A tier
// to countFirst is counted before it is ranked, and skipped if it cannot
// fill the page: counting costs a pass over the tier's own index entries,
// a fraction of ranking with it, which passes over every match of the
// query and computes bm25's statistics.
type tier struct {
	table, expr string
	countFirst  bool
}

// rankTiered ranks the matches of match. When there are more than tierMin
// of them, scoring each with bm25 (a few microseconds apiece) would cost
// more than finding them, so it ranks only the documents of the first
// tier that fills the page, still by bm25 over match; if no tier does, it
// ranks every match. Tiers in titles_fts are first counted there, which is
// cheap, and skipped when too small. It returns the index in tiers of
// the tier the page came from, -1 if none.
func (s *Store) rankTiered(ctx context.Context, total int, match, excl, where string, fargs []any, tiers []tier, limit, offset int) ([]hit, int, error) {
	if total > tierMin {
		for i, t := range tiers {
			if t.countFirst {
				var (
					n   int
					err error
				)
				if t.table == "titles_fts" {
					err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM titles_fts WHERE titles_fts MATCH ?`, t.expr).Scan(&n)
				} else {
					n, err = s.countMatches(ctx, t.expr, where, fargs)
				}
				if err != nil {
					return nil, -1, err
				}
				if n < offset+limit {
					continue
				}
				if t.table == "titles_fts" && (excl != "" || where != "") && n <= tierBoundMax(offset+limit) {
					set, err := s.tierSet(ctx, t)
					if err != nil {
						return nil, -1, err
					}
					if n, err = s.tierBound(ctx, set, excl, where, fargs); err != nil {
						return nil, -1, err
					}
					if n < offset+limit {
						continue
					}
				}
			}
			hits, err := s.ranked(ctx, match, where, fargs, &t, limit, offset)
			if err != nil {
				return nil, -1, err
			}
			if len(hits) == limit {
				return hits, i, nil
			}
		}
	}
	hits, err := s.ranked(ctx, match, where, fargs, nil, limit, offset)
	return hits, -1, err
}

// countAndRank counts the matches of match (with the filters) and ranks
// them as rankTiered does, the two on separate connections at once: each
// passes over the matches, so with a second core free the search waits
// for the slower one instead of both. The ranking starts before the count
// is known and so assumes more than tierMin matches; when there turn out
// to be fewer, a tier's page is discarded and every match ranked. It
// returns the count, the page and the index of its tier (-1 if none).
// Queries without filters take tallyRank's single pass instead.
func (s *Store) countAndRank(ctx context.Context, match, excl, where string, fargs []any, tiers []tier, limit, offset int) (int, []hit, int, error) {
	if where == "" {
		return s.tallyRank(ctx, match, excl, tiers, limit, offset)
	}
	type counted struct {
		n   int
		err error
	}
	ch := make(chan counted, 1)
	go func() {
		n, err := s.countMatches(ctx, match, where, fargs)
		ch <- counted{n, err}
	}()
	hits, ti, err := s.rankTiered(ctx, tierMin+1, match, excl, where, fargs, tiers, limit, offset)
	c := <-ch
	if c.err != nil {
		return 0, nil, -1, c.err
	}
	if err != nil {
		return 0, nil, -1, err
	}
	if ti >= 0 && c.n <= tierMin {
		if hits, err = s.ranked(ctx, match, where, fargs, nil, limit, offset); err != nil {
			return 0, nil, -1, err
		}
		ti = -1
	}
	return c.n, hits, ti, nil
}

// titleTiers returns the tiers of a query's matches with every clause in
// the title, then with any clause in the title: with the title weighted,
// they outrank the others in all but rare cases.
func titleTiers(clauses []dossier.Clause) []tier {
	var all, anyTerm []string
	for _, c := range clauses {
		plain := make(dossier.Clause, len(c))
		for i, t := range c {
			t.Field = ""
			plain[i] = t
			anyTerm = append(anyTerm, ftsTerm(t))
		}
		all = append(all, ftsClause(plain))
	}
	return []tier{
		{"titles_fts", strings.Join(all, " AND "), true},
		{"titles_fts", strings.Join(anyTerm, " OR "), true},
	}
}

// searchAll ranks documents matching every clause by bm25.
func (s *Store) searchAll(ctx context.Context, clauses []dossier.Clause, exclude []dossier.Term, where string, fargs []any, limit, offset int) (*dossier.SearchResults, error) {
	res := &dossier.SearchResults{Results: []dossier.SearchResult{}}
	match := matchAll(clauses, exclude)
	var (
		hits []hit
		err  error
	)
	if res.Total, hits, _, err = s.countAndRank(ctx, match, exclExpr(exclude), where, fargs, titleTiers(clauses), limit, offset); err != nil {
		return nil, err
	}
	return s.finish(ctx, res, hits, match)
}

// quorum returns the expression matching documents that match all but
// one of the clauses.
func quorum(clauses []dossier.Clause, exclude []dossier.Term) string {
	var alts []string
	for skip := range clauses {
		var parts []string
		for i, c := range clauses {
			if i != skip {
				parts = append(parts, ftsClause(c))
			}
		}
		alts = append(alts, "("+strings.Join(parts, " AND ")+")")
	}
	return ftsNot(strings.Join(alts, " OR "), exclude)
}

// rerankDepth is how many of the best bm25 matches of a natural-language
// query are reordered by the number of clauses they match.
const rerankDepth = 200

// searchAny ranks documents matching any clause: among the rerankDepth
// best by bm25 (which sums over the clauses present, so documents matching
// more rare clauses score higher), those matching more clauses come first;
// further pages follow bm25 order. Large result sets are ranked within
// the documents matching all clauses, or all but one, when those fill the
// page.
func (s *Store) searchAny(ctx context.Context, clauses []dossier.Clause, exclude []dossier.Term, where string, fargs []any, limit, offset int) (*dossier.SearchResults, error) {
	res := &dossier.SearchResults{Results: []dossier.SearchResult{}}
	match := matchAny(clauses, exclude)
	// Documents matching every clause are usually few, and found by an
	// AND that skips through the rarest clause's entries: counting them
	// first is cheap. The quorum's OR of ANDs costs about a quarter of a
	// ranking to count, and usually fills the page.
	tiers := []tier{{"articles_fts", matchAll(clauses, exclude), true}}
	if len(clauses) > 2 {
		tiers = append(tiers, tier{"articles_fts", quorum(clauses, exclude), false})
	}
	var (
		hits []hit
		err  error
	)
	if offset+limit > rerankDepth {
		if res.Total, hits, _, err = s.countAndRank(ctx, match, exclExpr(exclude), where, fargs, tiers, limit, offset); err != nil {
			return nil, err
		}
		return s.finish(ctx, res, hits, match)
	}
	var ti int
	if res.Total, hits, ti, err = s.countAndRank(ctx, match, exclExpr(exclude), where, fargs, tiers, max(offset+limit, 50), 0); err != nil {
		return nil, err
	}
	if offset >= len(hits) {
		return res, nil
	}
	if err := s.coordinate(ctx, hits, clauses, exclude, ti); err != nil {
		return nil, err
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].coord > hits[j].coord })
	if offset >= len(hits) {
		return res, nil
	}
	return s.finish(ctx, res, hits[offset:min(offset+limit, len(hits))], match)
}

// coordinate sets the number of clauses each hit matches, knowing the
// tier the hits come from (an index in searchAny's tiers, -1 for none).
// In the tier of documents matching every clause, that is all of them; in
// the quorum's, all but one, or all for those matching every clause,
// found by one AND over the hits. Otherwise each clause takes a pass over
// its index entries, testing membership in the hits.
func (s *Store) coordinate(ctx context.Context, hits []hit, clauses []dossier.Clause, exclude []dossier.Term, ti int) error {
	docs := make([]any, len(hits))
	index := make(map[int64]int, len(hits))
	for i, h := range hits {
		docs[i] = h.doc
		index[h.doc] = i
		hits[i].coord = 0
	}
	exprs := make([]string, len(clauses))
	for i, c := range clauses {
		exprs[i] = ftsClause(c)
	}
	switch ti {
	case 0:
		for i := range hits {
			hits[i].coord = len(clauses)
		}
		return nil
	case 1:
		for i := range hits {
			hits[i].coord = len(clauses) - 1
		}
		exprs = []string{matchAll(clauses, exclude)}
	}
	for _, expr := range exprs {
		err := s.queryEach(ctx, func(rows *sql.Rows) error {
			var d int64
			if err := rows.Scan(&d); err != nil {
				return err
			}
			hits[index[d]].coord++
			return nil
		}, `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND +rowid IN (`+placeholders(len(docs))+`)`,
			append([]any{expr}, docs...)...)
		if err != nil {
			return err
		}
	}
	return nil
}

// pageColumns are the columns of a page document: its article fields and
// a snippet made with the query's FTS5 expression.
const pageColumns = `f.rowid, a.id, a.title, a.source, a.published, a.url,
	snippet(articles_fts, 1, '«', '»', '…', 32)
	FROM articles_fts f JOIN articles a ON a.doc = f.rowid
	WHERE f.articles_fts MATCH ?`

// pageWorkers is the number of connections probing a page's documents
// at once.
const pageWorkers = 2

// finish loads the page's article fields and snippets, made with the
// FTS5 expression match (the query's). The score is -bm25 (higher is
// better); in natural-language mode its integer part is the number of
// clauses matched and its fraction grows with bm25 relevance.
//
// Each page document is found by a prepared rowid probe, which lets FTS5
// seek to it in each term's doclist. A prefix term has no doclist of its
// own to seek in (FTS5 merges those of every term it expands to, at each
// probe), so with one the page is picked out of a single pass over the
// matches instead. The probes are shared by pageWorkers connections.
func (s *Store) finish(ctx context.Context, res *dossier.SearchResults, hits []hit, match string) (*dossier.SearchResults, error) {
	if len(hits) == 0 {
		return res, nil
	}
	var mu sync.Mutex // guards byDoc
	byDoc := make(map[int64]*dossier.SearchResult, len(hits))
	scan := func(rows *sql.Rows) error {
		var (
			r   dossier.SearchResult
			doc int64
			pub sql.NullString
		)
		if err := rows.Scan(&doc, &r.ID, &r.Title, &r.Source, &pub, &r.URL, &r.Snippet); err != nil {
			return err
		}
		var err error
		if r.Published, err = decTime(pub); err != nil {
			return err
		}
		r.Snippet = strings.Join(strings.Fields(r.Snippet), " ") // one line, whatever paragraphs it spans
		mu.Lock()
		byDoc[doc] = &r
		mu.Unlock()
		return nil
	}
	if hasPrefix(match) {
		docs := make([]any, len(hits))
		for i, h := range hits {
			docs[i] = h.doc
		}
		if err := s.queryEach(ctx, scan, `SELECT `+pageColumns+` AND +f.rowid IN (`+placeholders(len(docs))+`)`,
			append([]any{match}, docs...)...); err != nil {
			return nil, fmt.Errorf("page: %w", err)
		}
	} else {
		stmt, err := s.db.PrepareContext(ctx, `SELECT `+pageColumns+` AND f.rowid = ?`)
		if err != nil {
			return nil, fmt.Errorf("page: %w", err)
		}
		defer stmt.Close()
		// Two workers, each on its own connection, share the probes.
		errs := make([]error, pageWorkers)
		var wg sync.WaitGroup
		for w := range pageWorkers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := w; i < len(hits) && errs[w] == nil; i += pageWorkers {
					rows, err := stmt.QueryContext(ctx, match, hits[i].doc)
					if err == nil {
						err = eachRow(rows, scan)
					}
					errs[w] = err
				}
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return nil, fmt.Errorf("page: %w", err)
		}
	}
	for _, h := range hits {
		r, ok := byDoc[h.doc]
		if !ok {
			continue // deleted meanwhile
		}
		rel := -h.bm25
		if h.coord >= 0 {
			rel = float64(h.coord) + rel/(1+rel)
		}
		r.Score = rel
		res.Results = append(res.Results, *r)
	}
	return res, nil
}

// hasPrefix reports whether an FTS5 expression made by ftsTerm holds a
// prefix term (words are quoted, so " *" only follows a closing quote).
func hasPrefix(match string) bool { return strings.Contains(match, `" *`) }

// queryEach runs a query and calls fn on each row.
func (s *Store) queryEach(ctx context.Context, fn func(*sql.Rows) error, query string, args ...any) error {
	rows, err := s.db.QueryContext(ctx, query, args...)
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
		args = append(args, matchAny([]dossier.Clause{dossier.Clause(q.Exclude)}, nil))
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
		r.Snippet = leadSnippet(r.Snippet, 200)
		res.Results = append(res.Results, r)
	}
	return res, rows.Err()
}

// leadSnippet shortens text to about n bytes at a word boundary.
func leadSnippet(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return text[:cut] + "…"
}
