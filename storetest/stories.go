package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/dossier/dossier"
)

// Stories runs the contract tests of dossier.StoryStore. open must return
// a new, empty store that implements it; Stories closes it.
func Stories(t *testing.T, open func(t *testing.T) dossier.Store) {
	t.Run("Stories", func(t *testing.T) {
		s := open(t)
		defer s.Close()
		testStories(t, s)
	})
}

func testStories(t *testing.T, s dossier.Store) {
	ss, ok := s.(dossier.StoryStore)
	if !ok {
		t.Skip("store does not implement dossier.StoryStore")
	}
	day := time.Date(2024, 5, 16, 0, 0, 0, 0, time.UTC)
	a := doc("s1", "Terminal delayed by storms", "Herald", "", day, "The ferry terminal will open late after storms damaged the quay.")
	b := doc("s2", "Storm damage delays terminal", "Courier", "", day, "Storm damage to the quay delays the ferry terminal, the port said.")
	c := doc("s3", "Terminal opening put back", "Gazette", "", day, "The port put back the ferry terminal opening after the storms.")
	d := doc("s4", "Copy: terminal delayed", "Wire", "", day, "The ferry terminal will open late after storms damaged the quay. Agency copy.")
	e := doc("s5", "Meteor shower lights up the sky", "Herald", "", day, "A bright meteor shower was seen over the port town on Sunday night.")
	a.StoryID, b.StoryID, c.StoryID, d.StoryID = "s1", "s1", "s1", "s1"
	d.DuplicateOf = "s1"
	put(t, s, a, b, c, d, e)

	info, err := ss.Stories(context.Background(), []string{"s1", "s2", "s4", "s5", "missing"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]dossier.StoryInfo{
		"s1": {ID: "s1", Articles: 3}, // the duplicate is not counted
		"s2": {ID: "s1", Articles: 3},
		"s4": {ID: "s1", Articles: 3},
		"s5": {ID: "s5", Articles: 1}, // no story id: a story of its own
	}
	if len(info) != len(want) {
		t.Errorf("Stories = %+v, want %+v", info, want)
	}
	for id, w := range want {
		if info[id] != w {
			t.Errorf("Stories[%s] = %+v, want %+v", id, info[id], w)
		}
	}

	// Search by story: one result for the three terminal articles.
	res, err := dossier.SearchStories(context.Background(), s, dossier.SearchQuery{Text: "terminal OR meteor"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 4 || len(res.Results) != 2 {
		t.Fatalf("SearchStories: total %d, results %+v", res.Total, res.Results)
	}
	var story, alone *dossier.SearchResult
	for i := range res.Results {
		switch res.Results[i].StoryID {
		case "s1":
			story = &res.Results[i]
		case "s5":
			alone = &res.Results[i]
		}
	}
	if story == nil || story.More != 2 || alone == nil || alone.More != 0 {
		t.Fatalf("SearchStories results: %+v", res.Results)
	}
	// Paging counts stories.
	page2, err := dossier.SearchStories(context.Background(), s, dossier.SearchQuery{Text: "terminal OR meteor", Limit: 1, Offset: 1})
	if err != nil || len(page2.Results) != 1 || page2.Results[0].ID != res.Results[1].ID {
		t.Fatalf("page 2: %+v, %v", page2, err)
	}
}
