package feed

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/dossier/dossier"
)

// HTMLText turns an HTML fragment (a feed item's content) into clean text:
// one paragraph per block element, headings marked, scripts, styles and
// figures dropped, whitespace collapsed. Paragraphs are joined by "\n\n"
// and their spans returned. Plain text without markup comes back split at
// blank lines.
func HTMLText(fragment string) (string, []dossier.Paragraph) {
	if strings.TrimSpace(fragment) == "" {
		return "", nil
	}
	nodes, err := html.ParseFragment(strings.NewReader(fragment), &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return plainParagraphs(fragment)
	}
	var w textWriter
	for _, n := range nodes {
		w.walk(n)
	}
	w.flush()
	return w.text.String(), w.paras
}

type textWriter struct {
	text    strings.Builder
	paras   []dossier.Paragraph
	cur     strings.Builder
	heading bool
}

var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Iframe: true,
	atom.Figure: true, atom.Figcaption: true, atom.Svg: true, atom.Form: true,
	atom.Button: true, atom.Template: true, atom.Object: true, atom.Video: true, atom.Audio: true,
}

var blocks = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Blockquote: true, atom.Pre: true,
	atom.Section: true, atom.Article: true, atom.Tr: true, atom.Dd: true, atom.Dt: true,
	atom.Ul: true, atom.Ol: true, atom.Table: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Hr: true, atom.Main: true,
}

var headings = map[atom.Atom]bool{
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
}

func (w *textWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.cur.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipped[n.DataAtom] {
			return
		}
		if n.DataAtom == atom.Br {
			// Two line breaks in a row end a paragraph; one is a space.
			if prev := n.PrevSibling; prev != nil && prev.Type == html.ElementNode && prev.DataAtom == atom.Br {
				w.flush()
			} else {
				w.cur.WriteByte(' ')
			}
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	isBlock, isHeading := blocks[n.DataAtom], headings[n.DataAtom]
	if isBlock || isHeading {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if isHeading {
		w.heading = true
	}
	if isBlock || isHeading {
		w.flush()
	}
}

func (w *textWriter) flush() {
	p := strings.Join(strings.Fields(w.cur.String()), " ")
	w.cur.Reset()
	heading := w.heading
	w.heading = false
	if p == "" {
		return
	}
	if w.text.Len() > 0 {
		w.text.WriteString("\n\n")
	}
	start := w.text.Len()
	w.text.WriteString(p)
	w.paras = append(w.paras, dossier.Paragraph{Start: start, End: w.text.Len(), Heading: heading})
}

func plainParagraphs(s string) (string, []dossier.Paragraph) {
	var w textWriter
	for _, block := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n\n") {
		w.cur.WriteString(block)
		w.flush()
	}
	return w.text.String(), w.paras
}
