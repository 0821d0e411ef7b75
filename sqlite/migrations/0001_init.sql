-- 0001_init: articles, their extracted items, exact duplicates, and the
-- full-text index. Every offset is a half-open byte offset into
-- articles.text. Times are UTC text in the fixed-width form
-- 2006-01-02T15:04:05.000000000Z (so they sort as text), NULL when unknown.

CREATE TABLE articles (
    doc          INTEGER PRIMARY KEY,           -- internal row number, the FTS rowid
    id           TEXT    NOT NULL UNIQUE,       -- stable article id
    title        TEXT    NOT NULL DEFAULT '',
    topic        TEXT    NOT NULL DEFAULT '',
    byline       TEXT    NOT NULL DEFAULT '',
    published    TEXT,
    modified     TEXT,
    url          TEXT    NOT NULL DEFAULT '',
    source       TEXT    NOT NULL DEFAULT '',
    site         TEXT    NOT NULL DEFAULT '',
    description  TEXT    NOT NULL DEFAULT '',
    language     TEXT    NOT NULL DEFAULT '',
    text         TEXT    NOT NULL DEFAULT '',
    meta         TEXT,                          -- JSON object of extra input fields, NULL if none
    fetched      TEXT,
    content_hash TEXT    NOT NULL,
    simhash      INTEGER NOT NULL DEFAULT 0,    -- uint64 stored as its int64 bit pattern
    duplicate_of TEXT    NOT NULL DEFAULT '',   -- near-duplicate original (not indexed for search)
    story_id     TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_story ON articles (story_id) WHERE story_id <> '';

CREATE TABLE paragraphs (
    doc     INTEGER NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    heading INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;

CREATE TABLE entities (
    doc       INTEGER NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    entity_id TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    type      TEXT    NOT NULL,
    roles     TEXT    NOT NULL DEFAULT '[]',   -- JSON array of strings
    country   TEXT    NOT NULL DEFAULT '',
    region    TEXT    NOT NULL DEFAULT '',
    lat       REAL,
    lng       REAL,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
CREATE INDEX entities_entity_id ON entities (entity_id);
CREATE INDEX entities_name ON entities (name COLLATE NOCASE);

CREATE TABLE mentions (
    doc        INTEGER NOT NULL,
    entity_seq INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    PRIMARY KEY (doc, entity_seq, seq),
    FOREIGN KEY (doc, entity_seq) REFERENCES entities (doc, seq) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX mentions_text ON mentions (text COLLATE NOCASE);

CREATE TABLE quotes (
    doc            INTEGER NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    text           TEXT    NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    kind           TEXT    NOT NULL,
    cue_start      INTEGER,                    -- NULL when there is no cue
    cue_end        INTEGER,
    cue_text       TEXT,
    source_start   INTEGER,                    -- NULL when there is no source mention
    source_end     INTEGER,
    source_text    TEXT,
    speaker        TEXT    NOT NULL DEFAULT '',
    speaker_entity TEXT    NOT NULL DEFAULT '',
    parts          TEXT,                       -- JSON array of spans of a split quotation, NULL for one piece
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity) WHERE speaker_entity <> '';

CREATE TABLE figures (
    doc            INTEGER NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    text           TEXT    NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    kind           TEXT    NOT NULL,
    value          REAL    NOT NULL,
    high           REAL    NOT NULL DEFAULT 0,
    unit           TEXT    NOT NULL DEFAULT '',
    comparator     TEXT    NOT NULL DEFAULT '',
    period         TEXT    NOT NULL DEFAULT '',
    sentence_start INTEGER NOT NULL,
    sentence_end   INTEGER NOT NULL,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;

CREATE TABLE dates (
    doc      INTEGER NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    value    TEXT    NOT NULL DEFAULT '',
    relative INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc, seq)
) WITHOUT ROWID;

-- Exact copies: an article whose content hash equals a stored article's
-- is recorded here instead of being stored again.
CREATE TABLE duplicates (
    id           TEXT PRIMARY KEY,
    duplicate_of TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX duplicates_of ON duplicates (duplicate_of);

-- Full-text index over title and body. External content: the text lives
-- once, in articles; the index is kept in step by the Go code in the same
-- transaction, and holds only articles with duplicate_of = ''.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'doc',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
