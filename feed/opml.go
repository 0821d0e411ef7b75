package feed

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"

	"github.com/dossier/dossier"
)

// Subscription is one feed listed in an OPML file.
type Subscription struct {
	Title   string // the outline's title or text
	FeedURL string // xmlUrl
	SiteURL string // htmlUrl, if given
}

type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr"`
	Type     string        `xml:"type,attr"`
	XMLURL   string        `xml:"xmlUrl,attr"`
	HTMLURL  string        `xml:"htmlUrl,attr"`
	Outlines []opmlOutline `xml:"outline"`
}

type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Body    []opmlOutline `xml:"body>outline"`
}

// ParseOPML reads the feeds listed in an OPML file (the export format of
// feed readers), following nested folders, in document order and without
// repeats. name labels the input in errors.
func ParseOPML(name string, data []byte) ([]Subscription, error) {
	var doc opmlDoc
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = false
	dec.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	if err := dec.Decode(&doc); err != nil {
		return nil, dossier.Errorf(dossier.EINVALID, "%s: not an OPML file: %v", name, err)
	}
	var subs []Subscription
	seen := map[string]bool{}
	var walk func([]opmlOutline)
	walk = func(os []opmlOutline) {
		for _, o := range os {
			u := strings.TrimSpace(o.XMLURL)
			if u != "" && !seen[u] {
				seen[u] = true
				subs = append(subs, Subscription{Title: firstNonEmpty(o.Title, o.Text), FeedURL: u, SiteURL: strings.TrimSpace(o.HTMLURL)})
			}
			walk(o.Outlines)
		}
	}
	walk(doc.Body)
	if len(subs) == 0 {
		return nil, dossier.Errorf(dossier.EINVALID, "%s: the OPML file lists no feeds (no outline with an xmlUrl)", name)
	}
	return subs, nil
}
