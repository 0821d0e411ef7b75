package brief

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/dossier/dossier"
)

const (
	maxRefs          = 5   // refs kept per entity, pair or name
	maxQuotesPerSpkr = 5   // quotes listed per speaker
	maxReports       = 6   // reports listed per figure group
	maxSentence      = 280 // bytes of context sentence kept
)

// Build summarises the articles of in into a Brief. It is deterministic:
// the same input always gives the same Brief (ties are broken by name or
// id), so briefs can be compared with golden files.
func Build(in Input) *Brief {
	limit := in.Limit
	if limit <= 0 {
		limit = 10
	}
	arts := orderArticles(in)
	b := &Brief{
		Schema:      SchemaVersion,
		Query:       in.Query,
		GeneratedAt: in.Now.UTC(),
	}
	if in.Now.IsZero() {
		b.GeneratedAt = time.Time{}
	}
	b.Overview = overview(in, arts)
	b.Sources = sources(arts, limit)
	b.People = entities(arts, dossier.PER, limit)
	b.Organisations = entities(arts, dossier.ORG, limit)
	b.Places = entities(arts, dossier.LOC, limit)
	b.Quotes = quotes(arts, limit)
	b.Figures = figures(arts, limit)
	b.Timeline = timeline(arts, 3*limit)
	b.Pairs = pairs(arts, limit)
	b.Coverage = coverage(arts)
	b.Articles = topArticles(in, arts, limit)
	if !hasEntities(arts) {
		b.Names = names(arts, limit)
		if len(arts) > 0 {
			b.Notes = append(b.Notes, "no entities are stored for these articles: people, organisations and places are replaced by the most frequent names")
		}
	}
	if b.Overview.Undated > 0 && b.Overview.Undated == b.Overview.Analysed {
		b.Notes = append(b.Notes, "no matching article has a publication date: coverage over time is empty")
	}
	if in.Total > len(arts) {
		b.Notes = append(b.Notes, "built from the top "+itoa(len(arts))+" of "+itoa(in.Total)+" matching articles")
	}
	return b
}

// orderArticles returns the articles in search-rank order (those not in
// the results last, by id), dropping nils and repeated ids.
func orderArticles(in Input) []*dossier.Article {
	rank := make(map[string]int, len(in.Results))
	for i, r := range in.Results {
		if _, ok := rank[r.ID]; !ok {
			rank[r.ID] = i
		}
	}
	seen := make(map[string]bool, len(in.Articles))
	out := make([]*dossier.Article, 0, len(in.Articles))
	for _, a := range in.Articles {
		if a == nil || seen[a.ID] {
			continue
		}
		seen[a.ID] = true
		out = append(out, a)
	}
	slices.SortStableFunc(out, func(x, y *dossier.Article) int {
		rx, okx := rank[x.ID]
		ry, oky := rank[y.ID]
		switch {
		case okx && oky:
			return cmp.Compare(rx, ry)
		case okx:
			return -1
		case oky:
			return 1
		}
		return strings.Compare(x.ID, y.ID)
	})
	return out
}

func overview(in Input, arts []*dossier.Article) Overview {
	o := Overview{Matches: max(in.Total, len(arts)), Analysed: len(arts), Sources: []string{}}
	stories := map[string]bool{}
	var from, to time.Time
	for _, a := range arts {
		if a.DuplicateOf != "" {
			o.Duplicates++
		} else {
			stories[cmp.Or(a.StoryID, a.ID)] = true
		}
		if a.Published.IsZero() {
			o.Undated++
			continue
		}
		p := a.Published.UTC()
		if from.IsZero() || p.Before(from) {
			from = p
		}
		if to.IsZero() || p.After(to) {
			to = p
		}
	}
	o.Stories = len(stories)
	if !from.IsZero() {
		o.From, o.To = day(from), day(to)
	}
	for _, s := range sources(arts, 0) {
		o.Sources = append(o.Sources, s.Source)
	}
	return o
}

func sources(arts []*dossier.Article, limit int) []SourceCount {
	counts := map[string]int{}
	for _, a := range arts {
		if a.DuplicateOf != "" {
			continue
		}
		counts[cmp.Or(strings.TrimSpace(a.Source), "unknown")]++
	}
	out := make([]SourceCount, 0, len(counts))
	for s, n := range counts {
		out = append(out, SourceCount{Source: s, Articles: n})
	}
	slices.SortFunc(out, func(x, y SourceCount) int {
		return cmp.Or(cmp.Compare(y.Articles, x.Articles), strings.Compare(x.Source, y.Source))
	})
	return truncate(out, limit)
}

func topArticles(in Input, arts []*dossier.Article, limit int) []ArticleItem {
	byID := make(map[string]*dossier.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	out := []ArticleItem{}
	for _, r := range in.Results {
		if len(out) == limit {
			break
		}
		it := ArticleItem{ID: r.ID, Title: r.Title, Source: r.Source, URL: r.URL, Score: round(r.Score, 4), Snippet: r.Snippet}
		if !r.Published.IsZero() {
			it.Date = day(r.Published)
		}
		if a := byID[r.ID]; a != nil {
			it.StoryID, it.Duplicate = a.StoryID, a.DuplicateOf
			if it.Snippet == "" {
				it.Snippet = lead(a.Text, 200)
			}
		}
		out = append(out, it)
	}
	if len(in.Results) == 0 { // no ranking: list the articles themselves
		for _, a := range arts {
			if len(out) == limit {
				break
			}
			it := ArticleItem{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Snippet: lead(a.Text, 200), StoryID: a.StoryID, Duplicate: a.DuplicateOf}
			if !a.Published.IsZero() {
				it.Date = day(a.Published)
			}
			out = append(out, it)
		}
	}
	return out
}

func hasEntities(arts []*dossier.Article) bool {
	for _, a := range arts {
		if len(a.Entities) > 0 {
			return true
		}
	}
	return false
}

// entities aggregates the entities of one type across articles, skipping
// duplicate articles so copies do not inflate counts.
func entities(arts []*dossier.Article, typ string, limit int) []EntityItem {
	type agg struct {
		item  EntityItem
		roles map[string]int
	}
	byKey := map[string]*agg{}
	var order []string
	for _, a := range arts {
		if a.DuplicateOf != "" {
			continue
		}
		for _, e := range a.Entities {
			if e.Type != typ || strings.TrimSpace(e.Name) == "" {
				continue
			}
			key := entityKey(e)
			g := byKey[key]
			if g == nil {
				g = &agg{item: EntityItem{ID: e.ID, Name: e.Name, Type: e.Type}, roles: map[string]int{}}
				byKey[key] = g
				order = append(order, key)
			}
			g.item.Mentions += max(len(e.Mentions), 1)
			g.item.Articles++
			for _, r := range e.Roles {
				if r = strings.TrimSpace(r); r != "" {
					g.roles[r]++
				}
			}
			if len(g.item.Refs) < maxRefs && len(e.Mentions) > 0 {
				if m := firstMention(e.Mentions); validSpan(a.Text, m.Start, m.End) {
					g.item.Refs = append(g.item.Refs, Ref{a.ID, m.Start, m.End})
				}
			}
		}
	}
	out := make([]EntityItem, 0, len(order))
	for _, k := range order {
		g := byKey[k]
		g.item.Roles = rankedKeys(g.roles)
		if g.item.Refs == nil {
			g.item.Refs = []Ref{}
		}
		out = append(out, g.item)
	}
	slices.SortStableFunc(out, func(x, y EntityItem) int {
		return cmp.Or(cmp.Compare(y.Mentions, x.Mentions), cmp.Compare(y.Articles, x.Articles), strings.Compare(x.Name, y.Name))
	})
	return truncate(out, limit)
}

func entityKey(e dossier.Entity) string {
	if e.ID != "" {
		return e.ID
	}
	return e.Type + ":" + strings.ToLower(e.Name)
}

func firstMention(ms []dossier.Span) dossier.Span {
	f := ms[0]
	for _, m := range ms[1:] {
		if m.Start < f.Start {
			f = m
		}
	}
	return f
}

// quotes groups quotations by speaker; speakers with most quotes first,
// the unattributed ones last.
func quotes(arts []*dossier.Article, limit int) []SpeakerQuotes {
	byKey := map[string]*SpeakerQuotes{}
	var order []string
	for _, a := range arts {
		if a.DuplicateOf != "" {
			continue
		}
		for i, q := range a.Quotes {
			if strings.TrimSpace(q.Text) == "" || !validSpan(a.Text, q.Start, q.End) || nested(a.Quotes, i) {
				continue
			}
			name := strings.TrimSpace(q.Speaker)
			key := cmp.Or(q.SpeakerEntity, strings.ToLower(name))
			if name == "" {
				name, key = "unattributed", "\x00unattributed"
			}
			g := byKey[key]
			if g == nil {
				g = &SpeakerQuotes{Speaker: name, EntityID: q.SpeakerEntity}
				byKey[key] = g
				order = append(order, key)
			}
			g.Count++
			if len(g.Quotes) < maxQuotesPerSpkr {
				it := QuoteItem{Text: q.Text, Kind: q.Kind, ArticleID: a.ID, Title: a.Title, Ref: Ref{a.ID, q.Start, q.End}}
				if !a.Published.IsZero() {
					it.Date = day(a.Published)
				}
				g.Quotes = append(g.Quotes, it)
			}
		}
	}
	out := make([]SpeakerQuotes, 0, len(order))
	for _, k := range order {
		out = append(out, *byKey[k])
	}
	slices.SortStableFunc(out, func(x, y SpeakerQuotes) int {
		xu, yu := x.Speaker == "unattributed" && x.EntityID == "", y.Speaker == "unattributed" && y.EntityID == ""
		if xu != yu {
			if xu {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.Speaker, y.Speaker))
	})
	return truncate(out, limit)
}

// nested reports whether quote i lies inside another quote of the same
// article (a quoted phrase within a longer quotation), so it is not listed
// twice. Of two quotes with the same span, the first is kept.
func nested(qs []dossier.Quote, i int) bool {
	q := qs[i]
	for j, o := range qs {
		if j == i || o.Start > q.Start || o.End < q.End {
			continue
		}
		if o.Start < q.Start || o.End > q.End || j < i {
			return true
		}
	}
	return false
}

// coverage buckets dated, non-duplicate articles by day when they span a
// month or less, by week up to half a year, else by month.
func coverage(arts []*dossier.Article) Coverage {
	var dates []time.Time
	for _, a := range arts {
		if a.DuplicateOf == "" && !a.Published.IsZero() {
			dates = append(dates, a.Published.UTC())
		}
	}
	c := Coverage{Points: []CoveragePoint{}}
	if len(dates) == 0 {
		return c
	}
	slices.SortFunc(dates, func(x, y time.Time) int { return x.Compare(y) })
	span := dates[len(dates)-1].Sub(dates[0])
	var floor func(time.Time) time.Time
	var next func(time.Time) time.Time
	switch {
	case span <= 31*24*time.Hour:
		c.Bucket = "day"
		floor = func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
		next = func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }
	case span <= 26*7*24*time.Hour:
		c.Bucket = "week"
		floor = func(t time.Time) time.Time { // ISO weeks start on Monday
			d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
			return d.AddDate(0, 0, -((int(d.Weekday()) + 6) % 7))
		}
		next = func(t time.Time) time.Time { return t.AddDate(0, 0, 7) }
	default:
		c.Bucket = "month"
		floor = func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC) }
		next = func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }
	}
	counts := map[time.Time]int{}
	for _, d := range dates {
		counts[floor(d)]++
	}
	for t := floor(dates[0]); !t.After(dates[len(dates)-1]); t = next(t) {
		c.Points = append(c.Points, CoveragePoint{Start: day(t), Count: counts[t]})
	}
	return c
}

// timeline lists publications and resolved dates mentioned in the text,
// oldest first; within one date, by article rank then offset.
func timeline(arts []*dossier.Article, limit int) []Event {
	var out []Event
	rank := map[string]int{}
	for i, a := range arts {
		rank[a.ID] = i
		if a.DuplicateOf != "" {
			continue
		}
		if !a.Published.IsZero() {
			out = append(out, Event{Date: day(a.Published), Kind: "published", Text: a.Title, ArticleID: a.ID, Title: a.Title, Ref: Ref{a.ID, 0, 0}})
		}
		seen := map[string]bool{}
		sents := sentences(a.Text)
		for _, d := range a.Dates {
			if d.Value == "" || !validSpan(a.Text, d.Start, d.End) || seen[d.Value] {
				continue
			}
			seen[d.Value] = true
			out = append(out, Event{Date: d.Value, Kind: "mentioned", Text: clip(sentenceAt(a.Text, sents, d.Start), maxSentence), ArticleID: a.ID, Title: a.Title, Ref: Ref{a.ID, d.Start, d.End}})
		}
	}
	slices.SortStableFunc(out, func(x, y Event) int {
		return cmp.Or(strings.Compare(dateKey(x.Date), dateKey(y.Date)), cmp.Compare(rank[x.ArticleID], rank[y.ArticleID]), cmp.Compare(x.Ref.Start, y.Ref.Start))
	})
	if out == nil {
		out = []Event{}
	}
	return truncate(out, limit)
}

// dateKey makes an ISO date value sortable as text: a week ("2024-W30")
// becomes its Monday and a quarter ("2024-Q3") its first day; years,
// months and days sort as they are ("2024" < "2024-05" < "2024-05-17").
func dateKey(v string) string {
	var y, n int
	if _, err := fmt.Sscanf(v, "%4d-W%2d", &y, &n); err == nil && len(v) == 8 {
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, time.UTC) // in ISO week 1
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(n-1))
		return monday.Format("2006-01-02")
	}
	if _, err := fmt.Sscanf(v, "%4d-Q%1d", &y, &n); err == nil && len(v) == 7 && n >= 1 && n <= 4 {
		return fmt.Sprintf("%04d-%02d", y, 3*n-2)
	}
	return v
}

// pairs counts entity pairs named in one sentence (Sentences) and in one
// article (Articles); ranked by sentences, then articles.
func pairs(arts []*dossier.Article, limit int) []Pair {
	type ent struct{ name, typ string }
	byKey := map[[2]string]*Pair{}
	var order [][2]string
	for _, a := range arts {
		if a.DuplicateOf != "" {
			continue
		}
		sents := sentences(a.Text)
		names := map[string]ent{}
		inSent := map[int]map[string]bool{} // sentence index -> entity keys
		for _, e := range a.Entities {
			if e.Type == dossier.MISC || strings.TrimSpace(e.Name) == "" {
				continue
			}
			k := entityKey(e)
			names[k] = ent{e.Name, e.Type}
			for _, m := range e.Mentions {
				i := sentenceIndex(sents, m.Start)
				if inSent[i] == nil {
					inSent[i] = map[string]bool{}
				}
				inSent[i][k] = true
			}
		}
		keys := sortedKeys(names)
		artPairs := map[[2]string]bool{}
		for i := 0; i < len(keys); i++ {
			for j := i + 1; j < len(keys); j++ {
				artPairs[pairKey(names[keys[i]].name, keys[i], names[keys[j]].name, keys[j])] = true
			}
		}
		get := func(pk [2]string) *Pair {
			p := byKey[pk]
			if p == nil {
				x, y := names[pk[0]], names[pk[1]]
				p = &Pair{A: x.name, AType: x.typ, B: y.name, BType: y.typ, Refs: []Ref{}}
				byKey[pk] = p
				order = append(order, pk)
			}
			return p
		}
		pks := make([][2]string, 0, len(artPairs))
		for pk := range artPairs {
			pks = append(pks, pk)
		}
		slices.SortFunc(pks, func(x, y [2]string) int { return cmp.Or(strings.Compare(x[0], y[0]), strings.Compare(x[1], y[1])) })
		for _, pk := range pks { // in order, so ties keep a deterministic order
			get(pk).Articles++
		}
		sentIdx := make([]int, 0, len(inSent))
		for i := range inSent {
			sentIdx = append(sentIdx, i)
		}
		slices.Sort(sentIdx)
		for _, i := range sentIdx {
			ks := sortedKeys(inSent[i])
			for x := 0; x < len(ks); x++ {
				for y := x + 1; y < len(ks); y++ {
					p := get(pairKey(names[ks[x]].name, ks[x], names[ks[y]].name, ks[y]))
					p.Sentences++
					if len(p.Refs) < maxRefs && i >= 0 {
						p.Refs = append(p.Refs, Ref{a.ID, sents[i].start, sents[i].end})
					}
				}
			}
		}
	}
	ps := make([]*Pair, 0, len(order))
	for _, k := range order {
		ps = append(ps, byKey[k])
	}
	slices.SortStableFunc(ps, func(x, y *Pair) int {
		return cmp.Or(cmp.Compare(y.Sentences, x.Sentences), cmp.Compare(y.Articles, x.Articles),
			strings.Compare(x.A, y.A), strings.Compare(x.B, y.B))
	})
	ps = truncate(ps, limit)
	out := make([]Pair, len(ps))
	for i, p := range ps {
		out[i] = *p
	}
	return out
}

// pairKey orders two entity keys by name so a pair has one key.
func pairKey(nameA, keyA, nameB, keyB string) [2]string {
	if nameB < nameA || (nameA == nameB && keyB < keyA) {
		return [2]string{keyB, keyA}
	}
	return [2]string{keyA, keyB}
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// rankedKeys returns the keys of counts, most counted first.
func rankedKeys(counts map[string]int) []string {
	ks := sortedKeys(counts)
	slices.SortStableFunc(ks, func(x, y string) int { return cmp.Compare(counts[y], counts[x]) })
	if ks == nil {
		ks = []string{}
	}
	return ks
}

func truncate[T any](s []T, limit int) []T {
	if limit > 0 && len(s) > limit {
		return s[:limit]
	}
	return s
}

func day(t time.Time) string { return t.UTC().Format("2006-01-02") }
