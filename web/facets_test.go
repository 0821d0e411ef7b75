package web

import (
	"net/url"
	"testing"
	"time"

	"github.com/dossier/dossier"
)

func TestMonthFilter(t *testing.T) {
	for m, want := range map[string]string{
		"2024-05": "after:2024-05-01 before:2024-06-01",
		"2024-12": "after:2024-12-01 before:2025-01-01",
		"1999-12": "after:1999-12-01 before:2000-01-01",
	} {
		if got := monthFilter(m); got != want {
			t.Errorf("monthFilter(%s) = %q, want %q", m, got, want)
		}
		if _, err := dossier.ParseQuery(monthFilter(m)); err != nil {
			t.Errorf("monthFilter(%s) does not parse: %v", m, err)
		}
	}
}

func TestToggle(t *testing.T) {
	href, active := toggle("putin", `entity:"Xi Jinping"`)
	if active || href != "/search?q="+url.QueryEscape(`putin entity:"Xi Jinping"`) {
		t.Errorf("add: %s %v", href, active)
	}
	href, active = toggle(`putin entity:"Xi Jinping" china`, `entity:"Xi Jinping"`)
	if !active || href != "/search?q="+url.QueryEscape("putin china") {
		t.Errorf("remove: %s %v", href, active)
	}
}

func TestFacetsCountArticles(t *testing.T) {
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	arts := []*dossier.Article{
		{ID: "a", Source: "Wire", Published: day("2024-05-02"), Entities: []dossier.Entity{
			{Name: "Vladimir Putin", Type: dossier.PER}, {Name: "Vladimir Putin", Type: dossier.PER}, {Name: "Kremlin", Type: dossier.ORG}}},
		{ID: "b", Source: "Wire", Published: day("2024-06-09"), Entities: []dossier.Entity{{Name: "Vladimir Putin", Type: dossier.PER}, {Name: "Moscow", Type: dossier.LOC}}},
		{ID: "c", Source: "Daily"},
	}
	got := map[string][]facet{}
	for _, g := range facets("putin", arts) {
		got[g.Name] = g.Items
	}
	if p := got["People"]; len(p) != 1 || p[0].Label != "Vladimir Putin" || p[0].Count != 2 {
		t.Errorf("people = %+v (an entity listed twice in one article counts once)", p)
	}
	if s := got["Sources"]; len(s) != 2 || s[0].Label != "Wire" || s[0].Count != 2 {
		t.Errorf("sources = %+v", s)
	}
	if m := got["Months"]; len(m) != 2 || m[0].Label != "Jun 2024" || m[1].Label != "May 2024" || m[0].Count != 1 {
		t.Errorf("months = %+v (newest first, labelled)", m)
	}
	if o := got["Organisations"]; len(o) != 1 || o[0].Href != "/search?q="+url.QueryEscape(`putin entity:"Kremlin"`) {
		t.Errorf("organisations = %+v", o)
	}
}
