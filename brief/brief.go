package brief

import (
	"time"

	"github.com/dossier/dossier"
)

// SchemaVersion names the JSON schema a Brief follows (docs/brief-schema.md).
// It changes only when a field is removed or its meaning changes.
const SchemaVersion = "dossier.brief/v1"

// Input is everything Build needs: the query, its search results and the
// matching articles loaded from the store.
type Input struct {
	Query    string                 // the query as the user typed it
	Total    int                    // all articles matching the query
	Results  []dossier.SearchResult // ranked results, best first
	Articles []*dossier.Article     // the articles of Results, any order
	Limit    int                    // items per section; 0 means 10
	Now      time.Time              // "generated at" time; zero omits it
}

// Brief is an analyst's summary of the articles matching a query. Every
// item carries Refs: the article and byte offsets it was taken from.
type Brief struct {
	Schema        string          `json:"schema"`                // SchemaVersion
	Query         string          `json:"query"`                 // the query briefed
	GeneratedAt   time.Time       `json:"generated_at,omitzero"` // when it was built; omitted in goldens
	Overview      Overview        `json:"overview"`              // counts, date range, sources
	People        []EntityItem    `json:"people"`                // PER entities, most mentioned first
	Organisations []EntityItem    `json:"organisations"`         // ORG entities
	Places        []EntityItem    `json:"places"`                // LOC entities
	Quotes        []SpeakerQuotes `json:"quotes"`                // who said what, by speaker
	Figures       []FigureGroup   `json:"figures"`               // key figures, grouped across articles
	Timeline      []Event         `json:"timeline"`              // dated events in order
	Pairs         []Pair          `json:"pairs"`                 // who appears with whom
	Coverage      Coverage        `json:"coverage"`              // articles over time
	Sources       []SourceCount   `json:"sources"`               // top sources
	Articles      []ArticleItem   `json:"articles"`              // top articles with snippets
	Names         []NameCount     `json:"names,omitempty"`       // frequent names, only when no entities are stored
	Notes         []string        `json:"notes,omitempty"`       // caveats about what the brief could not cover
}

// Overview counts what matched.
type Overview struct {
	Matches    int      `json:"matches"`        // all articles matching the query
	Analysed   int      `json:"analysed"`       // articles the brief was built from
	Stories    int      `json:"stories"`        // distinct stories among them (StoryID, else article)
	Duplicates int      `json:"duplicates"`     // analysed articles that copy another
	From       string   `json:"from,omitempty"` // earliest publication date, YYYY-MM-DD
	To         string   `json:"to,omitempty"`   // latest publication date, YYYY-MM-DD
	Undated    int      `json:"undated"`        // analysed articles without a publication date
	Sources    []string `json:"sources"`        // distinct sources, most articles first
}

// Ref points at the evidence for an item: a byte range of an article's Text.
type Ref struct {
	Article string `json:"article"` // article id
	Start   int    `json:"start"`   // byte offset into the article's text
	End     int    `json:"end"`     // half-open end offset
}

// EntityItem is one person, organisation or place across the articles.
type EntityItem struct {
	ID       string   `json:"id"`       // entity id
	Name     string   `json:"name"`     // canonical name
	Type     string   `json:"type"`     // PER, ORG, LOC or MISC
	Roles    []string `json:"roles"`    // roles, most frequent first
	Mentions int      `json:"mentions"` // mentions across the articles
	Articles int      `json:"articles"` // articles that mention it
	Refs     []Ref    `json:"refs"`     // first mention in each of the first articles
}

// SpeakerQuotes groups the quotations of one speaker.
type SpeakerQuotes struct {
	Speaker  string      `json:"speaker"`             // canonical name, or "unattributed"
	EntityID string      `json:"entity_id,omitempty"` // Entity.ID of the speaker
	Count    int         `json:"count"`               // all quotes of the speaker
	Quotes   []QuoteItem `json:"quotes"`              // the first of them
}

// QuoteItem is one quotation with where it comes from.
type QuoteItem struct {
	Text      string `json:"text"`           // quoted content
	Kind      string `json:"kind"`           // direct, partial or indirect
	ArticleID string `json:"article_id"`     // article it stands in
	Title     string `json:"title"`          // that article's title
	Date      string `json:"date,omitempty"` // its publication date, YYYY-MM-DD
	Ref       Ref    `json:"ref"`            // offsets of the content
}

// FigureGroup is one quantity as reported across articles. Figures are
// grouped by kind and unit when their values are approximately equal or
// when they describe the same thing (the same context noun).
type FigureGroup struct {
	Kind     string       `json:"kind"`              // money, percent, count...
	Unit     string       `json:"unit"`              // currency code, "%", counted noun
	Context  string       `json:"context,omitempty"` // the noun the quantity describes
	Articles int          `json:"articles"`          // distinct articles reporting it
	Differs  bool         `json:"differs"`           // the reported values disagree
	Reports  []FigureItem `json:"reports"`           // each report, side by side
}

// FigureItem is one report of a figure.
type FigureItem struct {
	Text      string  `json:"text"`             // as written
	Value     float64 `json:"value"`            // normalised value
	High      float64 `json:"high,omitempty"`   // upper bound of a range
	Period    string  `json:"period,omitempty"` // time it refers to
	Sentence  string  `json:"sentence"`         // the sentence it stands in
	ArticleID string  `json:"article_id"`       // article it stands in
	Title     string  `json:"title"`            // that article's title
	Ref       Ref     `json:"ref"`              // offsets of the figure
}

// Event is one dated item of the timeline: a publication or a date the
// text mentions.
type Event struct {
	Date      string `json:"date"`       // ISO date: YYYY, YYYY-MM or YYYY-MM-DD
	Kind      string `json:"kind"`       // "published" or "mentioned"
	Text      string `json:"text"`       // title, or the sentence that mentions the date
	ArticleID string `json:"article_id"` // article it comes from
	Title     string `json:"title"`      // that article's title
	Ref       Ref    `json:"ref"`        // offsets of the date expression (0,0 for publications)
}

// Pair is two entities that appear together.
type Pair struct {
	A         string `json:"a"`         // first name (alphabetical)
	AType     string `json:"a_type"`    // its type
	B         string `json:"b"`         // second name
	BType     string `json:"b_type"`    // its type
	Sentences int    `json:"sentences"` // sentences naming both
	Articles  int    `json:"articles"`  // articles naming both
	Refs      []Ref  `json:"refs"`      // the first sentences naming both
}

// Coverage counts dated articles per bucket of time.
type Coverage struct {
	Bucket string          `json:"bucket"` // "day", "week", "month" or "" when no article is dated
	Points []CoveragePoint `json:"points"` // every bucket from first to last, zeros included
}

// CoveragePoint is one bucket of coverage.
type CoveragePoint struct {
	Start string `json:"start"` // first day of the bucket, YYYY-MM-DD
	Count int    `json:"count"` // articles published in it
}

// SourceCount is a source with its number of articles.
type SourceCount struct {
	Source   string `json:"source"`
	Articles int    `json:"articles"`
}

// ArticleItem is one of the top articles.
type ArticleItem struct {
	ID        string  `json:"id"`
	Title     string  `json:"title"`
	Source    string  `json:"source,omitempty"`
	URL       string  `json:"url,omitempty"`
	Date      string  `json:"date,omitempty"` // publication date, YYYY-MM-DD
	Score     float64 `json:"score"`          // search score, higher is better
	Snippet   string  `json:"snippet"`        // matched terms wrapped in « and »
	StoryID   string  `json:"story_id,omitempty"`
	Duplicate string  `json:"duplicate_of,omitempty"`
}

// NameCount is a frequent capitalised name, found without entity
// extraction.
type NameCount struct {
	Name     string `json:"name"`
	Count    int    `json:"count"`    // occurrences across the articles
	Articles int    `json:"articles"` // articles that contain it
	Refs     []Ref  `json:"refs"`     // first occurrence in each of the first articles
}
