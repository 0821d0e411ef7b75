package web

import "net/http"

// handleAPIArticle serves GET /api/articles/{id}: the article with its
// entities, quotes, figures and dates (offsets are bytes into text).
func (s *Server) handleAPIArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, a)
}
