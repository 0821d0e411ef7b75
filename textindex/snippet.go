package textindex

import (
	"strings"
	"unicode/utf8"
)

// Snippet marks for matched terms and cut ends, as dossier shows them.
const (
	MarkOpen  = "«"
	MarkClose = "»"
	Ellipsis  = "…"
)

// Highlighter holds the query terms a snippet marks: index terms, and
// prefixes that index terms may start with.
type Highlighter struct {
	terms    map[string]bool
	prefixes []string
	first    [256]bool // first bytes of the terms and prefixes
}

// NewHighlighter returns a Highlighter marking nothing yet.
func NewHighlighter() *Highlighter { return &Highlighter{terms: map[string]bool{}} }

// Add marks an index term, or every term starting with it when prefix
// is set. An empty term is ignored.
func (h *Highlighter) Add(term string, prefix bool) {
	if term == "" {
		return
	}
	h.first[term[0]] = true
	if prefix {
		h.prefixes = append(h.prefixes, term)
	} else {
		h.terms[term] = true
	}
}

// match reports whether a folded token's term is marked, and the query
// term to count it under. Porter stemming never changes a token's first
// letter, so tokens starting with another byte are not stemmed at all.
func (h *Highlighter) match(folded []byte) (string, bool) {
	if h == nil || !h.first[folded[0]] {
		return "", false
	}
	t := Stem(folded)
	if h.terms[t] {
		return t, true
	}
	for _, p := range h.prefixes {
		if strings.HasPrefix(t, p) {
			return p, true
		}
	}
	return "", false
}

// Snippet returns the window of about size tokens of text that holds the
// most distinct query terms (then the most matches), starting at the
// start of a sentence where one begins shortly before a match, with each
// match wrapped in « and » and "…" where the window cuts the text. h
// gives the terms (nil for none); a prefix counts as one distinct term.
// Without any match it returns the first size tokens. White space is
// collapsed to single spaces.
func Snippet(text string, size int, h *Highlighter) string {
	type tok struct {
		start, end int
		key        string // the query term it matches, "" if none
	}
	toks := make([]tok, 0, len(text)/6)
	scanFolded(text, func(folded []byte, start, end int) {
		k, _ := h.match(folded)
		toks = append(toks, tok{start, end, k})
	})
	if len(toks) == 0 {
		return ""
	}
	size = max(size, 1)
	// Score each window that starts a little before a match: at the
	// start of its sentence if that is near, else lead tokens before.
	best, bestDistinct, bestHits := 0, -1, -1
	lead := size / 4
	sentenceStart := func(k int) bool {
		return k == 0 || strings.ContainsAny(text[toks[k-1].end:toks[k].start], ".!?\n")
	}
	for i, t := range toks {
		if t.key == "" {
			continue
		}
		start := max(0, i-lead)
		for j := i; j >= max(0, i-lead); j-- {
			if sentenceStart(j) {
				start = j
				break
			}
		}
		start = max(0, min(start, len(toks)-size))
		seen := map[string]bool{}
		hits := 0
		for _, u := range toks[start:min(start+size, len(toks))] {
			if u.key != "" {
				seen[u.key] = true
				hits++
			}
		}
		if len(seen) > bestDistinct || len(seen) == bestDistinct && hits > bestHits {
			best, bestDistinct, bestHits = start, len(seen), hits
		}
	}
	end := min(best+size, len(toks))
	var sb strings.Builder
	if best > 0 {
		sb.WriteString(Ellipsis)
	}
	pos := toks[best].start
	if best == 0 {
		pos = 0
	}
	for _, t := range toks[best:end] {
		sb.WriteString(text[pos:t.start])
		if t.key != "" {
			sb.WriteString(MarkOpen + text[t.start:t.end] + MarkClose)
		} else {
			sb.WriteString(text[t.start:t.end])
		}
		pos = t.end
	}
	if end < len(toks) {
		sb.WriteString(Ellipsis)
	} else {
		sb.WriteString(text[pos:])
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

// Lead returns the start of text, white space collapsed, cut at a word
// boundary to about n bytes and ended with "…" where it is cut: the
// snippet of a result that no query term placed.
func Lead(text string, n int) string {
	text = strings.Join(strings.Fields(text), " ")
	if len(text) <= n {
		return text
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut <= 0 {
		cut = n
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
	}
	return text[:cut] + Ellipsis
}
