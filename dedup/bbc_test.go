package dedup

import (
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/shareddata"
)

var showPairs = flag.Bool("pairs", false, "print the near-duplicate pairs beyond exact body repeats, for checking by hand")

func loadBBC(tb testing.TB) []dossier.Article {
	tb.Helper()
	var out []dossier.Article
	for _, r := range shareddata.BBC(tb) {
		out = append(out, dossier.Article{ID: r.ID, Title: r.Title, Text: r.Text, Source: r.Source})
	}
	return out
}

// TestBBCDuplicates feeds the BBC corpus to an index in id order and checks
// that the 98 exact repeats listed in duplicates.tsv and the 35 articles
// that repeat an earlier body under another title are all linked to their
// original.
func TestBBCDuplicates(t *testing.T) {
	arts := loadBBC(t)
	if len(arts) != 2225 {
		t.Fatalf("%d articles, want 2225", len(arts))
	}
	listed := map[string]string{}
	data, err := os.ReadFile(shareddata.Path(t, "data", "news-corpus", "duplicates.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		f := strings.Split(line, "\t")
		if len(f) == 2 && f[0] != "id" {
			listed[f[0]] = f[1]
		}
	}
	if len(listed) != 98 {
		t.Fatalf("duplicates.tsv lists %d, want 98", len(listed))
	}

	ix := New(Options{})
	firstByText := map[string]string{}
	titleOf := map[string]string{}
	var sameTitle, newTitle, found, missed int
	results := map[string]Result{}
	for i := range arts {
		a := &arts[i]
		r := ix.Add(a)
		results[a.ID] = r
		titleOf[a.ID] = a.Title
		first, repeated := firstByText[a.Text]
		if !repeated {
			firstByText[a.Text] = a.ID
			continue
		}
		if titleOf[first] == a.Title {
			sameTitle++
		} else {
			newTitle++
		}
		if r.DuplicateOf == first && r.Exact {
			found++
		} else {
			missed++
			t.Errorf("%s repeats the body of %s but got DuplicateOf=%q exact=%v", a.ID, first, r.DuplicateOf, r.Exact)
		}
	}
	if sameTitle != 98 || newTitle != 35 {
		t.Errorf("corpus has %d exact and %d new-title repeats, want 98 and 35", sameTitle, newTitle)
	}
	for id, orig := range listed {
		if results[id].DuplicateOf != orig {
			t.Errorf("listed duplicate %s of %s: got DuplicateOf=%q", id, orig, results[id].DuplicateOf)
		}
	}
	t.Logf("body repeats: %d found, %d missed (%d same title, %d new title)", found, missed, sameTitle, newTitle)

	// Near-duplicates beyond exact body repeats, for precision checks by hand.
	near := 0
	byID := map[string]*dossier.Article{}
	for i := range arts {
		byID[arts[i].ID] = &arts[i]
	}
	for i := range arts {
		a := &arts[i]
		r := results[a.ID]
		if r.DuplicateOf == "" || r.Exact {
			continue
		}
		near++
		if *showPairs {
			o := byID[r.DuplicateOf]
			t.Logf("NEAR %.2f %s <- %s\n  A: %s | %.300s\n  B: %s | %.300s", r.Similarity, o.ID, a.ID, o.Title, o.Text, a.Title, a.Text)
		}
	}
	t.Logf("near-duplicates beyond exact body repeats: %d", near)

	// Pairs checked by hand: re-publications with edits must be linked;
	// different reports of one event must not.
	for dup, orig := range map[string]string{
		"bbc-tech-294":     "bbc-tech-155",     // one word added
		"bbc-politics-313": "bbc-politics-043", // one paragraph added
		"bbc-sport-433":    "bbc-sport-425",    // new headline, edited sentence
		"bbc-politics-337": "bbc-politics-088", // half the paragraphs rewritten
		"bbc-business-447": "bbc-business-254", // spelling changes, a cut sentence
	} {
		if r := results[dup]; r.DuplicateOf != orig || r.Exact {
			t.Errorf("%s re-publishes %s with edits: got %+v", dup, orig, r)
		}
	}
	for _, id := range []string{"bbc-politics-328", "bbc-politics-338", "bbc-tech-190", "bbc-business-152"} {
		if r := results[id]; r.DuplicateOf != "" {
			t.Errorf("%s is a different report, not a copy: got %+v", id, r)
		}
	}

	// Stories: a weak automatic check is that a story's articles share
	// their BBC category (sport, politics...); the corpus has no dates, so
	// the time window does not help here.
	cats := map[string]map[string]bool{}
	size := map[string]int{}
	for i := range arts {
		r := results[arts[i].ID]
		if r.DuplicateOf != "" {
			continue
		}
		if cats[r.StoryID] == nil {
			cats[r.StoryID] = map[string]bool{}
		}
		cats[r.StoryID][strings.Split(arts[i].ID, "-")[1]] = true
		size[r.StoryID]++
	}
	multi, pure := 0, 0
	for id, n := range size {
		if n > 1 {
			multi++
			if len(cats[id]) == 1 {
				pure++
			}
		}
	}
	t.Logf("stories: %d for %d originals; %d with more than one article, %d of them within one category", len(size), len(arts)-sameTitle-newTitle-near, multi, pure)
	if multi < 50 || float64(pure) < 0.9*float64(multi) {
		t.Errorf("stories: %d multi-article stories, %d within one category", multi, pure)
	}
}

var showStories = flag.Int("stories", 0, "print this many multi-article stories (titles), for checking by hand")

func TestBBCStoriesSample(t *testing.T) {
	if *showStories == 0 {
		t.Skip("run with -stories N to print a sample of stories")
	}
	arts := loadBBC(t)
	ix := New(Options{})
	members := map[string][]string{}
	var order []string
	for i := range arts {
		r := ix.Add(&arts[i])
		if r.DuplicateOf != "" {
			continue
		}
		if _, ok := members[r.StoryID]; !ok {
			order = append(order, r.StoryID)
		}
		members[r.StoryID] = append(members[r.StoryID], arts[i].ID+" "+arts[i].Title)
	}
	shown := 0
	for i, id := range order {
		if len(members[id]) < 2 || i%3 != 0 {
			continue
		}
		t.Logf("STORY %s\n    %s", id, strings.Join(members[id], "\n    "))
		if shown++; shown >= *showStories {
			break
		}
	}
}
