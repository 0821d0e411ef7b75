package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// textWithoutChrome parses page and returns its visible text without the
// text of the chrome elements, what stripping them must keep.
func textWithoutChrome(t testing.TB, page string) string {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	walkPrune(doc, func(n *html.Node) bool {
		if rawText(n) {
			return false
		}
		if n.Type == html.ElementNode {
			switch n.Data {
			case "nav", "aside", "footer", "svg":
				return false
			}
		}
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
			sb.WriteByte(' ')
		}
		return true
	})
	return strings.Join(strings.Fields(sb.String()), " ")
}

func TestStripChrome(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		gone       string // text that must be removed ("": nothing may be)
	}{
		{"nav", `<div><nav><ul><li><a href="/">Home</a></li></ul></nav><p>a</p></div>`, "Home"},
		{"nested asides", `<aside>x<aside>inner</aside>outer</aside><p>a</p>`, "outer"},
		{"footer with a comment", `<p>a</p><footer><!-- </footer> -->Copyright</footer><p>b</p>`, "Copyright"},
		{"upper case", `<P>a</P><NAV class=x>Menu</NAV><P>b</P>`, "Menu"},
		{"svg", `<p>a<svg viewBox="0 0 1 1"><path d="M0 0"/><text>icon</text></svg>b</p>`, "icon"},
		{"self-closing svg", `<p>a<svg/>b</p><svg><g>icon</g></svg>`, "icon"},
		{"script inside", `<nav><script>var s = "</nav>";</script>Menu</nav><p>a</p>`, "Menu"},
		{"end tag closing an outer div", `<div><nav>Menu</div><p>escaped</p></nav>`, ""},
		{"open link", `<nav><a href="/">Menu</nav><p>linked</p>`, ""},
		{"json-ld inside", `<footer><script type="application/ld+json">{"@type":"NewsArticle"}</script>x</footer>`, ""},
		{"html in svg", `<svg><p>text</p></svg>`, ""},
		{"unclosed", `<p>a</p><nav>Menu never closed`, ""},
		{"in an attribute", `<a title="<nav>">a</a><p>b</p>`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := stripElements(tc.page, true)
			if tc.gone == "" && got != tc.page || tc.gone != "" && strings.Contains(got, tc.gone) {
				t.Errorf("stripElements(%q) = %q, want %q removed", tc.page, got, tc.gone)
			}
			if want, have := textWithoutChrome(t, tc.page), textWithoutChrome(t, got); have != want {
				t.Errorf("stripElements(%q) = %q: text %q, want %q", tc.page, got, have, want)
			}
		})
	}
}

// FuzzStripChrome checks that removing the page chrome before parsing
// keeps the rest of the page's text as the parser would give it.
func FuzzStripChrome(f *testing.F) {
	f.Add(`<div><nav><ul><li><a href="/">Home</a></li></ul></nav><p>a</p></div>`)
	f.Add(`<p>a<svg viewBox="0 0 1 1"><path d="M0 0"/></svg>b</p><aside>x<aside>y</aside></aside>`)
	f.Add(`<div><nav>Menu</div><p>escaped</p></nav><footer><!-- </footer> -->c</footer>`)
	f.Fuzz(func(t *testing.T, page string) {
		got := stripElements(page, true)
		if want, have := textWithoutChrome(t, page), textWithoutChrome(t, got); have != want {
			t.Errorf("stripElements(%q) = %q: text %q, want %q", page, got, have, want)
		}
	})
}

// TestChromeEndLimit checks that the search for an element's end reads no
// further than its limit.
func TestChromeEndLimit(t *testing.T) {
	page := "<nav>" + strings.Repeat("<li>menu entry</li>", 1000) + "</nav><p>a</p>"
	if end, read := chromeEnd(page, 0, 5, len(page)); end != strings.Index(page, "<p>") || read <= 0 || read > len(page) {
		t.Errorf("whole page: end %d read %d", end, read)
	}
	if end, read := chromeEnd(page, 0, 5, 500); end != -1 || read > 500 {
		t.Errorf("limit 500: end %d read %d, want -1 and at most 500", end, read)
	}
}

// TestStripChromeUnclosed strips a page of many unclosed navigation
// elements: each search for an end reads to the end of the page, and the
// budget must stop them (the test would not finish otherwise).
func TestStripChromeUnclosed(t *testing.T) {
	page := strings.Repeat("<nav><p>menu</p>", 100_000)
	if got := stripElements(page, true); got != page {
		t.Errorf("unclosed elements were removed")
	}
}

func TestTagName(t *testing.T) {
	cases := map[string]string{
		"nav>": "nav", "NAV class=x>": "nav", "svg/>": "svg", "p\n>": "p", "nav-bar>": "nav-bar",
		"nav": "", "abcdefghijklmnopq>": "", "abcdefghijklmnop>": "abcdefghijklmnop", ">": "",
	}
	for in, want := range cases {
		var buf [16]byte
		if got := string(tagName(in, &buf)); got != want {
			t.Errorf("tagName(%q) = %q, want %q", in, got, want)
		}
	}
}
