package extract

import (
	"net/url"
	"strings"
	"unicode"
)

// hostOf returns a URL's host without "www.".
func hostOf(u string) string {
	p, err := url.Parse(u)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(p.Hostname()), "www.")
}

// siteName validates a declared site name: an address becomes its host,
// a handle loses its "@", and copyright lines or overlong values are
// refused.
func siteName(s string) string {
	s = cleanSpace(s)
	switch {
	case s == "" || len(s) > 80 || lowerHas(s, "copyright", "©"):
		return ""
	case strings.Contains(s, "://"):
		return hostOf(s)
	}
	return strings.TrimPrefix(s, "@")
}

// titleSeparators split a headline from the site name in <title> texts.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · ", " • ", ": "}

// stripSite removes the site's name from the start or end of a title
// ("Headline | Site", "Site: Headline").
func stripSite(title, site, host string) string {
	key := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	names := []string{key(site), key(strings.SplitN(host, ".", 2)[0]), key(host)}
	isSite := func(seg string) bool {
		k := key(seg)
		if k == "" {
			return false
		}
		for _, n := range names {
			if n != "" && (k == n || strings.HasPrefix(k, n) && len(k) <= len(n)+30) {
				return true
			}
		}
		return false
	}
	for _, sep := range titleSeparators {
		if site != "" && strings.HasSuffix(title, sep+site) && len(title) > len(sep+site)+10 {
			return strings.TrimSpace(strings.TrimSuffix(title, sep+site))
		}
		if site != "" && strings.HasPrefix(title, site+sep) && len(title) > len(sep+site)+10 {
			return strings.TrimSpace(strings.TrimPrefix(title, site+sep))
		}
	}
	for _, sep := range titleSeparators {
		if i := strings.LastIndex(title, sep); i > 0 && sep != ": " && isSite(title[i+len(sep):]) {
			return strings.TrimSpace(title[:i])
		}
		if i := strings.Index(title, sep); i > 0 && isSite(title[:i]) && len(title[i+len(sep):]) > 10 {
			return strings.TrimSpace(title[i+len(sep):])
		}
	}
	return title
}
