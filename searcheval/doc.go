// Package searcheval measures ranked retrieval on a test collection in the
// format of ../shared/data/ir-news (described in its SOURCE.md): documents
// as JSON Lines ({"docno", "date", "text", ...}), queries as a TSV file
// (qid, query) and TREC relevance judgments ("qid 0 docno rel"). It
// computes, per query and on average, average precision (MAP), precision
// at 10 and nDCG at 10 over a ranking of up to 1,000 documents, as
// trec_eval does for binary judgments. It reads and returns plain values;
// `dossier eval search` runs dossier's own search over the collection.
package searcheval
