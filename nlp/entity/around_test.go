package entity

import (
	"reflect"
	"strings"
	"testing"

	"github.com/dossier/dossier"
)

func TestCanonicalizeAround(t *testing.T) {
	s := func(id, name, typ string, n int) dossier.EntitySummary {
		return dossier.EntitySummary{ID: id, Name: name, Type: typ, Articles: n}
	}
	all := []dossier.EntitySummary{
		s("tony", "Tony Blair", dossier.PER, 10),
		s("cherie", "Cherie Blair", dossier.PER, 2),
		s("blair", "Blair", dossier.PER, 1),
		s("gordon", "Gordon Brown", dossier.PER, 5),
		s("brown", "Brown", dossier.PER, 1), // would join Gordon Brown, but nothing about it changed
		s("bbc-long", "British Broadcasting Corporation", dossier.ORG, 4),
		s("bbc", "BBC", dossier.ORG, 9),
		s("chelsea-org", "Chelsea", dossier.ORG, 6),
		s("chelsea-per", "CHELSEA", dossier.PER, 1),
	}
	full := Canonicalize(all)
	for _, tc := range []struct {
		changed []string
		want    map[string]string
	}{
		{nil, map[string]string{}},
		{[]string{"blair"}, map[string]string{"blair": "tony"}},
		{[]string{"cherie"}, map[string]string{"blair": "tony"}},                   // a candidate of Blair changed
		{[]string{"bbc-long"}, map[string]string{"bbc": "bbc-long"}},               // by initials
		{[]string{"chelsea-org"}, map[string]string{"chelsea-per": "chelsea-org"}}, // same name, other type
		{[]string{"tony", "gordon", "bbc", "chelsea-per"}, full},
	} {
		changed := map[string]bool{}
		for _, id := range tc.changed {
			changed[id] = true
		}
		got := CanonicalizeAround(all, func(id string) bool { return changed[id] })
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("changed %v: got %v, want %v", tc.changed, got, tc.want)
		}
		for from, to := range got {
			if full[from] != to {
				t.Errorf("changed %v: %s -> %s, the full pass says %q", tc.changed, from, to, full[from])
			}
		}
	}
}

// TestFoldKey checks that words have equal keys exactly when
// strings.EqualFold says they are equal.
func TestFoldKey(t *testing.T) {
	words := []string{"blair", "Blair", "BLAIR", "straße", "STRASSE", "Straße", "kelvin", "\u212aelvin", "KELVIN",
		"ǆemal", "ǅemal", "Ǆemal", "σίσυφος", "ΣΊΣΥΦΟΣ", "σίσυφοσ", "İstanbul", "istanbul", "ı", "I", "i", ""}
	for _, a := range words {
		for _, b := range words {
			if eq, same := strings.EqualFold(a, b), foldKey(a) == foldKey(b); eq != same {
				t.Errorf("%q %q: EqualFold %v, equal keys %v", a, b, eq, same)
			}
		}
	}
}
