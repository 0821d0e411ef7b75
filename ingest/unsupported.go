package ingest

import (
	"bytes"
	"context"

	"github.com/dossier/dossier"
)

// Formats that dossier recognises but has no reader for in this build get
// a clear error instead of being read as HTML or plain text. A reader
// registered for one of them (a WARC or feed reader, with a lower
// Priority) takes precedence.
func init() {
	Register(Format{Name: "unsupported", Priority: 400, Sniff: func(_ string, head []byte) bool {
		return unsupportedKind(head) != ""
	}, Read: func(_ context.Context, in *Input, _ func(Record) error) error {
		head, _ := in.Peek(SniffSize)
		return dossier.Errorf(dossier.EINVALID, "%s: no reader for this format", unsupportedKind(head))
	}})
}

// unsupportedKind names the kind of document head starts, if it is one
// dossier knows but reads only through an optional reader.
func unsupportedKind(head []byte) string {
	lead := Lead(head)
	switch {
	case bytes.HasPrefix(lead, []byte("WARC/")):
		return "WARC web archive"
	case bytes.HasPrefix(lead, []byte("%PDF-")):
		return "PDF document"
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return "ZIP archive"
	}
	if len(lead) == 0 || lead[0] != '<' {
		return ""
	}
	l := bytes.ToLower(lead)
	root := -1
	for _, tag := range []string{"<rss", "<feed", "<rdf:rdf"} {
		if i := bytes.Index(l, []byte(tag)); i >= 0 && (root < 0 || i < root) {
			root = i
		}
	}
	if root >= 0 {
		if html := bytes.Index(l, []byte("<html")); html < 0 || html > root {
			return "RSS/Atom feed"
		}
	}
	return ""
}
