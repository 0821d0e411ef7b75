package extract

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// walk calls fn on n and every node below it, in document order, without
// recursion.
func walk(n *html.Node, fn func(*html.Node)) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fn(x)
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

// walkPrune is walk where fn returns whether to visit the children of
// the node it was given.
func walkPrune(n *html.Node, fn func(*html.Node) bool) {
	stack := []*html.Node{n}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if !fn(x) {
			continue
		}
		for c := x.LastChild; c != nil; c = c.PrevSibling {
			stack = append(stack, c)
		}
	}
}

// attr returns the value of n's attribute key ("" when absent).
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// visitLD calls fn on every JSON object in a decoded JSON-LD value,
// including those inside @graph arrays and nested objects.
func visitLD(v any, fn func(map[string]any)) {
	stack := []any{v}
	for steps := 0; len(stack) > 0 && steps < 10000; steps++ {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		switch y := x.(type) {
		case map[string]any:
			fn(y)
			if g, ok := y["@graph"]; ok {
				stack = append(stack, g)
			}
			if m, ok := y["mainEntity"]; ok {
				stack = append(stack, m)
			}
		case []any:
			for i := len(y) - 1; i >= 0; i-- {
				stack = append(stack, y[i])
			}
		}
	}
}

// lowerHas reports whether s contains any of subs (lower case), ignoring
// case. Class names are mostly lower case ASCII already: they are
// searched as they are, others through a lower-case copy on the stack.
func lowerHas(s string, subs ...string) bool {
	lower := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || 'A' <= c && c <= 'Z' {
			lower = false
			break
		}
	}
	if lower {
		for _, x := range subs {
			if strings.Contains(s, x) {
				return true
			}
		}
		return false
	}
	var buf [256]byte
	if len(s) > len(buf) {
		return lowerHasUnicode(s, subs)
	}
	b := buf[:len(s)]
	ascii := true
	for i := 0; i < len(s); i++ {
		b[i] = lowerASCII(s[i])
		if s[i] >= utf8.RuneSelf {
			ascii = false
		}
	}
	if !ascii {
		return lowerHasUnicode(s, subs)
	}
	for _, x := range subs {
		if bytes.Contains(b, []byte(x)) {
			return true
		}
	}
	return false
}

func lowerHasUnicode(s string, subs []string) bool {
	ls := strings.ToLower(s)
	for _, x := range subs {
		if strings.Contains(ls, x) {
			return true
		}
	}
	return false
}

// hasPrefixLower reports whether s starts with prefix (lower case ASCII),
// ignoring the case of s.
func hasPrefixLower(s, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for j := 0; j < len(prefix); j++ {
		if lowerASCII(s[j]) != prefix[j] {
			return false
		}
	}
	return true
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
