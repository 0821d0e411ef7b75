package postgres

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/dossier/dossier"
)

// DedupRecords lists stored articles with their dedup fields and current
// fingerprints (see dossier.FingerprintStore).
func (s *Store) DedupRecords(ctx context.Context, after string, limit int) ([]dossier.DedupRecord, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.content_hash, a.published, a.fetched, a.duplicate_of, a.story_id, f.data
		FROM articles a LEFT JOIN dedup_fingerprints f ON f.id = a.id AND f.content_hash = a.content_hash
		WHERE a.id > $1 ORDER BY a.id LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("dedup records: %w", err)
	}
	defer rows.Close()
	var out []dossier.DedupRecord
	for rows.Next() {
		var r dossier.DedupRecord
		var published, fetched *time.Time
		var data []byte
		if err := rows.Scan(&r.ID, &r.ContentHash, &published, &fetched, &r.DuplicateOf, &r.StoryID, &data); err != nil {
			return nil, fmt.Errorf("dedup records: %w", err)
		}
		r.Published, r.Fetched = decTime(published), decTime(fetched)
		if len(data) > 0 {
			r.Fingerprint = data
		}
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("dedup records: %w", err)
	}
	return out, nil
}

// PutFingerprints stores article fingerprints (see
// dossier.FingerprintStore).
func (s *Store) PutFingerprints(ctx context.Context, fps []dossier.ArticleFingerprint) error {
	if err := dossier.ValidateFingerprints(fps); err != nil {
		return err
	}
	if len(fps) == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, f := range fps {
			b.Queue(`INSERT INTO dedup_fingerprints (id, content_hash, data)
				SELECT id, $1, $2 FROM articles WHERE id = $3
				ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, data = excluded.data`,
				f.ContentHash, f.Fingerprint, f.ID)
		}
		return tx.SendBatch(ctx, b).Close()
	})
	if err != nil {
		return fmt.Errorf("put fingerprints: %w", err)
	}
	return nil
}

// EntityNames lists corpus entities for linking, as Entities would for
// each type without a limit but without aliases, roles and countries (see
// dossier.EntityLister), from one scan of the entity rows.
func (s *Store) EntityNames(ctx context.Context, types ...string) ([]dossier.EntitySummary, error) {
	for _, t := range types {
		if t == "" {
			return nil, dossier.Errorf(dossier.EINVALID, "entity names: empty type")
		}
	}
	rows, err := s.pool.Query(ctx, `SELECT e.entity_id, e.name, e.type, e.doc,
		(SELECT count(*) FROM mentions m WHERE m.doc = e.doc AND m.entity_seq = e.seq)
		FROM entities e`)
	if err != nil {
		return nil, fmt.Errorf("entity names: %w", err)
	}
	defer rows.Close()
	var g dossier.EntityGrouper
	for rows.Next() {
		var r dossier.EntityRow
		if err := rows.Scan(&r.ID, &r.Name, &r.Type, &r.Doc, &r.Mentions); err != nil {
			return nil, fmt.Errorf("entity names: %w", err)
		}
		g.Add(r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("entity names: %w", err)
	}
	out := []dossier.EntitySummary{}
	for _, t := range types {
		out = append(out, g.Summaries(strings.ToUpper(t))...)
	}
	return out, nil
}
