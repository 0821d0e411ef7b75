package ingest

import (
	"bufio"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/dossier/dossier"
)

// Fetcher fetches http(s) sources. The command line supplies one from the
// fetch package; without it, URL sources fail with a clear error.
type Fetcher interface {
	// Fetch returns the body at rawURL. The caller closes Body.
	Fetch(ctx context.Context, rawURL string) (*Fetched, error)
}

// Fetched is a fetched document.
type Fetched struct {
	URL         string        // final URL, after redirects
	ContentType string        // media type from the server, if any
	Body        io.ReadCloser // the content
}

// FetcherFunc adapts a function to the Fetcher interface.
type FetcherFunc func(ctx context.Context, rawURL string) (*Fetched, error)

// Fetch calls f.
func (f FetcherFunc) Fetch(ctx context.Context, rawURL string) (*Fetched, error) {
	return f(ctx, rawURL)
}

// source is one input to read, after expanding directories and globs.
type source struct {
	name string // as shown in messages
	kind int    // srcFile, srcStdin or srcURL
	size int64  // bytes on disk, -1 when unknown
}

const (
	srcFile = iota
	srcStdin
	srcURL
)

// IsURL reports whether s is an http or https URL.
func IsURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

// expand turns one SOURCE argument into the inputs it names: a file, the
// files of a directory with a known format ending (recursively, skipping
// hidden ones), the files matching a glob, stdin or a URL.
func expand(arg string) ([]source, error) {
	switch {
	case arg == "-":
		return []source{{name: "-", kind: srcStdin, size: -1}}, nil
	case IsURL(arg):
		return []source{{name: arg, kind: srcURL, size: -1}}, nil
	}
	fi, err := os.Stat(arg)
	if err == nil {
		if !fi.IsDir() {
			return []source{{name: arg, kind: srcFile, size: fi.Size()}}, nil
		}
		return walkDir(arg)
	}
	if strings.ContainsAny(arg, "*?[") {
		matches, gerr := filepath.Glob(arg)
		if gerr != nil {
			return nil, dossier.Errorf(dossier.EINVALID, "bad glob pattern: %v", gerr)
		}
		if len(matches) == 0 {
			return nil, dossier.Errorf(dossier.ENOTFOUND, "no files match")
		}
		var out []source
		for _, m := range matches {
			s, err := expand(m)
			if err != nil {
				return nil, err
			}
			out = append(out, s...)
		}
		return out, nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "no such file or directory")
	}
	return nil, err
}

func walkDir(dir string) ([]source, error) {
	var out []source
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !knownExt(d.Name()) {
			return nil
		}
		// Regular files, and symbolic links to regular files (links to
		// directories are not followed, so a walk cannot loop).
		fi, err := os.Stat(p)
		if err != nil || !fi.Mode().IsRegular() {
			return nil
		}
		out = append(out, source{name: p, kind: srcFile, size: fi.Size()})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "directory holds no files in a known format (%s)", strings.Join(knownExts(), ", "))
	}
	return out, nil
}

func knownExts() []string {
	var out []string
	for _, f := range Formats() {
		out = append(out, f.Exts...)
	}
	return out
}

// decompress returns a buffered reader of r's content, gunzipping it when
// it starts with the gzip magic bytes.
func decompress(r io.Reader) (*bufio.Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, err := br.Peek(2)
	if err != nil && err != io.EOF {
		return nil, err
	}
	if len(magic) < 2 || magic[0] != 0x1f || magic[1] != 0x8b {
		return br, nil
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, dossier.Errorf(dossier.EINVALID, "corrupt gzip data: %v", err)
	}
	return bufio.NewReaderSize(gzipErrors{zr}, 256<<10), nil
}

// gzipErrors turns the errors of a gzip stream into clear messages.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	switch {
	case err == nil || err == io.EOF:
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = dossier.Errorf(dossier.EINVALID, "truncated gzip data: the file ends before the compressed stream does")
	case errors.Is(err, gzip.ErrChecksum), errors.Is(err, gzip.ErrHeader):
		err = dossier.Errorf(dossier.EINVALID, "corrupt gzip data: %v", err)
	default:
		var ce flate.CorruptInputError
		if errors.As(err, &ce) {
			err = dossier.Errorf(dossier.EINVALID, "corrupt gzip data: %v", err)
		}
	}
	return n, err
}

// countingReader counts the bytes read through it, for progress.
type countingReader struct {
	r   io.Reader
	add func(int)
}

func (c countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if n > 0 && c.add != nil {
		c.add(n)
	}
	return n, err
}
