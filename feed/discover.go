package feed

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// feedTypes are the MIME types of <link rel="alternate"> that announce a
// feed.
var feedTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/feed+json": true,
	"application/json":      false, // too generic to count alone
	"application/rdf+xml":   true,
	"text/xml":              false,
}

// Discover returns the absolute URLs of the feeds a web page announces with
// <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">, in
// page order and without repeats. pageURL resolves relative links (a
// <base href> in the page takes precedence).
func Discover(page []byte, pageURL string) []string {
	base, _ := url.Parse(pageURL)
	var out []string
	seen := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
		default:
			continue
		}
		name, hasAttr := z.TagName()
		a := atom.Lookup(name)
		if a == atom.Body {
			return out // feeds are announced in the head
		}
		if (a != atom.Link && a != atom.Base) || !hasAttr {
			continue
		}
		attrs := map[string]string{}
		for {
			k, v, more := z.TagAttr()
			attrs[string(k)] = string(v)
			if !more {
				break
			}
		}
		if a == atom.Base {
			if b, err := url.Parse(attrs["href"]); err == nil && attrs["href"] != "" {
				if base != nil {
					b = base.ResolveReference(b)
				}
				base = b
			}
			continue
		}
		rels := strings.Fields(strings.ToLower(attrs["rel"]))
		isAlt := false
		for _, r := range rels {
			if r == "alternate" || r == "feed" {
				isAlt = true
			}
		}
		typ := strings.ToLower(strings.TrimSpace(strings.Split(attrs["type"], ";")[0]))
		if !isAlt || !feedTypes[typ] {
			continue
		}
		u := resolve(base, attrs["href"])
		if u != "" && !seen[u] {
			seen[u] = true
			out = append(out, u)
		}
	}
}
