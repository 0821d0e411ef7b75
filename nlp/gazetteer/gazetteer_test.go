package gazetteer

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/dossier/dossier/internal/shareddata"
)

func TestResolve(t *testing.T) {
	g := Default()
	cases := []struct {
		name   string
		prefer []string
		cc     string
		region string
		kind   int
	}{
		{"Harbin", nil, "CN", "Heilongjiang", KindCity},
		{"Heilongjiang", nil, "CN", "Heilongjiang", KindRegion},
		{"Moscow", nil, "RU", "Moscow", KindCity}, // the capital beats Moscow, Idaho
		{"Beijing", nil, "CN", "Beijing", KindCity},
		{"Russia", nil, "RU", "", KindCountry},
		{"UK", nil, "GB", "", KindCountry},
		{"US", nil, "US", "", KindCountry},
		{"moscow", []string{"US"}, "RU", "Moscow", KindCity}, // capitals still win
	}
	for _, c := range cases {
		p, ok := g.Resolve(c.name, c.prefer)
		if !ok || p.Country != c.cc || p.Region != c.region || p.Kind != c.kind {
			t.Errorf("Resolve(%q) = %+v, %v; want %s/%s kind %d", c.name, p, ok, c.cc, c.region, c.kind)
		}
	}
	if p, _ := g.Resolve("Harbin", nil); p.Lat < 45 || p.Lat > 46.5 || p.Lng < 126 || p.Lng > 127 {
		t.Errorf("Harbin coordinates %v,%v", p.Lat, p.Lng)
	}
	// A namesake city in a preferred country wins over the first one.
	first, _ := g.Resolve("Birmingham", nil)
	us, _ := g.Resolve("Birmingham", []string{"US"})
	if us.Country != "US" || first.Country == "" {
		t.Errorf("Birmingham: first %+v, preferring US %+v", first, us)
	}
	if p, ok := g.Resolve("SEC", nil); ok {
		t.Errorf("an acronym resolved to a place: %+v", p)
	}
	if p, _ := g.Resolve("Las Vegas", nil); p.Country != "US" {
		t.Errorf("Las Vegas without a hint resolved to %+v", p)
	}
	if _, ok := g.Resolve("Xyzzyville Qux", nil); ok {
		t.Error("an unknown name resolved")
	}
}

func TestCountries(t *testing.T) {
	g := Default()
	if c := g.CountryByDemonym("Russian"); c == nil || c.Code != "RU" {
		t.Errorf("Russian -> %+v", c)
	}
	if c := g.CountryByDemonym("chinese"); c == nil || c.Code != "CN" {
		t.Errorf("chinese -> %+v", c)
	}
	if c := g.CountryByName("Russian Federation"); c == nil || c.Code != "RU" {
		t.Errorf("Russian Federation -> %+v", c)
	}
	if c := g.CountryByCode("cn"); c == nil || c.Name != "China" || c.Capitals[0] != "Beijing" {
		t.Errorf("cn -> %+v", c)
	}
	if k := g.Kinds("russian"); k&KindDemonym == 0 {
		t.Errorf("Kinds(russian) = %b", k)
	}
	if k := g.Kinds("london"); k&KindCapital == 0 {
		t.Errorf("Kinds(london) = %b", k)
	}
	if k := g.Kinds("the"); k != 0 {
		t.Errorf("Kinds(the) = %b", k)
	}
	if len(g.Countries()) < 240 {
		t.Errorf("only %d countries", len(g.Countries()))
	}
}

// TestEmbeddedUpToDate rebuilds the compact file from the shared gazetteers
// and compares it with the embedded one (run `make model` when it fails).
func TestEmbeddedUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilds the gazetteer from shared data; skipped with -short")
	}
	countries := shareddata.Path(t, "data", "gazetteers", "countries.jsonl.gz")
	cities := shareddata.Path(t, "data", "gazetteers", "cities.tsv.gz")
	var buf bytes.Buffer
	if err := Build(countries, cities, &buf); err != nil {
		t.Fatal(err)
	}
	g, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.cityKeys) != len(Default().cityKeys) || len(g.countries) != len(Default().countries) {
		t.Errorf("rebuilt gazetteer differs from the embedded one: %d/%d cities, %d/%d countries",
			len(g.cityKeys), len(Default().cityKeys), len(g.countries), len(Default().countries))
	}
}

func TestReadErrors(t *testing.T) {
	if _, err := Read(bytes.NewReader([]byte("plain"))); err == nil {
		t.Error("want an error for non-gzip input")
	}
	if err := Build("/nonexistent/countries.jsonl", "/nonexistent/cities.tsv", &bytes.Buffer{}); err == nil {
		t.Error("want an error for missing files")
	}
	dir := t.TempDir()
	bad := dir + "/countries.jsonl"
	os.WriteFile(bad, []byte("{not json\n"), 0o644)
	if err := Build(bad, bad, &bytes.Buffer{}); err == nil {
		t.Error("want an error for a malformed countries file")
	}
}

func BenchmarkLoad(b *testing.B) {
	for b.Loop() {
		if _, err := Read(bytes.NewReader(embedded)); err != nil {
			b.Fatal(err)
		}
	}
}

func TestKindsOf(t *testing.T) {
	g := Default()
	for _, words := range [][]string{{"New", "Delhi"}, {"Beijing"}, {"RUSSIAN"}, {"Heilongjiang"}, {"São", "Paulo"}, {"the"}} {
		var lower []string
		for _, w := range words {
			lower = append(lower, strings.ToLower(w))
		}
		if a, b := g.KindsOf(words), g.Kinds(strings.Join(lower, " ")); a != b {
			t.Errorf("KindsOf(%q) = %b but Kinds = %b", words, a, b)
		}
	}
	if g.KindsOf([]string{"Beijing"})&KindCapital == 0 || g.KindsOf([]string{"São", "Paulo"})&KindCity == 0 {
		t.Error("capital or accented city not found")
	}
	if g.KindsOf(nil) != 0 || g.KindsOf([]string{"a", "b", "c", "d", "e"}) != 0 {
		t.Error("empty or over-long phrase matched")
	}
}
