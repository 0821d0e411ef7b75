package web

import (
	"cmp"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/dossier/dossier"
)

// articlePage is the data of the article page.
type articlePage struct {
	A        *dossier.Article
	Body     template.HTML // the text with its highlights
	Groups   []entityGroup // entities by type
	Quotes   []dossier.Quote
	Figures  []dossier.Figure
	Target   [2]int // the ?hl= range, zero when none
	HasMarks bool
}

// entityGroup lists an article's entities of one type.
type entityGroup struct {
	Name     string
	Type     string
	Entities []dossier.Entity
}

// handleArticle serves GET /articles/{id}[?hl=START-END]: the text with
// entities, quotes, figures and dates highlighted by their offsets, and
// the range hl marked as the target of a provenance link.
func (s *Server) handleArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.store.Article(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	hl, err := parseRange(r.URL.Query().Get("hl"), len(a.Text))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := articlePage{A: a, Body: highlight(a, hl), Quotes: a.Quotes, Target: hl,
		HasMarks: len(a.Entities)+len(a.Quotes)+len(a.Figures) > 0}
	for _, t := range []struct{ typ, name string }{{dossier.PER, "People"}, {dossier.ORG, "Organisations"}, {dossier.LOC, "Places"}, {dossier.MISC, "Other names"}} {
		g := entityGroup{Name: t.name, Type: strings.ToLower(t.typ)}
		for _, e := range a.Entities {
			if e.Type == t.typ {
				g.Entities = append(g.Entities, e)
			}
		}
		slices.SortStableFunc(g.Entities, func(x, y dossier.Entity) int {
			return cmp.Or(cmp.Compare(len(y.Mentions), len(x.Mentions)), strings.Compare(x.Name, y.Name))
		})
		if len(g.Entities) > 0 {
			p.Groups = append(p.Groups, g)
		}
	}
	for _, f := range a.Figures {
		if f.Kind != dossier.FigureNumber && f.Kind != dossier.FigureOrdinal {
			p.Figures = append(p.Figures, f)
		}
	}
	s.render(w, r, http.StatusOK, "article", view{Title: a.Title, Data: p})
}

// parseRange parses "START-END" byte offsets into a text of length n.
func parseRange(v string, n int) ([2]int, error) {
	if v == "" {
		return [2]int{}, nil
	}
	a, b, ok := strings.Cut(v, "-")
	start, err1 := strconv.Atoi(a)
	end, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || start < 0 || end < start || end > n {
		return [2]int{}, dossier.Errorf(dossier.EINVALID, "hl must be START-END byte offsets within the text (0-%d), got %q", n, v)
	}
	return [2]int{start, end}, nil
}
