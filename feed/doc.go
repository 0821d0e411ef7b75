// Package feed reads news feeds into dossier articles: RSS, Atom and JSON
// Feed (parsed with github.com/mmcdole/gofeed), OPML subscription lists,
// and the <link rel="alternate"> feeds a web page announces.
//
// Detect tells the kind of a document from its content. Parse turns a feed
// into a Feed whose Items become articles with Item.Article; an item whose
// feed carries the full text (content:encoded, Atom content, JSON Feed
// content_html) needs no further fetch, which FullText reports.
package feed
