package textindex

import (
	"hash/maphash"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	porterstemmer "github.com/blevesearch/go-porterstemmer"
	"golang.org/x/text/unicode/norm"
)

// MaxTokenBytes is the longest token kept whole; longer runs of letters
// are cut at this length, so hostile input cannot make huge terms.
const MaxTokenBytes = 128

// Scan calls fn with the term and byte span [start, end) of each token of
// s, in order. Tokens are runs of letters, digits and private-use
// characters; they are lower-cased, stripped of diacritics and, when 3 to
// 64 bytes long, reduced to their Porter stem: the rules
// of FTS5's "porter unicode61 remove_diacritics 2" tokenizer, so both
// indexes agree on what a word is.
func Scan(s string, fn func(term string, start, end int)) {
	scanFolded(s, func(tok []byte, start, end int) { fn(Stem(tok), start, end) })
}

// CountTokens returns the number of tokens of s.
func CountTokens(s string) int {
	n := 0
	scanFolded(s, func([]byte, int, int) { n++ })
	return n
}

// scanFolded calls fn with each token of s folded but not stemmed (the
// bytes are valid during the call only) and its span.
func scanFolded(s string, fn func(tok []byte, start, end int)) {
	var buf [MaxTokenBytes]byte
	n, start := 0, -1
	emit := func(end int) {
		if n > 0 {
			fn(buf[:n], start, end)
		}
		n, start = 0, -1
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z' || '0' <= c && c <= '9':
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			default:
				emit(i)
				i++
				continue
			}
			if start < 0 {
				start = i
			}
			if n < len(buf) {
				buf[n] = c
				n++
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.Is(unicode.Mn, r):
			// A combining mark: part of the word, removed with the
			// other diacritics.
			if start < 0 {
				emit(i)
				i += size
				continue
			}
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r):
			if start < 0 {
				start = i
			}
			f := fold(r)
			if n+utf8.RuneLen(f) <= len(buf) {
				n += utf8.EncodeRune(buf[n:], f)
			}
		default:
			emit(i)
		}
		i += size
	}
	emit(len(s))
}

// Terms returns the terms of s in order.
func Terms(s string) []string {
	var out []string
	Scan(s, func(t string, _, _ int) { out = append(out, t) })
	return out
}

// foldTable maps the runes below foldLimit to their lower-case form
// without diacritics (0 where a rune is not a letter or digit).
var (
	foldOnce  sync.Once
	foldTable []rune
)

const foldLimit = 0x2000

// fold lower-cases r and removes its diacritics.
func fold(r rune) rune {
	foldOnce.Do(buildFold)
	if r < foldLimit {
		return foldTable[r]
	}
	return foldRune(r)
}

func buildFold() {
	foldTable = make([]rune, foldLimit)
	for r := range rune(foldLimit) {
		foldTable[r] = foldRune(r)
	}
}

// foldRune lower-cases r and, when its canonical decomposition is a base
// letter followed by combining marks only, returns the base letter.
func foldRune(r rune) rune {
	r = unicode.ToLower(r)
	d := norm.NFD.String(string(r))
	base, size := utf8.DecodeRuneInString(d)
	if size == len(d) {
		return r
	}
	for _, m := range d[size:] {
		if !unicode.Is(unicode.Mn, m) {
			return r
		}
	}
	return unicode.ToLower(base)
}

// stemSlots caches Porter stems by the hash of the folded token: news
// text repeats a few tens of thousands of words, and a lookup costs a
// fraction of stemming. The cache is a fixed table of atomic pointers:
// no lock, bounded memory, and a word that loses its slot is stemmed
// again.
var stemSlots [1 << 16]atomic.Pointer[stemEntry]

type stemEntry struct {
	hash         uint64 // of folded
	folded, stem string
	stemHash     uint64 // of stem
}

// Stem returns the index term of one folded token: its Porter stem when
// it is 3 to 64 bytes long, else the token. Like FTS5's porter tokenizer,
// it stems tokens with digits too ("1970s" -> "1970", "mp3s" -> "mp3");
// non-ASCII tokens are stemmed by their ASCII suffixes.
func Stem(tok []byte) string {
	st, _ := stemHashed(tok, maphash.Bytes(termSeed, tok))
	return st
}

// StemString is Stem for a token held as a string.
func StemString(tok string) string {
	st, _ := stemHashed(tok, maphash.String(termSeed, tok))
	return st
}

// stemHashed is Stem for a token whose hash (maphash with termSeed) is
// known; it also returns the hash of the stem. Every token goes through
// the cache, short ones too, so a document's common words cost no
// allocation.
func stemHashed[T string | []byte](tok T, h uint64) (string, uint64) {
	slot := &stemSlots[h&(uint64(len(stemSlots))-1)]
	if e := slot.Load(); e != nil && e.hash == h && e.folded == string(tok) {
		return e.stem, e.stemHash
	}
	w := string(tok)
	st, sh := w, h
	if len(tok) >= 3 && len(tok) <= 64 {
		if st = porterstemmer.StemString(w); st == w {
			st = w
		} else {
			sh = maphash.String(termSeed, st)
		}
	}
	slot.Store(&stemEntry{hash: h, folded: w, stem: st, stemHash: sh})
	return st, sh
}

// QueryTerm returns the index term of one query word ("" if it has no
// letter or digit). For a prefix word (typed with '*') it returns the
// prefix that index terms must start with: the stem when it is a prefix
// of the folded word, so that "compute*" finds "comput" (computer,
// computing), else the folded word.
func QueryTerm(word string, prefix bool) string {
	var folded []byte
	scanFolded(word, func(tok []byte, _, _ int) { folded = append(folded, tok...) })
	if len(folded) > MaxTokenBytes {
		folded = folded[:MaxTokenBytes]
	}
	t := Stem(folded)
	if prefix && !strings.HasPrefix(string(folded), t) {
		return string(folded)
	}
	return t
}
