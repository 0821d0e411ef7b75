package extract

import (
	"strings"

	"golang.org/x/net/html"
)

// preclean removes, before the main-text extraction, scripts, styles and
// other non-text elements, and what a reader never sees as part of the
// article but the extraction library would keep: hidden
// elements, hover cards and tooltips inside the text, and cookie or consent
// banners. It also unmarks embedded social posts (quoted tweets), which the
// library would drop as social widgets although their text is quoted in
// the article.
func preclean(doc *html.Node) {
	var drop, dropWithTail []*html.Node
	walkPrune(doc, func(n *html.Node) bool {
		if n.Type == html.CommentNode {
			drop = append(drop, n)
			return false
		}
		if n.Type != html.ElementNode {
			return true
		}
		switch n.Data {
		case "script", "style", "svg", "template", "iframe", "link", "canvas", "video", "audio", "object", "embed":
			// Never article text; the metadata was read before. Dropping
			// them early spares the library's copies of the tree.
			drop = append(drop, n)
			return false
		case "html", "body", "head", "main", "article":
			return true
		case "a":
			markLink(n)
		case "blockquote":
			if c := attr(n, "class"); strings.Contains(c, "twitter-tweet") || strings.Contains(c, "instagram-media") {
				setAttr(n, "class", "embedded-post")
				unmarkWrappers(n)
				return true
			}
		}
		if libraryCleans[n.Data] || n.Data == "figure" && !hasDescendant(n, "table") {
			// The library removes these, with the text that follows
			// them up to the next element, before it looks for the
			// article; removing them first spares it copying and
			// scanning them, and keeps them out of the fallbacks.
			dropWithTail = append(dropWithTail, n)
			return false
		}
		if isHidden(n) || hasToken(n, "tooltip", "popover", "hovercard", "rollover") || isConsentBanner(n) {
			drop = append(drop, n)
			return false
		}
		return true
	})
	for _, n := range dropWithTail {
		for t := n.NextSibling; t != nil && t.Type != html.ElementNode; {
			next := t.NextSibling
			if t.Type == html.TextNode {
				t.Parent.RemoveChild(t)
			}
			t = next
		}
		removeNode(n)
	}
	for _, n := range drop {
		removeNode(n)
	}
}

// libraryCleans are the elements of a page's body that go-trafilatura
// removes before it looks for the article: its tagsToClean, less those
// preclean drops anyway, <time> (the date search reads it) and <form>
// (some sites wrap the whole page in one, and the fallbacks then find the
// text in it).
var libraryCleans = map[string]bool{
	"aside": true, "footer": true, "menu": true, "applet": true, "map": true, "picture": true,
	"area": true, "blink": true, "button": true, "datalist": true, "dialog": true, "frame": true, "frameset": true,
	"fieldset": true, "input": true, "label": true, "legend": true, "marquee": true, "math": true, "menuitem": true,
	"nav": true, "noscript": true, "optgroup": true, "option": true, "output": true, "param": true, "progress": true,
	"rp": true, "rt": true, "rtc": true, "select": true, "source": true, "textarea": true, "use": true,
}

// hasDescendant reports whether an element named tag is below n.
func hasDescendant(n *html.Node, tag string) bool {
	found := false
	walkPrune(n, func(x *html.Node) bool {
		if x != n && x.Type == html.ElementNode && x.Data == tag {
			found = true
		}
		return !found
	})
	return found
}

// isHidden reports elements hidden by the hidden attribute or inline style.
func isHidden(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "hidden":
			return true
		case "style":
			s := strings.ToLower(strings.ReplaceAll(a.Val, " ", ""))
			if strings.Contains(s, "display:none") || strings.Contains(s, "visibility:hidden") {
				return true
			}
		}
	}
	return false
}

// isConsentBanner reports cookie and consent notices.
func isConsentBanner(n *html.Node) bool {
	return hasToken(n, "cookie", "consent", "gdpr")
}

// hasToken reports whether n's class or id contains any of subs (lower
// case substrings).
func hasToken(n *html.Node, subs ...string) bool {
	for _, a := range n.Attr {
		if a.Key != "class" && a.Key != "id" {
			continue
		}
		if lowerHas(a.Val, subs...) {
			return true
		}
	}
	return false
}

func setAttr(n *html.Node, key, val string) {
	for i := range n.Attr {
		if n.Attr[i].Key == key {
			n.Attr[i].Val = val
			return
		}
	}
	n.Attr = append(n.Attr, html.Attribute{Key: key, Val: val})
}

// unmarkWrappers clears the class and id of the few ancestors that only
// wrap n (a social embed), so that class-based cleaning keeps it.
func unmarkWrappers(n *html.Node) {
	own := strings.TrimSpace(textOf(n))
	for p, i := n.Parent, 0; p != nil && i < 3 && p.Type == html.ElementNode; p, i = p.Parent, i+1 {
		if p.Data == "body" || strings.TrimSpace(textOf(p)) != own {
			return
		}
		setAttr(p, "class", "")
		setAttr(p, "id", "")
	}
}

// linkMark is an invisible character put around the text of every link
// before extraction, so that link density can be measured on the
// library's plain-text output (its own link mode loses and reorders
// text). blocks counts and removes the marks.
const linkMark = '\u2063'

// markLink puts linkMark before and after the content of a link.
func markLink(n *html.Node) {
	if n.FirstChild == nil {
		return
	}
	n.InsertBefore(&html.Node{Type: html.TextNode, Data: string(linkMark)}, n.FirstChild)
	n.AppendChild(&html.Node{Type: html.TextNode, Data: string(linkMark)})
}
