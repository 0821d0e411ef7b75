package gazetteer

import (
	"bytes"
	"compress/gzip"
	"testing"
)

func FuzzRead(f *testing.F) {
	f.Add([]byte("C\tRU\tRussia\tRussian Federation\t\tMoscow\tRussian\t60\t100\tEastern Europe\nR\tMoscow\tRU\t55.7\t37.6\nP\tmoscow\tRU\tMoscow\t55.75\t37.62\nP\t\tUS\tIdaho\t46.7\t-117\n"))
	f.Add([]byte("P\tb\tX\tY\t1\t2\nP\ta\tX\tY\t1\t2\n"))
	f.Add([]byte("Z\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		zw := gzip.NewWriter(&buf)
		zw.Write(data)
		zw.Close()
		g, err := Read(&buf)
		if err != nil {
			return
		}
		for _, name := range []string{"Moscow", "moscow", "a", "b", "Russia", ""} {
			g.Resolve(name, []string{"US"})
			g.KindsOf([]string{name})
		}
	})
}
