package web

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/dossier/dossier"
)

// memStore is a small in-memory dossier.Store for the web tests: naive
// word matching, enough to drive every page and endpoint without SQLite.
// Methods the web package never calls come from the embedded nil Store
// (and would panic), so the fake keeps compiling as the interface grows.
type memStore struct {
	dossier.Store
	mu    sync.Mutex
	arts  map[string]*dossier.Article
	order []string
}

func newMemStore(arts ...*dossier.Article) *memStore {
	s := &memStore{arts: map[string]*dossier.Article{}}
	if _, err := s.PutArticles(context.Background(), arts); err != nil {
		panic(err)
	}
	return s
}

func (s *memStore) PutArticles(_ context.Context, arts []*dossier.Article) (dossier.PutStats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var st dossier.PutStats
	for _, a := range arts {
		if a == nil || a.ID == "" {
			return dossier.PutStats{}, dossier.Errorf(dossier.EINVALID, "article without id")
		}
		if old, ok := s.arts[a.ID]; ok && old.Text == a.Text && old.Title == a.Title {
			st.Unchanged++
			continue
		} else if ok {
			st.Updated++
		} else {
			st.New++
			s.order = append(s.order, a.ID)
		}
		c := *a
		s.arts[a.ID] = &c
	}
	return st, nil
}

func (s *memStore) Article(_ context.Context, id string) (*dossier.Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, ok := s.arts[id]
	if !ok {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no article %q", id)
	}
	c := *a
	return &c, nil
}

func (s *memStore) Articles(ctx context.Context, ids []string) ([]*dossier.Article, error) {
	var out []*dossier.Article
	for _, id := range ids {
		if a, err := s.Article(ctx, id); err == nil {
			out = append(out, a)
		}
	}
	return out, nil
}

func (s *memStore) Search(_ context.Context, sq dossier.SearchQuery) (*dossier.SearchResults, error) {
	q, err := dossier.ParseQuery(sq.Text)
	if err != nil {
		return nil, err
	}
	if sq.Limit < 0 || sq.Offset < 0 {
		return nil, dossier.Errorf(dossier.EINVALID, "negative limit or offset")
	}
	limit := cmp.Or(sq.Limit, 10)
	s.mu.Lock()
	defer s.mu.Unlock()
	var hits []dossier.SearchResult
	for _, id := range s.order {
		a := s.arts[id]
		if a.DuplicateOf != "" {
			continue
		}
		hay := strings.ToLower(a.Title + "\n" + a.Text)
		score, ok := 0.0, true
		var first string
		for _, c := range q.Must {
			matched := false
			for _, t := range c {
				w := strings.ToLower(t.Text)
				if n := strings.Count(hay, w); n > 0 {
					matched = true
					score += float64(n)
					if first == "" {
						first = t.Text
					}
				}
			}
			ok = ok && matched
		}
		for _, src := range q.Sources {
			ok = ok && strings.Contains(strings.ToLower(a.Source), strings.ToLower(src))
		}
		for _, name := range q.Entities {
			found := false
			for _, e := range a.Entities {
				found = found || strings.EqualFold(e.Name, name)
			}
			ok = ok && found
		}
		if !q.After.IsZero() {
			ok = ok && !a.Published.Before(q.After)
		}
		if !q.Before.IsZero() {
			ok = ok && a.Published.Before(q.Before)
		}
		if !ok {
			continue
		}
		hits = append(hits, dossier.SearchResult{ID: a.ID, Title: a.Title, Source: a.Source, Published: a.Published, URL: a.URL,
			Score: score, Snippet: snippet(a.Text, first)})
	}
	slices.SortStableFunc(hits, func(x, y dossier.SearchResult) int { return cmp.Compare(y.Score, x.Score) })
	res := &dossier.SearchResults{Total: len(hits)}
	if sq.Offset < len(hits) {
		res.Results = hits[sq.Offset:min(len(hits), sq.Offset+limit)]
	}
	return res, nil
}

// snippet returns up to 160 bytes around the first occurrence of word,
// with the word wrapped in « ».
func snippet(text, word string) string {
	i := strings.Index(strings.ToLower(text), strings.ToLower(word))
	if word == "" || i < 0 {
		return text[:min(len(text), 160)]
	}
	s := max(0, i-60)
	for s > 0 && text[s]&0xC0 == 0x80 {
		s--
	}
	e := min(len(text), i+len(word)+80)
	for e < len(text) && text[e]&0xC0 == 0x80 {
		e++
	}
	return text[s:i] + "«" + text[i:i+len(word)] + "»" + text[i+len(word):e]
}

func (s *memStore) Entities(_ context.Context, f dossier.EntityFilter) ([]dossier.EntitySummary, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	byID := map[string]*dossier.EntitySummary{}
	var ids []string
	for _, id := range s.order {
		for _, e := range s.arts[id].Entities {
			if f.Type != "" && e.Type != f.Type {
				continue
			}
			if f.Query != "" && !strings.Contains(strings.ToLower(e.Name), strings.ToLower(f.Query)) {
				continue
			}
			es := byID[e.ID]
			if es == nil {
				es = &dossier.EntitySummary{ID: e.ID, Name: e.Name, Type: e.Type, Aliases: []string{}, Roles: []string{}}
				byID[e.ID] = es
				ids = append(ids, e.ID)
			}
			es.Articles++
			es.Mentions += len(e.Mentions)
			for _, m := range e.Mentions {
				if m.Text != e.Name && !slices.Contains(es.Aliases, m.Text) {
					es.Aliases = append(es.Aliases, m.Text)
				}
			}
			for _, r := range e.Roles {
				if !slices.Contains(es.Roles, r) {
					es.Roles = append(es.Roles, r)
				}
			}
		}
	}
	out := []dossier.EntitySummary{}
	for _, id := range ids {
		out = append(out, *byID[id])
	}
	slices.SortStableFunc(out, func(x, y dossier.EntitySummary) int { return cmp.Compare(y.Mentions, x.Mentions) })
	return out[:min(len(out), cmp.Or(f.Limit, 50))], nil
}

func (s *memStore) Quotes(_ context.Context, f dossier.QuoteFilter) ([]dossier.QuoteHit, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := []dossier.QuoteHit{}
	for _, id := range s.order {
		a := s.arts[id]
		for _, q := range a.Quotes {
			if f.Speaker != "" && !strings.Contains(strings.ToLower(q.Speaker), strings.ToLower(f.Speaker)) {
				continue
			}
			if f.Query != "" && !strings.Contains(strings.ToLower(q.Text), strings.ToLower(f.Query)) {
				continue
			}
			out = append(out, dossier.QuoteHit{Quote: q, ArticleID: a.ID, ArticleTitle: a.Title, Published: a.Published})
		}
	}
	return out[:min(len(out), cmp.Or(f.Limit, 50))], nil
}

func (s *memStore) Stats(_ context.Context) (dossier.Stats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var st dossier.Stats
	for _, a := range s.arts {
		st.Articles++
		st.Entities += len(a.Entities)
		st.Quotes += len(a.Quotes)
		st.Figures += len(a.Figures)
	}
	return st, nil
}

func (s *memStore) Close() error { return nil }
