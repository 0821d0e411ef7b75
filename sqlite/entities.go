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
	for i := range out {
		if err := s.describeEntity(ctx, &out[i]); err != nil {
			return nil, fmt.Errorf("entities: %s: %w", out[i].ID, err)
		}
	}
	if out == nil {
		out = []dossier.EntitySummary{}
	}
	return out, nil
}

// describeEntity fills the name (the most frequent, then longest), type,
// aliases, roles and country of one corpus entity.
func (s *Store) describeEntity(ctx context.Context, e *dossier.EntitySummary) error {
	if err := s.db.QueryRowContext(ctx, `SELECT name FROM entities WHERE entity_id = ?
		GROUP BY name ORDER BY count(*) DESC, length(name) DESC, name LIMIT 1`, e.ID).Scan(&e.Name); err != nil {
		return err
	}
	if err := s.db.QueryRowContext(ctx, `SELECT type FROM entities WHERE entity_id = ?
		GROUP BY type ORDER BY count(*) DESC, type LIMIT 1`, e.ID).Scan(&e.Type); err != nil {
		return err
	}
	err := s.db.QueryRowContext(ctx, `SELECT country FROM entities WHERE entity_id = ? AND country <> ''
		GROUP BY country ORDER BY count(*) DESC, country LIMIT 1`, e.ID).Scan(&e.Country)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return err
	}
	if e.Aliases, err = s.strings(ctx, `SELECT DISTINCT m.text FROM mentions m
		JOIN entities e ON e.doc = m.doc AND e.seq = m.entity_seq WHERE e.entity_id = ? ORDER BY m.text`, e.ID); err != nil {
		return err
	}
	if e.Roles, err = s.strings(ctx, `SELECT DISTINCT j.value FROM entities e, json_each(e.roles) j
		WHERE e.entity_id = ? ORDER BY j.value`, e.ID); err != nil {
		return err
	}
	return nil
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
