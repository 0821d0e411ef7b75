package ingest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/warcread"
)

func init() {
	Register(Format{Name: "warc", Exts: []string{".warc"}, Priority: 20, Sniff: sniffWARC, Read: readWARC})
}

// sniffWARC accepts content that starts with a WARC version line.
func sniffWARC(_ string, head []byte) bool {
	return bytes.HasPrefix(Lead(head), []byte("WARC/"))
}

// readWARC emits an article for every HTML response record of a WARC
// archive (see package warcread). A corrupted or truncated record is
// emitted as a failed record, numbered and with its offset, and reading
// goes on with the next good one.
//
// A local .warc.gz file is reopened and read raw, member by member, so a
// damaged gzip member costs only its own records; other inputs arrive
// decompressed and a damaged stream ends them.
func readWARC(ctx context.Context, in *Input, emit func(Record) error) error {
	var src io.Reader = in
	if f := rawGzipFile(in.Name); f != nil {
		defer f.Close()
		src = f
	}
	var problems []warcread.Problem
	_, err := warcread.ReadWith(in.Name, src, func(a dossier.Article) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		UseURLAsID(&a)
		return emit(Record{Article: a})
	}, warcread.Options{OnProblem: func(p warcread.Problem) { problems = append(problems, p) }})
	for _, p := range problems {
		if e := emit(Record{Line: p.Record, Err: fmt.Errorf("record %d at byte offset %d skipped: %w", p.Record, p.Offset, p.Err)}); e != nil {
			return e
		}
	}
	if _, ok := err.(*warcread.CorruptError); ok {
		return nil // every problem was emitted above
	}
	if err != nil {
		// warcread names the input; the caller names it again.
		if de, ok := err.(*dossier.Error); ok {
			return dossier.Errorf(de.Code, "%s", strings.TrimPrefix(de.Message, in.Name+": "))
		}
	}
	return err
}

// rawGzipFile opens name when it is a local gzip file, or returns nil.
func rawGzipFile(name string) *os.File {
	if name == "-" || IsURL(name) || !strings.HasSuffix(strings.ToLower(name), ".gz") {
		return nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil
	}
	var magic [2]byte
	if _, err := io.ReadFull(f, magic[:]); err != nil || magic != [2]byte{0x1f, 0x8b} {
		f.Close()
		return nil
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil
	}
	return f
}
