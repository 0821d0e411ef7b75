// Package fetch is dossier's polite HTTP client for collecting from the
// live web.
//
// A Client sends a clear User-Agent, honours robots.txt (RFC 9309,
// including Crawl-delay), waits on a per-host rate limit, retries 429, 5xx
// and network errors with exponential backoff (respecting Retry-After),
// bounds time, body size and redirects, and makes conditional GETs (ETag,
// Last-Modified) from a persistent State.
//
// For safety it refuses to connect to private, loopback, link-local,
// unspecified and multicast addresses unless Options.AllowPrivate is set.
// The check runs at dial time on the resolved IP address, so it covers DNS
// answers and every redirect.
package fetch
