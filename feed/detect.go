package feed

import (
	"bytes"
	"unicode/utf8"
)

// Kind is the kind of a document, as told by its content.
type Kind int

// Document kinds Detect tells apart.
const (
	Unknown  Kind = iota // none of the below
	RSS                  // RSS 0.9x, 1.0 (RDF) or 2.0
	Atom                 // Atom 1.0 (or 0.3)
	JSONFeed             // JSON Feed 1.x
	OPML                 // an OPML outline, usually a list of feeds
	HTML                 // a web page
)

// String returns the kind's name.
func (k Kind) String() string {
	switch k {
	case RSS:
		return "rss"
	case Atom:
		return "atom"
	case JSONFeed:
		return "jsonfeed"
	case OPML:
		return "opml"
	case HTML:
		return "html"
	}
	return "unknown"
}

// IsFeed reports whether k is RSS, Atom or JSON Feed.
func (k Kind) IsFeed() bool { return k == RSS || k == Atom || k == JSONFeed }

// Detect tells what data is from its first few kilobytes: the root element
// of an XML document (after the prolog, comments and doctype), a JSON
// object naming a jsonfeed.org version, or an HTML page.
func Detect(data []byte) Kind {
	head := data[:min(len(data), 4096)]
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	head = bytes.TrimLeft(head, " \t\r\n")
	if len(head) == 0 {
		return Unknown
	}
	if head[0] == '{' {
		if bytes.Contains(head, []byte("jsonfeed.org/version")) {
			return JSONFeed
		}
		return Unknown
	}
	for len(head) > 0 && head[0] == '<' {
		switch {
		case bytes.HasPrefix(head, []byte("<?")):
			head = skipPast(head, "?>")
		case bytes.HasPrefix(head, []byte("<!--")):
			head = skipPast(head, "-->")
		case bytes.HasPrefix(head, []byte("<!")):
			if hasPrefixFold(head, "<!doctype html") {
				return HTML
			}
			head = skipPast(head, ">")
		default:
			name := head[1:]
			end := bytes.IndexAny(name, " \t\r\n>/")
			if end < 0 {
				end = len(name)
			}
			name = name[:end]
			if i := bytes.IndexByte(name, ':'); i >= 0 && !bytes.EqualFold(name, []byte("rdf:RDF")) {
				name = name[i+1:] // a namespace prefix, as in <atom:feed>
			}
			switch string(bytes.ToLower(name)) {
			case "rss", "rdf:rdf":
				return RSS
			case "feed":
				return Atom
			case "opml":
				return OPML
			case "html", "head", "body":
				return HTML
			}
			return Unknown
		}
		head = bytes.TrimLeft(head, " \t\r\n")
	}
	if utf8.Valid(head) && bytes.Contains(bytes.ToLower(head), []byte("<html")) {
		return HTML
	}
	return Unknown
}

func skipPast(b []byte, marker string) []byte {
	i := bytes.Index(b, []byte(marker))
	if i < 0 {
		return nil
	}
	return b[i+len(marker):]
}

func hasPrefixFold(b []byte, prefix string) bool {
	return len(b) >= len(prefix) && bytes.EqualFold(b[:len(prefix)], []byte(prefix))
}
