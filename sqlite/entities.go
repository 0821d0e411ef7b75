package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/dossier/dossier"
)

// Entities lists corpus-level entities, most-mentioned first (see
// dossier.Store).
func (s *Store) Entities(ctx context.Context, f dossier.EntityFilter) ([]dossier.EntitySummary, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	var conds []string
	var args []any
	if f.Type != "" {
		conds = append(conds, "e.type = ?")
		args = append(args, strings.ToUpper(f.Type))
	}
	if f.Query != "" {
		like := "%" + escapeLike(f.Query) + "%"
		conds = append(conds, `e.entity_id IN (SELECT entity_id FROM entities WHERE name LIKE ? ESCAPE '\'
			UNION SELECT e2.entity_id FROM mentions m JOIN entities e2 ON e2.doc = m.doc AND e2.seq = m.entity_seq
			WHERE m.text LIKE ? ESCAPE '\')`)
		args = append(args, like, like)
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT e.entity_id, count(DISTINCT e.doc),
		sum((SELECT count(*) FROM mentions m WHERE m.doc = e.doc AND m.entity_seq = e.seq)) AS n
		FROM entities e `+where+` GROUP BY e.entity_id ORDER BY n DESC, 2 DESC, e.entity_id LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	var out []dossier.EntitySummary
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
	if err := s.describeEntities(ctx, out); err != nil {
		return nil, fmt.Errorf("entities: %w", err)
	}
	if out == nil {
		out = []dossier.EntitySummary{}
	}
	return out, nil
}

// describeBatch bounds the entity ids described per query (SQLite's
// variable limit).
const describeBatch = 500

// describeEntities fills the name (the most frequent, then longest), type
// (the most frequent), country (the most frequent non-empty one), aliases
// and roles of corpus entities, with five queries per batch of ids rather
// than five per entity.
func (s *Store) describeEntities(ctx context.Context, out []dossier.EntitySummary) error {
	for start := 0; start < len(out); start += describeBatch {
		batch := out[start:min(len(out), start+describeBatch)]
		idx := make(map[string]*dossier.EntitySummary, len(batch))
		ids := make([]any, len(batch))
		for i := range batch {
			batch[i].Aliases, batch[i].Roles = []string{}, []string{}
			idx[batch[i].ID] = &batch[i]
			ids[i] = batch[i].ID
		}
		in := `(` + placeholders(len(ids)) + `)`
		// Most frequent value per entity: rows arrive best first.
		best := func(q string, set func(e *dossier.EntitySummary, v string)) error {
			seen := map[string]bool{}
			return s.eachPair(ctx, q, ids, func(id, v string) {
				if !seen[id] {
					seen[id] = true
					set(idx[id], v)
				}
			})
		}
		if err := best(`SELECT entity_id, name FROM entities WHERE entity_id IN `+in+`
			GROUP BY entity_id, name ORDER BY entity_id, count(*) DESC, length(name) DESC, name`,
			func(e *dossier.EntitySummary, v string) { e.Name = v }); err != nil {
			return err
		}
		if err := best(`SELECT entity_id, type FROM entities WHERE entity_id IN `+in+`
			GROUP BY entity_id, type ORDER BY entity_id, count(*) DESC, type`,
			func(e *dossier.EntitySummary, v string) { e.Type = v }); err != nil {
			return err
		}
		if err := best(`SELECT entity_id, country FROM entities WHERE entity_id IN `+in+` AND country <> ''
			GROUP BY entity_id, country ORDER BY entity_id, count(*) DESC, country`,
			func(e *dossier.EntitySummary, v string) { e.Country = v }); err != nil {
			return err
		}
		if err := s.eachPair(ctx, `SELECT DISTINCT e.entity_id, m.text FROM mentions m
			JOIN entities e ON e.doc = m.doc AND e.seq = m.entity_seq WHERE e.entity_id IN `+in+`
			ORDER BY e.entity_id, m.text`, ids, func(id, v string) {
			idx[id].Aliases = append(idx[id].Aliases, v)
		}); err != nil {
			return err
		}
		if err := s.eachPair(ctx, `SELECT DISTINCT e.entity_id, j.value FROM entities e, json_each(e.roles) j
			WHERE e.entity_id IN `+in+` ORDER BY e.entity_id, j.value`, ids, func(id, v string) {
			idx[id].Roles = append(idx[id].Roles, v)
		}); err != nil {
			return err
		}
	}
	return nil
}

// eachPair runs a query returning (entity id, text) rows and calls fn on each.
func (s *Store) eachPair(ctx context.Context, q string, args []any, fn func(id, v string)) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id, v string
		if err := rows.Scan(&id, &v); err != nil {
			return err
		}
		fn(id, v)
	}
	return rows.Err()
}

func (s *Store) strings(ctx context.Context, q string, args ...any) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// Quotes lists stored quotations, newest article first (see dossier.Store).
func (s *Store) Quotes(ctx context.Context, f dossier.QuoteFilter) ([]dossier.QuoteHit, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 50
	}
	var conds []string
	var args []any
	if f.Speaker != "" {
		conds = append(conds, `q.speaker LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(f.Speaker)+"%")
	}
	for _, w := range strings.Fields(f.Query) {
		conds = append(conds, `q.text LIKE ? ESCAPE '\'`)
		args = append(args, "%"+escapeLike(w)+"%")
	}
	where := ""
	if len(conds) > 0 {
		where = "WHERE " + strings.Join(conds, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT q.text, q.start, q."end", q.kind, q.cue_start, q.cue_end, q.cue_text,
		q.source_start, q.source_end, q.source_text, q.speaker, q.speaker_entity, q.parts, a.id, a.title, a.published
		FROM quotes q JOIN articles a ON a.doc = q.doc `+where+`
		ORDER BY a.published DESC, a.id, q.seq LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("quotes: %w", err)
	}
	defer rows.Close()
	out := []dossier.QuoteHit{}
	for rows.Next() {
		var (
			h          dossier.QuoteHit
			cs, ce     sql.NullInt64
			ss, se     sql.NullInt64
			ctxt, stxt sql.NullString
			pub, parts sql.NullString
		)
		if err := rows.Scan(&h.Text, &h.Start, &h.End, &h.Kind, &cs, &ce, &ctxt, &ss, &se, &stxt, &h.Speaker,
			&h.SpeakerEntity, &parts, &h.ArticleID, &h.ArticleTitle, &pub); err != nil {
			return nil, fmt.Errorf("quotes: %w", err)
		}
		h.Cue = span(cs, ce, ctxt)
		h.Source = span(ss, se, stxt)
		if err := decodeParts(parts, &h.Parts); err != nil {
			return nil, err
		}
		if h.Published, err = decTime(pub); err != nil {
			return nil, err
		}
		out = append(out, h)
	}
	return out, rows.Err()
}

// RelinkEntities rewrites corpus entity ids (see dossier.Store).
func (s *Store) RelinkEntities(ctx context.Context, ids map[string]string) error {
	if err := dossier.ValidateRelink(ids); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("relink entities: %w", err)
	}
	defer tx.Rollback()
	for old, nw := range ids {
		if old == nw {
			continue
		}
		if err := relinkOne(ctx, tx, old, nw); err != nil {
			return fmt.Errorf("relink entities %q -> %q: %w", old, nw, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("relink entities: %w", err)
	}
	return nil
}

func relinkOne(ctx context.Context, tx *sql.Tx, old, nw string) error {
	// The target's canonical name, if it is stored anywhere.
	var name sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT name FROM entities WHERE entity_id = ?
		GROUP BY name ORDER BY count(*) DESC, length(name) DESC LIMIT 1`, nw).Scan(&name)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	type row struct {
		doc, seq int64
		roles    string
		target   sql.NullInt64
		tRoles   sql.NullString
	}
	rows, err := tx.QueryContext(ctx, `SELECT e.doc, e.seq, e.roles, t.seq, t.roles FROM entities e
		LEFT JOIN entities t ON t.doc = e.doc AND t.entity_id = ? WHERE e.entity_id = ?`, nw, old)
	if err != nil {
		return err
	}
	var todo []row
	seen := map[[2]int64]bool{}
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.doc, &r.seq, &r.roles, &r.target, &r.tRoles); err != nil {
			rows.Close()
			return err
		}
		if k := [2]int64{r.doc, r.seq}; seen[k] {
			continue // several target rows in one article: merge into the first
		} else {
			seen[k] = true
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range todo {
		if !r.target.Valid {
			q := `UPDATE entities SET entity_id = ? WHERE doc = ? AND seq = ?`
			args := []any{nw, r.doc, r.seq}
			if name.Valid {
				q = `UPDATE entities SET entity_id = ?, name = ? WHERE doc = ? AND seq = ?`
				args = []any{nw, name.String, r.doc, r.seq}
			}
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				return err
			}
			continue
		}
		// Merge into the article's existing target entity.
		t := r.target.Int64
		if _, err := tx.ExecContext(ctx, `UPDATE mentions SET entity_seq = ?,
			seq = seq + (SELECT coalesce(max(seq) + 1, 0) FROM mentions WHERE doc = ? AND entity_seq = ?)
			WHERE doc = ? AND entity_seq = ?`, t, r.doc, t, r.doc, r.seq); err != nil {
			return err
		}
		roles, err := mergeRoles(r.tRoles.String, r.roles)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE entities SET roles = ? WHERE doc = ? AND seq = ?`, roles, r.doc, t); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM entities WHERE doc = ? AND seq = ?`, r.doc, r.seq); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE quotes SET speaker_entity = ? WHERE speaker_entity = ?`, nw, old)
	return err
}

// mergeRoles joins two JSON role lists, keeping the first's order.
func mergeRoles(a, b string) (string, error) {
	var ra, rb []string
	if err := json.Unmarshal([]byte(a), &ra); err != nil {
		return "", fmt.Errorf("stored roles %q: %w", a, err)
	}
	if err := json.Unmarshal([]byte(b), &rb); err != nil {
		return "", fmt.Errorf("stored roles %q: %w", b, err)
	}
	for _, r := range rb {
		if !contains(ra, r) {
			ra = append(ra, r)
		}
	}
	if ra == nil {
		ra = []string{}
	}
	out, err := json.Marshal(ra)
	return string(out), err
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
