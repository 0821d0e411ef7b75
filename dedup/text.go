package dedup

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a body, lower-cased, with whether it was written
// with a capital inside a sentence (a hint that it is a name).
type token struct {
	word string
	name bool
}

// tokenize splits text into lower-case words of letters and digits.
// Apostrophes inside words are dropped ("didn't" -> "didnt").
func tokenize(text string) []token {
	var toks []token
	var b wordBuf
	sentenceStart := true
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isWordRune(r) {
			if r == '.' || r == '!' || r == '?' || r == '\n' || r == ':' || r == '"' || r == '“' {
				sentenceStart = true
			}
			i += size
			continue
		}
		start := i
		b.Reset()
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if isWordRune(r) {
				b.WriteRune(unicode.ToLower(r))
			} else if (r == '\'' || r == '’') && i+size < len(text) {
				next, _ := utf8.DecodeRuneInString(text[i+size:])
				if !unicode.IsLetter(next) {
					break
				}
			} else {
				break
			}
			i += size
		}
		first, _ := utf8.DecodeRuneInString(text[start:])
		word := text[start:i]
		if string(b.buf) != word {
			word = string(b.buf)
		}
		toks = append(toks, token{word: word, name: unicode.IsUpper(first) && !sentenceStart})
		sentenceStart = false
	}
	return toks
}

// wordBuf collects one lower-cased word.
type wordBuf struct{ buf []byte }

func (w *wordBuf) Reset()               { w.buf = w.buf[:0] }
func (w *wordBuf) WriteRune(r rune)     { w.buf = utf8.AppendRune(w.buf, r) }
func (w *wordBuf) WriteString(s string) { w.buf = append(w.buf, s...) }

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// fnv64a hashes s with FNV-1a: stable across runs and machines, as a
// stored fingerprint must be.
func fnv64a(s string) uint64 {
	const offset, prime = 14695981039346656037, 1099511628211
	h := uint64(offset)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= prime
	}
	return h
}

// mix64 is the splitmix64 finaliser, a fast bijective scrambler.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// shingles returns the hashes of the word k-shingles of toks (or of the
// whole sequence when it is shorter than k), without repeats. A shingle's
// hash combines its words' FNV-1a hashes, so it is stable across runs.
func shingles(toks []token, k int) []uint64 {
	if len(toks) == 0 {
		return nil
	}
	wh := make([]uint64, len(toks))
	for i, t := range toks {
		wh[i] = fnv64a(t.word)
	}
	return shinglesOf(wh, k)
}

func shinglesOf(wh []uint64, k int) []uint64 {
	if len(wh) == 0 {
		return nil
	}
	n := len(wh) - k + 1
	if n < 1 {
		n, k = 1, len(wh)
	}
	seen := make(map[uint64]struct{}, n)
	out := make([]uint64, 0, n)
	for i := 0; i < n; i++ {
		h := uint64(k)
		for j := i; j < i+k; j++ {
			h = mix64(h*31 + wh[j])
		}
		if _, ok := seen[h]; !ok {
			seen[h] = struct{}{}
			out = append(out, h)
		}
	}
	return out
}

// SimHash returns the 64-bit SimHash (Charikar) of text over word
// 3-shingles. Texts that share most of their shingles have hashes a few
// bits apart (see Distance).
func SimHash(text string) uint64 {
	return simhash(shingles(tokenize(text), 3))
}

func simhash(sh []uint64) uint64 {
	var v [64]int
	for _, h := range sh {
		h = mix64(h)
		// Branch-free: half the bits are set at random, so a branch
		// per bit would be mispredicted half the time.
		for i := range 64 {
			v[i] += int(h>>i&1)<<1 - 1
		}
	}
	var out uint64
	for i := range 64 {
		if v[i] > 0 {
			out |= 1 << i
		}
	}
	return out
}

// Distance is the Hamming distance between two SimHashes: 0 for the same
// text, at most 3 or so for near-identical ones.
func Distance(a, b uint64) int {
	x := a ^ b
	n := 0
	for x != 0 {
		x &= x - 1
		n++
	}
	return n
}

// BodyHash returns a hash of text normalised to its lower-case words, so
// that two bodies differing only in case, punctuation or spacing hash alike.
func BodyHash(text string) uint64 {
	return bodyHash(tokenize(text))
}

func bodyHash(toks []token) uint64 {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.word)
	}
	return fnv64a(b.String())
}
