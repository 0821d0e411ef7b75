// Package warcread turns WARC archives (.warc and .warc.gz, as in Common
// Crawl's CC-NEWS) into dossier articles: every HTML response record
// becomes an article with its URL (WARC-Target-URI) and fetch date
// (WARC-Date).
//
// Records are parsed with github.com/nlnwa/gowarc/v2. Reading is
// streaming: one record is held at a time (large blocks spill to a
// temporary file), so memory does not grow with the archive. Gzip is
// handled member by member, so both record-per-member files (the norm) and
// whole-file gzip read alike, and a corrupted member is skipped by
// resynchronising on the next gzip header. A corrupted or truncated record
// is skipped with a warning naming the file, the record number and its
// offset; the good records before and after it are kept.
package warcread
