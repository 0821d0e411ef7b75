package token

import (
	"strings"
	"testing"
)

var benchText = strings.Repeat("Russian President Vladimir Putin’s visit to Beijing, on Jan. 5, cost $240 billion. "+
	"“We believe it is necessary,” said the Russian leader. The U.S. didn't agree.\n\n", 200)

func BenchmarkTokenize(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	buf := make([]Token, 0, 1<<14)
	for b.Loop() {
		buf = AppendTokens(buf[:0], benchText)
	}
}

func BenchmarkSentences(b *testing.B) {
	b.SetBytes(int64(len(benchText)))
	for b.Loop() {
		Sentences(benchText)
	}
}
