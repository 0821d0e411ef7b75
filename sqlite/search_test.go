package sqlite

import (
	"context"
	"database/sql"
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

// TestTallyRank checks that the single-pass count and tiered ranking of a
// query without filters (dossier_tally) gives the count of count(*) and
// the page of the two-statement ranking, with more than tierMin matches
// so that tiers are used.
func TestTallyRank(t *testing.T) {
	if testing.Short() {
		t.Skip("stores 1,500 articles")
	}
	ctx := context.Background()
	s := openTemp(t)
	defer s.Close()
	var as []*dossier.Article
	for i := range 1500 {
		title := fmt.Sprintf("Report %d", i)
		switch i % 7 {
		case 0:
			title += " harbour"
		case 3:
			title += " lantern harbour"
		}
		text := "The harbour was quiet."
		for range i % 5 {
			text += " A lantern hung by the water."
		}
		if i%11 == 0 {
			text += " Glacier news."
		}
		as = append(as, storetest.Article(fmt.Sprintf("t%04d", i), title, text))
	}
	if _, err := s.PutArticles(ctx, as); err != nil {
		t.Fatal(err)
	}
	// "lantern harbour -glacier": its first title tier (214 documents)
	// loses 20 to the exclusion, so tierBound skips it at 200 a page and
	// must not at 190.
	for _, text := range []string{"harbour lantern", "harbour -glacier", "lantern harbour -glacier", "lantern", "title:lantern harbour"} {
		q, err := dossier.ParseQuery(text)
		if err != nil {
			t.Fatal(err)
		}
		clauses := q.Significant()
		match := matchAll(clauses, q.Exclude)
		matches := map[int64]bool{}
		if err := s.queryEach(ctx, func(rows *sql.Rows) error {
			var d int64
			err := rows.Scan(&d)
			matches[d] = true
			return err
		}, `SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?`, match); err != nil {
			t.Fatal(err)
		}
		// tierBound: exact for the tier with every term in the title (its
		// documents match the positive terms), an upper bound for the other.
		for ti, tr := range titleTiers(clauses) {
			set, err := s.tierSet(ctx, tr)
			if err != nil {
				t.Fatal(err)
			}
			bound, err := s.tierBound(ctx, set, exclExpr(q.Exclude), "", nil)
			if err != nil {
				t.Fatal(err)
			}
			in := 0
			for d := range set {
				if matches[d] {
					in++
				}
			}
			if bound < in || ti == 0 && bound != in {
				t.Errorf("%q tier %d: tierBound %d, %d of the tier's %d documents match", text, ti, bound, in, len(set))
			}
		}
		for _, page := range [][2]int{{10, 0}, {10, 30}, {190, 0}, {200, 0}} {
			total, hits, _, err := s.tallyRank(ctx, match, exclExpr(q.Exclude), titleTiers(clauses), page[0], page[1])
			if err != nil {
				t.Fatal(err)
			}
			want, err := s.countMatches(ctx, match, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			wantHits, _, err := s.rankTiered(ctx, want, match, "", "", nil, titleTiers(clauses), page[0], page[1])
			if err != nil {
				t.Fatal(err)
			}
			bounded, _, err := s.rankTiered(ctx, want, match, exclExpr(q.Exclude), "", nil, titleTiers(clauses), page[0], page[1])
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(bounded) != fmt.Sprint(wantHits) {
				t.Errorf("%q limit %d offset %d: page with tierBound\n%v\nwant\n%v", text, page[0], page[1], bounded, wantHits)
			}
			if total != want {
				t.Errorf("%q: total %d, count(*) %d", text, total, want)
			}
			if fmt.Sprint(hits) != fmt.Sprint(wantHits) {
				t.Errorf("%q limit %d offset %d: page\n%v\nwant\n%v", text, page[0], page[1], hits, wantHits)
			}
		}
	}
}
