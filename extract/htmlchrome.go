package extract

import "strings"

// Page chrome removed before parsing: navigation, asides, footers and
// inline SVG drawings are a third of a typical page's markup once scripts
// are gone, are never article text (preclean drops them from the tree
// anyway), and parsing them is the largest cost of extraction.
//
// An element is only removed when its extent in the text is the extent
// the parser would give it: the matching end tag is found by counting
// nested elements of its name, and the element is left for the parser
// whenever an end tag inside it could close an element around it, a
// link inside it stays open, it holds JSON-LD, or (for SVG) it holds HTML
// that the parser would move out of the drawing.

// chromeTags are the elements removed, by name.
var chromeTags = []string{"nav", "aside", "footer", "svg"}

// scopeTags are elements whose end tags, unmatched inside a chrome
// element, would close an element around it: the chrome element is then
// left for the parser.
var scopeTags = [...]string{"div", "section", "article", "main", "header", "nav", "aside", "footer", "ul", "ol", "li",
	"dl", "table", "tr", "td", "form", "span", "a", "body", "html", "button", "figure", "blockquote",
	"b", "i", "em", "strong", "font", "small", "u", "s"}

// svgBreakout are start tags that end an SVG drawing in the parser (their
// content goes to the HTML around it).
var svgBreakout = wordSet("b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed",
	"h1", "h2", "h3", "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p",
	"pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var", "font")

// chromeEnd returns the offset just past the element whose start tag
// begins at start in page and ends at bodyStart, when it is chrome that
// can be removed; else -1. It reads no further than page[:limit] and also
// returns how far past bodyStart it read.
func chromeEnd(page string, start, bodyStart, limit int) (end, read int) {
	end = chromeEndIn(page[:max(bodyStart, min(limit, len(page)))], start, bodyStart, &read)
	return end, read
}

func chromeEndIn(page string, start, bodyStart int, read *int) int {
	var nb [16]byte
	k, ok := chromeIndex[string(tagName(page[start+1:], &nb))]
	if !ok {
		return -1
	}
	name := chromeTags[k]
	if name == "svg" {
		switch selfClosing(page[start+1 : bodyStart-1]) {
		case 1:
			return bodyStart // a self-closing drawing
		case -1:
			return -1
		}
	}
	var open [len(scopeTags)]int // unclosed start tags inside, per scopeTags
	depth := 1
	i := bodyStart
	defer func() { *read = i - bodyStart }()
	for {
		j := strings.IndexByte(page[i:], '<')
		if j < 0 || i+j+1 >= len(page) {
			return -1
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
				return -1
			}
			i += 1 + 3 + end + 3
			continue
		case c == '/':
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return -1
			}
			nm := tagName(rest[1:], &nb)
			if string(nm) == name {
				if depth--; depth == 0 {
					if open[linkScope] > 0 {
						return -1 // the parser would reopen the link after the element
					}
					return i + 1 + end + 1
				}
			}
			if k, ok := scopeIndex[string(nm)]; ok {
				if open[k]--; open[k] < 0 {
					return -1
				}
			}
			i += 1 + end + 1
			continue
		case c == '!' || c == '?':
			end := strings.IndexByte(rest, '>')
			if end < 0 {
				return -1
			}
			i += 1 + end + 1
			continue
		case !isASCIILetter(c):
			i++
			continue
		}
		nm := tagName(rest, &nb)
		if string(nm) == "plaintext" {
			return -1
		}
		end := tagEnd(rest)
		if end < 0 {
			return -1
		}
		if string(nm) == name {
			switch {
			case name != "svg":
				depth++
			case selfClosing(rest[:end]) == 0:
				depth++
			case selfClosing(rest[:end]) < 0:
				return -1
			}
		}
		if name == "svg" && svgBreakout[string(nm)] {
			return -1
		}
		if k, ok := scopeIndex[string(nm)]; ok {
			open[k]++
		}
		i += 1 + end + 1
		if k, ok := rawTextIndex[string(nm)]; ok {
			n := rawTextElements[k]
			if n == "script" && lowerHas(rest[:end], "ld+json") {
				return -1 // the metadata reads it
			}
			close := closingTag(page[i:], n)
			if close < 0 || n == "script" && strings.Contains(page[i:i+close], "<!--") {
				return -1
			}
			closeEnd := strings.IndexByte(page[i+close:], '>')
			if closeEnd < 0 {
				return -1
			}
			i += close + closeEnd + 1
		}
	}
}

// Indexes of the tag lists, by name.
var (
	chromeIndex  = indexOf(chromeTags)
	scopeIndex   = indexOf(scopeTags[:])
	rawTextIndex = indexOf(rawTextElements)
	linkScope    = scopeIndex["a"]
)

func indexOf(names []string) map[string]int {
	m := make(map[string]int, len(names))
	for i, n := range names {
		m[n] = i
	}
	return m
}

// tagName returns, in buf, the lower-case name of the tag that s begins
// with (s follows "<" or "</"): the bytes before white space, "/" or ">"
// (hasTagPrefix's rule). It returns nil for a name longer than buf or not
// ended before the end of s.
func tagName(s string, buf *[16]byte) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\f', '\r', '/', '>':
			return buf[:i]
		default:
			if i == len(buf) {
				return nil
			}
			buf[i] = lowerASCII(c)
		}
	}
	return nil
}

// selfClosing reports whether a start tag (its text between "<" and ">")
// ends with the self-closing slash: 1 when it does, 0 when it does not,
// -1 when the slash could belong to an unquoted attribute value.
func selfClosing(tag string) int {
	if !strings.HasSuffix(tag, "/") {
		return 0
	}
	before := tag[:len(tag)-1]
	if !strings.ContainsAny(before, " \t\n\r\f") {
		return 1 // "svg/": the name alone
	}
	switch before[len(before)-1] {
	case ' ', '\t', '\n', '\r', '\f', '"', '\'':
		return 1
	}
	return -1
}
