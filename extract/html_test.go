package extract

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
	goldenfile "github.com/dossier/dossier/internal/golden"
)

// htmlView is the part of an Article that the HTML golden files record.
type htmlView struct {
	Title       string        `json:"title"`
	Byline      string        `json:"byline"`
	Published   string        `json:"published"`
	Modified    string        `json:"modified"`
	Site        string        `json:"site"`
	URL         string        `json:"url"`
	Language    string        `json:"language"`
	Description string        `json:"description"`
	Paragraphs  []htmlViewPar `json:"paragraphs"`
}

type htmlViewPar struct {
	Heading bool   `json:"heading,omitempty"`
	Text    string `json:"text"`
}

func viewOf(a dossier.Article) htmlView {
	v := htmlView{Title: a.Title, Byline: a.Byline, Site: a.Site, URL: a.URL, Language: a.Language, Description: a.Description}
	if !a.Published.IsZero() {
		v.Published = a.Published.Format(time.RFC3339)
	}
	if !a.Modified.IsZero() {
		v.Modified = a.Modified.Format(time.RFC3339)
	}
	for _, p := range a.Paragraphs {
		v.Paragraphs = append(v.Paragraphs, htmlViewPar{Heading: p.Heading, Text: a.Text[p.Start:p.End]})
	}
	return v
}

// htmlCases states, for each fixture in testdata/html, what must hold
// whatever the golden file says, so a regenerated golden cannot hide a bug.
var htmlCases = []struct {
	file      string
	url       string
	byline    string
	published string // date, YYYY-MM-DD
	modified  string
	language  string
	headings  int      // paragraphs marked as headings
	want      []string // substrings of Text
	not       []string // substrings that must not be in Text
}{
	{file: "jsonld.html", url: "https://courier.example/news/2024/03/harbour-flood-barrier?utm_source=x",
		byline: "Maria Okafor, Tom Reyes", published: "2024-03-12", modified: "2024-03-12", language: "en", headings: 2,
		want: []string{"voted nine to two", "a tidal barrier with movable gates", "construction could start"},
		not:  []string{"Related stories", "Sign up", "Share on", "Storm closes", "All rights reserved", "Home"}},
	{file: "meta-only.html", url: "https://midlandpost.example/transport/rail-strike-called-off",
		byline: "Priya Natarajan", published: "2023-11-02", modified: "2023-11-02", language: "en",
		want: []string{"called off after the union", "recommended that they accept it"},
		not:  []string{"Follow us", "Log in", "Published Thursday"}},
	{file: "byline-junk.html", url: "https://city.example/2022/06/14/library-hours",
		byline: "Daniel O'Brien", published: "2022-06-14", language: "en",
		want: []string{"stay open until nine", "first Sunday of each month"},
		not:  []string{"Share this", "Opinion"}},
	{file: "comments.html", url: "https://greencorner.example/tomatoes-balcony/",
		byline: "Lena Hoffmann", published: "2021-05-03", language: "en", headings: 1,
		want: []string{"six hours of light", "fruit splits"},
		not:  []string{"Leave a Reply", "Great tips", "north-facing", "Required fields", "thoughts on"}},
	{file: "cookie.html", url: "https://bakery.example/award",
		byline: "Chloe Martin", published: "2020-09-17", language: "en",
		want: []string{"best sourdough loaf", "national finals"},
		not:  []string{"cookies", "Accept all", "privacy choices"}},
	{file: "german.html", url: "https://stadtanzeiger.example/lokales/radwege",
		byline: "Jürgen Weiß", published: "2024-09-05", language: "de", headings: 1,
		want: []string{"zwölf Kilometer neue Radwege", "Parkplätze wegfallen"},
		not:  []string{"Endlich passiert", "Startseite", "Von Jürgen"}},
	{file: "cp1251.html", url: "https://news.example.ru/festival",
		byline: "Ольга Смирнова", published: "2021-01-15", language: "",
		want: []string{"В центральном парке в пятницу открылся зимний фестиваль", "ста тысяч человек"},
		not:  []string{"Главная"}},
}

func TestHTMLGolden(t *testing.T) {
	for _, c := range htmlCases {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", "html", c.file))
			if err != nil {
				t.Fatal(err)
			}
			art, err := HTML(data, c.url)
			if err != nil {
				t.Fatalf("HTML: %v", err)
			}
			checkArticle(t, art)
			if art.Byline != c.byline {
				t.Errorf("byline %q, want %q", art.Byline, c.byline)
			}
			if got := dateOf(art.Published); got != c.published {
				t.Errorf("published %s, want %s", got, c.published)
			}
			if got := dateOf(art.Modified); c.modified != "" && got != c.modified {
				t.Errorf("modified %s, want %s", got, c.modified)
			}
			if c.language != "" && art.Language != c.language {
				t.Errorf("language %q, want %q", art.Language, c.language)
			}
			headings := 0
			for _, p := range art.Paragraphs {
				if p.Heading {
					headings++
				}
			}
			if headings != c.headings {
				t.Errorf("%d headings, want %d", headings, c.headings)
			}
			for _, w := range c.want {
				if !strings.Contains(art.Text, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			for _, w := range c.not {
				if strings.Contains(art.Text, w) {
					t.Errorf("text keeps boilerplate %q", w)
				}
			}
			golden := filepath.Join("testdata", "html", strings.TrimSuffix(c.file, ".html")+".golden.json")
			got, _ := json.MarshalIndent(viewOf(art), "", "  ")
			got = append(got, '\n')
			goldenfile.Check(t, golden, got, *update)
		})
	}
}

func dateOf(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// checkArticle verifies the invariants of Text and Paragraphs.
func checkArticle(t *testing.T, a dossier.Article) {
	t.Helper()
	end := 0
	for i, p := range a.Paragraphs {
		if p.Start < end || p.End <= p.Start || p.End > len(a.Text) {
			t.Fatalf("paragraph %d has bad span [%d,%d) after %d in %d bytes", i, p.Start, p.End, end, len(a.Text))
		}
		if i > 0 && a.Text[end:p.Start] != "\n\n" {
			t.Fatalf("paragraphs %d and %d are not separated by a blank line", i-1, i)
		}
		end = p.End
	}
	if end != len(a.Text) {
		t.Fatalf("paragraphs end at %d, text at %d", end, len(a.Text))
	}
}

func TestHTMLContentTypeCharset(t *testing.T) {
	// The page says windows-1251 in its meta; the HTTP header wins when it
	// names another charset, and a BOM wins over both.
	src, err := os.ReadFile(filepath.Join("testdata", "html", "cp1251.html"))
	if err != nil {
		t.Fatal(err)
	}
	art, err := HTMLWithContentType(src, "", "text/html; charset=windows-1251")
	if err != nil || !strings.Contains(art.Text, "зимний фестиваль") {
		t.Fatalf("header charset: %v %q", err, art.Text)
	}
	// Declared wrongly as windows-1251 but really UTF-8: decoded as UTF-8.
	utf := []byte(`<html><head><meta charset="windows-1251"><title>Тест</title></head><body><p>` +
		strings.Repeat("Привет, мир. Это проверка кодировки страницы. ", 10) + `</p></body></html>`)
	art, err = HTML(utf, "")
	if err != nil || !strings.Contains(art.Text, "Привет, мир") {
		t.Fatalf("mislabelled UTF-8: %v %q", err, art.Text)
	}
	// A UTF-8 BOM beats a header that says windows-1252.
	bom := append([]byte{0xEF, 0xBB, 0xBF}, []byte(`<html><body><p>`+strings.Repeat("Café crème brûlée à la française. ", 12)+`</p></body></html>`)...)
	art, err = HTMLWithContentType(bom, "", "text/html; charset=windows-1252")
	if err != nil || !strings.Contains(art.Text, "Café crème") {
		t.Fatalf("BOM: %v %q", err, art.Text)
	}
	// A header charset beats the meta declaration.
	latin := []byte("<html><head><meta charset=\"utf-8\"></head><body><p>" + strings.Repeat("Ni\xf1o peque\xf1o en la monta\xf1a. ", 12) + "</p></body></html>")
	art, err = HTMLWithContentType(latin, "", "text/html; charset=iso-8859-1")
	if err != nil || !strings.Contains(art.Text, "Niño pequeño") {
		t.Fatalf("header over meta: %v %q", err, art.Text)
	}
}
