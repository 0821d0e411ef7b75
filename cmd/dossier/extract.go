package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/nlp"
)

// runExtract runs the pipeline on one document, with no database:
// 'dossier extract [--format json|text] FILE|-'.
func runExtract(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "extract", "FILE|-")
	format := fs.String("format", "json", "output format: json or text")
	noNLP := fs.Bool("no-nlp", false, "skip entities, quotes, figures and dates")
	rest, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		fs.Usage()
		return errors.New("extract: give one FILE, or - for stdin")
	}
	if *format != "json" && *format != "text" {
		return fmt.Errorf("extract: unknown --format %q (want json or text)", *format)
	}
	name := rest[0]
	var r io.Reader
	pageURL := ""
	switch {
	case name == "-":
		r = e.stdin
	case ingest.IsURL(name):
		if ingestFetcher == nil {
			return fmt.Errorf("extract: %s: cannot fetch URLs in this build; save the page and pass the file", name)
		}
		f, err := ingestFetcher(os.Getenv(allowPrivateEnv) != "").Fetch(ctx, name)
		if err != nil {
			return fmt.Errorf("extract: %s: %w", name, err)
		}
		defer f.Body.Close()
		r, pageURL = f.Body, f.URL
	default:
		fh, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("extract: %w", err)
		}
		defer fh.Close()
		r = fh
	}
	in, err := ingest.NewInput(name, pageURL, r)
	if err != nil {
		return fmt.Errorf("extract: %w", &ingest.InputError{Input: name, Err: err})
	}
	f, err := ingest.DetectInput(in)
	if err != nil {
		return fmt.Errorf("extract: %w", &ingest.InputError{Input: name, Err: err})
	}
	now := time.Now()
	var failed int
	err = f.Read(ctx, in, func(rec ingest.Record) error {
		if rec.Err != nil {
			failed++
			fmt.Fprintf(e.stderr, "dossier: extract: %v\n", &ingest.InputError{Input: name, Format: f.Name, Line: rec.Line, Err: rec.Err})
			return nil
		}
		a := rec.Article
		ingest.Finalize(&a, now)
		if !*noNLP {
			a = nlp.Annotate(a)
			ingest.Finalize(&a, now)
		}
		if *format == "text" {
			return writeArticleText(e.stdout, &a)
		}
		return writeArticleJSON(e.stdout, &a)
	})
	if err != nil {
		return fmt.Errorf("extract: %w", &ingest.InputError{Input: name, Format: f.Name, Err: err})
	}
	if failed > 0 {
		return fmt.Errorf("extract: %d records of %s failed", failed, name)
	}
	return nil
}

// articleJSON is the extract output: every key of the foundation issue is
// always present (empty strings, null published, empty arrays).
type articleJSON struct {
	ID          string                     `json:"id"`
	Title       string                     `json:"title"`
	Topic       string                     `json:"topic"`
	Byline      string                     `json:"byline"`
	Published   *time.Time                 `json:"published"`
	Modified    *time.Time                 `json:"modified"`
	URL         string                     `json:"url"`
	Source      string                     `json:"source"`
	Site        string                     `json:"site"`
	Description string                     `json:"description"`
	Language    string                     `json:"language"`
	Text        string                     `json:"text"`
	Paragraphs  []dossier.Paragraph        `json:"paragraphs"`
	Entities    []dossier.Entity           `json:"entities"`
	Quotes      []dossier.Quote            `json:"quotes"`
	Figures     []dossier.Figure           `json:"figures"`
	Dates       []dossier.Date             `json:"dates"`
	Meta        map[string]json.RawMessage `json:"meta,omitempty"`
	ContentHash string                     `json:"content_hash"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func writeArticleJSON(w io.Writer, a *dossier.Article) error {
	out := articleJSON{
		ID: a.ID, Title: a.Title, Topic: a.Topic, Byline: a.Byline,
		Published: timePtr(a.Published), Modified: timePtr(a.Modified),
		URL: a.URL, Source: a.Source, Site: a.Site, Description: a.Description,
		Language: a.Language, Text: a.Text, Paragraphs: a.Paragraphs,
		Entities: a.Entities, Quotes: a.Quotes, Figures: a.Figures, Dates: a.Dates,
		Meta: a.Meta, ContentHash: a.ContentHash,
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeArticleText prints a readable summary: the metadata, the text with
// its headings, then what was extracted.
func writeArticleText(w io.Writer, a *dossier.Article) error {
	var b strings.Builder
	field := func(name, value string) {
		if value != "" {
			fmt.Fprintf(&b, "%-10s %s\n", name+":", value)
		}
	}
	field("Title", a.Title)
	field("ID", a.ID)
	field("Topic", a.Topic)
	field("Byline", a.Byline)
	if !a.Published.IsZero() {
		field("Published", a.Published.Format(time.RFC3339))
	}
	field("URL", a.URL)
	field("Source", a.Source)
	field("Site", a.Site)
	field("Language", a.Language)
	headings := 0
	for _, p := range a.Paragraphs {
		if p.Heading {
			headings++
		}
	}
	fmt.Fprintf(&b, "%-10s %d paragraphs (%d headings), %d words; %d entities, %d quotes, %d figures, %d dates\n\n",
		"Body:", len(a.Paragraphs)-headings, headings, len(strings.Fields(a.Text)),
		len(a.Entities), len(a.Quotes), len(a.Figures), len(a.Dates))
	for _, p := range a.Paragraphs {
		if p.Heading {
			fmt.Fprintf(&b, "## %s\n\n", a.Text[p.Start:p.End])
		} else {
			fmt.Fprintf(&b, "%s\n\n", a.Text[p.Start:p.End])
		}
	}
	if len(a.Entities) > 0 {
		b.WriteString("Entities:\n")
		for _, en := range a.Entities {
			fmt.Fprintf(&b, "  %-4s %s (%d mentions)\n", en.Type, en.Name, len(en.Mentions))
		}
	}
	if len(a.Quotes) > 0 {
		b.WriteString("Quotes:\n")
		for _, q := range a.Quotes {
			who := q.Speaker
			if who == "" {
				who = "(unknown)"
			}
			fmt.Fprintf(&b, "  %s: %q\n", who, q.Text)
		}
	}
	if len(a.Figures) > 0 {
		b.WriteString("Figures:\n")
		for _, f := range a.Figures {
			fmt.Fprintf(&b, "  %-9s %s\n", f.Kind, f.Text)
		}
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}
