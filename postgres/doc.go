// Package postgres implements dossier.Store in PostgreSQL with pgx.
//
// The schema (migrations/, applied once each in a transaction and
// recorded in schema_migrations) mirrors the SQLite one described in
// docs/schema.md. Full-text search uses a generated tsvector column
// (english configuration; title weighted A, body B) with a GIN index,
// ranked by ts_rank_cd with the title weighted TitleWeight:1, and
// ts_headline snippets. Writers are serialised with an advisory lock, so
// that concurrent ingests behave as with SQLite's single writer.
//
// Times are kept to the microsecond (PostgreSQL's precision).
package postgres
