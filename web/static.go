package web

import (
	"io/fs"
	"net/http"
	"strings"
	"time"

	"github.com/dossier/dossier"
)

// startTime stamps the embedded files (they change only with the binary).
var startTime = time.Now()

// handleStatic serves the embedded CSS (and the brief's stylesheet at
// /static/brief.css).
func (s *Server) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := strings.TrimPrefix(r.URL.Path, "/static/")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	if name == "brief.css" {
		w.Header().Set("Content-Type", "text/css; charset=utf-8")
		http.ServeContent(w, r, name, startTime, strings.NewReader(s.briefCSS))
		return
	}
	sub, err := fs.Sub(assets, "static")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := fs.Stat(sub, name); err != nil || name == "" || strings.Contains(name, "..") {
		s.fail(w, r, dossier.Errorf(dossier.ENOTFOUND, "no file %s", r.URL.Path))
		return
	}
	http.ServeFileFS(w, r, sub, name)
}
