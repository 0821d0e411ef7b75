package extract

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"golang.org/x/net/html"

	"github.com/dossier/dossier"
)

// MetaCheck compares an extracted article's dates and byline with what the
// page itself declares in JSON-LD (datePublished, dateModified, author) or
// meta tags (article:published_time, article:modified_time, author). It
// uses its own plain reading of those declarations, independent of the
// extractor's, so it checks the extractor's choice of source, parsing and
// byline cleaning. A field is only judged when the page declares it.
type MetaCheck struct {
	HasPublished, PublishedOK bool // page declares a publication date; ours matches it
	HasModified, ModifiedOK   bool // page declares a modification date; ours matches it
	HasByline, BylineOK       bool // page declares author names; ours are the same names
}

// CheckMetadata reads the page's declared metadata and compares art with it.
// Dates match when they fall on the same calendar day in the declared
// time's own offset; a byline matches when it is non-empty and every word
// of it occurs in the declared author text (see sameNames).
func CheckMetadata(data []byte, contentType string, art dossier.Article) MetaCheck {
	var c MetaCheck
	doc, err := parsePage(data, contentType)
	if err != nil {
		return c
	}
	pub, mod, authors := declaredMeta(doc)
	if !pub.IsZero() {
		c.HasPublished = true
		c.PublishedOK = !art.Published.IsZero() && sameDay(pub, art.Published)
	}
	if !mod.IsZero() {
		c.HasModified = true
		c.ModifiedOK = !art.Modified.IsZero() && sameDay(mod, art.Modified)
	}
	if len(authors) > 0 {
		c.HasByline = true
		c.BylineOK = sameNames(authors, art.Byline)
	}
	return c
}

func sameDay(ref, got time.Time) bool {
	return got.In(ref.Location()).Format(time.DateOnly) == ref.Format(time.DateOnly)
}

// sameNames reports whether a byline names someone and takes every word
// from the declared author text: it found the declared author and added
// no menu words or other text. Declared values that are not person names
// (organisations, handles) count as misses, so the figure is a floor.
func sameNames(ref []string, byline string) bool {
	declared := map[string]bool{}
	for _, r := range ref {
		for _, t := range Tokens(strings.ToLower(r)) {
			declared[t] = true
		}
	}
	got := Tokens(strings.ToLower(byline))
	for _, t := range got {
		if !declared[t] {
			return false
		}
	}
	return len(got) > 0
}

// declaredMeta reads the first JSON-LD or meta declaration of each field.
func declaredMeta(doc *html.Node) (pub, mod time.Time, authors []string) {
	var metaPub, metaMod time.Time
	var metaAuthors []string
	walk(doc, func(n *html.Node) {
		if n.Type != html.ElementNode {
			return
		}
		switch n.Data {
		case "script":
			if !strings.Contains(strings.ToLower(attr(n, "type")), "ld+json") || n.FirstChild == nil {
				return
			}
			var v any
			if json.Unmarshal([]byte(n.FirstChild.Data), &v) != nil {
				return
			}
			visitLD(v, func(obj map[string]any) {
				if !isArticleType(obj["@type"]) {
					return
				}
				if pub.IsZero() {
					pub = parseDeclared(obj["datePublished"])
				}
				if mod.IsZero() {
					mod = parseDeclared(obj["dateModified"])
				}
				if authors == nil {
					authors = ldNames(obj["author"])
				}
			})
		case "meta":
			key := strings.ToLower(attr(n, "property") + attr(n, "name"))
			val := strings.TrimSpace(attr(n, "content"))
			switch key {
			case "article:published_time":
				if metaPub.IsZero() {
					metaPub = parseDeclared(val)
				}
			case "article:modified_time":
				if metaMod.IsZero() {
					metaMod = parseDeclared(val)
				}
			case "author":
				if metaAuthors == nil && val != "" && !strings.Contains(val, "/") {
					metaAuthors = []string{val}
				}
			}
		}
	})
	if pub.IsZero() {
		pub = metaPub
	}
	if mod.IsZero() {
		mod = metaMod
	}
	if authors == nil {
		authors = metaAuthors
	}
	return pub, mod, authors
}

func isArticleType(t any) bool {
	switch v := t.(type) {
	case string:
		return strings.Contains(v, "Article") || v == "BlogPosting" || v == "Report"
	case []any:
		for _, x := range v {
			if isArticleType(x) {
				return true
			}
		}
	}
	return false
}

func ldNames(v any) []string {
	switch x := v.(type) {
	case string:
		if x != "" && !strings.Contains(x, "/") {
			return []string{x}
		}
	case map[string]any:
		if s, ok := x["name"].(string); ok && s != "" {
			return []string{s}
		}
	case []any:
		var out []string
		for _, y := range x {
			out = append(out, ldNames(y)...)
		}
		return out
	}
	return nil
}

func parseDeclared(v any) time.Time {
	s, _ := v.(string)
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05Z0700", "2006-01-02T15:04:05", "2006-01-02T15:04Z07:00", "2006-01-02 15:04:05", time.DateOnly} {
		if t, err := time.Parse(layout, s); err == nil {
			return t
		}
	}
	if len(s) >= 10 {
		if t, err := time.Parse(time.DateOnly, s[:10]); err == nil {
			return t
		}
	}
	return time.Time{}
}

// MetaTally sums MetaChecks over pages.
type MetaTally struct {
	Pages                  int
	Published, PublishedOK int
	Modified, ModifiedOK   int
	Byline, BylineOK       int
}

// Add counts one page.
func (t *MetaTally) Add(c MetaCheck) {
	t.Pages++
	t.Published += b2i(c.HasPublished)
	t.PublishedOK += b2i(c.PublishedOK)
	t.Modified += b2i(c.HasModified)
	t.ModifiedOK += b2i(c.ModifiedOK)
	t.Byline += b2i(c.HasByline)
	t.BylineOK += b2i(c.BylineOK)
}

// String formats the tally as three lines of accuracy.
func (t MetaTally) String() string {
	line := func(name string, ok, n int) string {
		if n == 0 {
			return fmt.Sprintf("  %-9s no page declares it\n", name)
		}
		return fmt.Sprintf("  %-9s %3d/%3d correct (%.3f)\n", name, ok, n, float64(ok)/float64(n))
	}
	return line("published", t.PublishedOK, t.Published) + line("modified", t.ModifiedOK, t.Modified) + line("byline", t.BylineOK, t.Byline)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
