package extract

import (
	"encoding/json"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/markusmobius/go-htmldate"
	"golang.org/x/net/html"
)

// pageMeta is what a page declares about itself, gathered in one pass.
type pageMeta struct {
	ld          []map[string]any  // JSON-LD objects, in document order
	meta        map[string]string // first <meta> content per lower-case name/property/itemprop
	canonical   string            // <link rel=canonical>
	lang        string            // <html lang>
	title       string            // <title>
	h1          string            // the first <h1> of the body
	times       []timeTag         // <time> elements
	bylines     []string          // texts of byline-like elements
	authorLinks []string          // texts of links to author pages
}

// timeTag is one <time> element.
type timeTag struct {
	datetime string
	text     string
	hint     string // itemprop, class and pubdate attribute, lower case
}

// readMeta collects the page's declared metadata.
func readMeta(doc *html.Node) pageMeta {
	pm := pageMeta{meta: map[string]string{}}
	inBody := false
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "html":
			pm.lang = attr(n, "lang")
			if pm.lang == "" {
				pm.lang = attr(n, "xml:lang")
			}
		case "body":
			inBody = true
		case "h1":
			if pm.h1 == "" && inBody {
				pm.h1 = cleanSpace(textOf(n))
			}
		case "title":
			if pm.title == "" && !inBody {
				pm.title = cleanSpace(textOf(n))
			}
		case "script":
			if strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") && n.FirstChild != nil {
				var v any
				if json.Unmarshal([]byte(n.FirstChild.Data), &v) == nil {
					visitLD(v, func(o map[string]any) { pm.ld = append(pm.ld, o) })
				}
			}
		case "meta":
			val := strings.TrimSpace(attr(n, "content"))
			if val == "" {
				return
			}
			for _, k := range []string{"property", "name", "itemprop", "http-equiv"} {
				if key := strings.ToLower(strings.TrimSpace(attr(n, k))); key != "" {
					if _, seen := pm.meta[key]; !seen {
						pm.meta[key] = val
					}
				}
			}
		case "link":
			if pm.canonical == "" && strings.EqualFold(strings.TrimSpace(attr(n, "rel")), "canonical") {
				pm.canonical = strings.TrimSpace(attr(n, "href"))
			}
		case "time":
			hint := strings.ToLower(attr(n, "itemprop") + " " + attr(n, "class") + " " + attr(n, "id"))
			if _, ok := attrOK(n, "pubdate"); ok {
				hint += " pubdate"
			}
			pm.times = append(pm.times, timeTag{datetime: strings.TrimSpace(attr(n, "datetime")), text: cleanSpace(textOf(n)), hint: hint})
		}
		if inBody && n.Data == "a" && len(pm.authorLinks) < 8 && isAuthorLink(n) {
			if t := cleanSpace(textOf(n)); t != "" && len(t) < 100 {
				pm.authorLinks = append(pm.authorLinks, t)
			}
		}
		if inBody && len(pm.bylines) < 8 && isBylineElement(n) {
			if t := cleanSpace(textOf(n)); t != "" && len(t) < 200 {
				pm.bylines = append(pm.bylines, t)
			}
		}
	})
	return pm
}

func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// isBylineElement reports elements that mark up an author's name.
func isBylineElement(n *html.Node) bool {
	if strings.EqualFold(attr(n, "rel"), "author") || strings.Contains(strings.ToLower(attr(n, "itemprop")), "author") {
		return true
	}
	switch n.Data {
	case "a", "span", "div", "p", "address":
		return hasToken(n, "byline", "author-name", "authorname", "author__name", "article-author", "post-author", "entry-author")
	}
	return false
}

// isAuthorLink reports links to an author's page: an /author/ path (the
// author archives of WordPress and most publishing systems) or an
// "author" class.
func isAuthorLink(n *html.Node) bool {
	for _, a := range n.Attr {
		switch a.Key {
		case "href":
			if strings.Contains(a.Val, "/author/") || strings.Contains(a.Val, "/authors/") {
				return true
			}
		case "class":
			for v := a.Val; v != ""; {
				w, rest := nextNameWord(v)
				v = rest
				if len(w) == len("author") && hasPrefixLower(w, "author") {
					return true
				}
			}
		}
	}
	return false
}

// authorGuess is the first link to an author's page whose text is a
// person's name: the fast path's stand-in for the library's byline
// search, tried after every declared source.
func (pm pageMeta) authorGuess() string {
	for _, t := range pm.authorLinks {
		if len(bylineNames(t, false)) > 0 {
			return t
		}
	}
	return ""
}

// meta returns the first non-empty meta value among keys.
func (pm pageMeta) metaOf(keys ...string) string {
	for _, k := range keys {
		if v := pm.meta[k]; v != "" {
			return v
		}
	}
	return ""
}

// article returns the JSON-LD object that describes the page's article:
// the first of an article type, else the first WebPage, else nil.
func (pm pageMeta) article() map[string]any {
	var page map[string]any
	for _, o := range pm.ld {
		if isArticleType(o["@type"]) {
			return o
		}
		if page == nil && ldTypeIs(o["@type"], "WebPage") {
			page = o
		}
	}
	return page
}

func ldTypeIs(t any, want string) bool {
	switch v := t.(type) {
	case string:
		return v == want
	case []any:
		for _, x := range v {
			if s, _ := x.(string); s == want {
				return true
			}
		}
	}
	return false
}

// ldString returns a JSON-LD value as a string (the name of an object).
func ldString(v any) string {
	switch x := v.(type) {
	case string:
		return strings.TrimSpace(x)
	case map[string]any:
		if s, ok := x["name"].(string); ok {
			return strings.TrimSpace(s)
		}
		if s, ok := x["@id"].(string); ok {
			return strings.TrimSpace(s)
		}
	case []any:
		if len(x) > 0 {
			return ldString(x[0])
		}
	}
	return ""
}

// Date sources, from most to least trusted.
var (
	pubMetaKeys = []string{"article:published_time", "og:article:published_time", "datepublished", "article.published",
		"pubdate", "publishdate", "publish-date", "publish_date", "published_time", "parsely-pub-date", "sailthru.date",
		"dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date", "dcterms.created", "citation_publication_date",
		"citation_date", "date", "original-publish-date", "article_date_original", "cxenseparse:recs:publishtime"}
	modMetaKeys = []string{"article:modified_time", "og:article:modified_time", "datemodified", "og:updated_time",
		"article.updated", "last-modified", "dcterms.modified", "dc.date.modified", "modified_time", "lastmod"}
	urlDate = regexp.MustCompile(`/((?:19|20)\d\d)[/_-]?(0[1-9]|1[0-2])[/_-]?(0[1-9]|[12]\d|3[01])(?:/|[_-]|$)`)
)

// dates finds the publication and modification times, trusting in order
// JSON-LD, meta tags, <time> elements, the URL, then the text (through
// go-htmldate's search of the page).
func (pm pageMeta) dates(doc *html.Node, pageURL string) (pub, mod time.Time) {
	if a := pm.article(); a != nil {
		pub = parseTime(ldString(a["datePublished"]))
		if pub.IsZero() {
			pub = parseTime(ldString(a["dateCreated"]))
		}
		mod = parseTime(ldString(a["dateModified"]))
	}
	for _, k := range pubMetaKeys {
		if !pub.IsZero() {
			break
		}
		pub = parseTime(pm.meta[k])
	}
	for _, k := range modMetaKeys {
		if !mod.IsZero() {
			break
		}
		mod = parseTime(pm.meta[k])
	}
	if pub.IsZero() || mod.IsZero() {
		var anyTime time.Time
		for _, t := range pm.times {
			v := parseTime(t.datetime)
			if v.IsZero() {
				v = parseTime(t.text)
			}
			if v.IsZero() {
				continue
			}
			switch {
			case lowerHas(t.hint, "modif", "updat"):
				if mod.IsZero() {
					mod = v
				}
			case lowerHas(t.hint, "publish", "pubdate", "created", "posted"):
				if pub.IsZero() {
					pub = v
				}
			default:
				if anyTime.IsZero() {
					anyTime = v
				}
			}
		}
		if pub.IsZero() {
			pub = anyTime
		}
	}
	if pub.IsZero() {
		pub = dateFromURL(pageURL)
	}
	if pub.IsZero() && pm.canonical != "" {
		pub = dateFromURL(pm.canonical)
	}
	if pub.IsZero() {
		if r, err := htmldate.FromDocument(doc, htmldate.Options{UseOriginalDate: true, ExtractTime: true, SkipExtensiveSearch: true, URL: pageURL}); err == nil {
			pub = plausible(r.DateTime)
		}
	}
	if !mod.IsZero() && !pub.IsZero() && mod.Before(pub) {
		mod = time.Time{}
	}
	return pub, mod
}

// dateFromURL reads a /2019/11/18/ style date from a URL path.
func dateFromURL(u string) time.Time {
	if u == "" {
		return time.Time{}
	}
	if p, err := url.Parse(u); err == nil {
		u = p.Path
	}
	m := urlDate.FindStringSubmatch(u)
	if m == nil {
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", m[1]+"-"+m[2]+"-"+m[3])
	if err != nil {
		return time.Time{}
	}
	return plausible(t)
}

var timeLayouts = []string{
	time.RFC3339Nano, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05.999999999Z0700", "2006-01-02T15:04Z07:00",
	"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05Z07:00", "2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST", "2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02", "2006/01/02",
	"2006/01/02 15:04:05", "20060102", time.RFC1123Z, time.RFC1123, "Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST", time.RFC850, time.ANSIC, "January 2, 2006", "Jan 2, 2006", "Jan. 2, 2006",
	"2 January 2006", "2 Jan 2006", "January 2, 2006 3:04 PM", "January 2, 2006 15:04", "Monday, January 2, 2006",
	"02.01.2006", "02.01.2006 15:04",
}

// parseTime reads a date or time in the common machine formats (ISO 8601,
// RFC 1123, Unix seconds or milliseconds) and English day-month-year forms.
func parseTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil && len(s) >= 9 {
		if len(s) >= 13 {
			return plausible(time.UnixMilli(n).UTC())
		}
		if len(s) != 8 {
			return plausible(time.Unix(n, 0).UTC())
		}
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, " UTC"), " GMT")
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return plausible(t)
		}
	}
	return time.Time{}
}

// plausible keeps dates between 1990 and two days from now.
func plausible(t time.Time) time.Time {
	if t.Year() < 1990 || t.After(time.Now().Add(48*time.Hour)) {
		return time.Time{}
	}
	return t
}

// isoLanguage reduces a language tag ("en-US", "pt_BR") to its ISO 639-1
// code, or "" when it does not start with one.
func isoLanguage(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if i := strings.IndexAny(tag, "-_,; "); i >= 0 {
		tag = tag[:i]
	}
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

// resolve makes ref absolute against base when it can.
func resolve(base, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	r, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if r.IsAbs() {
		return r.String()
	}
	b, err := url.Parse(base)
	if err != nil || !b.IsAbs() {
		return ""
	}
	return b.ResolveReference(r).String()
}
