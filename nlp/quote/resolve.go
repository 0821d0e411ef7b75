package quote

import (
	"strings"

	"github.com/dossier/dossier"
)

// resolver maps source mentions to entities.
type resolver struct {
	d        *doc
	entities []dossier.Entity
	mentions []mention // every mention, in text order
	gender   []string  // per entity: "m", "f" or "" when unknown; built on first use
}

type mention struct {
	start, end int
	ent        int // index into entities
}

func newResolver(d *doc, entities []dossier.Entity) *resolver {
	r := &resolver{d: d, entities: entities}
	for i, e := range entities {
		for _, m := range e.Mentions {
			if m.Start >= 0 && m.End <= len(d.text) && m.Start < m.End {
				r.mentions = append(r.mentions, mention{m.Start, m.End, i})
			}
		}
	}
	sortMentions(r.mentions)
	return r
}

func sortMentions(ms []mention) {
	// Insertion sort keeps this allocation-free; mention lists are short
	// and nearly sorted.
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// resolve returns the speaker name and entity id for the source tokens
// [s, e), or "" when it does not resolve.
func (r *resolver) resolve(s, e int) (string, string) {
	d := r.d
	a, b := d.toks[s].Start, d.toks[e-1].End
	// A mention inside the source: the person first, then anything else.
	best := -1
	for _, m := range r.mentions {
		if m.start >= b {
			break
		}
		// Places and other names (LOC, MISC) are not speakers.
		if t := r.entities[m.ent].Type; m.end > a && (t == dossier.PER || t == dossier.ORG) {
			if best < 0 || t == dossier.PER && r.entities[best].Type != dossier.PER {
				best = m.ent
			}
		}
	}
	if best >= 0 {
		return r.entities[best].Name, r.entities[best].ID
	}
	if e-s == 1 {
		if g := pronouns[d.low[s]]; g == "m" || g == "f" {
			if i := r.lastPersonOf(a, g); i >= 0 {
				return r.entities[i].Name, r.entities[i].ID
			}
			return "", ""
		}
		if pronouns[d.low[s]] != "" {
			return "", ""
		}
	}
	// A description: "the Russian leader", "his assistant", "the Bishop".
	for k := s; k < e; k++ {
		if roleNouns[d.low[k]] || e-s == 2 && k == s+1 && determiners[d.low[s]] && isCap(d.toks[k].Text) {
			if i := r.described(s, k, a); i >= 0 {
				return r.entities[i].Name, r.entities[i].ID
			}
			break
		}
	}
	// A name the entity stage missed: join it by surname, or keep it.
	var words []string
	for k := s; k < e; k++ {
		t := d.toks[k].Text
		if isCap(t) && isWord(t) {
			words = append(words, t)
		} else if len(words) > 0 {
			break
		}
	}
	if len(words) == 0 {
		return "", ""
	}
	for _, w := range words {
		for _, ent := range r.entities {
			if ent.Type == dossier.PER && lastWord(ent.Name) == w {
				return ent.Name, ent.ID
			}
		}
	}
	// An unresolved name is kept as written when it looks like one: two
	// capitalised words, or one that does not merely open the sentence
	// ("Organisers said").
	if len(words) >= 2 && !determiners[d.low[s]] || e-s == 1 && d.first[d.sentOf[s]] != s {
		return strings.Join(words, " "), ""
	}
	return "", ""
}

func lastWord(s string) string {
	if i := strings.LastIndexByte(s, ' '); i >= 0 {
		return s[i+1:]
	}
	return s
}

// lastPerson returns the entity of the last person mentioned before pos.
func (r *resolver) lastPerson(pos int) int {
	found := -1
	for _, m := range r.mentions {
		if m.start >= pos {
			break
		}
		if r.entities[m.ent].Type == dossier.PER && !r.quoted(m.start) {
			found = m.ent
		}
	}
	return found
}

// lastPersonOf returns the entity of the last person mentioned before pos
// whose gender, when the article shows it, is g ("m" or "f"): "he" after
// "John Doe met Ms. Jane Roe" is John Doe.
func (r *resolver) lastPersonOf(pos int, g string) int {
	if r.gender == nil {
		r.genders()
	}
	found := -1
	for _, m := range r.mentions {
		if m.start >= pos {
			break
		}
		if r.entities[m.ent].Type == dossier.PER && !r.quoted(m.start) && (r.gender[m.ent] == "" || r.gender[m.ent] == g) {
			found = m.ent
		}
	}
	return found
}

// genders infers each person's gender from what the article says: an
// honorific or gendered title right before a mention ("Mrs. Roe",
// "spokeswoman Jane Roe") or in the entity's roles, and the pronouns of
// sentences that name that person alone ("Jane Roe said she ..."). Mixed
// or missing evidence leaves the gender unknown.
func (r *resolver) genders() {
	d := r.d
	votes := make([][2]int, len(r.entities)) // [m, f]
	add := func(ent int, g string, n int) {
		if g == "m" {
			votes[ent][0] += n
		} else if g == "f" {
			votes[ent][1] += n
		}
	}
	for i, e := range r.entities {
		if e.Type != dossier.PER {
			continue
		}
		for _, rl := range e.Roles {
			for _, w := range strings.Fields(strings.ToLower(rl)) {
				add(i, genderedWords[strings.TrimSuffix(w, ".")], 2)
			}
		}
	}
	// Titles right before a mention.
	for _, m := range r.mentions {
		if r.entities[m.ent].Type != dossier.PER {
			continue
		}
		before := strings.TrimRight(d.text[max(0, m.start-20):m.start], " ")
		if i := strings.LastIndexAny(before, " \n(\"“"); i >= 0 {
			before = before[i+1:]
		}
		add(m.ent, genderedWords[strings.TrimSuffix(strings.ToLower(before), ".")], 2)
	}
	// Pronouns in sentences naming one person, after the mention.
	mi := 0
	for si := range d.sents {
		lo, hi := d.toks[d.first[si]].Start, d.sents[si].End
		person, n := -1, 0
		for ; mi < len(r.mentions) && r.mentions[mi].start < lo; mi++ {
		}
		for k := mi; k < len(r.mentions) && r.mentions[k].start < hi; k++ {
			if m := r.mentions[k]; r.entities[m.ent].Type == dossier.PER && !r.quoted(m.start) {
				if person != m.ent {
					n++
				}
				person = m.ent
			}
		}
		if n != 1 {
			continue
		}
		for k := d.first[si]; k < d.sentEnd(si); k++ {
			if r.quoted(d.toks[k].Start) {
				continue
			}
			switch d.low[k] {
			case "he", "his", "him", "himself":
				add(person, "m", 1)
			case "she", "her", "hers", "herself":
				add(person, "f", 1)
			}
		}
	}
	r.gender = make([]string, len(r.entities))
	for i, v := range votes {
		switch {
		case v[0] > 0 && v[1] == 0 || v[0] >= 3*v[1] && v[0] > 0:
			r.gender[i] = "m"
		case v[1] > 0 && v[0] == 0 || v[1] >= 3*v[0] && v[1] > 0:
			r.gender[i] = "f"
		}
	}
}

// genderedWords are honorifics and titles that tell a person's gender.
var genderedWords = map[string]string{
	"mr": "m", "sir": "m", "lord": "m", "king": "m", "prince": "m", "father": "m", "brother": "m",
	"spokesman": "m", "congressman": "m", "chairman": "m", "businessman": "m", "husband": "m",
	"son": "m", "grandson": "m", "uncle": "m", "nephew": "m", "councilman": "m", "assemblyman": "m",
	"mrs": "f", "ms": "f", "miss": "f", "madam": "f", "dame": "f", "lady": "f", "queen": "f",
	"princess": "f", "mother": "f", "sister": "f", "spokeswoman": "f", "congresswoman": "f",
	"chairwoman": "f", "businesswoman": "f", "wife": "f", "daughter": "f", "granddaughter": "f",
	"aunt": "f", "niece": "f", "councilwoman": "f", "assemblywoman": "f", "first lady": "f",
}

// quoted reports whether byte offset pos lies inside a quotation: a
// person named inside a quote is rarely the "he" who says the next one.
func (r *resolver) quoted(pos int) bool {
	for _, sg := range r.d.segs {
		if sg.start <= pos && pos < sg.end {
			return true
		}
		if sg.start > pos {
			break
		}
	}
	return false
}

// described resolves a description whose role noun is token k ("the
// Russian leader"): a person with that role, or one the article introduced
// with the description's modifiers ("Russian President Vladimir Putin").
func (r *resolver) described(s, k, pos int) int {
	d := r.d
	role := d.low[k]
	var mods []string
	for j := s; j < k; j++ {
		if isCap(d.toks[j].Text) {
			mods = append(mods, d.toks[j].Text)
		}
	}
	found := -1
	for i, ent := range r.entities {
		if ent.Type != dossier.PER {
			continue
		}
		for _, rl := range ent.Roles {
			l := strings.ToLower(rl)
			if strings.Contains(l, role) && (len(mods) == 0 || strings.Contains(rl, mods[0])) {
				return i
			}
		}
		_ = found
	}
	// The modifiers right before a person's mention.
	for _, m := range r.mentions {
		if r.entities[m.ent].Type != dossier.PER {
			continue
		}
		lo := m.start - 40
		if lo < 0 {
			lo = 0
		}
		ctx := d.text[lo:m.start]
		if len(mods) > 0 && strings.Contains(ctx, mods[0]) && (found < 0 || m.start < pos) {
			found = m.ent
			if m.start >= pos {
				break
			}
		}
	}
	return found
}
