package sqlite

import (
	"context"
	"fmt"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/storetest"
)

// TestCoordinateFromTier checks that the clause counts coordinate derives
// from the tier a natural-language page came from equal those counted
// clause by clause.
func TestCoordinateFromTier(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	words := []string{"harbour", "lantern", "glacier", "meadow"}
	var as []*dossier.Article
	for mask := 1; mask < 1<<len(words); mask++ {
		text := "An article about"
		for i, w := range words {
			if mask&(1<<i) != 0 {
				text += " " + w
			}
		}
		as = append(as, storetest.Article(fmt.Sprintf("a%02d", mask), fmt.Sprintf("Title %d", mask), text+"."))
	}
	if _, err := s.PutArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	q, err := dossier.ParseQuery("harbour lantern glacier meadow")
	if err != nil {
		t.Fatal(err)
	}
	clauses := q.Significant()
	for ti, expr := range []string{matchAll(clauses, nil), quorum(clauses, nil)} {
		hits, err := s.ranked(ctx, expr, "", nil, nil, 100, 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := []int{1, 5}[ti]; len(hits) != want {
			t.Fatalf("tier %d: %d hits, want %d", ti, len(hits), want)
		}
		fromTier := append([]hit(nil), hits...)
		if err := s.coordinate(ctx, fromTier, clauses, nil, ti); err != nil {
			t.Fatal(err)
		}
		if err := s.coordinate(ctx, hits, clauses, nil, -1); err != nil {
			t.Fatal(err)
		}
		for i := range hits {
			if fromTier[i].coord != hits[i].coord {
				t.Errorf("tier %d, doc %d: coord %d from the tier, %d clause by clause", ti, hits[i].doc, fromTier[i].coord, hits[i].coord)
			}
		}
	}
}
