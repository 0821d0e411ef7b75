package web

import (
	"net/http"
	"strconv"

	"github.com/dossier/dossier"
)

// pageSize is the number of results per search page; facetSample the
// number of top results facets are computed from.
const (
	pageSize    = 20
	facetSample = 50
)

// searchPage is the data of the search page.
type searchPage struct {
	Query   string
	Total   int
	Offset  int
	Results []dossier.SearchResult
	Facets  []facetGroup
	Sampled int // results the facets were computed from
	Prev    string
	Next    string
	Stats   *dossier.Stats // shown when there is no query
}

// handleSearch serves the search page: GET / and GET /search?q=&offset=.
func (s *Server) handleSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	offset, err := intParam(r, "offset", 0, 0, 1_000_000)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := searchPage{Query: q, Offset: offset}
	if q == "" {
		st, err := s.store.Stats(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		p.Stats = &st
		s.render(w, r, http.StatusOK, "search", view{Title: "Search", Nav: "search", Data: p})
		return
	}
	// The facets are counted over the top articles.
	res, err := s.store.Search(r.Context(), dossier.SearchQuery{Text: q, Limit: facetSample})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Total = res.Total
	// The page shows one result per story ("N more like this").
	page, err := dossier.SearchStories(r.Context(), s.store, dossier.SearchQuery{Text: q, Limit: pageSize, Offset: offset})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Results = page.Results
	sample := res.Results[:min(facetSample, len(res.Results))]
	ids := make([]string, len(sample))
	for i, x := range sample {
		ids[i] = x.ID
	}
	arts, err := s.store.Articles(r.Context(), ids)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p.Sampled = len(arts)
	p.Facets = facets(q, arts)
	if offset > 0 {
		p.Prev = "/search?q=" + urlQuery(q) + "&offset=" + strconv.Itoa(max(0, offset-pageSize))
	}
	if offset+pageSize < res.Total {
		p.Next = "/search?q=" + urlQuery(q) + "&offset=" + strconv.Itoa(offset+pageSize)
	}
	s.render(w, r, http.StatusOK, "search", view{Title: q + " – Search", Query: q, Nav: "search", Data: p})
}

// intParam reads an integer query parameter, def when absent; EINVALID
// when malformed or outside [lo, hi].
func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, dossier.Errorf(dossier.EINVALID, "%s must be an integer from %d to %d, got %q", name, lo, hi, v)
	}
	return n, nil
}
