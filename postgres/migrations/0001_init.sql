-- 0001_init: the schema of docs/schema.md in PostgreSQL. Offsets are
-- half-open byte offsets into articles.text. Full-text search uses the
-- generated tsvector column tsv (title weighted A, body B; NULL for
-- near-duplicates, which are not searchable) with a GIN index.

CREATE TABLE articles (
    doc          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           TEXT        COLLATE "C" NOT NULL UNIQUE,
    title        TEXT        NOT NULL DEFAULT '',
    topic        TEXT        NOT NULL DEFAULT '',
    byline       TEXT        NOT NULL DEFAULT '',
    published    TIMESTAMPTZ,
    modified     TIMESTAMPTZ,
    url          TEXT        NOT NULL DEFAULT '',
    source       TEXT        NOT NULL DEFAULT '',
    site         TEXT        NOT NULL DEFAULT '',
    description  TEXT        NOT NULL DEFAULT '',
    language     TEXT        NOT NULL DEFAULT '',
    text         TEXT        NOT NULL DEFAULT '',
    meta         JSON,                            -- JSON keeps the stored text exactly
    fetched      TIMESTAMPTZ,
    content_hash TEXT        NOT NULL,
    simhash      BIGINT      NOT NULL DEFAULT 0,  -- uint64 stored as its int64 bit pattern
    duplicate_of TEXT        NOT NULL DEFAULT '',
    story_id     TEXT        NOT NULL DEFAULT '',
    tsv          TSVECTOR GENERATED ALWAYS AS (
        CASE WHEN duplicate_of = '' THEN
            setweight(to_tsvector('english'::regconfig, title), 'A') ||
            setweight(to_tsvector('english'::regconfig, text), 'B')
        END) STORED
);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_tsv ON articles USING GIN (tsv);

CREATE TABLE paragraphs (
    doc     BIGINT  NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    seq     INTEGER NOT NULL,
    start   INTEGER NOT NULL,
    "end"   INTEGER NOT NULL,
    heading BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (doc, seq)
);

CREATE TABLE entities (
    doc       BIGINT  NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    entity_id TEXT    NOT NULL,
    name      TEXT    NOT NULL,
    type      TEXT    NOT NULL,
    roles     JSONB   NOT NULL DEFAULT '[]',
    country   TEXT    NOT NULL DEFAULT '',
    region    TEXT    NOT NULL DEFAULT '',
    lat       DOUBLE PRECISION,
    lng       DOUBLE PRECISION,
    PRIMARY KEY (doc, seq)
);
CREATE INDEX entities_entity_id ON entities (entity_id);
CREATE INDEX entities_name ON entities (lower(name));

CREATE TABLE mentions (
    doc        BIGINT  NOT NULL,
    entity_seq INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    PRIMARY KEY (doc, entity_seq, seq),
    FOREIGN KEY (doc, entity_seq) REFERENCES entities (doc, seq) ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX mentions_text ON mentions (lower(text));

CREATE TABLE quotes (
    doc            BIGINT  NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    seq            INTEGER NOT NULL,
    text           TEXT    NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    kind           TEXT    NOT NULL,
    cue_start      INTEGER,
    cue_end        INTEGER,
    cue_text       TEXT,
    source_start   INTEGER,
    source_end     INTEGER,
    source_text    TEXT,
    speaker        TEXT    NOT NULL DEFAULT '',
    speaker_entity TEXT    NOT NULL DEFAULT '',
    parts          JSONB,
    PRIMARY KEY (doc, seq)
);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity) WHERE speaker_entity <> '';

CREATE TABLE figures (
    doc            BIGINT           NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    seq            INTEGER          NOT NULL,
    text           TEXT             NOT NULL,
    start          INTEGER          NOT NULL,
    "end"          INTEGER          NOT NULL,
    kind           TEXT             NOT NULL,
    value          DOUBLE PRECISION NOT NULL,
    high           DOUBLE PRECISION NOT NULL DEFAULT 0,
    unit           TEXT             NOT NULL DEFAULT '',
    comparator     TEXT             NOT NULL DEFAULT '',
    period         TEXT             NOT NULL DEFAULT '',
    sentence_start INTEGER          NOT NULL,
    sentence_end   INTEGER          NOT NULL,
    PRIMARY KEY (doc, seq)
);

CREATE TABLE dates (
    doc      BIGINT  NOT NULL REFERENCES articles (doc) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    text     TEXT    NOT NULL,
    start    INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    value    TEXT    NOT NULL DEFAULT '',
    relative BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (doc, seq)
);

CREATE TABLE duplicates (
    id           TEXT PRIMARY KEY,
    duplicate_of TEXT NOT NULL
);
CREATE INDEX duplicates_of ON duplicates (duplicate_of);
