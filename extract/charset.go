package extract

import (
	"bytes"
	"mime"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html/charset"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/unicode"
)

// metaScan is how many leading bytes are searched for a meta charset; the
// HTML standard says 1024, but real pages often declare it later.
const metaScan = 8192

var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)`)

// decode converts a page to UTF-8. Order of trust: a byte-order mark, the
// HTTP Content-Type charset, the page's meta declaration, then UTF-8 when
// the bytes are valid UTF-8, else windows-1252. A declared legacy charset
// loses to UTF-8 when the bytes are valid UTF-8 containing non-ASCII text.
func decode(data []byte, contentType string) string {
	if enc, n := bomEncoding(data); enc != nil {
		if s, err := enc.NewDecoder().Bytes(data[n:]); err == nil {
			return string(s)
		}
	}
	name := headerCharset(contentType)
	if name == "" {
		head := data[:min(len(data), metaScan)]
		if m := metaCharset.FindSubmatch(head); m != nil {
			name = string(m[1])
		}
	}
	enc, canon := lookup(name)
	if enc == nil || canon == "utf-8" {
		if utf8.Valid(data) {
			return string(data)
		}
		if enc == nil {
			enc, _ = lookup("windows-1252")
		} else {
			return strings.ToValidUTF8(string(data), "\uFFFD")
		}
	} else if canon == "utf-16le" || canon == "utf-16be" {
		// A meta tag cannot declare UTF-16 in an ASCII-compatible file.
		return strings.ToValidUTF8(string(data), "\uFFFD")
	} else if hasNonASCII(data) && utf8.Valid(data) {
		return string(data)
	}
	s, err := enc.NewDecoder().Bytes(data)
	if err != nil {
		return strings.ToValidUTF8(string(data), "\uFFFD")
	}
	return string(s)
}

// lookup finds an encoding by its WHATWG label.
func lookup(name string) (encoding.Encoding, string) {
	if name == "" {
		return nil, ""
	}
	return charset.Lookup(strings.TrimSpace(name))
}

// headerCharset returns the charset parameter of a Content-Type header.
func headerCharset(contentType string) string {
	if contentType == "" {
		return ""
	}
	_, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return ""
	}
	return params["charset"]
}

// bomEncoding recognises a byte-order mark and returns its encoding and
// length.
func bomEncoding(data []byte) (encoding.Encoding, int) {
	switch {
	case bytes.HasPrefix(data, []byte{0xEF, 0xBB, 0xBF}):
		return unicode.UTF8, 3
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), 2
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		return unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), 2
	}
	return nil, 0
}

func hasNonASCII(data []byte) bool {
	for _, b := range data {
		if b >= 0x80 {
			return true
		}
	}
	return false
}
