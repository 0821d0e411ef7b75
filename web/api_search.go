package web

import (
	"net/http"
	"strings"

	"github.com/dossier/dossier"
)

// handleAPISearch serves GET /api/search?q=&limit=&offset=: one page of
// ranked results, {"total", "results": [...]}.
func (s *Server) handleAPISearch(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		s.fail(w, r, dossier.Errorf(dossier.EINVALID, "q is required"))
		return
	}
	limit, err := intParam(r, "limit", 10, 1, 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, err := intParam(r, "offset", 0, 0, 1_000_000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.store.Search(r.Context(), dossier.SearchQuery{Text: q, Limit: limit, Offset: offset})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if res.Results == nil {
		res.Results = []dossier.SearchResult{}
	}
	writeJSON(w, http.StatusOK, res)
}
