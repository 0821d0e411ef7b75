package extract

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
)

// minText is the article length, in characters, under which the main
// extraction is taken to have failed and readability is tried as well.
const minText = 250

// textRunes counts the characters of blocks.
func textRunes(bs []block) int {
	n := 0
	for _, b := range bs {
		n += utf8.RuneCountInString(b.text)
	}
	return n
}

// chooseBlocks decides on the article text. The first pass of trafilatura
// (without its whole-page rescue) is kept unless it is shorter than
// minText characters; then the publisher's own JSON-LD articleBody is
// taken when it has enough text, else readability's result or, failing
// that, trafilatura's rescue, whichever is longer.
func chooseBlocks(bs []block, pm pageMeta, doc *html.Node, opts trafilatura.Options, title, description, byline string) []block {
	n := textRunes(bs)
	if ld := ldBodyBlocks(pm); textRunes(ld) >= minText && n*2 < textRunes(ld) {
		return ld
	}
	if md := microdataBlocks(doc, opts, title, description, byline, 2*n); textRunes(md) >= minText && n*2 < textRunes(md) {
		return md
	}
	if n >= minText {
		return bs
	}
	if alt := filterBlocks(readabilityBlocks(doc, opts.OriginalURL), title, description, byline); textRunes(alt) > n {
		bs, n = alt, textRunes(alt)
	}
	if n >= minText {
		return bs
	}
	if alt := filterBlocks(rescueBlocks(doc), title, description, byline); textRunes(alt) > n {
		bs = alt
	}
	return bs
}

// ldBodyBlocks returns the articleBody of the page's JSON-LD article as
// blocks, one per line.
func ldBodyBlocks(pm pageMeta) []block {
	a := pm.article()
	if a == nil {
		return nil
	}
	body, _ := a["articleBody"].(string)
	if body == "" {
		return nil
	}
	if strings.Contains(body, "<") {
		if n, err := html.Parse(strings.NewReader(body)); err == nil {
			return blocks(n)
		}
	}
	var out []block
	for _, line := range strings.Split(body, "\n") {
		if t := cleanSpace(line); t != "" {
			out = append(out, block{text: t, tag: "p"})
		}
	}
	return out
}

// rescueBlocks is the last resort for short pages: the text of the first
// <article> (else <main>, else <body>) without navigation, headers,
// footers, asides, forms and share, social, related or comment blocks.
func rescueBlocks(doc *html.Node) []block {
	var article, main, body *html.Node
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch {
		case n.Data == "article" && article == nil:
			article = n
		case (n.Data == "main" || strings.EqualFold(attr(n, "role"), "main")) && main == nil:
			main = n
		case n.Data == "body" && body == nil:
			body = n
		}
	})
	root := article
	if root == nil {
		root = main
	}
	if root == nil {
		root = body
	}
	if root == nil {
		return nil
	}
	root = cloneTree(root)
	var drop []*html.Node
	walk(root, func(n *html.Node) {
		if n.Type != html.ElementNode || n == root {
			return
		}
		switch n.Data {
		case "nav", "header", "footer", "aside", "form", "button", "select", "menu", "noscript", "figure":
			drop = append(drop, n)
			return
		}
		if hasToken(n, "share", "social", "related", "comment", "newsletter", "menu", "breadcrumb", "sidebar", "byline", "author") {
			drop = append(drop, n)
		}
	})
	for _, n := range drop {
		if n.Parent != nil {
			n.Parent.RemoveChild(n)
		}
	}
	return blocks(root)
}

// readabilityBlocks extracts the main text with go-readability, the
// fallback when trafilatura finds too little.
func readabilityBlocks(doc *html.Node, pageURL *url.URL) []block {
	p := readability.NewParser()
	art, err := p.ParseDocument(doc, pageURL)
	if err != nil || art.Node == nil {
		return nil
	}
	return blocks(art.Node)
}

// microdataBlocks runs trafilatura on the page's itemprop="articleBody"
// element alone, when the page marks exactly one: the publisher's own
// declaration of where the article is.
// It returns nil at once when the element holds no more than minRunes
// characters of text.
func microdataBlocks(doc *html.Node, opts trafilatura.Options, title, description, byline string, minRunes int) []block {
	var body *html.Node
	count := 0
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && strings.EqualFold(attr(n, "itemprop"), "articleBody") {
			body = n
			count++
		}
	})
	if count != 1 || utf8.RuneCountInString(textOf(body)) <= minRunes {
		return nil
	}
	root := &html.Node{Type: html.DocumentNode}
	h := &html.Node{Type: html.ElementNode, Data: "html"}
	b := &html.Node{Type: html.ElementNode, Data: "body"}
	root.AppendChild(h)
	h.AppendChild(b)
	b.AppendChild(cloneTree(body))
	// Inside the declared body, trafilatura's whole-text rescue is safe.
	opts.Config = trafilatura.DefaultConfig()
	addLibraryHints(root, "Article Body")
	res, err := trafilatura.ExtractDocument(root, opts)
	if err != nil || res == nil || res.ContentNode == nil {
		return nil
	}
	return filterBlocks(blocks(res.ContentNode), title, description, byline)
}

// cloneTree deep-copies n without recursion.
func cloneTree(n *html.Node) *html.Node {
	type pair struct{ src, dst *html.Node }
	top := &html.Node{Type: n.Type, Data: n.Data, DataAtom: n.DataAtom, Namespace: n.Namespace, Attr: append([]html.Attribute(nil), n.Attr...)}
	stack := []pair{{n, top}}
	for len(stack) > 0 {
		p := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for c := p.src.FirstChild; c != nil; c = c.NextSibling {
			d := &html.Node{Type: c.Type, Data: c.Data, DataAtom: c.DataAtom, Namespace: c.Namespace, Attr: append([]html.Attribute(nil), c.Attr...)}
			p.dst.AppendChild(d)
			stack = append(stack, pair{c, d})
		}
	}
	return top
}
