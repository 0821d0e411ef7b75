package fetch

import (
	"net/netip"
	"testing"
	"time"
)

func TestRobotsRules(t *testing.T) {
	const txt = `# comment
User-agent: Googlebot
Disallow: /

User-agent: dossier
User-agent: other
Disallow: /news/private
Allow: /news/private/open
Disallow: /*.pdf$
Disallow: /search?q=
Crawl-delay: 2

User-agent: *
Disallow: /
`
	r := ParseRobots([]byte(txt), "dossier")
	cases := map[string]bool{
		"/":                          true,
		"/news/a":                    true,
		"/news/private":              false,
		"/news/private/x":            false,
		"/news/private/open/y":       true,
		"/files/report.pdf":          false,
		"/files/report.pdf?download": true,
		"/search?q=putin":            false,
		"/search":                    true,
		"/robots.txt":                true,
	}
	for path, want := range cases {
		if got := r.Allowed(path); got != want {
			t.Errorf("Allowed(%q) = %v, want %v", path, got, want)
		}
	}
	if r.CrawlDelay() != 2*time.Second {
		t.Errorf("CrawlDelay = %v", r.CrawlDelay())
	}
	// A crawler without a group of its own falls back to "*".
	if ParseRobots([]byte(txt), "somebot").Allowed("/news/a") {
		t.Error("* group should disallow everything for somebot")
	}
	if !ParseRobots(nil, "dossier").Allowed("/anything") {
		t.Error("empty robots.txt must allow everything")
	}
	if !ParseRobots([]byte("User-agent: *\nDisallow:\n"), "dossier").Allowed("/x") {
		t.Error("an empty Disallow allows everything")
	}
}

func TestRobotsMatch(t *testing.T) {
	cases := []struct {
		pattern, path string
		want          bool
	}{
		{"/a", "/a", true},
		{"/a", "/ab", true},
		{"/a$", "/ab", false},
		{"/a$", "/a", true},
		{"/*/b", "/x/y/b/c", true},
		{"/*.php$", "/a.php", true},
		{"/*.php$", "/a.php5", false},
		{"*", "/anything", true},
		{"/a*b*c", "/a--b--c", true},
		{"/a*b*c", "/a--c--b", false},
	}
	for _, c := range cases {
		if got := robotsMatch(c.pattern, c.path); got != c.want {
			t.Errorf("robotsMatch(%q, %q) = %v, want %v", c.pattern, c.path, got, c.want)
		}
	}
}

func TestIsPublic(t *testing.T) {
	for s, want := range map[string]bool{
		"93.184.216.34":   true,
		"2606:4700::1111": true,
		"127.0.0.1":       false,
		"10.1.2.3":        false,
		"172.16.0.1":      false,
		"192.168.1.1":     false,
		"169.254.169.254": false,
		"0.0.0.0":         false,
		"::":              false,
		"::1":             false,
		"fe80::1":         false,
		"fc00::1":         false,
		"224.0.0.1":       false,
		"ff02::1":         false,
		"100.64.0.1":      false,
		"::ffff:10.0.0.1": false,
		"255.255.255.255": false,
	} {
		if got := IsPublic(netip.MustParseAddr(s)); got != want {
			t.Errorf("IsPublic(%s) = %v, want %v", s, got, want)
		}
	}
}

func FuzzParseRobots(f *testing.F) {
	f.Add([]byte("User-agent: *\nDisallow: /private\nAllow: /private/ok$\nCrawl-delay: 1.5\n"), "/private/x")
	f.Add([]byte("user-agent:dossier\ndisallow:/*.pdf$"), "/a.pdf")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		r := ParseRobots(data, "dossier")
		r.Allowed(path)
		if r.CrawlDelay() < 0 {
			t.Fatal("negative crawl delay")
		}
	})
}
