package main

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"strings"

	"github.com/dossier/dossier/extract"
	"github.com/dossier/dossier/feed"
	"github.com/dossier/dossier/fetch"
	"github.com/dossier/dossier/ingest"
)

// allowPrivateEnv, when set to a non-empty value, is the default of
// 'dossier ingest --allow-private': fetching from private and loopback
// addresses (tests, intranets).
const allowPrivateEnv = "DOSSIER_ALLOW_PRIVATE"

func init() {
	ingestFetcher = func(allowPrivate bool) ingest.Fetcher {
		w := newWeb(fetch.New(fetch.Options{AllowPrivate: allowPrivate}))
		ingest.FeedWeb = w
		return w
	}
}

// webClient adapts a polite fetch.Client to what ingest needs: ingest.Fetcher
// for URL sources and ingest.Web for the feed readers.
type webClient struct {
	c *fetch.Client
}

func newWeb(c *fetch.Client) *webClient { return &webClient{c: c} }

// Get implements ingest.Web.
func (w *webClient) Get(ctx context.Context, rawURL string) ([]byte, string, string, error) {
	resp, err := w.c.Get(ctx, rawURL)
	if err != nil {
		return nil, "", "", err
	}
	return resp.Body, resp.URL, resp.Header.Get("Content-Type"), nil
}

// minArticleWords is the length of extracted text below which a page that
// announces a feed is taken for a front page rather than an article.
const minArticleWords = 120

// Fetch implements ingest.Fetcher. A URL that gives an HTML page which is
// not an article (too little text) but announces a feed through <link
// rel="alternate"> is replaced by that feed.
func (w *webClient) Fetch(ctx context.Context, rawURL string) (*ingest.Fetched, error) {
	resp, err := w.c.Get(ctx, rawURL)
	if err != nil {
		return nil, err
	}
	if resp.Truncated {
		slog.Warn("ingest: body cut at the size limit", "url", rawURL, "bytes", len(resp.Body))
	}
	ct := resp.Header.Get("Content-Type")
	if feed.Detect(resp.Body) == feed.HTML {
		if feeds := feed.Discover(resp.Body, resp.URL); len(feeds) > 0 && !isArticle(resp.Body, resp.URL, ct) {
			slog.Info("ingest: page is not an article; reading the feed it announces", "page", resp.URL, "feed", feeds[0])
			if fr, err := w.c.Get(ctx, feeds[0]); err == nil && feed.Detect(fr.Body).IsFeed() {
				resp, ct = fr, fr.Header.Get("Content-Type")
			} else if err != nil {
				slog.Warn("ingest: announced feed not fetched", "feed", feeds[0], "err", err)
			}
		}
	}
	return &ingest.Fetched{URL: resp.URL, ContentType: ct, Body: io.NopCloser(bytes.NewReader(resp.Body))}, nil
}

// isArticle reports whether a page holds an article's worth of text.
func isArticle(page []byte, pageURL, contentType string) bool {
	a, err := extract.HTMLWithContentType(page, pageURL, contentType)
	return err == nil && len(strings.Fields(a.Text)) >= minArticleWords
}
