package web

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/dossier/dossier/brief"
)

// view is what every page template gets: the layout's fields and the
// page's own data.
type view struct {
	Title string // page title
	Query string // the query shown in the search box
	Nav   string // active navigation item
	Data  any    // the page's data
}

// funcs are the helpers page templates may call.
var funcs = template.FuncMap{
	"snippet": brief.SnippetHTML,
	"date": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2 Jan 2006")
	},
	"isodate": func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.UTC().Format("2006-01-02")
	},
	"entityPath":  entityPath,
	"articlePath": func(id string) string { return "/articles/" + url.PathEscape(id) },
	"refPath": func(id string, start, end int) string {
		return fmt.Sprintf("/articles/%s?hl=%d-%d#hl", url.PathEscape(id), start, end)
	},
	"searchPath": func(q string) string { return "/search?q=" + url.QueryEscape(q) },
	"typeName":   typeName,
	"add":        func(a, b int) int { return a + b },
	"join":       strings.Join,
	"clip":       clip,
	"httpURL":    httpURL,
	"plural": func(n int, noun string) string {
		if n == 1 {
			return "1 " + noun
		}
		return strconv.Itoa(n) + " " + noun + "s"
	},

	"pct": func(n, of int) string {
		if of <= 0 {
			return "0"
		}
		return strconv.Itoa(n * 100 / of)
	},
}

// httpURL returns u when it is an absolute http(s) URL, else "" (so no
// other scheme ever becomes a link).
func httpURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return ""
	}
	return u
}

// clip shortens s to about n bytes at a word boundary, adding "…".
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n
	for cut > 0 && s[cut]&0xC0 == 0x80 {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > n/2 {
		cut = i
	}
	return s[:cut] + "…"
}

// entityPath is the page of an entity; the name rides along so the page
// can find it without scanning every entity.
func entityPath(id, name string) string {
	p := "/entities/" + url.PathEscape(id)
	if name != "" {
		p += "?name=" + url.QueryEscape(name)
	}
	return p
}

func typeName(t string) string {
	switch t {
	case "PER":
		return "Person"
	case "ORG":
		return "Organisation"
	case "LOC":
		return "Place"
	}
	return "Other"
}

// render executes a page template into a buffer first, so a template
// error becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, status int, page string, v any) {
	t, ok := s.pages[page]
	if !ok {
		s.log.Error("no such page template", "page", page)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	vw, ok := v.(view)
	if !ok {
		vw = view{Data: v}
		if e, ok := v.(errorPage); ok {
			vw.Title = e.Title
		}
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, vw); err != nil {
		s.log.Error("render page", "page", page, "path", r.URL.Path, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}
