package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
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
		res, err := s.searchAll(ctx, matchAll(clauses, q.Exclude), where, args, limit, sq.Offset)
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
		conds = append(conds, `a.doc IN (SELECT doc FROM entities WHERE entity_id IN (
			SELECT entity_id FROM entities WHERE name = ? COLLATE NOCASE OR entity_id = ?
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

// hit is one ranked document before its snippet is made.
type hit struct {
	doc   int64
	r     dossier.SearchResult
	pub   sql.NullString
	score float64
}

// rankExpr is the FTS5 rank function: bm25 with the title weighted.
var rankExpr = fmt.Sprintf("bm25(%g, 1.0)", TitleWeight)

// searchAll ranks documents matching the FTS5 expression by bm25.
func (s *Store) searchAll(ctx context.Context, match, where string, fargs []any, limit, offset int) (*dossier.SearchResults, error) {
	res := &dossier.SearchResults{Results: []dossier.SearchResult{}}
	args := append([]any{match}, fargs...)
	join := ""
	if where != "" {
		join = " JOIN articles a ON a.doc = f.rowid"
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles_fts f`+join+
		` WHERE f.articles_fts MATCH ?`+where, args...).Scan(&res.Total); err != nil {
		return nil, err
	}
	if res.Total == 0 || offset >= res.Total {
		return res, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT f.rowid, a.id, a.title, a.source, a.published, a.url, f.rank
		FROM articles_fts f JOIN articles a ON a.doc = f.rowid
		WHERE f.articles_fts MATCH ? AND f.rank MATCH '`+rankExpr+`'`+where+`
		ORDER BY f.rank LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, err
	}
	hits, err := scanHits(rows, false)
	if err != nil {
		return nil, err
	}
	return s.finish(ctx, res, hits, match)
}

// searchAny ranks documents matching any clause: those matching more
// clauses first, then by bm25 over the clauses present.
func (s *Store) searchAny(ctx context.Context, clauses []dossier.Clause, exclude []dossier.Term, where string, fargs []any, limit, offset int) (*dossier.SearchResults, error) {
	res := &dossier.SearchResults{Results: []dossier.SearchResult{}}
	match := matchAny(clauses, exclude)
	args := append([]any{match}, fargs...)
	join := ""
	if where != "" {
		join = " JOIN articles a ON a.doc = f.rowid"
	}
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM articles_fts f`+join+
		` WHERE f.articles_fts MATCH ?`+where, args...).Scan(&res.Total); err != nil {
		return nil, err
	}
	if res.Total == 0 || offset >= res.Total {
		return res, nil
	}
	// coord counts, per document, how many clauses it matches.
	var cte []string
	var cargs []any
	for _, c := range clauses {
		cte = append(cte, `SELECT rowid AS doc FROM articles_fts WHERE articles_fts MATCH ?`)
		cargs = append(cargs, ftsClause(c))
	}
	rows, err := s.db.QueryContext(ctx, `WITH hits AS (`+strings.Join(cte, " UNION ALL ")+`),
		coord AS (SELECT doc, count(*) AS n FROM hits GROUP BY doc)
		SELECT f.rowid, a.id, a.title, a.source, a.published, a.url, f.rank, coord.n
		FROM articles_fts f JOIN articles a ON a.doc = f.rowid JOIN coord ON coord.doc = f.rowid
		WHERE f.articles_fts MATCH ? AND f.rank MATCH '`+rankExpr+`'`+where+`
		ORDER BY coord.n DESC, f.rank LIMIT ? OFFSET ?`, append(append(cargs, args...), limit, offset)...)
	if err != nil {
		return nil, err
	}
	hits, err := scanHits(rows, true)
	if err != nil {
		return nil, err
	}
	return s.finish(ctx, res, hits, match)
}

// scanHits reads ranked rows; with coord, the score's integer part is the
// number of clauses matched and its fraction grows with relevance.
func scanHits(rows *sql.Rows, coord bool) ([]hit, error) {
	defer rows.Close()
	var hits []hit
	for rows.Next() {
		var (
			h    hit
			rank float64
			n    int
		)
		dest := []any{&h.doc, &h.r.ID, &h.r.Title, &h.r.Source, &h.pub, &h.r.URL, &rank}
		if coord {
			dest = append(dest, &n)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		rel := -rank // bm25 is lower-is-better
		if coord {
			rel = float64(n) + rel/(1+rel)
		}
		h.r.Score = rel
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

// finish adds snippets and dates to one page of hits. Snippets are made
// only for the page, not for every match.
func (s *Store) finish(ctx context.Context, res *dossier.SearchResults, hits []hit, match string) (*dossier.SearchResults, error) {
	stmt, err := s.db.PrepareContext(ctx, `SELECT snippet(articles_fts, 1, '«', '»', '…', 32)
		FROM articles_fts WHERE articles_fts MATCH ? AND rowid = ?`)
	if err != nil {
		return nil, err
	}
	defer stmt.Close()
	for _, h := range hits {
		if h.r.Published, err = decTime(h.pub); err != nil {
			return nil, err
		}
		if err := stmt.QueryRowContext(ctx, match, h.doc).Scan(&h.r.Snippet); err != nil {
			return nil, fmt.Errorf("snippet: %w", err)
		}
		res.Results = append(res.Results, h.r)
	}
	return res, nil
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
