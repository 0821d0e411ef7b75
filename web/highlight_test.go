package web

import (
	"io"
	"slices"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"golang.org/x/net/html"
)

// walk tokenizes rendered highlights, checking that tags nest properly,
// and returns the text with, for each byte, the classes of the spans
// around it.
func walk(t testing.TB, out string) (string, [][]string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(out))
	var stack []string // tag names
	var classes []string
	var text strings.Builder
	var cls [][]string
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				t.Fatalf("tokenize: %v", z.Err())
			}
			if len(stack) != 0 {
				t.Fatalf("unclosed elements %v in %s", stack, out)
			}
			return text.String(), cls
		case html.StartTagToken:
			tok := z.Token()
			stack = append(stack, tok.Data)
			c := ""
			for _, a := range tok.Attr {
				if a.Key == "class" {
					c = a.Val
				}
			}
			classes = append(classes, c)
			if tok.Data == "p" && text.Len() > 0 {
				text.WriteString("\n\n")
				for range 2 {
					cls = append(cls, nil)
				}
			}
		case html.EndTagToken:
			tok := z.Token()
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				t.Fatalf("</%s> closes %v in %s", tok.Data, stack, out)
			}
			stack, classes = stack[:len(stack)-1], classes[:len(classes)-1]
		case html.TextToken:
			s := html.UnescapeString(string(z.Text()))
			if strings.TrimSpace(s) == "" && len(stack) == 0 {
				continue
			}
			text.WriteString(s)
			for range len(s) {
				cls = append(cls, slices.Clone(classes))
			}
		}
	}
}

func hasClass(cs []string, c string) bool {
	return slices.ContainsFunc(cs, func(x string) bool { return slices.Contains(strings.Fields(x), c) })
}

func TestHighlightNestedAndOverlapping(t *testing.T) {
	text := "Putin said “trade hit $240 billion” in Beijing <b>today</b>."
	at := func(s string) (int, int) { i := strings.Index(text, s); return i, i + len(s) }
	qs, qe := at("trade hit $240 billion")
	fs, fe := at("$240 billion")
	ps, pe := at("Putin")
	bs, be := at("Beijing <b>")
	a := &dossier.Article{ID: "x", Text: text,
		Entities: []dossier.Entity{
			{ID: "p", Name: "Vladimir Putin", Type: dossier.PER, Mentions: []dossier.Span{{Start: ps, End: pe}}},
			{ID: "b", Name: "Beijing", Type: dossier.LOC, Mentions: []dossier.Span{{Start: bs, End: be}}},
			{ID: "t", Name: "trade hit", Type: dossier.MISC, Mentions: []dossier.Span{{Start: qs - 4, End: qs + 5}}}, // overlaps the quote's start
		},
		Quotes:  []dossier.Quote{{Text: "trade hit $240 billion", Start: qs, End: qe, Kind: "direct", Speaker: "Vladimir Putin"}},
		Figures: []dossier.Figure{{Text: "$240 billion", Start: fs, End: fe, Kind: "money"}},
	}
	out := string(highlight(a, [2]int{bs, be + 5})) // the target overlaps the entity and the <b> text
	got, cls := walk(t, out)
	if got != text {
		t.Fatalf("text changed:\n got %q\nwant %q", got, text)
	}
	check := func(start, end int, class string) {
		t.Helper()
		for i := start; i < end; i++ {
			if !hasClass(cls[i], class) {
				t.Fatalf("byte %d (%q) not inside .%s: %v\n%s", i, text[i], class, cls[i], out)
			}
		}
		if start > 0 && hasClass(cls[start-1], class) && class != "ent" {
			t.Errorf("byte before %s range inside it", class)
		}
	}
	check(qs, qe, "quote")
	check(fs, fe, "fig")
	check(ps, pe, "ent-per")
	check(bs, be, "ent-loc")
	check(qs-4, qs+5, "ent-misc")
	check(bs, be+5, "target")
	if strings.Count(out, `id="hl"`) != 1 {
		t.Errorf("target id written %d times", strings.Count(out, `id="hl"`))
	}
	if !strings.Contains(out, `data-speaker="Vladimir Putin"`) || strings.Contains(out, "<b>") {
		t.Errorf("output: %s", out)
	}
}

func TestHighlightSkipsBadOffsets(t *testing.T) {
	text := "Zürich is in Switzerland."
	a := &dossier.Article{ID: "x", Text: text, Entities: []dossier.Entity{{Name: "Z", Type: dossier.LOC, Mentions: []dossier.Span{
		{Start: 2, End: 5}, // inside the ü
		{Start: -1, End: 3}, {Start: 5, End: 500}, {Start: 9, End: 4},
	}}}}
	got, _ := walk(t, string(highlight(a, [2]int{})))
	if got != text {
		t.Errorf("text = %q", got)
	}
}

func FuzzHighlight(f *testing.F) {
	f.Add("Putin met Xi.\n\nThey said “yes”.", 0, 5, 3, 12, 20, 30)
	f.Add("<script>x</script>", 0, 8, 2, 4, 1, 18)
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2, s3, e3 int) {
		a := &dossier.Article{ID: "f", Text: text,
			Entities: []dossier.Entity{{ID: "e", Name: "E", Type: dossier.PER, Mentions: []dossier.Span{{Start: s1, End: e1}}}},
			Quotes:   []dossier.Quote{{Start: s2, End: e2, Speaker: "<x>"}},
			Figures:  []dossier.Figure{{Start: s3, End: e3}},
		}
		out := string(highlight(a, [2]int{s1, e3}))
		if strings.Contains(out, "<script") {
			t.Fatalf("script element in %q", out)
		}
		z := html.NewTokenizer(strings.NewReader(out))
		depth := 0
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			switch tt {
			case html.StartTagToken:
				depth++
			case html.EndTagToken:
				depth--
				if depth < 0 {
					t.Fatalf("unbalanced tags in %q", out)
				}
			}
		}
		if depth != 0 {
			t.Fatalf("unbalanced tags (%d) in %q", depth, out)
		}
	})
}

func FuzzParseRange(f *testing.F) {
	f.Add("10-20", 100)
	f.Add("-1-5", 10)
	f.Add("5-", 10)
	f.Fuzz(func(t *testing.T, v string, n int) {
		r, err := parseRange(v, n)
		if err == nil && v != "" && (r[0] < 0 || r[1] < r[0] || r[1] > n) {
			t.Fatalf("parseRange(%q, %d) = %v without error", v, n, r)
		}
	})
}

func FuzzDefaultParseJSON(f *testing.F) {
	f.Add([]byte(`{"id":"a","text":"hello","published":"2024-05-16"}`))
	f.Add([]byte(`{"text":`))
	f.Fuzz(func(t *testing.T, body []byte) {
		a, err := DefaultParse(body, "application/json", "")
		if err == nil && a == nil {
			t.Fatal("nil article without error")
		}
		if err != nil && dossier.ErrorCode(err) != dossier.EINVALID {
			t.Fatalf("error %v is not EINVALID", err)
		}
	})
}
