package dedup

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/dossier/dossier"
)

// pagedStore serves ArticleIDs and Articles from memory; the rest of
// dossier.Store is not used by Seed.
type pagedStore struct {
	dossier.Store
	arts map[string]*dossier.Article
}

func (s *pagedStore) ArticleIDs(_ context.Context, after string, limit int) ([]string, error) {
	var ids []string
	for id := range s.arts {
		if id > after {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids[:min(limit, len(ids))], nil
}

func (s *pagedStore) Articles(_ context.Context, ids []string) ([]*dossier.Article, error) {
	var out []*dossier.Article
	for _, id := range ids {
		a := *s.arts[id]
		out = append(out, &a)
	}
	return out, nil
}

func TestSeedKeepsStoredLinks(t *testing.T) {
	body := strings.Join(wire, "\n\n")
	st := &pagedStore{arts: map[string]*dossier.Article{
		// "a-copy" sorts before its original "b-orig": the stored link must
		// hold anyway, and the copy must not become anyone's original.
		"a-copy":   {ID: "a-copy", Text: body, DuplicateOf: "b-orig", StoryID: "b-orig"},
		"b-orig":   {ID: "b-orig", Text: body, StoryID: "b-orig"},
		"c-meteor": {ID: "c-meteor", Text: strings.Join(unrelated, "\n\n"), StoryID: "c-meteor"},
	}}
	ix := New(Options{})
	n, err := Seed(context.Background(), st, ix)
	if err != nil || n != 3 {
		t.Fatalf("Seed: %d, %v", n, err)
	}
	r := ix.Add(&dossier.Article{ID: "new", Title: "Republished", Text: body})
	if r.DuplicateOf != "b-orig" || r.StoryID != "b-orig" {
		t.Fatalf("new copy after seeding: %+v", r)
	}
}
