package textindex

import (
	"cmp"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"sync"
)

// Posting records one document that holds a term.
type Posting struct {
	Doc       int64  // the document's row id
	TitleFreq uint32 // occurrences in the title
	BodyFreq  uint32 // occurrences in the body
	Length    uint32 // tokens in the document's title and body together
}

// AppendPostings appends the encoding of ps, which must be sorted by
// ascending Doc, to dst: per posting, the Doc's difference from the
// previous one (the first is absolute), TitleFreq, BodyFreq and Length,
// each as an unsigned varint.
func AppendPostings(dst []byte, ps []Posting) []byte {
	var prev int64
	for _, p := range ps {
		dst = binary.AppendUvarint(dst, uint64(p.Doc-prev))
		dst = binary.AppendUvarint(dst, uint64(p.TitleFreq))
		dst = binary.AppendUvarint(dst, uint64(p.BodyFreq))
		dst = binary.AppendUvarint(dst, uint64(p.Length))
		prev = p.Doc
	}
	return dst
}

// ErrCorrupt reports a postings list that cannot be decoded.
var ErrCorrupt = errors.New("corrupt postings list")

// DecodePostings calls fn for each posting encoded in b, in order. It
// returns an error wrapping ErrCorrupt if b is truncated or malformed.
func DecodePostings(b []byte, fn func(Posting)) error {
	var doc int64
	for i := 0; len(b) > 0; i++ {
		var v [4]uint64
		for k := range v {
			// One-byte values are the common case: skip the call.
			if len(b) > 0 && b[0] < 0x80 {
				v[k] = uint64(b[0])
				b = b[1:]
				continue
			}
			x, n := binary.Uvarint(b)
			if n <= 0 || (k > 0 && x > 1<<32-1) {
				return fmt.Errorf("%w: posting %d", ErrCorrupt, i)
			}
			v[k] = x
			b = b[n:]
		}
		if i > 0 && v[0] == 0 || v[0] > 1<<62 {
			return fmt.Errorf("%w: posting %d: documents out of order", ErrCorrupt, i)
		}
		doc += int64(v[0])
		fn(Posting{Doc: doc, TitleFreq: uint32(v[1]), BodyFreq: uint32(v[2]), Length: uint32(v[3])})
	}
	return nil
}

// CountPostings returns the number of postings encoded in b (well
// formed, as DecodePostings checks): each is four varints, and each varint
// ends with the one byte under 0x80.
func CountPostings(b []byte) int {
	n := 0
	for _, c := range b {
		if c < 0x80 {
			n++
		}
	}
	return n / 4
}

// Batch inverts a batch of documents into postings lists. It lays
// postings out by counting, not in a slice per term. Its terms are
// numbered by a Vocabulary, which may outlive it and serve the next
// batches.
type Batch struct {
	v      *Vocabulary
	docs   []batchDoc
	freqs  []termFreq
	seenAt []int32       // term number -> 1 + index in freqs of its count in the current document
	index  map[int64]int // row id -> index in docs
}

// Vocabulary numbers the terms of batches. Documents come counted by
// token (CountDocument, on any goroutine, in parallel); the vocabulary
// maps each token to its term ("reports" and "report" to "report"),
// stemming a token the first time it meets it. A store keeps one across
// its write transactions, so that a batch only stems words new to the
// process. It is safe for concurrent use.
type Vocabulary struct {
	mu      sync.Mutex
	slots   []vocabSlot      // open addressing by the tokens' first hash
	tokens  int              // slots in use
	stemIDs map[string]int32 // term -> term number
	terms   []string         // term number -> term
}

// vocabSlot is one token of a Vocabulary: its two hashes (together, its
// identity) and its term, inline, so a lookup costs one probe.
type vocabSlot struct {
	hash, hash2 uint64
	term        int32 // term number + 1; 0 marks a free slot
}

// NewVocabulary returns an empty vocabulary.
func NewVocabulary() *Vocabulary {
	return &Vocabulary{slots: make([]vocabSlot, 1<<12), stemIDs: map[string]int32{}}
}

// Size returns the number of distinct tokens the vocabulary holds.
func (v *Vocabulary) Size() int {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.tokens
}

// termsSnapshot returns the terms numbered so far (they never change).
func (v *Vocabulary) termsSnapshot() []string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.terms[:len(v.terms):len(v.terms)]
}

type batchDoc struct {
	doc        int64
	length     uint32
	start, end int32 // its counts: freqs[start:end]
	removed    bool
}

type termFreq struct {
	term        int32
	title, body uint32
}

// Counted is one document's tokens with their counts, and its length in
// tokens: the part of indexing that needs no shared state, so that it can
// run in parallel before the writing starts. Tokens are folded but not
// stemmed (see Stem).
type Counted struct {
	Tokens []TokenCount
	Length uint32
}

// TokenCount is one folded token's occurrences in a document.
type TokenCount struct {
	Token       string
	Hash, Hash2 uint64 // maphash of Token with two seeds, for the Batch's table
	Title, Body uint32
}

// Terms returns the document's index terms (stemmed tokens) with their
// counts.
func (c Counted) Terms() map[string][2]uint32 {
	out := make(map[string][2]uint32, len(c.Tokens))
	for _, tc := range c.Tokens {
		t := StemString(tc.Token)
		f := out[t]
		out[t] = [2]uint32{f[0] + tc.Title, f[1] + tc.Body}
	}
	return out
}

// termSeed and termSeed2 seed the two hashes of tokens for the life of
// the process. The pair identifies a token: two tokens share both with
// probability about 2^-128.
var termSeed, termSeed2 = maphash.MakeSeed(), maphash.MakeSeed()

// CountDocument tokenizes a document's title and body.
func CountDocument(title, body string) Counted {
	var dc docCounter
	dc.init(16 + (len(title)+len(body))/10)
	scanFolded(title, func(tok []byte, _, _ int) { dc.count(tok, true) })
	scanFolded(body, func(tok []byte, _, _ int) { dc.count(tok, false) })
	// One string holds every distinct token.
	all := string(dc.folded)
	for i := range dc.c.Tokens {
		dc.c.Tokens[i].Token = all[dc.offs[i]:dc.offs[i+1]]
	}
	return dc.c
}

// docCounter counts a document's tokens in an open-addressing table keyed
// by the folded token's hash: one probe and a short comparison a token,
// several times cheaper than a Go map keyed by string.
type docCounter struct {
	c      Counted
	slots  []int32 // 1 + index in c.Tokens; 0 if free
	folded []byte  // per token, its bytes, at offs[i]:offs[i+1]
	offs   []int32
}

func (dc *docCounter) init(estimate int) {
	size := 64
	for size < 2*estimate {
		size <<= 1
	}
	dc.slots = make([]int32, size)
	dc.offs = append(make([]int32, 0, estimate+1), 0)
	dc.folded = make([]byte, 0, 8*estimate)
	dc.c.Tokens = make([]TokenCount, 0, estimate)
}

func (dc *docCounter) count(tok []byte, inTitle bool) {
	h := maphash.Bytes(termSeed, tok)
	mask := uint64(len(dc.slots) - 1)
	i := h & mask
	var k int32
	for {
		k = dc.slots[i]
		if k == 0 {
			k = dc.insert(tok, h, i)
			break
		}
		if dc.c.Tokens[k-1].Hash == h && string(dc.folded[dc.offs[k-1]:dc.offs[k]]) == string(tok) {
			break
		}
		i = (i + 1) & mask
	}
	if inTitle {
		dc.c.Tokens[k-1].Title++
	} else {
		dc.c.Tokens[k-1].Body++
	}
	dc.c.Length++
}

// insert adds a new token at slot i and returns its 1-based index,
// growing the table when it is half full.
func (dc *docCounter) insert(tok []byte, h uint64, i uint64) int32 {
	dc.c.Tokens = append(dc.c.Tokens, TokenCount{Hash: h, Hash2: maphash.Bytes(termSeed2, tok)})
	dc.folded = append(dc.folded, tok...)
	dc.offs = append(dc.offs, int32(len(dc.folded)))
	k := int32(len(dc.c.Tokens))
	dc.slots[i] = k
	if 2*len(dc.c.Tokens) > len(dc.slots) {
		dc.slots = make([]int32, 2*len(dc.slots))
		mask := uint64(len(dc.slots) - 1)
		for j, tc := range dc.c.Tokens {
			p := tc.Hash & mask
			for dc.slots[p] != 0 {
				p = (p + 1) & mask
			}
			dc.slots[p] = int32(j + 1)
		}
	}
	return k
}

// NewBatch returns an empty batch whose terms v numbers (a vocabulary of
// its own when v is nil).
func NewBatch(v *Vocabulary) *Batch {
	if v == nil {
		v = NewVocabulary()
	}
	return &Batch{v: v, index: map[int64]int{}}
}

// Len returns the number of documents in the batch.
func (b *Batch) Len() int { return len(b.index) }

// Add tokenizes a document and returns its length in tokens. Adding a
// row id again replaces the document.
func (b *Batch) Add(doc int64, title, body string) uint32 {
	return b.AddCounted(doc, CountDocument(title, body))
}

// AddCounted adds a document counted by CountDocument and returns its
// length. Adding a row id again replaces the document. Two tokens with
// one stem ("report", "reports") are two entries of Counted and become
// one term here.
func (b *Batch) AddCounted(doc int64, c Counted) uint32 {
	b.Remove(doc)
	d := batchDoc{doc: doc, start: int32(len(b.freqs)), length: c.Length}
	ids := make([]int32, len(c.Tokens))
	b.v.mu.Lock()
	for i, tc := range c.Tokens {
		ids[i] = b.v.termID(tc)
	}
	n := len(b.v.terms)
	b.v.mu.Unlock()
	if len(b.seenAt) < n {
		b.seenAt = append(b.seenAt, make([]int32, n-len(b.seenAt))...)
	}
	for i, tc := range c.Tokens {
		id := ids[i]
		at := b.seenAt[id]
		if at == 0 || at-1 < d.start {
			b.freqs = append(b.freqs, termFreq{term: id})
			at = int32(len(b.freqs))
			b.seenAt[id] = at
		}
		b.freqs[at-1].title += tc.Title
		b.freqs[at-1].body += tc.Body
	}
	d.end = int32(len(b.freqs))
	b.index[doc] = len(b.docs)
	b.docs = append(b.docs, d)
	return d.length
}

// termID returns the number of a token's term, numbering it if new
// (v.mu held). Tokens are looked up by their two hashes, computed in
// parallel by CountDocument: no string is compared (two tokens share both
// hashes with probability about 2^-128). A token new to the vocabulary is
// stemmed here.
func (v *Vocabulary) termID(tc TokenCount) int32 {
	mask := uint64(len(v.slots) - 1)
	i := tc.Hash & mask
	for {
		sl := &v.slots[i]
		if sl.term == 0 {
			break
		}
		if sl.hash == tc.Hash && sl.hash2 == tc.Hash2 {
			return sl.term - 1
		}
		i = (i + 1) & mask
	}
	t := StemString(tc.Token)
	id, known := v.stemIDs[t]
	if !known {
		id = int32(len(v.terms))
		v.terms = append(v.terms, t)
		v.stemIDs[t] = id
	}
	v.slots[i] = vocabSlot{hash: tc.Hash, hash2: tc.Hash2, term: id + 1}
	v.tokens++
	if 2*v.tokens > len(v.slots) {
		old := v.slots
		v.slots = make([]vocabSlot, 2*len(old))
		mask := uint64(len(v.slots) - 1)
		for _, sl := range old {
			if sl.term == 0 {
				continue
			}
			j := sl.hash & mask
			for v.slots[j].term != 0 {
				j = (j + 1) & mask
			}
			v.slots[j] = sl
		}
	}
	return id
}

// Remove drops a document added to the batch, returning its length and
// whether it was there.
func (b *Batch) Remove(doc int64) (uint32, bool) {
	i, ok := b.index[doc]
	if !ok {
		return 0, false
	}
	b.docs[i].removed = true
	delete(b.index, doc)
	return b.docs[i].length, true
}

// Each calls fn with each term of the batch, in ascending order, and its
// postings encoded by AppendPostings.
func (b *Batch) Each(fn func(term string, postings []byte) error) error {
	terms := b.v.termsSnapshot()
	docs := slices.Clone(b.docs)
	slices.SortStableFunc(docs, func(x, y batchDoc) int { return cmp.Compare(x.doc, y.doc) })
	// Count each term's postings, then lay them out term by term.
	counts := make([]int32, len(terms)+1)
	for _, d := range docs {
		if d.removed {
			continue
		}
		for _, f := range b.freqs[d.start:d.end] {
			counts[f.term+1]++
		}
	}
	var order []int32 // the terms of the batch
	for id := range terms {
		if counts[id+1] > 0 {
			order = append(order, int32(id))
		}
	}
	for i := 1; i < len(counts); i++ {
		counts[i] += counts[i-1]
	}
	ps := make([]Posting, counts[len(counts)-1])
	next := slices.Clone(counts[:len(terms)])
	for _, d := range docs {
		if d.removed {
			continue
		}
		for _, f := range b.freqs[d.start:d.end] {
			ps[next[f.term]] = Posting{Doc: d.doc, TitleFreq: f.title, BodyFreq: f.body, Length: d.length}
			next[f.term]++
		}
	}
	slices.SortFunc(order, func(x, y int32) int { return strings.Compare(terms[x], terms[y]) })
	var buf []byte
	for _, id := range order {
		buf = AppendPostings(buf[:0], ps[counts[id]:counts[id+1]])
		if err := fn(terms[id], buf); err != nil {
			return err
		}
	}
	return nil
}

// MergePostings merges encoded postings lists into one sorted by
// document, dropping the postings for which dead returns true. Where
// several lists hold the same document, the one given last wins.
func MergePostings(lists [][]byte, dead func(doc int64, list int) bool) ([]byte, error) {
	if len(lists) == 1 && dead == nil {
		return lists[0], nil
	}
	var all []Posting
	sorted := true
	for li, b := range lists {
		err := DecodePostings(b, func(p Posting) {
			if dead != nil && dead(p.Doc, li) {
				return
			}
			if n := len(all); n > 0 && all[n-1].Doc >= p.Doc {
				sorted = false
			}
			all = append(all, p)
		})
		if err != nil {
			return nil, err
		}
	}
	if !sorted {
		// Stable: of two postings of one document, the later list's
		// stays last, and wins below.
		slices.SortStableFunc(all, func(a, b Posting) int { return cmp.Compare(a.Doc, b.Doc) })
		merged := all[:0]
		for i, p := range all {
			if i+1 < len(all) && all[i+1].Doc == p.Doc {
				continue
			}
			merged = append(merged, p)
		}
		all = merged
	}
	return AppendPostings(nil, all), nil
}
