package entity

import (
	"slices"
	"testing"
)

// TestTitleStopsAtDayAndConjunction checks that a weekday, month or
// conjunction before a title is not taken into the role.
func TestTitleStopsAtDayAndConjunction(t *testing.T) {
	text := "The talks ended late. On Tuesday Foreign Secretary Jack Straw said the deal was close. " +
		"And Chancellor Gordon Brown agreed with Straw on the matter."
	roles := map[string][]string{}
	for _, e := range Extract(text, "") {
		roles[e.Name] = e.Roles
	}
	if r := roles["Jack Straw"]; !slices.Contains(r, "Foreign Secretary") {
		t.Errorf("Jack Straw roles = %q, want Foreign Secretary", r)
	}
	if r := roles["Gordon Brown"]; !slices.Contains(r, "Chancellor") {
		t.Errorf("Gordon Brown roles = %q, want Chancellor", r)
	}
}
