package sqlite

import (
	"context"
	"fmt"

	"github.com/dossier/dossier"
)

// The web UI's entity page asks these (dossier.EntityStore); both use
// the entities_entity_id index instead of aggregating every entity.
var _ dossier.EntityStore = (*Store)(nil)

// Entity returns one corpus-level entity (see dossier.EntityStore).
func (s *Store) Entity(ctx context.Context, id string) (*dossier.EntitySummary, error) {
	e := &dossier.EntitySummary{ID: id}
	err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT e.doc),
		coalesce(sum((SELECT count(*) FROM mentions m WHERE m.doc = e.doc AND m.entity_seq = e.seq)), 0)
		FROM entities e WHERE e.entity_id = ?`, id).Scan(&e.Articles, &e.Mentions)
	if err != nil {
		return nil, fmt.Errorf("entity %q: %w", id, err)
	}
	if e.Articles == 0 {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no entity with id %q", id)
	}
	one := []dossier.EntitySummary{*e}
	if err := s.describeEntities(ctx, one); err != nil {
		return nil, fmt.Errorf("entity %q: %w", id, err)
	}
	return &one[0], nil
}

// EntityArticles lists the articles that mention an entity, newest first
// (see dossier.EntityStore).
func (s *Store) EntityArticles(ctx context.Context, id string, limit int) ([]string, int, error) {
	if limit <= 0 {
		limit = 100
	}
	var total int
	if err := s.db.QueryRowContext(ctx, `SELECT count(DISTINCT e.doc) FROM entities e
		JOIN articles a ON a.doc = e.doc WHERE e.entity_id = ? AND a.duplicate_of = ''`, id).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("entity articles %q: %w", id, err)
	}
	ids, err := s.strings(ctx, `SELECT a.id FROM articles a WHERE a.duplicate_of = ''
		AND a.doc IN (SELECT doc FROM entities WHERE entity_id = ?)
		ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT ?`, id, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("entity articles %q: %w", id, err)
	}
	return ids, total, nil
}
