package dossier

import (
	"context"
	"time"
)

// Store persists articles with their extracted items and answers queries
// over them. Implementations: sqlite.Store (the embedded default) and
// postgres.Store. Every implementation passes the contract suite in
// storetest.
type Store interface {
	// PutArticles stores articles and their extracted items in one
	// transaction. An article whose ID is stored with the same ContentHash
	// is left unchanged; one whose ContentHash equals that of another stored
	// article is recorded as a duplicate of it and not stored again.
	// Returns EINVALID if an article has an empty ID.
	PutArticles(ctx context.Context, articles []*Article) (PutStats, error)

	// Article returns one article with its extracted items.
	// Returns ENOTFOUND if no article has that id.
	Article(ctx context.Context, id string) (*Article, error)

	// Articles returns the articles with the given ids, in that order,
	// skipping ids that are not stored.
	Articles(ctx context.Context, ids []string) ([]*Article, error)

	// Search runs a query in the search language (see ParseQuery) and
	// returns ranked results with snippets.
	// Returns EINVALID if the query cannot be parsed.
	Search(ctx context.Context, q SearchQuery) (*SearchResults, error)

	// Entities lists corpus-level entities, most-mentioned first.
	Entities(ctx context.Context, f EntityFilter) ([]EntitySummary, error)

	// Quotes lists stored quotations, newest article first.
	Quotes(ctx context.Context, f QuoteFilter) ([]QuoteHit, error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)

	// Close releases the store's resources.
	Close() error
}

// PutStats counts the outcome of PutArticles.
type PutStats struct {
	New       int `json:"new"`       // articles stored for the first time
	Updated   int `json:"updated"`   // stored articles whose content changed
	Unchanged int `json:"unchanged"` // articles already stored as they are
	Duplicate int `json:"duplicate"` // exact copies of another stored article
}

// Add returns the sum of two PutStats.
func (s PutStats) Add(o PutStats) PutStats {
	return PutStats{s.New + o.New, s.Updated + o.Updated, s.Unchanged + o.Unchanged, s.Duplicate + o.Duplicate}
}

// SearchQuery asks for one page of search results.
type SearchQuery struct {
	Text   string // query in the search language
	Limit  int    // results per page; 0 means 10
	Offset int    // results to skip
}

// SearchResults is one page of ranked results.
type SearchResults struct {
	Total   int            `json:"total"`   // all matching articles
	Results []SearchResult `json:"results"` // this page, best first
}

// SearchResult is one matching article.
type SearchResult struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Source    string    `json:"source"`
	Published time.Time `json:"published,omitzero"`
	URL       string    `json:"url"`
	Score     float64   `json:"score"`   // higher is better
	Snippet   string    `json:"snippet"` // matched terms wrapped in « and »
}

// EntityFilter selects corpus-level entities.
type EntityFilter struct {
	Type  string // PER, ORG, LOC, MISC, or "" for all
	Query string // substring of the name or an alias, or "" for all
	Limit int    // 0 means 50
}

// EntitySummary is an entity across the whole corpus.
type EntitySummary struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Type     string   `json:"type"`
	Aliases  []string `json:"aliases"` // every distinct mention text
	Roles    []string `json:"roles"`   // roles seen in any article
	Country  string   `json:"country,omitempty"`
	Articles int      `json:"articles"` // articles that mention it
	Mentions int      `json:"mentions"` // mentions across those articles
}

// QuoteFilter selects stored quotations.
type QuoteFilter struct {
	Speaker string // canonical speaker name (case-insensitive substring), or ""
	Query   string // words the quote text must contain, or ""
	Limit   int    // 0 means 50
}

// QuoteHit is a quotation with the article it comes from.
type QuoteHit struct {
	Quote
	ArticleID    string    `json:"article_id"`
	ArticleTitle string    `json:"article_title"`
	Published    time.Time `json:"published,omitzero"`
}

// Stats counts what a store holds.
type Stats struct {
	Articles   int `json:"articles"`
	Duplicates int `json:"duplicates"`
	Entities   int `json:"entities"`
	Quotes     int `json:"quotes"`
	Figures    int `json:"figures"`
}
