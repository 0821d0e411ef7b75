package web

import "net/http"

// handleOpenAPI serves GET /api/openapi.json, the OpenAPI 3 description
// of every route.
func (s *Server) handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	data, err := assets.ReadFile("openapi.json")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	_, _ = w.Write(data)
}
