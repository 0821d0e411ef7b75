package entity

import (
	"strings"
	"unicode"

	"github.com/dossier/dossier"
)

// CanonicalizeAround is Canonicalize for a corpus where only some
// entities changed (new ones, or ones whose article counts changed, as
// after storing a few articles): it returns the merges Canonicalize
// (summaries) would return for every entity whose decision can depend on
// the changed ones, at the cost of running Canonicalize on those alone.
//
// Whether an entity joins another depends only on the names and article
// counts of the entities that could absorb it (longer names holding all its
// words, organisations whose initials it spells, or the same name under
// another type), and these share a name word or an acronym with it. So
// the entities sharing a word or an acronym with a changed one include
// every entity whose decision may have changed, together with everything
// their decisions read. Merges among the other entities are those
// Canonicalize found before the change (already applied when the caller
// relinks after every change), and are not returned.
func CanonicalizeAround(summaries []dossier.EntitySummary, changed func(id string) bool) map[string]string {
	return Canonicalize(Neighbours(summaries, changed))
}

// Neighbours returns, in their order, the summaries CanonicalizeAround
// decides over: those sharing a name word (as strings.EqualFold compares)
// or an acronym with a changed entity. A caller that lists names cheaply
// and counts articles only for some entities can call Neighbours on the
// names alone (only Name is read), count those, and call
// Canonicalize on them, in the order of the full list.
func Neighbours(summaries []dossier.EntitySummary, changed func(id string) bool) []dossier.EntitySummary {
	keys := map[string]bool{}
	for _, s := range summaries {
		if changed(s.ID) {
			for _, k := range linkKeys(s) {
				keys[k] = true
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	var near []dossier.EntitySummary
	for _, s := range summaries {
		for _, k := range linkKeys(s) {
			if keys[k] {
				near = append(near, s)
				break
			}
		}
	}
	return near
}

// linkKeys returns the keys by which Canonicalize may relate s to another
// entity: each name word, folded as strings.EqualFold compares, the
// lower-cased name, and the acronym it is or its initials spell.
func linkKeys(s dossier.EntitySummary) []string {
	words := strings.Fields(s.Name)
	out := make([]string, 0, len(words)+2)
	for _, w := range words {
		out = append(out, "w:"+foldKey(w))
	}
	if len(words) == 1 {
		out = append(out, "n:"+strings.ToLower(s.Name), "i:"+words[0])
	} else if in := initials(words); in != "" {
		out = append(out, "i:"+in)
	}
	return out
}

// foldKey maps every rune of w to the smallest rune of its case-folding
// orbit, so that two words are strings.EqualFold exactly when their keys
// are equal.
func foldKey(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		m := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < m {
				m = f
			}
		}
		b.WriteRune(m)
	}
	return b.String()
}
