package main

import (
	"bytes"
	"context"
	"fmt"
	"github.com/dossier/dossier"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// newsSite is a loopback test site with a robots.txt, an RSS feed with
// ETag support and article pages. It counts requests per path.
type newsSite struct {
	mu       sync.Mutex
	hits     map[string]int
	items    []string // slugs in the feed, newest first
	full     string   // slug of the item whose full text is in the feed
	onPage   func(slug string)
	srv      *httptest.Server
	notModif int
}

func newNewsSite(t *testing.T, slugs ...string) *newsSite {
	s := &newsSite{hits: map[string]int{}, items: slugs}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *newsSite) count(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

func paragraphs(slug string) []string {
	return []string{
		fmt.Sprintf("The harbour council in Westport voted on Wednesday on the %s plan, after a debate that lasted more than four hours and drew residents from across the town.", slug),
		"Councillors said the ferry terminal, the north quay and the sea wall all needed work before the summer season, when visitor numbers usually double and the narrow streets fill with traffic.",
		"The harbour master, Maria Lindqvist, told the meeting that storms over the winter had damaged the quay more than expected, and that repairs would cost about three million euros.",
		"Local traders welcomed the vote but asked for the works to be finished before Easter, while fishermen said they had not been consulted about the new mooring rules.",
	}
}

func (s *newsSite) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	items := append([]string(nil), s.items...)
	onPage := s.onPage
	s.mu.Unlock()
	switch {
	case r.URL.Path == "/robots.txt":
		fmt.Fprint(w, "User-agent: *\nDisallow: /private/\n")
	case r.URL.Path == "/feed.xml":
		etag := fmt.Sprintf(`"%d-%s"`, len(items), strings.Join(items, ","))
		if r.Header.Get("If-None-Match") == etag {
			s.mu.Lock()
			s.notModif++
			s.mu.Unlock()
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Content-Type", "application/rss+xml")
		var b bytes.Buffer
		b.WriteString(`<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Westport Herald</title><link>` + s.srv.URL + `/</link>`)
		for i, slug := range items {
			fmt.Fprintf(&b, "<item><title>Council votes on %s</title><link>%s/news/%s</link><pubDate>%s</pubDate><description>Teaser for %s.</description>",
				slug, s.srv.URL, slug, time.Date(2024, 5, 16, 12-i, 0, 0, 0, time.UTC).Format(time.RFC1123Z), slug)
			if slug == s.full {
				fmt.Fprintf(&b, "<content:encoded><![CDATA[<p>%s</p>]]></content:encoded>", strings.Join(append(paragraphs(slug), paragraphs(slug+" again")...), "</p><p>"))
			}
			b.WriteString("</item>")
		}
		b.WriteString("</channel></rss>")
		w.Write(b.Bytes())
	case r.URL.Path == "/":
		fmt.Fprint(w, `<!DOCTYPE html><html><head><title>Westport Herald</title><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body><h1>Westport Herald</h1><ul><li>Latest news</li></ul></body></html>`)
	case strings.HasPrefix(r.URL.Path, "/news/"):
		slug := strings.TrimPrefix(r.URL.Path, "/news/")
		fmt.Fprintf(w, "<!DOCTYPE html><html><head><title>Council votes on %s</title></head><body><nav>Home | News | Sport</nav><article><h1>Council votes on %s</h1><p>%s</p></article><footer>Westport Herald</footer></body></html>",
			slug, slug, strings.Join(paragraphs(slug), "</p><p>"))
		if onPage != nil {
			onPage(slug)
		}
	default:
		http.NotFound(w, r)
	}
}

// storedIDs returns the ids of the site's articles (by slug) that db holds.
func storedIDs(t *testing.T, db string, site *newsSite, slugs ...string) []string {
	t.Helper()
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var ids []string
	for _, slug := range slugs {
		id := site.srv.URL + "/news/" + slug
		if _, err := st.Article(context.Background(), id); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

func TestWatchOnceConditionalAndRestart(t *testing.T) {
	site := newNewsSite(t, "quay", "ferry", "wall")
	site.full = "ferry"
	db := filepath.Join(t.TempDir(), "w.db")
	feedURL := site.srv.URL + "/feed.xml"

	out, errOut, err := runCmd(t, "watch", "--db", db, "--once", "--allow-private", "--no-nlp", "--rate", "1000", feedURL)
	if err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	if !strings.Contains(out, "3 new articles: 3 new") {
		t.Fatalf("first round: %s", out)
	}
	if site.count("/news/quay") != 1 || site.count("/news/wall") != 1 || site.count("/news/ferry") != 0 {
		t.Fatalf("pages fetched: %v (the full-text item needs no fetch)", site.hits)
	}
	if ids := storedIDs(t, db, site, "quay", "ferry", "wall"); len(ids) != 3 {
		t.Fatalf("stored %v", ids)
	}
	if _, err := os.Stat(db + ".watch.json"); err != nil {
		t.Fatalf("state file: %v", err)
	}

	// A new process: the feed is unchanged, so the server answers 304 and
	// nothing is fetched again.
	out, _, err = runCmd(t, "watch", "--db", db, "--once", "--allow-private", "--no-nlp", "--rate", "1000", feedURL)
	if err != nil || !strings.Contains(out, "1 not modified") || !strings.Contains(out, "0 new articles") {
		t.Fatalf("second round: %v %s", err, out)
	}
	if site.notModif != 1 || site.count("/feed.xml") != 2 || site.count("/news/quay") != 1 {
		t.Fatalf("second round refetched: %v, 304s %d", site.hits, site.notModif)
	}

	// A new item: only its page is fetched.
	site.mu.Lock()
	site.items = append([]string{"bridge"}, site.items...)
	site.mu.Unlock()
	out, _, err = runCmd(t, "watch", "--db", db, "--once", "--allow-private", "--no-nlp", "--rate", "1000", feedURL)
	if err != nil || !strings.Contains(out, "1 new articles: 1 new") {
		t.Fatalf("third round: %v %s", err, out)
	}
	if site.count("/news/bridge") != 1 || site.count("/news/quay") != 1 {
		t.Fatalf("third round fetched: %v", site.hits)
	}
}

func TestWatchRefusesPrivateWithoutFlag(t *testing.T) {
	site := newNewsSite(t, "quay")
	db := filepath.Join(t.TempDir(), "w.db")
	out, errOut, err := runCmd(t, "watch", "--db", db, "--once", "--no-nlp", site.srv.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "1 failed") || !strings.Contains(errOut, "non-public address") {
		t.Fatalf("out %q err %q", out, errOut)
	}
	if len(site.hits) != 0 {
		t.Fatalf("the loopback server was reached: %v", site.hits)
	}
}

// TestWatchStopsCleanly cancels the watch (as SIGINT does) while it is
// fetching the second article page: the first two articles, already
// fetched, are stored, and the next run picks up the rest.
func TestWatchStopsCleanly(t *testing.T) {
	site := newNewsSite(t, "one", "two", "three", "four")
	db := filepath.Join(t.TempDir(), "w.db")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	site.mu.Lock()
	site.onPage = func(slug string) {
		if slug == "two" {
			cancel()
		}
	}
	site.mu.Unlock()
	var out, errOut bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, []string{"watch", "--db", db, "--every", "1h", "--allow-private", "--no-nlp", "--rate", "1000", site.srv.URL + "/feed.xml"}, strings.NewReader(""), &out, &errOut)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%v\n%s", err, errOut.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("watch did not stop after cancellation")
	}
	if !strings.Contains(errOut.String(), "stopped") {
		t.Errorf("no stop message: %s", errOut.String())
	}
	got := storedIDs(t, db, site, "one", "two", "three", "four")
	if len(got) < 1 || len(got) > 2 {
		t.Fatalf("stored %v, want the articles fetched before the stop", got)
	}
	site.mu.Lock()
	site.onPage = nil
	site.mu.Unlock()
	rerun, _, err := runCmd(t, "watch", "--db", db, "--once", "--allow-private", "--no-nlp", "--rate", "1000", site.srv.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if ids := storedIDs(t, db, site, "one", "two", "three", "four"); len(ids) != 4 {
		t.Fatalf("after rerun: %v (%s)", ids, rerun)
	}
	if site.count("/news/one") != 1 {
		t.Errorf("an article stored before the stop was fetched again: %v", site.hits)
	}
}

func TestWatchOPMLAndUsage(t *testing.T) {
	site := newNewsSite(t, "quay")
	dir := t.TempDir()
	opml := filepath.Join(dir, "subs.opml")
	os.WriteFile(opml, []byte(`<opml version="2.0"><body><outline text="Herald" xmlUrl="`+site.srv.URL+`/feed.xml"/></body></opml>`), 0o644)
	out, errOut, err := runCmd(t, "watch", "--db", filepath.Join(dir, "w.db"), "--once", "--allow-private", "--no-nlp", "--opml", opml)
	if err != nil || !strings.Contains(out, "1 new articles") {
		t.Fatalf("%v %s %s", err, out, errOut)
	}
	if _, _, err := runCmd(t, "watch", "--db", filepath.Join(dir, "w.db")); err == nil {
		t.Error("watch without feeds should fail")
	}
	if _, _, err := runCmd(t, "watch", "--db", filepath.Join(dir, "w.db"), "--once", "not-a-url"); err == nil || !strings.Contains(err.Error(), "not an http") {
		t.Errorf("bad feed URL: %v", err)
	}
}

// TestWatchLinksEntitiesAndKeepsFingerprints checks that a watch round
// with NLP joins the people of the articles it stores with their
// namesakes already stored ("Lindqvist" from an earlier ingest becomes
// "Maria Lindqvist", the harbour master of the watched site), as ingest
// does, and stores the new articles' dedup fingerprints.
func TestWatchLinksEntitiesAndKeepsFingerprints(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "w.db")
	earlier := filepath.Join(dir, "earlier.txt")
	text := "Harbour repairs\n\nHarbour repairs delayed\n\nThe quay in Westport will not be repaired this year, Lindqvist said on Tuesday. \"We have no money left,\" Lindqvist told reporters at the harbour office.\n"
	if err := os.WriteFile(earlier, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err := runCmd(t, "ingest", "--db", db, earlier); err != nil {
		t.Fatal(err)
	}
	site := newNewsSite(t, "budget")
	if _, errOut, err := runCmd(t, "watch", "--db", db, "--once", "--allow-private", "--rate", "1000", site.srv.URL+"/feed.xml"); err != nil {
		t.Fatalf("%v\n%s", err, errOut)
	}
	st, err := openStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	people, err := st.Entities(context.Background(), dossier.EntityFilter{Type: dossier.PER})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range people {
		names = append(names, fmt.Sprintf("%s (%d articles)", p.Name, p.Articles))
	}
	if !slices.Contains(names, "Maria Lindqvist (2 articles)") {
		t.Errorf("people after the watch round: %q, want Maria Lindqvist in both articles", names)
	}
	recs, err := st.(dossier.FingerprintStore).DedupRecords(context.Background(), "", 100)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs {
		if len(r.Fingerprint) > 0 {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d of %d stored articles have a dedup fingerprint, want 2", n, len(recs))
	}
}
