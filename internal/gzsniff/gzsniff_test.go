package gzsniff

import (
	"bytes"
	"compress/gzip"
	"io"
	"strings"
	"testing"
)

func TestNewReader(t *testing.T) {
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte("compressed line\n"))
	zw.Close()
	for _, c := range []struct {
		in   []byte
		want string
	}{
		{gz.Bytes(), "compressed line\n"},
		{[]byte("plain line\n"), "plain line\n"},
		{[]byte("x"), "x"},
		{nil, ""},
	} {
		r, err := NewReader(bytes.NewReader(c.in))
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		got, err := io.ReadAll(r)
		if err != nil || string(got) != c.want {
			t.Errorf("read %q, %v; want %q", got, err, c.want)
		}
	}
	if _, err := NewReader(strings.NewReader("\x1f\x8bnot gzip")); err == nil {
		t.Error("a corrupt gzip header: no error")
	}
}
