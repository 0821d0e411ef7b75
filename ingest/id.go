package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/url"
	"strings"
	"time"
	"unicode"

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
	h := sha256.New()
	h.Write([]byte(collapse(title)))
	h.Write([]byte{0})
	first := true
	for _, p := range paragraphsOf(text) {
		if c := collapse(p); c != "" {
			if !first {
				h.Write([]byte("\n\n"))
			}
			h.Write([]byte(c))
			first = false
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}

// paragraphsOf splits text at blank lines (lines holding only white space).
func paragraphsOf(text string) []string {
	var out []string
	var cur strings.Builder
	for line := range strings.SplitSeq(text, "\n") {
		if strings.TrimSpace(line) == "" {
			out = append(out, cur.String())
			cur.Reset()
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
	}
	return append(out, cur.String())
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
