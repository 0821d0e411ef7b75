-- 0004_search_postings: dossier's own postings lists, read and scored in Go
-- (package textindex), beside articles_fts. Reading postings through FTS5
-- costs 0.1 to 0.3 µs each in the pure-Go SQLite build and its bm25 about
-- 4 µs per matching document; a search over 100,000 articles took 14 ms at
-- the median. These lists hold what BM25 needs (per document: title and
-- body frequency, length) and decode in a few nanoseconds a posting.
--
-- The index is a set of segments, as in FTS5: each write transaction adds
-- one; segments of similar size are merged
-- (see sqlite/postings.go). A document re-indexed or removed leaves a
-- tombstone in search_dead that hides its postings in older segments until
-- a merge drops them. The rows are filled by the Go code (Open builds them
-- for a database made before this migration: search_stats.built = 0).

-- titles_fts only served the FTS5 ranking's title tiers.
DROP TABLE titles_fts;

-- A segment's dictionary of terms (tokens as textindex.Scan makes them:
-- folded, stemmed), in order, with their postings, cut into blocks of about
-- 16 KB (textindex.Block): a batch of articles writes a few rows, not one
-- per distinct word. Keyed by segment first: a new segment's rows append at
-- the end of the tree, a merge reads its segments in term order, and a
-- search seeks, in each segment (a few tens at most), the block whose first
-- term is the greatest not above the term sought.
CREATE TABLE search_blocks (
    seg        INTEGER NOT NULL,
    first_term TEXT NOT NULL,
    data       BLOB NOT NULL,
    PRIMARY KEY (seg, first_term)
) WITHOUT ROWID;

CREATE TABLE search_segments (
    seg  INTEGER PRIMARY KEY,
    docs INTEGER NOT NULL -- documents indexed in it
);

CREATE TABLE search_dead (
    doc INTEGER PRIMARY KEY, -- articles.doc
    seg INTEGER NOT NULL     -- its postings in segments before this one are stale
);

CREATE TABLE search_stats (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    docs       INTEGER NOT NULL, -- documents indexed
    tokens     INTEGER NOT NULL, -- their tokens, title and body
    generation INTEGER NOT NULL, -- bumped by every write to the index
    built      INTEGER NOT NULL  -- 0 until the index holds every article
);
INSERT INTO search_stats (id, docs, tokens, generation, built)
    SELECT 1, 0, 0, 0, NOT EXISTS (SELECT 1 FROM articles);
