package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/textindex"
)

const maxLimit = 1000

// rankWeights are ts_rank_cd's {D, C, B, A} weights: title (A) 1, body (B)
// 1/TitleWeight.
var rankWeights = []float32{0.1, 0.1, 1 / TitleWeight, 1.0}

// headlineOptions make ts_headline snippets with matches in « and ».
const headlineOptions = `StartSel=«, StopSel=», MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`

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
	clauses := q.Significant()
	var res *dossier.SearchResults
	switch {
	case len(clauses) == 0:
		res, err = s.listFiltered(ctx, q, limit, sq.Offset)
	case len(clauses) < dossier.LongQueryClauses:
		res, err = s.search(ctx, q, tsAll(clauses, q.Exclude), nil, limit, sq.Offset)
		if err == nil && res.Total == 0 && len(clauses) > 1 {
			res, err = s.search(ctx, q, tsAny(clauses, q.Exclude), clauses, limit, sq.Offset)
		}
	default:
		res, err = s.search(ctx, q, tsAny(clauses, q.Exclude), clauses, limit, sq.Offset)
	}
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", sq.Text, err)
	}
	return res, nil
}

// tsTerm renders a Term in to_tsquery syntax from its words only (runs of
// letters and digits), so no user text is read as tsquery syntax.
func tsTerm(t dossier.Term) string {
	words := t.Words()
	for i, w := range words {
		flags := ""
		if t.Prefix && i == len(words)-1 {
			flags = "*"
		}
		if t.Field == dossier.FieldTitle {
			flags += "A"
		}
		if flags != "" {
			words[i] = w + ":" + flags
		}
	}
	if len(words) == 1 {
		return words[0]
	}
	return "(" + strings.Join(words, " <-> ") + ")"
}

func tsClause(c dossier.Clause) string {
	if len(c) == 1 {
		return tsTerm(c[0])
	}
	parts := make([]string, len(c))
	for i, t := range c {
		parts[i] = tsTerm(t)
	}
	return "(" + strings.Join(parts, " | ") + ")"
}

func tsJoin(clauses []dossier.Clause, op string, exclude []dossier.Term) string {
	parts := make([]string, len(clauses))
	for i, c := range clauses {
		parts[i] = tsClause(c)
	}
	expr := "(" + strings.Join(parts, " "+op+" ") + ")"
	if len(exclude) > 0 {
		ex := make([]string, len(exclude))
		for i, t := range exclude {
			ex[i] = tsTerm(t)
		}
		expr += " & !(" + strings.Join(ex, " | ") + ")"
	}
	return expr
}

func tsAll(clauses []dossier.Clause, exclude []dossier.Term) string {
	return tsJoin(clauses, "&", exclude)
}
func tsAny(clauses []dossier.Clause, exclude []dossier.Term) string {
	return tsJoin(clauses, "|", exclude)
}

// filterSQL renders the query's filters as conditions on articles a.
func filterSQL(q dossier.Query, a *args) string {
	var conds []string
	if len(q.Sources) > 0 {
		var ors []string
		for _, s := range q.Sources {
			ors = append(ors, `a.source ILIKE `+a.add("%"+escapeLike(s)+"%")+` ESCAPE '\'`)
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	if len(q.Topics) > 0 {
		var ors []string
		for _, t := range q.Topics {
			ors = append(ors, `lower(a.topic) = lower(`+a.add(t)+`)`)
		}
		conds = append(conds, "("+strings.Join(ors, " OR ")+")")
	}
	for _, e := range q.Entities {
		p := a.add(e)
		conds = append(conds, `a.doc IN (SELECT doc FROM entities WHERE entity_id IN (
			SELECT entity_id FROM entities WHERE lower(name) = lower(`+p+`) OR entity_id = `+p+`
			UNION SELECT e.entity_id FROM mentions m JOIN entities e ON e.doc = m.doc AND e.seq = m.entity_seq
			WHERE lower(m.text) = lower(`+p+`)))`)
	}
	if !q.After.IsZero() {
		conds = append(conds, "a.published >= "+a.add(q.After))
	}
	if !q.Before.IsZero() {
		conds = append(conds, "a.published < "+a.add(q.Before))
	}
	if len(conds) == 0 {
		return ""
	}
	return " AND " + strings.Join(conds, " AND ")
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// search ranks the documents matching the tsquery text match by
// ts_rank_cd; with coord clauses (natural-language mode), by ts_rank_cd
// times the share of them a document matches, as the sqlite store ranks.
func (s *Store) search(ctx context.Context, q dossier.Query, match string, coord []dossier.Clause, limit, offset int) (*dossier.SearchResults, error) {
	res := &dossier.SearchResults{Results: []dossier.SearchResult{}}
	var a args
	m := a.add(match)
	where := filterSQL(q, &a)
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles a WHERE a.tsv @@ to_tsquery('english', `+m+`)`+where,
		a...).Scan(&res.Total); err != nil {
		return nil, err
	}
	if res.Total == 0 || offset >= res.Total {
		return res, nil
	}
	coordExpr := "0"
	if len(coord) > 0 {
		var terms []string
		for _, c := range coord {
			terms = append(terms, `(a.tsv @@ to_tsquery('english', `+a.add(tsClause(c))+`))::int`)
		}
		coordExpr = strings.Join(terms, " + ")
	}
	w := a.add(rankWeights)
	rankExpr := `ts_rank_cd(` + w + `, a.tsv, tq, 1)`
	order := "r DESC"
	if len(coord) > 0 {
		order = rankExpr + ` * (` + coordExpr + `) DESC`
	}
	lim, off := a.add(limit), a.add(offset)
	rows, err := s.pool.Query(ctx, `SELECT a.doc, a.id, a.title, a.source, a.published, a.url,
			`+rankExpr+` AS r, `+coordExpr+` AS n
		FROM articles a, to_tsquery('english', `+m+`) tq
		WHERE a.tsv @@ tq`+where+`
		ORDER BY `+order+`, a.doc LIMIT `+lim+` OFFSET `+off, a...)
	if err != nil {
		return nil, err
	}
	var docs []int64
	for rows.Next() {
		var (
			r    dossier.SearchResult
			doc  int64
			pub  *time.Time
			rank float64
			n    int
		)
		if err := rows.Scan(&doc, &r.ID, &r.Title, &r.Source, &pub, &r.URL, &rank, &n); err != nil {
			rows.Close()
			return nil, err
		}
		r.Published = decTime(pub)
		r.Score = rank
		if len(coord) > 0 {
			r.Score = rank * float64(n) / float64(len(coord))
		}
		docs = append(docs, doc)
		res.Results = append(res.Results, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Snippets for the page only.
	rows, err = s.pool.Query(ctx, `SELECT doc, ts_headline('english', text, to_tsquery('english', $1), $2)
		FROM articles WHERE doc = ANY($3)`, match, headlineOptions, docs)
	if err != nil {
		return nil, fmt.Errorf("snippets: %w", err)
	}
	snippets := map[int64]string{}
	for rows.Next() {
		var (
			doc int64
			sn  string
		)
		if err := rows.Scan(&doc, &sn); err != nil {
			rows.Close()
			return nil, fmt.Errorf("snippets: %w", err)
		}
		snippets[doc] = strings.Join(strings.Fields(sn), " ")
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("snippets: %w", err)
	}
	for i, d := range docs {
		res.Results[i].Snippet = snippets[d]
	}
	return res, nil
}

// listFiltered answers a query without positive terms: the articles that
// pass its filters and exclusions, newest first, undated last.
func (s *Store) listFiltered(ctx context.Context, q dossier.Query, limit, offset int) (*dossier.SearchResults, error) {
	res := &dossier.SearchResults{Results: []dossier.SearchResult{}}
	var a args
	where := filterSQL(q, &a)
	if len(q.Exclude) > 0 {
		where += ` AND NOT (a.tsv @@ to_tsquery('english', ` + a.add(tsAny([]dossier.Clause{dossier.Clause(q.Exclude)}, nil)) + `))`
	}
	cond := `a.duplicate_of = ''` + where
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles a WHERE `+cond, a...).Scan(&res.Total); err != nil {
		return nil, err
	}
	lim, off := a.add(limit), a.add(offset)
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.title, a.source, a.published, a.url, left(a.text, 240)
		FROM articles a WHERE `+cond+` ORDER BY a.published DESC NULLS LAST, a.id LIMIT `+lim+` OFFSET `+off, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var (
			r   dossier.SearchResult
			pub *time.Time
		)
		if err := rows.Scan(&r.ID, &r.Title, &r.Source, &pub, &r.URL, &r.Snippet); err != nil {
			return nil, err
		}
		r.Published = decTime(pub)
		r.Snippet = textindex.Lead(r.Snippet, 200)
		res.Results = append(res.Results, r)
	}
	return res, rows.Err()
}
