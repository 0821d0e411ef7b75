package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier/dossier/nlp/gazetteer"
)

// Tags, in model order. IOB2 over the four CoNLL types.
var tagNames = [nTags]string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

const nTags = 9

var typeIndex = map[string]int{"PER": 0, "ORG": 1, "LOC": 2, "MISC": 3}

var tagIndex = func() map[string]int {
	m := make(map[string]int, nTags)
	for i, t := range tagNames {
		m[t] = i
	}
	return m
}()

// allowed reports whether tag b may follow tag a (a == nTags is the start).
func allowed(a, b int) bool {
	if b == 0 || b%2 == 1 { // O or B-X
		return true
	}
	return a != nTags && a != 0 && (a+1)/2 == b/2
}

// FNV-1a style hashing of feature strings.
const (
	hashOffset = 14695981039346656037
	hashPrime  = 1099511628211
)

func hstr(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= hashPrime
	}
	return h
}

func hsep(h uint64) uint64 { h ^= 0xff; h *= hashPrime; return h }

func hnum(h uint64, n uint64) uint64 {
	h ^= n
	h *= hashPrime
	h ^= h >> 29
	return h
}

func tmpl(id uint64) uint64 { return hnum(hashOffset, id*0x9E3779B97F4A7C15) }

// tokInfo is what the feature templates need about one token.
type tokInfo struct {
	w, lw, shape, short string
	cl                  [3]uint32 // cluster prefixes at three depths, 0 if unknown
	gaz                 uint8     // gazetteer kind bits of the phrase covering the token
	gazPos              uint8     // 0 none, 1 begins a phrase, 2 inside one
	initCap, allCap     bool
	docCap, docLow      bool // seen elsewhere in the document capitalised mid-sentence / lowercase
	docCtx              []uint64
}

// featurizer turns sentences into hashed feature rows. It holds scratch
// space and is not safe for concurrent use.
type featurizer struct {
	clusters *Clusters
	gaz      *gazetteer.Gazetteer
	mask     uint64
	info     []tokInfo
	feats    []uint32 // flat rows
	offs     []int32  // per token: start in feats; len(tokens)+1 entries
	buf      []byte
}

// docStats records per document which lowercased words occur capitalised
// in non-initial positions and which occur in lowercase.
type docStats struct {
	capMid map[string]bool
	lower  map[string]bool
	ctx    map[string][]uint64 // capitalised word -> hashes of its neighbours across the document
}

func newDocStats(sents [][]string) *docStats {
	d := &docStats{capMid: map[string]bool{}, lower: map[string]bool{}, ctx: map[string][]uint64{}}
	for _, s := range sents {
		allCap := sentenceAllCaps(s)
		for i, w := range s {
			r, _ := utf8.DecodeRuneInString(w)
			if unicode.IsUpper(r) && !allCap {
				lw := strings.ToLower(w)
				c := d.ctx[lw]
				if len(c) < 32 {
					if i > 0 {
						c = addUniq(c, hstr(tmpl(50), strings.ToLower(s[i-1])))
					}
					if i+1 < len(s) {
						c = addUniq(c, hstr(tmpl(51), strings.ToLower(s[i+1])))
					}
					if i > 1 {
						c = addUniq(c, hstr(tmpl(52), strings.ToLower(s[i-2])))
					}
					if i+2 < len(s) {
						c = addUniq(c, hstr(tmpl(53), strings.ToLower(s[i+2])))
					}
					d.ctx[lw] = c
				}
			}
			if unicode.IsUpper(r) {
				if i > 0 && !allCap && !isUpperWord(w) {
					d.capMid[strings.ToLower(w)] = true
				}
			} else if unicode.IsLower(r) {
				d.lower[w] = true
			}
		}
	}
	return d
}

func addUniq(list []uint64, h uint64) []uint64 {
	for _, x := range list {
		if x == h {
			return list
		}
	}
	return append(list, h)
}

func isUpperWord(w string) bool {
	hasUpper := false
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			hasUpper = true
		}
	}
	return hasUpper
}

// sentenceAllCaps reports headline-style sentences with no lowercase letter
// in any word of two or more letters.
func sentenceAllCaps(s []string) bool {
	letters := 0
	for _, w := range s {
		for _, r := range w {
			if unicode.IsLower(r) {
				return false
			}
			if unicode.IsLetter(r) {
				letters++
			}
		}
	}
	return letters > 3
}

// wordShape maps letters to X/x, digits to d and keeps other characters,
// capping runs at two for the long shape; short collapses every run.
func wordShape(w string, buf []byte) (long, short string, b []byte) {
	buf = buf[:0]
	var last rune
	run := 0
	for _, r := range w {
		var c rune
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = r
		default:
			c = '~'
		}
		if c == last {
			run++
		} else {
			run = 1
			last = c
		}
		if run <= 2 {
			buf = append(buf, byte(c))
		}
	}
	long = string(buf)
	s := buf[:0:0]
	var prev byte
	for i := 0; i < len(long); i++ {
		if long[i] != prev {
			s = append(s, long[i])
			prev = long[i]
		}
	}
	return long, string(s), buf
}

func normDigits(lw string) string {
	if strings.IndexFunc(lw, unicode.IsDigit) < 0 {
		return lw
	}
	b := []byte(lw)
	for i, c := range b {
		if c >= '0' && c <= '9' {
			b[i] = '0'
		}
	}
	return string(b)
}

// prepare fills f.info for one sentence.
func (f *featurizer) prepare(toks []string, doc *docStats) {
	n := len(toks)
	if cap(f.info) < n {
		f.info = make([]tokInfo, n, 2*n)
	}
	f.info = f.info[:n]
	for i, w := range toks {
		t := &f.info[i]
		*t = tokInfo{w: w, lw: normDigits(strings.ToLower(w))}
		t.shape, t.short, f.buf = wordShape(w, f.buf)
		r, _ := utf8.DecodeRuneInString(w)
		t.initCap = unicode.IsUpper(r)
		t.allCap = isUpperWord(w)
		if f.clusters != nil {
			t.cl = f.clusters.lookup(w)
		}
		if doc != nil {
			lw := strings.ToLower(w)
			t.docCap = doc.capMid[lw]
			t.docLow = doc.lower[lw]
			if t.initCap {
				t.docCtx = doc.ctx[lw]
			}
		}
	}
	if f.gaz != nil {
		for i := 0; i < n; i++ {
			if !f.info[i].initCap {
				continue
			}
			for l := min(gazetteer.MaxPhrase, n-i); l >= 1; l-- {
				if k := f.gaz.KindsOf(toks[i : i+l]); k != 0 {
					for j := i; j < i+l; j++ {
						f.info[j].gaz |= k
						if j == i && f.info[j].gazPos == 0 {
							f.info[j].gazPos = 1
						} else if j > i {
							f.info[j].gazPos = 2
						}
					}
					break
				}
			}
		}
	}
}

var boundary = tokInfo{w: "<s>", lw: "<s>", shape: "<s>", short: "<s>"}

// extract computes the hashed feature rows of every token of toks.
func (f *featurizer) extract(toks []string, doc *docStats) {
	f.prepare(toks, doc)
	n := len(toks)
	f.feats = f.feats[:0]
	f.offs = append(f.offs[:0], 0)
	headline := sentenceAllCaps(toks)
	at := func(i int) *tokInfo {
		if i < 0 || i >= n {
			return &boundary
		}
		return &f.info[i]
	}
	for i := 0; i < n; i++ {
		t, p1, n1, p2, n2 := at(i), at(i-1), at(i+1), at(i-2), at(i+2)
		add := func(h uint64) { f.feats = append(f.feats, uint32((h^(h>>32))&f.mask)) }
		add(tmpl(1))
		add(hstr(tmpl(2), t.w))
		add(hstr(tmpl(3), t.lw))
		add(hstr(tmpl(4), p1.lw))
		add(hstr(tmpl(5), n1.lw))
		add(hstr(tmpl(6), p2.lw))
		add(hstr(tmpl(7), n2.lw))
		add(hstr(hsep(hstr(tmpl(8), p1.lw)), t.lw))
		add(hstr(hsep(hstr(tmpl(9), t.lw)), n1.lw))
		add(hstr(tmpl(10), p1.w))
		add(hstr(tmpl(11), n1.w))
		for k := 1; k <= 4 && k < len(t.w); k++ {
			add(hstr(tmpl(12+uint64(k)), t.w[:k]))
			add(hstr(tmpl(16+uint64(k)), t.lw[len(t.lw)-k:]))
		}
		add(hstr(tmpl(21), t.shape))
		add(hstr(tmpl(22), t.short))
		add(hstr(hsep(hstr(tmpl(23), p1.shape)), t.shape))
		add(hstr(hsep(hstr(tmpl(24), t.shape)), n1.shape))
		add(hstr(hsep(hstr(hsep(hstr(tmpl(25), p1.short)), t.short)), n1.short))
		add(hstr(hsep(hstr(tmpl(26), p1.lw)), t.short))
		add(hstr(hsep(hstr(tmpl(27), t.short)), n1.lw))
		first := uint64(0)
		if i == 0 {
			first = 1
		}
		hl := uint64(0)
		if headline {
			hl = 1
		}
		add(hstr(hnum(hnum(tmpl(28), first), hl), t.short))
		if headline {
			add(hstr(tmpl(29), t.lw))
		}
		for d := 0; d < 3; d++ {
			if t.cl[d] != 0 {
				add(hnum(tmpl(30+uint64(d)), uint64(t.cl[d])))
				add(hstr(hnum(tmpl(33+uint64(d)), uint64(t.cl[d])), t.short))
			}
		}
		add(hnum(tmpl(36), uint64(p1.cl[1])))
		add(hnum(tmpl(37), uint64(n1.cl[1])))
		add(hnum(hnum(tmpl(38), uint64(p1.cl[0])), uint64(t.cl[0])))
		add(hnum(hnum(tmpl(39), uint64(t.cl[0])), uint64(n1.cl[0])))
		if t.gaz != 0 {
			add(hnum(hnum(tmpl(40), uint64(t.gaz)), uint64(t.gazPos)))
			add(hstr(hnum(tmpl(41), uint64(t.gaz)), t.short))
		}
		add(hnum(hnum(tmpl(42), uint64(p1.gaz)), uint64(n1.gaz)))
		if t.initCap {
			dc := uint64(0)
			if t.docCap {
				dc |= 1
			}
			if t.docLow {
				dc |= 2
			}
			add(hnum(hnum(hnum(tmpl(43), dc), first), hl))
		}
		for _, h := range t.docCtx {
			add(h)
		}
		if t.initCap && p1.initCap && n1.initCap {
			add(tmpl(44))
		}
		f.offs = append(f.offs, int32(len(f.feats)))
	}
}
