// Package gzsniff reads input that may or may not be gzip-compressed,
// telling the two apart by the gzip magic bytes rather than by a file
// name.
package gzsniff

import (
	"bufio"
	"compress/gzip"
	"io"
)

// NewReader returns a buffered reader of r's content, decompressed when r
// starts with the gzip magic bytes. Its error is gzip's, for a corrupt
// header; the caller names the input.
func NewReader(r io.Reader) (*bufio.Reader, error) {
	br := bufio.NewReader(r)
	if head, err := br.Peek(2); err != nil || head[0] != 0x1f || head[1] != 0x8b {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, err
	}
	return bufio.NewReader(zr), nil
}
