package web

import (
	"cmp"
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dossier/dossier"
)

// mark is one highlighted range of an article's text: the element that
// wraps it is <span> with class and attributes (attribute values are
// escaped when written).
type mark struct {
	start, end int
	class      string
	attrs      [][2]string
	order      int // input order, to keep nesting stable
}

// marks collects the highlights of an article: entity mentions, quotes
// (with their cue and source), figures, dates, and the target range hl
// (from ?hl=start-end) if any.
func marks(a *dossier.Article, hl [2]int) []mark {
	var ms []mark
	add := func(start, end int, class string, attrs ...[2]string) {
		ms = append(ms, mark{start: start, end: end, class: class, attrs: attrs, order: len(ms)})
	}
	if hl[1] > hl[0] {
		add(hl[0], hl[1], "target")
	}
	for _, q := range a.Quotes {
		speaker := q.Speaker
		if speaker == "" {
			speaker = "unknown"
		}
		add(q.Start, q.End, "quote quote-"+q.Kind, [2]string{"data-speaker", speaker}, [2]string{"title", "Quote by " + speaker})
		if q.Cue != nil {
			add(q.Cue.Start, q.Cue.End, "cue", [2]string{"title", "Speech verb"})
		}
		if q.Source != nil {
			add(q.Source.Start, q.Source.End, "qsource", [2]string{"data-speaker", speaker}, [2]string{"title", "Speaker: " + speaker})
		}
	}
	for _, e := range a.Entities {
		for _, m := range e.Mentions {
			add(m.Start, m.End, "ent ent-"+strings.ToLower(e.Type),
				[2]string{"data-entity", e.ID}, [2]string{"title", typeName(e.Type) + ": " + e.Name})
		}
	}
	for _, f := range a.Figures {
		title := f.Kind
		if f.Unit != "" {
			title += " · " + f.Unit
		}
		title += " · " + strconv.FormatFloat(f.Value, 'f', -1, 64)
		add(f.Start, f.End, "fig", [2]string{"title", title})
	}
	for _, d := range a.Dates {
		title := "date"
		if d.Value != "" {
			title += " · " + d.Value
		}
		add(d.Start, d.End, "date", [2]string{"title", title})
	}
	return ms
}

// validRange reports whether [start, end) is a non-empty range of text on
// rune boundaries; stored offsets are checked before use, never trusted.
func validRange(text string, start, end int) bool {
	return start >= 0 && end <= len(text) && start < end &&
		utf8.RuneStart(text[start]) && (end == len(text) || utf8.RuneStart(text[end]))
}

// highlight renders an article's text as paragraphs with every mark
// wrapped in a <span>. Each text segment is HTML-escaped; overlapping
// marks that do not nest are closed and reopened around each other so the
// markup stays well formed.
func highlight(a *dossier.Article, hl [2]int) template.HTML {
	text := a.Text
	var ms []mark
	for _, m := range marks(a, hl) {
		if validRange(text, m.start, m.end) {
			ms = append(ms, m)
		}
	}
	paras := a.Paragraphs
	if len(paras) == 0 {
		paras = splitParagraphs(text)
	}
	var sb strings.Builder
	for _, p := range paras {
		if !validRange(text, p.Start, p.End) {
			continue
		}
		tag := "p"
		if p.Heading {
			tag = "h3"
		}
		fmt.Fprintf(&sb, "<%s data-start=\"%d\">", tag, p.Start)
		renderRange(&sb, text, p.Start, p.End, ms)
		fmt.Fprintf(&sb, "</%s>\n", tag)
	}
	return template.HTML(sb.String())
}

// splitParagraphs splits text at blank lines.
func splitParagraphs(text string) []dossier.Paragraph {
	var out []dossier.Paragraph
	start := 0
	for start < len(text) {
		i := strings.Index(text[start:], "\n\n")
		end := len(text)
		if i >= 0 {
			end = start + i
		}
		s, e := start, end
		for s < e && (text[s] == '\n' || text[s] == ' ') {
			s++
		}
		if e > s {
			out = append(out, dossier.Paragraph{Start: s, End: e})
		}
		if i < 0 {
			break
		}
		start = end + 2
	}
	return out
}

// renderRange writes text[lo:hi] with the marks clipped to it.
func renderRange(sb *strings.Builder, text string, lo, hi int, all []mark) {
	var ms []mark
	for _, m := range all {
		if m.start < hi && m.end > lo {
			m.start, m.end = max(m.start, lo), min(m.end, hi)
			ms = append(ms, m)
		}
	}
	// Outer marks first: earlier start, then longer, then input order.
	slices.SortStableFunc(ms, func(x, y mark) int {
		return cmp.Or(cmp.Compare(x.start, y.start), cmp.Compare(y.end, x.end), cmp.Compare(x.order, y.order))
	})
	bounds := []int{lo, hi}
	for _, m := range ms {
		bounds = append(bounds, m.start, m.end)
	}
	slices.Sort(bounds)
	bounds = slices.Compact(bounds)

	var stack []mark
	next := 0 // next mark of ms to open
	for i, pos := range bounds {
		// Close every open mark that ends here, reopening the marks above it
		// that go on.
		for {
			j := slices.IndexFunc(stack, func(m mark) bool { return m.end <= pos })
			if j < 0 {
				break
			}
			var reopen []mark
			for len(stack) > j {
				top := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				sb.WriteString("</span>")
				if top.end > pos {
					reopen = append(reopen, top)
				}
			}
			for k := len(reopen) - 1; k >= 0; k-- {
				openMark(sb, reopen[k], false)
				stack = append(stack, reopen[k])
			}
		}
		for next < len(ms) && ms[next].start == pos {
			openMark(sb, ms[next], true)
			stack = append(stack, ms[next])
			next++
		}
		if i+1 < len(bounds) {
			sb.WriteString(template.HTMLEscapeString(text[pos:bounds[i+1]]))
		}
	}
	for range stack {
		sb.WriteString("</span>")
	}
}

// openMark writes the opening tag of m; the target range gets id="hl"
// the first time it opens.
func openMark(sb *strings.Builder, m mark, first bool) {
	sb.WriteString(`<span class="`)
	sb.WriteString(template.HTMLEscapeString(m.class))
	sb.WriteByte('"')
	if m.class == "target" && first {
		sb.WriteString(` id="hl"`)
	}
	for _, a := range m.attrs {
		sb.WriteByte(' ')
		sb.WriteString(a[0])
		sb.WriteString(`="`)
		sb.WriteString(template.HTMLEscapeString(a[1]))
		sb.WriteByte('"')
	}
	sb.WriteByte('>')
}
