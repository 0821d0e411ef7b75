package web

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/dossier/dossier"
	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/nlp"
	"github.com/dossier/dossier/sample"
	"github.com/dossier/dossier/sqlite"
)

// chromiumPath finds Debian's chromium, or skips (fails when
// DOSSIER_REQUIRE_BROWSER is set, as in CI).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	if os.Getenv("DOSSIER_REQUIRE_BROWSER") != "" {
		t.Fatal("chromium not found but DOSSIER_REQUIRE_BROWSER is set: install it with 'apt-get install -y chromium'")
	}
	t.Skip("chromium not found (apt-get install -y chromium); skipping the browser test")
	return ""
}

// browserStore builds a SQLite store holding the seed article, ingested
// and annotated by the real pipeline, plus the fixture articles (among
// them the hostile one) as they are.
func browserStore(t *testing.T) dossier.Store {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "browser.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	seed := filepath.Join(dir, "putin-china.txt")
	if err := os.WriteFile(seed, sample.Seed(), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.Run(ctx, []string{seed}, ingest.Options{Store: st, Annotate: nlp.Annotate}); err != nil {
		t.Fatal(err)
	}
	var others []*dossier.Article
	for _, a := range fixtureArticles(t) {
		if a.ID != "seed-putin-china" {
			others = append(others, a)
		}
	}
	if _, err := st.PutArticles(ctx, others); err != nil {
		t.Fatal(err)
	}
	return st
}

// articlePath returns the UI path of the stored article with title.
func articlePath(t *testing.T, st dossier.Store, title string) string {
	t.Helper()
	res, err := st.Search(context.Background(), dossier.SearchQuery{Text: `title:"` + title + `"`, Limit: 1})
	if err != nil || len(res.Results) == 0 || res.Results[0].Title != title {
		t.Fatalf("article %q not stored: %v %+v", title, err, res)
	}
	return funcs["articlePath"].(func(string) string)(res.Results[0].ID)
}

// screenshotDir is where screenshots go: $DOSSIER_SCREENSHOTS or a
// temporary directory.
func screenshotDir(t *testing.T) string {
	dir := os.Getenv("DOSSIER_SCREENSHOTS")
	if dir == "" {
		dir = t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshots in %s", dir)
	return dir
}

// TestBrowser drives headless Chromium through the UI: search, open the
// seed article and find the Putin quote highlighted, then open a hostile
// article and check that nothing in it runs.
func TestBrowser(t *testing.T) {
	if testing.Short() && os.Getenv("DOSSIER_REQUIRE_BROWSER") == "" {
		t.Skip("starts Chromium; skipped in -short mode (set DOSSIER_REQUIRE_BROWSER to run it)")
	}
	exe := chromiumPath(t)
	st := browserStore(t)
	s, err := New(st, Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s.Handler())
	defer ts.Close()
	shots := screenshotDir(t)

	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()

	var mu sync.Mutex
	var dialogs []string
	dialogEvents := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range dialogEvents {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, ev.Message)
			mu.Unlock()
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	shot := func(name string) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			buf, err := chromedp.FullScreenshot(100)(ctx, tg)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(shots, name), buf, 0o644)
		})
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return v
	}
	eval := func(js string) int {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("evaluate %s: %v", js, err)
		}
		return v
	}

	// Search for "putin china" from the landing page.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.WaitVisible(chromedp.CSS(`input[name=q]`)),
		shot("01-landing.png"),
		chromedp.SendKeys(chromedp.CSS(`input[name=q]`), "putin china"),
		chromedp.Click(chromedp.CSS(`form.searchbox button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`.result h2 a`)),
		shot("02-search.png"),
	); err != nil {
		t.Fatalf("search: %v", err)
	}
	// Open the seed article from the results; the Putin quote is highlighted.
	seedLink := `.result h2 a[href="` + articlePath(t, st, "Xi and Putin Discuss Military Alliances in Indo-Pacific Region") + `"]`
	const putin = `.quote[data-speaker="Vladimir Putin"]`
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(seedLink)),
		chromedp.WaitVisible(chromedp.CSS(`.doc .text`)),
		chromedp.WaitVisible(chromedp.CSS(putin)),
		shot("03-article.png"),
	); err != nil {
		t.Fatalf("article: %v", err)
	}
	quoteText, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`Array.from(document.querySelectorAll('`+putin+`')).map(e => e.textContent).join(" | ")`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(quoteText, "We believe it is necessary to work on building a reliable and appropriate security architecture") {
		t.Errorf("Putin quote highlights: %q", quoteText)
	}

	// An entity page, from the article's sidebar.
	if err := chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`.sidebar a[href^="/entities/"]`)),
		chromedp.WaitVisible(chromedp.CSS(`.entity-head h1`)),
		shot("04-entity.png"),
	); err != nil {
		t.Fatalf("entity: %v", err)
	}
	if got := text(`.entity-head h1`); got != "Vladimir Putin" && got != "Xi Jinping" {
		t.Errorf("entity page of %q, want one of the summit's leaders", got)
	}

	// The brief page renders with its charts.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/brief?q=putin+china"),
		chromedp.WaitVisible(chromedp.CSS(`article.brief`)),
		shot("05-brief.png"),
	); err != nil {
		t.Fatalf("brief: %v", err)
	}
	if eval(`document.querySelectorAll('article.brief svg.chart').length`) == 0 {
		t.Error("brief page has no chart")
	}

	// The hostile article is shown inert: its markup is text, nothing runs.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/articles/hostile-1"),
		chromedp.WaitVisible(chromedp.CSS(`.doc .text`)),
		chromedp.Sleep(500*time.Millisecond), // give any injected handler a chance to fire
		shot("06-hostile.png"),
	); err != nil {
		t.Fatalf("hostile article: %v", err)
	}
	if n := eval(`document.querySelectorAll('script, iframe, img, object, embed, svg, [onerror], [onload], [onmouseover], a[href^="javascript:"]').length`); n != 0 {
		t.Errorf("%d injected elements or handlers in the hostile article page", n)
	}
	if title, body := text(`.doc h1`), text(`.doc .text`); !strings.Contains(title, `<script>alert("title")</script>`) || !strings.Contains(body, `<svg onload=alert(4)>`) {
		t.Errorf("hostile markup not shown as text: title %q", title)
	}
	// The search page listing it is inert too.
	if err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/search?q=hostile"),
		chromedp.WaitVisible(chromedp.CSS(`.result`)),
		chromedp.Sleep(300*time.Millisecond),
		shot("07-hostile-search.png"),
	); err != nil {
		t.Fatalf("hostile search: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(dialogs) > 0 {
		t.Errorf("script from an article ran: dialogs %q", dialogs)
	}
}
