package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/nlp"
)

// DefaultParse reads a posted document with the ingest package's readers,
// exactly as 'dossier ingest' reads a file: a JSON article (a JSONL
// record: id, title, text, url, published, source, byline, topic), an HTML
// page (pageURL names it) or a plain-text article, detected by content.
// The article gets its id as ingest gives it (the given id, else the
// canonical URL, else a content hash). Errors are EINVALID (ETOOLARGE for
// an oversized document) and say what was wrong.
func DefaultParse(body []byte, contentType, pageURL string) (*dossier.Article, error) {
	name := "request body"
	switch contentType {
	case "application/json":
		name += ".json"
	case "text/html", "application/xhtml+xml":
		name += ".html"
	case "text/plain":
		name += ".txt"
	}
	in, err := ingest.NewInput(name, pageURL, bytes.NewReader(body))
	if err != nil {
		return nil, invalid(err)
	}
	in.ContentType = contentType
	var arts []dossier.Article
	errTooMany := errors.New("too many")
	_, err = ingest.ReadInput(context.Background(), in, func(r ingest.Record) error {
		if r.Err != nil {
			return r.Err
		}
		if len(arts) == 1 {
			return errTooMany
		}
		arts = append(arts, r.Article)
		return nil
	})
	switch {
	case errors.Is(err, errTooMany):
		return nil, dossier.Errorf(dossier.EINVALID, "the body holds more than one article: post one at a time")
	case err != nil:
		return nil, invalid(err)
	case len(arts) == 0:
		return nil, dossier.Errorf(dossier.EINVALID, "the body holds no article")
	}
	a := arts[0]
	if a.URL == "" {
		a.URL = pageURL
	}
	ingest.Finalize(&a, time.Now())
	return &a, nil
}

// invalid keeps a coded error's code and makes any other error EINVALID.
func invalid(err error) error {
	var e *dossier.Error
	if errors.As(err, &e) {
		return fmt.Errorf("read document: %w", err)
	}
	return dossier.Errorf(dossier.EINVALID, "read document: %v", err)
}

func defaultAnnotate(a dossier.Article) dossier.Article { return nlp.Annotate(a) }
