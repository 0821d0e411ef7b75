package ingest

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/extract"
	"github.com/dossier/dossier/feed"
)

func init() {
	Register(Format{Name: "feed", Exts: []string{".rss", ".atom"}, Priority: 30, Sniff: sniffFeed, Read: readFeed})
	Register(Format{Name: "opml", Exts: []string{".opml"}, Priority: 30, Sniff: sniffOPML, Read: readOPML})
}

// Web is what the feed readers need from the network: fetching a feed or
// an article page politely. The command line sets FeedWeb (with the fetch
// package); when it is nil, feed items are stored from the feed alone and
// OPML files cannot be followed.
type Web interface {
	// Get returns the body at rawURL, its final URL after redirects and
	// its Content-Type.
	Get(ctx context.Context, rawURL string) (body []byte, finalURL, contentType string, err error)
}

// FeedWeb is the Web used by the feed and OPML readers; nil means offline.
var FeedWeb Web

func sniffFeed(_ string, head []byte) bool { return feed.Detect(head).IsFeed() }

func sniffOPML(_ string, head []byte) bool { return feed.Detect(head) == feed.OPML }

// readFeed emits an article per item of an RSS, Atom or JSON feed. An item
// that carries its full text is taken from the feed; for the others, the
// article page is fetched and extracted when FeedWeb is set (falling back
// to the feed's summary when the page cannot be had).
func readFeed(ctx context.Context, in *Input, emit func(Record) error) error {
	data, err := in.ReadAll(feed.MaxFeedSize)
	if err != nil {
		return err
	}
	f, err := feed.Parse(data, in.URL)
	if err != nil {
		return stripName(err, in.URL)
	}
	return emitFeed(ctx, f, FeedWeb, emit)
}

// emitFeed emits the articles of a parsed feed, fetching the pages of
// summary-only items through web when it is not nil.
func emitFeed(ctx context.Context, f *feed.Feed, web Web, emit func(Record) error) error {
	for i, it := range f.Items {
		if err := ctx.Err(); err != nil {
			return err
		}
		a := f.Article(it)
		if web != nil && it.Link != "" && !it.FullText() {
			page, err := FetchArticle(ctx, web, it.Link)
			if err != nil {
				slog.Warn("feed: article page not fetched, keeping the feed summary", "feed", f.URL, "item", it.Link, "err", err)
			} else {
				a = MergeFeedItem(page, a)
			}
		}
		if strings.TrimSpace(a.Text) == "" && a.Title == "" {
			continue
		}
		UseURLAsID(&a)
		if err := emit(Record{Article: a, Line: i + 1}); err != nil {
			return err
		}
	}
	return nil
}

// UseURLAsID clears an article's id when it is its link, so that Finalize
// gives it the canonical URL as id: the same article then gets the same
// id whether it came from a feed, a page or an archive.
func UseURLAsID(a *dossier.Article) {
	if a.URL != "" && a.ID == a.URL {
		a.ID = ""
	}
}

// FetchArticle fetches an article page through web and extracts it.
func FetchArticle(ctx context.Context, web Web, pageURL string) (dossier.Article, error) {
	body, final, ct, err := web.Get(ctx, pageURL)
	if err != nil {
		return dossier.Article{}, err
	}
	a, err := extract.HTMLWithContentType(body, final, ct)
	if err != nil {
		return dossier.Article{}, err
	}
	if a.URL == "" {
		a.URL = final
	}
	return a, nil
}

// MergeFeedItem completes an article extracted from a page with what the
// feed said about it: the feed's link as the id, and its title, byline,
// dates, source and language where the page had none.
func MergeFeedItem(page, item dossier.Article) dossier.Article {
	a := page
	a.ID = item.ID
	if a.URL == "" {
		a.URL = item.URL
	}
	if strings.TrimSpace(a.Text) == "" {
		a.Text, a.Paragraphs = item.Text, item.Paragraphs
	}
	if a.Title == "" {
		a.Title = item.Title
	}
	if a.Byline == "" {
		a.Byline = item.Byline
	}
	if a.Published.IsZero() {
		a.Published = item.Published
	}
	if a.Modified.IsZero() {
		a.Modified = item.Modified
	}
	if a.Source == "" {
		a.Source = item.Source
	}
	if a.Site == "" {
		a.Site = item.Site
	}
	if a.Description == "" {
		a.Description = item.Description
	}
	if a.Language == "" {
		a.Language = item.Language
	}
	if a.Meta == nil {
		a.Meta = item.Meta
	} else {
		for k, v := range item.Meta {
			if _, ok := a.Meta[k]; !ok && k != "feed_summary_only" {
				a.Meta[k] = v
			}
		}
	}
	delete(a.Meta, "feed_summary_only")
	return a
}

// readOPML fetches every feed an OPML file lists and emits their articles.
// A feed that fails is emitted as a failed record naming it; the others go
// on.
func readOPML(ctx context.Context, in *Input, emit func(Record) error) error {
	data, err := in.ReadAll(feed.MaxFeedSize)
	if err != nil {
		return err
	}
	subs, err := feed.ParseOPML(in.Name, data)
	if err != nil {
		return stripName(err, in.Name)
	}
	if FeedWeb == nil {
		return dossier.Errorf(dossier.EINVALID, "lists %d feeds, but fetching is not configured in this build", len(subs))
	}
	for i, s := range subs {
		f, err := FetchFeed(ctx, FeedWeb, s.FeedURL)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if e := emit(Record{Line: i + 1, Err: fmt.Errorf("feed %s: %w", s.FeedURL, err)}); e != nil {
				return e
			}
			continue
		}
		if err := emitFeed(ctx, f, FeedWeb, emit); err != nil {
			return err
		}
	}
	return nil
}

// FetchFeed fetches and parses the feed at feedURL.
func FetchFeed(ctx context.Context, web Web, feedURL string) (*feed.Feed, error) {
	body, final, _, err := web.Get(ctx, feedURL)
	if err != nil {
		return nil, err
	}
	return feed.Parse(body, final)
}

// stripName drops a leading "name: " from a coded error's message (the
// caller names the input itself).
func stripName(err error, name string) error {
	if de, ok := err.(*dossier.Error); ok && name != "" {
		return dossier.Errorf(de.Code, "%s", strings.TrimPrefix(de.Message, name+": "))
	}
	return err
}
