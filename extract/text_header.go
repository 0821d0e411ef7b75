package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/dossier/dossier"
)

// The lines between a plain-text article's title and its body often carry
// a byline ("By Jane Doe") and a date ("Published: 16 May 2024"). Text
// moves them into Byline and Published instead of the body.

var (
	bylineLine = regexp.MustCompile(`^(?i:by|written by|words by|reporting by)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|der|da|di|al|bin|le|la))*(?:\s*(?:,|and|&)\s*\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*)*)*)$`)
	datePrefix = regexp.MustCompile(`^(?i:published|updated|posted|posted on|date|first published|last updated)\s*(?:on)?\s*:?\s*`)
)

// headerMeta takes byline and date lines off the start of paras (at most
// the first three paragraphs, each short) and returns what it found.
func headerMeta(paras []string) (byline string, published time.Time, rest []string) {
	rest = paras
	for i := 0; i < 3 && len(rest) > 1; i++ {
		p := rest[0]
		if len(p) > 80 {
			break
		}
		if m := bylineLine.FindStringSubmatch(p); m != nil && byline == "" {
			byline = collapseSpace(m[1])
			rest = rest[1:]
			continue
		}
		if t, err := ParseTime(datePrefix.ReplaceAllString(p, "")); err == nil && published.IsZero() {
			published = t
			rest = rest[1:]
			continue
		}
		// "By Jane Doe | 16 May 2024" on one line.
		if left, right, ok := strings.Cut(p, "|"); ok && byline == "" {
			m := bylineLine.FindStringSubmatch(strings.TrimSpace(left))
			t, err := ParseTime(datePrefix.ReplaceAllString(strings.TrimSpace(right), ""))
			if m != nil && err == nil {
				byline, published = collapseSpace(m[1]), t
				rest = rest[1:]
				continue
			}
		}
		break
	}
	return byline, published, rest
}

// textTimeLayouts are the date forms ParseTime accepts, tried in order.
var textTimeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	time.UnixDate,
	"January 2, 2006 15:04",
	"January 2, 2006 3:04 PM",
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"2 January 2006",
	"2 January 2006 15:04",
	"2 Jan 2006",
	"02 Jan 2006",
	"Monday, January 2, 2006",
	"Monday, 2 January 2006",
	"Monday 2 January 2006",
	"20060102",
}

// ParseTime parses a publication date in RFC 3339, a plain date
// (YYYY-MM-DD), RFC 1123/822 (as in RSS), common written forms ("May 16,
// 2024", "16 May 2024", "Thursday, 16 May 2024") or Unix seconds. Times
// without a zone are UTC.
func ParseTime(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range textTimeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	if len(s) >= 9 && len(s) <= 10 && strings.Trim(s, "0123456789") == "" {
		if n, err := strconv.ParseInt(s, 10, 64); err == nil {
			return time.Unix(n, 0).UTC(), nil
		}
	}
	return time.Time{}, dossier.Errorf(dossier.EINVALID, "unrecognised date %q (want RFC 3339 or YYYY-MM-DD)", s)
}
