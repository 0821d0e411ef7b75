package dedup

import (
	"context"
	"fmt"

	"github.com/dossier/dossier"
)

// seedPage is the number of stored articles read per call while seeding.
const seedPageSize = 500

// seedFromTexts adds every article stored in st to ix from its text, in
// ArticleIDs order.
func seedFromTexts(ctx context.Context, st dossier.Store, ix *Index) (int, error) {
	n := 0
	after := ""
	for {
		ids, err := st.ArticleIDs(ctx, after, seedPageSize)
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
