package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dossier/dossier"
	"github.com/jackc/pgx/v5"
)

// Entities lists corpus-level entities, most-mentioned first (see
// dossier.Store).
func (s *Store) Entities(ctx context.Context, f dossier.EntityFilter) ([]dossier.EntitySummary, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	var a args
	var conds []string
	if f.Type != "" {
		conds = append(conds, "e.type = "+a.add(strings.ToUpper(f.Type)))
	}
	if f.Query != "" {
		p := a.add("%" + escapeLike(f.Query) + "%")
		conds = append(conds, `e.entity_id IN (SELECT entity_id FROM entities WHERE name ILIKE `+p+` ESCAPE '\'
			UNION SELECT e2.entity_id FROM mentions m JOIN entities e2 ON e2.doc = m.doc AND e2.seq = m.entity_seq
			WHERE m.text ILIKE `+p+` ESCAPE '\')`)
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := s.pool.Query(ctx, `SELECT e.entity_id, count(DISTINCT e.doc) AS docs,
		sum((SELECT count(*) FROM mentions m WHERE m.doc = e.doc AND m.entity_seq = e.seq)) AS n
		FROM entities e `+where+` GROUP BY e.entity_id ORDER BY n DESC, docs DESC, e.entity_id COLLATE "C" LIMIT `+a.add(limit), a...)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	out := []dossier.EntitySummary{}
	for rows.Next() {
		var e dossier.EntitySummary
		if err := rows.Scan(&e.ID, &e.Articles, &e.Mentions); err != nil {
			rows.Close()
			return nil, fmt.Errorf("entities: %w", err)
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	for i := range out {
		if err := s.describeEntity(ctx, &out[i]); err != nil {
			return nil, fmt.Errorf("entities: %s: %w", out[i].ID, err)
		}
	}
	return out, nil
}

func (s *Store) describeEntity(ctx context.Context, e *dossier.EntitySummary) error {
	if err := s.pool.QueryRow(ctx, `SELECT name FROM entities WHERE entity_id = $1
		GROUP BY name ORDER BY count(*) DESC, length(name) DESC, name COLLATE "C" LIMIT 1`, e.ID).Scan(&e.Name); err != nil {
		return err
	}
	if err := s.pool.QueryRow(ctx, `SELECT type FROM entities WHERE entity_id = $1
		GROUP BY type ORDER BY count(*) DESC, type COLLATE "C" LIMIT 1`, e.ID).Scan(&e.Type); err != nil {
		return err
	}
	err := s.pool.QueryRow(ctx, `SELECT country FROM entities WHERE entity_id = $1 AND country <> ''
		GROUP BY country ORDER BY count(*) DESC, country COLLATE "C" LIMIT 1`, e.ID).Scan(&e.Country)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	if e.Aliases, err = s.strings(ctx, `SELECT DISTINCT m.text COLLATE "C" AS t FROM mentions m
		JOIN entities e ON e.doc = m.doc AND e.seq = m.entity_seq WHERE e.entity_id = $1 ORDER BY t`, e.ID); err != nil {
		return err
	}
	e.Roles, err = s.strings(ctx, `SELECT DISTINCT j COLLATE "C" AS r FROM entities e, jsonb_array_elements_text(e.roles) j
		WHERE e.entity_id = $1 ORDER BY r`, e.ID)
	return err
}

func (s *Store) strings(ctx context.Context, q string, vals ...any) ([]string, error) {
	rows, err := s.pool.Query(ctx, q, vals...)
	if err != nil {
		return nil, err
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if out == nil {
		out = []string{}
	}
	return out, err
}

// Quotes lists stored quotations, newest article first (see dossier.Store).
func (s *Store) Quotes(ctx context.Context, f dossier.QuoteFilter) ([]dossier.QuoteHit, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	var a args
	var conds []string
	if f.Speaker != "" {
		conds = append(conds, `q.speaker ILIKE `+a.add("%"+escapeLike(f.Speaker)+"%")+` ESCAPE '\'`)
	}
	for _, w := range strings.Fields(f.Query) {
		conds = append(conds, `q.text ILIKE `+a.add("%"+escapeLike(w)+"%")+` ESCAPE '\'`)
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := s.pool.Query(ctx, `SELECT `+quoteColumns("q.")+`, a.id, a.title, a.published
		FROM quotes q JOIN articles a ON a.doc = q.doc `+where+`
		ORDER BY a.published DESC NULLS LAST, a.id, q.seq LIMIT `+a.add(limit), a...)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	defer rows.Close()
	out := []dossier.QuoteHit{}
	for rows.Next() {
		var h dossier.QuoteHit
		dest := quoteDest(&h.Quote)
		var published *time.Time
		if err := rows.Scan(append(dest, &h.ArticleID, &h.ArticleTitle, &published)...); err != nil {
			return nil, fmt.Errorf("quotes: %w", err)
		}
		if err := finishQuote(&h.Quote, dest); err != nil {
			return nil, err
		}
		h.Published = decTime(published)
		out = append(out, h)
	}
	return out, rows.Err()
}

// RelinkEntities rewrites corpus entity ids (see dossier.Store).
func (s *Store) RelinkEntities(ctx context.Context, ids map[string]string) error {
	if err := dossier.ValidateRelink(ids); err != nil {
		return err
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
			return err
		}
		for old, nw := range ids {
			if old == nw {
				continue
			}
			if err := relinkOne(ctx, tx, old, nw); err != nil {
				return fmt.Errorf("%q -> %q: %w", old, nw, err)
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("relink entities: %w", err)
	}
	return nil
}

func relinkOne(ctx context.Context, tx pgx.Tx, old, nw string) error {
	var name *string
	err := tx.QueryRow(ctx, `SELECT name FROM entities WHERE entity_id = $1
		GROUP BY name ORDER BY count(*) DESC, length(name) DESC LIMIT 1`, nw).Scan(&name)
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return err
	}
	type row struct {
		doc, seq    int64
		roles       string
		target      *int64
		targetRoles *string
	}
	rows, err := tx.Query(ctx, `SELECT DISTINCT ON (e.doc, e.seq) e.doc, e.seq, e.roles::text, t.seq, t.roles::text
		FROM entities e LEFT JOIN entities t ON t.doc = e.doc AND t.entity_id = $1
		WHERE e.entity_id = $2 ORDER BY e.doc, e.seq, t.seq`, nw, old)
	if err != nil {
		return err
	}
	var todo []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.doc, &r.seq, &r.roles, &r.target, &r.targetRoles); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range todo {
		if r.target == nil {
			if name != nil {
				_, err = tx.Exec(ctx, `UPDATE entities SET entity_id = $1, name = $2 WHERE doc = $3 AND seq = $4`, nw, *name, r.doc, r.seq)
			} else {
				_, err = tx.Exec(ctx, `UPDATE entities SET entity_id = $1 WHERE doc = $2 AND seq = $3`, nw, r.doc, r.seq)
			}
			if err != nil {
				return err
			}
			continue
		}
		t := *r.target
		if _, err := tx.Exec(ctx, `UPDATE mentions SET entity_seq = $1,
			seq = seq + (SELECT coalesce(max(seq) + 1, 0) FROM mentions WHERE doc = $2 AND entity_seq = $1)
			WHERE doc = $2 AND entity_seq = $3`, t, r.doc, r.seq); err != nil {
			return err
		}
		roles, err := mergeRoles(*r.targetRoles, r.roles)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE entities SET roles = $1 WHERE doc = $2 AND seq = $3`, roles, r.doc, t); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM entities WHERE doc = $1 AND seq = $2`, r.doc, r.seq); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, `UPDATE quotes SET speaker_entity = $1 WHERE speaker_entity = $2`, nw, old)
	return err
}

func mergeRoles(a, b string) (string, error) {
	var ra, rb []string
	if err := json.Unmarshal([]byte(a), &ra); err != nil {
		return "", fmt.Errorf("stored roles %q: %w", a, err)
	}
	if err := json.Unmarshal([]byte(b), &rb); err != nil {
		return "", fmt.Errorf("stored roles %q: %w", b, err)
	}
	for _, r := range rb {
		found := false
		for _, x := range ra {
			found = found || x == r
		}
		if !found {
			ra = append(ra, r)
		}
	}
	if ra == nil {
		ra = []string{}
	}
	out, err := json.Marshal(ra)
	return string(out), err
}
