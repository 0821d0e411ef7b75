// Package dedup finds duplicate articles and groups articles into stories.
//
// An Index is a pure in-memory structure fed one article at a time, in
// arrival order. For each article it finds:
//
//   - an exact duplicate: the same body text after normalisation (case,
//     punctuation and spacing ignored; the title is not compared, so a
//     re-publication under a new headline is caught);
//   - a near-duplicate: MinHash over word 4-shingles (128 hash functions),
//     with LSH banding (32 bands of 4 rows) to find candidates and the
//     estimated Jaccard similarity to confirm them (default at least 0.55);
//   - its story: the articles about the same event, by overlap of their
//     most distinctive terms (tf-idf weighted, names boosted) within a time
//     window, single-link.
//
// A duplicate is linked to the first article it copies (Article.DuplicateOf)
// and joins that article's story. Every article also gets a 64-bit SimHash
// of its body (Article.SimHash), a compact fingerprint stores can keep.
package dedup
