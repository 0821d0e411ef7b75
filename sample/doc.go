// Package sample bundles a small set of articles in the binary for
// `dossier demo` and for tests: the project's seed article
// (putin-china.txt) and short fictional articles written for dossier,
// each marked "dossier sample (fictional)" in its source or topic field.
package sample
