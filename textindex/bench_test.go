package textindex

import (
	"os"
	"testing"
)

// BenchmarkCountDocument tokenizes the seed article (about 1,000 words),
// as indexing an article does.
func BenchmarkCountDocument(b *testing.B) {
	data, err := os.ReadFile("../../shared/seed/putin-china.txt")
	if err != nil {
		b.Skip("../shared/seed is absent")
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		CountDocument("", text)
	}
}

// BenchmarkCountTokens is the tokenizer alone (no counting or stemming).
func BenchmarkCountTokens(b *testing.B) {
	data, err := os.ReadFile("../../shared/seed/putin-china.txt")
	if err != nil {
		b.Skip("../shared/seed is absent")
	}
	text := string(data)
	b.SetBytes(int64(len(text)))
	n := 0
	for b.Loop() {
		n = CountTokens(text)
	}
	b.ReportMetric(float64(n), "tokens")
}
