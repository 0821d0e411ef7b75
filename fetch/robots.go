package fetch

import (
	"bufio"
	"bytes"
	"strconv"
	"strings"
	"time"
)

// Robots is a parsed robots.txt file (RFC 9309), reduced to the rules of
// one crawler.
type Robots struct {
	rules      []robotsRule
	crawlDelay time.Duration
}

type robotsRule struct {
	allow   bool
	pattern string
}

// AllowAll is a Robots that allows every path, used when a site has no
// robots.txt.
var AllowAll = &Robots{}

// DisallowAll is a Robots that forbids every path, used when a site's
// robots.txt is unreachable (RFC 9309, section 2.3.1.4).
var DisallowAll = &Robots{rules: []robotsRule{{allow: false, pattern: "/"}}}

// ParseRobots parses a robots.txt body and keeps the groups that apply to
// agent (a product token such as "dossier", matched case-insensitively),
// or the "*" groups when none does. It never fails: lines it does not
// understand are ignored, as the RFC asks.
func ParseRobots(data []byte, agent string) *Robots {
	agent = strings.ToLower(agent)
	type group struct {
		agents []string
		rules  []robotsRule
		delay  time.Duration
	}
	var groups []*group
	var cur *group
	inAgents := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		value = strings.TrimSpace(value)
		switch key {
		case "user-agent":
			if !inAgents || cur == nil {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(value))
			inAgents = true
		case "allow", "disallow":
			inAgents = false
			if cur == nil || value == "" {
				continue
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: value})
		case "crawl-delay":
			inAgents = false
			if cur == nil {
				continue
			}
			if f, err := strconv.ParseFloat(value, 64); err == nil && f > 0 && f < 86400 {
				cur.delay = time.Duration(f * float64(time.Second))
			}
		default:
			// sitemap and unknown fields neither start nor end a group.
		}
	}
	pick := func(match func(string) bool) *Robots {
		var r *Robots
		for _, g := range groups {
			for _, a := range g.agents {
				if match(a) {
					if r == nil {
						r = &Robots{}
					}
					r.rules = append(r.rules, g.rules...)
					r.crawlDelay = max(r.crawlDelay, g.delay)
					break
				}
			}
		}
		return r
	}
	if r := pick(func(a string) bool { return a != "*" && a != "" && strings.HasPrefix(agent, a) }); r != nil {
		return r
	}
	if r := pick(func(a string) bool { return a == "*" }); r != nil {
		return r
	}
	return AllowAll
}

// Allowed reports whether path (the URL's escaped path and query, e.g.
// "/news/a?id=1") may be fetched. The longest matching rule wins; on a
// tie, allow wins.
func (r *Robots) Allowed(path string) bool {
	if path == "" {
		path = "/"
	}
	if path == "/robots.txt" {
		return true
	}
	best, allowed := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, path) {
			continue
		}
		n := len(rule.pattern)
		if n > best || (n == best && rule.allow) {
			best, allowed = n, rule.allow
		}
	}
	return allowed
}

// CrawlDelay returns the Crawl-delay the file asks of this crawler, or 0.
func (r *Robots) CrawlDelay() time.Duration { return r.crawlDelay }

// robotsMatch matches path against a robots.txt pattern, where "*" matches
// any run of characters and a final "$" anchors the end; otherwise a
// pattern matches any path it is a prefix of.
func robotsMatch(pattern, path string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	if anchored {
		pattern = pattern[:len(pattern)-1]
	}
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(path, parts[0]) {
		return false
	}
	pos := len(parts[0])
	if len(parts) == 1 {
		return !anchored || pos == len(path)
	}
	for i, part := range parts[1:] {
		last := i == len(parts)-2
		if last && anchored {
			return len(path)-pos >= len(part) && strings.HasSuffix(path, part)
		}
		j := strings.Index(path[pos:], part)
		if j < 0 {
			return false
		}
		pos += j + len(part)
	}
	return true
}
