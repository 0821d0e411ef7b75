// Package web serves dossier over HTTP: a server-rendered UI (search with
// facets, articles with their entities, quotes and figures highlighted by
// offset, entity pages and briefs with charts) and a JSON API under /api/
// described by an embedded OpenAPI 3 document at /api/openapi.json.
//
// Pages are rendered with html/template from embedded templates parsed
// once; CSS is embedded too, so the UI works offline. Every response
// carries a strict Content-Security-Policy (no inline script) and the
// standard hardening headers. Read endpoints are safe to expose; POST
// /api/articles needs the bearer token given in Options.Token and is
// refused when none is set. Coded dossier errors become HTTP statuses in
// one place (status.go).
package web
