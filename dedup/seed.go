package dedup

import (
	"context"
	"fmt"

	"github.com/dossier/dossier"
)

// seedPage is the number of stored articles read per call while seeding.
const seedPage = 500

// Seed adds every article stored in st to ix, keeping the duplicate links
// and stories they were stored with, so that articles collected later are
// matched against them. Call it once, before adding new articles. It
// returns the number of articles added.
func Seed(ctx context.Context, st dossier.Store, ix *Index) (int, error) {
	n := 0
	after := ""
	for {
		ids, err := st.ArticleIDs(ctx, after, seedPage)
		if err != nil {
			return n, fmt.Errorf("dedup: seed: %w", err)
		}
		if len(ids) == 0 {
			return n, nil
		}
		arts, err := st.Articles(ctx, ids)
		if err != nil {
			return n, fmt.Errorf("dedup: seed: %w", err)
		}
		for _, a := range arts {
			ix.Add(a)
			n++
		}
		after = ids[len(ids)-1]
	}
}
