package textindex

import (
	"encoding/binary"
	"fmt"
	"strings"
)

// BlockSize is the size, in bytes, from which a block of the term
// dictionary is closed. A store keeps one row per block rather than one
// per term: writing a batch of articles costs a few rows, not one per
// distinct word, and a lookup reads one block per segment.
const BlockSize = 16 << 10

// A Block is a run of consecutive terms of a segment's dictionary, with
// their postings: per term, uvarint(len(term)) term uvarint(len(postings))
// postings.
type Block struct {
	First string // the block's first term
	Data  []byte
}

// BlockWriter packs terms, given in ascending order, into blocks.
type BlockWriter struct {
	cur    Block
	last   string
	blocks []Block
}

// Add appends a term and its encoded postings. Terms must come in
// strictly ascending order.
func (w *BlockWriter) Add(term string, postings []byte) error {
	if len(w.blocks) > 0 || len(w.cur.Data) > 0 {
		if term <= w.last {
			return fmt.Errorf("textindex: term %q added after %q", term, w.last)
		}
	}
	if len(w.cur.Data) == 0 {
		w.cur.First = term
	}
	w.cur.Data = binary.AppendUvarint(w.cur.Data, uint64(len(term)))
	w.cur.Data = append(w.cur.Data, term...)
	w.cur.Data = binary.AppendUvarint(w.cur.Data, uint64(len(postings)))
	w.cur.Data = append(w.cur.Data, postings...)
	w.last = term
	if len(w.cur.Data) >= BlockSize {
		w.blocks = append(w.blocks, w.cur)
		w.cur = Block{}
	}
	return nil
}

// Blocks closes the last block and returns them all.
func (w *BlockWriter) Blocks() []Block {
	if len(w.cur.Data) > 0 {
		w.blocks = append(w.blocks, w.cur)
		w.cur = Block{}
	}
	return w.blocks
}

// EachTerm calls fn for each term of a block and its encoded postings (a
// slice of data), in order, until fn returns false. It returns an error
// wrapping ErrCorrupt if the block is malformed.
func EachTerm(data []byte, fn func(term string, postings []byte) bool) error {
	return eachTerm(data, func(t, p []byte) bool { return fn(string(t), p) })
}

// eachTerm is EachTerm with the term as bytes, which a lookup compares
// without allocating.
func eachTerm(data []byte, fn func(term, postings []byte) bool) error {
	for len(data) > 0 {
		n, k := binary.Uvarint(data)
		if k <= 0 || n > uint64(len(data)-k) {
			return fmt.Errorf("%w: bad term length in block", ErrCorrupt)
		}
		term := data[k : k+int(n)]
		data = data[k+int(n):]
		m, k := binary.Uvarint(data)
		if k <= 0 || m > uint64(len(data)-k) {
			return fmt.Errorf("%w: bad postings length for %q", ErrCorrupt, term)
		}
		if !fn(term, data[k:k+int(m)]) {
			return nil
		}
		data = data[k+int(m):]
	}
	return nil
}

// FindTerms calls fn for each term of a block equal to term, or starting
// with it when prefix is set, with its postings.
func FindTerms(data []byte, term string, prefix bool, fn func(term string, postings []byte)) error {
	return eachTerm(data, func(t, p []byte) bool {
		switch c := strings.Compare(string(t), term); {
		case c == 0 || prefix && strings.HasPrefix(string(t), term):
			fn(string(t), p)
		case c > 0:
			return false // past it: terms are sorted
		}
		return true
	})
}
