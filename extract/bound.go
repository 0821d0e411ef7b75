package extract

import (
	"io"
	"strings"

	"golang.org/x/net/html"
)

// boundTree enforces MaxDepth, MaxNodes and MaxText on a parsed document
// without recursion: an element at MaxDepth keeps its subtree's text as
// one text child, and nodes past MaxNodes or MaxText are removed.
func boundTree(doc *html.Node) {
	type item struct {
		n     *html.Node
		depth int
	}
	count, text := 0, 0
	stack := []item{{doc, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		count++
		if it.n.Type == html.TextNode && !rawText(it.n.Parent) {
			text += len(it.n.Data)
		}
		if count > MaxNodes || text > MaxText {
			if p := it.n.Parent; p != nil {
				p.RemoveChild(it.n)
			}
			continue
		}
		if it.depth >= MaxDepth && it.n.FirstChild != nil {
			t := textOf(it.n)
			text += len(t)
			for c := it.n.FirstChild; c != nil; c = it.n.FirstChild {
				it.n.RemoveChild(c)
			}
			it.n.AppendChild(&html.Node{Type: html.TextNode, Data: t})
			continue
		}
		for c := it.n.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, item{c, it.depth + 1})
		}
	}
}

// textOf concatenates the text below n, iteratively, skipping scripts and
// styles.
func textOf(n *html.Node) string {
	var sb strings.Builder
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch x.Type {
		case html.TextNode:
			sb.WriteString(x.Data)
			continue
		case html.ElementNode:
			if x.Data == "script" || x.Data == "style" {
				continue
			}
			if x != n && blockTags[x.Data] {
				sb.WriteByte(' ')
			}
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
	return sb.String()
}

// walkDepth calls fn with the depth of every node below n, without
// recursion.
func walkDepth(n *html.Node, fn func(depth int)) {
	type item struct {
		n *html.Node
		d int
	}
	stack := []item{{n, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(it.d)
		for c := it.n.FirstChild; c != nil; c = c.NextSibling {
			stack = append(stack, item{c, it.d + 1})
		}
	}
}

// rawText reports script and style elements, whose text is not shown.
func rawText(n *html.Node) bool {
	return n != nil && n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style" || n.Data == "noscript" || n.Data == "template")
}

// flattenDepth is the element nesting kept by flattenDeep, well under the
// parser's own limit of 512 open elements.
const flattenDepth = 200

// flattenDeep rewrites a page so that no more than flattenDepth elements
// are open at once: deeper start tags and their end tags are dropped, and
// their text is kept. It works on tokens, so it never builds a deep tree.
func flattenDeep(page string) string {
	z := html.NewTokenizer(strings.NewReader(page))
	var out strings.Builder
	var open []string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				out.WriteString(" ")
			}
			return out.String()
		case html.StartTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if voidElements[tag] {
				out.Write(z.Raw())
				continue
			}
			if len(open) >= flattenDepth {
				continue
			}
			open = append(open, tag)
			out.Write(z.Raw())
		case html.EndTagToken:
			name, _ := z.TagName()
			tag := string(name)
			for i := len(open) - 1; i >= 0 && i >= len(open)-8; i-- {
				if open[i] == tag {
					open = open[:i]
					out.Write(z.Raw())
					break
				}
			}
		default:
			out.Write(z.Raw())
		}
	}
}

var voidElements = map[string]bool{"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "link": true, "meta": true, "param": true, "source": true, "track": true, "wbr": true}

// prescanLimit is the page size above which cutAtLimits runs before
// parsing; smaller pages are parsed whole and bounded after.
const prescanLimit = 1 << 20

// cutAtLimits returns the start of page that holds at most MaxText bytes
// of text (outside scripts and styles) and 10×MaxNodes tokens, cut at a token
// boundary. Working on tokens, it keeps the parse of huge pages small. The
// token cap is loose (10×MaxNodes) so that text under deep but bounded
// nesting survives; boundTree applies MaxNodes after parsing.
func cutAtLimits(page string) string {
	z := html.NewTokenizer(strings.NewReader(page))
	offset, text, tokens := 0, 0, 0
	raw := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return page
		}
		n := len(z.Raw())
		tokens++
		switch tt {
		case html.TextToken:
			if !raw {
				text += n
			}
		case html.StartTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "script", "style", "noscript", "template":
				raw = true
			}
		case html.EndTagToken:
			raw = false
		}
		if text > MaxText || tokens > 10*MaxNodes {
			return page[:offset]
		}
		offset += n
	}
}
