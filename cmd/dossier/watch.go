package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"
	"time"

	"golang.org/x/time/rate"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/dedup"
	"github.com/dossier/dossier/feed"
	"github.com/dossier/dossier/fetch"
	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/nlp"
)

// seenRetention is how long the state file remembers an item it stored.
const seenRetention = 90 * 24 * time.Hour

// runWatch polls feeds and stores new articles:
// 'dossier watch [--db PATH] [--every 15m] [--once] [--allow-private] FEED... | --opml FILE'.
func runWatch(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "watch", "FEED_URL... | --opml FILE")
	db := dbFlag(fs)
	every := fs.Duration("every", 15*time.Minute, "time between polling rounds")
	once := fs.Bool("once", false, "poll every feed once, then exit")
	opml := fs.String("opml", "", "OPML file (or URL) listing the feeds to watch")
	allowPrivate := fs.Bool("allow-private", false, "allow fetching from private, loopback and link-local addresses")
	statePath := fs.String("state", "", "state file for conditional GET and seen items (default: the database path + .watch.json)")
	perHost := fs.Float64("rate", 1, "requests per second to one host")
	noNLP := fs.Bool("no-nlp", false, "store articles without extracting entities, quotes and figures")
	feeds, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(feeds) == 0 && *opml == "" {
		fs.Usage()
		return errors.New("watch: no FEED_URL or --opml given")
	}
	if *every < time.Second {
		return dossier.Errorf(dossier.EINVALID, "watch: --every %s is too short (at least 1s)", *every)
	}
	if *perHost <= 0 {
		return dossier.Errorf(dossier.EINVALID, "watch: --rate must be positive")
	}
	if *statePath == "" {
		*statePath = *db + ".watch.json"
		if isPostgresURL(*db) {
			*statePath = "dossier.watch.json"
		}
	}
	state, err := fetch.OpenState(*statePath)
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	client := fetch.New(fetch.Options{AllowPrivate: *allowPrivate, State: state, Rate: rate.Limit(*perHost)})
	w := &watcher{e: e, client: client, web: newWeb(client), state: state, index: dedup.New(dedup.Options{}), now: time.Now}
	if !*noNLP {
		w.annotate = nlp.Annotate
	}
	if *opml != "" {
		subs, err := w.readOPML(ctx, *opml)
		if err != nil {
			return fmt.Errorf("watch: %w", err)
		}
		for _, s := range subs {
			feeds = append(feeds, s.FeedURL)
		}
	}
	for _, f := range feeds {
		if !ingest.IsURL(f) {
			return dossier.Errorf(dossier.EINVALID, "watch: %q is not an http(s) feed URL", f)
		}
	}
	st, err := createStore(ctx, *db)
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer st.Close()
	// Stored articles seed the duplicate and story index, so new articles
	// link to what is already there; the store the watcher writes through
	// keeps the fingerprints of what it stores and the entities to link.
	if _, err := dedup.Seed(ctx, st, w.index); err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	rec := newRecordingStore(st, w.index)
	w.store = rec

	fmt.Fprintf(e.stderr, "watch: %d feeds, every %s, state in %s\n", len(feeds), *every, *statePath)
	for n := 1; ; n++ {
		r := w.round(ctx, feeds)
		fmt.Fprintf(e.stdout, "watch: round %d: %d feeds (%d not modified, %d failed), %d new articles: %s\n",
			n, len(feeds), r.notModified, r.failed, r.fetched, putSummary(r.put))
		if r.err != nil {
			return fmt.Errorf("watch: %w", r.err)
		}
		// Join the new articles' people and organisations with their
		// namesakes in the corpus, as ingest does.
		if w.annotate != nil && r.put.New+r.put.Updated > 0 {
			if err := rec.link(context.WithoutCancel(ctx)); err != nil {
				return fmt.Errorf("watch: %w", err)
			}
		}
		if *once || ctx.Err() != nil {
			break
		}
		t := time.NewTimer(*every)
		select {
		case <-ctx.Done():
			t.Stop()
		case <-t.C:
		}
		if ctx.Err() != nil {
			break
		}
	}
	if ctx.Err() != nil {
		fmt.Fprintln(e.stderr, "watch: stopped; fetched articles are stored")
	}
	return nil
}

// watcher polls feeds with a polite client and stores what is new.
type watcher struct {
	e        env
	client   *fetch.Client
	web      *webClient
	state    *fetch.State
	store    dossier.Store
	index    *dedup.Index
	annotate func(dossier.Article) dossier.Article
	now      func() time.Time
}

// roundResult counts one polling round.
type roundResult struct {
	put         dossier.PutStats
	fetched     int
	notModified int
	failed      int
	err         error // a store failure, which stops the watch
}

// round polls every feed once. A feed that fails is reported and skipped;
// a store failure ends the round with err.
func (w *watcher) round(ctx context.Context, feeds []string) roundResult {
	var r roundResult
	w.state.Forget(w.now().Add(-seenRetention))
	for _, u := range feeds {
		if ctx.Err() != nil {
			break
		}
		n, ps, notModified, err := w.poll(ctx, u)
		r.fetched += n
		r.put = r.put.Add(ps)
		if notModified {
			r.notModified++
		}
		if err != nil {
			var se storeError
			if errors.As(err, &se) {
				r.err = err
				break
			}
			if ctx.Err() == nil {
				r.failed++
				fmt.Fprintf(w.e.stderr, "dossier: watch: %s: %v\n", u, err)
			}
		}
	}
	if err := w.state.Save(); err != nil && r.err == nil {
		r.err = err
	}
	return r
}

// storeError marks a failure to store, which stops the watch.
type storeError struct{ error }

func (e storeError) Unwrap() error { return e.error }

// poll fetches one feed and stores its new items. It stores what it
// fetched even when ctx is cancelled half-way; the feed's validators are
// remembered only when every item was handled, so an interrupted feed is
// read again next time (its stored items are skipped as seen).
func (w *watcher) poll(ctx context.Context, feedURL string) (int, dossier.PutStats, bool, error) {
	resp, err := w.client.Get(ctx, feedURL)
	if err != nil {
		return 0, dossier.PutStats{}, false, err
	}
	if resp.NotModified {
		return 0, dossier.PutStats{}, true, nil
	}
	if feed.Detect(resp.Body) == feed.HTML {
		found := feed.Discover(resp.Body, resp.URL)
		if len(found) == 0 {
			return 0, dossier.PutStats{}, false, dossier.Errorf(dossier.EINVALID, "a web page that announces no feed")
		}
		slog.Info("watch: following the feed the page announces", "page", resp.URL, "feed", found[0])
		if resp, err = w.client.Get(ctx, found[0]); err != nil {
			return 0, dossier.PutStats{}, false, err
		}
		if resp.NotModified {
			return 0, dossier.PutStats{}, true, nil
		}
	}
	f, err := feed.Parse(resp.Body, resp.URL)
	if err != nil {
		if resp.Truncated {
			err = fmt.Errorf("%w (the feed was cut at the size limit)", err)
		}
		return 0, dossier.PutStats{}, false, err
	}
	var batch []*dossier.Article
	var keys []string
	complete := true
	for _, it := range f.Items {
		if ctx.Err() != nil {
			complete = false
			break
		}
		key := it.Key()
		if w.state.Seen(feedURL, key) {
			continue
		}
		a := f.Article(it)
		if it.Link != "" && !it.FullText() {
			page, err := ingest.FetchArticle(ctx, w.web, it.Link)
			switch {
			case ctx.Err() != nil:
				complete = false
			case err != nil:
				slog.Warn("watch: article page not fetched, keeping the feed summary", "item", it.Link, "err", err)
			default:
				a = ingest.MergeFeedItem(page, a)
			}
			if !complete {
				break
			}
		}
		ingest.UseURLAsID(&a)
		ingest.Finalize(&a, w.now())
		if w.annotate != nil {
			a = w.annotate(a)
			ingest.Finalize(&a, w.now())
		}
		w.index.Add(&a)
		batch = append(batch, &a)
		keys = append(keys, key)
	}
	var ps dossier.PutStats
	if len(batch) > 0 {
		// Store what was fetched even if the watch is being stopped.
		ps, err = w.store.PutArticles(context.WithoutCancel(ctx), batch)
		if err != nil {
			return 0, ps, false, storeError{fmt.Errorf("store %d articles from %s: %w", len(batch), feedURL, err)}
		}
	}
	now := w.now()
	for _, k := range keys {
		w.state.MarkSeen(feedURL, k, now)
	}
	if complete {
		w.client.Commit(resp)
	}
	if err := w.state.Save(); err != nil {
		return len(batch), ps, false, storeError{err}
	}
	return len(batch), ps, false, nil
}

// putSummary renders PutStats as "N new, M unchanged, D duplicates".
func putSummary(p dossier.PutStats) string {
	s := fmt.Sprintf("%d new, %d unchanged, %d duplicates", p.New, p.Unchanged, p.Duplicate)
	if p.Updated > 0 {
		s += fmt.Sprintf(", %d updated", p.Updated)
	}
	return s
}

// readOPML reads the feeds listed in an OPML file or URL.
func (w *watcher) readOPML(ctx context.Context, src string) ([]feed.Subscription, error) {
	var data []byte
	var err error
	if ingest.IsURL(src) {
		var resp *fetch.Response
		if resp, err = w.client.Get(ctx, src); err == nil {
			data = resp.Body
		}
	} else {
		data, err = os.ReadFile(src)
	}
	if err != nil {
		return nil, fmt.Errorf("opml %s: %w", src, err)
	}
	subs, err := feed.ParseOPML(src, data)
	if err != nil {
		return nil, err
	}
	var out []feed.Subscription
	for _, s := range subs {
		if strings.TrimSpace(s.FeedURL) != "" {
			out = append(out, s)
		}
	}
	return out, nil
}
