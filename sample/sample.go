package sample

import (
	"embed"
	"io/fs"
	"sort"
)

// FS holds the sample files under the directory "files".
//
//go:embed files
var FS embed.FS

// Dir is the directory of FS that holds the sample files.
const Dir = "files"

// Files returns the paths in FS of every sample file, sorted.
func Files() []string {
	var out []string
	_ = fs.WalkDir(FS, Dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	sort.Strings(out)
	return out
}

// Seed returns the seed article, files/putin-china.txt.
func Seed() []byte {
	b, err := FS.ReadFile(Dir + "/putin-china.txt")
	if err != nil {
		panic("sample: seed article missing from the embedded files: " + err.Error())
	}
	return b
}
