package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/dossier/dossier"
)

// MaxFeedSize bounds how much of one feed is read.
const MaxFeedSize = 32 << 20

// FullTextWords is the number of words an item's content must have to be
// taken as the full article rather than a teaser.
const FullTextWords = 150

// Feed is a parsed RSS, Atom or JSON Feed.
type Feed struct {
	Kind     Kind   // RSS, Atom or JSONFeed
	Title    string // the feed's title, used as the articles' source
	Link     string // the site's home page
	URL      string // where the feed was read from, if known
	Language string // ISO 639-1 code, if declared
	Items    []Item // entries, in document order
}

// Item is one feed entry.
type Item struct {
	Title      string
	Link       string    // absolute URL of the article page, if any
	GUID       string    // the entry's id
	Published  time.Time // zero when unknown
	Updated    time.Time // zero when unknown
	Authors    []string
	Categories []string
	Summary    string // description, as HTML or text
	Content    string // full content, as HTML or text, if the feed carries it
}

// Key identifies the item within its feed: its link, else its GUID, else
// a hash of its title and summary.
func (it Item) Key() string {
	switch {
	case it.Link != "":
		return it.Link
	case it.GUID != "":
		return it.GUID
	}
	h := sha256.Sum256([]byte(it.Title + "\x00" + it.Summary))
	return "sha256:" + hex.EncodeToString(h[:12])
}

// FullText reports whether the item carries the whole article, so its page
// need not be fetched.
func (it Item) FullText() bool {
	if it.Content == "" {
		return false
	}
	text, _ := HTMLText(it.Content)
	return len(strings.Fields(text)) >= FullTextWords
}

// Parse parses an RSS, Atom or JSON Feed document. feedURL, when known,
// resolves relative item links and is kept as Feed.URL.
func Parse(data []byte, feedURL string) (*Feed, error) {
	return parse(data, feedURL, nameOf(feedURL))
}

// parse is Parse with the input's name for messages.
func parse(data []byte, feedURL, name string) (*Feed, error) {
	kind := Detect(data)
	if !kind.IsFeed() {
		return nil, dossier.Errorf(dossier.EINVALID, "%s: not an RSS, Atom or JSON feed (looks like %s)", name, kind)
	}
	gf, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err != nil {
		return nil, dossier.Errorf(dossier.EINVALID, "%s: bad %s feed: %v", name, kind, err)
	}
	f := &Feed{
		Kind:     kind,
		Title:    strings.TrimSpace(gf.Title),
		Link:     gf.Link,
		URL:      feedURL,
		Language: language(gf.Language),
	}
	base, _ := url.Parse(feedURL)
	if gf.Link != "" {
		if l, err := url.Parse(gf.Link); err == nil && l.IsAbs() {
			base = l
		}
	}
	for _, gi := range gf.Items {
		if gi == nil {
			continue
		}
		it := Item{
			Title:      strings.TrimSpace(textOf(gi.Title)),
			Link:       resolve(base, firstNonEmpty(gi.Link, firstOf(gi.Links))),
			GUID:       strings.TrimSpace(gi.GUID),
			Categories: gi.Categories,
			Summary:    gi.Description,
			Content:    gi.Content,
		}
		if it.Link == "" && isHTTPURL(it.GUID) {
			it.Link = it.GUID
		}
		if gi.PublishedParsed != nil {
			it.Published = gi.PublishedParsed.UTC()
		}
		if gi.UpdatedParsed != nil {
			it.Updated = gi.UpdatedParsed.UTC()
		}
		for _, a := range gi.Authors {
			if a != nil && strings.TrimSpace(a.Name) != "" {
				it.Authors = append(it.Authors, strings.TrimSpace(a.Name))
			}
		}
		if len(it.Authors) == 0 && gi.DublinCoreExt != nil {
			for _, c := range gi.DublinCoreExt.Creator {
				if c = strings.TrimSpace(c); c != "" {
					it.Authors = append(it.Authors, c)
				}
			}
		}
		f.Items = append(f.Items, it)
	}
	return f, nil
}

// Article turns the item into an article from what the feed says: the
// full content when the feed carries it, else the summary. Its ID is the
// item's link (its canonical URL), else a hash of the feed and item key.
func (f *Feed) Article(it Item) dossier.Article {
	body := it.Content
	if body == "" {
		body = it.Summary
	}
	text, paras := HTMLText(body)
	desc, _ := HTMLText(it.Summary)
	a := dossier.Article{
		ID:          it.Link,
		Title:       it.Title,
		Byline:      strings.Join(it.Authors, ", "),
		Published:   it.Published,
		Modified:    it.Updated,
		URL:         it.Link,
		Source:      f.Title,
		Site:        f.Title,
		Description: desc,
		Language:    f.Language,
		Text:        text,
		Paragraphs:  paras,
	}
	if a.Published.IsZero() {
		a.Published = it.Updated
	}
	if a.ID == "" {
		h := sha256.Sum256([]byte(f.URL + "\x00" + it.Key()))
		a.ID = "feed:" + hex.EncodeToString(h[:16])
	}
	meta := map[string]any{}
	if f.URL != "" {
		meta["feed_url"] = f.URL
	}
	if it.GUID != "" && it.GUID != it.Link {
		meta["guid"] = it.GUID
	}
	if len(it.Categories) > 0 {
		meta["categories"] = it.Categories
	}
	if !it.FullText() {
		meta["feed_summary_only"] = true
	}
	if len(meta) > 0 {
		a.Meta = map[string]json.RawMessage{}
		for k, v := range meta {
			b, _ := json.Marshal(v)
			a.Meta[k] = b
		}
	}
	return a
}

// Read parses the feed in r (named name in messages) and emits one article
// per item, from the feed's own content. It is the feed reader of the
// ingest format registry.
func Read(name string, r io.Reader, emit func(dossier.Article) error) error {
	data, err := io.ReadAll(io.LimitReader(r, MaxFeedSize+1))
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if len(data) > MaxFeedSize {
		return dossier.Errorf(dossier.ETOOLARGE, "%s: feed larger than %d bytes", name, MaxFeedSize)
	}
	feedURL := ""
	if isHTTPURL(name) {
		feedURL = name
	}
	f, err := parse(data, feedURL, name)
	if err != nil {
		return err
	}
	for _, it := range f.Items {
		a := f.Article(it)
		if strings.TrimSpace(a.Text) == "" && a.Title == "" {
			continue
		}
		if err := emit(a); err != nil {
			return err
		}
	}
	return nil
}

func nameOf(u string) string {
	if u == "" {
		return "feed"
	}
	return u
}

func language(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) >= 2 && (len(s) == 2 || s[2] == '-' || s[2] == '_') {
		return s[:2]
	}
	return ""
}

func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil && !u.IsAbs() {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

func isHTTPURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

func firstOf(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}

// textOf strips markup from a title that may carry HTML entities or tags.
func textOf(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	t, _ := HTMLText(s)
	return strings.ReplaceAll(t, "\n\n", " ")
}
