package dossier

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"time"
	"unicode/utf8"
)

// Store persists articles with their extracted items and answers queries
// over them. Implementations: sqlite.Store (the embedded default) and
// postgres.Store. Every implementation passes the contract suite in
// storetest.
type Store interface {
	// PutArticles stores articles and their extracted items in one
	// transaction. An article whose ID is stored with the same ContentHash
	// is left unchanged; one whose ContentHash equals that of another stored
	// article is recorded as a duplicate of it and not stored again (and
	// putting it again counts as unchanged). An article whose content
	// changed replaces the stored one with all its extracted items. An
	// empty ContentHash is filled in by the store (a hash of Title and
	// Text). Articles with DuplicateOf set (near-duplicates) are stored but
	// not indexed for search. Either the whole batch is stored or none of
	// it. Returns EINVALID if an article is nil or has an empty ID.
	PutArticles(ctx context.Context, articles []*Article) (PutStats, error)

	// Article returns one article with its extracted items, exactly as
	// stored: times in UTC (kept to the microsecond at least), slices
	// empty rather than nil.
	// Returns ENOTFOUND if no article has that id (also for an exact
	// duplicate, whose message names the original).
	Article(ctx context.Context, id string) (*Article, error)

	// Articles returns the articles with the given ids, in that order,
	// skipping ids that are not stored.
	Articles(ctx context.Context, ids []string) ([]*Article, error)

	// Search runs a query in the search language (see ParseQuery) and
	// returns ranked results with snippets, over articles that are not
	// duplicates. Queries with fewer than LongQueryClauses significant
	// clauses require all of them, ranked by BM25 (title weighted); if
	// that matches nothing, or the query is longer (natural language),
	// documents matching any clause are returned, ranked by BM25 over the
	// terms present times the share of the clauses they match. A query with filters only lists matching articles newest
	// first. Returns EINVALID if the query cannot be parsed or Limit or
	// Offset is negative.
	Search(ctx context.Context, q SearchQuery) (*SearchResults, error)

	// Entities lists corpus-level entities (grouped by Entity.ID),
	// most-mentioned first.
	Entities(ctx context.Context, f EntityFilter) ([]EntitySummary, error)

	// Quotes lists stored quotations, newest article first.
	Quotes(ctx context.Context, f QuoteFilter) ([]QuoteHit, error)

	// Stats counts what is stored.
	Stats(ctx context.Context) (Stats, error)

	// ArticleIDs returns up to limit stored article ids that sort after
	// the given id (byte order), in ascending order; pass "" to start. It
	// pages through the whole corpus (for re-annotation or export) without
	// loading articles. Exact duplicates are not listed. A limit <= 0
	// means 1000.
	ArticleIDs(ctx context.Context, after string, limit int) ([]string, error)

	// RelinkEntities rewrites corpus entity ids: every stored entity (and
	// every quote's SpeakerEntity) whose ID is a key of ids takes the
	// mapped ID, in one transaction. It is how cross-article merges
	// ("Blair" -> "Tony Blair") are applied after the fact. Where an
	// article already holds an entity with the new ID, the two are merged
	// into that one (mentions and roles joined). Ids not stored are
	// ignored. Returns EINVALID if a key or value is empty or a value is
	// itself a key (chains must be resolved by the caller).
	RelinkEntities(ctx context.Context, ids map[string]string) error

	// Close releases the store's resources.
	Close() error
}

// Preparer is implemented by stores that can do part of the work of
// storing an article before PutArticles, in parallel: ingest calls
// Prepare from its worker goroutines for each article it will store.
// Preparing is optional, safe for concurrent use, and never changes what
// PutArticles stores; an article whose title or text changed after
// Prepare is simply prepared again.
type Preparer interface {
	Prepare(a *Article)
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
	Score     float64   `json:"score"`              // higher is better
	Snippet   string    `json:"snippet"`            // matched terms wrapped in « and »
	StoryID   string    `json:"story_id,omitempty"` // story it stands for (SearchStories only)
	More      int       `json:"more,omitempty"`     // other articles in that story (SearchStories only)
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
	Duplicates int `json:"duplicates"` // exact copies recorded, not stored
	Entities   int `json:"entities"`
	Quotes     int `json:"quotes"`
	Figures    int `json:"figures"`
}

// ValidateArticles checks a PutArticles batch before any write. It returns
// EINVALID if an article is nil or has an empty ID.
func ValidateArticles(articles []*Article) error {
	for i, a := range articles {
		if a == nil {
			return Errorf(EINVALID, "article %d of the batch is nil", i)
		}
		if a.ID == "" {
			return Errorf(EINVALID, "article %d of the batch (title %q) has an empty id", i, a.Title)
		}
	}
	return nil
}

// StoredContentHash returns a.ContentHash, or a SHA-256 of its title and
// text when it has none: what a store compares to find unchanged articles
// and exact duplicates.
func StoredContentHash(a *Article) string {
	if a.ContentHash != "" {
		return a.ContentHash
	}
	h := sha256.New()
	h.Write([]byte(a.Title))
	h.Write([]byte{0})
	h.Write([]byte(a.Text))
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// ValidateRelink checks a RelinkEntities map before any write. It returns
// EINVALID for an empty id or a chain (a -> b -> c), which must be given
// as a -> c.
func ValidateRelink(ids map[string]string) error {
	for old, nw := range ids {
		if old == "" || nw == "" {
			return Errorf(EINVALID, "relink entities: empty id in %q -> %q", old, nw)
		}
		if nw == old {
			continue
		}
		if next, ok := ids[nw]; ok && next != nw {
			return Errorf(EINVALID, "relink entities: %q -> %q -> %q is a chain; map %q to the final id", old, nw, next, old)
		}
	}
	return nil
}

// FingerprintStore is implemented by stores that keep, next to each
// article, the compact fingerprint a duplicate and story index needs
// (package dedup), so that the index can be reloaded without reading and
// re-tokenising every stored text. The fingerprint is opaque to the store.
type FingerprintStore interface {
	// DedupRecords returns up to limit stored articles whose ids sort
	// after the given id (byte order), in ascending order, exactly the
	// ids ArticleIDs lists, each with the fields a duplicate index reads
	// and the fingerprint stored for its current content hash: Fingerprint
	// is nil when none was stored or the article's content changed since.
	// Pass "" to start; a limit <= 0 means 1000.
	DedupRecords(ctx context.Context, after string, limit int) ([]DedupRecord, error)

	// PutFingerprints stores fingerprints, replacing any stored for the
	// same article id, in one transaction. A fingerprint whose article is
	// not stored (an exact duplicate, or an id never put) is ignored.
	// Returns EINVALID if an id, content hash or fingerprint is empty.
	PutFingerprints(ctx context.Context, fps []ArticleFingerprint) error
}

// DedupRecord is what a duplicate and story index needs of a stored
// article (see FingerprintStore).
type DedupRecord struct {
	ID          string
	ContentHash string
	Published   time.Time
	Fetched     time.Time
	DuplicateOf string
	StoryID     string
	Fingerprint []byte // nil when none is stored for ContentHash
}

// ArticleFingerprint is the fingerprint of an article's content, as the
// content hash says it was (see StoredContentHash).
type ArticleFingerprint struct {
	ID          string
	ContentHash string
	Fingerprint []byte
}

// ValidateFingerprints checks a PutFingerprints batch before any write. It
// returns EINVALID for an empty id, content hash or fingerprint.
func ValidateFingerprints(fps []ArticleFingerprint) error {
	for i, f := range fps {
		if f.ID == "" || f.ContentHash == "" || len(f.Fingerprint) == 0 {
			return Errorf(EINVALID, "fingerprint %d of the batch (id %q): empty id, content hash or fingerprint", i, f.ID)
		}
	}
	return nil
}

// EntityLister is implemented by stores that can list corpus entities
// cheaply for cross-article linking.
type EntityLister interface {
	// EntityNames returns, for each type in turn, what Entities returns
	// for EntityFilter{Type: typ} without a limit, in the same order, with
	// ID, Name, Type, Articles and Mentions only (Aliases and Roles empty,
	// Country ""). Returns EINVALID if a type is empty.
	EntityNames(ctx context.Context, types ...string) ([]EntitySummary, error)
}

// EntityLinkLister is implemented by stores that can list the names of
// corpus entities without reading every entity of every article, and
// count articles for a few of them: linking after a small ingest then
// costs little more than the entities it touches.
type EntityLinkLister interface {
	// EntityLinkNames returns every corpus entity with a stored entity of
	// type typ, in id order (byte order), with ID, Name and Type as
	// Entities describes them; Articles and Mentions are 0, Aliases and
	// Roles empty. Returns EINVALID if typ is empty.
	EntityLinkNames(ctx context.Context, typ string) ([]EntitySummary, error)

	// EntityCounts returns what EntityNames returns for typ, restricted
	// to the given ids (ids without a stored entity of that type are
	// left out), in the same order. Returns EINVALID if typ is empty.
	EntityCounts(ctx context.Context, typ string, ids []string) ([]EntitySummary, error)
}

// EntityRow is one stored entity of one article, as an EntityGrouper
// reads it.
type EntityRow struct {
	ID       string // corpus entity id
	Name     string
	Type     string
	Doc      int64 // the article's row, any value unique per article
	Mentions int
}

// EntityGrouper groups entity rows into corpus entities the way Entities
// describes them: Name the most frequent name of the entity (then the
// longest in characters, then the first in byte order), Type the most
// frequent type (then the first), and for a type filter the articles and
// mentions of the rows of that type. Stores implementing EntityLister feed
// it every entity row once. The zero value is ready to use.
type EntityGrouper struct {
	byID map[string]*entityGroup
}

type entityGroup struct {
	names map[string]int
	types map[string]int
	docs  map[string]map[int64]bool // type -> articles
	ments map[string]int            // type -> mentions
}

// Add adds one row.
func (g *EntityGrouper) Add(r EntityRow) {
	if g.byID == nil {
		g.byID = map[string]*entityGroup{}
	}
	e := g.byID[r.ID]
	if e == nil {
		e = &entityGroup{names: map[string]int{}, types: map[string]int{},
			docs: map[string]map[int64]bool{}, ments: map[string]int{}}
		g.byID[r.ID] = e
	}
	e.names[r.Name]++
	e.types[r.Type]++
	if e.docs[r.Type] == nil {
		e.docs[r.Type] = map[int64]bool{}
	}
	e.docs[r.Type][r.Doc] = true
	e.ments[r.Type] += r.Mentions
}

// Summaries returns the entities with rows of type typ, most-mentioned
// first, then by articles, then by id (byte order), with Aliases and
// Roles empty.
func (g *EntityGrouper) Summaries(typ string) []EntitySummary {
	out := []EntitySummary{}
	for id, e := range g.byID {
		docs := e.docs[typ]
		if len(docs) == 0 {
			continue
		}
		out = append(out, EntitySummary{ID: id, Name: e.name(), Type: e.typ(), Aliases: []string{}, Roles: []string{},
			Articles: len(docs), Mentions: e.ments[typ]})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Mentions != b.Mentions {
			return a.Mentions > b.Mentions
		}
		if a.Articles != b.Articles {
			return a.Articles > b.Articles
		}
		return a.ID < b.ID
	})
	return out
}

func (e *entityGroup) name() string { return PreferredName(e.names) }

func (e *entityGroup) typ() string { return PreferredType(e.types) }

// PreferredName returns the name a corpus entity goes by, given how many
// times each of its names occurs: the most frequent, then the longest in
// characters, then the first in byte order ("" for none).
func PreferredName(counts map[string]int) string {
	best, bestN, bestLen := "", -1, 0
	for name, n := range counts {
		l := utf8.RuneCountInString(name)
		if n > bestN || n == bestN && (l > bestLen || l == bestLen && name < best) {
			best, bestN, bestLen = name, n, l
		}
	}
	return best
}

// PreferredType returns a corpus entity's type, given how many times it
// was given each: the most frequent, then the first in byte order.
func PreferredType(counts map[string]int) string {
	best, bestN := "", -1
	for t, n := range counts {
		if n > bestN || n == bestN && t < best {
			best, bestN = t, n
		}
	}
	return best
}
