package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// testClient returns a client for loopback test servers: private
// addresses allowed, no rate limit and quick retries unless opts say
// otherwise.
func testClient(opts Options) *Client {
	opts.AllowPrivate = true
	if opts.Rate == 0 {
		opts.Rate = rate.Inf
	}
	if opts.Backoff == 0 {
		opts.Backoff = time.Millisecond
	}
	opts.Logger = quiet
	return New(opts)
}

// hits counts requests per path.
type hits struct {
	mu sync.Mutex
	n  map[string]int
	t  map[string][]time.Time
}

func (h *hits) add(r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.n == nil {
		h.n, h.t = map[string]int{}, map[string][]time.Time{}
	}
	h.n[r.URL.Path]++
	h.t[r.URL.Path] = append(h.t[r.URL.Path], time.Now())
}

func (h *hits) get(path string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.n[path]
}

func TestConditionalGetSurvivesRestart(t *testing.T) {
	var h hits
	var full atomic.Int32
	const etag = `"v1"`
	const lastMod = "Mon, 02 Jan 2006 15:04:05 GMT"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		full.Add(1)
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", lastMod)
		w.Header().Set("Content-Type", "application/rss+xml")
		io.WriteString(w, "<rss><channel><title>t</title></channel></rss>")
	}))
	defer srv.Close()

	statePath := filepath.Join(t.TempDir(), "state.json")
	st, err := OpenState(statePath)
	if err != nil {
		t.Fatal(err)
	}
	c := testClient(Options{State: st})
	ctx := context.Background()
	resp, err := c.Get(ctx, srv.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if resp.NotModified || !strings.Contains(string(resp.Body), "<rss>") {
		t.Fatalf("first fetch: NotModified=%v body=%q", resp.NotModified, resp.Body)
	}
	// Not committed yet: a crash here must refetch in full, not lose it.
	if _, err := c.Get(ctx, srv.URL+"/feed.xml"); err != nil {
		t.Fatal(err)
	}
	if full.Load() != 2 {
		t.Fatalf("uncommitted response: got %d full fetches, want 2", full.Load())
	}
	c.Commit(resp)
	if err := st.Save(); err != nil {
		t.Fatal(err)
	}

	// A new process: the state is read back from the file.
	st2, err := OpenState(statePath)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := st2.Validators(srv.URL + "/feed.xml"); !ok || v.ETag != etag || v.LastModified != lastMod {
		t.Fatalf("state after restart: %+v, %v", v, ok)
	}
	c2 := testClient(Options{State: st2})
	resp2, err := c2.Get(ctx, srv.URL+"/feed.xml")
	if err != nil {
		t.Fatal(err)
	}
	if !resp2.NotModified || resp2.Status != http.StatusNotModified || len(resp2.Body) != 0 {
		t.Fatalf("after restart: NotModified=%v status=%d body=%d bytes", resp2.NotModified, resp2.Status, len(resp2.Body))
	}
	if full.Load() != 2 {
		t.Fatalf("304 must not refetch: %d full fetches", full.Load())
	}
}

func TestRobotsDisallowHonoured(t *testing.T) {
	var h hits
	var gotUA atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		gotUA.Store(r.UserAgent())
		switch r.URL.Path {
		case "/robots.txt":
			io.WriteString(w, "User-agent: *\nDisallow: /private/\n\nUser-agent: otherbot\nDisallow: /\n")
		case "/go-private":
			http.Redirect(w, r, "/private/b", http.StatusFound)
		default:
			io.WriteString(w, "<html><body>ok</body></html>")
		}
	}))
	defer srv.Close()
	c := testClient(Options{})
	ctx := context.Background()
	if _, err := c.Get(ctx, srv.URL+"/public/a"); err != nil {
		t.Fatalf("allowed page: %v", err)
	}
	_, err := c.Get(ctx, srv.URL+"/private/a")
	if !errors.Is(err, ErrDisallowed) {
		t.Fatalf("disallowed page: err = %v, want ErrDisallowed", err)
	}
	_, err = c.Get(ctx, srv.URL+"/go-private")
	if !errors.Is(err, ErrDisallowed) {
		t.Fatalf("redirect into a disallowed path: err = %v, want ErrDisallowed", err)
	}
	if n := h.get("/private/a") + h.get("/private/b"); n != 0 {
		t.Fatalf("server saw %d requests to disallowed paths", n)
	}
	if n := h.get("/robots.txt"); n != 1 {
		t.Fatalf("robots.txt fetched %d times, want 1 (cached)", n)
	}
	if ua := gotUA.Load().(string); ua != DefaultUserAgent {
		t.Fatalf("User-Agent = %q", ua)
	}
}

func TestRateLimitHolds(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	const perSecond = 20
	c := testClient(Options{Rate: perSecond, Burst: 1, IgnoreRobots: true})
	ctx := context.Background()
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Get(ctx, fmt.Sprintf("%s/p%d", srv.URL, i%2)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	var times []time.Time
	h.mu.Lock()
	for _, ts := range h.t {
		times = append(times, ts...)
	}
	h.mu.Unlock()
	if len(times) != 6 {
		t.Fatalf("got %d requests, want 6", len(times))
	}
	first, last := times[0], times[0]
	for _, ts := range times {
		if ts.Before(first) {
			first = ts
		}
		if ts.After(last) {
			last = ts
		}
	}
	// Six requests at 20/s with burst 1 take at least 5 intervals of 50 ms.
	if span, want := last.Sub(first), 5*time.Second/perSecond-20*time.Millisecond; span < want {
		t.Fatalf("6 requests took %v, want at least %v at %d/s", span, want, perSecond)
	}
}

func TestRetries503ThenSucceeds(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		if h.get(r.URL.Path) <= 2 {
			w.Header().Set("Retry-After", "0")
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "finally")
	}))
	defer srv.Close()
	c := testClient(Options{})
	resp, err := c.Get(context.Background(), srv.URL+"/page")
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != "finally" || h.get("/page") != 3 {
		t.Fatalf("body %q after %d attempts", resp.Body, h.get("/page"))
	}

	// With fewer retries than failures, the 503 is reported.
	c = testClient(Options{Retries: 1})
	_, err = c.Get(context.Background(), srv.URL+"/other")
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != http.StatusServiceUnavailable {
		t.Fatalf("err = %v, want HTTP 503", err)
	}
	if h.get("/other") != 2 {
		t.Fatalf("/other: %d attempts, want 2", h.get("/other"))
	}
}

func TestRetryAfterBeyondMaxBackoffGivesUp(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		w.Header().Set("Retry-After", "3600")
		http.Error(w, "slow down", http.StatusTooManyRequests)
	}))
	defer srv.Close()
	c := testClient(Options{IgnoreRobots: true, MaxBackoff: time.Second})
	start := time.Now()
	_, err := c.Get(context.Background(), srv.URL+"/x")
	if err == nil || !strings.Contains(err.Error(), "429") {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) > 5*time.Second || h.get("/x") != 1 {
		t.Fatalf("should give up at once, not wait an hour: %d attempts", h.get("/x"))
	}
}

func TestPrivateAddressRefused(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		io.WriteString(w, "secret")
	}))
	defer srv.Close()
	c := New(Options{Logger: quiet, Backoff: time.Millisecond}) // AllowPrivate not set
	port := srv.URL[strings.LastIndex(srv.URL, ":"):]
	for _, u := range []string{
		srv.URL + "/admin",                 // loopback by IP
		"http://localhost" + port + "/x",   // loopback through DNS
		"http://[::1]" + port + "/x",       // IPv6 loopback
		"http://0.0.0.0" + port + "/x",     // unspecified
		"http://169.254.169.254/latest/",   // link-local (cloud metadata)
		"http://[::ffff:127.0.0.1]" + port, // IPv4-mapped loopback
	} {
		_, err := c.Get(context.Background(), u)
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("GET %s: err = %v, want ErrPrivateAddress", u, err)
		}
	}
	if len(h.n) != 0 {
		t.Fatalf("server was reached: %v", h.n)
	}
}

func TestRedirectLoopBounded(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		switch r.URL.Path {
		case "/a":
			http.Redirect(w, r, "/b", http.StatusFound)
		case "/b":
			http.Redirect(w, r, "/a", http.StatusFound)
		default: // an endless chain of new URLs
			var n int
			fmt.Sscanf(r.URL.Path, "/chain/%d", &n)
			http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusMovedPermanently)
		}
	}))
	defer srv.Close()
	c := testClient(Options{IgnoreRobots: true, MaxRedirects: 4})
	_, err := c.Get(context.Background(), srv.URL+"/a")
	if !errors.Is(err, ErrTooManyRedirects) {
		t.Fatalf("loop: err = %v", err)
	}
	if n := h.get("/a") + h.get("/b"); n > 3 {
		t.Fatalf("loop: %d requests", n)
	}
	_, err = c.Get(context.Background(), srv.URL+"/chain/0")
	if !errors.Is(err, ErrTooManyRedirects) {
		t.Fatalf("chain: err = %v", err)
	}
	total := 0
	for p, n := range h.n {
		if strings.HasPrefix(p, "/chain/") {
			total += n
		}
	}
	if total != 5 { // the first request and 4 redirects
		t.Fatalf("chain: %d requests, want 5", total)
	}
}

func TestOversizedBodyCut(t *testing.T) {
	big := strings.Repeat("x", 5000)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, big)
	}))
	defer srv.Close()
	st, _ := OpenState("")
	c := testClient(Options{IgnoreRobots: true, MaxBodySize: 1000, State: st})
	resp, err := c.Get(context.Background(), srv.URL+"/big")
	if err != nil {
		t.Fatal(err)
	}
	if !resp.Truncated || len(resp.Body) != 1000 {
		t.Fatalf("Truncated=%v len=%d, want cut at 1000", resp.Truncated, len(resp.Body))
	}
	c.Commit(resp)
	if _, ok := st.Validators(srv.URL + "/big"); ok {
		t.Fatal("a cut body must not be remembered as fetched")
	}
}

func TestNotFoundIsNotRetried(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		http.NotFound(w, r)
	}))
	defer srv.Close()
	c := testClient(Options{IgnoreRobots: true})
	_, err := c.Get(context.Background(), srv.URL+"/gone")
	var he *HTTPError
	if !errors.As(err, &he) || he.Status != 404 || h.get("/gone") != 1 {
		t.Fatalf("err = %v after %d attempts", err, h.get("/gone"))
	}
	if _, err := c.Get(context.Background(), "ftp://example.com/x"); !errors.Is(err, ErrUnsupportedScheme) {
		t.Fatalf("ftp: %v", err)
	}
}

func TestCrawlDelaySlowsHost(t *testing.T) {
	var h hits
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.add(r)
		if r.URL.Path == "/robots.txt" {
			io.WriteString(w, "User-agent: dossier\nCrawl-delay: 0.1\nAllow: /\n")
			return
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	c := testClient(Options{})
	start := time.Now()
	for i := range 3 {
		if _, err := c.Get(context.Background(), fmt.Sprintf("%s/p%d", srv.URL, i)); err != nil {
			t.Fatal(err)
		}
	}
	if el := time.Since(start); el < 180*time.Millisecond {
		t.Fatalf("3 requests after a 0.1 s crawl delay took %v", el)
	}
}

// TestRateWaitOutsideTimeout queues requests to one host longer than the
// request timeout: waiting for the host's turn must not count as the
// server being slow.
func TestRateWaitOutsideTimeout(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	c := testClient(Options{Rate: 5, Burst: 1, Timeout: 300 * time.Millisecond, Retries: -1, IgnoreRobots: true})
	var wg sync.WaitGroup
	for i := range 4 { // the last waits about 600 ms for its turn
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Get(context.Background(), fmt.Sprintf("%s/q%d", srv.URL, i)); err != nil {
				t.Errorf("request %d: %v", i, err)
			}
		}()
	}
	wg.Wait()
}
