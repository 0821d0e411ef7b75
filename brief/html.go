package brief

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"

	"github.com/dossier/dossier"
)

//go:embed brief.html.tmpl brief.css
var assets embed.FS

// CSS is the style sheet of the HTML brief; a web server that shows
// fragments (Options.Fragment) serves it as a file.
var CSS = mustRead("brief.css")

var htmlTemplate = template.Must(template.New("brief.html.tmpl").Funcs(template.FuncMap{
	"plural":   plural,
	"figure":   figureLabel,
	"value":    formatValue,
	"clip":     clip,
	"join":     strings.Join,
	"first":    func(s []string, n int) []string { return first(s, n) },
	"snippet":  snippetHTML,
	"nonempty": nonEmpty,
	"ref":      func(id string) Ref { return Ref{Article: id} },
	"refargs":  func(v htmlView, r Ref, label string) refArgs { return refArgs{v, r, label} },
	"items":    func(v htmlView, items []EntityItem) itemArgs { return itemArgs{v, items} },
}).ParseFS(assets, "brief.html.tmpl"))

func mustRead(name string) string {
	b, err := assets.ReadFile(name)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// htmlView is what the HTML template renders.
type htmlView struct {
	*Brief
	Fragment      bool
	CSS           template.CSS
	CoverageChart *barChart
	PeopleChart   *barChart
	href          func(id string, start, end int) string
	entHref       func(id, name string) string
	urls          map[string]string
}

// EntityHref links an entity name, or returns "" when entities are not
// linked.
func (v htmlView) EntityHref(id, name string) string {
	if v.entHref == nil || id == "" {
		return ""
	}
	return v.entHref(id, name)
}

// Href links a ref to its article (and range).
func (v htmlView) Href(r Ref) string {
	if v.href != nil {
		return v.href(r.Article, r.Start, r.End)
	}
	return v.urls[r.Article]
}

// refArgs and itemArgs pass the view along into sub-templates.
type refArgs struct {
	V htmlView
	R Ref
	L string
}

type itemArgs struct {
	V     htmlView
	Items []EntityItem
}

// barChart is an SVG bar chart laid out in Go so the template only
// prints numbers.
type barChart struct {
	Width, Height int
	Bars          []bar
	Labels        []label
	Horizontal    bool
}

type bar struct {
	X, Y, W, H float64
	Title      string
}

type label struct {
	X, Y   float64
	Text   string
	Anchor string
}

// WriteHTML writes b as one self-contained HTML page (inline CSS and SVG
// charts, printable), or as an <article> fragment when opt.Fragment is set.
// All article text goes through html/template escaping.
func WriteHTML(w io.Writer, b *Brief, opt Options) error {
	v := htmlView{Brief: b, Fragment: opt.Fragment, CSS: template.CSS(CSS), href: opt.ArticleHref, entHref: opt.EntityHref, urls: map[string]string{}}
	for _, a := range b.Articles {
		if a.URL != "" {
			v.urls[a.ID] = a.URL
		}
	}
	v.CoverageChart = coverageChart(b.Coverage)
	v.PeopleChart = peopleChart(b.People)
	if err := htmlTemplate.Execute(w, v); err != nil {
		return fmt.Errorf("brief: write html: %w", err)
	}
	return nil
}

// coverageChart draws articles per bucket as vertical bars.
func coverageChart(c Coverage) *barChart {
	if len(c.Points) == 0 {
		return nil
	}
	const w, h, pad, top, bottom = 720.0, 160.0, 4.0, 20.0, 22.0 // top leaves room for the peak label
	peak := 1
	for _, p := range c.Points {
		peak = max(peak, p.Count)
	}
	ch := &barChart{Width: int(w), Height: int(h)}
	slot := (w - 2*pad) / float64(len(c.Points))
	bw := min(max(slot*0.8, 1), 48) // a lone bucket stays a bar, not a block
	for i, p := range c.Points {
		bh := (h - bottom - top) * float64(p.Count) / float64(peak)
		ch.Bars = append(ch.Bars, bar{
			X: round(pad+float64(i)*slot+(slot-bw)/2, 2), Y: round(h-bottom-bh, 2), W: round(bw, 2), H: round(bh, 2),
			Title: fmt.Sprintf("%s: %s", p.Start, plural(p.Count, "article")),
		})
	}
	ch.Labels = []label{{X: pad, Y: h - 6, Text: c.Points[0].Start, Anchor: "start"}}
	if len(c.Points) > 1 {
		ch.Labels = append(ch.Labels, label{X: w - pad, Y: h - 6, Text: c.Points[len(c.Points)-1].Start, Anchor: "end"})
	}
	ch.Labels = append(ch.Labels, label{X: w - pad, Y: 12, Text: fmt.Sprintf("peak %d per %s", peak, c.Bucket), Anchor: "end"})
	return ch
}

// peopleChart draws the mentions of the key people as horizontal bars.
func peopleChart(people []EntityItem) *barChart {
	if len(people) == 0 {
		return nil
	}
	const w, row, labelW = 720.0, 24.0, 200.0
	peak := 1
	for _, p := range people {
		peak = max(peak, p.Mentions)
	}
	ch := &barChart{Width: int(w), Height: int(row*float64(len(people)) + 4), Horizontal: true}
	for i, p := range people {
		y := float64(i)*row + 4
		bw := (w - labelW - 60) * float64(p.Mentions) / float64(peak)
		ch.Bars = append(ch.Bars, bar{X: labelW, Y: y, W: round(max(bw, 1), 2), H: row - 8, Title: fmt.Sprintf("%s: %s", p.Name, plural(p.Mentions, "mention"))})
		ch.Labels = append(ch.Labels,
			label{X: labelW - 8, Y: y + row/2 + 1, Text: clip(p.Name, 28), Anchor: "end"},
			label{X: round(labelW+bw+6, 2), Y: y + row/2 + 1, Text: fmt.Sprint(p.Mentions), Anchor: "start"})
	}
	return ch
}

// snippetHTML escapes a search snippet and turns its « » markers into
// <mark> elements. Markers are replaced after escaping, so article text can
// never produce markup.
func snippetHTML(s string) template.HTML {
	esc := template.HTMLEscapeString(s)
	var sb strings.Builder
	open := false
	for _, r := range esc {
		switch {
		case r == '«' && !open:
			sb.WriteString("<mark>")
			open = true
		case r == '»' && open:
			sb.WriteString("</mark>")
			open = false
		case r == '«' || r == '»':
			// an unbalanced marker is dropped
		default:
			sb.WriteRune(r)
		}
	}
	if open {
		sb.WriteString("</mark>")
	}
	return template.HTML(sb.String())
}

// SnippetHTML is snippetHTML for other packages (the web UI).
func SnippetHTML(s string) template.HTML { return snippetHTML(s) }

// CoverageOf buckets the publication dates of arts as a Brief's coverage
// does (duplicates skipped).
func CoverageOf(arts []*dossier.Article) Coverage { return coverage(arts) }

// CoverageSVG draws c as an inline SVG bar chart ("" when c is empty).
func CoverageSVG(c Coverage) (template.HTML, error) {
	ch := coverageChart(c)
	if ch == nil {
		return "", nil
	}
	var sb strings.Builder
	if err := htmlTemplate.ExecuteTemplate(&sb, "chart", ch); err != nil {
		return "", fmt.Errorf("brief: coverage chart: %w", err)
	}
	return template.HTML(sb.String()), nil
}
