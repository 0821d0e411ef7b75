package dossier

import (
	"encoding/json"
	"time"
)

// Article is one news document after cleaning, with everything extracted
// from it. Every offset in it is a half-open byte offset into Text.
type Article struct {
	ID          string    `json:"id"`                    // stable id: given id, canonical URL, or content hash
	Title       string    `json:"title"`                 // headline
	Topic       string    `json:"topic,omitempty"`       // topic label the article was saved under
	Byline      string    `json:"byline,omitempty"`      // author names only
	Published   time.Time `json:"published,omitzero"`    // publication time; zero when unknown
	Modified    time.Time `json:"modified,omitzero"`     // last modification; zero when unknown
	URL         string    `json:"url,omitempty"`         // canonical URL
	Source      string    `json:"source,omitempty"`      // publisher or collection name
	Site        string    `json:"site,omitempty"`        // site name from the page
	Description string    `json:"description,omitempty"` // summary from the page's metadata
	Language    string    `json:"language,omitempty"`    // ISO 639-1 code
	Text        string    `json:"text"`                  // clean body text, paragraphs joined by "\n\n"

	Paragraphs []Paragraph `json:"paragraphs"` // paragraph and subheading spans in Text
	Entities   []Entity    `json:"entities"`   // people, organisations, places, other names
	Quotes     []Quote     `json:"quotes"`     // quotations with their speakers
	Figures    []Figure    `json:"figures"`    // numbers with unit and context
	Dates      []Date      `json:"dates"`      // explicit and relative dates

	// Meta keeps input fields that have no place above (JSONL extras).
	Meta map[string]json.RawMessage `json:"meta,omitempty"`

	Fetched     time.Time `json:"fetched,omitzero"`       // when dossier collected it
	ContentHash string    `json:"content_hash,omitempty"` // hash of normalised title and text
	SimHash     uint64    `json:"simhash,omitempty"`      // near-duplicate fingerprint of Text
	DuplicateOf string    `json:"duplicate_of,omitempty"` // id of the original this copies
	StoryID     string    `json:"story_id,omitempty"`     // id of the story (event) it belongs to
}

// Paragraph is one block of Text: a body paragraph, or a subheading when
// Heading is set.
type Paragraph struct {
	Start   int  `json:"start"`
	End     int  `json:"end"`
	Heading bool `json:"heading"`
}

// Span is a piece of an article's Text with its byte offsets.
type Span struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Entity types, as in CoNLL-2003.
const (
	PER  = "PER"  // person
	ORG  = "ORG"  // organisation
	LOC  = "LOC"  // place
	MISC = "MISC" // other names (events, nationalities, works)
)

// Entity is one person, organisation, place or other named thing, with
// every mention of it in one article.
type Entity struct {
	ID       string   `json:"id"`                // stable id, derived from type and canonical name
	Name     string   `json:"name"`              // canonical name ("Vladimir Putin")
	Type     string   `json:"type"`              // PER, ORG, LOC or MISC
	Roles    []string `json:"roles"`             // titles and roles ("Russian President")
	Country  string   `json:"country,omitempty"` // ISO 3166-1 alpha-2 code, for places
	Region   string   `json:"region,omitempty"`  // first-level region, for places
	Lat      *float64 `json:"lat,omitempty"`     // latitude, for resolved places
	Lng      *float64 `json:"lng,omitempty"`     // longitude, for resolved places
	Mentions []Span   `json:"mentions"`          // every way the article names it
}

// Quote kinds.
const (
	QuoteDirect   = "direct"   // a full quotation in quotation marks
	QuotePartial  = "partial"  // a quoted fragment inside a sentence
	QuoteIndirect = "indirect" // reported speech ("said that ...")
)

// Quote is one quotation with its cue, source mention and resolved speaker.
type Quote struct {
	Text          string `json:"text"`           // the quoted content
	Start         int    `json:"start"`          // content start
	End           int    `json:"end"`            // content end
	Kind          string `json:"kind"`           // direct, partial or indirect
	Cue           *Span  `json:"cue"`            // the speech verb ("said", "according to")
	Source        *Span  `json:"source"`         // what the text names as speaker ("he")
	Speaker       string `json:"speaker"`        // canonical speaker name, "" if unknown
	SpeakerEntity string `json:"speaker_entity"` // Entity.ID of the speaker, "" if unknown
	// Parts lists the pieces of a quotation split by its attribution or
	// continued across sentences ("“A,” he said, “B.”"); Start and End then
	// span all of them and Text joins them with a space. Nil for one piece.
	Parts []Span `json:"parts,omitempty"`
}

// Figure kinds.
const (
	FigureMoney    = "money"
	FigurePercent  = "percent"
	FigureCount    = "count"
	FigureOrdinal  = "ordinal"
	FigureDuration = "duration"
	FigureRange    = "range"
	FigureNumber   = "number"
)

// Figure is one quantity mentioned in an article.
type Figure struct {
	Text       string  `json:"text"`           // as written ("$240 billion")
	Start      int     `json:"start"`          // span start
	End        int     `json:"end"`            // span end
	Kind       string  `json:"kind"`           // one of the Figure* kinds
	Value      float64 `json:"value"`          // normalised value (240000000000)
	High       float64 `json:"high,omitempty"` // upper bound, for ranges
	Unit       string  `json:"unit"`           // currency code, "%", counted noun, time unit
	Comparator string  `json:"comparator"`     // "", ">", "<", ">=", "<=" or "~"
	Period     string  `json:"period"`         // what time it refers to ("last year", "2020")
	Sentence   Span    `json:"sentence"`       // the sentence it stands in (Text omitted)
}

// Date is a date expression, resolved against the publication date where
// it is relative.
type Date struct {
	Text     string `json:"text"`     // as written ("last year")
	Start    int    `json:"start"`    // span start
	End      int    `json:"end"`      // span end
	Value    string `json:"value"`    // ISO form: "2024", "2024-05", "2024-05-16"; "" if unresolved
	Relative bool   `json:"relative"` // true for expressions like "tomorrow"
}
