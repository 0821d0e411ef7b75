package extract

import (
	"fmt"
	"os"
	"sort"
	"testing"
)

// TestFastPathReport scores the shared benchmark with each engine: the
// library alone, the fast path alone and the automatic choice, and
// reports the fast path's share, its fallback reasons and the pages where
// the trusted fast result is much worse than the library's. The automatic
// choice must stay within 0.005 F1 of the library alone.
func TestFastPathReport(t *testing.T) {
	if testing.Short() {
		t.Skip("scores 109 real pages three times: skipped in -short")
	}
	pages, data := loadPages(t)
	defer func(e int) { engine = e }(engine)
	var lastFast fastResult
	fastHook = func(fr fastResult) { lastFast = fr }
	defer func() { fastHook = nil }()
	type row struct {
		id, url             string
		lib, fast, auto     PageScore
		trusted             bool
		density             float64
		reason              string
		libTitle, fastTitle string
		libLang, fastLang   string
	}
	rows := make([]row, len(pages))
	var libS, fastS, autoS, trustLib, trustFast []PageScore
	reasons := map[string]int{}
	for i, p := range pages {
		r := row{id: p.ID, url: p.URL}
		engine = engineLibrary
		la, _ := HTMLWithContentType(data[i], p.URL, "text/html; charset=utf-8")
		r.lib = ScorePage(p.Truth, la.Text)
		engine = engineFast
		fa, _ := HTMLWithContentType(data[i], p.URL, "text/html; charset=utf-8")
		r.fast = ScorePage(p.Truth, fa.Text)
		r.trusted, r.reason, r.density = lastFast.trusted, lastFast.reason, lastFast.density
		engine = engineAuto
		aa, _ := HTMLWithContentType(data[i], p.URL, "text/html; charset=utf-8")
		r.auto = ScorePage(p.Truth, aa.Text)
		r.libTitle, r.fastTitle, r.libLang, r.fastLang = la.Title, fa.Title, la.Language, fa.Language
		rows[i] = r
		libS, fastS, autoS = append(libS, r.lib), append(fastS, r.fast), append(autoS, r.auto)
		if r.trusted {
			trustLib, trustFast = append(trustLib, r.lib), append(trustFast, r.fast)
		} else {
			reasons[r.reason]++
		}
	}
	f := func(s []PageScore) string {
		a := Aggregate(s)
		return fmt.Sprintf("P %.4f R %.4f F1 %.4f (%d pages)", a.Precision, a.Recall, a.F1, a.Pages)
	}
	t.Logf("library only: %s", f(libS))
	t.Logf("fast only:    %s", f(fastS))
	t.Logf("automatic:    %s", f(autoS))
	t.Logf("trusted pages, library: %s", f(trustLib))
	t.Logf("trusted pages, fast:    %s", f(trustFast))
	t.Logf("fast path share %d/%d; fallback reasons %v", len(trustFast), len(pages), reasons)
	sort.Slice(rows, func(i, j int) bool { return rows[i].fast.F1()-rows[i].lib.F1() < rows[j].fast.F1()-rows[j].lib.F1() })
	verbose := os.Getenv("FASTPATH_REPORT") != ""
	for _, r := range rows {
		if r.trusted && r.fast.F1() < r.lib.F1()-0.02 || verbose {
			t.Logf("%v %-16s %.2f fast %.3f (P %.3f R %.3f) lib %.3f (P %.3f R %.3f) %s %s", r.trusted, r.reason, r.density, r.fast.F1(), r.fast.Precision, r.fast.Recall, r.lib.F1(), r.lib.Precision, r.lib.Recall, r.id[:8], r.url)
		}
	}
	titles, langs := 0, 0
	for _, r := range rows {
		if r.libTitle != r.fastTitle {
			titles++
			if verbose {
				t.Logf("title %s: lib %q fast %q", r.id[:8], r.libTitle, r.fastTitle)
			}
		}
		if r.libLang != r.fastLang {
			langs++
			t.Logf("language %s: lib %q fast %q", r.id[:8], r.libLang, r.fastLang)
		}
	}
	t.Logf("titles differing from the library path's: %d; languages: %d", titles, langs)
	if a, l := Aggregate(autoS).F1, Aggregate(libS).F1; a < l-0.005 {
		t.Errorf("automatic F1 %.4f fell more than 0.005 under the library's %.4f", a, l)
	}
}
