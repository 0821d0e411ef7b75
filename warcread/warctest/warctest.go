// Package warctest writes WARC archives for tests and benchmarks, with the
// same library dossier reads them with (github.com/nlnwa/gowarc/v2).
package warctest

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"time"

	"github.com/nlnwa/gowarc/v2"
)

// Record is one record to write.
type Record struct {
	Type        gowarc.RecordType // gowarc.Response, Request, Resource, Warcinfo...
	URL         string            // WARC-Target-URI
	Date        time.Time         // WARC-Date
	Status      int               // HTTP status, for responses (default 200)
	ContentType string            // HTTP Content-Type, for responses
	Body        string            // HTTP payload, or the whole block for other types
}

// Page returns an HTML response record for a page at url with the given
// title and paragraphs.
func Page(url string, date time.Time, title string, paragraphs []string) Record {
	var b bytes.Buffer
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>\n", escape(title))
	fmt.Fprintf(&b, "<link rel=\"canonical\" href=\"%s\"></head>\n<body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav>\n", url)
	fmt.Fprintf(&b, "<article><h1>%s</h1>\n", escape(title))
	for _, p := range paragraphs {
		fmt.Fprintf(&b, "<p>%s</p>\n", escape(p))
	}
	b.WriteString("</article><footer>Copyright sample site</footer></body></html>\n")
	return Record{Type: gowarc.Response, URL: url, Date: date, Status: 200, ContentType: "text/html; charset=utf-8", Body: b.String()}
}

func escape(s string) string {
	var b bytes.Buffer
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// Marshal returns rec as one WARC record's bytes.
func Marshal(rec Record) ([]byte, error) {
	block := rec.Body
	contentType := ""
	switch rec.Type {
	case gowarc.Response:
		status := rec.Status
		if status == 0 {
			status = 200
		}
		block = fmt.Sprintf("HTTP/1.1 %d %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s",
			status, statusText(status), rec.ContentType, len(rec.Body), rec.Body)
		contentType = "application/http;msgtype=response"
	case gowarc.Request:
		contentType = "application/http;msgtype=request"
	case gowarc.Warcinfo:
		contentType = "application/warc-fields"
	default:
		contentType = rec.ContentType
	}
	b := gowarc.NewRecordBuilder(rec.Type, gowarc.WithAddMissingDigest(true), gowarc.WithFixDigest(true))
	if rec.URL != "" {
		b.AddWarcHeader(gowarc.WarcTargetURI, rec.URL)
	}
	date := rec.Date
	if date.IsZero() {
		date = time.Date(2024, 5, 16, 12, 0, 0, 0, time.UTC)
	}
	b.AddWarcHeaderTime(gowarc.WarcDate, date)
	if contentType != "" {
		b.AddWarcHeader(gowarc.ContentType, contentType)
	}
	if _, err := b.WriteString(block); err != nil {
		return nil, err
	}
	wr, _, err := b.Build()
	if err != nil {
		return nil, fmt.Errorf("build record %s: %w", rec.URL, err)
	}
	defer wr.Close()
	var out bytes.Buffer
	if _, _, err := gowarc.NewMarshaler().Marshal(&out, wr, 0); err != nil {
		return nil, fmt.Errorf("marshal record %s: %w", rec.URL, err)
	}
	return out.Bytes(), nil
}

func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 404:
		return "Not Found"
	case 301:
		return "Moved Permanently"
	}
	return "Status"
}

// Write writes the records to w as a WARC archive, each record its own
// gzip member when gz is set (the .warc.gz convention). It returns the
// offset of every record in the output.
func Write(w io.Writer, gz bool, recs ...Record) ([]int64, error) {
	var offsets []int64
	var n int64
	for _, rec := range recs {
		data, err := Marshal(rec)
		if err != nil {
			return nil, err
		}
		if gz {
			var zb bytes.Buffer
			zw := gzip.NewWriter(&zb)
			zw.Write(data)
			if err := zw.Close(); err != nil {
				return nil, err
			}
			data = zb.Bytes()
		}
		offsets = append(offsets, n)
		m, err := w.Write(data)
		n += int64(m)
		if err != nil {
			return nil, err
		}
	}
	return offsets, nil
}
