// Package dossier is the domain of the dossier news intelligence engine:
// articles and what is extracted from them (entities, quotes, figures,
// dates), the Store interface that persists them, the search query
// language, and the coded errors shared by every layer.
//
// It imports only the standard library. Technologies live in their own
// packages: sqlite and postgres implement Store, ingest and extract turn
// bytes into Articles, nlp annotates them, brief summarises them and web
// serves them over HTTP.
package dossier
