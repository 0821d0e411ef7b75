// Package brief turns the articles that match a query into an analyst's
// brief: an overview, the key people, organisations and places, who said
// what, key figures (with the same quantity reported differently across
// articles side by side), a timeline, who appears with whom, coverage over
// time, top sources and top articles.
//
// It is a pure pipeline stage: Build takes plain values (the query, the
// search results and the matching articles) and returns a Brief value; it
// never touches a database. Every item of a Brief carries its provenance,
// the article id and byte offsets it comes from.
//
// A Brief renders as text (with colour and a sparkline on a terminal),
// markdown, JSON (schema documented in docs/brief-schema.md, version
// SchemaVersion) and a self-contained printable HTML page with inline SVG
// charts.
package brief
