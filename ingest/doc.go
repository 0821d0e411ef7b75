// Package ingest collects documents into articles and stores them.
//
// A source is a file, a directory (walked recursively), a glob pattern,
// "-" for standard input, or an http(s) URL (read through a Fetcher that
// the caller supplies). Gzip is decompressed transparently, recognised by
// its magic bytes. The format of each input is detected from its content
// by a small registry of formats (see Format and Register): JSON Lines, a
// JSON array, HTML and plain text are built in, and other files of this
// package add more (WARC, RSS/Atom) by registering a sniff function and a
// reader that streams articles.
//
// Run drives the whole pipeline: sources -> articles -> optional
// annotation on a worker pool -> batched Store.PutArticles -> a Summary
// ("N new, M unchanged, D duplicates, E failed"). An error in one input is
// reported with the input's name (and line, for JSON Lines) and does not
// stop the others.
package ingest
