package web

import (
	"net/http"
	"strings"

	"github.com/dossier/dossier"
)

// handleAPIBrief serves GET /api/brief?q=&limit=: the brief of a query in
// the JSON schema of docs/brief-schema.md.
func (s *Server) handleAPIBrief(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		s.fail(w, r, dossier.Errorf(dossier.EINVALID, "q is required"))
		return
	}
	limit, err := intParam(r, "limit", briefArticles, 1, 1000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := s.buildBrief(r.Context(), q, limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, b)
}
