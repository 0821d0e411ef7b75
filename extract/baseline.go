package extract

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"codeberg.org/readeck/go-readability/v2"
	"github.com/markusmobius/go-trafilatura"
)

// Baselines names the unmodified library extractors that BaselineText runs,
// for comparison with HTML in evaluations.
var Baselines = []string{"trafilatura", "trafilatura-fallback", "readability"}

// BaselineText returns the main text that an unmodified library extracts
// from a page (engine is one of Baselines), decoded and bounded exactly as
// in HTML. It exists to measure HTML against the libraries it builds on.
func BaselineText(engine string, data []byte, pageURL, contentType string) (string, error) {
	doc, err := parsePage(data, contentType)
	if err != nil {
		return "", fmt.Errorf("baseline %s %s: %w", engine, nameOf(pageURL), err)
	}
	u, _ := url.Parse(pageURL)
	if u != nil && u.Host == "" {
		u = nil
	}
	switch engine {
	case "trafilatura", "trafilatura-fallback":
		res, err := trafilatura.ExtractDocument(doc, trafilatura.Options{
			OriginalURL:     u,
			ExcludeComments: true,
			EnableFallback:  engine == "trafilatura-fallback",
			HtmlDateMode:    trafilatura.Disabled,
		})
		if err != nil {
			return "", fmt.Errorf("baseline %s %s: %w", engine, nameOf(pageURL), err)
		}
		return res.ContentText, nil
	case "readability":
		p := readability.NewParser()
		art, err := p.ParseDocument(doc, u)
		if err != nil {
			return "", fmt.Errorf("baseline %s %s: %w", engine, nameOf(pageURL), err)
		}
		var buf bytes.Buffer
		if art.Node != nil {
			if err := art.RenderText(&buf); err != nil {
				return "", fmt.Errorf("baseline %s %s: %w", engine, nameOf(pageURL), err)
			}
		}
		return buf.String(), nil
	}
	return "", fmt.Errorf("baseline: unknown engine %q (want %s)", engine, strings.Join(Baselines, ", "))
}
