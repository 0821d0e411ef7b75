package ingest

import (
	"context"
	"sort"
	"sync"

	"github.com/dossier/dossier"
)

// memStore is a tiny in-memory dossier.Store that follows the PutArticles
// contract (unchanged by id and hash, duplicates by hash) for unit tests.
type memStore struct {
	mu      sync.Mutex
	byID    map[string]*dossier.Article
	byHash  map[string]string
	order   []string
	batches int
	failOn  int // fail the failOn-th PutArticles call (1-based), 0 never
}

func newMemStore() *memStore {
	return &memStore{byID: map[string]*dossier.Article{}, byHash: map[string]string{}}
}

func (s *memStore) PutArticles(_ context.Context, as []*dossier.Article) (dossier.PutStats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.batches++
	if s.failOn > 0 && s.batches == s.failOn {
		return dossier.PutStats{}, dossier.Errorf(dossier.EINTERNAL, "disk full")
	}
	var st dossier.PutStats
	for _, a := range as {
		if a.ID == "" {
			return dossier.PutStats{}, dossier.Errorf(dossier.EINVALID, "empty id")
		}
		if old, ok := s.byID[a.ID]; ok {
			if old.ContentHash == a.ContentHash {
				st.Unchanged++
			} else {
				st.Updated++
				c := *a
				s.byID[a.ID] = &c
			}
			continue
		}
		if _, ok := s.byHash[a.ContentHash]; ok {
			st.Duplicate++
			continue
		}
		c := *a
		s.byID[a.ID] = &c
		s.byHash[a.ContentHash] = a.ID
		s.order = append(s.order, a.ID)
		st.New++
	}
	return st, nil
}

func (s *memStore) Article(_ context.Context, id string) (*dossier.Article, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if a, ok := s.byID[id]; ok {
		return a, nil
	}
	return nil, dossier.Errorf(dossier.ENOTFOUND, "no article %s", id)
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

func (s *memStore) Search(context.Context, dossier.SearchQuery) (*dossier.SearchResults, error) {
	return &dossier.SearchResults{}, nil
}

func (s *memStore) Entities(context.Context, dossier.EntityFilter) ([]dossier.EntitySummary, error) {
	return nil, nil
}

func (s *memStore) Quotes(context.Context, dossier.QuoteFilter) ([]dossier.QuoteHit, error) {
	return nil, nil
}

func (s *memStore) Stats(context.Context) (dossier.Stats, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return dossier.Stats{Articles: len(s.byID)}, nil
}

func (s *memStore) Close() error { return nil }

func (s *memStore) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byID)
}

func (s *memStore) ArticleIDs(_ context.Context, after string, limit int) ([]string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var ids []string
	for id := range s.byID {
		if id > after {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	if limit <= 0 {
		limit = 1000
	}
	return ids[:min(limit, len(ids))], nil
}

func (s *memStore) RelinkEntities(context.Context, map[string]string) error { return nil }
