package web

import (
	"net/http"

	"github.com/dossier/dossier"
)

// entityList is the body of GET /api/entities.
type entityList struct {
	Entities []dossier.EntitySummary `json:"entities"`
}

// handleAPIEntities serves GET /api/entities?type=&q=&limit=: corpus-level
// entities, most mentioned first.
func (s *Server) handleAPIEntities(w http.ResponseWriter, r *http.Request) {
	typ := r.URL.Query().Get("type")
	switch typ {
	case "", dossier.PER, dossier.ORG, dossier.LOC, dossier.MISC:
	default:
		s.fail(w, r, dossier.Errorf(dossier.EINVALID, "type must be PER, ORG, LOC or MISC, got %q", typ))
		return
	}
	limit, err := intParam(r, "limit", 50, 1, 1000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.store.Entities(r.Context(), dossier.EntityFilter{Type: typ, Query: r.URL.Query().Get("q"), Limit: limit})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if list == nil {
		list = []dossier.EntitySummary{}
	}
	writeJSON(w, http.StatusOK, entityList{list})
}
