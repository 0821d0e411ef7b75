package date

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/shareddata"
)

// published is a Thursday.
var published = time.Date(2024, time.May, 16, 9, 0, 0, 0, time.UTC)

func TestExtract(t *testing.T) {
	tests := []struct {
		text  string
		known []string // "text=value" with the publication date known
		blind []string // the same without it
	}{
		{"It was signed on 16 May 2024 and on May 17, 2024 and 2024-05-18.",
			[]string{"16 May 2024=2024-05-16", "May 17, 2024=2024-05-17", "2024-05-18=2024-05-18"},
			[]string{"16 May 2024=2024-05-16", "May 17, 2024=2024-05-17", "2024-05-18=2024-05-18"}},
		{"They agreed in 2022, in March 2023 and met on May 16.",
			[]string{"2022=2022", "March 2023=2023-03", "May 16=2024-05-16"},
			[]string{"2022=2022", "March 2023=2023-03", "May 16="}},
		{"Trade grew last year; today he arrives and tomorrow he leaves. Yesterday was calm.",
			[]string{"last year=2023", "today=2024-05-16", "tomorrow=2024-05-17", "Yesterday=2024-05-15"},
			[]string{"last year=", "today=", "tomorrow=", "Yesterday="}},
		{"They met on Monday. They will meet again on Friday. Next week and this month.",
			[]string{"Monday=2024-05-13", "Friday=2024-05-17", "Next week=2024-W21", "this month=2024-05"},
			[]string{"Monday=", "Friday=", "Next week=", "this month="}},
		{"Three days ago, last Thursday, in December.",
			[]string{"Three days ago=2024-05-13", "last Thursday=2024-05-09", "December=2023-12"},
			[]string{"Three days ago=", "last Thursday=", "December="}},
		// Not dates: modal "may", a sum, a count, a time of day.
		{"It may rain; he paid $2024 for 1500 tickets at 10:30.", nil, nil},
	}
	for _, tt := range tests {
		for _, run := range []struct {
			pub  time.Time
			want []string
		}{{published, tt.known}, {time.Time{}, tt.blind}} {
			got := Extract(tt.text, run.pub)
			checkDates(t, tt.text, got)
			var gs []string
			for _, d := range got {
				gs = append(gs, d.Text+"="+d.Value)
			}
			if strings.Join(gs, "|") != strings.Join(run.want, "|") {
				t.Errorf("Extract(%q, %v)\n got  %q\n want %q", tt.text, run.pub.Format("2006-01-02"), gs, run.want)
			}
		}
	}
}

func TestClosestYear(t *testing.T) {
	march := time.Date(2005, time.March, 1, 0, 0, 0, 0, time.UTC)
	ds := Extract("The record was set on 10 November and sales fell in April.", march)
	if len(ds) != 2 || ds[0].Value != "2004-11-10" || ds[1].Value != "2005-04" {
		t.Fatalf("got %+v, want last November and this April", ds)
	}
}

func TestRelativeFlag(t *testing.T) {
	ds := Extract("On 16 May 2024 and tomorrow.", published)
	if len(ds) != 2 || ds[0].Relative || !ds[1].Relative {
		t.Fatalf("got %+v, want an absolute then a relative date", ds)
	}
}

func TestSeed(t *testing.T) {
	b, err := os.ReadFile(shareddata.Seed(t))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	ds := Extract(text, published)
	checkDates(t, text, ds)
	want := map[string]string{"Today": "2024-05-16", "tomorrow": "2024-05-17", "2022": "2022", "last year": "2023", "2020": "2020", "2012": "2012"}
	for _, d := range ds {
		if v, ok := want[d.Text]; ok && v == d.Value {
			delete(want, d.Text)
		}
	}
	if len(want) > 0 {
		t.Errorf("seed: missing %v in %+v", want, ds)
	}
}

func checkDates(t *testing.T, text string, ds []dossier.Date) {
	t.Helper()
	utf := utf8.ValidString(text)
	prev := 0
	for _, d := range ds {
		if d.Start < prev || d.End <= d.Start || d.End > len(text) || text[d.Start:d.End] != d.Text {
			t.Fatalf("bad span %+v in %q", d, text)
		}
		if utf && (!utf8.RuneStart(text[d.Start]) || d.End < len(text) && !utf8.RuneStart(text[d.End])) {
			t.Fatalf("span splits a character: %+v", d)
		}
		prev = d.End
	}
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{"16 May 2024", "May 16, 2024", "2024-02-30", "last Friday", "3 days ago", "31 February 2023", "in 2022,", "May", "Sept. 9999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		checkDates(t, text, Extract(text, published))
		checkDates(t, text, Extract(text, time.Time{}))
	})
}

func BenchmarkExtract(b *testing.B) {
	text := strings.Repeat("Today the leaders met in Beijing; tomorrow Putin visits Harbin. Trade last year reached $240 billion, up from 2020. On 16 May 2024 they signed.\n\n", 50)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Extract(text, published)
	}
}
