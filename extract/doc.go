// Package extract turns one raw document (an HTML page or a plain-text
// article) into a clean dossier.Article: title, byline, dates, site, URL,
// language and the main text as paragraphs and subheadings, without menus,
// share buttons, comment forms or other boilerplate.
//
// # HTML pages
//
// HTML and HTMLWithContentType decode the page (charset from a byte-order
// mark, then the HTTP Content-Type, then the meta declaration; valid UTF-8
// wins over a declared single-byte charset), drop scripts, styles,
// navigation, asides, footers and inline SVG from the text before parsing
// it (only where their extent is plain, so the parser would give the rest
// the same tree), parse it into a bounded tree (MaxInput, MaxDepth,
// MaxNodes, MaxText) and read the page's own metadata.
//
// The main text is found first by our own single pass over the tree
// (content.go): every block element is scored by the running text below it
// (paragraphs with sentence punctuation, link text and boilerplate left
// out: page chrome by tag, comments, sharing, related links, sidebars and
// the like by class or id, and lists of teasers for other articles), the
// container is found by descending from <body> while one child holds 80%
// of that text, and its blocks are collected in reading order. The result
// is trusted when the container is not the whole body, holds at least 500
// bytes of running text, running text is at least half of its text, and
// the paragraphs kept are not mostly links. Otherwise go-trafilatura
// extracts the page as before. On the shared benchmark 103 of 109 pages
// take the fast path.
//
// Around the library:
//
//   - before it, hidden elements, hover cards, consent banners, scripts and
//     styles are removed, and quoted tweets are unmarked so they are kept;
//   - when it finds under 250 characters, the JSON-LD articleBody, the
//     itemprop=articleBody element, go-readability and a plain walk of the
//     <article> element are tried in turn;
//   - after it (and after the fast path), paragraph filters drop the
//     repeated headline, standfirst headings, byline and dateline lines,
//     promotions, related-link runs and everything from a comments
//     heading on.
//
// On the fast path the title, site, description and language come from
// the page's declarations (JSON-LD, meta tags, <html lang>, else the first
// <h1> and a language guess from the first 1 KB of the text).
//
// Dates are taken from JSON-LD, then meta tags, then <time> elements, then
// the URL, then the text (go-htmldate). Bylines keep person names only.
//
// # Measuring
//
// ScorePage and Aggregate implement the metric of the
// article-extraction-benchmark (4-token shingles of \w+ tokens); the
// command 'dossier eval extraction DIR' runs it over a benchmark folder.
package extract
