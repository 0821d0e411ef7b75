package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"math"
	"sort"
	"strings"
	"sync"

	"github.com/dossier/dossier/nlp/gazetteer"
)

//go:embed model.bin.gz
var embeddedModel []byte

//go:embed clusters.tsv.gz
var embeddedClusters []byte

const modelMagic = "DOSSIER-NER-2\n"

// Model is a trained tagger. It is safe for concurrent use.
type Model struct {
	bits     uint
	w        []int16 // (1<<bits) rows of nTags quantised weights
	scale    float32 // weight = w * scale
	trans    [nTags + 1][nTags]float32
	clusters *Clusters
	clusterH uint64 // fingerprint of the clusters the model was trained with
	gaz      *gazetteer.Gazetteer
	pool     sync.Pool
	priors   map[string]string // lowercased name -> the type training data almost always gives it
}

// TypePrior returns the type the training data gives a name (compared
// case-insensitively, words joined by single spaces) at least three times
// and in at least 80% of its occurrences ("Microsoft" -> ORG), or false.
// Entity resolution uses it to settle a name the model types differently
// within one article.
func (m *Model) TypePrior(name string) (string, bool) {
	t, ok := m.priors[strings.ToLower(name)]
	return t, ok
}

// typePriors counts the gold spans of sentences and keeps the names with a
// clear type.
func typePriors(sents []Sentence) map[string]string {
	counts := map[string]map[string]int{}
	for _, s := range sents {
		for _, sp := range Spans(s.Tags) {
			k := strings.ToLower(strings.Join(s.Tokens[sp.Start:sp.End], " "))
			if counts[k] == nil {
				counts[k] = map[string]int{}
			}
			counts[k][sp.Type]++
		}
	}
	out := map[string]string{}
	for k, c := range counts {
		total, best, bn := 0, "", 0
		for t, n := range c {
			total += n
			if n > bn || n == bn && t < best {
				best, bn = t, n
			}
		}
		if bn >= 3 && bn*5 >= total*4 {
			out[k] = best
		}
	}
	return out
}

var (
	defaultOnce  sync.Once
	defaultModel *Model
	defaultErr   error
)

// Default returns the embedded model, loading it on first use.
func Default() (*Model, error) {
	defaultOnce.Do(func() {
		var cl *Clusters
		cl, defaultErr = ReadClusters(bytes.NewReader(embeddedClusters))
		if defaultErr != nil {
			return
		}
		defaultModel, defaultErr = Read(bytes.NewReader(embeddedModel), cl, gazetteer.Default())
	})
	return defaultModel, defaultErr
}

// Clusters returns the word clusters the model uses.
func (m *Model) Clusters() *Clusters { return m.clusters }

func (m *Model) featurizer() *featurizer {
	if f, ok := m.pool.Get().(*featurizer); ok {
		return f
	}
	return &featurizer{clusters: m.clusters, gaz: m.gaz, mask: 1<<m.bits - 1}
}

// Tag returns the IOB2 tags of one sentence, treated as a document of its
// own.
func (m *Model) Tag(tokens []string) []string {
	return m.TagDoc([][]string{tokens})[0]
}

// TagDoc returns the IOB2 tags of every sentence of one document. Words
// seen elsewhere in the document inform the tags of ambiguous ones (such as
// capitalised sentence-initial words).
func (m *Model) TagDoc(doc [][]string) [][]string {
	f := m.featurizer()
	defer m.pool.Put(f)
	ds := newDocStats(doc)
	out := make([][]string, len(doc))
	var em []float32
	var idx []int8
	for s, toks := range doc {
		f.extract(toks, ds)
		em = m.emissions(f, em)
		idx = viterbi(em, len(toks), &m.trans, idx)
		tags := make([]string, len(toks))
		for i, t := range idx {
			tags[i] = tagNames[t]
		}
		out[s] = tags
	}
	return out
}

func (m *Model) emissions(f *featurizer, em []float32) []float32 {
	n := len(f.offs) - 1
	if cap(em) < n*nTags {
		em = make([]float32, n*nTags)
	}
	em = em[:n*nTags]
	for i := 0; i < n; i++ {
		var acc [nTags]int32
		for _, r := range f.feats[f.offs[i]:f.offs[i+1]] {
			row := m.w[int(r)*nTags : int(r)*nTags+nTags]
			for t := range acc {
				acc[t] += int32(row[t])
			}
		}
		for t := range acc {
			em[i*nTags+t] = float32(acc[t]) * m.scale
		}
	}
	return em
}

// viterbi returns the best allowed tag sequence for emission scores em
// (n rows of nTags) and transition scores trans (row nTags is the start).
func viterbi(em []float32, n int, trans *[nTags + 1][nTags]float32, out []int8) []int8 {
	if cap(out) < n {
		out = make([]int8, n)
	}
	out = out[:n]
	if n == 0 {
		return out
	}
	back := make([]int8, n*nTags)
	var score, next [nTags]float32
	for t := 0; t < nTags; t++ {
		if allowed(nTags, t) {
			score[t] = em[t] + trans[nTags][t]
		} else {
			score[t] = float32(math.Inf(-1))
		}
	}
	for i := 1; i < n; i++ {
		for t := 0; t < nTags; t++ {
			best, bs := 0, float32(math.Inf(-1))
			for p := 0; p < nTags; p++ {
				if !allowed(p, t) {
					continue
				}
				if s := score[p] + trans[p][t]; s > bs {
					best, bs = p, s
				}
			}
			next[t] = bs + em[i*nTags+t]
			back[i*nTags+t] = int8(best)
		}
		score = next
	}
	best := 0
	for t := 1; t < nTags; t++ {
		if score[t] > score[best] {
			best = t
		}
	}
	for i := n - 1; i >= 0; i-- {
		out[i] = int8(best)
		best = int(back[i*nTags+best])
	}
	return out
}

func clustersFingerprint(c *Clusters) uint64 {
	if c == nil {
		return 0
	}
	words := make([]string, 0, len(c.words))
	for w := range c.words {
		words = append(words, w)
	}
	sort.Strings(words)
	h := fnv.New64a()
	var b [12]byte
	for _, w := range words {
		v := c.words[w]
		io.WriteString(h, w)
		binary.LittleEndian.PutUint32(b[0:], v[0])
		binary.LittleEndian.PutUint32(b[4:], v[1])
		binary.LittleEndian.PutUint32(b[8:], v[2])
		h.Write(b[:])
	}
	return h.Sum64()
}

// Write stores the model (without its clusters, which are stored apart)
// in a compact gzip-compressed form.
func (m *Model) Write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("ner: write model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	bw.WriteString(modelMagic)
	var tmp [binary.MaxVarintLen64]byte
	putU := func(v uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], v)]) }
	putU(uint64(m.bits))
	putU(m.clusterH)
	binary.Write(bw, binary.LittleEndian, m.scale)
	binary.Write(bw, binary.LittleEndian, m.trans)
	nz := 0
	for _, v := range m.w {
		if v != 0 {
			nz++
		}
	}
	putU(uint64(nz))
	last := -1
	for i, v := range m.w {
		if v != 0 {
			putU(uint64(i - last))
			bw.Write(tmp[:binary.PutVarint(tmp[:], int64(v))])
			last = i
		}
	}
	names := make([]string, 0, len(m.priors))
	for k := range m.priors {
		names = append(names, k)
	}
	sort.Strings(names)
	putU(uint64(len(names)))
	for _, k := range names {
		putU(uint64(len(k)))
		bw.WriteString(k)
		bw.WriteByte(byte(typeIndex[m.priors[k]]))
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ner: write model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: write model: %w", err)
	}
	return nil
}

// Read loads a model written by Write. clusters must be the ones it was
// trained with, and gaz the gazetteer.
func Read(r io.Reader, clusters *Clusters, gaz *gazetteer.Gazetteer) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: read model: %w", err)
	}
	br := bufio.NewReaderSize(zr, 1<<16)
	magic := make([]byte, len(modelMagic))
	if _, err := io.ReadFull(br, magic); err != nil || string(magic) != modelMagic {
		return nil, errors.New("ner: read model: not a dossier NER model")
	}
	bits, err := binary.ReadUvarint(br)
	if err != nil || bits < 8 || bits > 22 {
		return nil, fmt.Errorf("ner: read model: bad hash size %d: %v", bits, err)
	}
	m := &Model{bits: uint(bits), clusters: clusters, gaz: gaz}
	if m.clusterH, err = binary.ReadUvarint(br); err != nil {
		return nil, fmt.Errorf("ner: read model: %w", err)
	}
	if h := clustersFingerprint(clusters); h != m.clusterH {
		return nil, fmt.Errorf("ner: read model: trained with other word clusters (fingerprint %x, have %x)", m.clusterH, h)
	}
	if err := binary.Read(br, binary.LittleEndian, &m.scale); err != nil {
		return nil, fmt.Errorf("ner: read model: %w", err)
	}
	if err := binary.Read(br, binary.LittleEndian, &m.trans); err != nil {
		return nil, fmt.Errorf("ner: read model: %w", err)
	}
	nz, err := binary.ReadUvarint(br)
	if err != nil {
		return nil, fmt.Errorf("ner: read model: %w", err)
	}
	m.w = make([]int16, (1<<bits)*nTags)
	if nz > uint64(len(m.w)) {
		return nil, fmt.Errorf("ner: read model: %d weights for %d slots", nz, len(m.w))
	}
	pos := -1
	for range nz {
		d, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, fmt.Errorf("ner: read model: %w", err)
		}
		v, err := binary.ReadVarint(br)
		if err != nil {
			return nil, fmt.Errorf("ner: read model: %w", err)
		}
		if d == 0 || d > uint64(len(m.w)) || pos+int(d) >= len(m.w) || v < math.MinInt16 || v > math.MaxInt16 {
			return nil, errors.New("ner: read model: corrupt weights")
		}
		pos += int(d)
		m.w[pos] = int16(v)
	}
	np, err := binary.ReadUvarint(br)
	if err != nil || np > 1<<22 {
		return nil, fmt.Errorf("ner: read model: bad type priors count: %v", err)
	}
	m.priors = make(map[string]string, np)
	types := [4]string{"PER", "ORG", "LOC", "MISC"}
	for range np {
		n, err := binary.ReadUvarint(br)
		if err != nil || n > 1024 {
			return nil, fmt.Errorf("ner: read model: bad type prior: %v", err)
		}
		buf := make([]byte, n+1)
		if _, err := io.ReadFull(br, buf); err != nil {
			return nil, fmt.Errorf("ner: read model: %w", err)
		}
		if int(buf[n]) >= len(types) {
			return nil, errors.New("ner: read model: bad type prior")
		}
		m.priors[string(buf[:n])] = types[buf[n]]
	}
	return m, nil
}
