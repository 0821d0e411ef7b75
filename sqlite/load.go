package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/dossier/dossier"
)

const articleCols = `doc, id, title, topic, byline, published, modified, url, source, site, description,
	language, text, meta, fetched, content_hash, simhash, duplicate_of, story_id`

// Article returns one stored article (see dossier.Store).
func (s *Store) Article(ctx context.Context, id string) (*dossier.Article, error) {
	as, err := s.Articles(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		var orig string
		err := s.db.QueryRowContext(ctx, `SELECT duplicate_of FROM duplicates WHERE id = ?`, id).Scan(&orig)
		if err == nil {
			return nil, dossier.Errorf(dossier.ENOTFOUND, "article %q is not stored: it is an exact duplicate of %q", id, orig)
		}
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no article with id %q", id)
	}
	return as[0], nil
}

// Articles returns the stored articles among ids, in the order given.
func (s *Store) Articles(ctx context.Context, ids []string) ([]*dossier.Article, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("load articles: %w", err)
	}
	defer conn.Close()
	// One read transaction gives a consistent snapshot across the tables.
	tx, err := conn.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, fmt.Errorf("load articles: %w", err)
	}
	defer tx.Rollback()
	out := make([]*dossier.Article, 0, len(ids))
	seen := map[string]*dossier.Article{}
	for start := 0; start < len(ids); start += 500 {
		chunk := ids[start:min(start+500, len(ids))]
		byDoc := map[int64]*dossier.Article{}
		rows, err := tx.QueryContext(ctx, `SELECT `+articleCols+` FROM articles WHERE id IN (`+placeholders(len(chunk))+`)`, anySlice(chunk)...)
		if err != nil {
			return nil, fmt.Errorf("load articles: %w", err)
		}
		for rows.Next() {
			doc, a, err := scanArticle(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			byDoc[doc] = a
			seen[a.ID] = a
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("load articles: %w", err)
		}
		if len(byDoc) > 0 {
			if err := loadChildren(ctx, tx, byDoc); err != nil {
				return nil, fmt.Errorf("load articles: %w", err)
			}
		}
	}
	for _, id := range ids {
		if a, ok := seen[id]; ok {
			out = append(out, a)
		}
	}
	return out, nil
}

type scanner interface{ Scan(...any) error }

func scanArticle(r scanner) (int64, *dossier.Article, error) {
	var (
		a                       dossier.Article
		doc, simhash            int64
		pub, mod, fetched, meta sql.NullString
	)
	if err := r.Scan(&doc, &a.ID, &a.Title, &a.Topic, &a.Byline, &pub, &mod, &a.URL, &a.Source, &a.Site,
		&a.Description, &a.Language, &a.Text, &meta, &fetched, &a.ContentHash, &simhash, &a.DuplicateOf, &a.StoryID); err != nil {
		return 0, nil, fmt.Errorf("scan article: %w", err)
	}
	var err error
	if a.Published, err = decTime(pub); err != nil {
		return 0, nil, err
	}
	if a.Modified, err = decTime(mod); err != nil {
		return 0, nil, err
	}
	if a.Fetched, err = decTime(fetched); err != nil {
		return 0, nil, err
	}
	a.SimHash = uint64(simhash)
	if meta.Valid && meta.String != "" {
		if err := json.Unmarshal([]byte(meta.String), &a.Meta); err != nil {
			return 0, nil, fmt.Errorf("article %s: stored meta: %w", a.ID, err)
		}
	}
	a.Paragraphs = []dossier.Paragraph{}
	a.Entities = []dossier.Entity{}
	a.Quotes = []dossier.Quote{}
	a.Figures = []dossier.Figure{}
	a.Dates = []dossier.Date{}
	return doc, &a, nil
}

// loadChildren fills the extracted items of the articles in byDoc. Rows
// come back ordered by (doc, seq), so appending keeps the stored order.
func loadChildren(ctx context.Context, tx *sql.Tx, byDoc map[int64]*dossier.Article) error {
	docs := make([]any, 0, len(byDoc))
	for d := range byDoc {
		docs = append(docs, d)
	}
	in := ` IN (` + placeholders(len(docs)) + `)`
	each := func(q string, scan func(*sql.Rows) error) error {
		rows, err := tx.QueryContext(ctx, q, docs...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	var doc int64
	if err := each(`SELECT doc, start, "end", heading FROM paragraphs WHERE doc`+in+` ORDER BY doc, seq`, func(r *sql.Rows) error {
		var p dossier.Paragraph
		if err := r.Scan(&doc, &p.Start, &p.End, &p.Heading); err != nil {
			return err
		}
		byDoc[doc].Paragraphs = append(byDoc[doc].Paragraphs, p)
		return nil
	}); err != nil {
		return fmt.Errorf("paragraphs: %w", err)
	}
	entIndex := map[[2]int64]int{} // (doc, seq) -> index in Entities; seqs may have gaps after a relink
	if err := each(`SELECT doc, seq, entity_id, name, type, roles, country, region, lat, lng FROM entities WHERE doc`+in+` ORDER BY doc, seq`, func(r *sql.Rows) error {
		var (
			e        dossier.Entity
			seq      int64
			roles    string
			lat, lng sql.NullFloat64
		)
		if err := r.Scan(&doc, &seq, &e.ID, &e.Name, &e.Type, &roles, &e.Country, &e.Region, &lat, &lng); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(roles), &e.Roles); err != nil || e.Roles == nil {
			e.Roles = []string{}
		}
		if lat.Valid {
			e.Lat = &lat.Float64
		}
		if lng.Valid {
			e.Lng = &lng.Float64
		}
		e.Mentions = []dossier.Span{}
		entIndex[[2]int64{doc, seq}] = len(byDoc[doc].Entities)
		byDoc[doc].Entities = append(byDoc[doc].Entities, e)
		return nil
	}); err != nil {
		return fmt.Errorf("entities: %w", err)
	}
	if err := each(`SELECT doc, entity_seq, start, "end", text FROM mentions WHERE doc`+in+` ORDER BY doc, entity_seq, seq`, func(r *sql.Rows) error {
		var (
			m   dossier.Span
			seq int64
		)
		if err := r.Scan(&doc, &seq, &m.Start, &m.End, &m.Text); err != nil {
			return err
		}
		i, ok := entIndex[[2]int64{doc, seq}]
		if !ok {
			return fmt.Errorf("mention of missing entity %d in article %s", seq, byDoc[doc].ID)
		}
		ents := byDoc[doc].Entities
		ents[i].Mentions = append(ents[i].Mentions, m)
		return nil
	}); err != nil {
		return fmt.Errorf("mentions: %w", err)
	}
	if err := each(`SELECT doc, text, start, "end", kind, cue_start, cue_end, cue_text, source_start, source_end, source_text, speaker, speaker_entity, parts FROM quotes WHERE doc`+in+` ORDER BY doc, seq`, func(r *sql.Rows) error {
		var (
			q          dossier.Quote
			cs, ce     sql.NullInt64
			ss, se     sql.NullInt64
			ctx_, stxt sql.NullString
			parts      sql.NullString
		)
		if err := r.Scan(&doc, &q.Text, &q.Start, &q.End, &q.Kind, &cs, &ce, &ctx_, &ss, &se, &stxt, &q.Speaker, &q.SpeakerEntity, &parts); err != nil {
			return err
		}
		if err := decodeParts(parts, &q.Parts); err != nil {
			return err
		}
		q.Cue = span(cs, ce, ctx_)
		q.Source = span(ss, se, stxt)
		byDoc[doc].Quotes = append(byDoc[doc].Quotes, q)
		return nil
	}); err != nil {
		return fmt.Errorf("quotes: %w", err)
	}
	if err := each(`SELECT doc, text, start, "end", kind, value, high, unit, comparator, period, sentence_start, sentence_end FROM figures WHERE doc`+in+` ORDER BY doc, seq`, func(r *sql.Rows) error {
		var f dossier.Figure
		if err := r.Scan(&doc, &f.Text, &f.Start, &f.End, &f.Kind, &f.Value, &f.High, &f.Unit, &f.Comparator, &f.Period, &f.Sentence.Start, &f.Sentence.End); err != nil {
			return err
		}
		byDoc[doc].Figures = append(byDoc[doc].Figures, f)
		return nil
	}); err != nil {
		return fmt.Errorf("figures: %w", err)
	}
	if err := each(`SELECT doc, text, start, "end", value, relative FROM dates WHERE doc`+in+` ORDER BY doc, seq`, func(r *sql.Rows) error {
		var d dossier.Date
		if err := r.Scan(&doc, &d.Text, &d.Start, &d.End, &d.Value, &d.Relative); err != nil {
			return err
		}
		byDoc[doc].Dates = append(byDoc[doc].Dates, d)
		return nil
	}); err != nil {
		return fmt.Errorf("dates: %w", err)
	}
	return nil
}

func span(start, end sql.NullInt64, text sql.NullString) *dossier.Span {
	if !start.Valid {
		return nil
	}
	return &dossier.Span{Start: int(start.Int64), End: int(end.Int64), Text: text.String}
}

// ArticleIDs pages through stored article ids (see dossier.Store).
func (s *Store) ArticleIDs(ctx context.Context, after string, limit int) ([]string, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("article ids: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("article ids: %w", err)
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (dossier.Stats, error) {
	var st dossier.Stats
	err := s.db.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM articles),
		(SELECT count(*) FROM duplicates),
		(SELECT count(DISTINCT entity_id) FROM entities),
		(SELECT count(*) FROM quotes),
		(SELECT count(*) FROM figures)`).Scan(&st.Articles, &st.Duplicates, &st.Entities, &st.Quotes, &st.Figures)
	if err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	return st, nil
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

func anySlice[T any](xs []T) []any {
	out := make([]any, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}

// decodeParts reads a quote's stored parts (JSON, NULL for none).
func decodeParts(s sql.NullString, parts *[]dossier.Span) error {
	if !s.Valid || s.String == "" {
		return nil
	}
	if err := json.Unmarshal([]byte(s.String), parts); err != nil {
		return fmt.Errorf("stored quote parts %q: %w", s.String, err)
	}
	return nil
}
