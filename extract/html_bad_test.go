package extract

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dossier/dossier"
)

// article is a plain page with a few paragraphs of text.
func articlePage(paragraphs int) string {
	var sb strings.Builder
	sb.WriteString("<html><head><title>Test page</title></head><body><article><h1>Test page</h1>")
	for i := range paragraphs {
		sb.WriteString("<p>This is paragraph number ")
		sb.WriteString(strings.Repeat("x", i%7+1))
		sb.WriteString(" of a long article about the weather, the harbour and the council budget for next year.</p>")
	}
	sb.WriteString("</article></body></html>")
	return sb.String()
}

func TestHTMLBadInput(t *testing.T) {
	cases := []struct {
		name     string
		data     []byte
		wantErr  bool   // a clear error is expected
		wantText string // else, text that must be found
	}{
		{"empty", nil, true, ""},
		{"binary", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), true, ""},
		{"random bytes", bytes.Repeat([]byte{0x00, 0xff, 0x13, 0x07}, 500), true, ""},
		{"unclosed tags", []byte("<html><body><div><p>Unclosed paragraph about the storm that hit the coast on Monday night, flooding dozens of homes.<p>Second <b>bold <i>mixed</b> paragraph</i> about the damage to the sea wall and the road.<div><table><tr><td>cell"), false, "flooding dozens of homes"},
		{"stray end tags", []byte("</div></p></body></html><p>Text after stray end tags describing the market reopening after the fire, with most stalls back in place.</p></span>"), false, "market reopening"},
		{"plain text", []byte(strings.Repeat("Just words without any markup at all, about the weather and the council. ", 8)), false, "without any markup"},
		{"wrong charset name", []byte(`<meta charset="no-such-charset"><p>` + strings.Repeat("Café au lait in the old town square. ", 10) + `</p>`), false, "Café au lait"},
		{"invalid utf-8 declared utf-8", []byte("<meta charset=utf-8><p>" + strings.Repeat("Bad byte \xff\xfe here but the rest of the sentence about the harbour is fine. ", 6) + "</p>"), false, "rest of the sentence"},
		{"utf-16 declared in meta", []byte(`<meta charset="utf-16"><p>` + strings.Repeat("A page that claims UTF-16 but is plain ASCII text about trains. ", 6) + `</p>`), false, "plain ASCII text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			art, err := HTML(c.data, "https://example.com/bad")
			if c.wantErr {
				if err == nil {
					t.Fatalf("no error; text %q", art.Text)
				}
				if !strings.Contains(err.Error(), "https://example.com/bad") {
					t.Errorf("error does not name the input: %v", err)
				}
				if dossier.ErrorCode(err) != dossier.EINVALID {
					t.Errorf("error code %q, want %q", dossier.ErrorCode(err), dossier.EINVALID)
				}
				return
			}
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			checkArticle(t, art)
			if !strings.Contains(art.Text, c.wantText) {
				t.Errorf("text %q lacks %q", art.Text, c.wantText)
			}
		})
	}
}

func TestHTMLDeepNesting(t *testing.T) {
	const depth = 100_000
	var sb strings.Builder
	sb.WriteString("<html><body>")
	for range depth {
		sb.WriteString("<div>")
	}
	sb.WriteString("<p>Deep text about the council meeting and the new budget for the harbour, roads and schools.</p>")
	for range depth {
		sb.WriteString("</div>")
	}
	sb.WriteString("</body></html>")
	art, err := HTML([]byte(sb.String()), "")
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	if !strings.Contains(art.Text, "Deep text about the council") {
		t.Errorf("deep text lost: %q", art.Text)
	}
	// Unclosed inline tags nest as deep too.
	art, err = HTML([]byte("<p>start "+strings.Repeat("<b>", depth)+" end of the story</p>"), "")
	if err != nil {
		t.Fatalf("HTML inline nesting: %v", err)
	}
	checkArticle(t, art)
}

func TestBoundTree(t *testing.T) {
	var sb strings.Builder
	for range MaxDepth + 150 { // under the parser's own limit of 512, so boundTree acts
		sb.WriteString("<div>")
	}
	sb.WriteString("bottom text")
	doc, err := parsePage([]byte(sb.String()), "")
	if err != nil {
		t.Fatal(err)
	}
	deepest := 0
	walkDepth(doc, func(d int) { deepest = max(deepest, d) })
	if deepest > MaxDepth+1 {
		t.Errorf("tree depth %d exceeds MaxDepth %d", deepest, MaxDepth)
	}
	if !strings.Contains(textOf(doc), "bottom text") {
		t.Error("text below MaxDepth was lost")
	}
}

func TestHTMLHugePage(t *testing.T) {
	if testing.Short() {
		t.Skip("20 MB page: skipped in -short")
	}
	page := hugePage(20 << 20)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	art, err := HTML(page, "https://example.com/huge")
	if err != nil {
		t.Fatalf("HTML: %v", err)
	}
	runtime.ReadMemStats(&after)
	if !strings.Contains(art.Text, "paragraph number") {
		t.Errorf("no article text from the huge page")
	}
	if len(art.Text) > MaxInput {
		t.Errorf("text of %d bytes is longer than the input cap", len(art.Text))
	}
	t.Logf("20 MB page: %d bytes of text, %d MB allocated in total", len(art.Text), (after.TotalAlloc-before.TotalAlloc)>>20)
}

// hugePage returns an article page padded to n bytes with repeated
// paragraphs.
func hugePage(n int) []byte {
	var buf bytes.Buffer
	buf.WriteString("<html><head><title>Huge</title></head><body><article>")
	p := "<p>This is paragraph number one of a very long page about the harbour council and the budget for next year.</p>\n"
	for buf.Len() < n-len("</article></body></html>") {
		buf.WriteString(p)
	}
	buf.WriteString("</article></body></html>")
	return buf.Bytes()
}

func TestHTMLNamesInputInErrors(t *testing.T) {
	_, err := HTML(nil, "")
	if err == nil || !strings.Contains(err.Error(), "(no url)") {
		t.Errorf("error without a URL should say so: %v", err)
	}
	var de *dossier.Error
	if !errors.As(err, &de) {
		t.Errorf("error %v is not a coded dossier.Error", err)
	}
}

func FuzzHTML(f *testing.F) {
	f.Add([]byte(articlePage(3)), "https://example.com/a")
	f.Add([]byte("<html><head><meta charset=windows-1251><script type=application/ld+json>{\"@type\":\"NewsArticle\",\"author\":[{\"name\":\"A B\"}],\"datePublished\":\"2020-01-02\"}</script></head><body><p>x</p>"), "")
	f.Add([]byte("\xef\xbb\xbf<p>bom</p>"), "http://x/2020/01/02/y")
	f.Add([]byte("<div><div><div><p>deep"), "")
	if files, _ := filepath.Glob(filepath.Join("testdata", "html", "*.html")); len(files) > 0 {
		for _, file := range files {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data, "https://example.com/"+filepath.Base(file))
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, pageURL string) {
		art, err := HTML(data, pageURL)
		if err != nil {
			return
		}
		checkArticle(t, art)
	})
}
