package entity

import (
	"os"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/extract"
	"github.com/dossier/dossier/internal/shareddata"
)

func find(ents []dossier.Entity, typ, name string) *dossier.Entity {
	for i := range ents {
		if ents[i].Type == typ && ents[i].Name == name {
			return &ents[i]
		}
	}
	return nil
}

func mentionTexts(e *dossier.Entity) []string {
	var out []string
	for _, m := range e.Mentions {
		out = append(out, m.Text)
	}
	return out
}

func hasMention(e *dossier.Entity, text string) bool {
	for _, m := range e.Mentions {
		if m.Text == text {
			return true
		}
	}
	return false
}

// checkOffsets verifies that every mention's text is the text at its
// offsets.
func checkOffsets(t *testing.T, text string, ents []dossier.Entity) {
	t.Helper()
	for _, e := range ents {
		for _, m := range e.Mentions {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End || text[m.Start:m.End] != m.Text {
				t.Errorf("%s: mention %+v does not match the text", e.ID, m)
			}
		}
	}
}

func TestSeedArticle(t *testing.T) {
	data, err := os.ReadFile(shareddata.Seed(t))
	if err != nil {
		t.Fatal(err)
	}
	art, err := extract.Text(data)
	if err != nil {
		t.Fatal(err)
	}
	ents := Extract(art.Text, art.Title)
	checkOffsets(t, art.Text, ents)

	putin := find(ents, dossier.PER, "Vladimir Putin")
	if putin == nil {
		t.Fatalf("no Vladimir Putin among %v", ents)
	}
	for _, m := range []string{"Putin", "the Russian leader", "Vladimir Putin"} {
		if !hasMention(putin, m) {
			t.Errorf("Vladimir Putin lacks the mention %q (has %q)", m, mentionTexts(putin))
		}
	}
	if putin.ID != "per:vladimir-putin" || !contains(putin.Roles, "Russian President") {
		t.Errorf("Putin: id %q roles %q", putin.ID, putin.Roles)
	}
	xi := find(ents, dossier.PER, "Xi Jinping")
	if xi == nil {
		t.Fatal("no Xi Jinping")
	}
	for _, m := range []string{"Xi", "the Chinese leader", "Xi Jinping"} {
		if !hasMention(xi, m) {
			t.Errorf("Xi Jinping lacks the mention %q (has %q)", m, mentionTexts(xi))
		}
	}
	ushakov := find(ents, dossier.PER, "Yuri Ushakov")
	if ushakov == nil {
		t.Fatal("no Yuri Ushakov")
	}
	if !contains(ushakov.Roles, "assistant for international relations") {
		t.Errorf("Ushakov roles %q", ushakov.Roles)
	}
	for _, name := range []string{"Beijing", "Harbin", "Heilongjiang", "Moscow", "China", "Russia", "Ukraine"} {
		if find(ents, dossier.LOC, name) == nil {
			t.Errorf("no LOC %s", name)
		}
	}
	for _, name := range []string{"TASS", "UN", "APEC", "G20"} {
		if find(ents, dossier.ORG, name) == nil {
			t.Errorf("no ORG %s", name)
		}
	}
	if h := find(ents, dossier.LOC, "Harbin"); h != nil && (h.Country != "CN" || h.Region != "Heilongjiang" || h.Lat == nil) {
		t.Errorf("Harbin resolved to %s/%s", h.Country, h.Region)
	}
	if m := find(ents, dossier.LOC, "Moscow"); m != nil && m.Country != "RU" {
		t.Errorf("Moscow resolved to %s", m.Country)
	}
	people := 0
	for _, e := range ents {
		if e.Type == dossier.PER {
			people++
			for _, bad := range []string{"Ceremonial", "Welcome", "Leave", "Reply", "Joint"} {
				if strings.Contains(e.Name, bad) {
					t.Errorf("heading or phrase taken for a person: %q", e.Name)
				}
			}
		}
	}
	if people != 3 {
		t.Errorf("%d people, want 3 (Putin, Xi, Ushakov)", people)
	}
}

func TestResolutionRules(t *testing.T) {
	text := "Russian President Vladimir Putin met German Chancellor Olaf Scholz in Berlin on Monday.\n\n" +
		"Putin said the talks were useful. The German leader disagreed, and Scholz left early.\n\n" +
		"Maria Zakharova, the Russian foreign ministry spokeswoman, said later that the Russian leader would return."
	ents := Extract(text, "")
	checkOffsets(t, text, ents)
	putin := find(ents, dossier.PER, "Vladimir Putin")
	scholz := find(ents, dossier.PER, "Olaf Scholz")
	if putin == nil || scholz == nil {
		t.Fatalf("missing people in %+v", ents)
	}
	if !hasMention(putin, "Putin") || !hasMention(putin, "the Russian leader") {
		t.Errorf("Putin mentions %q", mentionTexts(putin))
	}
	if !hasMention(scholz, "Scholz") || !hasMention(scholz, "The German leader") {
		t.Errorf("Scholz mentions %q", mentionTexts(scholz))
	}
	if !contains(scholz.Roles, "German Chancellor") {
		t.Errorf("Scholz roles %q", scholz.Roles)
	}
	if z := find(ents, dossier.PER, "Maria Zakharova"); z == nil || !contains(z.Roles, "Russian foreign ministry spokeswoman") {
		t.Errorf("Zakharova: %+v", z)
	}
	if b := find(ents, dossier.LOC, "Berlin"); b == nil || b.Country != "DE" {
		t.Errorf("Berlin: %+v", b)
	}
}

func TestExtractEdgeCases(t *testing.T) {
	for _, text := range []string{"", "   \n\n ", "no names here at all.", "“”—’", strings.Repeat("A ", 1000)} {
		ents := Extract(text, "")
		checkOffsets(t, text, ents)
	}
}

func TestID(t *testing.T) {
	cases := map[[2]string]string{
		{"PER", "Vladimir Putin"}:   "per:vladimir-putin",
		{"ORG", "People’s Palace"}:  "org:peoples-palace",
		{"LOC", "São Paulo"}:        "loc:são-paulo",
		{"ORG", "U.S. Army"}:        "org:us-army",
		{"MISC", " G20 -- Summit "}: "misc:g20-summit",
	}
	for in, want := range cases {
		if got := ID(in[0], in[1]); got != want {
			t.Errorf("ID(%q, %q) = %q, want %q", in[0], in[1], got, want)
		}
	}
}

func TestPersonBefore(t *testing.T) {
	ents := []dossier.Entity{
		{ID: "per:a", Type: dossier.PER, Mentions: []dossier.Span{{Start: 0, End: 5}, {Start: 40, End: 45}}},
		{ID: "loc:x", Type: dossier.LOC, Mentions: []dossier.Span{{Start: 50, End: 55}}},
		{ID: "per:b", Type: dossier.PER, Mentions: []dossier.Span{{Start: 20, End: 25}}},
	}
	for pos, want := range map[int]int{3: -1, 10: 0, 30: 2, 46: 0, 60: 0} {
		if got := PersonBefore(ents, pos); got != want {
			t.Errorf("PersonBefore(%d) = %d, want %d", pos, got, want)
		}
	}
}

func FuzzExtract(f *testing.F) {
	f.Add("Russian President Vladimir Putin met Xi Jinping in Beijing. The Russian leader smiled.", "")
	f.Add("his assistant, Yuri Ushakov, said", "t")
	f.Add("the UN , APEC , and G20", "")
	f.Fuzz(func(t *testing.T, text, title string) {
		checkOffsets(t, text, Extract(text, title))
	})
}

func TestJoinShortForms(t *testing.T) {
	text := "Prisoners at Guantanamo Bay were moved, the United Nations said on Monday.\n\n" +
		"The UN wants Guantanamo closed, a UN official said."
	ents := Extract(text, "")
	checkOffsets(t, text, ents)
	g := find(ents, dossier.LOC, "Guantanamo Bay")
	if g == nil || !hasMention(g, "Guantanamo") {
		t.Errorf("Guantanamo Bay: %+v (all %+v)", g, ents)
	}
	un := find(ents, dossier.ORG, "United Nations")
	if un == nil || !hasMention(un, "UN") || un.ID != "org:united-nations" {
		t.Errorf("United Nations: %+v (all %+v)", un, ents)
	}
}
