package entity

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/dossier/dossier"
)

type goldenEntity struct {
	Type     string   `json:"type"`
	Name     string   `json:"name"`
	Mentions []string `json:"mentions"`
	Roles    []string `json:"roles"`
	Country  string   `json:"country"`
	Region   string   `json:"region"`
}

type goldenArticle struct {
	ID        string         `json:"id"`
	Entities  []goldenEntity `json:"entities"`
	NotPeople []string       `json:"not_people"`
}

// TestBBCGolden checks Extract on BBC articles against hand-checked
// expectations in testdata/bbc_golden.json.
func TestBBCGolden(t *testing.T) {
	data, err := os.ReadFile("testdata/bbc_golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden struct {
		Articles []goldenArticle `json:"articles"`
	}
	if err := json.Unmarshal(data, &golden); err != nil {
		t.Fatalf("testdata/bbc_golden.json: %v", err)
	}
	byID := map[string]bbcArticle{}
	for _, a := range readBBC(t) {
		byID[a.ID] = a
	}
	for _, g := range golden.Articles {
		t.Run(g.ID, func(t *testing.T) {
			a, ok := byID[g.ID]
			if !ok {
				t.Fatalf("article %s not in the corpus", g.ID)
			}
			ents := Extract(a.Text, a.Title)
			checkOffsets(t, a.Text, ents)
			for _, want := range g.Entities {
				e := find(ents, want.Type, want.Name)
				if e == nil {
					t.Errorf("no %s %q", want.Type, want.Name)
					continue
				}
				for _, m := range want.Mentions {
					if !hasMention(e, m) {
						t.Errorf("%s lacks the mention %q (has %q)", want.Name, m, mentionTexts(e))
					}
				}
				for _, r := range want.Roles {
					if !contains(e.Roles, r) {
						t.Errorf("%s lacks the role %q (has %q)", want.Name, r, e.Roles)
					}
				}
				if want.Country != "" && e.Country != want.Country {
					t.Errorf("%s: country %q, want %q", want.Name, e.Country, want.Country)
				}
				if want.Region != "" && e.Region != want.Region {
					t.Errorf("%s: region %q, want %q", want.Name, e.Region, want.Region)
				}
			}
			for _, name := range g.NotPeople {
				if find(ents, dossier.PER, name) != nil {
					t.Errorf("%q taken for a person", name)
				}
			}
		})
	}
}
