package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/dossier/dossier"
)

// DefaultUserAgent names dossier and where to learn about it, so site
// owners can tell who is fetching.
const DefaultUserAgent = "dossier/0.1 (+https://github.com/dossier/dossier)"

// RobotsAgent is the product token matched against robots.txt groups.
const RobotsAgent = "dossier"

// Defaults for the zero Options.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBodySize  = 10 << 20
	DefaultMaxRedirects = 5
	DefaultRetries      = 3
	DefaultBackoff      = time.Second
	DefaultMaxBackoff   = time.Minute
	DefaultRate         = rate.Limit(1) // one request per second per host
	robotsMaxSize       = 512 << 10
	robotsTTL           = 24 * time.Hour
	robotsErrorTTL      = 10 * time.Minute
)

// Errors a Get can wrap; test them with errors.Is.
var (
	ErrDisallowed        = errors.New("disallowed by robots.txt")
	ErrTooManyRedirects  = errors.New("too many redirects")
	ErrUnsupportedScheme = errors.New("unsupported URL scheme (want http or https)")
)

// Options configure a Client. The zero value is usable: every zero field
// takes its default.
type Options struct {
	UserAgent    string        // default DefaultUserAgent
	AllowPrivate bool          // allow loopback, private and link-local addresses (tests, intranets)
	Timeout      time.Duration // one attempt, headers and body; default 30 s
	MaxBodySize  int64         // bodies are cut after this many bytes; default 10 MiB
	MaxRedirects int           // redirects followed per request; default 5, negative for none
	Retries      int           // retries after the first attempt; default 3, negative for none
	Backoff      time.Duration // wait before the first retry, doubled each time; default 1 s
	MaxBackoff   time.Duration // longest wait between attempts, Retry-After included; default 1 min
	Rate         rate.Limit    // requests per second per host; default 1, rate.Inf for no limit
	Burst        int           // requests allowed at once per host; default 1
	State        *State        // conditional-GET validators; nil for none
	IgnoreRobots bool          // skip robots.txt (only for sources you own)
	Logger       *slog.Logger  // default slog.Default()
}

// Client is a polite, safe HTTP client. It is safe for concurrent use.
type Client struct {
	opts Options
	http *http.Client
	log  *slog.Logger

	mu       sync.Mutex
	limiters map[string]*rate.Limiter
	robots   map[string]robotsEntry
	robotsMu sync.Mutex // serialises robots.txt fetches
}

type robotsEntry struct {
	r       *Robots
	expires time.Time
}

// Response is the outcome of a successful Get.
type Response struct {
	URL         string      // final URL, after redirects
	Status      int         // HTTP status code (200, or 304 when NotModified)
	Header      http.Header // response headers
	Body        []byte      // body, decoded from gzip, at most MaxBodySize bytes
	Truncated   bool        // the body was longer than MaxBodySize and was cut
	NotModified bool        // the server answered 304 to a conditional GET
	Validators  Validators  // ETag and Last-Modified to remember with Commit
	Fetched     time.Time   // when the response arrived

	requested string
}

// HTTPError is returned for a final response with a status other than 2xx
// or 304.
type HTTPError struct {
	URL    string
	Status int
}

// Error implements error.
func (e *HTTPError) Error() string {
	return fmt.Sprintf("GET %s: HTTP %d %s", e.URL, e.Status, http.StatusText(e.Status))
}

// New returns a Client with opts.
func New(opts Options) *Client {
	if opts.UserAgent == "" {
		opts.UserAgent = DefaultUserAgent
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.MaxBodySize <= 0 {
		opts.MaxBodySize = DefaultMaxBodySize
	}
	if opts.MaxRedirects == 0 {
		opts.MaxRedirects = DefaultMaxRedirects
	} else if opts.MaxRedirects < 0 {
		opts.MaxRedirects = 0
	}
	if opts.Retries == 0 {
		opts.Retries = DefaultRetries
	} else if opts.Retries < 0 {
		opts.Retries = 0
	}
	if opts.Backoff <= 0 {
		opts.Backoff = DefaultBackoff
	}
	if opts.MaxBackoff <= 0 {
		opts.MaxBackoff = DefaultMaxBackoff
	}
	if opts.Rate <= 0 {
		opts.Rate = DefaultRate
	}
	if opts.Burst <= 0 {
		opts.Burst = 1
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	c := &Client{
		opts:     opts,
		log:      opts.Logger,
		limiters: map[string]*rate.Limiter{},
		robots:   map[string]robotsEntry{},
	}
	dialer := &net.Dialer{Timeout: 10 * time.Second, KeepAlive: 30 * time.Second}
	if !opts.AllowPrivate {
		dialer.Control = dialControl
	}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would bypass the address check
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          64,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: opts.Timeout,
	}
	c.http = &http.Client{
		Transport:     &limitedTransport{c: c, base: transport},
		CheckRedirect: c.checkRedirect,
		Timeout:       opts.Timeout,
	}
	return c
}

// limitedTransport waits on the per-host rate limit before every request,
// redirects and robots.txt included.
type limitedTransport struct {
	c    *Client
	base http.RoundTripper
}

func (t *limitedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	// The first hop of a Get waited before the client's timeout started
	// (see attempt); redirects and robots.txt requests wait here.
	if req.Response != nil || req.Context().Value(waitedKey{}) == nil {
		if err := t.c.limiter(req.URL.Host).Wait(req.Context()); err != nil {
			return nil, err
		}
	}
	return t.base.RoundTrip(req)
}

// waitedKey marks a request context whose first hop already waited on the
// host's rate limit.
type waitedKey struct{}

func (c *Client) limiter(host string) *rate.Limiter {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.limiters[host]
	if l == nil {
		l = rate.NewLimiter(c.opts.Rate, c.opts.Burst)
		c.limiters[host] = l
	}
	return l
}

func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > c.opts.MaxRedirects {
		return fmt.Errorf("%w: stopped after %d", ErrTooManyRedirects, c.opts.MaxRedirects)
	}
	for _, v := range via {
		if v.URL.String() == req.URL.String() {
			return fmt.Errorf("%w: redirect loop back to %s", ErrTooManyRedirects, req.URL)
		}
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %s: %w", req.URL, ErrUnsupportedScheme)
	}
	if req.URL.Path == "/robots.txt" {
		return nil
	}
	return c.checkRobots(req.Context(), req.URL)
}

// Get fetches rawURL politely. A URL whose validators are in the State is
// fetched conditionally; a 304 answer gives a Response with NotModified
// set and no body. Call Commit after the response has been processed to
// remember its validators.
func (c *Client) Get(ctx context.Context, rawURL string) (*Response, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, dossier.Errorf(dossier.EINVALID, "bad URL %q: %v", rawURL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("GET %s: %w", rawURL, ErrUnsupportedScheme)
	}
	if u.Host == "" {
		return nil, dossier.Errorf(dossier.EINVALID, "bad URL %q: no host", rawURL)
	}
	if err := c.checkRobots(ctx, u); err != nil {
		return nil, err
	}
	var v Validators
	if c.opts.State != nil {
		v, _ = c.opts.State.Validators(rawURL)
	}
	for attempt := 0; ; attempt++ {
		resp, wait, err := c.attempt(ctx, rawURL, v)
		if err == nil {
			return resp, nil
		}
		if wait < 0 || attempt >= c.opts.Retries {
			return nil, err
		}
		if wait == 0 {
			wait = c.backoff(attempt)
		}
		if wait > c.opts.MaxBackoff {
			return nil, fmt.Errorf("%w (server asks to wait %s, more than the %s allowed)", err, wait, c.opts.MaxBackoff)
		}
		c.log.Warn("fetch: retrying", "url", rawURL, "attempt", attempt+1, "wait", wait, "err", err)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("GET %s: %w", rawURL, context.Cause(ctx))
		case <-t.C:
		}
	}
}

// backoff returns the wait before retry number attempt+1: Backoff doubled
// each time, with ±20% jitter, capped at MaxBackoff.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.opts.Backoff << min(attempt, 20)
	if d <= 0 || d > c.opts.MaxBackoff {
		d = c.opts.MaxBackoff
	}
	jitter := 0.8 + 0.4*rand.Float64()
	return time.Duration(float64(d) * jitter)
}

// attempt makes one request. On failure, wait says whether to retry: -1
// means never, 0 means after the usual backoff, more means after that long
// (the server's Retry-After).
func (c *Client) attempt(ctx context.Context, rawURL string, v Validators) (*Response, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, -1, dossier.Errorf(dossier.EINVALID, "bad URL %q: %v", rawURL, err)
	}
	// Wait for the host's turn before the request's timeout starts, so a
	// long queue at a slow rate is not mistaken for a slow server.
	if err := c.limiter(req.URL.Host).Wait(ctx); err != nil {
		return nil, -1, fmt.Errorf("GET %s: %w", rawURL, err)
	}
	req = req.WithContext(context.WithValue(ctx, waitedKey{}, true))
	req.Header.Set("User-Agent", c.opts.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,application/feed+json,application/json;q=0.9,application/xml;q=0.8,*/*;q=0.5")
	if v.ETag != "" {
		req.Header.Set("If-None-Match", v.ETag)
	}
	if v.LastModified != "" {
		req.Header.Set("If-Modified-Since", v.LastModified)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil || errors.Is(err, ErrPrivateAddress) || errors.Is(err, ErrTooManyRedirects) ||
			errors.Is(err, ErrDisallowed) || errors.Is(err, ErrUnsupportedScheme) {
			return nil, -1, err
		}
		return nil, 0, err // network errors and timeouts are retried
	}
	defer resp.Body.Close()
	out := &Response{
		URL:       resp.Request.URL.String(),
		Status:    resp.StatusCode,
		Header:    resp.Header,
		Fetched:   time.Now().UTC(),
		requested: rawURL,
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		out.NotModified = true
		out.Validators = v
		if e := resp.Header.Get("ETag"); e != "" {
			out.Validators.ETag = e
		}
		out.Validators.Fetched = out.Fetched
		return out, 0, nil
	case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		err := &HTTPError{URL: rawURL, Status: resp.StatusCode}
		if resp.StatusCode == http.StatusNotImplemented || resp.StatusCode == http.StatusHTTPVersionNotSupported {
			return nil, -1, err
		}
		return nil, retryAfter(resp.Header.Get("Retry-After"), time.Now()), err
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return nil, -1, &HTTPError{URL: rawURL, Status: resp.StatusCode}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.opts.MaxBodySize+1))
	if err != nil {
		return nil, 0, fmt.Errorf("GET %s: reading body: %w", rawURL, err)
	}
	if int64(len(body)) > c.opts.MaxBodySize {
		body = body[:c.opts.MaxBodySize]
		out.Truncated = true
		c.log.Warn("fetch: body cut", "url", rawURL, "max_bytes", c.opts.MaxBodySize)
	}
	out.Body = body
	out.Validators = Validators{ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"), Fetched: out.Fetched}
	return out, 0, nil
}

// retryAfter parses a Retry-After header (seconds or an HTTP date) into a
// wait; 0 when absent or unparseable.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	if n, err := strconv.Atoi(h); err == nil {
		if n <= 0 {
			return time.Millisecond
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(h); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
		return time.Millisecond
	}
	return 0
}

// Commit remembers resp's validators in the State, so the next Get of the
// same URL is conditional. Call it once the body has been processed, so a
// crash in between refetches rather than loses the content.
func (c *Client) Commit(resp *Response) {
	if c.opts.State == nil || resp == nil || resp.Truncated {
		return
	}
	c.opts.State.SetValidators(resp.requested, resp.Validators)
}

// Allowed reports whether robots.txt lets dossier fetch rawURL, fetching
// and caching the host's robots.txt as needed.
func (c *Client) Allowed(ctx context.Context, rawURL string) (bool, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return false, dossier.Errorf(dossier.EINVALID, "bad URL %q: %v", rawURL, err)
	}
	err = c.checkRobots(ctx, u)
	if errors.Is(err, ErrDisallowed) {
		return false, nil
	}
	return err == nil, err
}

func (c *Client) checkRobots(ctx context.Context, u *url.URL) error {
	if c.opts.IgnoreRobots {
		return nil
	}
	r, err := c.robotsFor(ctx, u)
	if err != nil {
		return err
	}
	path := u.EscapedPath()
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !r.Allowed(path) {
		return fmt.Errorf("GET %s: %w", u, ErrDisallowed)
	}
	return nil
}

func (c *Client) robotsFor(ctx context.Context, u *url.URL) (*Robots, error) {
	key := u.Scheme + "://" + u.Host
	c.mu.Lock()
	e, ok := c.robots[key]
	c.mu.Unlock()
	if ok && time.Now().Before(e.expires) {
		return e.r, nil
	}
	c.robotsMu.Lock()
	defer c.robotsMu.Unlock()
	c.mu.Lock()
	e, ok = c.robots[key]
	c.mu.Unlock()
	if ok && time.Now().Before(e.expires) {
		return e.r, nil
	}
	r, ttl, err := c.fetchRobots(ctx, key+"/robots.txt")
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.robots[key] = robotsEntry{r: r, expires: time.Now().Add(ttl)}
	c.mu.Unlock()
	if d := r.CrawlDelay(); d > 0 {
		l := c.limiter(u.Host)
		if slower := rate.Every(d); slower < l.Limit() {
			l.SetLimit(slower)
		}
	}
	return r, nil
}

// fetchRobots gets a robots.txt. A 4xx means no rules; a 5xx means the
// whole site is off limits for a while (RFC 9309, 2.3.1).
func (c *Client) fetchRobots(ctx context.Context, robotsURL string) (*Robots, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return nil, 0, fmt.Errorf("robots.txt: %w", err)
	}
	req.Header.Set("User-Agent", c.opts.UserAgent)
	resp, err := c.http.Do(req)
	if err != nil {
		if ctx.Err() != nil || errors.Is(err, ErrPrivateAddress) {
			return nil, 0, fmt.Errorf("robots.txt: %w", err)
		}
		c.log.Warn("fetch: robots.txt unreachable, treating site as disallowed", "url", robotsURL, "err", err)
		return DisallowAll, robotsErrorTTL, nil
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode <= 299:
		body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxSize))
		if err != nil {
			return DisallowAll, robotsErrorTTL, nil
		}
		return ParseRobots(body, RobotsAgent), robotsTTL, nil
	case resp.StatusCode >= 400 && resp.StatusCode <= 499:
		return AllowAll, robotsTTL, nil
	default:
		c.log.Warn("fetch: robots.txt failed, treating site as disallowed", "url", robotsURL, "status", resp.StatusCode)
		return DisallowAll, robotsErrorTTL, nil
	}
}
