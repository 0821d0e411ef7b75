package extract

import (
	"regexp"
	"strings"
	"unicode"
)

// Byline cleaning: a byline is a list of person names. Candidates come from
// JSON-LD and meta tags (structured) and from byline elements of the page
// (free text, where menu words and dates creep in); every name is checked.

var (
	bylineSplit  = regexp.MustCompile(`(?i)\s*(?:[,;|/•·]|\s&\s|\s(?:and|und|y|et|e|и|en|og|och|ve)\s)\s*`)
	bylinePrefix = regexp.MustCompile(`(?i)^\W*(?:(?:\pL+\s+){0,2}by\s|written\s+by|posted\s+by|reported\s+by|story\s+by|words\s+by|text\s+by|by|from|von|por|par|di|da|door|av|af|автор|автор[ыа]?:|texto|text)\b[:\s]*`)
	domainLike   = regexp.MustCompile(`(?i)\.(com|net|org|co|info|news|io|uk|de|fr|it|ru|br|in)\b`)
	bylineCut    = regexp.MustCompile(`(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|updated|published|posted|last\s+modified|on\s+(?:\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|mon|tue|wed|thu|fri|sat|sun))`)
)

// menuWords are words that appear around bylines but never in a name.
var menuWords = wordSet("home", "menu", "news", "login", "log", "sign", "signin", "subscribe", "subscription", "search", "share",
	"facebook", "twitter", "instagram", "linkedin", "whatsapp", "email", "e-mail", "mail", "print", "comments", "comment",
	"reply", "contact", "about", "privacy", "terms", "cookie", "cookies", "advertise", "advertisement", "newsletter",
	"newsletters", "sections", "section", "opinion", "sports", "sport", "politics", "business", "world", "video", "videos",
	"photos", "photo", "more", "read", "follow", "click", "skip", "content", "navigation", "toggle", "close", "open", "edit",
	"admin", "administrator", "guest", "anonymous", "unknown", "staff", "team", "desk", "editorial", "categories", "category",
	"tags", "tag", "view", "profile", "all", "posts", "articles", "article", "author", "authors", "writer", "reporter",
	"correspondent", "editor", "contributor", "columnist", "senior", "associate", "chief", "homepage", "top", "latest",
	"trending", "live", "watch", "listen", "podcast", "podcasts", "app", "apps", "account", "register", "next", "previous",
	"back", "related", "entertainment", "lifestyle", "health", "science", "technology", "tech", "travel", "weather", "the",
	"www", "http", "https", "com", "default", "null", "none", "undefined", "wordpress",
	// days and months (not those that are also given names)
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
	"september", "october", "november", "december", "jan", "feb", "sep", "sept", "oct", "nov", "dec",
	// organisation words: a byline of an agency or a desk is not a person
	"agency", "press", "bureau", "media", "group", "university", "institute", "association", "department",
	"ministry", "office", "company", "inc", "ltd", "corp", "newsroom", "wire", "services", "service")

// agencies are news agencies and wire services, whose names stand in
// bylines but are not authors.
var agencies = wordSet("reuters", "afp", "ap", "dpa", "ansa", "efe", "xinhua", "tass", "pti", "ani", "ians", "bloomberg",
	"upi", "kyodo", "yonhap", "anadolu", "bernama", "apa", "sda", "ria", "interfax")

// nameParticles may be written in lower case inside a name.
var nameParticles = wordSet("de", "da", "das", "do", "dos", "del", "della", "der", "den", "du", "di", "la", "le", "van",
	"von", "ter", "ten", "bin", "ibn", "al", "el", "y", "e", "st", "zu", "af")

func wordSet(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// bylineNames splits a byline candidate into validated person names.
// Structured candidates (JSON-LD, meta) may be a single word; names from
// page text need at least two words.
func bylineNames(s string, structured bool) []string {
	s = cleanSpace(s)
	if loc := bylineCut.FindStringIndex(s); loc != nil {
		s = s[:loc[0]]
	}
	var out []string
	for _, part := range bylineSplit.Split(s, -1) {
		part = strings.TrimSpace(bylinePrefix.ReplaceAllString(part, ""))
		part = strings.Trim(part, " -–—:.\"'()[]")
		part = cutShouting(part)
		if validName(part, structured) {
			out = append(out, unshout(part))
		}
	}
	return out
}

// validName reports whether s looks like a person's name.
func validName(s string, structured bool) bool {
	if s == "" || len(s) > 60 || strings.ContainsAny(s, "@#<>{}=0123456789?!") || strings.Contains(s, "://") || domainLike.MatchString(s) {
		return false
	}
	words := strings.Fields(s)
	if len(words) > 5 || (len(words) < 2 && !structured) {
		return false
	}
	if len(words) == 1 && agencies[strings.ToLower(s)] {
		return false
	}
	cased := false
	for _, w := range words {
		lw := strings.ToLower(strings.Trim(w, ".,'’"))
		for _, piece := range strings.Split(lw, "-") {
			if menuWords[piece] {
				return false
			}
		}
		r := []rune(w)
		if !unicode.IsLetter(r[0]) {
			return false
		}
		if unicode.IsUpper(r[0]) || unicode.IsLower(r[0]) {
			cased = true
			if unicode.IsLower(r[0]) && !nameParticles[lw] {
				return false
			}
		}
	}
	// Uncased scripts (CJK, Arabic, ...) cannot be checked by case: trust
	// structured sources only.
	return cased || structured
}

// joinNames deduplicates names (ignoring case) and joins them with ", ".
func joinNames(names []string) string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		k := strings.ToLower(n)
		if !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	return strings.Join(out, ", ")
}

// cutShouting drops an all-capitals tail ("Kevin McCoy USA TODAY") from a
// mixed-case name: it names the publication, not the person.
func cutShouting(s string) string {
	words := strings.Fields(s)
	for i, w := range words {
		if i > 0 && len(w) >= 3 && strings.ToUpper(w) == w && strings.ToLower(w) != w && strings.ToUpper(words[0]) != words[0] {
			return strings.Join(words[:i], " ")
		}
	}
	return s
}

// notSite drops names that repeat the site's name or domain.
func notSite(names []string, site, host string) []string {
	squash := func(s string) string {
		var b strings.Builder
		for _, r := range strings.ToLower(s) {
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	site, host = squash(site), squash(host)
	out := names[:0]
	for _, n := range names {
		k := squash(n)
		if k == site || (host != "" && strings.Contains(host, k)) || (site != "" && strings.HasPrefix(site, k)) {
			continue
		}
		out = append(out, n)
	}
	return out
}

// byline picks the first source that yields valid names: JSON-LD author,
// author meta tags, byline elements, then the library's guess.
func (pm pageMeta) byline(libraryGuess, site, host string) string {
	valid := func(s string, structured bool) []string { return notSite(bylineNames(s, structured), site, host) }
	if a := pm.article(); a != nil {
		var names []string
		for _, n := range ldNames(a["author"]) {
			names = append(names, valid(n, true)...)
		}
		if len(names) > 0 {
			return joinNames(names)
		}
	}
	for _, k := range []string{"author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "citation_author"} {
		if names := valid(pm.meta[k], true); len(names) > 0 {
			return joinNames(names)
		}
	}
	for _, b := range pm.bylines {
		if names := valid(b, false); len(names) > 0 {
			return joinNames(names)
		}
	}
	return joinNames(valid(libraryGuess, false))
}

// unshout rewrites an all-capitals name in title case ("ROBERT BURNS" →
// "Robert Burns").
func unshout(name string) string {
	if strings.ToUpper(name) != name || strings.ToLower(name) == name {
		return name
	}
	words := strings.Fields(name)
	for i, w := range words {
		r := []rune(strings.ToLower(w))
		r[0] = unicode.ToUpper(r[0])
		for j := 1; j < len(r); j++ {
			if r[j-1] == '-' || r[j-1] == '\'' {
				r[j] = unicode.ToUpper(r[j])
			}
		}
		words[i] = string(r)
	}
	return strings.Join(words, " ")
}
