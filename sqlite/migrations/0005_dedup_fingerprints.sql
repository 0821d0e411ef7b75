-- 0005_dedup_fingerprints: each article's duplicate-and-story fingerprint
-- (package dedup: MinHash signature, SimHash, body hash, term counts), so
-- that ingest reloads its duplicate index from a few hundred bytes per
-- article instead of reading and re-tokenising every stored text. A row
-- holds for the content hash it was made from; an article stored since
-- with other content has no current fingerprint until one is made again
-- (dedup.Seed makes the missing ones and stores them, which fills this
-- table for a database made before this migration on its first ingest).
CREATE TABLE dedup_fingerprints (
    id           TEXT PRIMARY KEY,   -- article id
    content_hash TEXT NOT NULL,      -- articles.content_hash it was made from
    data         BLOB NOT NULL       -- dedup.Fingerprint.MarshalBinary
) WITHOUT ROWID;
