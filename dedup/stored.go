package dedup

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/dossier/dossier"
)

// fingerprintVersion is the first byte of an encoded Fingerprint. Change
// it whenever tokenising, hashing or the encoding change: stored
// fingerprints of another version are ignored and made again.
const fingerprintVersion = 1

// MarshalBinary encodes the fingerprint compactly (about 0.5 KB plus 9
// bytes per distinct term) for a store to keep (see
// dossier.FingerprintStore).
func (fp *Fingerprint) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 1+3*binary.MaxVarintLen64+16+4*len(fp.sig)+10*len(fp.terms))
	b = append(b, fingerprintVersion)
	b = binary.AppendUvarint(b, uint64(fp.words))
	b = binary.LittleEndian.AppendUint64(b, fp.body)
	b = binary.LittleEndian.AppendUint64(b, fp.simhash)
	b = binary.AppendUvarint(b, uint64(len(fp.sig)))
	for _, v := range fp.sig {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	b = binary.AppendUvarint(b, uint64(len(fp.terms)))
	for _, t := range fp.terms {
		// Term frequencies are sums of 1 (a word) and 2 (a name).
		if t.tf < 1 || t.tf != math.Trunc(t.tf) || t.tf > 1<<40 {
			return nil, fmt.Errorf("dedup: fingerprint: term frequency %v is not a whole number", t.tf)
		}
		b = binary.LittleEndian.AppendUint64(b, t.hash)
		b = binary.AppendUvarint(b, uint64(t.tf))
	}
	return b, nil
}

// errStale is returned for a fingerprint of another version.
var errStale = errors.New("fingerprint of another version")

// UnmarshalBinary decodes a fingerprint made by MarshalBinary. It returns
// an error for bytes that are not one, or one of another version.
func (fp *Fingerprint) UnmarshalBinary(b []byte) error {
	if len(b) == 0 || b[0] != fingerprintVersion {
		return fmt.Errorf("dedup: fingerprint: %w", errStale)
	}
	r := fpReader{b: b[1:]}
	words := r.uvarint()
	body, sim := r.uint64(), r.uint64()
	nsig := r.uvarint()
	if r.err == nil && nsig != numHashes {
		return fmt.Errorf("dedup: fingerprint: %d MinHash values, want %d: %w", nsig, numHashes, errStale)
	}
	sig := make([]uint32, numHashes)
	for i := range sig {
		sig[i] = r.uint32()
	}
	nterms := r.uvarint()
	if r.err == nil && nterms > uint64(len(r.b))/9 {
		return errors.New("dedup: fingerprint: truncated")
	}
	var terms []termFreq
	if r.err == nil && nterms > 0 {
		terms = make([]termFreq, nterms)
		for i := range terms {
			terms[i].hash = r.uint64()
			terms[i].tf = float64(r.uvarint())
		}
	}
	if r.err == nil && len(r.b) != 0 {
		r.err = errors.New("trailing bytes")
	}
	if r.err != nil || words > math.MaxInt32 {
		return fmt.Errorf("dedup: fingerprint: malformed (%v)", r.err)
	}
	*fp = Fingerprint{words: int(words), body: body, simhash: sim, sig: sig, terms: terms}
	return nil
}

// fpReader reads the parts of an encoded fingerprint, remembering the
// first error.
type fpReader struct {
	b   []byte
	err error
}

func (r *fpReader) short() {
	if r.err == nil {
		r.err = errors.New("truncated")
	}
	r.b = nil
}

func (r *fpReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.short()
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *fpReader) uint64() uint64 {
	if len(r.b) < 8 {
		r.short()
		return 0
	}
	v := binary.LittleEndian.Uint64(r.b)
	r.b = r.b[8:]
	return v
}

func (r *fpReader) uint32() uint32 {
	if len(r.b) < 4 {
		r.short()
		return 0
	}
	v := binary.LittleEndian.Uint32(r.b)
	r.b = r.b[4:]
	return v
}

// KeepFingerprints makes the index remember the fingerprint of every
// article added from now on, until taken with TakeFingerprint: a caller
// that stores the articles can then store their fingerprints too.
func (ix *Index) KeepFingerprints() {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.kept == nil {
		ix.kept = map[string]*Fingerprint{}
	}
}

// TakeFingerprint returns and forgets the fingerprint kept for the
// article id (see KeepFingerprints), or nil.
func (ix *Index) TakeFingerprint(id string) *Fingerprint {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	fp := ix.kept[id]
	delete(ix.kept, id)
	return fp
}

// SeedStats says how Seed filled an index.
type SeedStats struct {
	Articles int // articles added
	Computed int // of which fingerprinted from their text (none stored)
}

// Seed adds every article stored in st to ix, keeping the duplicate links
// and stories they were stored with, so that articles collected later are
// matched against them. Call it once, before adding new articles. It
// returns the number of articles added.
//
// When st is a dossier.FingerprintStore, articles are added from their
// stored fingerprints, in the same order and with the same results as
// from their texts; only the articles without a current fingerprint are
// read and fingerprinted, and their fingerprints are stored for next time.
func Seed(ctx context.Context, st dossier.Store, ix *Index) (int, error) {
	s, err := SeedStored(ctx, st, ix)
	return s.Articles, err
}

// SeedStored is Seed, saying how many fingerprints it had to make.
func SeedStored(ctx context.Context, st dossier.Store, ix *Index) (SeedStats, error) {
	fs, ok := st.(dossier.FingerprintStore)
	if !ok {
		n, err := seedFromTexts(ctx, st, ix)
		return SeedStats{Articles: n, Computed: n}, err
	}
	// Pages are read and decoded on one goroutine while the previous one
	// is added on this one: adding is sequential (results depend on the
	// order), reading is half the work.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	pages := make(chan seedPage, 2)
	go readPages(ctx, st, fs, ix, pages)
	var s SeedStats
	for p := range pages {
		if p.err != nil {
			return s, fmt.Errorf("dedup: seed: %w", p.err)
		}
		s.Computed += p.computed
		for i, r := range p.recs {
			if p.fps[i] == nil {
				continue
			}
			a := &dossier.Article{ID: r.ID, Published: r.Published, Fetched: r.Fetched,
				DuplicateOf: r.DuplicateOf, StoryID: r.StoryID}
			ix.AddFingerprint(a, p.fps[i])
			s.Articles++
		}
	}
	return s, nil
}

// seedPage is one page of stored articles with their fingerprints (nil
// for an article gone since it was listed), or the error that ended the
// reading.
type seedPage struct {
	recs     []dossier.DedupRecord
	fps      []*Fingerprint
	computed int
	err      error
}

// readPages sends every page of stored articles with their fingerprints
// (made and stored for those without one) to out, then closes it.
func readPages(ctx context.Context, st dossier.Store, fs dossier.FingerprintStore, ix *Index, out chan<- seedPage) {
	defer close(out)
	send := func(p seedPage) bool {
		select {
		case out <- p:
			return true
		case <-ctx.Done():
			return false
		}
	}
	after := ""
	for {
		recs, err := fs.DedupRecords(ctx, after, seedPageSize)
		if err != nil {
			send(seedPage{err: err})
			return
		}
		if len(recs) == 0 {
			return
		}
		fps := make([]*Fingerprint, len(recs))
		var missing []string
		for i, r := range recs {
			if r.Fingerprint != nil {
				fp := new(Fingerprint)
				if err := fp.UnmarshalBinary(r.Fingerprint); err == nil {
					fps[i] = fp
					continue
				}
			}
			missing = append(missing, r.ID)
		}
		if len(missing) > 0 {
			if err := fingerprintStored(ctx, st, fs, ix, recs, fps, missing); err != nil {
				send(seedPage{err: err})
				return
			}
		}
		if !send(seedPage{recs: recs, fps: fps, computed: len(missing)}) {
			return
		}
		after = recs[len(recs)-1].ID
	}
}

// fingerprintStored reads the missing articles of a page, fingerprints
// their texts into fps and stores the fingerprints.
func fingerprintStored(ctx context.Context, st dossier.Store, fs dossier.FingerprintStore, ix *Index,
	recs []dossier.DedupRecord, fps []*Fingerprint, missing []string) error {
	arts, err := st.Articles(ctx, missing)
	if err != nil {
		return err
	}
	byID := make(map[string]*dossier.Article, len(arts))
	for _, a := range arts {
		byID[a.ID] = a
	}
	var put []dossier.ArticleFingerprint
	for i, r := range recs {
		if fps[i] != nil {
			continue
		}
		a := byID[r.ID]
		if a == nil {
			continue // gone since the page was listed: skipped, as Articles skips it
		}
		fps[i] = ix.Fingerprint(a.Text)
		b, err := fps[i].MarshalBinary()
		if err != nil {
			return err
		}
		if h := dossier.StoredContentHash(a); h == r.ContentHash {
			put = append(put, dossier.ArticleFingerprint{ID: a.ID, ContentHash: h, Fingerprint: b})
		}
	}
	if len(put) == 0 {
		return nil
	}
	return fs.PutFingerprints(ctx, put)
}
