// Command gen compiles the shared gazetteers into the compact file that
// package gazetteer embeds. Run by `make model`.
package main

import (
	"bytes"
	"flag"
	"log/slog"
	"os"

	"github.com/dossier/dossier/nlp/gazetteer"
)

func main() {
	countries := flag.String("countries", "../shared/data/gazetteers/countries.jsonl.gz", "countries JSONL file")
	cities := flag.String("cities", "../shared/data/gazetteers/cities.tsv.gz", "cities TSV file")
	out := flag.String("out", "nlp/gazetteer/places.tsv.gz", "output file")
	flag.Parse()
	var buf bytes.Buffer
	if err := gazetteer.Build(*countries, *cities, &buf); err != nil {
		slog.Error("gazetteer build failed", "err", err)
		os.Exit(1)
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		slog.Error("gazetteer write failed", "err", err)
		os.Exit(1)
	}
	slog.Info("gazetteer written", "out", *out, "bytes", buf.Len())
}
