package gazetteer

import (
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed places.tsv.gz
var embedded []byte

// Kind bits say what a phrase is in the gazetteer.
const (
	KindCountry = 1 << iota // a country's common or official name or alternative
	KindDemonym             // a nationality adjective ("Russian")
	KindCapital             // a national capital
	KindCity                // a city or town
	KindRegion              // a first-level region ("Heilongjiang")
)

// MaxPhrase is the longest phrase, in space-separated words, that Kinds
// knows.
const MaxPhrase = 4

// Country is one country with its names.
type Country struct {
	Code      string   // ISO 3166-1 alpha-2
	Name      string   // common English name
	Official  string   // official name
	Alt       []string // alternative spellings
	Capitals  []string // capital cities
	Demonyms  []string // nationality adjectives
	Subregion string   // e.g. "Eastern Asia"
	Lat, Lng  float64  // representative point
}

// Place is a resolved place name.
type Place struct {
	Name     string  // the gazetteer's name for it
	Kind     int     // KindCountry, KindRegion or KindCity
	Country  string  // ISO 3166-1 alpha-2 code
	Region   string  // first-level region, for regions and cities
	Lat, Lng float64 // coordinates
	Capital  bool    // a national capital
}

type city struct {
	cc, admin string
	lat, lng  float64
}

// Gazetteer answers membership and resolution questions about place names.
type Gazetteer struct {
	countries []*Country
	byCode    map[string]*Country
	byName    map[string]*Country // lowercased names, official names, alternatives
	byDemonym map[string]*Country // lowercased demonyms
	cityKeys  []string            // sorted lowercased city names
	cityStart []int32             // offset in cityData of each name's lines, plus the end
	cityData  string              // the city lines
	regions   map[string][]Place  // lowercased region name to regions
	capitalOf map[string]string   // lowercased capital to country code
	kinds     map[string]uint8    // lowercased phrase to kind bits, except cities
	phrases   *phraseTable        // every phrase's kind bits, by hash
}

var (
	defaultOnce sync.Once
	defaultGaz  *Gazetteer
	defaultErr  error
)

// Default returns the embedded gazetteer, loading it on first use.
func Default() *Gazetteer {
	defaultOnce.Do(func() {
		defaultGaz, defaultErr = Read(bytes.NewReader(embedded))
	})
	if defaultErr != nil {
		// The embedded file is built and tested with the package.
		panic(fmt.Sprintf("gazetteer: embedded data: %v", defaultErr))
	}
	return defaultGaz
}

// Embedded returns the compressed gazetteer embedded in the binary (the
// form Build writes and Read parses).
func Embedded() []byte { return embedded }

// Read parses the compact gzip-compressed form written by Build. Cities
// are indexed, not parsed: a lookup parses only the namesakes it needs.
func Read(r io.Reader) (*Gazetteer, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	raw, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	data := string(raw)
	g := &Gazetteer{
		byCode:    map[string]*Country{},
		byName:    map[string]*Country{},
		byDemonym: map[string]*Country{},
		regions:   map[string][]Place{},
		capitalOf: map[string]string{},
		kinds:     make(map[string]uint8, 8000),
		cityKeys:  make([]string, 0, 150000),
		cityStart: make([]int32, 0, 150001),
		cityData:  data,
	}
	line := 0
	for pos := 0; pos < len(data); {
		end := strings.IndexByte(data[pos:], '\n')
		if end < 0 {
			end = len(data)
		} else {
			end += pos
		}
		text := data[pos:end]
		line++
		if strings.HasPrefix(text, "P\t") {
			k := text[2:]
			if t := strings.IndexByte(k, '\t'); t > 0 {
				k = k[:t]
				if len(g.cityKeys) > 0 && k <= g.cityKeys[len(g.cityKeys)-1] {
					return nil, fmt.Errorf("gazetteer: line %d: cities out of order", line)
				}
				g.cityKeys = append(g.cityKeys, k)
				g.cityStart = append(g.cityStart, int32(pos))
			} else if t < 0 {
				return nil, fmt.Errorf("gazetteer: line %d: malformed city", line)
			}
			pos = end + 1
			continue
		}
		f := strings.Split(text, "\t")
		switch {
		case f[0] == "C" && len(f) == 10:
			c := &Country{Code: f[1], Name: f[2], Official: f[3], Alt: splitList(f[4]), Capitals: splitList(f[5]), Demonyms: splitList(f[6]), Subregion: f[9]}
			c.Lat, _ = strconv.ParseFloat(f[7], 64)
			c.Lng, _ = strconv.ParseFloat(f[8], 64)
			g.countries = append(g.countries, c)
			g.byCode[c.Code] = c
			for _, n := range append([]string{c.Name, c.Official}, c.Alt...) {
				k := strings.ToLower(n)
				if _, ok := g.byName[k]; !ok {
					g.byName[k] = c
				}
				g.addKind(n, KindCountry)
			}
			for _, d := range c.Demonyms {
				k := strings.ToLower(d)
				if _, ok := g.byDemonym[k]; !ok {
					g.byDemonym[k] = c
				}
				g.addKind(d, KindDemonym)
			}
			for _, cp := range c.Capitals {
				g.capitalOf[strings.ToLower(cp)] = c.Code
				g.addKind(cp, KindCapital)
			}
		case f[0] == "R" && len(f) == 5:
			lat, err1 := strconv.ParseFloat(f[3], 64)
			lng, err2 := strconv.ParseFloat(f[4], 64)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("gazetteer: line %d: bad coordinates", line)
			}
			k := strings.ToLower(f[1])
			g.regions[k] = append(g.regions[k], Place{Name: f[1], Kind: KindRegion, Country: f[2], Region: f[1], Lat: lat, Lng: lng})
			g.addKind(f[1], KindRegion)
		default:
			return nil, fmt.Errorf("gazetteer: line %d: malformed record", line)
		}
		pos = end + 1
	}
	g.cityStart = append(g.cityStart, int32(len(data)))
	g.phrases = newPhraseTable(len(g.kinds) + len(g.cityKeys))
	for p, k := range g.kinds {
		g.phrases.add(hashPhrase(p), k)
	}
	for _, p := range g.cityKeys {
		if strings.Count(p, " ") < MaxPhrase {
			g.phrases.add(hashPhrase(strings.Join(strings.Fields(p), " ")), KindCity)
		}
	}
	return g, nil
}

// citiesNamed parses the namesake cities of a lowercased name.
func (g *Gazetteer) citiesNamed(k string) []city {
	i := sort.SearchStrings(g.cityKeys, k)
	if i == len(g.cityKeys) || g.cityKeys[i] != k {
		return nil
	}
	var out []city
	for _, text := range strings.Split(strings.TrimSuffix(g.cityData[g.cityStart[i]:g.cityStart[i+1]], "\n"), "\n") {
		f := strings.Split(text, "\t")
		if len(f) != 6 {
			continue
		}
		lat, _ := strconv.ParseFloat(f[4], 64)
		lng, _ := strconv.ParseFloat(f[5], 64)
		out = append(out, city{cc: f[2], admin: f[3], lat: lat, lng: lng})
	}
	return out
}

func (g *Gazetteer) isCity(k string) bool {
	i := sort.SearchStrings(g.cityKeys, k)
	return i < len(g.cityKeys) && g.cityKeys[i] == k
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func (g *Gazetteer) addKind(phrase string, k uint8) {
	p := strings.ToLower(strings.Join(strings.Fields(phrase), " "))
	if p == "" || strings.Count(p, " ")+1 > MaxPhrase {
		return
	}
	g.kinds[p] |= k
}

// Kinds returns the kind bits of a lowercased phrase whose words are joined
// by single spaces, or 0 when the gazetteer does not know it.
func (g *Gazetteer) Kinds(lowerPhrase string) uint8 { return g.phrases.get(hashPhrase(lowerPhrase)) }

// Countries returns every country, in file order.
func (g *Gazetteer) Countries() []*Country { return g.countries }

// CountryByCode returns the country with an ISO alpha-2 code, or nil.
func (g *Gazetteer) CountryByCode(code string) *Country { return g.byCode[strings.ToUpper(code)] }

// CountryByName returns the country a name, official name or alternative
// spelling denotes (case-insensitive), or nil.
func (g *Gazetteer) CountryByName(name string) *Country {
	return g.byName[strings.ToLower(strings.TrimSpace(name))]
}

// CountryByDemonym returns the country of a nationality adjective
// ("Russian" -> Russia), case-insensitive, or nil.
func (g *Gazetteer) CountryByDemonym(adj string) *Country {
	return g.byDemonym[strings.ToLower(strings.TrimSpace(adj))]
}

// Resolve finds the place a name denotes. Countries win over regions and
// regions over cities, except that a national capital wins over all but a
// country. Among namesake cities or regions it prefers one in a country of
// prefer (for example the countries named in the same article, in order),
// then a city in Britain, the United States, Canada, Australia, Ireland,
// New Zealand, India or South Africa (in that order), then the first in
// the gazetteer.
func (g *Gazetteer) Resolve(name string, prefer []string) (Place, bool) {
	k := strings.ToLower(strings.Join(strings.Fields(name), " "))
	if c := g.byName[k]; c != nil {
		return Place{Name: c.Name, Kind: KindCountry, Country: c.Code, Lat: c.Lat, Lng: c.Lng}, true
	}
	if isShortCode(name) {
		return Place{}, false // "US" or "EU" is no town's name
	}
	cities := g.citiesNamed(k)
	if cc, ok := g.capitalOf[k]; ok {
		for _, c := range cities {
			if c.cc == cc {
				return Place{Name: name, Kind: KindCity, Country: c.cc, Region: c.admin, Lat: c.lat, Lng: c.lng, Capital: true}, true
			}
		}
		if c := g.byCode[cc]; c != nil {
			return Place{Name: name, Kind: KindCity, Country: cc, Lat: c.Lat, Lng: c.Lng, Capital: true}, true
		}
	}
	regions := g.regions[k]
	for _, p := range prefer {
		for _, r := range regions {
			if r.Country == p {
				return r, true
			}
		}
		for _, c := range cities {
			if c.cc == p {
				return Place{Name: name, Kind: KindCity, Country: c.cc, Region: c.admin, Lat: c.lat, Lng: c.lng}, true
			}
		}
	}
	// Without a hint, the countries English-language news covers most,
	// then the gazetteer's order (it has no population figures).
	for _, p := range newsCountries {
		for _, c := range cities {
			if c.cc == p {
				return Place{Name: name, Kind: KindCity, Country: c.cc, Region: c.admin, Lat: c.lat, Lng: c.lng}, true
			}
		}
	}
	if len(regions) > 0 {
		return regions[0], true
	}
	if len(cities) > 0 {
		c := cities[0]
		return Place{Name: name, Kind: KindCity, Country: c.cc, Region: c.admin, Lat: c.lat, Lng: c.lng}, true
	}
	return Place{}, false
}

// newsCountries break ties among namesake places when the article names no
// country that has one.
var newsCountries = []string{"GB", "US", "CA", "AU", "IE", "NZ", "IN", "ZA"}

// isShortCode reports upper-case names of at most three letters.
func isShortCode(s string) bool {
	n := 0
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
		n++
	}
	return n <= 3
}
