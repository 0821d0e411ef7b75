// Package textindex is dossier's own full-text index format and ranking:
// the tokenizer (the rules of SQLite FTS5's "porter unicode61
// remove_diacritics 2", with the Porter stemmer of
// github.com/blevesearch/go-porterstemmer), compact postings lists cut
// into dictionary blocks, BM25 scoring with the title weighted (FTS5's
// bm25 formula), and query-term snippets.
//
// The sqlite store keeps these postings beside its FTS5 index because, in
// the pure-Go SQLite build, reading postings through the SQL engine costs
// 0.1 to 0.3 µs each and scoring with FTS5's bm25 about 4 µs per matching
// document; decoding them in Go costs a few nanoseconds. The package takes
// and returns plain values and knows nothing of storage.
package textindex
