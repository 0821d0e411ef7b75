package dedup

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// TestTopKeys checks the selection of key terms against sorting them all
// and cutting, with many equal weights.
func TestTopKeys(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 2000 {
		n, k := rng.IntN(60), 1+rng.IntN(25)
		keys := make([]keyTerm, n)
		for i := range keys {
			keys[i] = keyTerm{term: int32(rng.IntN(200)), weight: float64(rng.IntN(8)) / 4}
		}
		// Terms are distinct within an article.
		seen := map[int32]bool{}
		keys = slices.DeleteFunc(keys, func(kt keyTerm) bool {
			dup := seen[kt.term]
			seen[kt.term] = true
			return dup
		})
		want := slices.Clone(keys)
		slices.SortFunc(want, func(a, b keyTerm) int {
			if heavier(a, b) {
				return -1
			}
			return 1
		})
		if len(want) > k {
			want = want[:k]
		}
		got := topKeys(slices.Clone(keys), k)
		if len(keys) <= k {
			want = keys // unsorted: the caller sorts by term
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("trial %d (n=%d k=%d):\n got %v\nwant %v", trial, len(keys), k, got, want)
		}
	}
}
