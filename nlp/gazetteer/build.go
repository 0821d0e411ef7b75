package gazetteer

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"sort"
	"strconv"
	"strings"
)

// countryRow is one line of the shared countries.jsonl file.
type countryRow struct {
	CCA2      string    `json:"cca2"`
	Name      string    `json:"name"`
	Official  string    `json:"official"`
	Alt       []string  `json:"alt"`
	Capital   []string  `json:"capital"`
	DemonymM  string    `json:"demonym_m"`
	DemonymF  string    `json:"demonym_f"`
	LatLng    []float64 `json:"latlng"`
	Region    string    `json:"region"`
	Subregion string    `json:"subregion"`
}

// Build reads the shared countries.jsonl(.gz) and cities.tsv(.gz) files and
// writes the compact gzip-compressed form that this package embeds.
func Build(countriesPath, citiesPath string, w io.Writer) error {
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	if err := buildCountries(countriesPath, bw); err != nil {
		return err
	}
	if err := buildCities(citiesPath, bw); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("gazetteer: write: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("gazetteer: write: %w", err)
	}
	return nil
}

// openMaybeGzip opens path, decompressing it when its name ends in .gz.
func openMaybeGzip(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	if !strings.HasSuffix(path, ".gz") {
		return f, nil
	}
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("gazetteer: %s: %w", path, err)
	}
	return struct {
		io.Reader
		io.Closer
	}{zr, f}, nil
}

func clean(s string) string {
	return strings.NewReplacer("\t", " ", "|", " ", "\n", " ").Replace(strings.TrimSpace(s))
}

func coord(f float64) string { return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64) }

func buildCountries(path string, w *bufio.Writer) error {
	rc, err := openMaybeGzip(path)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r countryRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return fmt.Errorf("gazetteer: %s:%d: %w", path, line, err)
		}
		if len(r.CCA2) != 2 || r.Name == "" {
			return fmt.Errorf("gazetteer: %s:%d: country without cca2 or name", path, line)
		}
		var alts []string
		for _, a := range r.Alt {
			// Keep Latin-script alternatives but not the two-letter code,
			// except "US", which news uses as a name.
			if (a != r.CCA2 || a == "US") && isLatin(a) {
				alts = append(alts, clean(a))
			}
		}
		dem := []string{clean(r.DemonymM)}
		if r.DemonymF != "" && r.DemonymF != r.DemonymM {
			dem = append(dem, clean(r.DemonymF))
		}
		var caps []string
		for _, c := range r.Capital {
			caps = append(caps, clean(c))
		}
		lat, lng := 0.0, 0.0
		if len(r.LatLng) == 2 {
			lat, lng = r.LatLng[0], r.LatLng[1]
		}
		fmt.Fprintf(w, "C\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.CCA2, clean(r.Name), clean(r.Official),
			strings.Join(alts, "|"), strings.Join(caps, "|"), strings.Join(dem, "|"), coord(lat), coord(lng), clean(r.Subregion))
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer: %s: %w", path, err)
	}
	return nil
}

func isLatin(s string) bool {
	for _, r := range s {
		if r > 0x24F {
			return false
		}
	}
	return true
}

func buildCities(path string, w *bufio.Writer) error {
	rc, err := openMaybeGzip(path)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := bufio.NewScanner(rc)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	seen := map[string]bool{}
	type city struct{ name, cc, admin, lat, lng string }
	var cities []city
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if line == 1 && len(f) > 0 && f[0] == "name" {
			continue
		}
		if len(f) < 5 {
			return fmt.Errorf("gazetteer: %s:%d: want 5 tab-separated fields, got %d", path, line, len(f))
		}
		lat, err1 := strconv.ParseFloat(f[3], 64)
		lng, err2 := strconv.ParseFloat(f[4], 64)
		if err1 != nil || err2 != nil {
			return fmt.Errorf("gazetteer: %s:%d: bad coordinates %q %q", path, line, f[3], f[4])
		}
		c := city{clean(f[0]), f[1], clean(f[2]), coord(lat), coord(lng)}
		key := c.name + "\x00" + c.cc + "\x00" + c.admin
		if c.name == "" || seen[key] {
			continue
		}
		seen[key] = true
		cities = append(cities, c)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("gazetteer: %s: %w", path, err)
	}
	// Regions: the mean of their cities' coordinates.
	type acc struct {
		lat, lng float64
		n        int
	}
	regions := map[[2]string]*acc{}
	var order [][2]string
	for _, c := range cities {
		if c.admin == "" {
			continue
		}
		k := [2]string{c.admin, c.cc}
		a := regions[k]
		if a == nil {
			a = &acc{}
			regions[k] = a
			order = append(order, k)
		}
		lat, _ := strconv.ParseFloat(c.lat, 64)
		lng, _ := strconv.ParseFloat(c.lng, 64)
		a.lat += lat
		a.lng += lng
		a.n++
	}
	for _, k := range order {
		a := regions[k]
		fmt.Fprintf(w, "R\t%s\t%s\t%s\t%s\n", k[0], k[1], coord(a.lat/float64(a.n)), coord(a.lng/float64(a.n)))
	}
	// Cities last, sorted by lowercased name (stable, so file order, the
	// tie-break rule, is kept among namesakes); Read indexes them lazily.
	sort.SliceStable(cities, func(i, j int) bool { return strings.ToLower(cities[i].name) < strings.ToLower(cities[j].name) })
	prev := ""
	for _, c := range cities {
		key := strings.ToLower(c.name)
		out := key
		if key == prev {
			out = "" // same as the line before
		}
		prev = key
		fmt.Fprintf(w, "P\t%s\t%s\t%s\t%s\t%s\n", out, c.cc, c.admin, c.lat, c.lng)
	}
	return nil
}
