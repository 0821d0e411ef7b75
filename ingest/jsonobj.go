package ingest

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/extract"
)

// derived names fields that dossier computes itself (as in the output of
// `dossier extract`); they are dropped from input rather than kept as Meta.
var derived = map[string]bool{
	"paragraphs": true, "entities": true, "quotes": true, "figures": true, "dates": true,
	"content_hash": true, "simhash": true, "duplicate_of": true, "story_id": true, "fetched": true,
}

// articleFromObject maps a decoded JSON object to an article.
func articleFromObject(obj map[string]json.RawMessage) (dossier.Article, error) {
	var a dossier.Article
	var err error
	// take fills dst from the first of names present; a malformed primary
	// field (names[0]) fails the record, a malformed alias stays in Meta.
	take := func(dst *string, names ...string) {
		for i, name := range names {
			raw, ok := obj[name]
			if !ok || *dst != "" || err != nil {
				continue
			}
			s, ferr := jsonString(name, raw)
			if ferr != nil {
				if i == 0 {
					err = ferr
				}
				continue
			}
			delete(obj, name)
			*dst = s
		}
	}
	take(&a.ID, "id")
	take(&a.Title, "title", "headline")
	take(&a.Text, "text", "body", "content")
	take(&a.URL, "url", "link")
	take(&a.Source, "source")
	take(&a.Topic, "topic")
	take(&a.Byline, "byline", "author", "authors")
	take(&a.Language, "language", "lang")
	take(&a.Site, "site")
	take(&a.Description, "description")
	if err != nil {
		return a, err
	}
	// Dates: an unrecognised form leaves the field in Meta rather than
	// failing the article.
	takeTime := func(dst *time.Time, names ...string) {
		for _, name := range names {
			raw, ok := obj[name]
			if !ok || !dst.IsZero() {
				continue
			}
			s, ferr := jsonString(name, raw)
			if ferr != nil || s == "" {
				continue
			}
			if t, perr := ParseTime(s); perr == nil {
				*dst = t
				delete(obj, name)
			}
		}
	}
	takeTime(&a.Published, "published", "date", "published_at")
	takeTime(&a.Modified, "modified", "updated")
	if strings.TrimSpace(a.Text) == "" {
		return a, dossier.Errorf(dossier.EINVALID, "article has no text (field \"text\" is missing or empty)")
	}
	if raw, ok := obj["meta"]; ok {
		var m map[string]json.RawMessage
		if json.Unmarshal(raw, &m) == nil {
			delete(obj, "meta")
			for k, v := range m {
				if _, dup := obj[k]; !dup {
					obj[k] = v
				}
			}
		}
	}
	for k := range obj {
		if derived[k] {
			delete(obj, k)
		}
	}
	if len(obj) > 0 {
		a.Meta = obj
	}
	a.Paragraphs = extract.Paragraphs(a.Text)
	return a, nil
}

// jsonString decodes a string field; numbers are accepted as their text
// (ids are often numeric), arrays of strings are joined with ", "
// (author lists), null is empty.
func jsonString(name string, raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	switch raw[0] {
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", dossier.Errorf(dossier.EINVALID, "field %s: %v", name, err)
		}
		return s, nil
	case '[':
		var list []string
		if err := json.Unmarshal(raw, &list); err != nil {
			return "", dossier.Errorf(dossier.EINVALID, "field %s: want a string or a list of strings", name)
		}
		return strings.Join(list, ", "), nil
	default:
		if _, err := strconv.ParseFloat(string(raw), 64); err == nil {
			return string(raw), nil
		}
		return "", dossier.Errorf(dossier.EINVALID, "field %s: want a string, got %s", name, preview(raw))
	}
}

// ParseTime parses a publication date: RFC 3339, YYYY-MM-DD, RFC 1123/822
// (as in RSS), common written forms ("May 16, 2024") or Unix seconds.
// Times without a zone are UTC. See extract.ParseTime.
func ParseTime(s string) (time.Time, error) {
	return extract.ParseTime(s)
}
