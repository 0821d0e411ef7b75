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
// Organisations named by an acronym join the one organisation whose
// initials it spells. The function is pure; the caller relinks the store.
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
	for typ, idx := range byType {
		if typ != dossier.PER && typ != dossier.ORG {
			continue
		}
		for _, i := range idx {
			short := words[i]
			if len(short) == 0 {
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

// partOfName reports whether short names the person long does: one word
// of it, or its first and last words with middle names left out.
func partOfName(long, short []string) bool {
	if len(short) == 1 {
		for _, w := range long {
			if strings.EqualFold(w, short[0]) {
				return true
			}
		}
		return false
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
