package brief

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier"
)

// nameStop are capitalised words that start sentences or titles without
// being names.
var nameStop = setOf(`The A An And But Or If In On At By For From To Of With As It Its This That These Those
He She They We I You His Her Their Our My Your There Here When Where What Who Why How While After Before
Mr Mrs Ms Dr Sir Lord Lady Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
April May June July August September October November December Today Tomorrow Yesterday Also However
Earlier Later Meanwhile Subsequently Since Then Now Some Many Most All Both Each Every One Two Three
Last Next Such Other Another Not No Yes Only Even Still Yet So Although Though Despite Instead`)

// names finds the most frequent capitalised names (runs of capitalised
// words) across the articles, as a fallback when no entities are stored.
// A lone capitalised word at the start of a sentence is not counted.
func names(arts []*dossier.Article, limit int) []NameCount {
	byName := map[string]*NameCount{}
	var order []string
	for _, a := range arts {
		if a.DuplicateOf != "" {
			continue
		}
		inArticle := map[string]bool{}
		text := a.Text
		i := 0
		sentenceStart := true
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !unicode.IsLetter(r) {
				if r == '.' || r == '!' || r == '?' || r == '\n' || r == '"' || r == '“' {
					sentenceStart = true
				}
				i += n
				continue
			}
			// Read a run of capitalised words separated by single spaces.
			start, end, words := i, i, 0
			j := i
			for j < len(text) {
				w := wordAt(text, j)
				if w == "" {
					break
				}
				first, _ := utf8.DecodeRuneInString(w)
				if !unicode.IsUpper(first) || (nameStop[strings.TrimSuffix(w, "'s")] && words == 0) {
					break
				}
				if nameStop[w] && words > 0 {
					break
				}
				words++
				end = j + len(strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s"))
				j += len(w)
				if j < len(text) && text[j] == ' ' && j+1 < len(text) {
					nr, _ := utf8.DecodeRuneInString(text[j+1:])
					if unicode.IsUpper(nr) {
						j++
						continue
					}
				}
				break
			}
			if words == 0 {
				i += len(wordAt(text, i)) + boolInt(wordAt(text, i) == "")
				sentenceStart = false
				continue
			}
			name := text[start:end]
			if !(sentenceStart && words == 1) && utf8.RuneCountInString(name) > 1 {
				nc := byName[name]
				if nc == nil {
					nc = &NameCount{Name: name, Refs: []Ref{}}
					byName[name] = nc
					order = append(order, name)
				}
				nc.Count++
				if !inArticle[name] {
					inArticle[name] = true
					nc.Articles++
					if len(nc.Refs) < maxRefs {
						nc.Refs = append(nc.Refs, Ref{a.ID, start, end})
					}
				}
			}
			sentenceStart = false
			i = max(j, i+1)
		}
	}
	out := make([]NameCount, 0, len(order))
	for _, n := range order {
		out = append(out, *byName[n])
	}
	slices.SortFunc(out, func(x, y NameCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(y.Articles, x.Articles), strings.Compare(x.Name, y.Name))
	})
	return truncate(out, limit)
}

// wordAt returns the word (letters, digits, hyphens and apostrophes)
// starting at text[i].
func wordAt(text string, i int) string {
	j := i
	for j < len(text) {
		r, n := utf8.DecodeRuneInString(text[j:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || ((r == '-' || r == '\'' || r == '’') && j > i)) {
			break
		}
		j += n
	}
	return strings.TrimRight(text[i:j], "-'’")
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
