package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dossier/dossier"
	"github.com/jackc/pgx/v5"
)

// writeLock is the advisory lock key that serialises PutArticles and
// RelinkEntities transactions.
const writeLock = 0x646f7374 // "dost"

// PutArticles stores a batch in one transaction (see dossier.Store).
func (s *Store) PutArticles(ctx context.Context, articles []*dossier.Article) (dossier.PutStats, error) {
	var st dossier.PutStats
	if err := dossier.ValidateArticles(articles); err != nil {
		return st, err
	}
	if len(articles) == 0 {
		return st, nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, writeLock); err != nil {
			return err
		}
		for _, a := range articles {
			if err := put(ctx, tx, a, &st); err != nil {
				return fmt.Errorf("put article %s: %w", a.ID, err)
			}
		}
		return nil
	})
	if err != nil {
		return dossier.PutStats{}, fmt.Errorf("put articles: %w", err)
	}
	return st, nil
}

func put(ctx context.Context, tx pgx.Tx, a *dossier.Article, st *dossier.PutStats) error {
	hash := dossier.StoredContentHash(a)
	var (
		doc             int64
		oldHash, oldDup string
	)
	err := tx.QueryRow(ctx, `SELECT doc, content_hash, duplicate_of FROM articles WHERE id = $1`, a.ID).Scan(&doc, &oldHash, &oldDup)
	switch {
	case err == nil:
		if oldHash == hash {
			st.Unchanged++
			return nil
		}
		orig, err := otherWithHash(ctx, tx, hash, a.ID)
		if err != nil {
			return err
		}
		if orig != "" {
			if _, err := tx.Exec(ctx, `DELETE FROM articles WHERE doc = $1`, doc); err != nil {
				return err
			}
			if err := recordDuplicate(ctx, tx, a.ID, orig); err != nil {
				return err
			}
			st.Duplicate++
			return nil
		}
		for _, t := range []string{"entities", "paragraphs", "quotes", "figures", "dates"} {
			if _, err := tx.Exec(ctx, `DELETE FROM `+t+` WHERE doc = $1`, doc); err != nil {
				return err
			}
		}
		vals, err := articleArgs(a, hash)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE articles SET id = $1, title = $2, topic = $3, byline = $4, published = $5,
			modified = $6, url = $7, source = $8, site = $9, description = $10, language = $11, text = $12, meta = $13,
			fetched = $14, content_hash = $15, simhash = $16, duplicate_of = $17, story_id = $18 WHERE doc = $19`,
			append(vals, doc)...); err != nil {
			return err
		}
		if err := children(ctx, tx, doc, a); err != nil {
			return err
		}
		st.Updated++
		return nil
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("look up id: %w", err)
	}

	var orig string
	err = tx.QueryRow(ctx, `SELECT duplicate_of FROM duplicates WHERE id = $1`, a.ID).Scan(&orig)
	switch {
	case err == nil:
		var origHash string
		err := tx.QueryRow(ctx, `SELECT content_hash FROM articles WHERE id = $1`, orig).Scan(&origHash)
		if err == nil && origHash == hash {
			st.Unchanged++
			return nil
		}
		if err != nil && !errors.Is(err, pgx.ErrNoRows) {
			return fmt.Errorf("look up original %s: %w", orig, err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM duplicates WHERE id = $1`, a.ID); err != nil {
			return err
		}
	case !errors.Is(err, pgx.ErrNoRows):
		return fmt.Errorf("look up duplicate: %w", err)
	}
	if orig, err := otherWithHash(ctx, tx, hash, a.ID); err != nil {
		return err
	} else if orig != "" {
		if err := recordDuplicate(ctx, tx, a.ID, orig); err != nil {
			return err
		}
		st.Duplicate++
		return nil
	}
	vals, err := articleArgs(a, hash)
	if err != nil {
		return err
	}
	if err := tx.QueryRow(ctx, `INSERT INTO articles (id, title, topic, byline, published, modified, url, source, site,
		description, language, text, meta, fetched, content_hash, simhash, duplicate_of, story_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING doc`,
		vals...).Scan(&doc); err != nil {
		return err
	}
	if err := children(ctx, tx, doc, a); err != nil {
		return err
	}
	st.New++
	return nil
}

func recordDuplicate(ctx context.Context, tx pgx.Tx, id, orig string) error {
	_, err := tx.Exec(ctx, `INSERT INTO duplicates (id, duplicate_of) VALUES ($1, $2)
		ON CONFLICT (id) DO UPDATE SET duplicate_of = EXCLUDED.duplicate_of`, id, orig)
	return err
}

func otherWithHash(ctx context.Context, tx pgx.Tx, hash, id string) (string, error) {
	var orig string
	err := tx.QueryRow(ctx, `SELECT id FROM articles WHERE content_hash = $1 AND id <> $2 LIMIT 1`, hash, id).Scan(&orig)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("look up content hash: %w", err)
	}
	return orig, nil
}

func articleArgs(a *dossier.Article, hash string) ([]any, error) {
	var meta any
	if len(a.Meta) > 0 {
		b, err := json.Marshal(a.Meta)
		if err != nil {
			return nil, dossier.Errorf(dossier.EINVALID, "article %s: meta is not valid JSON: %v", a.ID, err)
		}
		meta = string(b)
	}
	return []any{a.ID, a.Title, a.Topic, a.Byline, encTime(a.Published), encTime(a.Modified), a.URL, a.Source,
		a.Site, a.Description, a.Language, a.Text, meta, encTime(a.Fetched), hash, int64(a.SimHash),
		a.DuplicateOf, a.StoryID}, nil
}

// children writes an article's extracted rows with COPY.
func children(ctx context.Context, tx pgx.Tx, doc int64, a *dossier.Article) error {
	copyRows := func(table string, cols []string, rows [][]any) error {
		if len(rows) == 0 {
			return nil
		}
		_, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		if err != nil {
			return fmt.Errorf("%s: %w", table, err)
		}
		return nil
	}
	var rows [][]any
	for i, p := range a.Paragraphs {
		rows = append(rows, []any{doc, i, p.Start, p.End, p.Heading})
	}
	if err := copyRows("paragraphs", []string{"doc", "seq", "start", "end", "heading"}, rows); err != nil {
		return err
	}
	rows = nil
	var mentions [][]any
	for i, e := range a.Entities {
		roles := e.Roles
		if roles == nil {
			roles = []string{}
		}
		rb, err := json.Marshal(roles)
		if err != nil {
			return err
		}
		rows = append(rows, []any{doc, i, e.ID, e.Name, e.Type, string(rb), e.Country, e.Region, e.Lat, e.Lng})
		for j, m := range e.Mentions {
			mentions = append(mentions, []any{doc, i, j, m.Start, m.End, m.Text})
		}
	}
	if err := copyRows("entities", []string{"doc", "seq", "entity_id", "name", "type", "roles", "country", "region", "lat", "lng"}, rows); err != nil {
		return err
	}
	if err := copyRows("mentions", []string{"doc", "entity_seq", "seq", "start", "end", "text"}, mentions); err != nil {
		return err
	}
	rows = nil
	for i, q := range a.Quotes {
		cs, ce, ct := spanArgs(q.Cue)
		ss, se, stx := spanArgs(q.Source)
		var parts any
		if len(q.Parts) > 0 {
			b, err := json.Marshal(q.Parts)
			if err != nil {
				return err
			}
			parts = string(b)
		}
		rows = append(rows, []any{doc, i, q.Text, q.Start, q.End, q.Kind, cs, ce, ct, ss, se, stx, q.Speaker, q.SpeakerEntity, parts})
	}
	if err := copyRows("quotes", []string{"doc", "seq", "text", "start", "end", "kind", "cue_start", "cue_end", "cue_text",
		"source_start", "source_end", "source_text", "speaker", "speaker_entity", "parts"}, rows); err != nil {
		return err
	}
	rows = nil
	for i, f := range a.Figures {
		rows = append(rows, []any{doc, i, f.Text, f.Start, f.End, f.Kind, f.Value, f.High, f.Unit, f.Comparator, f.Period, f.Sentence.Start, f.Sentence.End})
	}
	if err := copyRows("figures", []string{"doc", "seq", "text", "start", "end", "kind", "value", "high", "unit", "comparator",
		"period", "sentence_start", "sentence_end"}, rows); err != nil {
		return err
	}
	rows = nil
	for i, d := range a.Dates {
		rows = append(rows, []any{doc, i, d.Text, d.Start, d.End, d.Value, d.Relative})
	}
	return copyRows("dates", []string{"doc", "seq", "text", "start", "end", "value", "relative"}, rows)
}

func spanArgs(s *dossier.Span) (any, any, any) {
	if s == nil {
		return nil, nil, nil
	}
	return s.Start, s.End, s.Text
}
