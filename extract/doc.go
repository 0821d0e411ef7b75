// Package extract turns one raw document (an HTML page or a plain-text
// article) into a clean dossier.Article: title, byline, dates, site, URL,
// language and the main text as paragraphs and subheadings, without menus,
// share buttons, comment forms or other boilerplate.
//
// # HTML pages
//
// HTML and HTMLWithContentType decode the page (charset from a byte-order
// mark, then the HTTP Content-Type, then the meta declaration; valid UTF-8
// wins over a declared single-byte charset), parse it into a bounded tree
// (MaxInput, MaxDepth, MaxNodes, MaxText), read the page's own metadata and
// find the main text with go-trafilatura. Around the library:
//
//   - before it, hidden elements, hover cards, consent banners, scripts and
//     styles are removed, and quoted tweets are unmarked so they are kept;
//   - when it finds under 250 characters, the JSON-LD articleBody, the
//     itemprop=articleBody element, go-readability and a plain walk of the
//     <article> element are tried in turn;
//   - after it, paragraph filters drop the repeated headline, standfirst
//     headings, byline and dateline lines, promotions, related-link runs
//     and everything from a comments heading on.
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
