package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/brief"
	"github.com/dossier/dossier/sample"
	"github.com/dossier/dossier/sqlite"
	"golang.org/x/net/html"
)

const testToken = "s3cret-token"

// newTestServer serves the fixture corpus on loopback.
func newTestServer(t testing.TB, st dossier.Store, opt Options) *httptest.Server {
	t.Helper()
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opt.Annotate == nil {
		opt.Annotate = func(a dossier.Article) dossier.Article { return a }
	}
	s, err := New(st, opt)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	t.Cleanup(ts.Close)
	return ts
}

type response struct {
	status int
	header http.Header
	body   string
}

func do(t testing.TB, method, u string, body io.Reader, header map[string]string) response {
	t.Helper()
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

func get(t testing.TB, u string) response { return do(t, "GET", u, nil, nil) }

// decodeStrict decodes a JSON body into v and checks that every required
// key is present at the top level.
func decodeStrict(t *testing.T, body string, v any, required ...string) {
	t.Helper()
	if err := json.Unmarshal([]byte(body), v); err != nil {
		t.Fatalf("decode %T: %v\n%s", v, err, body)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(body), &m); err != nil {
		t.Fatalf("body is not a JSON object: %v", err)
	}
	for _, k := range required {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks required field %q: %s", k, body[:min(len(body), 300)])
		}
	}
}

// fixtureStores returns the fixture corpus in the in-memory fake and in a
// real SQLite store, so every route is checked against both.
func fixtureStores(t *testing.T) map[string]dossier.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "fixture.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	if _, err := st.PutArticles(context.Background(), fixtureArticles(t)); err != nil {
		t.Fatal(err)
	}
	return map[string]dossier.Store{"mem": newMemStore(fixtureArticles(t)...), "sqlite": st}
}

func TestPages(t *testing.T) {
	for name, st := range fixtureStores(t) {
		t.Run(name, func(t *testing.T) { testPages(t, st) })
	}
}

func testPages(t *testing.T, st dossier.Store) {
	ts := newTestServer(t, st, Options{})
	for _, tc := range []struct {
		name, path string
		status     int
		want       []string
	}{
		{"landing", "/", 200, []string{"Search the news", "4 articles"}},
		{"search", "/search?q=putin+china", 200, []string{
			"results for", "Xi and Putin Discuss", "<mark>", // snippet marks
			"People", "Vladimir Putin", "Places", "Sources", "Months", // facets
			`href="/search?q=putin&#43;china&#43;entity%3A%22Vladimir&#43;Putin%22"`, // a facet narrows the query
		}},
		{"search facet active", "/search?q=putin+entity%3A%22Vladimir+Putin%22", 200, []string{`class="active"`}},
		{"search no results", "/search?q=zebra", 200, []string{"0 results", "No article matches"}},
		{"search page 2", "/search?q=china&offset=20", 200, []string{"results for"}},
		{"article", "/articles/seed-putin-china", 200, []string{
			`class="quote quote-direct" data-speaker="Vladimir Putin"`, `class="ent ent-per" data-entity="PER:vladimir-putin"`,
			`class="fig"`, `class="cue"`, `class="qsource"`, "Russian President"}},
		{"article target", "/articles/seed-putin-china?hl=10-24", 200, []string{`<span class="target" id="hl">`}},
		{"entity", "/entities/PER:vladimir-putin?name=Vladimir+Putin", 200, []string{
			"Vladimir Putin", "Quotes by Vladimir Putin", putinQuote, "Xi Jinping", "<svg"}},
		{"entity without name hint", "/entities/LOC:china", 200, []string{"China", "Place"}},
		{"brief", "/brief?q=putin+china", 200, []string{`class="brief"`, "Key people", "Who said what", "Vladimir Putin", `/articles/seed-putin-china?hl=`}},
		{"brief empty", "/brief", 200, []string{"Type a query"}},
		{"css", "/static/style.css", 200, []string{".topbar"}},
		{"brief css", "/static/brief.css", 200, []string{".brief"}},
		{"missing article", "/articles/nope", 404, []string{"404", "no article"}},
		{"missing entity", "/entities/nope?name=x", 404, []string{"no entity"}},
		{"bad hl", "/articles/seed-putin-china?hl=5-99999", 400, []string{"hl must be"}},
		{"bad offset", "/search?q=x&offset=-1", 400, []string{"offset must be"}},
		{"bad query", "/search?q=%22unterminated", 400, []string{"400"}},
		{"unknown page", "/nope", 404, []string{"no page"}},
		{"missing static", "/static/nope.css", 404, []string{"404"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := get(t, ts.URL+tc.path)
			if r.status != tc.status {
				t.Fatalf("GET %s = %d, want %d\n%s", tc.path, r.status, tc.status, r.body[:min(len(r.body), 500)])
			}
			for _, w := range tc.want {
				if !strings.Contains(r.body, w) {
					t.Errorf("GET %s lacks %q", tc.path, w)
				}
			}
			checkSecurityHeaders(t, r.header)
		})
	}
}

func checkSecurityHeaders(t *testing.T, h http.Header) {
	t.Helper()
	csp := h.Get("Content-Security-Policy")
	if !strings.Contains(csp, "default-src 'none'") || !strings.Contains(csp, "script-src 'none'") || !strings.Contains(csp, "frame-ancestors 'none'") {
		t.Errorf("Content-Security-Policy = %q", csp)
	}
	for k, v := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "no-referrer"} {
		if h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.Get(k), v)
		}
	}
}

func TestHostileArticleIsInert(t *testing.T) {
	for name, st := range fixtureStores(t) {
		t.Run(name, func(t *testing.T) { testHostileArticleIsInert(t, st) })
	}
}

func testHostileArticleIsInert(t *testing.T, st dossier.Store) {
	ts := newTestServer(t, st, Options{})
	for _, path := range []string{"/articles/hostile-1", "/search?q=hostile", "/brief?q=hostile",
		"/entities/" + url.PathEscape(`x" onmouseover="alert(9)`) + "?name=" + url.QueryEscape(`<b onmouseover=alert(10)>Evil</b> Putin`)} {
		r := get(t, ts.URL+path)
		if r.status != 200 {
			t.Fatalf("GET %s = %d\n%s", path, r.status, r.body)
		}
		checkInert(t, path, r.body)
	}
	// The text is shown, escaped.
	r := get(t, ts.URL+"/articles/hostile-1")
	if !strings.Contains(r.body, "&lt;script&gt;alert(&#34;body&#34;)&lt;/script&gt;") {
		t.Errorf("escaped script text not shown")
	}
}

// allowedElements are the elements dossier's own templates write; an
// article can never add others.
var allowedElements = map[string]bool{}

func init() {
	for _, e := range strings.Fields(`html head meta title link body header div a form input button main footer section
		aside h1 h2 h3 p span ul ol li nav article mark q blockquote table colgroup col thead tbody tr th td time svg rect text`) {
		allowedElements[e] = true
	}
}

// checkInert fails if a page holds markup that could run script: an
// element the templates do not write (script, img, iframe, an injected
// svg...), an event-handler attribute, or a javascript: URL. It tokenizes
// the page as a browser would, so escaped text is not mistaken for markup.
func checkInert(t *testing.T, name, body string) {
	t.Helper()
	for _, p := range unsafeMarkup(body) {
		t.Errorf("%s: %s", name, p)
	}
}

func unsafeMarkup(body string) []string {
	var problems []string
	z := html.NewTokenizer(strings.NewReader(body))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				problems = append(problems, "tokenize: "+z.Err().Error())
			}
			return problems
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		if !allowedElements[tok.Data] {
			problems = append(problems, "injected element <"+tok.Data+">")
		}
		for _, a := range tok.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			if strings.HasPrefix(a.Key, "on") || strings.HasPrefix(v, "javascript:") {
				problems = append(problems, "unsafe attribute "+a.Key+"="+a.Val+" on <"+tok.Data+">")
			}
		}
		if tok.Data == "svg" && !slices.ContainsFunc(tok.Attr, func(a html.Attribute) bool { return a.Key == "class" && a.Val == "chart" }) {
			problems = append(problems, "an svg that is not one of our charts")
		}
	}
}

// TestUnsafeMarkupDetects makes sure the checker above would notice the
// hostile article rendered raw.
func TestUnsafeMarkupDetects(t *testing.T) {
	got := unsafeMarkup("<p>" + hostileText + "</p>")
	for _, want := range []string{"<script>", "<img>", "onerror", "javascript:", "<svg>", "onload", "<iframe>"} {
		if !strings.Contains(strings.Join(got, "\n"), want) {
			t.Errorf("unsafeMarkup missed %s in the raw hostile text: %q", want, got)
		}
	}
}

func TestAPIRead(t *testing.T) {
	for name, st := range fixtureStores(t) {
		t.Run(name, func(t *testing.T) { testAPIRead(t, st) })
	}
}

func testAPIRead(t *testing.T, st dossier.Store) {
	ts := newTestServer(t, st, Options{})
	t.Run("search", func(t *testing.T) {
		r := get(t, ts.URL+"/api/search?q=putin+china&limit=2")
		if r.status != 200 || !strings.HasPrefix(r.header.Get("Content-Type"), "application/json") {
			t.Fatalf("status %d, type %s", r.status, r.header.Get("Content-Type"))
		}
		var res dossier.SearchResults
		decodeStrict(t, r.body, &res, "total", "results")
		ids := []string{res.Results[0].ID, res.Results[1].ID}
		slices.Sort(ids)
		if res.Total != 2 || !slices.Equal(ids, []string{"bbc-politics-001", "seed-putin-china"}) || !strings.Contains(res.Results[0].Snippet, "«") {
			t.Errorf("search = %+v", res)
		}
		for _, k := range []string{`"id"`, `"title"`, `"score"`, `"snippet"`} {
			if !strings.Contains(r.body, k) {
				t.Errorf("result lacks %s", k)
			}
		}
		r = get(t, ts.URL+"/api/search?q=putin&limit=1&offset=1")
		decodeStrict(t, r.body, &res, "total", "results")
		if res.Total != 2 || len(res.Results) != 1 {
			t.Errorf("paged search = %+v", res)
		}
	})
	t.Run("brief", func(t *testing.T) {
		r := get(t, ts.URL+"/api/brief?q=putin+china")
		var b brief.Brief
		decodeStrict(t, r.body, &b, "schema", "query", "overview", "people", "organisations", "places", "quotes", "figures", "timeline", "pairs", "coverage", "sources", "articles")
		if r.status != 200 || b.Schema != brief.SchemaVersion || b.Overview.Matches != 2 || b.People[0].Name != "Vladimir Putin" || b.Quotes[0].Speaker != "Vladimir Putin" {
			t.Errorf("brief = %d %+v", r.status, b.Overview)
		}
	})
	t.Run("article", func(t *testing.T) {
		r := get(t, ts.URL+"/api/articles/seed-putin-china")
		var a dossier.Article
		decodeStrict(t, r.body, &a, "id", "title", "text", "paragraphs", "entities", "quotes", "figures", "dates")
		if r.status != 200 || a.ID != "seed-putin-china" || len(a.Quotes) != 1 || a.Text[a.Quotes[0].Start:a.Quotes[0].End] != a.Quotes[0].Text {
			t.Errorf("article = %d %+v", r.status, a.Quotes)
		}
	})
	t.Run("entities", func(t *testing.T) {
		r := get(t, ts.URL+"/api/entities?type=PER")
		var l entityList
		decodeStrict(t, r.body, &l, "entities")
		if r.status != 200 || len(l.Entities) == 0 || l.Entities[0].Name != "Vladimir Putin" || l.Entities[0].Articles != 2 {
			t.Errorf("entities = %d %+v", r.status, l)
		}
		for _, e := range l.Entities {
			if e.Type != dossier.PER {
				t.Errorf("type filter let %+v through", e)
			}
		}
		r = get(t, ts.URL+"/api/entities?q=energy")
		decodeStrict(t, r.body, &l, "entities")
		if len(l.Entities) != 1 || l.Entities[0].Name != "International Energy Agency" {
			t.Errorf("entities?q=energy = %+v", l)
		}
	})
	t.Run("quotes", func(t *testing.T) {
		r := get(t, ts.URL+"/api/quotes?speaker=putin")
		var l quoteList
		decodeStrict(t, r.body, &l, "quotes")
		if r.status != 200 || len(l.Quotes) != 1 || l.Quotes[0].ArticleID != "seed-putin-china" || l.Quotes[0].Speaker != "Vladimir Putin" {
			t.Errorf("quotes = %d %+v", r.status, l)
		}
		r = get(t, ts.URL+"/api/quotes?q=zebra")
		decodeStrict(t, r.body, &l, "quotes")
		if len(l.Quotes) != 0 || !strings.Contains(r.body, `"quotes": []`) {
			t.Errorf("no quotes must be [], got %s", r.body)
		}
	})
}

func TestAPIErrors(t *testing.T) {
	ts := newTestServer(t, newMemStore(fixtureArticles(t)...), Options{})
	for _, tc := range []struct {
		path   string
		status int
		code   string
	}{
		{"/api/articles/nope", 404, dossier.ENOTFOUND},
		{"/api/search", 400, dossier.EINVALID},
		{"/api/search?q=x&limit=0", 400, dossier.EINVALID},
		{"/api/search?q=x&limit=abc", 400, dossier.EINVALID},
		{"/api/search?q=%22open", 400, dossier.EINVALID},
		{"/api/brief", 400, dossier.EINVALID},
		{"/api/entities?type=XYZ", 400, dossier.EINVALID},
		{"/api/quotes?limit=-5", 400, dossier.EINVALID},
		{"/api/nope", 404, dossier.ENOTFOUND},
	} {
		r := get(t, ts.URL+tc.path)
		var e apiError
		decodeStrict(t, r.body, &e, "error")
		if r.status != tc.status || e.Error.Code != tc.code || e.Error.Message == "" {
			t.Errorf("GET %s = %d %+v, want %d %s", tc.path, r.status, e, tc.status, tc.code)
		}
	}
}

func TestAPIPostArticle(t *testing.T) {
	st := newMemStore(fixtureArticles(t)...)
	annotated := 0
	ts := newTestServer(t, st, Options{Token: testToken, MaxBody: 4096, Annotate: func(a dossier.Article) dossier.Article {
		annotated++
		return a
	}})
	auth := map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "application/json"}
	body := `{"id":"posted-1","title":"Posted","text":"Xi Jinping met Vladimir Putin again.","published":"2024-05-20","source":"API"}`

	r := do(t, "POST", ts.URL+"/api/articles", strings.NewReader(body), auth)
	var res postResult
	decodeStrict(t, r.body, &res, "id", "stats")
	if r.status != 201 || res.ID != "posted-1" || res.Stats.New != 1 || annotated != 1 {
		t.Fatalf("POST = %d %+v (annotated %d)", r.status, res, annotated)
	}
	a, err := st.Article(context.Background(), "posted-1")
	if err != nil || a.Published.Format("2006-01-02") != "2024-05-20" || a.Source != "API" {
		t.Fatalf("stored %+v, %v", a, err)
	}
	r = do(t, "POST", ts.URL+"/api/articles", strings.NewReader(body), auth)
	decodeStrict(t, r.body, &res, "id", "stats")
	if r.status != 200 || res.Stats.Unchanged != 1 {
		t.Errorf("re-POST = %d %+v", r.status, res)
	}
	// Without id or URL the id is a content hash.
	r = do(t, "POST", ts.URL+"/api/articles", strings.NewReader(`{"title":"T","text":"Some text."}`), auth)
	decodeStrict(t, r.body, &res, "id", "stats")
	if r.status != 201 || !strings.HasPrefix(res.ID, "sha256") {
		t.Errorf("POST without id = %d %+v", r.status, res)
	}

	for _, tc := range []struct {
		name   string
		header map[string]string
		body   string
		status int
		code   string
	}{
		{"no token", map[string]string{"Content-Type": "application/json"}, body, 401, dossier.EUNAUTHORIZED},
		{"wrong token", map[string]string{"Authorization": "Bearer nope", "Content-Type": "application/json"}, body, 401, dossier.EUNAUTHORIZED},
		{"too large", auth, `{"text":"` + strings.Repeat("a", 5000) + `"}`, 413, dossier.ETOOLARGE},
		{"not json", auth, `{"text":`, 400, dossier.EINVALID},
		{"no text", auth, `{"title":"only a title"}`, 400, dossier.EINVALID},
		{"empty", auth, ``, 400, dossier.EINVALID},
	} {
		r := do(t, "POST", ts.URL+"/api/articles", strings.NewReader(tc.body), tc.header)
		var e apiError
		decodeStrict(t, r.body, &e, "error")
		if r.status != tc.status || e.Error.Code != tc.code {
			t.Errorf("%s: POST = %d %+v, want %d %s", tc.name, r.status, e, tc.status, tc.code)
		}
		if tc.status == 401 && r.header.Get("WWW-Authenticate") == "" {
			t.Errorf("%s: no WWW-Authenticate header", tc.name)
		}
	}
}

func TestAPIPostRefusedWithoutToken(t *testing.T) {
	ts := newTestServer(t, newMemStore(), Options{}) // no token configured
	r := do(t, "POST", ts.URL+"/api/articles", strings.NewReader(`{"text":"x"}`),
		map[string]string{"Authorization": "Bearer ", "Content-Type": "application/json"})
	if r.status != 401 || !strings.Contains(r.body, "DOSSIER_TOKEN") {
		t.Errorf("POST without configured token = %d %s", r.status, r.body)
	}
}

func TestAPIPostPlainText(t *testing.T) {
	var gotType string
	ts := newTestServer(t, newMemStore(), Options{Token: testToken, Parse: func(body []byte, ct, u string) (*dossier.Article, error) {
		gotType = ct
		return &dossier.Article{Title: "T", Text: string(body)}, nil
	}})
	r := do(t, "POST", ts.URL+"/api/articles?url=https://example.com/a", strings.NewReader("<p>Hello</p>"),
		map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": "text/html; charset=utf-8"})
	if r.status != 201 || gotType != "text/html" {
		t.Errorf("POST html = %d (parsed as %q) %s", r.status, gotType, r.body)
	}
}

func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	ts := newTestServer(t, newMemStore(), Options{})
	r := get(t, ts.URL+"/api/openapi.json")
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	decodeStrict(t, r.body, &doc, "openapi", "info", "paths", "components")
	if r.status != 200 || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("openapi = %d %q", r.status, doc.OpenAPI)
	}
	for _, rt := range routes {
		method, path, _ := strings.Cut(rt.pattern, " ")
		path = strings.TrimSuffix(path, "{$}")
		if path == "/static/" {
			path = "/static/{file}"
		}
		ops, ok := doc.Paths[path]
		if !ok {
			t.Errorf("openapi.json lacks path %s", path)
			continue
		}
		if _, ok := ops[strings.ToLower(method)]; !ok {
			t.Errorf("openapi.json lacks %s %s", method, path)
		}
	}
	for path, ops := range doc.Paths {
		for m := range ops {
			if !slices.ContainsFunc(routes, func(rt route) bool {
				p := strings.TrimSuffix(strings.SplitN(rt.pattern, " ", 2)[1], "{$}")
				return strings.EqualFold(strings.SplitN(rt.pattern, " ", 2)[0], m) && (p == path || p == "/static/" && path == "/static/{file}")
			}) {
				t.Errorf("openapi.json documents %s %s, which no route serves", m, path)
			}
		}
	}
}

func TestMethodNotAllowed(t *testing.T) {
	ts := newTestServer(t, newMemStore(fixtureArticles(t)...), Options{})
	for _, tc := range []struct{ method, path, allow string }{
		{"DELETE", "/api/articles", "POST"},
		{"PUT", "/api/articles/seed-putin-china", "GET"},
		{"POST", "/search", "GET"},
	} {
		r := do(t, tc.method, ts.URL+tc.path, nil, nil)
		if r.status != 405 || r.header.Get("Allow") != tc.allow {
			t.Errorf("%s %s = %d Allow %q, want 405 %q", tc.method, tc.path, r.status, r.header.Get("Allow"), tc.allow)
		}
	}
	if r := do(t, "DELETE", ts.URL+"/nowhere", nil, nil); r.status != 404 {
		t.Errorf("DELETE /nowhere = %d, want 404", r.status)
	}
}

func TestHTTPStatus(t *testing.T) {
	for code, want := range map[string]int{
		dossier.ENOTFOUND: 404, dossier.EINVALID: 400, dossier.EUNAUTHORIZED: 401,
		dossier.ETOOLARGE: 413, dossier.ECONFLICT: 409, dossier.EINTERNAL: 500,
	} {
		if got := httpStatus(dossier.Errorf(code, "x")); got != want {
			t.Errorf("httpStatus(%s) = %d, want %d", code, got, want)
		}
	}
	if got := httpStatus(io.ErrUnexpectedEOF); got != 500 {
		t.Errorf("plain error = %d", got)
	}
}

// failingStore fails every call with an internal error.
type failingStore struct{ *memStore }

func (failingStore) Search(context.Context, dossier.SearchQuery) (*dossier.SearchResults, error) {
	return nil, io.ErrUnexpectedEOF
}

func TestInternalErrorsHideDetail(t *testing.T) {
	ts := newTestServer(t, &failingStore{newMemStore()}, Options{})
	for _, p := range []string{"/search?q=x", "/api/search?q=x"} {
		r := get(t, ts.URL+p)
		if r.status != 500 || strings.Contains(r.body, "unexpected EOF") || !strings.Contains(r.body, "internal error") {
			t.Errorf("GET %s = %d %s", p, r.status, r.body)
		}
	}
}

func TestServeShutsDownOnCancel(t *testing.T) {
	s, err := New(newMemStore(fixtureArticles(t)...), Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addrc := make(chan string, 1)
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, "127.0.0.1:0", s.Handler(), nil, func(a string) { addrc <- a }) }()
	addr := <-addrc
	if r := get(t, "http://"+addr+"/api/search?q=putin"); r.status != 200 {
		t.Fatalf("served %d", r.status)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("Serve: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Serve did not return after cancel")
	}
	if _, err := http.Get("http://" + addr + "/"); err == nil {
		t.Error("server still answers after shutdown")
	}
}

func TestServerTimeouts(t *testing.T) {
	srv := NewHTTPServer(http.NotFoundHandler())
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 {
		t.Errorf("timeouts not all set: %+v", srv)
	}
}

func TestPanicBecomes500(t *testing.T) {
	s, err := New(newMemStore(), Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	h := s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") }))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/api/x", nil))
	if rec.Code != 500 || bytes.Contains(rec.Body.Bytes(), []byte("boom")) {
		t.Errorf("panic gave %d %s", rec.Code, rec.Body)
	}
}

// TestAPIPostDefaultPipeline posts documents through the default parser
// (the ingest readers) and the real NLP pipeline.
func TestAPIPostDefaultPipeline(t *testing.T) {
	st := newMemStore()
	s, err := New(st, Options{Token: testToken, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	post := func(body, ct, query string) postResult {
		t.Helper()
		r := do(t, "POST", ts.URL+"/api/articles"+query, strings.NewReader(body),
			map[string]string{"Authorization": "Bearer " + testToken, "Content-Type": ct})
		var res postResult
		decodeStrict(t, r.body, &res, "id", "stats")
		if r.status != 201 {
			t.Fatalf("POST %s = %d %s", ct, r.status, r.body)
		}
		return res
	}
	res := post(string(sample.Seed()), "text/plain", "")
	a, err := st.Article(context.Background(), res.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Xi and Putin Discuss Military Alliances in Indo-Pacific Region" || len(a.Entities) == 0 || len(a.Quotes) == 0 {
		t.Errorf("posted seed: title %q, %d entities, %d quotes", a.Title, len(a.Entities), len(a.Quotes))
	}
	page := `<!DOCTYPE html><html><head><title>Summit report</title></head><body><article><h1>Summit report</h1>` +
		`<p>Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing on Thursday for talks on trade and security.</p>` +
		`<p>“We believe it is necessary to work together,” Putin said after the talks, which lasted two and a half hours.</p></article></body></html>`
	res = post(page, "text/html", "?url=https://news.example/summit")
	a, err = st.Article(context.Background(), res.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(a.Text, "Vladimir Putin met Chinese leader") || a.URL != "https://news.example/summit" {
		t.Errorf("posted HTML: id %q url %q text %q", a.ID, a.URL, a.Text)
	}
}
