package web

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/sqlite"
)

// TestSearchOneResultPerStory stores three articles of one story and one
// of another: the search page shows the best of the story once, with
// "2 more like this", and the other story on its own.
func TestSearchOneResultPerStory(t *testing.T) {
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "stories.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	mk := func(id, story, title, text string) *dossier.Article {
		return &dossier.Article{ID: id, StoryID: story, Title: title, Text: text, ContentHash: id,
			Paragraphs: []dossier.Paragraph{{Start: 0, End: len(text)}}}
	}
	arts := []*dossier.Article{
		mk("s1-a", "s1", "Lighthouse keeper retires", "The lighthouse keeper retired after forty years on the island."),
		mk("s1-b", "s1", "Island lighthouse keeper steps down", "After forty years the island's lighthouse keeper has stepped down."),
		mk("s1-c", "s1", "Farewell to the lighthouse keeper", "Villagers said farewell to the lighthouse keeper on Sunday."),
		mk("s2-a", "s2", "New lighthouse lens unveiled", "Engineers unveiled a new lens for the harbour lighthouse."),
	}
	if _, err := st.PutArticles(context.Background(), arts); err != nil {
		t.Fatal(err)
	}
	ts := newTestServer(t, st, Options{})
	r := get(t, ts.URL+"/search?q=lighthouse")
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	if n := strings.Count(r.body, `class="result"`); n != 2 {
		t.Errorf("%d results on the page, want 2 (one per story)", n)
	}
	if !strings.Contains(r.body, "+ 2 more like this") {
		t.Errorf("page lacks %q", "+ 2 more like this")
	}
}
