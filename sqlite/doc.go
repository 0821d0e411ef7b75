// Package sqlite implements dossier.Store in one embedded SQLite file,
// with the pure-Go driver modernc.org/sqlite (no cgo).
//
// The database runs in WAL mode with a busy timeout, foreign keys and
// synchronous=NORMAL: a crash can lose the last committed batches but never
// corrupts the file, and a rerun of the same ingest completes the job.
// The schema is created by the embedded migrations in migrations/ (see
// docs/schema.md); each file is applied once, in one transaction, and
// recorded in schema_migrations.
//
// Full-text search uses an FTS5 table with external content (the text is
// stored once, in articles) over title and body, tokenized with the porter
// stemmer, ranked by bm25 with the title weighted TitleWeight:1 (chosen
// by known-item retrieval on the BBC corpus, see TestTitleWeight). Scoring
// a match with bm25 costs a few microseconds, so when a query matches more
// than a thousand documents only those with a query term in the title are
// scored, if they fill the page; totals always count every match, and
// snippets and article rows are made for the page alone. Importing the
// package registers the SQL function dossier_tally with the driver: the
// ranking statement of a query without filters counts every match
// through it in the same pass (see search_tally.go).
package sqlite
