package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	modsqlite "modernc.org/sqlite"
)

// A tally is the state of one ranking statement for the SQL function
// dossier_tally(id, doc): it counts every document the statement's FTS5
// scan passes (the query's matches) and tells whether doc is in the
// tier, so that one pass both counts the matches and confines bm25 to
// the tier. A Go call per match costs a fraction of the separate
// count(*) pass it replaces, and of SQLite's IN test on a temporary
// index.
type tally struct {
	tier map[int64]struct{} // nil: every document
	n    int
}

var (
	tallies  sync.Map // int64 -> *tally, for the statements running
	tallySeq atomic.Int64
)

func init() {
	modsqlite.MustRegisterScalarFunction("dossier_tally", 2, func(_ *modsqlite.FunctionContext, args []driver.Value) (driver.Value, error) {
		id, _ := args[0].(int64)
		v, ok := tallies.Load(id)
		if !ok {
			return nil, fmt.Errorf("dossier_tally: no ranking statement %d", id)
		}
		t := v.(*tally)
		t.n++
		if t.tier == nil {
			return int64(1), nil
		}
		doc, _ := args[1].(int64)
		if _, ok := t.tier[doc]; ok {
			return int64(1), nil
		}
		return int64(0), nil
	})
}

// rankedTally ranks the matches of match (a query without filters) that
// are in tier (all of them if tier is nil), like ranked, and counts all
// the matches in the same pass.
func (s *Store) rankedTally(ctx context.Context, match string, tier map[int64]struct{}, limit, offset int) ([]hit, int, error) {
	id := tallySeq.Add(1)
	t := &tally{tier: tier}
	tallies.Store(id, t)
	defer tallies.Delete(id)
	rows, err := s.db.QueryContext(ctx, `SELECT f.rowid, `+rankCall+` AS r FROM articles_fts f
		WHERE f.articles_fts MATCH ? AND dossier_tally(?, f.rowid) ORDER BY r LIMIT ? OFFSET ?`, match, id, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	var hits []hit
	err = eachRow(rows, func(rows *sql.Rows) error {
		h := hit{coord: -1}
		hits = append(hits, h)
		return rows.Scan(&hits[len(hits)-1].doc, &hits[len(hits)-1].bm25)
	})
	if err != nil {
		return nil, 0, err
	}
	// ORDER BY ... LIMIT reads every match before the first row comes
	// out, so the tally is complete.
	return hits, t.n, nil
}

// tierSet returns the documents of a tier, read as one list.
func (s *Store) tierSet(ctx context.Context, t tier) (map[int64]struct{}, error) {
	var list sql.NullString
	if err := s.db.QueryRowContext(ctx, `SELECT group_concat(rowid) FROM `+t.table+` WHERE `+t.table+` MATCH ?`, t.expr).Scan(&list); err != nil {
		return nil, err
	}
	set := map[int64]struct{}{}
	if list.String == "" {
		return set, nil
	}
	for f := range strings.SplitSeq(list.String, ",") {
		d, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("tier %s: %w", t.expr, err)
		}
		set[d] = struct{}{}
	}
	return set, nil
}

// tallyRank is countAndRank for a query without filters, on one
// connection: each tier large enough to fill the page is read into a set and ranked with dossier_tally,
// whose pass also counts the matches. As in rankTiered, tiers are used
// only when there are more than tierMin matches. excl is the FTS5
// expression of the query's excluded terms ("" if none): a small title
// tier is first checked against it (see tierBound), and skipped without
// a ranking pass when it leaves too few of the tier's documents to fill
// the page.
func (s *Store) tallyRank(ctx context.Context, match, excl string, tiers []tier, limit, offset int) (int, []hit, int, error) {
	total := -1
	for i, t := range tiers {
		set, err := s.tierSet(ctx, t)
		if err != nil {
			return 0, nil, -1, err
		}
		if len(set) < offset+limit {
			continue
		}
		if t.table == "titles_fts" && excl != "" && len(set) <= tierBoundMax(offset+limit) {
			n, err := s.tierBound(ctx, set, excl, "", nil)
			if err != nil {
				return 0, nil, -1, err
			}
			if n < offset+limit {
				continue
			}
		}
		hits, n, err := s.rankedTally(ctx, match, set, limit, offset)
		if err != nil {
			return 0, nil, -1, err
		}
		if total = n; total <= tierMin {
			break
		}
		if len(hits) == limit {
			return total, hits, i, nil
		}
	}
	if total < 0 {
		hits, n, err := s.rankedTally(ctx, match, nil, limit, offset)
		return n, hits, -1, err
	}
	hits, err := s.ranked(ctx, match, "", nil, nil, limit, offset)
	return total, hits, -1, err
}

// tierBoundMax is the largest title tier checked by tierBound for a page
// ending at end: the check probes each document, and a larger tier is
// unlikely to lose enough of them to the check to be skipped.
func tierBoundMax(end int) int { return min(4*end, 1000) }

// tierBound returns an upper bound on the number of a title tier's
// documents (set) that a ranking pass confined to the tier can return:
// those that pass the filters (where, with arguments fargs) and match
// none of the excluded terms (the FTS5 expression excl, "" if none). A
// tier whose bound is below the page's end cannot fill the page, so
// skipping it without a ranking pass changes no result. Each document is
// probed on its own, so this costs little for a small tier, a fraction of
// the ranking pass it saves.
func (s *Store) tierBound(ctx context.Context, set map[int64]struct{}, excl, where string, fargs []any) (int, error) {
	args := make([]any, 0, len(set)+len(fargs)+1)
	for d := range set {
		args = append(args, d)
	}
	q := `SELECT count(*) FROM articles a INDEXED BY articles_filter WHERE a.doc IN (` + placeholders(len(set)) + `)` + where
	args = append(args, fargs...)
	if excl != "" {
		q += ` AND NOT EXISTS (SELECT 1 FROM articles_fts WHERE articles_fts MATCH ? AND rowid = a.doc)`
		args = append(args, excl)
	}
	var n int
	if err := s.db.QueryRowContext(ctx, q, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("tier bound: %w", err)
	}
	return n, nil
}
