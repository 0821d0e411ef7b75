package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/dossier/dossier"
)

// DedupRecords lists stored articles with their dedup fields and current
// fingerprints (see dossier.FingerprintStore).
func (s *Store) DedupRecords(ctx context.Context, after string, limit int) ([]dossier.DedupRecord, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.content_hash, a.published, a.fetched, a.duplicate_of, a.story_id, f.data
		FROM articles a LEFT JOIN dedup_fingerprints f ON f.doc = a.doc AND f.content_hash = a.content_hash
		WHERE a.id > ? ORDER BY a.id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("dedup records: %w", err)
	}
	defer rows.Close()
	var out []dossier.DedupRecord
	for rows.Next() {
		var r dossier.DedupRecord
		var published, fetched sql.NullString
		var data []byte
		if err := rows.Scan(&r.ID, &r.ContentHash, &published, &fetched, &r.DuplicateOf, &r.StoryID, &data); err != nil {
			return nil, fmt.Errorf("dedup records: %w", err)
		}
		if r.Published, err = decTime(published); err != nil {
			return nil, fmt.Errorf("dedup records: article %q: %w", r.ID, err)
		}
		if r.Fetched, err = decTime(fetched); err != nil {
			return nil, fmt.Errorf("dedup records: article %q: %w", r.ID, err)
		}
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
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("put fingerprints: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO dedup_fingerprints (doc, content_hash, data)
		SELECT doc, ?, ? FROM articles WHERE id = ?
		ON CONFLICT (doc) DO UPDATE SET content_hash = excluded.content_hash, data = excluded.data`)
	if err != nil {
		return fmt.Errorf("put fingerprints: %w", err)
	}
	defer stmt.Close()
	for _, f := range fps {
		if _, err := stmt.ExecContext(ctx, f.ContentHash, f.Fingerprint, f.ID); err != nil {
			return fmt.Errorf("put fingerprints: article %q: %w", f.ID, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("put fingerprints: %w", err)
	}
	return nil
}

// EntityNames lists corpus entities for linking, as Entities would for
// each type without a limit but without aliases, roles and countries (see
// dossier.EntityLister). It reads every entity row once and groups them
// in Go, which costs a fraction of Entities' per-entity queries.
func (s *Store) EntityNames(ctx context.Context, types ...string) ([]dossier.EntitySummary, error) {
	for _, t := range types {
		if t == "" {
			return nil, dossier.Errorf(dossier.EINVALID, "entity names: empty type")
		}
	}
	// Two plain scans grouped in Go: a join grouped in SQL costs more.
	type key struct{ doc, seq int64 }
	mentions := map[key]int{}
	rows, err := s.db.QueryContext(ctx, `SELECT doc, entity_seq, count(*) FROM mentions GROUP BY doc, entity_seq`)
	if err != nil {
		return nil, fmt.Errorf("entity names: %w", err)
	}
	for rows.Next() {
		var k key
		var n int
		if err := rows.Scan(&k.doc, &k.seq, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("entity names: %w", err)
		}
		mentions[k] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("entity names: %w", err)
	}
	rows, err = s.db.QueryContext(ctx, `SELECT entity_id, name, type, doc, seq FROM entities`)
	if err != nil {
		return nil, fmt.Errorf("entity names: %w", err)
	}
	defer rows.Close()
	var g dossier.EntityGrouper
	for rows.Next() {
		var r dossier.EntityRow
		var seq int64
		if err := rows.Scan(&r.ID, &r.Name, &r.Type, &r.Doc, &seq); err != nil {
			return nil, fmt.Errorf("entity names: %w", err)
		}
		r.Mentions = mentions[key{r.Doc, seq}]
		g.Add(r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("entity names: %w", err)
	}
	var out []dossier.EntitySummary
	for _, t := range types {
		out = append(out, g.Summaries(strings.ToUpper(t))...)
	}
	if out == nil {
		out = []dossier.EntitySummary{}
	}
	return out, nil
}
