package warcread

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http/httputil"
	"strings"

	"github.com/nlnwa/gowarc/v2"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/extract"
)

// DefaultMaxPayload bounds the HTML read from one record.
const DefaultMaxPayload = 8 << 20

// Options configure ReadWith.
type Options struct {
	// Extract turns an HTML payload into an article; default
	// extract.HTMLWithContentType.
	Extract func(page []byte, pageURL, contentType string) (dossier.Article, error)
	// MaxPayload bounds the HTML read from one record; longer payloads are
	// cut. Default DefaultMaxPayload.
	MaxPayload int64
	// Logger receives a warning for every skipped record; default
	// slog.Default().
	Logger *slog.Logger
	// OnProblem, when set, is called with each corrupted part as it is
	// skipped (in addition to the warning).
	OnProblem func(Problem)
}

// Stats counts what a read found.
type Stats struct {
	Records   int       // WARC records parsed, of any type
	Responses int       // HTML response records
	Articles  int       // articles emitted
	Failed    int       // HTML responses whose extraction failed
	Problems  []Problem // corrupted or truncated parts, skipped
}

// Problem is a corrupted or truncated part of an archive.
type Problem struct {
	Record int   // 1-based number of the record (or gzip member) in the file
	Offset int64 // byte offset in the file where it starts
	Err    error
}

// CorruptError reports the parts of an archive that were skipped. The
// good records were emitted.
type CorruptError struct {
	Name     string
	Problems []Problem
}

// Error implements error.
func (e *CorruptError) Error() string {
	p := e.Problems[0]
	more := ""
	if n := len(e.Problems) - 1; n > 0 {
		more = fmt.Sprintf(" (and %d more)", n)
	}
	return fmt.Sprintf("%s: %d corrupted part(s) skipped: record %d at offset %d: %v%s",
		e.Name, len(e.Problems), p.Record, p.Offset, p.Err, more)
}

// Read reads the WARC archive r (plain or gzip), named name in messages,
// and emits an article for every HTML response record. Corrupted parts are
// skipped with a warning; if there were any, Read returns a *CorruptError
// after emitting every good record. An error from emit stops the read and
// is returned.
func Read(name string, r io.Reader, emit func(dossier.Article) error) error {
	_, err := ReadWith(name, r, emit, Options{})
	return err
}

// ReadWith is Read with options, returning what it found.
func ReadWith(name string, r io.Reader, emit func(dossier.Article) error, opts Options) (Stats, error) {
	if opts.Extract == nil {
		opts.Extract = extract.HTMLWithContentType
	}
	if opts.MaxPayload <= 0 {
		opts.MaxPayload = DefaultMaxPayload
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	rd := &reader{name: name, opts: opts, emit: emit,
		unmarshaler: gowarc.NewUnmarshaler(
			gowarc.WithSyntaxErrorPolicy(gowarc.ErrWarn),
			gowarc.WithSpecViolationPolicy(gowarc.ErrWarn),
			gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
			gowarc.WithFixDigest(false),
			gowarc.WithFixContentLength(false),
			gowarc.WithAddMissingDigest(false),
		)}
	rd.raw = &countingReader{r: r}
	rd.br = bufio.NewReaderSize(rd.raw, 256<<10)
	head, err := rd.br.Peek(5)
	if len(head) == 0 {
		if err == nil || errors.Is(err, io.EOF) {
			return rd.stats, dossier.Errorf(dossier.EINVALID, "%s: empty file", name)
		}
		return rd.stats, fmt.Errorf("%s: %w", name, err)
	}
	switch {
	case len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b:
		err = rd.readGzip()
	case bytes.HasPrefix(head, []byte("WARC/")):
		err = rd.readPlain()
	default:
		return rd.stats, dossier.Errorf(dossier.EINVALID, "%s: not a WARC file (no WARC/ version line or gzip header at the start)", name)
	}
	var ee errEmit
	if errors.As(err, &ee) {
		return rd.stats, ee.err
	}
	if err != nil {
		return rd.stats, err
	}
	if len(rd.stats.Problems) > 0 {
		return rd.stats, &CorruptError{Name: name, Problems: rd.stats.Problems}
	}
	return rd.stats, nil
}

type reader struct {
	name        string
	opts        Options
	emit        func(dossier.Article) error
	unmarshaler gowarc.Unmarshaler
	raw         *countingReader
	br          *bufio.Reader
	stats       Stats
	seq         int // records and members seen, for messages
}

// pos is the offset in the file of the next unread byte.
func (rd *reader) pos() int64 { return rd.raw.n - int64(rd.br.Buffered()) }

func (rd *reader) problem(offset int64, err error) {
	p := Problem{Record: rd.seq, Offset: offset, Err: err}
	rd.stats.Problems = append(rd.stats.Problems, p)
	if rd.opts.OnProblem != nil {
		rd.opts.OnProblem(p)
	}
	rd.opts.Logger.Warn("warc: skipping corrupted record", "file", rd.name, "record", p.Record, "offset", p.Offset, "err", err)
}

// errEmit wraps an error from the emit callback, which stops the read.
type errEmit struct{ err error }

func (e errEmit) Error() string { return e.err.Error() }
func (e errEmit) Unwrap() error { return e.err }

// readPlain reads an uncompressed archive.
func (rd *reader) readPlain() error {
	src := &stickyReader{r: rd.br}
	b := bufio.NewReaderSize(src, 64<<10)
	// Offsets are file offsets: what the file reader gave minus what both
	// buffers still hold.
	at := func() int64 { return rd.pos() - int64(b.Buffered()) }
	return rd.readRecords(b, src, at, -1)
}

// readGzip reads a gzip archive member by member. A member may hold one
// record (the WARC convention) or many (a whole-file gzip).
func (rd *reader) readGzip() error {
	var zr *gzip.Reader
	var mb *bufio.Reader // reused for every member
	for {
		start := rd.pos()
		if _, err := rd.br.Peek(1); err != nil {
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("%s: %w", rd.name, err)
		}
		var err error
		if zr == nil {
			zr, err = gzip.NewReader(rd.br)
		} else {
			err = zr.Reset(rd.br)
		}
		if err != nil {
			rd.seq++
			rd.problem(start, fmt.Errorf("bad gzip member: %w", err))
			if !rd.resync(start) {
				return nil
			}
			continue
		}
		zr.Multistream(false)
		src := &stickyReader{r: zr}
		if mb == nil {
			mb = bufio.NewReaderSize(src, 64<<10)
		} else {
			mb.Reset(src)
		}
		b := mb
		err = rd.readRecords(b, src, func() int64 { return start }, start)
		var ee errEmit
		if errors.As(err, &ee) {
			return ee.err
		}
		if err == nil {
			// Drain the member so its checksum is verified.
			_, err = io.Copy(io.Discard, src)
			if err == nil {
				err = src.err
			}
		}
		if err != nil {
			if len(rd.stats.Problems) == 0 || rd.stats.Problems[len(rd.stats.Problems)-1].Offset != start {
				rd.problem(start, fmt.Errorf("bad gzip member: %w", err))
			}
			if !rd.resync(start) {
				return nil
			}
		}
	}
}

// resync skips to the next gzip header after offset start. It reports
// false at the end of the file.
func (rd *reader) resync(start int64) bool {
	if rd.pos() <= start {
		if _, err := rd.br.Discard(1); err != nil {
			return false
		}
	}
	magic := []byte{0x1f, 0x8b, 0x08}
	for {
		buf, err := rd.br.Peek(rd.br.Size())
		if i := bytes.Index(buf, magic); i >= 0 {
			rd.br.Discard(i)
			return true
		}
		if err != nil {
			return false // EOF or read error: nothing more to find
		}
		rd.br.Discard(len(buf) - len(magic) + 1)
	}
}

// readRecords parses the records of one stream. src is the stream under
// b, whose first read error means the stream is broken. at gives the
// offset of the next record; memberStart is the gzip member's offset, or
// -1 for a plain file.
func (rd *reader) readRecords(b *bufio.Reader, src *stickyReader, at func() int64, memberStart int64) error {
	for {
		offset := at()
		if _, err := b.Peek(1); err != nil {
			if src.err != nil && memberStart >= 0 {
				return src.err // the gzip member is broken; the caller reports it
			}
			if src.err != nil {
				rd.seq++
				rd.problem(offset, src.err)
			}
			return nil
		}
		rd.seq++
		rec, skipped, validation, err := rd.unmarshaler.Unmarshal(b)
		offset += skipped
		if memberStart >= 0 {
			offset = memberStart
		}
		if err == nil && rec != nil {
			if verr := corruption(validation); verr != nil {
				err = verr
			}
		}
		if err != nil || rec == nil {
			if rec != nil {
				rec.Close()
			}
			if src.err != nil && memberStart >= 0 {
				return src.err
			}
			if err == nil {
				err = errors.New("unreadable record")
			}
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				err = fmt.Errorf("truncated record: %w", err)
			}
			rd.problem(offset, err)
			if src.err != nil {
				return nil
			}
			if at() <= offset && memberStart < 0 {
				b.Discard(1) // make progress; Unmarshal scans to the next "WARC/"
			}
			continue
		}
		rd.stats.Records++
		err = rd.record(rec, offset)
		rec.Close()
		if err != nil {
			return err
		}
	}
}

// corruption picks, from a record's validation warnings, those that mean
// its bytes are damaged: a block shorter or longer than Content-Length, a
// block digest that does not match, a missing end-of-record marker.
// Payload digest mismatches and other spec nits are not damage.
func corruption(v *gowarc.Validation) error {
	if v == nil {
		return nil
	}
	for _, e := range *v {
		msg := e.Error()
		if strings.HasPrefix(msg, "content length mismatch") || strings.HasPrefix(msg, "block: wrong digest") ||
			strings.Contains(msg, "end of record") {
			return e
		}
	}
	return nil
}

// record turns one HTML response record into an article.
func (rd *reader) record(rec gowarc.WarcRecord, offset int64) error {
	if rec.Type() != gowarc.Response {
		return nil
	}
	blk, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return nil
	}
	if code := blk.HttpStatusCode(); code < 200 || code > 299 {
		return nil
	}
	hdr := blk.HttpHeader()
	ct := ""
	if hdr != nil {
		ct = hdr.Get("Content-Type")
	}
	body, err := blk.PayloadBytes()
	if err != nil {
		rd.problem(offset, fmt.Errorf("payload: %w", err))
		return nil
	}
	if hdr != nil && strings.EqualFold(hdr.Get("Transfer-Encoding"), "chunked") {
		body = httputil.NewChunkedReader(body)
	}
	payload, err := io.ReadAll(io.LimitReader(body, rd.opts.MaxPayload))
	if err != nil {
		rd.problem(offset, fmt.Errorf("payload: %w", err))
		return nil
	}
	if len(payload) >= 2 && payload[0] == 0x1f && payload[1] == 0x8b {
		if zr, err := gzip.NewReader(bytes.NewReader(payload)); err == nil {
			if p, err := io.ReadAll(io.LimitReader(zr, rd.opts.MaxPayload)); err == nil {
				payload = p
			}
		}
	}
	if !isHTML(ct, payload) {
		return nil
	}
	rd.stats.Responses++
	target := strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<> ")
	a, err := rd.opts.Extract(payload, target, ct)
	if err != nil {
		rd.stats.Failed++
		rd.opts.Logger.Warn("warc: no article in HTML record", "file", rd.name, "record", rd.seq, "offset", offset, "url", target, "err", err)
		return nil
	}
	if a.URL == "" {
		a.URL = target
	}
	if a.ID == "" {
		a.ID = a.URL
	}
	if a.ID == "" {
		a.ID = rec.RecordId()
	}
	if t, err := rec.Date(); err == nil {
		a.Fetched = t.UTC()
	}
	rd.stats.Articles++
	if err := rd.emit(a); err != nil {
		return errEmit{err}
	}
	return nil
}

// isHTML tells an HTML payload by its Content-Type, or by sniffing when
// the type is missing or generic.
func isHTML(contentType string, payload []byte) bool {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return true
	case "", "application/octet-stream", "text/plain":
		head := bytes.ToLower(payload[:min(len(payload), 1024)])
		return bytes.Contains(head, []byte("<html")) || bytes.Contains(head, []byte("<!doctype html"))
	}
	return false
}

// countingReader counts the bytes read through it.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// stickyReader remembers the first error other than io.EOF from r, which
// tells a broken stream from a record-level syntax problem.
type stickyReader struct {
	r   io.Reader
	err error
}

func (s *stickyReader) Read(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	n, err := s.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		s.err = err
	}
	return n, err
}
