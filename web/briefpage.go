package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/brief"
)

// Brief sizes: articles analysed and items per section.
const (
	briefArticles = 100
	briefItems    = 10
)

// briefPage is the data of the brief page.
type briefPage struct {
	Query string
	Brief *brief.Brief
	HTML  template.HTML // the brief as an <article> fragment
}

// handleBrief serves GET /brief?q=: the brief of a query with its charts.
func (s *Server) handleBrief(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	p := briefPage{Query: q}
	if q != "" {
		b, err := s.buildBrief(r.Context(), q, briefArticles)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var sb strings.Builder
		if err := brief.WriteHTML(&sb, b, brief.Options{Fragment: true, ArticleHref: articleHref, EntityHref: entityPath}); err != nil {
			s.fail(w, r, err)
			return
		}
		p.Brief, p.HTML = b, template.HTML(sb.String()) // WriteHTML escapes all article text
	}
	s.render(w, r, http.StatusOK, "brief", view{Title: "Brief: " + q, Query: q, Nav: "brief", Data: p})
}

// articleHref links a brief item to its article, with the range marked.
func articleHref(id string, start, end int) string {
	if end > start {
		return fmt.Sprintf("/articles/%s?hl=%d-%d#hl", url.PathEscape(id), start, end)
	}
	return "/articles/" + url.PathEscape(id)
}

// buildBrief searches for q, loads the top limit articles and builds
// their brief.
func (s *Server) buildBrief(ctx context.Context, q string, limit int) (*brief.Brief, error) {
	res, err := s.store.Search(ctx, dossier.SearchQuery{Text: q, Limit: limit})
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(res.Results))
	for i, x := range res.Results {
		ids[i] = x.ID
	}
	arts, err := s.store.Articles(ctx, ids)
	if err != nil {
		return nil, err
	}
	return brief.Build(brief.Input{Query: q, Total: res.Total, Results: res.Results, Articles: arts, Limit: briefItems}), nil
}
