package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dossier/dossier"
)

// Limits that keep extraction bounded on hostile or broken input.
const (
	// MaxInput is the largest page, in bytes, that is parsed; longer input is
	// cut at this size (the start of a page holds its article) and the cut
	// is logged.
	MaxInput = 8 << 20
	// MaxDepth is the deepest element nesting kept; text below it is
	// flattened into its ancestor at this depth.
	MaxDepth = 256
	// MaxNodes is the largest number of parsed nodes kept; the rest of the
	// document is dropped. Real pages have a few thousand.
	MaxNodes = 50_000
	// MaxText is the most text, in bytes outside scripts and styles, kept
	// from a page; the rest is dropped. A 15,000-word feature has about
	// 100 KB; the extraction library's time and garbage grow faster than
	// linearly with text size.
	MaxText = 128 << 10
)

// HTML extracts the article of an HTML page. pageURL, when known, is the
// address it was fetched from. The charset comes from a byte-order mark or
// the page's meta declaration; use HTMLWithContentType to pass an HTTP
// Content-Type header as well.
func HTML(data []byte, pageURL string) (dossier.Article, error) {
	return HTMLWithContentType(data, pageURL, "")
}

// HTMLWithContentType extracts the article of an HTML page fetched with the
// given HTTP Content-Type header ("" when unknown). The charset is taken, in
// this order, from a byte-order mark, the header, and the page's meta
// declaration; a declared single-byte charset is overridden when the bytes
// are valid UTF-8 with non-ASCII text (a common mislabelling).
func HTMLWithContentType(data []byte, pageURL, contentType string) (dossier.Article, error) {
	doc, err := parsePage(data, contentType)
	if err != nil {
		return dossier.Article{}, fmt.Errorf("extract html %s: %w", nameOf(pageURL), err)
	}
	return fromDocument(doc, pageURL)
}

// nameOf names the input in error messages.
func nameOf(pageURL string) string {
	if pageURL == "" {
		return "(no url)"
	}
	return pageURL
}

// parsePage decodes and parses data into a bounded DOM.
func parsePage(data []byte, contentType string) (*html.Node, error) {
	if len(data) == 0 {
		return nil, dossier.Errorf(dossier.EINVALID, "empty page")
	}
	if len(data) > MaxInput {
		slog.Warn("extract: page cut to size limit", "bytes", len(data), "limit", MaxInput)
		data = data[:MaxInput]
	}
	if looksBinary(data) {
		return nil, dossier.Errorf(dossier.EINVALID, "not an HTML page (binary data)")
	}
	// Scripts go first: stripping them is cheaper than the tokenizing
	// cut, which most large pages then no longer need.
	text := stripElements(decode(data, contentType), true)
	if len(text) > prescanLimit {
		text = cutAtLimits(text)
	}
	doc, err := html.Parse(strings.NewReader(text))
	if err != nil {
		// The parser refuses very deep nesting: flatten it and retry.
		doc, err = html.Parse(strings.NewReader(flattenDeep(text)))
		if err != nil {
			return nil, dossier.Errorf(dossier.EINVALID, "cannot parse HTML: %v", err)
		}
	}
	boundTree(doc)
	return doc, nil
}

// looksBinary reports whether the start of data holds bytes that never occur
// in a text document (NUL and most C0 controls), unless a UTF-16 BOM
// explains the NULs.
func looksBinary(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) {
		return false
	}
	head := data[:min(len(data), 1024)]
	bad := 0
	for _, b := range head {
		if b == 0 || (b < 0x09) || (b > 0x0D && b < 0x20 && b != 0x1B) {
			bad++
		}
	}
	return bad > len(head)/20 || bytes.IndexByte(head, 0) >= 0
}

// fromDocument runs the extraction on a parsed page.
func fromDocument(doc *html.Node, pageURL string) (dossier.Article, error) {
	pm := readMeta(doc)
	preclean(doc)
	if engine != engineLibrary {
		fr := fastContent(doc)
		art, ok, err := fastArticle(doc, pm, pageURL, &fr, engine == engineFast)
		if fastHook != nil {
			fastHook(fr)
		}
		if ok {
			return art, err
		}
	}
	opts := libraryOptions(pageURL)
	var lib trafilatura.Metadata
	var bs []block
	hints := addLibraryHints(doc, pm.byline("", pm.siteGuess(pageURL), hostOf(pageURL)))
	res, err := trafilatura.ExtractDocument(doc, opts)
	removeNode(hints)
	if err == nil && res != nil {
		lib = res.Metadata
		if res.ContentNode != nil {
			bs = blocks(res.ContentNode)
		}
	}
	art := articleMeta(pm, lib, doc, pageURL)
	bs = filterBlocks(bs, art.Title, art.Description, art.Byline)
	bs = chooseBlocks(bs, pm, doc, opts, art.Title, art.Description, art.Byline)
	setParagraphs(&art, bs)
	if art.Language == "" {
		art.Language = isoLanguage(lib.Language)
	}
	if art.Text == "" && art.Title == "" {
		return art, dossier.Errorf(dossier.EINVALID, "no article text or title found")
	}
	return art, nil
}

// libraryOptions are the go-trafilatura options for a page.
func libraryOptions(pageURL string) trafilatura.Options {
	cfg := trafilatura.DefaultConfig()
	cfg.MinExtractedSize = 0 // no whole-page rescue: fall back on readability instead
	opts := trafilatura.Options{
		Config:          cfg,
		ExcludeComments: true,
		HtmlDateMode:    trafilatura.Disabled,
	}
	if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
		opts.OriginalURL = u
	}
	return opts
}

// articleMeta fills an article's metadata from the page's declarations,
// falling back on the library's reading of the page.
func articleMeta(pm pageMeta, lib trafilatura.Metadata, doc *html.Node, pageURL string) dossier.Article {
	var art dossier.Article
	ld := pm.article()
	ldField := func(k string) string {
		if ld == nil {
			return ""
		}
		return cleanSpace(unescapeEntities(ldString(ld[k])))
	}
	art.URL = firstOf(resolve(pageURL, pm.canonical), resolve(pageURL, pm.metaOf("og:url")), resolve(pageURL, ldField("url")), pageURL)
	host := hostOf(firstOf(pageURL, art.URL))
	publisher := ""
	if ld != nil {
		publisher = ldString(ld["publisher"])
	}
	art.Site = firstOf(siteName(pm.metaOf("og:site_name")), siteName(pm.metaOf("application-name")), siteName(publisher), siteName(lib.Sitename), host)
	art.Title = stripSite(firstOf(cleanSpace(lib.Title), ldField("headline"), cleanSpace(pm.metaOf("og:title", "twitter:title")), pm.title), art.Site, host)
	art.Byline = pm.byline(lib.Author, art.Site, host)
	art.Published, art.Modified = pm.dates(doc, pageURL)
	art.Language = firstOf(isoLanguage(pm.lang), isoLanguage(pm.metaOf("content-language", "og:locale", "language")), isoLanguage(ldField("inLanguage")))
	art.Description = firstOf(cleanSpace(pm.metaOf("og:description", "description", "twitter:description")), ldField("description"), cleanSpace(lib.Description))
	return art
}

// siteGuess is the site name from the page's own declarations, else the
// host: the site that articleMeta settles on unless only the library
// finds one.
func (pm pageMeta) siteGuess(pageURL string) string {
	publisher := ""
	if ld := pm.article(); ld != nil {
		publisher = ldString(ld["publisher"])
	}
	return firstOf(siteName(pm.metaOf("og:site_name")), siteName(pm.metaOf("application-name")), siteName(publisher), hostOf(pageURL))
}

// addLibraryHints adds to doc's head a JSON-LD declaration meant for the
// library's metadata pass only, and returns it for removal. The library
// has no switch for that pass, and the page's own JSON-LD is gone with
// the scripts by then; declaring a section and keywords spares it the
// scans of the whole page for category and tag links, whose results are
// unused, and declaring the author we already found (when we have one)
// spares its search of the page for bylines, whose result is then unused.
func addLibraryHints(doc *html.Node, author string) *html.Node {
	v := map[string]any{"@context": "https://schema.org", "@type": "Article", "articleSection": "-", "keywords": "-"}
	if author != "" {
		v["author"] = map[string]any{"@type": "Person", "name": author}
	}
	js, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	parent := findElement(doc, "head", 2)
	if parent == nil {
		if parent = findElement(doc, "html", 0); parent == nil {
			return nil
		}
	}
	n := &html.Node{Type: html.ElementNode, Data: "script", DataAtom: atom.Script, Attr: []html.Attribute{{Key: "type", Val: "application/ld+json"}}}
	n.AppendChild(&html.Node{Type: html.TextNode, Data: string(js)})
	parent.AppendChild(n)
	return n
}

// findElement returns the first element named tag among the children of
// doc, or of its elements, down to depth levels below them.
func findElement(n *html.Node, tag string, depth int) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.Data == tag {
			return c
		}
	}
	if depth == 0 {
		return nil
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if f := findElement(c, tag, depth-1); f != nil {
				return f
			}
		}
	}
	return nil
}

// removeNode detaches n from its parent, if any.
func removeNode(n *html.Node) {
	if n != nil && n.Parent != nil {
		n.Parent.RemoveChild(n)
	}
}

// unescapeEntities decodes HTML character references, which some
// publishers leave in JSON-LD strings ("&#8211;").
func unescapeEntities(s string) string {
	if !strings.Contains(s, "&") {
		return s
	}
	return html.UnescapeString(s)
}

// firstOf returns the first non-empty string.
func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// block is one paragraph or subheading of extracted text.
type block struct {
	text      string
	heading   bool
	tag       string // the element that made the block
	linkChars int    // bytes of text inside links
}

// setParagraphs joins blocks into art.Text with "\n\n" and records their
// offsets.
func setParagraphs(art *dossier.Article, bs []block) {
	var sb strings.Builder
	art.Paragraphs = art.Paragraphs[:0]
	for _, b := range bs {
		if sb.Len() > 0 {
			sb.WriteString("\n\n")
		}
		start := sb.Len()
		sb.WriteString(b.text)
		art.Paragraphs = append(art.Paragraphs, dossier.Paragraph{Start: start, End: sb.Len(), Heading: b.heading})
	}
	art.Text = sb.String()
}

// blocks flattens an extracted content tree into paragraphs in reading
// order: headings, paragraphs, list items, quotes and table rows each make
// one block; inline markup is folded into the text around it.
func blocks(root *html.Node) []block {
	return blocksPruned(root, nil)
}

// blocksPruned is blocks without the subtrees for which skip (when not
// nil) returns true.
func blocksPruned(root *html.Node, skip func(*html.Node) bool) []block {
	var out []block
	var cur strings.Builder
	heading, tag, links, inLink := false, "", 0, 0
	flush := func() {
		raw := cur.String()
		cur.Reset()
		marked := markedChars(raw)
		t := cleanSpace(raw)
		if t != "" {
			out = append(out, block{text: t, heading: heading, tag: tag, linkChars: min(max(links, marked), len(t))})
		}
		heading, links = false, 0
	}
	type frame struct {
		n      *html.Node
		exit   bool
		inline bool
	}
	stack := []frame{{n: root}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := f.n
		if f.exit {
			if f.inline {
				cur.WriteByte(' ')
				if f.n.Data == "a" {
					inLink--
				}
			} else {
				flush()
			}
			continue
		}
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			if inLink > 0 {
				links += len(strings.TrimSpace(n.Data))
			}
			continue
		case html.ElementNode:
			if skip != nil && skip(n) {
				continue
			}
			switch n.Data {
			case "br", "lb":
				cur.WriteByte('\n')
				continue
			case "script", "style", "noscript", "template":
				continue
			}
		}
		isBlock := n.Type == html.ElementNode && blockTags[n.Data]
		if isBlock {
			flush()
			heading, tag = headingTags[n.Data], n.Data
			stack = append(stack, frame{n: n, exit: true})
		} else if n.Type == html.ElementNode {
			// Extraction trims the white space around inline elements, so
			// their boundaries separate words, as in the library's own text.
			cur.WriteByte(' ')
			if n.Data == "a" {
				inLink++
			}
			stack = append(stack, frame{n: n, exit: true, inline: true})
		}
		for c := n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, frame{n: c})
		}
	}
	flush()
	return out
}

var blockTags = map[string]bool{
	"p": true, "div": true, "section": true, "article": true, "main": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true,
	"li": true, "item": true, "ul": true, "ol": true, "list": true, "dl": true, "dt": true, "dd": true,
	"blockquote": true, "quote": true, "pre": true, "table": true, "tr": true, "row": true,
	"figure": true, "figcaption": true, "header": true, "footer": true, "aside": true,
	"hr": true, "body": true, "html": true, "center": true, "address": true, "details": true, "summary": true,
}

var headingTags = map[string]bool{"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "head": true}

// markedChars counts the non-space bytes between pairs of linkMark.
func markedChars(s string) int {
	if !strings.ContainsRune(s, linkMark) {
		return 0
	}
	n, in := 0, false
	for _, r := range s {
		switch {
		case r == linkMark:
			in = !in
		case in && !unicode.IsSpace(r):
			n += utf8.RuneLen(r)
		}
	}
	return n
}

// cleanSpace collapses runs of white space (keeping single line breaks as
// spaces) and trims.
func cleanSpace(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.ContainsRune(s, linkMark) {
		s = strings.ReplaceAll(s, string(linkMark), "")
	}
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u00a0", " ")), " ")
}
