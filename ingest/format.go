package ingest

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/dossier/dossier"
)

// SniffSize is the number of leading bytes (after decompression) that a
// format's Sniff function is shown.
const SniffSize = 8 << 10

// MaxDocumentSize bounds a document that a reader must hold whole (an HTML
// page, a plain-text article); larger ones fail with ETOOLARGE.
const MaxDocumentSize = 32 << 20

// Record is one article read from an input, or the error of one record of
// it (a bad JSON line) when Err is set; the input goes on after it.
type Record struct {
	Article dossier.Article
	Line    int   // 1-based line (JSON Lines) or item number, 0 if none
	Err     error // this record could not be read
}

// Input is one opened input: its name for messages and its decompressed
// content.
type Input struct {
	Name        string // path, "-" or URL, as the user gave it
	URL         string // address the content was fetched from, if any
	ContentType string // media type reported by the server, if any
	r           *bufio.Reader
}

// NewInput wraps r, decompressing it when it is gzip. name is used in
// messages; pageURL, when known, is where the content came from.
func NewInput(name, pageURL string, r io.Reader) (*Input, error) {
	br, err := decompress(r)
	if err != nil {
		return nil, err
	}
	return &Input{Name: name, URL: pageURL, r: br}, nil
}

// Read reads the decompressed content.
func (in *Input) Read(p []byte) (int, error) { return in.r.Read(p) }

// Peek returns the next n bytes without consuming them (fewer at the end
// of the input).
func (in *Input) Peek(n int) ([]byte, error) { return in.r.Peek(n) }

// Buffered returns the underlying buffered reader, for readers that work
// line by line.
func (in *Input) Buffered() *bufio.Reader { return in.r }

// ReadAll reads the whole remaining content, failing with ETOOLARGE
// (without reading further) when it exceeds limit bytes.
func (in *Input) ReadAll(limit int64) ([]byte, error) {
	// Read in chunks and join once, so memory stays near the document's
	// size (no doubling growth) and a document over the limit costs at
	// most limit bytes.
	var chunks [][]byte
	var total int64
	for size := 64 << 10; ; size = min(2*size, 1<<20) {
		buf := make([]byte, size)
		n, err := io.ReadFull(in.r, buf)
		total += int64(n)
		if total > limit {
			return nil, dossier.Errorf(dossier.ETOOLARGE, "document is larger than the %d MB limit for one document", limit>>20)
		}
		chunks = append(chunks, buf[:n])
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	return bytes.Join(chunks, nil), nil
}

// Format is one input format: how to recognise it and how to read it.
type Format struct {
	// Name identifies the format ("jsonl", "html", "warc").
	Name string
	// Exts are the file name endings (".jsonl", ".warc") read when a
	// directory is walked; files with other endings are skipped there
	// (a file named explicitly is always read). ".gz" variants are implied.
	Exts []string
	// Priority orders sniffing: lower runs first. Built-ins use 100 (JSON),
	// 500 (HTML) and 1000 (plain text, the fallback); a more specific
	// format (a feed, which also starts with "<" or "{") uses less.
	Priority int
	// Sniff reports whether content starting with head (at most SniffSize
	// bytes, decompressed, as is: see Lead) is in this format. name is the
	// input's name, a hint only.
	Sniff func(name string, head []byte) bool
	// Read streams the input's articles to emit, in order. It returns an
	// error when the input as a whole cannot be read further; a failure of
	// one record is emitted as a Record with Err and reading goes on. It
	// must return promptly with emit's error when emit fails.
	Read func(ctx context.Context, in *Input, emit func(Record) error) error
}

var (
	formatsMu sync.RWMutex
	formats   []Format
)

// Register adds a format to the registry; call it from an init function.
// It panics when the format has no name, sniffer or reader, or its name is
// taken.
func Register(f Format) {
	if f.Name == "" || f.Sniff == nil || f.Read == nil {
		panic("ingest.Register: format needs Name, Sniff and Read")
	}
	formatsMu.Lock()
	defer formatsMu.Unlock()
	for _, g := range formats {
		if g.Name == f.Name {
			panic("ingest.Register: duplicate format " + f.Name)
		}
	}
	formats = append(formats, f)
	sort.SliceStable(formats, func(i, j int) bool { return formats[i].Priority < formats[j].Priority })
}

// Formats returns the registered formats in sniffing order.
func Formats() []Format {
	formatsMu.RLock()
	defer formatsMu.RUnlock()
	return append([]Format(nil), formats...)
}

// Detect returns the first format, in priority order, whose Sniff accepts
// head.
func Detect(name string, head []byte) (Format, bool) {
	for _, f := range Formats() {
		if f.Sniff(name, head) {
			return f, true
		}
	}
	return Format{}, false
}

// Lead returns head without a UTF-8 byte-order mark and leading white
// space, for sniffers that look at the first significant byte.
func Lead(head []byte) []byte {
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	return bytes.TrimLeft(head, " \t\r\n\f\v")
}

// knownExt reports whether a file named name has the ending of a
// registered format (optionally followed by ".gz").
func knownExt(name string) bool {
	lower := strings.TrimSuffix(strings.ToLower(name), ".gz")
	for _, f := range Formats() {
		for _, ext := range f.Exts {
			if strings.HasSuffix(lower, ext) {
				return true
			}
		}
	}
	return false
}

// ReadInput detects the format of in and streams its articles to emit. It
// returns the name of the format it detected ("" if none) and the error
// that stopped the input, if any; errors do not name the input (the
// caller wraps them in an InputError).
func ReadInput(ctx context.Context, in *Input, emit func(Record) error) (string, error) {
	f, err := DetectInput(in)
	if err != nil {
		return "", err
	}
	return f.Name, f.Read(ctx, in, emit)
}

// DetectInput returns the format of in from its first SniffSize bytes,
// without consuming them. Empty input is an EINVALID error.
func DetectInput(in *Input) (Format, error) {
	head, err := in.r.Peek(SniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return Format{}, err
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))) == 0 {
		return Format{}, dossier.Errorf(dossier.EINVALID, "empty input: no content")
	}
	f, ok := Detect(in.Name, head)
	if !ok {
		return Format{}, dossier.Errorf(dossier.EINVALID, "unrecognised format")
	}
	return f, nil
}

// InputError is the failure of one input, or of one record of it.
type InputError struct {
	Input  string // the input's name: path, "-" or URL
	Format string // detected format, if known
	Line   int    // 1-based line or record number, 0 for the whole input
	Err    error
}

// Error renders "name:line (format): message".
func (e *InputError) Error() string {
	var b strings.Builder
	b.WriteString(e.Input)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Format != "" {
		fmt.Fprintf(&b, " (%s)", e.Format)
	}
	b.WriteString(": ")
	b.WriteString(message(e.Err))
	return b.String()
}

// Unwrap returns the underlying error.
func (e *InputError) Unwrap() error { return e.Err }

// message returns the text of err without the code prefix of a coded
// dossier.Error.
func message(err error) string {
	var de *dossier.Error
	if errors.As(err, &de) && de == err {
		return de.Message
	}
	return err.Error()
}
