package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/textindex"
)

// PutArticles stores a batch in one transaction (see dossier.Store).
func (s *Store) PutArticles(ctx context.Context, articles []*dossier.Article) (dossier.PutStats, error) {
	var st dossier.PutStats
	if err := dossier.ValidateArticles(articles); err != nil {
		return st, err
	}
	if len(articles) == 0 {
		return st, nil
	}
	counted := s.countArticles(articles)
	// The statements run without ctx's cancellation, which the driver
	// would watch with a goroutine per statement (a tenth of a batch's
	// time); ctx is checked between articles instead, and a cancelled
	// batch is rolled back.
	wctx := context.WithoutCancel(ctx)
	tx, err := s.db.BeginTx(wctx, nil)
	if err != nil {
		return st, fmt.Errorf("put articles: %w", err)
	}
	defer tx.Rollback()
	w, err := newWriter(wctx, tx, s.vocabulary())
	if err != nil {
		return st, fmt.Errorf("put articles: %w", err)
	}
	defer w.close()
	w.counted = counted
	for _, a := range articles {
		if err := ctx.Err(); err != nil {
			return dossier.PutStats{}, fmt.Errorf("put articles: %w", err)
		}
		if err := w.put(wctx, a, &st); err != nil {
			return dossier.PutStats{}, fmt.Errorf("put article %s: %w", a.ID, err)
		}
	}
	if err := ctx.Err(); err != nil {
		return dossier.PutStats{}, fmt.Errorf("put articles: %w", err)
	}
	if err := w.idx.flush(wctx, tx); err != nil {
		return dossier.PutStats{}, fmt.Errorf("put articles: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return dossier.PutStats{}, fmt.Errorf("put articles: commit: %w", err)
	}
	return st, nil
}

// writer holds the prepared statements of one PutArticles transaction.
type writer struct {
	tx    *sql.Tx
	stmts map[string]*sql.Stmt
	idx   *indexBatch // the search postings' changes, written at the end
	// counted holds the articles' tokens, counted before the
	// transaction (see countArticles).
	counted map[*dossier.Article]textindex.Counted
}

var writerSQL = map[string]string{
	// probe answers, in one query, what put needs to know about an id
	// and a content hash: the stored row, its duplicate record, and
	// another article with that hash.
	"probe": `SELECT a.doc, a.content_hash, a.duplicate_of,
		(SELECT duplicate_of FROM duplicates WHERE id = ?1),
		(SELECT id FROM articles WHERE content_hash = ?2 AND id <> ?1 LIMIT 1)
		FROM (SELECT 1) LEFT JOIN articles a ON a.id = ?1`,
	"oldText":   `SELECT title, text FROM articles WHERE doc = ?`,
	"hashOf":    `SELECT content_hash FROM articles WHERE id = ?`,
	"paraAdd":   `INSERT INTO paragraphs (doc, seq, start, "end", heading) VALUES (?, ?, ?, ?, ?)`,
	"dupPut":    `INSERT OR REPLACE INTO duplicates (id, duplicate_of) VALUES (?, ?)`,
	"dupDel":    `DELETE FROM duplicates WHERE id = ?`,
	"artDel":    `DELETE FROM articles WHERE doc = ?`,
	"ftsAdd":    `INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)`,
	"ftsDel":    `INSERT INTO articles_fts (articles_fts, rowid, title, text) VALUES ('delete', ?, ?, ?)`,
	"paraDel":   `DELETE FROM paragraphs WHERE doc = ?`,
	"entDel":    `DELETE FROM entities WHERE doc = ?`,
	"menDel":    `DELETE FROM mentions WHERE doc = ?`,
	"quoteDel":  `DELETE FROM quotes WHERE doc = ?`,
	"figDel":    `DELETE FROM figures WHERE doc = ?`,
	"dateDel":   `DELETE FROM dates WHERE doc = ?`,
	"entAdd":    `INSERT INTO entities (doc, seq, entity_id, name, type, roles, country, region, lat, lng) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"menAdd":    `INSERT INTO mentions (doc, entity_seq, seq, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)`,
	"quoteAdd":  `INSERT INTO quotes (doc, seq, text, start, "end", kind, cue_start, cue_end, cue_text, source_start, source_end, source_text, speaker, speaker_entity, parts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"figAdd":    `INSERT INTO figures (doc, seq, text, start, "end", kind, value, high, unit, comparator, period, sentence_start, sentence_end) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"dateAdd":   `INSERT INTO dates (doc, seq, text, start, "end", value, relative) VALUES (?, ?, ?, ?, ?, ?, ?)`,
	"artInsert": `INSERT INTO articles (id, title, topic, byline, published, modified, url, source, site, description, language, text, meta, fetched, content_hash, simhash, duplicate_of, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
	"artUpdate": `UPDATE articles SET id = ?, title = ?, topic = ?, byline = ?, published = ?, modified = ?, url = ?, source = ?, site = ?, description = ?, language = ?, text = ?, meta = ?, fetched = ?, content_hash = ?, simhash = ?, duplicate_of = ?, story_id = ? WHERE doc = ?`,
}

func newWriter(ctx context.Context, tx *sql.Tx, vocab *textindex.Vocabulary) (*writer, error) {
	w := &writer{tx: tx, stmts: make(map[string]*sql.Stmt, len(writerSQL)), idx: newIndexBatch(vocab)}
	for name, q := range writerSQL {
		st, err := tx.PrepareContext(ctx, q)
		if err != nil {
			w.close()
			return nil, fmt.Errorf("prepare %s: %w", name, err)
		}
		w.stmts[name] = st
	}
	return w, nil
}

func (w *writer) close() {
	w.idx.stop()
	for _, st := range w.stmts {
		st.Close()
	}
}

func (w *writer) exec(ctx context.Context, name string, args ...any) (sql.Result, error) {
	st, ok := w.stmts[name]
	if !ok {
		return nil, fmt.Errorf("no statement %q", name)
	}
	r, err := st.ExecContext(ctx, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return r, nil
}

// put stores one article inside the transaction and counts the outcome.
func (w *writer) put(ctx context.Context, a *dossier.Article, st *dossier.PutStats) error {
	hash := dossier.StoredContentHash(a)
	var (
		doc                    sql.NullInt64
		oldHash, oldDup, dupOf sql.NullString
		sameHash               sql.NullString
	)
	if err := w.stmts["probe"].QueryRowContext(ctx, a.ID, hash).Scan(&doc, &oldHash, &oldDup, &dupOf, &sameHash); err != nil {
		return fmt.Errorf("look up id: %w", err)
	}
	if doc.Valid {
		if oldHash.String == hash {
			st.Unchanged++
			return nil
		}
		var oldTitle, oldText string
		if err := w.stmts["oldText"].QueryRowContext(ctx, doc.Int64).Scan(&oldTitle, &oldText); err != nil {
			return fmt.Errorf("read stored text: %w", err)
		}
		if err := w.unindex(ctx, doc.Int64, oldDup.String, oldTitle, oldText); err != nil {
			return err
		}
		if sameHash.Valid {
			// Its new content is an exact copy of another article.
			if _, err := w.exec(ctx, "artDel", doc.Int64); err != nil {
				return err
			}
			if _, err := w.exec(ctx, "dupPut", a.ID, sameHash.String); err != nil {
				return err
			}
			st.Duplicate++
			return nil
		}
		for _, name := range []string{"menDel", "entDel", "paraDel", "quoteDel", "figDel", "dateDel"} {
			if _, err := w.exec(ctx, name, doc.Int64); err != nil {
				return err
			}
		}
		args, err := articleArgs(a, hash)
		if err != nil {
			return err
		}
		if _, err := w.exec(ctx, "artUpdate", append(args, doc.Int64)...); err != nil {
			return err
		}
		if err := w.children(ctx, doc.Int64, a); err != nil {
			return err
		}
		st.Updated++
		return nil
	}

	// Not stored under its id: maybe a known exact duplicate.
	if dupOf.Valid {
		var origHash string
		err := w.stmts["hashOf"].QueryRowContext(ctx, dupOf.String).Scan(&origHash)
		if err == nil && origHash == hash {
			st.Unchanged++
			return nil
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("look up original %s: %w", dupOf.String, err)
		}
		if _, err := w.exec(ctx, "dupDel", a.ID); err != nil {
			return err
		}
	}
	if sameHash.Valid {
		if _, err := w.exec(ctx, "dupPut", a.ID, sameHash.String); err != nil {
			return err
		}
		st.Duplicate++
		return nil
	}
	args, err := articleArgs(a, hash)
	if err != nil {
		return err
	}
	res, err := w.exec(ctx, "artInsert", args...)
	if err != nil {
		return err
	}
	id, err := res.LastInsertId()
	if err != nil {
		return err
	}
	if err := w.children(ctx, id, a); err != nil {
		return err
	}
	st.New++
	return nil
}

// unindex removes a stored article from the full-text indexes, giving the
// exact values it was indexed with (external-content FTS5 needs them).
func (w *writer) unindex(ctx context.Context, doc int64, dupOf, title, text string) error {
	if dupOf != "" {
		return nil // never indexed
	}
	w.idx.unindex(doc, title, text)
	_, err := w.exec(ctx, "ftsDel", doc, title, text)
	return err
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

// children writes an article's extracted rows and indexes its text.
func (w *writer) children(ctx context.Context, doc int64, a *dossier.Article) error {
	if a.DuplicateOf == "" {
		if _, err := w.exec(ctx, "ftsAdd", doc, a.Title, a.Text); err != nil {
			return err
		}
		c, ok := w.counted[a]
		if !ok {
			c = textindex.CountDocument(a.Title, a.Text)
		}
		w.idx.index(doc, c)
	}
	// One row per statement: a multi-row INSERT needs a statement
	// journal, whose savepoint makes FTS5 flush its pending index data to
	// disk for every article instead of once per batch.
	for i, p := range a.Paragraphs {
		if _, err := w.exec(ctx, "paraAdd", doc, i, p.Start, p.End, p.Heading); err != nil {
			return err
		}
	}
	for i, e := range a.Entities {
		roles := e.Roles
		if roles == nil {
			roles = []string{}
		}
		rb, err := json.Marshal(roles)
		if err != nil {
			return err
		}
		if _, err := w.exec(ctx, "entAdd", doc, i, e.ID, e.Name, e.Type, string(rb), e.Country, e.Region, e.Lat, e.Lng); err != nil {
			return err
		}
		for j, m := range e.Mentions {
			if _, err := w.exec(ctx, "menAdd", doc, i, j, m.Start, m.End, m.Text); err != nil {
				return err
			}
		}
	}
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
		if _, err := w.exec(ctx, "quoteAdd", doc, i, q.Text, q.Start, q.End, q.Kind, cs, ce, ct, ss, se, stx, q.Speaker, q.SpeakerEntity, parts); err != nil {
			return err
		}
	}
	for i, f := range a.Figures {
		if _, err := w.exec(ctx, "figAdd", doc, i, f.Text, f.Start, f.End, f.Kind, f.Value, f.High, f.Unit, f.Comparator, f.Period, f.Sentence.Start, f.Sentence.End); err != nil {
			return err
		}
	}
	for i, d := range a.Dates {
		if _, err := w.exec(ctx, "dateAdd", doc, i, d.Text, d.Start, d.End, d.Value, d.Relative); err != nil {
			return err
		}
	}
	return nil
}

func spanArgs(s *dossier.Span) (any, any, any) {
	if s == nil {
		return nil, nil, nil
	}
	return s.Start, s.End, s.Text
}
