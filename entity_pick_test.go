package dossier

import "testing"

func TestPreferredNameAndType(t *testing.T) {
	for _, c := range []struct {
		counts map[string]int
		want   string
	}{
		{map[string]int{"Putin": 3, "Vladimir Putin": 2}, "Putin"},          // most frequent
		{map[string]int{"Putin": 2, "Vladimir Putin": 2}, "Vladimir Putin"}, // then longest
		{map[string]int{"Bush": 1, "Blair": 1, "Brown": 1}, "Blair"},        // then byte order, among the longest
		{nil, ""},
	} {
		if got := PreferredName(c.counts); got != c.want {
			t.Errorf("PreferredName(%v) = %q, want %q", c.counts, got, c.want)
		}
	}
	if got := PreferredType(map[string]int{ORG: 2, PER: 2, LOC: 1}); got != ORG {
		t.Errorf("PreferredType = %q, want %q (most frequent, then byte order)", got, ORG)
	}
}
