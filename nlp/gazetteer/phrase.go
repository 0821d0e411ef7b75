package gazetteer

import (
	"unicode"
	"unicode/utf8"
)

// phraseTable is an open-addressing hash set of phrase hashes with their
// kind bits; it answers KindsOf without allocating.
type phraseTable struct {
	keys  []uint64 // 0 marks an empty slot
	kinds []uint8
	mask  uint64
}

func newPhraseTable(n int) *phraseTable {
	size := 1
	for size < 2*n {
		size <<= 1
	}
	return &phraseTable{keys: make([]uint64, size), kinds: make([]uint8, size), mask: uint64(size - 1)}
}

func (t *phraseTable) add(h uint64, k uint8) {
	if h == 0 {
		h = 1
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		if t.keys[i] == h {
			t.kinds[i] |= k
			return
		}
		if t.keys[i] == 0 {
			t.keys[i], t.kinds[i] = h, k
			return
		}
	}
}

func (t *phraseTable) get(h uint64) uint8 {
	if h == 0 {
		h = 1
	}
	for i := h & t.mask; ; i = (i + 1) & t.mask {
		switch t.keys[i] {
		case h:
			return t.kinds[i]
		case 0:
			return 0
		}
	}
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

// hashWords hashes the lowercased words joined by single spaces.
func hashWords(words []string) uint64 {
	h := uint64(fnvOffset)
	for i, w := range words {
		if i > 0 {
			h ^= ' '
			h *= fnvPrime
		}
		for j := 0; j < len(w); {
			c := w[j]
			if c < utf8.RuneSelf {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				h ^= uint64(c)
				h *= fnvPrime
				j++
				continue
			}
			r, sz := utf8.DecodeRuneInString(w[j:])
			var buf [4]byte
			n := utf8.EncodeRune(buf[:], unicode.ToLower(r))
			for _, b := range buf[:n] {
				h ^= uint64(b)
				h *= fnvPrime
			}
			j += sz
		}
	}
	return h
}

// hashPhrase hashes a lowercased phrase whose words are joined by single
// spaces (the same value hashWords gives for its words).
func hashPhrase(p string) uint64 {
	h := uint64(fnvOffset)
	for i := 0; i < len(p); i++ {
		h ^= uint64(p[i])
		h *= fnvPrime
	}
	return h
}

// KindsOf returns the kind bits of the phrase made of words (compared
// case-insensitively), or 0. It does not allocate.
func (g *Gazetteer) KindsOf(words []string) uint8 {
	if len(words) == 0 || len(words) > MaxPhrase {
		return 0
	}
	return g.phrases.get(hashWords(words))
}
