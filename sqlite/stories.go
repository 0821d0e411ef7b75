package sqlite

import (
	"context"
	"fmt"

	"github.com/dossier/dossier"
)

// storyBatch bounds the ids looked up per query (SQLite's variable limit).
const storyBatch = 500

// Stories implements dossier.StoryStore: the story of each stored article
// among ids, with the number of original (non-duplicate) articles in it.
func (s *Store) Stories(ctx context.Context, ids []string) (map[string]dossier.StoryInfo, error) {
	out := make(map[string]dossier.StoryInfo, len(ids))
	for start := 0; start < len(ids); start += storyBatch {
		chunk := ids[start:min(len(ids), start+storyBatch)]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := s.db.QueryContext(ctx, `SELECT a.id, a.story_id,
			CASE WHEN a.story_id = '' THEN 1
			     ELSE (SELECT count(*) FROM articles b WHERE b.story_id = a.story_id AND b.duplicate_of = '') END
			FROM articles a WHERE a.id IN (`+placeholders(len(chunk))+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		for rows.Next() {
			var id, story string
			var n int
			if err := rows.Scan(&id, &story, &n); err != nil {
				rows.Close()
				return nil, fmt.Errorf("stories: %w", err)
			}
			if story == "" {
				story = id
			}
			out[id] = dossier.StoryInfo{ID: story, Articles: max(n, 1)}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
	}
	return out, nil
}
