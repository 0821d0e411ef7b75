-- 0006_dedup_fingerprints_by_doc: the fingerprints of 0005 keyed by the
-- article's row (articles.doc) in a rowid table. A fingerprint is about
-- 1.5 KB; a WITHOUT ROWID table keeps at most about 1 KB of a row on its
-- page and the rest on overflow pages, which made reading them all for an
-- ingest 6 times slower. The rows are dropped, not copied: dedup.Seed
-- makes and stores the missing ones at the next ingest.
DROP TABLE dedup_fingerprints;
CREATE TABLE dedup_fingerprints (
    doc          INTEGER PRIMARY KEY REFERENCES articles (doc) ON DELETE CASCADE,
    content_hash TEXT NOT NULL,      -- articles.content_hash it was made from
    data         BLOB NOT NULL       -- dedup.Fingerprint.MarshalBinary
);
