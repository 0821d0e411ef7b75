package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/dossier/dossier"
	"github.com/jackc/pgx/v5"
)

const articleCols = `doc, id, title, topic, byline, published, modified, url, source, site, description,
	language, text, meta::text, fetched, content_hash, simhash, duplicate_of, story_id`

// Article returns one stored article (see dossier.Store).
func (s *Store) Article(ctx context.Context, id string) (*dossier.Article, error) {
	as, err := s.Articles(ctx, []string{id})
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		var orig string
		err := s.pool.QueryRow(ctx, `SELECT duplicate_of FROM duplicates WHERE id = $1`, id).Scan(&orig)
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
	out := make([]*dossier.Article, 0, len(ids))
	// A repeatable-read transaction gives one snapshot across the tables.
	err := pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly}, func(tx pgx.Tx) error {
		byDoc := map[int64]*dossier.Article{}
		seen := map[string]*dossier.Article{}
		rows, err := tx.Query(ctx, `SELECT `+articleCols+` FROM articles WHERE id = ANY($1)`, ids)
		if err != nil {
			return err
		}
		for rows.Next() {
			doc, a, err := scanArticle(rows)
			if err != nil {
				rows.Close()
				return err
			}
			byDoc[doc] = a
			seen[a.ID] = a
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(byDoc) > 0 {
			if err := loadChildren(ctx, tx, byDoc); err != nil {
				return err
			}
		}
		for _, id := range ids {
			if a, ok := seen[id]; ok {
				out = append(out, a)
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load articles: %w", err)
	}
	return out, nil
}

func scanArticle(r pgx.Rows) (int64, *dossier.Article, error) {
	var (
		a                 dossier.Article
		doc, simhash      int64
		pub, mod, fetched *time.Time
		meta              *string
	)
	if err := r.Scan(&doc, &a.ID, &a.Title, &a.Topic, &a.Byline, &pub, &mod, &a.URL, &a.Source, &a.Site,
		&a.Description, &a.Language, &a.Text, &meta, &fetched, &a.ContentHash, &simhash, &a.DuplicateOf, &a.StoryID); err != nil {
		return 0, nil, fmt.Errorf("scan article: %w", err)
	}
	a.Published, a.Modified, a.Fetched = decTime(pub), decTime(mod), decTime(fetched)
	a.SimHash = uint64(simhash)
	if meta != nil && *meta != "" {
		if err := json.Unmarshal([]byte(*meta), &a.Meta); err != nil {
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

func loadChildren(ctx context.Context, tx pgx.Tx, byDoc map[int64]*dossier.Article) error {
	docs := make([]int64, 0, len(byDoc))
	for d := range byDoc {
		docs = append(docs, d)
	}
	each := func(name, q string, scan func(pgx.Rows) error) error {
		rows, err := tx.Query(ctx, q, docs)
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		return rows.Err()
	}
	var doc int64
	if err := each("paragraphs", `SELECT doc, start, "end", heading FROM paragraphs WHERE doc = ANY($1) ORDER BY doc, seq`, func(r pgx.Rows) error {
		var p dossier.Paragraph
		if err := r.Scan(&doc, &p.Start, &p.End, &p.Heading); err != nil {
			return err
		}
		byDoc[doc].Paragraphs = append(byDoc[doc].Paragraphs, p)
		return nil
	}); err != nil {
		return err
	}
	entIndex := map[[2]int64]int{}
	if err := each("entities", `SELECT doc, seq, entity_id, name, type, roles::text, country, region, lat, lng FROM entities WHERE doc = ANY($1) ORDER BY doc, seq`, func(r pgx.Rows) error {
		var (
			e     dossier.Entity
			seq   int64
			roles string
		)
		if err := r.Scan(&doc, &seq, &e.ID, &e.Name, &e.Type, &roles, &e.Country, &e.Region, &e.Lat, &e.Lng); err != nil {
			return err
		}
		if err := json.Unmarshal([]byte(roles), &e.Roles); err != nil || e.Roles == nil {
			e.Roles = []string{}
		}
		e.Mentions = []dossier.Span{}
		entIndex[[2]int64{doc, seq}] = len(byDoc[doc].Entities)
		byDoc[doc].Entities = append(byDoc[doc].Entities, e)
		return nil
	}); err != nil {
		return err
	}
	if err := each("mentions", `SELECT doc, entity_seq, start, "end", text FROM mentions WHERE doc = ANY($1) ORDER BY doc, entity_seq, seq`, func(r pgx.Rows) error {
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
		byDoc[doc].Entities[i].Mentions = append(byDoc[doc].Entities[i].Mentions, m)
		return nil
	}); err != nil {
		return err
	}
	if err := each("quotes", `SELECT doc, `+quoteColumns("")+` FROM quotes WHERE doc = ANY($1) ORDER BY doc, seq`, func(r pgx.Rows) error {
		var q dossier.Quote
		dest := append([]any{&doc}, quoteDest(&q)...)
		if err := r.Scan(dest...); err != nil {
			return err
		}
		if err := finishQuote(&q, dest[1:]); err != nil {
			return err
		}
		byDoc[doc].Quotes = append(byDoc[doc].Quotes, q)
		return nil
	}); err != nil {
		return err
	}
	if err := each("figures", `SELECT doc, text, start, "end", kind, value, high, unit, comparator, period, sentence_start, sentence_end FROM figures WHERE doc = ANY($1) ORDER BY doc, seq`, func(r pgx.Rows) error {
		var f dossier.Figure
		if err := r.Scan(&doc, &f.Text, &f.Start, &f.End, &f.Kind, &f.Value, &f.High, &f.Unit, &f.Comparator, &f.Period, &f.Sentence.Start, &f.Sentence.End); err != nil {
			return err
		}
		byDoc[doc].Figures = append(byDoc[doc].Figures, f)
		return nil
	}); err != nil {
		return err
	}
	return each("dates", `SELECT doc, text, start, "end", value, relative FROM dates WHERE doc = ANY($1) ORDER BY doc, seq`, func(r pgx.Rows) error {
		var d dossier.Date
		if err := r.Scan(&doc, &d.Text, &d.Start, &d.End, &d.Value, &d.Relative); err != nil {
			return err
		}
		byDoc[doc].Dates = append(byDoc[doc].Dates, d)
		return nil
	})
}

// quoteColumns lists the quote columns read by quoteDest and finishQuote,
// each with the given table prefix ("q.").
func quoteColumns(prefix string) string {
	cols := []string{"text", "start", `"end"`, "kind", "cue_start", "cue_end", "cue_text", "source_start",
		"source_end", "source_text", "speaker", "speaker_entity", "parts::text"}
	for i, c := range cols {
		cols[i] = prefix + c
	}
	return strings.Join(cols, ", ")
}

// quoteDest returns scan destinations for quoteCols.
func quoteDest(q *dossier.Quote) []any {
	return []any{&q.Text, &q.Start, &q.End, &q.Kind, new(*int), new(*int), new(*string), new(*int), new(*int), new(*string),
		&q.Speaker, &q.SpeakerEntity, new(*string)}
}

// finishQuote fills Cue, Source and Parts from scanned destinations.
func finishQuote(q *dossier.Quote, dest []any) error {
	span := func(s, e, t any) *dossier.Span {
		ps, pe, pt := *s.(**int), *e.(**int), *t.(**string)
		if ps == nil {
			return nil
		}
		sp := &dossier.Span{Start: *ps}
		if pe != nil {
			sp.End = *pe
		}
		if pt != nil {
			sp.Text = *pt
		}
		return sp
	}
	q.Cue = span(dest[4], dest[5], dest[6])
	q.Source = span(dest[7], dest[8], dest[9])
	if p := *dest[12].(**string); p != nil && *p != "" {
		if err := json.Unmarshal([]byte(*p), &q.Parts); err != nil {
			return fmt.Errorf("stored quote parts %q: %w", *p, err)
		}
	}
	return nil
}

// ArticleIDs pages through stored article ids (see dossier.Store).
func (s *Store) ArticleIDs(ctx context.Context, after string, limit int) ([]string, error) {
	if limit <= 0 {
		limit = 1000
	}
	rows, err := s.pool.Query(ctx, `SELECT id FROM articles WHERE id > $1 ORDER BY id LIMIT $2`, after, limit)
	if err != nil {
		return nil, fmt.Errorf("article ids: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("article ids: %w", err)
	}
	return ids, nil
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (dossier.Stats, error) {
	var st dossier.Stats
	err := s.pool.QueryRow(ctx, `SELECT
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
