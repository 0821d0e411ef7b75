package extract

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier"
)

// MaxTextSize is the largest plain-text document Text accepts.
const MaxTextSize = 32 << 20

// Text parses a plain-text article: an optional topic line (short and
// followed by a blank line), the title line, then paragraphs separated by
// blank lines or, in files without blank lines, by single line breaks.
// Byline and date lines right after the title ("By Jane Doe",
// "Published: 16 May 2024") fill Byline and Published. Trailing site
// boilerplate (comment forms, share, subscribe and follow lines,
// related-post lists) is dropped, and a subheading glued onto the start of
// a paragraph is split off as a heading paragraph. The returned
// Text is the paragraphs joined by "\n\n".
//
// It returns an EINVALID error for empty input, binary data or text that
// is not valid UTF-8, and ETOOLARGE above MaxTextSize.
func Text(data []byte) (dossier.Article, error) {
	if len(data) > MaxTextSize {
		return dossier.Article{}, dossier.Errorf(dossier.ETOOLARGE, "plain-text document is %d bytes, over the %d-byte limit", len(data), MaxTextSize)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if err := CheckText(data); err != nil {
		return dossier.Article{}, err
	}
	blocks := splitBlocks(string(data))
	if len(blocks) == 0 {
		return dossier.Article{}, dossier.Errorf(dossier.EINVALID, "empty document: no text")
	}
	var a dossier.Article
	if len(blocks) >= 2 && len(blocks[0]) == 1 && isTopicLine(blocks[0][0], blocks[1]) {
		a.Topic = blocks[0][0]
		blocks = blocks[1:]
	}
	var paras []string
	first := blocks[0]
	if title, _ := markdownHeading(first[0]); len(strings.Fields(title)) <= 25 {
		// A first line of more than 25 words is body text, not a title.
		a.Title = collapseSpace(title)
		first = first[1:]
	}
	if len(first) > 0 {
		paras = append(paras, joinLines(first)...)
	}
	for _, b := range blocks[1:] {
		paras = append(paras, joinLines(b)...)
	}
	paras = dropBoilerplate(paras)
	a.Byline, a.Published, paras = headerMeta(paras)
	if len(paras) == 0 {
		return dossier.Article{}, dossier.Errorf(dossier.EINVALID, "no article text after the title %q", a.Title)
	}
	a.Text, a.Paragraphs = assemble(paras)
	return a, nil
}

// CheckText returns an EINVALID error when data is empty or blank, looks
// like binary data, or is not valid UTF-8; the message says where.
func CheckText(data []byte) error {
	if len(bytes.TrimSpace(data)) == 0 {
		return dossier.Errorf(dossier.EINVALID, "empty document: no text")
	}
	head := data
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return dossier.Errorf(dossier.EINVALID, "binary data, not text (NUL byte at offset %d)", i)
	}
	ctrl := 0
	for _, c := range head {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') || c == 0x7f {
			ctrl++
		}
	}
	if ctrl*100 > len(head) {
		return dossier.Errorf(dossier.EINVALID, "binary data, not text (%d control bytes in the first %d)", ctrl, len(head))
	}
	if !utf8.Valid(data) {
		off := invalidUTF8Offset(data)
		line := bytes.Count(data[:off], []byte("\n")) + 1
		return dossier.Errorf(dossier.EINVALID, "not valid UTF-8: byte 0x%02x at offset %d (line %d); convert the file to UTF-8", data[off], off, line)
	}
	return nil
}

func invalidUTF8Offset(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// splitBlocks normalises line endings and returns the runs of non-blank
// lines (trimmed), in order.
func splitBlocks(s string) [][]string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	var blocks [][]string
	var cur []string
	for line := range strings.SplitSeq(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

// isTopicLine reports whether line, the first of the document and followed
// by a blank line, is a topic label rather than the title: it is short,
// has no sentence punctuation at its end, and the next block is a single
// title-like line longer than it.
func isTopicLine(line string, next []string) bool {
	if len(line) > 60 || len(strings.Fields(line)) > 8 || endsSentence(line) || strings.HasPrefix(line, "#") {
		return false
	}
	if len(next) != 1 {
		// The next block holds the title and the body with single line
		// breaks; its first line must still look like a title.
		if endsSentence(next[0]) || len(next[0]) > 200 {
			return false
		}
		return !hasUpper(line)
	}
	title := next[0]
	if len(title) > 250 || strings.HasSuffix(title, ".") {
		return false
	}
	return len(title) > len(line) || !hasUpper(line)
}

func hasUpper(s string) bool {
	return strings.IndexFunc(s, unicode.IsUpper) >= 0
}

// endsSentence reports whether s ends with sentence-final punctuation,
// possibly followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, "\"'”’»)]")
	r, _ := utf8.DecodeLastRuneInString(s)
	switch r {
	case '.', '!', '?', '…', ':', ';':
		return true
	}
	return false
}

// joinLines turns the lines of one block into paragraphs: a line break
// inside a hard-wrapped paragraph (a long line that does not end a
// sentence) joins the lines; any other line break starts a new paragraph.
// Runs of spaces are kept (assemble collapses them after looking for a
// heading set off by one).
func joinLines(lines []string) []string {
	var out []string
	var cur strings.Builder
	prev := ""
	for _, l := range lines {
		if cur.Len() > 0 && len(prev) >= 50 && !endsSentence(prev) {
			cur.WriteByte(' ')
		} else if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
		cur.WriteString(l)
		prev = l
	}
	if cur.Len() > 0 {
		out = append(out, cur.String())
	}
	return out
}

// collapseSpace trims s and replaces each run of spaces and tabs by one
// space.
func collapseSpace(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "  ") && !strings.ContainsAny(s, "\t\f\v") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// assemble joins paragraphs into Text, splitting glued subheadings off and
// marking standalone ones, and records each paragraph's byte span.
func assemble(paras []string) (string, []dossier.Paragraph) {
	var b strings.Builder
	var spans []dossier.Paragraph
	add := func(p string, heading bool) {
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		start := b.Len()
		b.WriteString(p)
		spans = append(spans, dossier.Paragraph{Start: start, End: b.Len(), Heading: heading})
	}
	heading := markHeadings(paras)
	for i, raw := range paras {
		if h, ok := markdownHeading(raw); ok {
			add(collapseSpace(h), true)
			continue
		}
		if n := SpacedHeading(raw); n > 0 {
			add(collapseSpace(raw[:n]), true)
			add(collapseSpace(raw[n:]), false)
			continue
		}
		p := collapseSpace(raw)
		if n := GluedHeading(p); n > 0 {
			add(strings.TrimSpace(p[:n]), true)
			add(strings.TrimSpace(p[n:]), false)
			continue
		}
		add(p, heading[i])
	}
	return b.String(), spans
}

// markdownHeading strips the marks of a Markdown ATX heading ("## Talks")
// and reports whether there were any.
func markdownHeading(line string) (string, bool) {
	n := 0
	for n < len(line) && n < 7 && line[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n >= len(line) || line[n] != ' ' {
		return line, false
	}
	h := strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line[n:]), "#"))
	if h == "" {
		return line, false
	}
	return h, true
}

// Paragraphs returns the paragraph spans of text that is already clean
// (paragraphs separated by blank lines, as in JSON Lines input), without
// changing it: each span is trimmed of surrounding white space, and a
// short title-like paragraph that introduces a body paragraph is marked
// as a heading.
// When text has no blank line but several lines, each line is a paragraph.
func Paragraphs(text string) []dossier.Paragraph {
	type span struct{ start, end int }
	var raw []span
	blank := hasBlankLine(text)
	start := -1
	lineStart := 0
	flush := func(end int) {
		if start >= 0 {
			s, e := trimSpan(text, start, end)
			if e > s {
				raw = append(raw, span{s, e})
			}
			start = -1
		}
	}
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		if strings.TrimSpace(text[lineStart:lineEnd]) == "" {
			flush(lineStart)
		} else {
			if start >= 0 && !blank {
				flush(lineStart)
			}
			if start < 0 {
				start = lineStart
			}
		}
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	flush(len(text))
	strs := make([]string, len(raw))
	for i, r := range raw {
		strs[i] = text[r.start:r.end]
	}
	heading := markHeadings(strs)
	out := make([]dossier.Paragraph, len(raw))
	for i, r := range raw {
		out[i] = dossier.Paragraph{Start: r.start, End: r.end, Heading: heading[i]}
	}
	return out
}

func hasBlankLine(text string) bool {
	for i := 0; i < len(text); {
		nl := strings.IndexByte(text[i:], '\n')
		if nl < 0 {
			return false
		}
		j := i + nl + 1
		k := j
		for k < len(text) && (text[k] == ' ' || text[k] == '\t' || text[k] == '\r') {
			k++
		}
		if k < len(text) && text[k] == '\n' {
			return true
		}
		i = j
	}
	return false
}

func trimSpan(s string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= n
	}
	return start, end
}
