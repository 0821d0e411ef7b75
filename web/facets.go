package web

import (
	"cmp"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/dossier/dossier"
)

// facetGroup is one facet (people, organisations, places, sources, dates)
// with its values, computed from the result set.
type facetGroup struct {
	Name  string
	Items []facet
}

// facet is one value of a facet: how many sampled results have it, and
// the search that narrows (or, when active, widens) the query by it.
type facet struct {
	Label  string
	Value  string // what the filter matches (Label unless formatted)
	Count  int
	Href   string
	Active bool
}

const facetItems = 8

// facets counts people, organisations, places, sources and publication
// months over arts. Each count is of articles, not mentions.
func facets(q string, arts []*dossier.Article) []facetGroup {
	per, org, loc := map[string]int{}, map[string]int{}, map[string]int{}
	src, month := map[string]int{}, map[string]int{}
	for _, a := range arts {
		seen := map[string]bool{}
		for _, e := range a.Entities {
			key := e.Type + "\x00" + e.Name
			if seen[key] || strings.TrimSpace(e.Name) == "" {
				continue
			}
			seen[key] = true
			switch e.Type {
			case dossier.PER:
				per[e.Name]++
			case dossier.ORG:
				org[e.Name]++
			case dossier.LOC:
				loc[e.Name]++
			}
		}
		if a.Source != "" {
			src[a.Source]++
		}
		if !a.Published.IsZero() {
			month[a.Published.UTC().Format("2006-01")]++
		}
	}
	var out []facetGroup
	add := func(name string, counts map[string]int, token func(string) string, byLabel bool) {
		if len(counts) == 0 {
			return
		}
		g := facetGroup{Name: name}
		for label, n := range counts {
			g.Items = append(g.Items, facet{Label: label, Value: label, Count: n})
		}
		slices.SortFunc(g.Items, func(x, y facet) int {
			if byLabel {
				return strings.Compare(y.Value, x.Value)
			}
			return cmp.Or(cmp.Compare(y.Count, x.Count), strings.Compare(x.Label, y.Label))
		})
		if len(g.Items) > facetItems {
			g.Items = g.Items[:facetItems]
		}
		for i := range g.Items {
			g.Items[i].Href, g.Items[i].Active = toggle(q, token(g.Items[i].Value))
			if byLabel {
				g.Items[i].Label = monthLabel(g.Items[i].Value)
			}
		}
		out = append(out, g)
	}
	entity := func(v string) string { return "entity:" + quote(v) }
	add("People", per, entity, false)
	add("Organisations", org, entity, false)
	add("Places", loc, entity, false)
	add("Sources", src, func(v string) string { return "source:" + quote(v) }, false)
	add("Months", month, monthFilter, true)
	return out
}

// monthLabel shows "2024-05" as "May 2024".
func monthLabel(m string) string {
	if t, err := time.Parse("2006-01", m); err == nil {
		return t.Format("Jan 2006")
	}
	return m
}

// quote puts a filter value in double quotes (dropping any inside it).
func quote(v string) string { return `"` + strings.ReplaceAll(v, `"`, "") + `"` }

// monthFilter restricts a query to one month ("2024-05").
func monthFilter(m string) string {
	y, mo := m[:4], m[5:7]
	next := map[string]string{"01": "02", "02": "03", "03": "04", "04": "05", "05": "06", "06": "07",
		"07": "08", "08": "09", "09": "10", "10": "11", "11": "12"}[mo]
	end := y + "-" + next + "-01"
	if mo == "12" {
		end = incYear(y) + "-01-01"
	}
	return "after:" + y + "-" + mo + "-01 before:" + end
}

func incYear(y string) string {
	b := []byte(y)
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] < '9' {
			b[i]++
			return string(b)
		}
		b[i] = '0'
	}
	return "1" + string(b)
}

// toggle returns the search link that adds token to q, or removes it when
// q already has it (then active is true).
func toggle(q, token string) (href string, active bool) {
	if strings.Contains(q, token) {
		nq := strings.Join(strings.Fields(strings.Replace(q, token, "", 1)), " ")
		return "/search?q=" + urlQuery(nq), true
	}
	return "/search?q=" + urlQuery(strings.TrimSpace(q+" "+token)), false
}

func urlQuery(s string) string { return url.QueryEscape(s) }
