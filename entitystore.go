package dossier

import "context"

// EntityStore is implemented by stores that answer an entity page's
// questions directly (sqlite.Store does). It is optional: callers check
// for it and otherwise fall back to Entities, Search and Articles.
type EntityStore interface {
	// Entity returns one corpus-level entity by id.
	// Returns ENOTFOUND if no stored article mentions it.
	Entity(ctx context.Context, id string) (*EntitySummary, error)

	// EntityArticles returns the ids of up to limit non-duplicate
	// articles that mention the entity, newest first (undated last, then
	// by id), and how many such articles there are. A limit <= 0 means 100.
	EntityArticles(ctx context.Context, id string, limit int) (ids []string, total int, err error)
}
