-- 0002_dedup_fingerprints: each article's duplicate-and-story fingerprint
-- (package dedup), so that ingest reloads its duplicate index from a few
-- hundred bytes per article instead of every stored text. A row holds for
-- the content hash it was made from; dedup.Seed makes and stores the
-- missing ones (which fills this table for a database made before).
CREATE TABLE dedup_fingerprints (
    id           TEXT COLLATE "C" PRIMARY KEY,  -- article id
    content_hash TEXT NOT NULL,                 -- articles.content_hash it was made from
    data         BYTEA NOT NULL                 -- dedup.Fingerprint.MarshalBinary
);
