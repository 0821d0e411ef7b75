package postgres

import (
	"context"
	"fmt"

	"github.com/dossier/dossier"
)

// Stories implements dossier.StoryStore: the story of each stored article
// among ids, with the number of original (non-duplicate) articles in it.
func (s *Store) Stories(ctx context.Context, ids []string) (map[string]dossier.StoryInfo, error) {
	out := make(map[string]dossier.StoryInfo, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT a.id, a.story_id,
		CASE WHEN a.story_id = '' THEN 1
		     ELSE (SELECT count(*) FROM articles b WHERE b.story_id = a.story_id AND b.duplicate_of = '') END
		FROM articles a WHERE a.id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, story string
		var n int64
		if err := rows.Scan(&id, &story, &n); err != nil {
			return nil, fmt.Errorf("stories: %w", err)
		}
		if story == "" {
			story = id
		}
		out[id] = dossier.StoryInfo{ID: story, Articles: max(int(n), 1)}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("stories: %w", err)
	}
	return out, nil
}
