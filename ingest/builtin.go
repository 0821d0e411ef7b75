package ingest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/extract"
)

// MaxLineSize bounds one line of JSON Lines; a longer line is reported as
// a failed record and skipped.
const MaxLineSize = 64 << 20

func init() {
	Register(Format{Name: "jsonl", Exts: []string{".jsonl", ".ndjson"}, Priority: 100, Sniff: sniffJSONL, Read: readJSONL})
	Register(Format{Name: "json", Exts: []string{".json"}, Priority: 110, Sniff: sniffJSON, Read: readJSON})
	Register(Format{Name: "html", Exts: []string{".html", ".htm", ".xhtml"}, Priority: 500, Sniff: sniffHTML, Read: readHTML})
	Register(Format{Name: "text", Exts: []string{".txt", ".text"}, Priority: 1000, Sniff: func(string, []byte) bool { return true }, Read: readText})
}

// sniffJSONL accepts content that starts with "{" and either has a
// JSON Lines name (.jsonl, .ndjson) or a first line that is a complete
// JSON object (or too long to tell from the head).
func sniffJSONL(name string, head []byte) bool {
	lead := Lead(head)
	if len(lead) == 0 || lead[0] != '{' {
		return false
	}
	lname := strings.TrimSuffix(strings.ToLower(name), ".gz")
	if strings.HasSuffix(lname, ".jsonl") || strings.HasSuffix(lname, ".ndjson") {
		return true
	}
	nl := bytes.IndexByte(lead, '\n')
	if nl < 0 {
		// One object with no newline within the head: a long line, or a
		// whole small file of one object; both read fine line by line.
		return len(lead) == len(head) || len(head) >= SniffSize || json.Valid(lead)
	}
	return json.Valid(bytes.TrimSpace(lead[:nl]))
}

// sniffJSON accepts a JSON array or a pretty-printed JSON object.
func sniffJSON(_ string, head []byte) bool {
	lead := Lead(head)
	return len(lead) > 0 && (lead[0] == '[' || lead[0] == '{')
}

// sniffHTML accepts content that starts with markup and names an HTML
// element early on.
func sniffHTML(_ string, head []byte) bool {
	lead := Lead(head)
	if len(lead) == 0 || lead[0] != '<' {
		return false
	}
	l := bytes.ToLower(lead)
	for _, tag := range []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<article", "<div", "<p>", "<p ", "<h1"} {
		if bytes.Contains(l, []byte(tag)) {
			return true
		}
	}
	return false
}

func readHTML(_ context.Context, in *Input, emit func(Record) error) error {
	data, err := in.ReadAll(MaxDocumentSize)
	if err != nil {
		return err
	}
	a, err := extract.HTMLWithContentType(data, in.URL, in.ContentType)
	if err != nil {
		return err
	}
	if a.URL == "" {
		a.URL = in.URL
	}
	return emit(Record{Article: a})
}

func readText(_ context.Context, in *Input, emit func(Record) error) error {
	data, err := in.ReadAll(extract.MaxTextSize)
	if err != nil {
		return err
	}
	a, err := extract.Text(data)
	if err != nil {
		return err
	}
	if a.URL == "" {
		a.URL = in.URL
	}
	return emit(Record{Article: a})
}

// readJSONL reads one JSON object per line, with lines up to MaxLineSize
// bytes, in constant memory beyond the longest line. A bad line is
// emitted as a failed record and reading goes on.
func readJSONL(ctx context.Context, in *Input, emit func(Record) error) error {
	br := in.Buffered()
	var long []byte
	line := 0
	for {
		chunk, err := br.ReadSlice('\n')
		if errors.Is(err, bufio.ErrBufferFull) {
			// A line longer than the buffer: accumulate it, up to the limit.
			if len(long) <= MaxLineSize {
				long = append(long, chunk...)
			}
			continue
		}
		if err != nil && err != io.EOF {
			return err
		}
		data := chunk
		if long != nil {
			if len(long) <= MaxLineSize {
				long = append(long, chunk...)
			}
			data = long
		}
		if len(data) > 0 {
			line++
			var rec Record
			if len(data) > MaxLineSize {
				rec = Record{Line: line, Err: dossier.Errorf(dossier.ETOOLARGE, "line is longer than the %d MB limit", MaxLineSize>>20)}
			} else {
				rec = jsonLine(data, line)
			}
			if rec.Err != nil || rec.Line > 0 {
				if eerr := emit(rec); eerr != nil {
					return eerr
				}
			}
		}
		long = nil
		if err == io.EOF {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

// jsonLine decodes one line; it returns a zero Record for a blank line.
func jsonLine(data []byte, line int) Record {
	data = bytes.TrimSpace(data)
	if line == 1 {
		data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	}
	if len(data) == 0 {
		return Record{}
	}
	a, err := articleFromJSON(data)
	if err != nil {
		return Record{Line: line, Err: err}
	}
	return Record{Article: a, Line: line}
}

// readJSON reads a JSON array of article objects, or one or more
// (pretty-printed) objects in a row, streaming element by element.
func readJSON(ctx context.Context, in *Input, emit func(Record) error) error {
	dec := json.NewDecoder(in)
	dec.UseNumber()
	lead, _ := in.Peek(SniffSize)
	lead = Lead(lead)
	array := len(lead) > 0 && lead[0] == '['
	if array {
		if _, err := dec.Token(); err != nil {
			return jsonSyntax(err, dec)
		}
	}
	for n := 1; ; n++ {
		if array && !dec.More() {
			if _, err := dec.Token(); err != nil {
				return jsonSyntax(err, dec)
			}
			if _, err := dec.Token(); err != io.EOF {
				return dossier.Errorf(dossier.EINVALID, "unexpected data after the end of the JSON array (byte %d)", dec.InputOffset())
			}
			return nil
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			if !array && err == io.EOF && n > 1 {
				return nil
			}
			return jsonSyntax(err, dec)
		}
		a, err := articleFromJSON(raw)
		rec := Record{Article: a, Line: n, Err: err}
		if err := emit(rec); err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
}

func jsonSyntax(err error, dec *json.Decoder) error {
	if err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF) {
		return dossier.Errorf(dossier.EINVALID, "JSON ends early at byte %d", dec.InputOffset())
	}
	var de *dossier.Error
	if errors.As(err, &de) {
		return err
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return dossier.Errorf(dossier.EINVALID, "invalid JSON at byte %d: %v", se.Offset, err)
	}
	return dossier.Errorf(dossier.EINVALID, "invalid JSON near byte %d: %v", dec.InputOffset(), err)
}

// articleFromJSON maps one JSON object to an article: the known fields
// (id, title, text, url, published, source, byline, topic and a few common
// aliases) to their places, other fields to Meta. Text is kept byte for
// byte.
func articleFromJSON(data []byte) (dossier.Article, error) {
	var a dossier.Article
	if !utf8.Valid(data) {
		return a, dossier.Errorf(dossier.EINVALID, "not valid UTF-8 (byte %d of the record); JSON must be UTF-8", invalidAt(data))
	}
	if len(data) == 0 || data[0] != '{' {
		return a, dossier.Errorf(dossier.EINVALID, "not a JSON object: %s", preview(data))
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(data, &obj); err != nil {
		return a, dossier.Errorf(dossier.EINVALID, "invalid JSON: %v", jsonErrText(err))
	}
	return articleFromObject(obj)
}

func invalidAt(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func preview(b []byte) string {
	s := string(bytes.TrimSpace(b))
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}

func jsonErrText(err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return se.Error() + " at byte " + strconv.FormatInt(se.Offset, 10)
	}
	return err.Error()
}
