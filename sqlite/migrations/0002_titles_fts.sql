-- 0002_titles_fts: a title-only full-text index. A query matching
-- thousands of documents is ranked within those whose title matches it
-- (see search.go), and finding them in this small index costs a fraction
-- of a pass over articles_fts. It holds the title of every stored article
-- (near-duplicates too: results come from articles_fts, which excludes
-- them), kept in step by the Go code like articles_fts.
CREATE VIRTUAL TABLE titles_fts USING fts5 (
    title,
    content = 'articles', content_rowid = 'doc',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO titles_fts (titles_fts) VALUES ('rebuild');
