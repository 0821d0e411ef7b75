package brief

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// mdReplacer escapes the characters markdown would interpret, so article
// text (which may hold HTML or markup) renders literally.
var mdReplacer = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`, `<`, `&lt;`, `>`, `&gt;`,
	`|`, `\|`, `#`, `\#`, "\n", " ", "\r", " ", `&`, `&amp;`,
)

func md(s string) string { return mdReplacer.Replace(s) }

// WriteMarkdown writes b as GitHub-flavoured markdown.
func WriteMarkdown(w io.Writer, b *Brief, opt Options) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	link := func(r Ref, label string) string {
		href := ""
		if opt.ArticleHref != nil {
			href = opt.ArticleHref(r.Article, r.Start, r.End)
		}
		if href == "" {
			if r.End > r.Start {
				return fmt.Sprintf("`%s` %d–%d", strings.ReplaceAll(r.Article, "`", "'"), r.Start, r.End)
			}
			return fmt.Sprintf("`%s`", strings.ReplaceAll(r.Article, "`", "'"))
		}
		return fmt.Sprintf("[%s](<%s>)", md(label), strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace(href))
	}
	o := b.Overview
	p("# Brief: %s\n\n", md(b.Query))
	p("## Overview\n\n")
	p("- **%s** matching (%d analysed), %s, %s\n", plural(o.Matches, "article"), o.Analysed, plural(o.Stories, "distinct story"), plural(o.Duplicates, "duplicate"))
	if o.From != "" {
		p("- Dates: %s to %s", o.From, o.To)
		if o.Undated > 0 {
			p(" (%d undated)", o.Undated)
		}
		p("\n")
	}
	if len(b.Sources) > 0 {
		var parts []string
		for _, s := range b.Sources {
			parts = append(parts, fmt.Sprintf("%s (%d)", md(s.Source), s.Articles))
		}
		p("- Sources: %s\n", strings.Join(parts, ", "))
	}
	for _, n := range b.Notes {
		p("- _Note: %s_\n", md(n))
	}
	for _, sec := range []struct {
		title string
		items []EntityItem
	}{{"Key people", b.People}, {"Organisations", b.Organisations}, {"Places", b.Places}} {
		if len(sec.items) == 0 {
			continue
		}
		p("\n## %s\n\n| Name | Roles | Mentions | Articles | First mention |\n|---|---|---:|---:|---|\n", sec.title)
		for _, e := range sec.items {
			ref := ""
			if len(e.Refs) > 0 {
				ref = link(e.Refs[0], e.Refs[0].Article)
			}
			p("| %s | %s | %d | %d | %s |\n", md(e.Name), md(strings.Join(first(e.Roles, 3), "; ")), e.Mentions, e.Articles, ref)
		}
	}
	if len(b.Names) > 0 {
		p("\n## Most frequent names\n\n| Name | Count | Articles | First |\n|---|---:|---:|---|\n")
		for _, n := range b.Names {
			ref := ""
			if len(n.Refs) > 0 {
				ref = link(n.Refs[0], n.Refs[0].Article)
			}
			p("| %s | %d | %d | %s |\n", md(n.Name), n.Count, n.Articles, ref)
		}
	}
	if len(b.Quotes) > 0 {
		p("\n## Who said what\n")
		for _, s := range b.Quotes {
			p("\n### %s (%s)\n\n", md(s.Speaker), plural(s.Count, "quote"))
			for _, q := range s.Quotes {
				p("> “%s”  \n> — %s%s, %s\n\n", md(q.Text), md(q.Title), md(dateSuffix(q.Date)), link(q.Ref, "source"))
			}
		}
	}
	if len(b.Figures) > 0 {
		p("\n## Key figures\n")
		for _, g := range b.Figures {
			p("\n**%s**\n\n| As written | Value | Sentence | Source |\n|---|---:|---|---|\n", md(figureLabel(g)))
			for _, f := range g.Reports {
				p("| %s | %s | %s | %s |\n", md(f.Text), formatValue(f.Value), md(clip(f.Sentence, 200)), link(f.Ref, f.ArticleID))
			}
		}
	}
	if len(b.Timeline) > 0 {
		p("\n## Timeline\n\n| Date | Event | Source |\n|---|---|---|\n")
		for _, e := range b.Timeline {
			text := md(clip(e.Text, 200))
			if e.Kind == "published" {
				text = "_Published:_ " + text
			}
			p("| %s | %s | %s |\n", e.Date, text, link(e.Ref, e.ArticleID))
		}
	}
	if len(b.Pairs) > 0 {
		p("\n## Who appears with whom\n\n| A | B | Sentences | Articles | Example |\n|---|---|---:|---:|---|\n")
		for _, pr := range b.Pairs {
			ref := ""
			if len(pr.Refs) > 0 {
				ref = link(pr.Refs[0], pr.Refs[0].Article)
			}
			p("| %s | %s | %d | %d | %s |\n", md(pr.A), md(pr.B), pr.Sentences, pr.Articles, ref)
		}
	}
	if len(b.Coverage.Points) > 0 {
		c := b.Coverage
		p("\n## Coverage by %s\n\n`%s` %s to %s\n\n| %s | Articles |\n|---|---:|\n", c.Bucket, Sparkline(c.Points), c.Points[0].Start, c.Points[len(c.Points)-1].Start, c.Bucket)
		for _, pt := range c.Points {
			p("| %s | %d |\n", pt.Start, pt.Count)
		}
	}
	if len(b.Sources) > 0 {
		p("\n## Top sources\n\n| Source | Articles |\n|---|---:|\n")
		for _, s := range b.Sources {
			p("| %s | %d |\n", md(s.Source), s.Articles)
		}
	}
	if len(b.Articles) > 0 {
		p("\n## Top articles\n\n")
		for i, a := range b.Articles {
			title := md(a.Title)
			if opt.ArticleHref != nil {
				title = link(Ref{Article: a.ID}, a.Title)
			} else if strings.HasPrefix(a.URL, "https://") || strings.HasPrefix(a.URL, "http://") { // never a javascript: link
				title = fmt.Sprintf("[%s](<%s>)", md(a.Title), strings.NewReplacer("<", "%3C", ">", "%3E", " ", "%20").Replace(a.URL))
			}
			p("%d. **%s**, %s  \n   %s\n", i+1, title, md(strings.Join(nonEmpty(a.Source, a.Date, "id "+a.ID), " · ")),
				strings.NewReplacer("«", "**", "»", "**").Replace(md(clip(a.Snippet, 240))))
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("brief: write markdown: %w", err)
	}
	return nil
}

// formatValue prints a figure's value compactly (240000000000 as 240e9 is
// unreadable; use thousands separators).
func formatValue(v float64) string {
	if v != float64(int64(v)) || v > 1e18 || v < -1e18 {
		return fmt.Sprintf("%.4g", v)
	}
	s := fmt.Sprintf("%d", int64(v))
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var sb strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			sb.WriteByte(',')
		}
		sb.WriteRune(c)
	}
	if neg {
		return "-" + sb.String()
	}
	return sb.String()
}
