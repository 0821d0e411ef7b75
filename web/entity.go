package web

import (
	"cmp"
	"context"
	"html/template"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/brief"
)

// entitySample is the number of articles (the newest) an entity page is
// built from.
const entitySample = 100

// entityPage is the data of the entity page.
type entityPage struct {
	E           dossier.EntitySummary
	Total       int // articles that mention it (as the search counts them)
	Coverage    brief.Coverage
	Chart       template.HTML
	Articles    []entityArticle
	QuotesBy    []quoteRef
	QuotesAbout []quoteRef
	With        []coEntity
}

type entityArticle struct {
	ID        string
	Title     string
	Source    string
	Published time.Time
	Mentions  int
}

type quoteRef struct {
	dossier.Quote
	ArticleID string
	Title     string
	Published time.Time
}

type coEntity struct {
	ID       string
	Name     string
	Type     string
	Articles int
}

// handleEntity serves GET /entities/{id}[?name=]: mentions over time,
// quotes by and about the entity, and the entities named with it.
func (s *Server) handleEntity(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	e, err := s.findEntity(ctx, r.PathValue("id"), r.URL.Query().Get("name"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ids, total, err := s.entityArticles(ctx, e)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	arts, err := s.store.Articles(ctx, ids)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := entityPage{E: *e, Total: total}
	var mentioning []*dossier.Article
	aliases := append([]string{e.Name}, e.Aliases...)
	co := map[string]*coEntity{}
	for _, a := range arts {
		n := 0
		for _, x := range a.Entities {
			if x.ID == e.ID {
				n += len(x.Mentions)
			}
		}
		if n == 0 {
			continue
		}
		mentioning = append(mentioning, a)
		p.Articles = append(p.Articles, entityArticle{a.ID, a.Title, a.Source, a.Published, n})
		seen := map[string]bool{}
		for _, x := range a.Entities {
			if x.ID == e.ID || seen[x.ID] || x.Type == dossier.MISC {
				continue
			}
			seen[x.ID] = true
			c := co[x.ID]
			if c == nil {
				c = &coEntity{ID: x.ID, Name: x.Name, Type: x.Type}
				co[x.ID] = c
			}
			c.Articles++
		}
		for _, q := range a.Quotes {
			ref := quoteRef{q, a.ID, a.Title, a.Published}
			switch {
			case q.SpeakerEntity == e.ID || (q.SpeakerEntity == "" && strings.EqualFold(q.Speaker, e.Name)):
				p.QuotesBy = append(p.QuotesBy, ref)
			case mentionsAny(q.Text, aliases):
				p.QuotesAbout = append(p.QuotesAbout, ref)
			}
		}
	}
	for _, c := range co {
		p.With = append(p.With, *c)
	}
	slices.SortFunc(p.With, func(x, y coEntity) int {
		return cmp.Or(cmp.Compare(y.Articles, x.Articles), strings.Compare(x.Name, y.Name))
	})
	p.With = p.With[:min(len(p.With), 20)]
	p.QuotesBy = p.QuotesBy[:min(len(p.QuotesBy), 30)]
	p.QuotesAbout = p.QuotesAbout[:min(len(p.QuotesAbout), 30)]
	p.Articles = p.Articles[:min(len(p.Articles), 50)]
	p.Coverage = brief.CoverageOf(mentioning)
	if p.Chart, err = brief.CoverageSVG(p.Coverage); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "entity", view{Title: e.Name, Data: p})
}

// findEntity returns the corpus-level entity with id: directly from a
// dossier.EntityStore, else by scanning Entities (the name hint from the
// links the UI writes narrows the scan).
func (s *Server) findEntity(ctx context.Context, id, name string) (*dossier.EntitySummary, error) {
	if es, ok := s.store.(dossier.EntityStore); ok {
		return es.Entity(ctx, id)
	}
	f := dossier.EntityFilter{Query: name, Limit: 1000}
	if name == "" {
		f.Limit = 1 << 20
	}
	list, err := s.store.Entities(ctx, f)
	if err != nil {
		return nil, err
	}
	for i := range list {
		if list[i].ID == id {
			return &list[i], nil
		}
	}
	return nil, dossier.Errorf(dossier.ENOTFOUND, "no entity with id %q", id)
}

// entityArticles returns the ids of the newest articles that mention e
// (at most entitySample) and how many there are: directly from a
// dossier.EntityStore, else through an entity: search.
func (s *Server) entityArticles(ctx context.Context, e *dossier.EntitySummary) ([]string, int, error) {
	if es, ok := s.store.(dossier.EntityStore); ok {
		return es.EntityArticles(ctx, e.ID, entitySample)
	}
	res, err := s.store.Search(ctx, dossier.SearchQuery{Text: "entity:" + quote(e.Name), Limit: entitySample})
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(res.Results))
	for i, x := range res.Results {
		ids[i] = x.ID
	}
	return ids, res.Total, nil
}

// mentionsAny reports whether text names any alias of four letters or more
// (case-insensitive).
func mentionsAny(text string, aliases []string) bool {
	lt := strings.ToLower(text)
	for _, a := range aliases {
		if len(a) >= 4 && strings.Contains(lt, strings.ToLower(a)) {
			return true
		}
	}
	return false
}
