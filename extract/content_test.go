package extract

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// para is a paragraph of running text, distinct for each n.
func para(n int) string {
	return "<p>Paragraph " + strings.Repeat("i", n%9+1) + " of the story says that the council met on Monday, and that the harbour works will cost more than planned.</p>"
}

func paras(n int) string {
	var sb strings.Builder
	for i := range n {
		sb.WriteString(para(i))
	}
	return sb.String()
}

// fastOn parses a page and runs the fast path on it.
func fastOn(t *testing.T, page string) (fastResult, string) {
	t.Helper()
	doc, err := parsePage([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	pm := readMeta(doc)
	preclean(doc)
	fr := fastContent(doc)
	fastArticle(doc, pm, "", &fr, false)
	var sb strings.Builder
	for _, b := range fr.blocks {
		sb.WriteString(cleanSpace(b.text))
		sb.WriteString("\n")
	}
	return fr, sb.String()
}

func TestFastContent(t *testing.T) {
	teasers := `<div class="more"><h2>More news</h2><ul>` +
		`<li><h3><a href="/a">Mayor opens the new bridge over the river</a></h3><p>The bridge, three years late, carries two lanes and a cycle path.</p></li>` +
		`<li><h3><a href="/b">School meals to be free from September</a></h3><p>All primary pupils will get a hot lunch, the council said on Friday.</p></li>` +
		`<li><h3><a href="/c">Storm closes the coast road for a day</a></h3><p>Fallen trees blocked the road between the two villages, police said.</p></li>` +
		`</ul></div>`
	headerTeasers := strings.NewReplacer("<h3>", "<header><h5>", "</h3>", "</h5></header>").Replace(teasers)
	cases := []struct {
		name    string
		page    string
		trusted bool
		reason  string
		want    []string
		not     []string
	}{
		{"article beside chrome",
			`<html><body><nav><a href="/">Home</a> <a href="/news">News</a></nav><div class="wrap"><main><article><h1>Harbour works</h1>` + paras(8) +
				`<h2>What comes next</h2>` + paras(3) + `</article></main><div class="sidebar"><p>Our sidebar explains, at length, why you should read our other stories.</p></div></div>` +
				`<div id="comments"><p>What a waste of money, the council should be ashamed of itself, said one reader.</p></div><footer><p>Copyright, the paper, all rights reserved.</p></footer></body></html>`,
			true, "", []string{"Paragraph i of the story", "What comes next", "Paragraph iii of"}, []string{"sidebar", "waste of money", "Copyright", "Home"}},
		{"teaser list in the article's container",
			`<html><body><div class="page">` + paras(8) + teasers + `</div></body></html>`,
			true, "", []string{"Paragraph i of the story"}, []string{"Mayor opens", "bridge, three years late", "School meals"}},
		{"teaser headlines in headers",
			`<html><body><div class="page">` + paras(8) + headerTeasers + `</div></body></html>`,
			true, "", []string{"Paragraph i of the story"}, []string{"bridge, three years late"}},
		{"wrapper named as boilerplate",
			`<html><body><div class="advert-pusher"><div><p>Short intro.</p>` + paras(14) + `</div></div></body></html>`,
			true, "", []string{"Paragraph iiiiiiiii of the story"}, nil},
		{"comments are never a wrapper",
			`<html><body><div id="comments">` + paras(10) + `</div>` + paras(2) + `</body></html>`,
			false, "little text", nil, nil},
		{"a page of teasers only",
			`<html><body>` + teasers + teasers + `</body></html>`,
			false, "little text", nil, nil},
		{"text spread over columns",
			`<html><body><div>` + paras(5) + `</div><div>` + paras(5) + `</div><div>` + paras(5) + `</div></body></html>`,
			false, "no container", nil, nil},
		{"link dense",
			`<html><body><div>` + strings.Repeat(para(1)+`<p><a href="/x">A long link to another story about the harbour, the council and the budget for next year</a></p>`, 10) + `</div></body></html>`,
			false, "link dense", nil, nil},
		{"page inside a form and a custom element",
			`<html><body><form action="/"><site-page><div><article>` + paras(8) + `</article><div class="more">` + paras(1) + `</div></div></site-page></form></body></html>`,
			true, "", []string{"Paragraph i of the story"}, nil},
		{"low density",
			`<html><body><div class="wrap">` + strings.Repeat(para(1)+strings.Repeat(`<div><span>Weather</span> <span>Sport</span> <span>Local news and events</span></div>`, 6), 6) + `</div></body></html>`,
			false, "low density", nil, nil},
		{"not the declared body",
			`<html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"` +
				strings.Repeat("The declared story is about the football club and its new stadium by the river. ", 8) +
				`"}</script></head><body><article>` + paras(8) + `</article></body></html>`,
			false, "not the declared body", nil, nil},
		{"the declared body",
			`<html><head><script type="application/ld+json">{"@type":"NewsArticle","articleBody":"` +
				strings.ReplaceAll(strings.ReplaceAll(paras(8), "<p>", ""), "</p>", " ") +
				`"}</script></head><body><article>` + paras(8) + `</article></body></html>`,
			true, "", []string{"Paragraph i of"}, nil},
		{"caption and trailing links",
			`<html><body><article><div class="image"><img src="a.jpg"><p>The harbour at dawn, photographed from the old pier by our reporter.</p></div>` + paras(8) +
				`<p><a href="/report">Report an error</a></p><h3>Top videos</h3></article></body></html>`,
			true, "", []string{"Paragraph i of"}, []string{"harbour at dawn", "Report an error", "Top videos"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			fr, text := fastOn(t, c.page)
			if fr.trusted != c.trusted || fr.reason != c.reason {
				t.Errorf("trusted %v reason %q, want %v %q", fr.trusted, fr.reason, c.trusted, c.reason)
			}
			text = cleanSpace(strings.Join(blockTexts(trimTail(fr.blocks)), "\n"))
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("text lacks %q:\n%s", w, text)
				}
			}
			for _, w := range c.not {
				if strings.Contains(text, w) {
					t.Errorf("text has %q:\n%s", w, text)
				}
			}
		})
	}
}

func blockTexts(bs []block) []string {
	var out []string
	for _, b := range bs {
		out = append(out, b.text)
	}
	return out
}

func TestNameKind(t *testing.T) {
	cases := []struct {
		class string
		want  int
	}{
		{"", nameNeutral},
		{"sidebar", nameBoilerplate},
		{"share-buttons", nameBoilerplate},
		{"relatedStories", nameBoilerplate},
		{"ad", nameBoilerplate},
		{"header ad-slot", nameBoilerplate},
		{"comments-area", nameComments},
		{"disqus_thread", nameComments},
		{"respond", nameBoilerplate}, // WordPress's reply form
		{"replies", nameBoilerplate},
		{"responsive-wrapper", nameNeutral},
		{"paywall-notice", nameBoilerplate},
		{"article-share", nameNeutral}, // the likely word wins
		{"post-comments", nameNeutral},
		{"PageBuilder-pageRow", nameNeutral}, // "pager" only as a whole word
		{"widget Blog", nameNeutral},
		{"shadow", nameNeutral},
		{"headline", nameNeutral},
	}
	for _, c := range cases {
		n := &html.Node{Type: html.ElementNode, Data: "div", Attr: []html.Attribute{{Key: "class", Val: c.class}}}
		if got := nameKind(n); got != c.want {
			t.Errorf("nameKind(class=%q) = %d, want %d", c.class, got, c.want)
		}
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", Attr: []html.Attribute{{Key: "class", Val: "has-sidebar cookie-consent"}}}
	if nameKind(body) != nameNeutral {
		t.Error("the body's class names boilerplate")
	}
}

func TestTrimTail(t *testing.T) {
	bs := []block{
		{text: "A paragraph of the article that ends with a full stop."},
		{text: "Subheading", heading: true},
		{text: "Another paragraph, the last one of the article."},
		{text: "Report error", linkChars: 12},
		{text: "Top videos", heading: true},
	}
	got := trimTail(bs)
	if len(got) != 3 || got[2].text != "Another paragraph, the last one of the article." {
		t.Errorf("trimTail kept %q", blockTexts(got))
	}
}

func TestDetectLanguage(t *testing.T) {
	cases := map[string]string{
		"": "",
		"The council met on Monday and agreed that the harbour works will cost more than was planned last year.":               "en",
		"Der Stadtrat hat am Montag beschlossen, dass die Arbeiten am Hafen mehr kosten werden als im letzten Jahr geplant.":   "de",
		strings.Repeat("Le conseil municipal s'est réuni lundi et a décidé que les travaux du port coûteront plus cher. ", 40): "fr",
	}
	for text, want := range cases {
		if got := detectLanguage(text); got != want {
			t.Errorf("detectLanguage(%.40q) = %q, want %q", text, got, want)
		}
	}
}

func TestFastArticleMetadata(t *testing.T) {
	page := `<html><head><title>Harbour works to cost more | The Courier</title>` +
		`<meta property="og:site_name" content="The Courier"><meta name="author" content="Maria Okafor">` +
		`<meta property="article:published_time" content="2024-03-12T09:00:00Z"></head>` +
		`<body><article><h1>Harbour works to cost more</h1>` + paras(10) + `</article></body></html>`
	defer func(e int) { engine = e }(engine)
	engine = engineFast
	art, err := HTML([]byte(page), "https://courier.example/news/harbour")
	if err != nil {
		t.Fatal(err)
	}
	if art.Title != "Harbour works to cost more" || art.Byline != "Maria Okafor" || art.Site != "The Courier" ||
		art.Language != "en" || art.Published.Format("2006-01-02") != "2024-03-12" {
		t.Errorf("metadata: title %q byline %q site %q language %q published %v", art.Title, art.Byline, art.Site, art.Language, art.Published)
	}
	if !strings.HasPrefix(art.Text, "Paragraph i of the story") || len(art.Paragraphs) != 10 {
		t.Errorf("text: %d paragraphs, %.80q", len(art.Paragraphs), art.Text)
	}
}

func TestLowerHas(t *testing.T) {
	long := strings.Repeat("x", 300) + "Byline"
	cases := []struct {
		s    string
		subs []string
		want bool
	}{
		{"article-byline", []string{"author", "byline"}, true},
		{"Article-ByLine", []string{"byline"}, true},
		{"Article-ByLine", []string{"author"}, false},
		{long, []string{"byline"}, true},
		{"Ünïcode Copyright", []string{"copyright"}, true},
		{"© 2024", []string{"copyright", "©"}, true},
		{"", []string{"x"}, false},
	}
	for _, c := range cases {
		if got := lowerHas(c.s, c.subs...); got != c.want {
			t.Errorf("lowerHas(%.30q, %q) = %v", c.s, c.subs, got)
		}
	}
}

func TestFastArticleTitleEntities(t *testing.T) {
	page := `<html><head><script type="application/ld+json">{"@type":"NewsArticle","headline":"Review &#8211; &#8216;Fallen Order&#8217; &amp; more"}</script></head>` +
		`<body><article>` + paras(10) + `</article></body></html>`
	defer func(e int) { engine = e }(engine)
	engine = engineFast
	art, err := HTML([]byte(page), "https://games.example/review")
	if err != nil {
		t.Fatal(err)
	}
	if want := "Review – ‘Fallen Order’ & more"; art.Title != want {
		t.Errorf("title %q, want %q", art.Title, want)
	}
}

// TestHTMLConcurrent extracts pages from several goroutines at once; run
// with -race it checks that extraction shares no mutable state.
func TestHTMLConcurrent(t *testing.T) {
	page := []byte(`<html><body><nav><a href="/">Home</a></nav><article>` + paras(10) + `</article></body></html>`)
	errs := make(chan error, 8)
	for range 8 {
		go func() {
			_, err := HTML(page, "https://example.com/a")
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}

func TestFastArticleAuthorLink(t *testing.T) {
	defer func(e int) { engine = e }(engine)
	engine = engineFast
	for _, c := range []struct{ link, want string }{
		{`<a class="author" href="/people/42">Dan Evon</a>`, "Dan Evon"},
		{`<a href="https://blog.example/author/moritz-bachmann">Moritz Bachmann</a>`, "Moritz Bachmann"},
		{`<a href="https://blog.example/author/staff">More from our staff</a>`, ""},
		{`<a class="authority" href="/x">Maria Okafor</a>`, ""},
	} {
		page := `<html><body><article><h1>Harbour works</h1><p class="meta">` + c.link + `</p>` + paras(10) + `</article></body></html>`
		art, err := HTML([]byte(page), "https://blog.example/harbour")
		if err != nil {
			t.Fatal(err)
		}
		if art.Byline != c.want {
			t.Errorf("%s: byline %q, want %q", c.link, art.Byline, c.want)
		}
	}
}

func TestAgreesWithDeclaredBodyFewTokens(t *testing.T) {
	// A body in a script without spaces has few \w+ tokens however long.
	body := strings.Repeat("北京今天举行了会议讨论港口工程的预算问题", 20)
	pm := pageMeta{ld: []map[string]any{{"@type": "NewsArticle", "articleBody": body}}}
	for _, bs := range [][]block{nil, {{text: body}}, {{text: "其他"}}} {
		_ = agreesWithDeclaredBody(bs, pm) // must not panic
	}
	if !agreesWithDeclaredBody([]block{{text: body}}, pm) {
		t.Error("the declared body itself disagrees with it")
	}
}
