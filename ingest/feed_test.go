package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// fakeWeb serves fixed bodies by URL and counts requests.
type fakeWeb struct {
	mu    sync.Mutex
	pages map[string]string
	gets  []string
}

func (w *fakeWeb) Get(_ context.Context, u string) ([]byte, string, string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.gets = append(w.gets, u)
	body, ok := w.pages[u]
	if !ok {
		return nil, "", "", fmt.Errorf("GET %s: HTTP 404", u)
	}
	return []byte(body), u, "", nil
}

func setWeb(t *testing.T, w Web) {
	old := FeedWeb
	FeedWeb = w
	t.Cleanup(func() { FeedWeb = old })
}

const rssFeed = `<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Harbour Gazette</title><link>https://news.example.org/</link>
<item><title>Full item</title><link>https://news.example.org/full?utm_source=rss</link>
<pubDate>Thu, 16 May 2024 09:30:00 GMT</pubDate>
<content:encoded><![CDATA[<p>%s</p>]]></content:encoded></item>
<item><title>Teaser item</title><link>https://news.example.org/teaser</link>
<pubDate>Fri, 17 May 2024 09:30:00 GMT</pubDate>
<description>Just a teaser.</description></item>
</channel></rss>`

const articlePage = `<!DOCTYPE html><html><head><title>Teaser item - Harbour Gazette</title></head><body>
<article><h1>Teaser item</h1>
<p>The harbour council met on Wednesday to discuss the ferry terminal, which had been postponed twice since the winter storms closed the north quay.</p>
<p>Councillors heard from residents, fishermen and the ferry operator, who all asked for the works to start before the summer season brings crowds.</p>
</article></body></html>`

func TestIngestFeedFetchesTeaserPages(t *testing.T) {
	long := strings.TrimSpace(strings.Repeat("The full text of the article is carried in the feed itself. ", 30))
	web := &fakeWeb{pages: map[string]string{"https://news.example.org/teaser": articlePage}}
	setWeb(t, web)
	dir := t.TempDir()
	p := filepath.Join(dir, "gazette.rss")
	os.WriteFile(p, []byte(fmt.Sprintf(rssFeed, long)), 0o644)
	st := newMemStore()
	sum, errs, err := run(t, st, p)
	if err != nil || sum.New != 2 {
		t.Fatalf("%v %s %v", err, sum, errs)
	}
	if len(web.gets) != 1 || web.gets[0] != "https://news.example.org/teaser" {
		t.Fatalf("fetched %v, want only the teaser's page", web.gets)
	}
	// The feed's tracking parameter is dropped: the id is the canonical URL.
	full, _ := st.Article(context.Background(), "https://news.example.org/full")
	if full == nil || !strings.HasPrefix(full.Text, "The full text of the article") || full.Source != "Harbour Gazette" {
		t.Fatalf("full item: %+v", full)
	}
	teaser, _ := st.Article(context.Background(), "https://news.example.org/teaser")
	if teaser == nil || !strings.Contains(teaser.Text, "north quay") || teaser.Published.IsZero() {
		t.Fatalf("teaser item should hold the page's text and the feed's date: %+v", teaser)
	}
}

func TestIngestFeedOffline(t *testing.T) {
	setWeb(t, nil)
	dir := t.TempDir()
	p := filepath.Join(dir, "gazette.xml")
	os.WriteFile(p, []byte(fmt.Sprintf(rssFeed, "short")), 0o644)
	st := newMemStore()
	sum, _, err := run(t, st, p)
	if err != nil || sum.New != 2 {
		t.Fatalf("%v %s", err, sum)
	}
	teaser, _ := st.Article(context.Background(), "https://news.example.org/teaser")
	if teaser == nil || teaser.Text != "Just a teaser." {
		t.Fatalf("offline teaser: %+v", teaser)
	}
}

func TestIngestOPML(t *testing.T) {
	web := &fakeWeb{pages: map[string]string{
		"https://news.example.org/rss.xml": fmt.Sprintf(rssFeed, "short"),
		"https://news.example.org/teaser":  articlePage,
	}}
	setWeb(t, web)
	dir := t.TempDir()
	p := filepath.Join(dir, "subs.opml")
	os.WriteFile(p, []byte(`<?xml version="1.0"?><opml version="2.0"><head/><body>
<outline text="Gazette" xmlUrl="https://news.example.org/rss.xml"/>
<outline text="Gone" xmlUrl="https://gone.example.org/feed"/></body></opml>`), 0o644)
	st := newMemStore()
	sum, errs, err := run(t, st, p)
	if !errors.Is(err, ErrFailed) || sum.New != 2 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "gone.example.org") {
		t.Fatalf("%v %s %v", err, sum, errs)
	}
}
