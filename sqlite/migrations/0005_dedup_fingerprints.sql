-- 0005_dedup_fingerprints: each article's duplicate-and-story fingerprint
-- (package dedup: MinHash signature, SimHash, body hash, term counts), so
-- that ingest reloads its duplicate index from a few hundred bytes per
-- article instead of reading and re-tokenising every stored text. A row
-- holds for the content hash it was made from; an article stored since
-- with other content has no current fingerprint until one is made again
-- (dedup.Seed makes the missing ones and stores them, which fills this
-- table for a database made before this migration on its first ingest).
-- Keyed by the article's row in a rowid table: a fingerprint is about
-- 1.5 KB, and a WITHOUT ROWID table keeps at most about 1 KB of a row on
-- its page and the rest on overflow pages, which made reading them all 6
-- times slower.
CREATE TABLE dedup_fingerprints (
    doc          INTEGER PRIMARY KEY REFERENCES articles (doc) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,      -- articles.content_hash it was made from
    data         BLOB NOT NULL       -- dedup.Fingerprint.MarshalBinary
);
