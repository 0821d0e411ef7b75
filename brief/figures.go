package brief

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier"
)

// keyFigureKinds are the figure kinds worth a brief; bare numbers and
// ordinals say little without their sentence.
var keyFigureKinds = map[string]bool{
	dossier.FigureMoney: true, dossier.FigurePercent: true, dossier.FigureCount: true,
	dossier.FigureDuration: true, dossier.FigureRange: true,
}

// figures groups the figures of the articles: two figures of one kind and
// unit are the same quantity when their values are within 2% of each other,
// or when, in different articles, they describe the same context noun and
// are within 25% (then the group is marked Differs). Groups
// reported by most articles come first.
func figures(arts []*dossier.Article, limit int) []FigureGroup {
	type rep struct {
		item    FigureItem
		kind    string
		unit    string
		context string
		rank    int
	}
	var reps []rep
	for rank, a := range arts {
		if a.DuplicateOf != "" {
			continue
		}
		var sents []span
		for _, f := range a.Figures {
			if !keyFigureKinds[f.Kind] || !validSpan(a.Text, f.Start, f.End) {
				continue
			}
			var sentence string
			if validSpan(a.Text, f.Sentence.Start, f.Sentence.End) && f.Sentence.Start <= f.Start && f.End <= f.Sentence.End {
				sentence = a.Text[f.Sentence.Start:f.Sentence.End]
			} else {
				if sents == nil {
					sents = sentences(a.Text)
				}
				sentence = sentenceAt(a.Text, sents, f.Start)
			}
			before := sentence
			if i := strings.Index(sentence, a.Text[f.Start:f.End]); i >= 0 {
				before = sentence[:i]
			}
			reps = append(reps, rep{
				item: FigureItem{Text: f.Text, Value: f.Value, High: f.High, Period: f.Period, Sentence: sentence, // clipped when kept
					ArticleID: a.ID, Title: a.Title, Ref: Ref{a.ID, f.Start, f.End}},
				kind: f.Kind, unit: f.Unit, context: contextNoun(f.Kind, before), rank: rank,
			})
		}
	}
	// Union-find over the reports.
	parent := make([]int, len(reps))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	// Only figures of one kind and unit can be one quantity: compare within
	// those buckets.
	buckets := map[string][]int{}
	for i, x := range reps {
		k := x.kind + "\x00" + strings.ToLower(x.unit)
		buckets[k] = append(buckets[k], i)
	}
	for _, idx := range buckets {
		for a := range idx {
			for b := a + 1; b < len(idx); b++ {
				i, j := idx[a], idx[b]
				x, y := reps[i], reps[j]
				if approxEqual(x.item.Value, y.item.Value) ||
					(x.context != "" && x.context == y.context && x.item.ArticleID != y.item.ArticleID && near(x.item.Value, y.item.Value)) {
					parent[find(i)] = find(j)
				}
			}
		}
	}
	groups := map[int][]rep{}
	var roots []int
	for i := range reps {
		r := find(i)
		if _, ok := groups[r]; !ok {
			roots = append(roots, r)
		}
		groups[r] = append(groups[r], reps[i])
	}
	out := make([]FigureGroup, 0, len(roots))
	for _, r := range roots {
		rs := groups[r]
		slices.SortStableFunc(rs, func(x, y rep) int {
			return cmp.Or(cmp.Compare(x.rank, y.rank), cmp.Compare(x.item.Ref.Start, y.item.Ref.Start))
		})
		g := FigureGroup{Kind: rs[0].kind, Unit: rs[0].unit, Reports: []FigureItem{}}
		arts := map[string]bool{}
		ctx := map[string]int{}
		for _, x := range rs {
			arts[x.item.ArticleID] = true
			if x.context != "" {
				ctx[x.context]++
			}
			if !approxEqual(x.item.Value, rs[0].item.Value) {
				g.Differs = true
			}
			if len(g.Reports) < maxReports {
				x.item.Sentence = clip(x.item.Sentence, maxSentence)
				g.Reports = append(g.Reports, x.item)
			}
		}
		g.Articles = len(arts)
		if c := rankedKeys(ctx); len(c) > 0 && ctx[c[0]] > 1 {
			g.Context = c[0]
		} else if len(rs) == 1 || len(c) == 1 {
			g.Context = rs[0].context
		}
		out = append(out, g)
	}
	slices.SortStableFunc(out, func(x, y FigureGroup) int {
		return cmp.Or(cmp.Compare(y.Articles, x.Articles), cmp.Compare(len(y.Reports), len(x.Reports)),
			boolCmp(y.Differs, x.Differs), cmp.Compare(kindOrder(x.Kind), kindOrder(y.Kind)),
			cmp.Compare(y.Reports[0].Value, x.Reports[0].Value))
	})
	return truncate(out, limit)
}

func boolCmp(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func kindOrder(k string) int {
	return slices.Index([]string{dossier.FigureMoney, dossier.FigurePercent, dossier.FigureCount, dossier.FigureRange, dossier.FigureDuration}, k)
}

// near reports whether two values are within 25% of each other: close
// enough to be one quantity reported differently.
func near(a, b float64) bool {
	return math.Abs(a-b) <= 0.25*math.Max(math.Abs(a), math.Abs(b))
}

// approxEqual reports whether two values are within 2% of each other.
func approxEqual(a, b float64) bool {
	if a == b {
		return true
	}
	return math.Abs(a-b) <= 0.02*math.Max(math.Abs(a), math.Abs(b))
}

// contextStop are words that stand before figures without naming what
// they measure.
var contextStop = setOf(`a an the of to in on at by for from with and or but as is are was were be been
being has have had will would could should may might can said says say says about around nearly almost
over under more than less fewer least most some up down rose fell rise fall jumped dropped grew reached
record total totalling worth just only roughly approximately estimated some another which that this
these those its their his her our your my it they he she we you who whom whose what when where while
also still yet now then last year years month months week weeks day days per cent percent million
billion trillion bn m k new year-earlier compared against between among into onto upon after before
since until during through across record-breaking high low higher lower increase increased decrease
decreased by around some than just almost over fallen risen grown down hit cut put set seen worth valued
expected forecast forecasts`)

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// contextNoun returns the nearest word before a figure (within its
// sentence) that names what it measures: the last word of four letters or
// more that is not a function word, verb of change or number, lower-cased
// with a plural "s" removed; capitalised words (names) are skipped except
// at the start of the sentence. "Chinese-Russian trade last year reached a
// record" gives "trade", and so does "Trade between China and Russia hit".
// A count's unit is already its noun, so counts get none.
func contextNoun(kind, before string) string {
	if kind == dossier.FigureCount {
		return ""
	}
	words := strings.FieldsFunc(before, func(r rune) bool {
		return !(unicode.IsLetter(r) || r == '-' || r == '\'')
	})
	for i := len(words) - 1; i >= 0 && i >= len(words)-8; i-- {
		if r, _ := utf8.DecodeRuneInString(words[i]); unicode.IsUpper(r) && i > 0 {
			continue // a name (Russia, China) is not what a figure measures
		}
		w := strings.ToLower(strings.Trim(words[i], "-'"))
		if len(w) < 4 || contextStop[w] || strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ing") {
			continue
		}
		if i := strings.LastIndexByte(w, '-'); i >= 0 && i+1 < len(w) {
			w = w[i+1:]
		}
		if strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 4 {
			w = w[:len(w)-1]
		}
		return w
	}
	return ""
}
