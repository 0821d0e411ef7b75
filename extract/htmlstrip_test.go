package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// visibleText parses page and returns the text outside scripts and styles
// and the JSON-LD scripts' text, the two things stripScripts must keep.
func visibleText(t testing.TB, page string) (text, ld string) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var sb, ldb strings.Builder
	walkPrune(doc, func(n *html.Node) bool {
		if n.Type == html.ElementNode && n.Data == "script" && strings.Contains(attr(n, "type"), "ld+json") && n.FirstChild != nil {
			ldb.WriteString(n.FirstChild.Data)
		}
		if rawText(n) {
			return false
		}
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		return true
	})
	// White space alone may differ: the parser keeps a space after a
	// script at the top of a page, and drops it after a comment there.
	return strings.Join(strings.Fields(sb.String()), " "), ldb.String()
}

func TestStripScripts(t *testing.T) {
	for _, tc := range []struct {
		name, page string
		gone       string // a script's text that must be removed ("": nothing may be)
	}{
		{"plain", `<p>a</p><script>var x = "<p>no</p>";</script><p>b</p><STYLE>p{}</STYLE><p>c</p>`, "var x"},
		{"json-ld kept", `<script type="application/ld+json">{"a":"<b>"}</script><p>a</p><script>x()</script>`, "x()"},
		{"attribute", `<a title="<script>">a</a><p>b</p><script>y()</script><p>c</p>`, "y()"},
		{"comment", `<!-- <script> --><p>a</p><script>z()</script><p>b</p>`, "z()"},
		{"empty comment", `<!--><p>a</p><script>z()</script><p>b</p>`, "z()"},
		{"textarea", `<textarea><script></textarea><p>a</p><script>q()</script><p>b</p>`, "q()"},
		{"escaped", `<script><!-- document.write("<script>x</script>") --></script><p>a</p><script>w</script>`, ""},
		{"unclosed", `<p>a</p><script>never closed <p>b</p>`, ""},
		{"close variants", `<p>a</p><script >1</script ><script/>2</SCRIPT><script>3</scripts></script>x<p>b</p>`, "</scripts>"},
		{"no scripts", `<p>a < b</p>`, ""},
		{"cut tag", `<p>a</p><script type="x`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := stripScripts(tc.page)
			if tc.gone == "" && got != tc.page || tc.gone != "" && strings.Contains(got, tc.gone) {
				t.Errorf("stripScripts(%q) = %q, want %q removed", tc.page, got, tc.gone)
			}
			wantText, wantLD := visibleText(t, tc.page)
			gotText, gotLD := visibleText(t, got)
			if gotText != wantText || gotLD != wantLD {
				t.Errorf("stripScripts(%q) = %q: text %q ld %q, want %q %q", tc.page, got, gotText, gotLD, wantText, wantLD)
			}
		})
	}
}

// FuzzStripScripts checks that removing scripts before parsing never
// changes a page's visible text or its JSON-LD.
func FuzzStripScripts(f *testing.F) {
	f.Add(`<p>a</p><script>x</script><style>y</style><p>b</p>`)
	f.Add(`<!-- <script> --><a title='<style>'>a</a><script type=application/ld+json>{}</script>`)
	f.Add(`<script><!--<script></script>--></script>t<textarea><style></textarea>`)
	f.Fuzz(func(t *testing.T, page string) {
		got := stripScripts(page)
		wantText, wantLD := visibleText(t, page)
		gotText, gotLD := visibleText(t, got)
		if gotText != wantText || gotLD != wantLD {
			t.Errorf("stripScripts(%q) = %q: text %q ld %q, want %q %q", page, got, gotText, gotLD, wantText, wantLD)
		}
	})
}
