package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier"
)

// Finalize gives a read article its identity: ContentHash from the
// normalised title and text, ID (the given id, else the canonical URL,
// else "sha256:" and a prefix of the content hash), URL in canonical form,
// Fetched (now, unless set), and non-nil item slices.
func Finalize(a *dossier.Article, now time.Time) {
	a.ID = strings.TrimSpace(a.ID)
	if a.URL != "" {
		if c, err := CanonicalURL(a.URL); err == nil {
			a.URL = c
		}
	}
	a.ContentHash = ContentHash(a.Title, a.Text)
	if a.ID == "" {
		a.ID = a.URL
	}
	if a.ID == "" {
		a.ID = "sha256:" + a.ContentHash[:32]
	}
	if a.Fetched.IsZero() {
		a.Fetched = now.UTC()
	}
	if a.Paragraphs == nil {
		a.Paragraphs = []dossier.Paragraph{}
	}
	if a.Entities == nil {
		a.Entities = []dossier.Entity{}
	}
	if a.Quotes == nil {
		a.Quotes = []dossier.Quote{}
	}
	if a.Figures == nil {
		a.Figures = []dossier.Figure{}
	}
	if a.Dates == nil {
		a.Dates = []dossier.Date{}
	}
}

// ContentHash returns the hex SHA-256 of the normalised title and text:
// inside each paragraph (blank-line separated) white space runs become one
// space, and paragraphs are joined by one blank line. Re-wrapping lines,
// re-spacing or CRLF line ends do not change the hash; moving a paragraph
// break does, so only exact copies of an article share it.
func ContentHash(title, text string) string {
	buf := make([]byte, 0, len(title)+len(text)+1)
	buf = appendNormalised(buf, title)
	buf = append(buf, 0)
	buf = appendNormalised(buf, text)
	sum := sha256.Sum256(buf)
	return hex.EncodeToString(sum[:])
}

// appendNormalised appends s to buf with each run of white space collapsed
// to one space, or to "\n\n" when the run holds two or more line breaks
// (a blank line), and without leading or trailing white space.
func appendNormalised(buf []byte, s string) []byte {
	start := len(buf)
	newlines, space := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			if r == '\n' {
				newlines++
			}
			continue
		}
		if space && len(buf) > start {
			if newlines >= 2 {
				buf = append(buf, '\n', '\n')
			} else {
				buf = append(buf, ' ')
			}
		}
		space, newlines = false, 0
		buf = utf8.AppendRune(buf, r)
	}
	return buf
}

// CanonicalURL normalises a URL for use as an id: lower-case scheme and
// host, no default port, no fragment, no tracking parameters (utm_*,
// fbclid, gclid, mc_cid, mc_eid), and "/" for an empty path.
func CanonicalURL(raw string) (string, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return "", err
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	if (u.Scheme == "http" && strings.HasSuffix(u.Host, ":80")) || (u.Scheme == "https" && strings.HasSuffix(u.Host, ":443")) {
		u.Host = u.Host[:strings.LastIndexByte(u.Host, ':')]
	}
	u.Fragment, u.RawFragment = "", ""
	if u.Host != "" && u.Path == "" {
		u.Path = "/"
	}
	if u.RawQuery != "" {
		var kept []string
		for part := range strings.SplitSeq(u.RawQuery, "&") {
			key := part
			if i := strings.IndexByte(part, '='); i >= 0 {
				key = part[:i]
			}
			k := strings.ToLower(key)
			if part == "" || strings.HasPrefix(k, "utm_") || k == "fbclid" || k == "gclid" || k == "mc_cid" || k == "mc_eid" {
				continue
			}
			kept = append(kept, part)
		}
		u.RawQuery = strings.Join(kept, "&")
	}
	u.ForceQuery = false
	return u.String(), nil
}
