package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/dossier/dossier"
)

// entityDesc accumulates the entity_names rows of one entity: the name
// and type Entities gives it are the most frequent.
type entityDesc struct {
	names map[string]int
	types map[string]int
}

func (d *entityDesc) add(name, typ string, n int) {
	if d.names == nil {
		d.names, d.types = map[string]int{}, map[string]int{}
	}
	d.names[name] += n
	d.types[typ] += n
}

// name is the name Entities gives the entity (see dossier.PreferredName).
func (d *entityDesc) name() string { return dossier.PreferredName(d.names) }

// typ is the type Entities gives the entity (see dossier.PreferredType).
func (d *entityDesc) typ() string { return dossier.PreferredType(d.types) }

// EntityLinkNames lists the corpus entities of one type with their names,
// from the entity_names table (see dossier.EntityLinkLister).
func (s *Store) EntityLinkNames(ctx context.Context, typ string) ([]dossier.EntitySummary, error) {
	if typ == "" {
		return nil, dossier.Errorf(dossier.EINVALID, "entity link names: empty type")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT entity_id, name, type, n FROM entity_names
		WHERE entity_id IN (SELECT entity_id FROM entity_names WHERE type = ?) ORDER BY entity_id`, strings.ToUpper(typ))
	if err != nil {
		return nil, fmt.Errorf("entity link names: %w", err)
	}
	defer rows.Close()
	out := []dossier.EntitySummary{}
	var cur string
	var d entityDesc
	flush := func() {
		if cur != "" {
			out = append(out, dossier.EntitySummary{ID: cur, Name: d.name(), Type: d.typ(), Aliases: []string{}, Roles: []string{}})
		}
	}
	for rows.Next() {
		var id, name, t string
		var n int
		if err := rows.Scan(&id, &name, &t, &n); err != nil {
			return nil, fmt.Errorf("entity link names: %w", err)
		}
		if id != cur {
			flush()
			cur, d = id, entityDesc{}
		}
		d.add(name, t, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("entity link names: %w", err)
	}
	flush()
	return out, nil
}

// EntityCounts counts the articles and mentions of some entities of one
// type (see dossier.EntityLinkLister).
func (s *Store) EntityCounts(ctx context.Context, typ string, ids []string) ([]dossier.EntitySummary, error) {
	if typ == "" {
		return nil, dossier.Errorf(dossier.EINVALID, "entity counts: empty type")
	}
	typ = strings.ToUpper(typ)
	out := []dossier.EntitySummary{}
	for start := 0; start < len(ids); start += describeBatch {
		batch := anySlice(ids[start:min(len(ids), start+describeBatch)])
		in := `(` + placeholders(len(batch)) + `)`
		descs := map[string]*entityDesc{}
		err := s.eachRow(ctx, `SELECT entity_id, name, type, n FROM entity_names WHERE entity_id IN `+in, batch, func(r *sql.Rows) error {
			var id, name, t string
			var n int
			if err := r.Scan(&id, &name, &t, &n); err != nil {
				return err
			}
			if descs[id] == nil {
				descs[id] = &entityDesc{}
			}
			descs[id].add(name, t, n)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("entity counts: %w", err)
		}
		err = s.eachRow(ctx, `SELECT e.entity_id, count(DISTINCT e.doc),
			sum((SELECT count(*) FROM mentions m WHERE m.doc = e.doc AND m.entity_seq = e.seq))
			FROM entities e WHERE e.type = ? AND e.entity_id IN `+in+` GROUP BY e.entity_id`,
			append([]any{typ}, batch...), func(r *sql.Rows) error {
				e := dossier.EntitySummary{Aliases: []string{}, Roles: []string{}}
				if err := r.Scan(&e.ID, &e.Articles, &e.Mentions); err != nil {
					return err
				}
				if d := descs[e.ID]; d != nil {
					e.Name, e.Type = d.name(), d.typ()
				}
				out = append(out, e)
				return nil
			})
		if err != nil {
			return nil, fmt.Errorf("entity counts: %w", err)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Mentions != b.Mentions {
			return a.Mentions > b.Mentions
		}
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		return a.ID < b.ID
	})
	return out, nil
}

// eachRow runs a query and calls fn on each row.
func (s *Store) eachRow(ctx context.Context, q string, args []any, fn func(*sql.Rows) error) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
