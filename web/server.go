package web

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/brief"
)

//go:embed templates/*.html static/* openapi.json
var assets embed.FS

// DefaultMaxBody is the largest request body POST /api/articles accepts.
const DefaultMaxBody = 8 << 20

// ParseFunc turns a posted document into an article. contentType is the
// request's media type (application/json, text/html or text/plain) and
// pageURL the optional ?url= parameter.
type ParseFunc func(body []byte, contentType, pageURL string) (*dossier.Article, error)

// Options configure a Server.
type Options struct {
	// Token is the bearer token POST /api/articles requires; empty refuses
	// every write.
	Token string
	// MaxBody limits request bodies (DefaultMaxBody when 0).
	MaxBody int64
	// Parse reads posted documents (DefaultParse when nil).
	Parse ParseFunc
	// Annotate extracts entities, quotes, figures and dates from a posted
	// article before it is stored (nlp.Annotate when nil).
	Annotate func(dossier.Article) dossier.Article
	// Logger receives one line per request and every internal error
	// (slog.Default() when nil).
	Logger *slog.Logger
}

// Server is the web UI and JSON API over a Store.
type Server struct {
	store    dossier.Store
	opt      Options
	log      *slog.Logger
	pages    map[string]*template.Template
	mux      *http.ServeMux
	briefCSS string
}

// route is one entry of the routing table; the OpenAPI test walks it.
type route struct {
	pattern string
	handler func(s *Server, w http.ResponseWriter, r *http.Request)
}

// routes lists every route the server answers; one handler per file.
var routes = []route{
	{"GET /{$}", (*Server).handleSearch},
	{"GET /search", (*Server).handleSearch},
	{"GET /articles/{id}", (*Server).handleArticle},
	{"GET /entities/{id}", (*Server).handleEntity},
	{"GET /brief", (*Server).handleBrief},
	{"GET /static/", (*Server).handleStatic},
	{"GET /api/search", (*Server).handleAPISearch},
	{"GET /api/brief", (*Server).handleAPIBrief},
	{"GET /api/articles/{id}", (*Server).handleAPIArticle},
	{"POST /api/articles", (*Server).handleAPIPostArticle},
	{"GET /api/entities", (*Server).handleAPIEntities},
	{"GET /api/quotes", (*Server).handleAPIQuotes},
	{"GET /api/openapi.json", (*Server).handleOpenAPI},
}

// New returns a Server over st. Templates are parsed once, here.
func New(st dossier.Store, opt Options) (*Server, error) {
	if opt.MaxBody <= 0 {
		opt.MaxBody = DefaultMaxBody
	}
	if opt.Parse == nil {
		opt.Parse = DefaultParse
	}
	if opt.Annotate == nil {
		opt.Annotate = defaultAnnotate
	}
	s := &Server{store: st, opt: opt, log: opt.Logger, mux: http.NewServeMux(), briefCSS: brief.CSS}
	if s.log == nil {
		s.log = slog.Default()
	}
	pages, err := parsePages()
	if err != nil {
		return nil, err
	}
	s.pages = pages
	for _, rt := range routes {
		h := rt.handler
		s.mux.HandleFunc(rt.pattern, func(w http.ResponseWriter, r *http.Request) { h(s, w, r) })
	}
	s.mux.HandleFunc("/", s.handleNotFound)
	return s, nil
}

// parsePages parses each page template together with the layout.
func parsePages() (map[string]*template.Template, error) {
	names, err := fs.Glob(assets, "templates/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	pages := map[string]*template.Template{}
	for _, n := range names {
		if n == "templates/layout.html" {
			continue
		}
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html", n)
		if err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", n, err)
		}
		pages[n[len("templates/"):len(n)-len(".html")]] = t
	}
	return pages, nil
}

// Handler returns the server's HTTP handler with security headers,
// panic recovery and request logging around the routes.
func (s *Server) Handler() http.Handler {
	return s.logRequests(s.recoverPanics(securityHeaders(s.mux)))
}

// Serve listens on addr and serves h until ctx is cancelled, then shuts
// down gracefully (in-flight requests get up to 10 s). ready, when not
// nil, receives the listening address once the socket is open.
func Serve(ctx context.Context, addr string, h http.Handler, log *slog.Logger, ready func(addr string)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return fmt.Errorf("web: listen on %s: %w", addr, err)
	}
	srv := NewHTTPServer(h)
	if ready != nil {
		ready(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("web: serve: %w", err)
	case <-ctx.Done():
	}
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		return fmt.Errorf("web: shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("web: serve: %w", err)
	}
	if log != nil {
		log.Info("server stopped", "addr", ln.Addr().String())
	}
	return nil
}

// NewHTTPServer returns an http.Server for h with timeouts set, so a slow
// or idle client cannot hold a connection forever.
func NewHTTPServer(h http.Handler) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
}
