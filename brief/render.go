package brief

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/dossier/dossier"
)

// Formats lists the output formats Render accepts.
var Formats = []string{"text", "markdown", "json", "html"}

// Options tune rendering.
type Options struct {
	// Color turns on ANSI colour and bold in the text format (for a terminal).
	Color bool
	// ArticleHref returns the link to an article, or to a range of its text
	// when end > start. Nil links markdown and HTML items to the article's
	// URL when it has one, and prints the id and offsets otherwise.
	ArticleHref func(id string, start, end int) string
	// EntityHref, when set, links entity names in the html format (to an
	// entity page).
	EntityHref func(id, name string) string
	// Fragment makes the html format write only the brief's <article>
	// element, without the document and its inline style (for embedding in
	// a page that links CSS).
	Fragment bool
}

// Render writes b to w in format (one of Formats).
func Render(w io.Writer, b *Brief, format string, opt Options) error {
	switch format {
	case "json":
		return WriteJSON(w, b)
	case "text", "":
		return WriteText(w, b, opt)
	case "markdown", "md":
		return WriteMarkdown(w, b, opt)
	case "html":
		return WriteHTML(w, b, opt)
	}
	return dossier.Errorf(dossier.EINVALID, "unknown brief format %q (want %s)", format, strings.Join(Formats, ", "))
}

// WriteJSON writes b as indented JSON following SchemaVersion.
func WriteJSON(w io.Writer, b *Brief) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("brief: write json: %w", err)
	}
	return nil
}

// ANSI styles for the text format.
const (
	ansiReset = "\x1b[0m"
	ansiBold  = "\x1b[1m"
	ansiDim   = "\x1b[2m"
	ansiCyan  = "\x1b[36m"
	ansiGreen = "\x1b[32m"
	ansiYel   = "\x1b[33m"
)

// textWriter writes the text format, styling only when colour is on.
type textWriter struct {
	w     *bufio.Writer
	color bool
}

func (t *textWriter) style(code, s string) string {
	if !t.color || s == "" {
		return s
	}
	return code + s + ansiReset
}

func (t *textWriter) printf(format string, args ...any) { fmt.Fprintf(t.w, format, args...) }

func (t *textWriter) heading(s string) {
	t.printf("\n%s\n", t.style(ansiBold+ansiCyan, s))
}

func (t *textWriter) ref(r Ref) string {
	if r.End > r.Start {
		return t.style(ansiDim, fmt.Sprintf("[%s %d-%d]", r.Article, r.Start, r.End))
	}
	return t.style(ansiDim, "["+r.Article+"]")
}

// snippet turns « » markers into bold on a terminal.
func (t *textWriter) snippet(s string) string {
	if !t.color {
		return s
	}
	s = strings.ReplaceAll(s, "«", ansiBold+ansiYel)
	return strings.ReplaceAll(s, "»", ansiReset)
}

// WriteText writes b as plain text, with colour when opt.Color is set.
func WriteText(w io.Writer, b *Brief, opt Options) error {
	t := &textWriter{w: bufio.NewWriter(w), color: opt.Color}
	title := "Brief: " + b.Query
	t.printf("%s\n%s\n", t.style(ansiBold, title), strings.Repeat("=", len([]rune(title))))
	o := b.Overview
	t.heading("Overview")
	t.printf("  %s matching, %s analysed, %s, %s\n", plural(o.Matches, "article"), strconv.Itoa(o.Analysed),
		plural(o.Stories, "distinct story"), plural(o.Duplicates, "duplicate"))
	if o.From != "" {
		t.printf("  Dates: %s to %s", o.From, o.To)
		if o.Undated > 0 {
			t.printf(" (%d undated)", o.Undated)
		}
		t.printf("\n")
	} else if o.Analysed > 0 {
		t.printf("  Dates: none of the articles is dated\n")
	}
	if len(b.Sources) > 0 {
		var parts []string
		for _, s := range b.Sources {
			parts = append(parts, fmt.Sprintf("%s (%d)", s.Source, s.Articles))
		}
		t.printf("  Sources: %s\n", strings.Join(parts, ", "))
	}
	for _, n := range b.Notes {
		t.printf("  %s\n", t.style(ansiDim, "Note: "+n))
	}
	for _, sec := range []struct {
		title string
		items []EntityItem
	}{{"Key people", b.People}, {"Organisations", b.Organisations}, {"Places", b.Places}} {
		if len(sec.items) == 0 {
			continue
		}
		t.heading(sec.title)
		for _, e := range sec.items {
			role := ""
			if len(e.Roles) > 0 {
				role = " (" + strings.Join(first(e.Roles, 2), "; ") + ")"
			}
			t.printf("  %s%s: %s in %s%s\n", t.style(ansiBold, e.Name), role, plural(e.Mentions, "mention"), plural(e.Articles, "article"), refs(t, e.Refs, 2))
		}
	}
	if len(b.Names) > 0 {
		t.heading("Most frequent names")
		for _, n := range b.Names {
			t.printf("  %s: %d in %s%s\n", t.style(ansiBold, n.Name), n.Count, plural(n.Articles, "article"), refs(t, n.Refs, 2))
		}
	}
	if len(b.Quotes) > 0 {
		t.heading("Who said what")
		for _, s := range b.Quotes {
			t.printf("  %s (%s)\n", t.style(ansiBold, s.Speaker), plural(s.Count, "quote"))
			for _, q := range s.Quotes {
				t.printf("    “%s”\n      %s %s\n", clip(q.Text, 300), t.style(ansiDim, "— "+q.Title+dateSuffix(q.Date)), t.ref(q.Ref))
			}
		}
	}
	if len(b.Figures) > 0 {
		t.heading("Key figures")
		for _, g := range b.Figures {
			t.printf("  %s\n", t.style(ansiBold, figureLabel(g)))
			for _, f := range g.Reports {
				t.printf("    %-18s %s %s\n", t.style(ansiGreen, f.Text), clip(f.Sentence, 120), t.ref(f.Ref))
			}
		}
	}
	if len(b.Timeline) > 0 {
		t.heading("Timeline")
		for _, e := range b.Timeline {
			text := clip(e.Text, 120)
			if e.Kind == "published" {
				text = "Published: " + text
			}
			t.printf("  %-10s  %s %s\n", e.Date, text, t.ref(e.Ref))
		}
	}
	if len(b.Pairs) > 0 {
		t.heading("Who appears with whom")
		for _, p := range b.Pairs {
			t.printf("  %s + %s: %s, %s%s\n", t.style(ansiBold, p.A), t.style(ansiBold, p.B), plural(p.Sentences, "sentence"), plural(p.Articles, "article"), refs(t, p.Refs, 1))
		}
	}
	if len(b.Coverage.Points) > 0 {
		c := b.Coverage
		t.heading("Coverage by " + c.Bucket)
		t.printf("  %s  %s\n", c.Points[0].Start, t.style(ansiCyan, Sparkline(c.Points)))
		peak := c.Points[0]
		for _, p := range c.Points {
			if p.Count > peak.Count {
				peak = p
			}
		}
		t.printf("  %d buckets from %s to %s; peak %d on %s\n", len(c.Points), c.Points[0].Start, c.Points[len(c.Points)-1].Start, peak.Count, peak.Start)
	}
	if len(b.Articles) > 0 {
		t.heading("Top articles")
		for i, a := range b.Articles {
			meta := strings.Join(nonEmpty(a.Source, a.Date), ", ")
			t.printf("  %d. %s\n     %s\n", i+1, t.style(ansiBold, a.Title), t.style(ansiDim, strings.Join(nonEmpty(meta, "id "+a.ID), " · ")))
			if a.Snippet != "" {
				t.printf("     %s\n", t.snippet(clip(a.Snippet, 240)))
			}
		}
	}
	if b.Overview.Analysed == 0 {
		t.printf("\nNo article matches %q.\n", b.Query)
	}
	if err := t.w.Flush(); err != nil {
		return fmt.Errorf("brief: write text: %w", err)
	}
	return nil
}

// Sparkline draws counts as a row of block characters, one per point.
func Sparkline(points []CoveragePoint) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	peak := 0
	for _, p := range points {
		peak = max(peak, p.Count)
	}
	var sb strings.Builder
	for _, p := range points {
		switch {
		case p.Count == 0:
			sb.WriteRune(' ')
		case peak == 0:
			sb.WriteRune(bars[0])
		default:
			sb.WriteRune(bars[(p.Count*(len(bars)-1)+peak-1)/peak])
		}
	}
	return sb.String()
}

func refs(t *textWriter, rs []Ref, n int) string {
	var sb strings.Builder
	for _, r := range first(rs, n) {
		sb.WriteString(" " + t.ref(r))
	}
	return sb.String()
}

func figureLabel(g FigureGroup) string {
	label := g.Kind
	if g.Unit != "" {
		label += " " + g.Unit
	}
	if g.Context != "" {
		label += ", " + g.Context
	}
	label += ": " + plural(g.Articles, "article")
	if g.Differs {
		label += ", reported differently"
	}
	return label
}

func dateSuffix(d string) string {
	if d == "" {
		return ""
	}
	return ", " + d
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	if strings.HasSuffix(noun, "y") && !strings.HasSuffix(noun, "ey") {
		return strconv.Itoa(n) + " " + noun[:len(noun)-1] + "ies"
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

func first[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n]
	}
	return s
}

func nonEmpty(ss ...string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}
