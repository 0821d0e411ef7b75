package dedup

import (
	"cmp"
	"math"
	"slices"
	"sync"
	"time"

	"github.com/dossier/dossier"
)

// MinHash and LSH parameters: 32 bands of 4 rows make a pair with Jaccard
// similarity 0.6 a candidate with probability 0.98, and one at 0.3 with
// probability 0.23 (then rejected by the similarity check).
const (
	numHashes = 128
	bands     = 32
	rows      = numHashes / bands
	shingleK  = 4
)

// Options tune an Index. The zero value gives the defaults.
type Options struct {
	// NearThreshold is the estimated Jaccard similarity of word 4-shingles
	// above which an article is a near-duplicate of an earlier one.
	// Default 0.55.
	NearThreshold float64
	// MinWords is the body length below which only exact duplicates are
	// looked for (short texts share shingles by chance). Default 40.
	MinWords int
	// StoryThreshold is the cosine similarity of key-term vectors above
	// which two articles are about the same story. Default 0.4.
	StoryThreshold float64
	// StoryWindow is how far apart in time two articles of one story may
	// be. Articles without a date are compared with every article.
	// Default 4 days.
	StoryWindow time.Duration
	// KeyTerms is the number of distinctive terms kept per article for
	// story matching. Default 20.
	KeyTerms int
}

// Result says what the index found for one article.
type Result struct {
	DuplicateOf string  // the original's id, "" when the article is original
	Exact       bool    // the body is the same as the original's
	Similarity  float64 // estimated Jaccard similarity with the original, 1 for exact copies
	StoryID     string  // id of the story the article belongs to
}

// Index finds duplicates and stories among the articles added to it. It is
// safe for concurrent use; articles are matched against those added
// before them.
type Index struct {
	opts  Options
	seeds [numHashes]uint64

	mu      sync.Mutex
	docs    []doc
	byID    map[string]int32
	byBody  map[uint64]int32
	buckets [bands]map[uint64][]int32
	terms   map[uint64]int32 // term's word hash -> term id
	df      []int32          // document frequency by term id
	posting map[int32][]int32
	kept    map[string]*Fingerprint // see KeepFingerprints; nil when off
}

type doc struct {
	id        string
	original  int32 // index of the original, or -1
	story     string
	when      time.Time
	sig       []uint32
	keys      []keyTerm
	norm      float64
	dupAtLoad bool
}

type keyTerm struct {
	term   int32
	weight float64
}

// New returns an empty index.
func New(opts Options) *Index {
	if opts.NearThreshold <= 0 {
		opts.NearThreshold = 0.55
	}
	if opts.MinWords <= 0 {
		opts.MinWords = 40
	}
	if opts.StoryThreshold <= 0 {
		opts.StoryThreshold = 0.4
	}
	if opts.StoryWindow <= 0 {
		opts.StoryWindow = 4 * 24 * time.Hour
	}
	if opts.KeyTerms <= 0 {
		opts.KeyTerms = 20
	}
	ix := &Index{
		opts:    opts,
		byID:    map[string]int32{},
		byBody:  map[uint64]int32{},
		terms:   map[uint64]int32{},
		posting: map[int32][]int32{},
	}
	s := uint64(0x9e3779b97f4a7c15)
	for i := range ix.seeds {
		s = mix64(s + 0x9e3779b97f4a7c15)
		ix.seeds[i] = s
	}
	for i := range ix.buckets {
		ix.buckets[i] = map[uint64][]int32{}
	}
	return ix
}

// Len returns the number of articles in the index.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.docs)
}

// Fingerprint is what the index needs from an article's text: its
// normalised body hash, SimHash, MinHash signature and term counts. Making
// one is the costly part of Add and takes no lock, so a pipeline can make
// fingerprints on many goroutines and add them in order with
// AddFingerprint.
type Fingerprint struct {
	words   int
	body    uint64
	simhash uint64
	sig     []uint32
	terms   []termFreq // in order of first occurrence
}

type termFreq struct {
	hash uint64
	tf   float64
}

// SimHash returns the fingerprint's 64-bit SimHash.
func (fp *Fingerprint) SimHash() uint64 { return fp.simhash }

// Fingerprint computes the fingerprint of text. It is safe to call
// concurrently with anything.
func (ix *Index) Fingerprint(text string) *Fingerprint {
	toks := tokenize(text)
	wh := make([]uint64, len(toks))
	for i, t := range toks {
		wh[i] = fnv64a(t.word)
	}
	fp := &Fingerprint{
		words:   len(toks),
		body:    bodyHash(toks),
		simhash: simhash(shinglesOf(wh, 3)),
		sig:     ix.minhash(shinglesOf(wh, shingleK)),
	}
	pos := map[uint64]int{}
	for i, t := range toks {
		if len(t.word) < 3 || stopwords[wh[i]] || isNumber(t.word) {
			continue
		}
		w := 1.0
		if t.name {
			w = 2
		}
		if j, ok := pos[wh[i]]; ok {
			fp.terms[j].tf += w
		} else {
			pos[wh[i]] = len(fp.terms)
			fp.terms = append(fp.terms, termFreq{hash: wh[i], tf: w})
		}
	}
	return fp
}

// Add matches a against the articles added before it, records it, and
// sets its SimHash, DuplicateOf and StoryID (an article that already has
// a DuplicateOf or StoryID keeps them, as when reloading from a store).
// Adding an id twice returns the first result and changes nothing.
func (ix *Index) Add(a *dossier.Article) Result {
	return ix.AddFingerprint(a, ix.Fingerprint(a.Text))
}

// AddFingerprint is Add with the fingerprint of a.Text already made (see
// Fingerprint).
func (ix *Index) AddFingerprint(a *dossier.Article, fp *Fingerprint) Result {
	a.SimHash = fp.simhash
	body, sig := fp.body, fp.sig
	when := a.Published
	if when.IsZero() {
		when = a.Fetched
	}

	ix.mu.Lock()
	defer ix.mu.Unlock()
	if i, ok := ix.byID[a.ID]; ok && a.ID != "" {
		d := ix.docs[i]
		r := Result{StoryID: d.story}
		if d.original >= 0 {
			r.DuplicateOf = ix.docs[d.original].id
		}
		a.DuplicateOf, a.StoryID = r.DuplicateOf, r.StoryID
		return r
	}
	if ix.kept != nil && a.ID != "" {
		ix.kept[a.ID] = fp
	}
	self := int32(len(ix.docs))
	d := doc{id: a.ID, original: -1, when: when, sig: sig}
	var r Result

	// Exact and near duplicates. A link already recorded (an article
	// reloaded from a store) is kept, even to an original not seen yet.
	external := ""
	if a.DuplicateOf != "" {
		if o, ok := ix.byID[a.DuplicateOf]; ok {
			d.original = ix.root(o)
		} else {
			external = a.DuplicateOf
		}
	}
	if d.original < 0 && external == "" && fp.words > 0 {
		if o, ok := ix.byBody[body]; ok {
			d.original, r.Exact, r.Similarity = ix.root(o), true, 1
		}
	}
	if d.original < 0 && external == "" && fp.words >= ix.opts.MinWords {
		best, bestSim := int32(-1), 0.0
		for _, c := range ix.candidates(sig) {
			if s := similarity(sig, ix.docs[c].sig); s >= ix.opts.NearThreshold && s > bestSim {
				best, bestSim = c, s
			}
		}
		if best >= 0 {
			d.original, r.Similarity = ix.root(best), bestSim
		}
	}
	if d.original >= 0 {
		r.DuplicateOf = ix.docs[d.original].id
	} else if external != "" {
		r.DuplicateOf = external
	}
	isOriginal := d.original < 0 && external == ""

	// Story.
	d.keys, d.norm = ix.keyTerms(fp.terms)
	switch {
	case a.StoryID != "":
		d.story = a.StoryID
	case d.original >= 0:
		d.story = ix.docs[d.original].story
	default:
		if s := ix.story(d); s >= 0 {
			d.story = ix.docs[s].story
		} else {
			d.story = a.ID
		}
	}
	r.StoryID = d.story

	// Record it.
	ix.docs = append(ix.docs, d)
	if a.ID != "" {
		ix.byID[a.ID] = self
	}
	if isOriginal && fp.words > 0 {
		if _, ok := ix.byBody[body]; !ok {
			ix.byBody[body] = self
		}
	}
	if isOriginal && fp.words >= ix.opts.MinWords {
		for b := range bands {
			k := bandKey(sig[b*rows : (b+1)*rows])
			ix.buckets[b][k] = append(ix.buckets[b][k], self)
		}
	}
	if isOriginal {
		for _, kt := range d.keys {
			ix.posting[kt.term] = append(ix.posting[kt.term], self)
		}
	}
	if a.DuplicateOf == "" {
		a.DuplicateOf = r.DuplicateOf
	}
	if a.StoryID == "" {
		a.StoryID = r.StoryID
	}
	return r
}

// root follows duplicate links to the first original.
func (ix *Index) root(i int32) int32 {
	for ix.docs[i].original >= 0 {
		i = ix.docs[i].original
	}
	return i
}

func (ix *Index) minhash(sh []uint64) []uint32 {
	sig := make([]uint32, numHashes)
	// Seed by seed, the minimum stays in a register and the shingles'
	// mixes are independent, so the processor overlaps them.
	for i, seed := range ix.seeds {
		m := uint32(math.MaxUint32)
		for _, h := range sh {
			m = min(m, uint32(mix64(h^seed)>>32))
		}
		sig[i] = m
	}
	return sig
}

func bandKey(rowsig []uint32) uint64 {
	h := uint64(14695981039346656037)
	for _, v := range rowsig {
		h = mix64(h ^ uint64(v))
	}
	return h
}

// candidates returns the indexed originals sharing at least one LSH band
// with sig.
func (ix *Index) candidates(sig []uint32) []int32 {
	seen := map[int32]bool{}
	var out []int32
	for b := range bands {
		for _, c := range ix.buckets[b][bandKey(sig[b*rows:(b+1)*rows])] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// similarity estimates the Jaccard similarity of two shingle sets from
// their MinHash signatures.
func similarity(a, b []uint32) float64 {
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / float64(len(a))
}

// keyTerms picks the article's most distinctive terms, tf-idf weighted
// against the articles seen so far, names counted double, and updates the
// document frequencies.
func (ix *Index) keyTerms(terms []termFreq) ([]keyTerm, float64) {
	n := float64(len(ix.docs) + 1)
	keys := make([]keyTerm, 0, len(terms))
	for _, t := range terms {
		id, ok := ix.terms[t.hash]
		if !ok {
			id = int32(len(ix.df))
			ix.terms[t.hash] = id
			ix.df = append(ix.df, 0)
		}
		idf := math.Log((n + 1) / (float64(ix.df[id]) + 1))
		keys = append(keys, keyTerm{term: id, weight: (1 + math.Log(t.tf)) * idf})
		ix.df[id]++
	}
	keys = topKeys(keys, ix.opts.KeyTerms)
	slices.SortFunc(keys, func(a, b keyTerm) int { return cmp.Compare(a.term, b.term) })
	norm := 0.0
	for _, k := range keys {
		norm += k.weight * k.weight
	}
	return keys, math.Sqrt(norm)
}

// topKeys returns the k heaviest keys (see heavier), in that order, or
// keys as they are when there are no more than k. heavier is a total
// order, so this is what sorting them all and cutting would give, with a
// fraction of the comparisons (sorting was a third of seeding a large
// index).
func topKeys(keys []keyTerm, k int) []keyTerm {
	if len(keys) <= k {
		return keys
	}
	top := make([]keyTerm, 0, k+1)
	for _, kt := range keys {
		if len(top) == k && !heavier(kt, top[k-1]) {
			continue
		}
		i, _ := slices.BinarySearchFunc(top, kt, func(e, t keyTerm) int {
			if heavier(e, t) {
				return -1
			}
			return 1
		})
		top = slices.Insert(top, i, kt)
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

// heavier orders key terms heaviest first, then by term.
func heavier(a, b keyTerm) bool {
	if a.weight != b.weight {
		return a.weight > b.weight
	}
	return a.term < b.term
}

// story returns the index of the most similar earlier original within the
// time window whose key terms overlap enough, or -1.
func (ix *Index) story(d doc) int32 {
	if d.norm == 0 {
		return -1
	}
	weights := map[int32]float64{}
	for _, kt := range d.keys {
		weights[kt.term] = kt.weight
	}
	shared := map[int32]int{}
	for _, kt := range d.keys {
		for _, c := range ix.posting[kt.term] {
			shared[c]++
		}
	}
	best, bestSim := int32(-1), ix.opts.StoryThreshold
	for c, n := range shared {
		if n < 3 {
			continue
		}
		o := ix.docs[c]
		if !d.when.IsZero() && !o.when.IsZero() {
			if diff := d.when.Sub(o.when); diff > ix.opts.StoryWindow || -diff > ix.opts.StoryWindow {
				continue
			}
		}
		dot := 0.0
		for _, kt := range o.keys {
			dot += kt.weight * weights[kt.term]
		}
		if sim := dot / (d.norm * o.norm); sim >= bestSim && (sim > bestSim || best < 0 || c < best) {
			best, bestSim = c, sim
		}
	}
	return best
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}
