// Package shareddata finds the project's shared real-world data
// (../shared/data beside the repository) for tests and evaluations.
// Nothing from it is ever copied into the repository.
package shareddata

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the shared folder (the one holding data/ and seed/), looking
// in $DOSSIER_SHARED first, then in ../shared beside the repository root.
// It returns "" when there is none.
func Root() string {
	if d := os.Getenv("DOSSIER_SHARED"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			shared := filepath.Join(filepath.Dir(dir), "shared")
			if fi, err := os.Stat(shared); err == nil && fi.IsDir() {
				return shared
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Path returns the path of elem inside the shared folder, or skips tb with
// a clear message when the shared folder or that file is absent.
func Path(tb testing.TB, elem ...string) string {
	tb.Helper()
	root := Root()
	if root == "" {
		tb.Skip("shared data not found: expected ../shared beside the repository (or $DOSSIER_SHARED); skipping")
	}
	p := filepath.Join(append([]string{root}, elem...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("shared data file %s not found; skipping", p)
	}
	return p
}

// Seed returns the path of the seed article, ../shared/seed/putin-china.txt.
func Seed(tb testing.TB) string {
	return Path(tb, "seed", "putin-china.txt")
}
