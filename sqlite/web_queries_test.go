package sqlite

import (
	"context"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/dossier/dossier"
)

func TestEntityAndEntityArticles(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "e.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	putin := func(mentions ...string) []dossier.Entity {
		e := dossier.Entity{ID: "PER:putin", Name: "Vladimir Putin", Type: dossier.PER, Roles: []string{"President"}}
		for i, m := range mentions {
			e.Mentions = append(e.Mentions, dossier.Span{Start: i, End: i + 1, Text: m})
		}
		return []dossier.Entity{e}
	}
	day := func(d int) time.Time { return time.Date(2024, 5, d, 0, 0, 0, 0, time.UTC) }
	_, err = st.PutArticles(ctx, []*dossier.Article{
		{ID: "old", Title: "Old", Text: "Putin one.", Published: day(1), Entities: putin("Putin")},
		{ID: "new", Title: "New", Text: "Vladimir Putin two, Putin.", Published: day(9), Entities: putin("Vladimir Putin", "Putin")},
		{ID: "undated", Title: "Undated", Text: "Putin three.", Entities: putin("Putin")},
		{ID: "other", Title: "Other", Text: "Nobody."},
	})
	if err != nil {
		t.Fatal(err)
	}
	e, err := st.Entity(ctx, "PER:putin")
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Vladimir Putin" || e.Type != dossier.PER || e.Articles != 3 || e.Mentions != 4 ||
		!slices.Equal(e.Aliases, []string{"Putin", "Vladimir Putin"}) || !slices.Equal(e.Roles, []string{"President"}) {
		t.Errorf("Entity = %+v", e)
	}
	if _, err := st.Entity(ctx, "PER:nobody"); dossier.ErrorCode(err) != dossier.ENOTFOUND {
		t.Errorf("missing entity: err = %v, want ENOTFOUND", err)
	}
	ids, total, err := st.EntityArticles(ctx, "PER:putin", 2)
	if err != nil || total != 3 || !slices.Equal(ids, []string{"new", "old"}) {
		t.Errorf("EntityArticles = %v %d %v, want [new old] 3", ids, total, err)
	}
	ids, _, _ = st.EntityArticles(ctx, "PER:putin", 0)
	if !slices.Equal(ids, []string{"new", "old", "undated"}) {
		t.Errorf("EntityArticles order = %v", ids)
	}
}
