package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/nlp"
	"github.com/dossier/dossier/sqlite"
)

// entitiesDB stores two annotated articles.
func entitiesDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "entities.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a1 := nlp.Annotate(dossier.Article{ID: "a1", Title: "Talks", Text: "Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing. Putin smiled."})
	a2 := nlp.Annotate(dossier.Article{ID: "a2", Title: "Oil", Text: "Vladimir Putin spoke about oil in Moscow. Putin was pleased."})
	if _, err := st.PutArticles(context.Background(), []*dossier.Article{&a1, &a2}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestEntitiesCommand(t *testing.T) {
	db := entitiesDB(t)
	out, _, err := runCmd(t, "entities", "--db", db, "--type", "PER")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[1], "Vladimir Putin") || strings.Contains(out, "Beijing") {
		t.Errorf("unexpected listing:\n%s", out)
	}
	out, _, err = runCmd(t, "entities", "--db", db, "--json", "putin")
	if err != nil {
		t.Fatal(err)
	}
	var list []dossier.EntitySummary
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("bad JSON %v:\n%s", err, out)
	}
	if len(list) != 1 || list[0].ID != "per:vladimir-putin" || list[0].Articles != 2 || !entitiesHas(list[0].Aliases, "Putin") {
		t.Errorf("JSON listing = %+v", list)
	}
	if _, _, err := runCmd(t, "entities", "--db", db, "--type", "PERSON"); err == nil {
		t.Error("want an error for an unknown type")
	}
	if _, _, err := runCmd(t, "entities", "--db", filepath.Join(t.TempDir(), "none.db")); err == nil {
		t.Error("want an error for a missing database")
	}
}

func entitiesHas(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
