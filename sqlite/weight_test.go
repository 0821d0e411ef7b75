package sqlite

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/dossier/dossier"
)

// knownItemQueries makes one query per sampled article from its own
// words: n distinct content words (4+ letters, not stopwords) drawn from
// the title (fromTitle) or from the first paragraph.
func knownItemQueries(as []*dossier.Article, fromTitle bool, n int, rng *rand.Rand) map[string]string {
	out := map[string]string{}
	for _, a := range as {
		src := a.Title
		if !fromTitle {
			src, _, _ = strings.Cut(a.Text, "\n\n")
		}
		var words []string
		seen := map[string]bool{}
		for _, w := range strings.FieldsFunc(strings.ToLower(src), func(r rune) bool { return !unicode.IsLetter(r) }) {
			if len(w) >= 4 && !dossier.IsStopword(w) && !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
		if len(words) < n {
			continue
		}
		rng.Shuffle(len(words), func(i, j int) { words[i], words[j] = words[j], words[i] })
		out[a.ID] = strings.Join(words[:n], " ")
	}
	return out
}

// TestTitleWeight measures known-item retrieval (mean reciprocal rank of
// the article a query was drawn from, over the top 100) on the BBC corpus
// for several title weights, with queries drawn from headlines and from
// first paragraphs (a tenth of the articles, seeded), and checks that the
// chosen TitleWeight is within 1% of the best on first-paragraph queries
// and at least 10% above an unweighted title on headline queries. Run with
// -v to see the table.
func TestTitleWeight(t *testing.T) {
	if testing.Short() {
		t.Skip("measurement; skipped in -short")
	}
	bbc := bbcArticles(t)
	dups := duplicatePairs(t)
	s := openTemp(t)
	defer s.Close()
	putBatches(t, s, bbc, 500)
	rng := rand.New(rand.NewPCG(7, 7))
	var sample []*dossier.Article
	for _, a := range bbc {
		if _, dup := dups[a.ID]; !dup && rng.IntN(10) == 0 {
			sample = append(sample, a)
		}
	}
	sets := map[string]map[string]string{
		"headline": knownItemQueries(sample, true, 2, rng),
		"lede":     knownItemQueries(sample, false, 3, rng),
	}
	defer setTitleWeight(TitleWeight)
	mrr := map[string]map[float64]float64{}
	weights := []float64{1, 3, 5, 8}
	for _, w := range weights {
		setTitleWeight(w)
		for name, qs := range sets {
			var sum float64
			for id, q := range qs {
				res, err := s.Search(context.Background(), dossier.SearchQuery{Text: q, Limit: 100})
				if err != nil {
					t.Fatal(err)
				}
				for i, r := range res.Results {
					if r.ID == id {
						sum += 1 / float64(i+1)
						break
					}
				}
			}
			if mrr[name] == nil {
				mrr[name] = map[float64]float64{}
			}
			mrr[name][w] = sum / float64(len(qs))
		}
	}
	for name, byW := range mrr {
		line := fmt.Sprintf("%-8s (%d queries):", name, len(sets[name]))
		best := 0.0
		for _, w := range weights {
			line += fmt.Sprintf("  w=%g %.4f", w, byW[w])
			best = max(best, byW[w])
		}
		t.Log(line)
		// Headline queries favour ever larger weights by construction;
		// first-paragraph queries are the check against overweighting.
		if name == "lede" && byW[TitleWeight] < best*0.99 {
			t.Errorf("lede: MRR %.4f at TitleWeight %g, best %.4f", byW[TitleWeight], TitleWeight, best)
		}
		if name == "headline" && byW[TitleWeight] < byW[1]*1.1 {
			t.Errorf("headline: MRR %.4f at TitleWeight %g, not 10%% above %.4f unweighted", byW[TitleWeight], TitleWeight, byW[1])
		}
	}
}
