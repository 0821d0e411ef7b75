package dossier

import (
	"context"
)

// StoryInfo describes the story (the event) an article belongs to.
type StoryInfo struct {
	ID       string `json:"id"`       // story id; the article's own id when it stands alone
	Articles int    `json:"articles"` // stored original (non-duplicate) articles in the story
}

// StoryStore is implemented by stores that know which story each article
// belongs to (Article.StoryID, set by the dedup package). It is separate
// from Store so that a store without it still works: SearchStories then
// falls back to plain search.
type StoryStore interface {
	// Stories returns the story of each given article id that is stored.
	// An article without a story id is a story of its own (Articles 1).
	Stories(ctx context.Context, ids []string) (map[string]StoryInfo, error)
}

// minStoryScanPage is the least number of article results SearchStories
// reads per Search call while it gathers a page of stories; it reads twice
// the stories wanted when that is more, so a first page costs one search.
const minStoryScanPage = 20

// SearchStories runs q on st and shows one result per story: the best
// ranked article of each story stands for it, its More field counting the
// story's other articles ("N more like this") and StoryID naming it. Limit
// and Offset count stories. Total stays the number of matching articles.
// When st is not a StoryStore, it is st.Search.
func SearchStories(ctx context.Context, st Store, q SearchQuery) (*SearchResults, error) {
	ss, ok := st.(StoryStore)
	if !ok {
		return st.Search(ctx, q)
	}
	limit := q.Limit
	if limit == 0 {
		limit = 10
	}
	if limit < 0 || q.Offset < 0 {
		return st.Search(ctx, q) // the store reports the error
	}
	want := q.Offset + limit
	var stories []SearchResult
	seen := map[string]bool{}
	total := -1
	page := max(2*want, minStoryScanPage)
	for offset := 0; len(stories) < want; offset += page {
		res, err := st.Search(ctx, SearchQuery{Text: q.Text, Limit: page, Offset: offset})
		if err != nil {
			return nil, err
		}
		if total < 0 {
			total = res.Total
		}
		if len(res.Results) == 0 {
			break
		}
		ids := make([]string, len(res.Results))
		for i, r := range res.Results {
			ids[i] = r.ID
		}
		info, err := ss.Stories(ctx, ids)
		if err != nil {
			return nil, err
		}
		for _, r := range res.Results {
			s, ok := info[r.ID]
			if !ok || s.ID == "" {
				s = StoryInfo{ID: r.ID, Articles: 1}
			}
			if seen[s.ID] {
				continue
			}
			seen[s.ID] = true
			r.StoryID, r.More = s.ID, max(s.Articles-1, 0)
			stories = append(stories, r)
		}
		if offset+len(res.Results) >= res.Total {
			break
		}
	}
	out := &SearchResults{Total: max(total, 0), Results: []SearchResult{}}
	if q.Offset < len(stories) {
		out.Results = stories[q.Offset:min(len(stories), want)]
	}
	return out, nil
}
