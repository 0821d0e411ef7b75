package entity

import (
	"sort"
	"strings"

	"github.com/dossier/dossier"
)

// Canonicalize decides which corpus-level entities are short forms of
// another and returns a map from each such entity id to the id it should
// join. A person known by one word ("Putin") or by first and last name
// only ("George Bush" beside "George W Bush") joins the one longer name of
// the same type that contains it; when several longer names do, it joins
// the most-mentioned one only if that is named in at least three times as
// many articles as the next (otherwise it is ambiguous and stays apart).
// Inside one article Extract also joins a lone given name ("Xi"); here
// only surnames join, since a lone first word is often something else.
// Organisations named by an acronym join the one organisation whose
// initials it spells. A one-word person whose name the corpus knows in at
// least as many articles as an organisation or place ("Chelsea") joins
// that entity: the model sometimes takes a club or a company for a
// person. The function is pure; the caller relinks the store.
func Canonicalize(summaries []dossier.EntitySummary) map[string]string {
	out := map[string]string{}
	byType := map[string][]int{}
	for i, s := range summaries {
		byType[s.Type] = append(byType[s.Type], i)
	}
	words := make([][]string, len(summaries))
	for i, s := range summaries {
		words[i] = strings.Fields(s.Name)
	}
	// A one-word "person" that the corpus mostly knows as an organisation
	// or a place under the same name ("Chelsea", "Sony") is that.
	byName := map[string][]int{}
	for i, s := range summaries {
		byName[strings.ToLower(s.Name)] = append(byName[strings.ToLower(s.Name)], i)
	}
	for i, s := range summaries {
		if s.Type != dossier.PER || len(words[i]) != 1 {
			continue
		}
		if _, done := out[s.ID]; done {
			continue
		}
		best := -1
		for _, j := range byName[strings.ToLower(s.Name)] {
			if summaries[j].Type != dossier.PER && summaries[j].Articles >= s.Articles &&
				(best < 0 || summaries[j].Articles > summaries[best].Articles) {
				best = j
			}
		}
		if best >= 0 {
			out[s.ID] = summaries[best].ID
		}
	}
	for typ, idx := range byType {
		if typ != dossier.PER && typ != dossier.ORG {
			continue
		}
		for _, i := range idx {
			short := words[i]
			if _, done := out[summaries[i].ID]; done || len(short) == 0 {
				continue
			}
			var cands []int
			for _, j := range idx {
				if j == i || len(words[j]) <= len(short) {
					continue
				}
				if typ == dossier.PER && partOfName(words[j], short) ||
					typ == dossier.ORG && len(short) == 1 && isAcronym(short[0]) && initials(words[j]) == short[0] {
					cands = append(cands, j)
				}
			}
			if len(cands) == 0 {
				continue
			}
			sort.SliceStable(cands, func(x, y int) bool {
				return summaries[cands[x]].Articles > summaries[cands[y]].Articles
			})
			if len(cands) > 1 && summaries[cands[0]].Articles < 3*summaries[cands[1]].Articles {
				continue
			}
			out[summaries[i].ID] = summaries[cands[0]].ID
		}
	}
	// Follow chains so every value is a canonical id.
	for from, to := range out {
		seen := map[string]bool{from: true}
		for {
			next, ok := out[to]
			if !ok || seen[next] {
				break
			}
			seen[to] = true
			to = next
		}
		out[from] = to
	}
	return out
}

// partOfName reports whether short names the person long does: its last
// word, or its first and last words with middle names left out.
func partOfName(long, short []string) bool {
	if len(short) == 1 {
		// Across articles only the surname: a lone first word is as often
		// a company ("Sony" beside "Sony Ericsson") as a given name.
		return strings.EqualFold(long[len(long)-1], short[0])
	}
	if !strings.EqualFold(long[0], short[0]) || !strings.EqualFold(long[len(long)-1], short[len(short)-1]) {
		return false
	}
	k := 0
	for _, w := range long {
		if k < len(short) && strings.EqualFold(w, short[k]) {
			k++
		}
	}
	return k == len(short)
}
