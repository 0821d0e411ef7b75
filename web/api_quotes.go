package web

import (
	"net/http"

	"github.com/dossier/dossier"
)

// quoteList is the body of GET /api/quotes.
type quoteList struct {
	Quotes []dossier.QuoteHit `json:"quotes"`
}

// handleAPIQuotes serves GET /api/quotes?speaker=&q=&limit=: stored
// quotations with their articles, newest first.
func (s *Server) handleAPIQuotes(w http.ResponseWriter, r *http.Request) {
	limit, err := intParam(r, "limit", 50, 1, 1000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	list, err := s.store.Quotes(r.Context(), dossier.QuoteFilter{
		Speaker: r.URL.Query().Get("speaker"), Query: r.URL.Query().Get("q"), Limit: limit})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if list == nil {
		list = []dossier.QuoteHit{}
	}
	writeJSON(w, http.StatusOK, quoteList{list})
}
