package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// boundTree enforces MaxDepth and MaxNodes on a parsed document without
// recursion: an element at MaxDepth keeps its subtree's text as one text
// child, and nodes past MaxNodes are removed.
func boundTree(doc *html.Node) {
	type item struct {
		n     *html.Node
		depth int
	}
	count := 0
	stack := []item{{doc, 0}}
	for len(stack) > 0 {
		it := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		count++
		if count > MaxNodes {
			if p := it.n.Parent; p != nil {
				p.RemoveChild(it.n)
			}
			continue
		}
		if it.depth >= MaxDepth && it.n.FirstChild != nil {
			t := textOf(it.n)
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
