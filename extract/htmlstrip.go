package extract

import "strings"

// stripScripts replaces <script> and <style> elements by empty comments in
// a page before it is parsed (preclean drops both), keeping JSON-LD
// scripts (the metadata reads them). Scripts are a large part of today's
// pages; the parser would tokenize them and keep their text, only for
// preclean to drop them.
//
// It steps over tags as the HTML tokenizer does: attribute values are
// skipped whole, and so are comments and the raw text of elements such as
// <textarea> and <noscript>; a script or style ends at its first closing
// tag. A script holding "<!--" may be in the tokenizer's escaped states,
// where that rule does not hold: there, and wherever the page is cut short
// (an unclosed tag, comment or element), the rest of the page is left as
// it is for the parser.
func stripScripts(page string) string {
	return stripElements(page, false)
}

// stripElements is stripScripts that, when chrome is set, also removes
// the page chrome of stripChrome.
func stripElements(page string, chrome bool) string {
	var out strings.Builder
	// The bytes that the search for the ends of chrome elements may read
	// in all: unclosed or badly nested elements are read to the end of
	// the page and then left in, and must not make stripping quadratic.
	budget := 2*len(page) + 64<<10
	last := 0 // page[last:i] is yet to be copied
	i := 0
	for {
		j := strings.IndexByte(page[i:], '<')
		if j < 0 || i+j+1 >= len(page) {
			break
		}
		i += j
		rest := page[i+1:]
		switch c := rest[0]; {
		case strings.HasPrefix(rest, "!--"):
			if strings.HasPrefix(rest, "!-->") || strings.HasPrefix(rest, "!--->") {
				i += 4
				continue
			}
			end := strings.Index(rest[3:], "-->")
			if end < 0 {
				return joinStripped(&out, page, last)
			}
			i += 1 + 3 + end + 3
			continue
		case c == '/' || c == '!' || c == '?':
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return joinStripped(&out, page, last)
			}
			i += 1 + end + 1
			continue
		case !isASCIILetter(c):
			i++
			continue
		}
		var nb [16]byte
		nm := tagName(rest, &nb)
		if string(nm) == "plaintext" {
			return joinStripped(&out, page, last) // the rest is text
		}
		open := tagEnd(rest)
		if open < 0 {
			break
		}
		bodyStart := i + 1 + open + 1
		name := ""
		if k, ok := rawTextIndex[string(nm)]; ok {
			name = rawTextElements[k]
		}
		if name == "" {
			end := -1
			if chrome {
				var read int
				end, read = chromeEnd(page, i, bodyStart, bodyStart+budget)
				if budget -= read; budget <= 0 {
					chrome = false // hostile nesting: leave the rest to the parser
				}
			}
			if end < 0 {
				i = bodyStart
				continue
			}
			if out.Cap() == 0 {
				out.Grow(len(page) / 2)
			}
			out.WriteString(page[last:i])
			out.WriteString("<!---->")
			i = end
			last = i
			continue
		}
		close := closingTag(page[bodyStart:], name)
		if close < 0 {
			break
		}
		closeEnd := strings.IndexByte(page[bodyStart+close:], '>')
		if closeEnd < 0 {
			break
		}
		end := bodyStart + close + closeEnd + 1
		switch {
		case name != "script" && name != "style",
			name == "script" && lowerHas(rest[:open], "ld+json"):
			i = end
			continue
		case name == "script" && strings.Contains(page[bodyStart:bodyStart+close], "<!--"):
			return joinStripped(&out, page, last)
		}
		if out.Cap() == 0 {
			out.Grow(len(page) / 2)
		}
		out.WriteString(page[last:i])
		// An empty comment in its place keeps the text around it apart
		// ("<" before it would otherwise open a tag with the text after).
		out.WriteString("<!---->")
		i = end
		last = i
	}
	return joinStripped(&out, page, last)
}

// rawTextElements are the elements whose content the tokenizer reads as
// text up to their closing tag (script and style first).
var rawTextElements = []string{"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript"}

// joinStripped returns out followed by page[last:], or page itself when
// nothing was removed.
func joinStripped(out *strings.Builder, page string, last int) string {
	if last == 0 {
		return page
	}
	out.WriteString(page[last:])
	return out.String()
}

func isASCIILetter(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// tagEnd returns the offset of the '>' that ends the start tag s begins
// (s follows its '<'), stepping over quoted attribute values, or -1.
func tagEnd(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '>':
			return i
		case '=':
			k := i + 1
			for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r' || s[k] == '\f') {
				k++
			}
			if k < len(s) && (s[k] == '"' || s[k] == '\'') {
				q := strings.IndexByte(s[k+1:], s[k])
				if q < 0 {
					return -1
				}
				i = k + 1 + q
			} else {
				i = k - 1
			}
		}
	}
	return -1
}

// hasTagPrefix reports whether s starts with the tag name (ASCII, any
// case) followed by what ends a tag name.
func hasTagPrefix(s, name string) bool {
	if len(s) <= len(name) || !strings.EqualFold(s[:len(name)], name) {
		return false
	}
	switch s[len(name)] {
	case ' ', '\t', '\n', '\f', '\r', '/', '>':
		return true
	}
	return false
}

// closingTag returns the offset in s of the first "</name" closing tag
// (any case), or -1.
func closingTag(s, name string) int {
	for i := 0; ; {
		j := strings.Index(s[i:], "</")
		if j < 0 {
			return -1
		}
		i += j
		if hasTagPrefix(s[i+2:], name) {
			return i
		}
		i += 2
	}
}
