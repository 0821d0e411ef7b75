package textindex

import (
	"os"
	"testing"
)

// seedText reads the seed article (about 1,000 words), or skips.
func seedText(b *testing.B) string {
	data, err := os.ReadFile("../../shared/seed/putin-china.txt")
	if err != nil {
		b.Skip("../shared/seed is absent")
	}
	b.SetBytes(int64(len(data)))
	return string(data)
}

// BenchmarkCountDocument tokenizes the seed article as indexing an
// article does.
func BenchmarkCountDocument(b *testing.B) {
	text := seedText(b)
	for b.Loop() {
		CountDocument("", text)
	}
}

// BenchmarkCountTokens is the tokenizer alone (no counting or stemming).
func BenchmarkCountTokens(b *testing.B) {
	text := seedText(b)
	n := 0
	for b.Loop() {
		n = CountTokens(text)
	}
	b.ReportMetric(float64(n), "tokens")
}
