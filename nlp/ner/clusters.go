package ner

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Clusters maps words to distributional clusters at three depths of a
// hierarchy (16, 128 and 1024 clusters).
type Clusters struct {
	words map[string][3]uint32
}

// Len returns the number of words with a cluster.
func (c *Clusters) Len() int { return len(c.words) }

func (c *Clusters) lookup(w string) [3]uint32 {
	if v, ok := c.words[w]; ok {
		return v
	}
	return c.words[strings.ToLower(w)]
}

// Cluster returns the cluster path of w at the three depths, zeros when
// the word is unknown.
func (c *Clusters) Cluster(w string) [3]uint32 { return c.lookup(w) }

// WriteClusters writes c as gzip-compressed "word TAB c1 TAB c2 TAB c3"
// lines, sorted by word.
func (c *Clusters) Write(w io.Writer) error {
	zw := gzip.NewWriter(w)
	bw := bufio.NewWriter(zw)
	words := make([]string, 0, len(c.words))
	for k := range c.words {
		words = append(words, k)
	}
	sort.Strings(words)
	for _, k := range words {
		v := c.words[k]
		fmt.Fprintf(bw, "%s\t%d\t%d\t%d\n", k, v[0], v[1], v[2])
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("ner: write clusters: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("ner: write clusters: %w", err)
	}
	return nil
}

// ReadClusters reads the form Write produces.
func ReadClusters(r io.Reader) (*Clusters, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("ner: clusters: %w", err)
	}
	c := &Clusters{words: make(map[string][3]uint32, 50000)}
	sc := bufio.NewScanner(zr)
	line := 0
	for sc.Scan() {
		line++
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("ner: clusters line %d: want 4 fields, got %d", line, len(f))
		}
		var v [3]uint32
		for i := range 3 {
			n, err := strconv.ParseUint(f[i+1], 10, 32)
			if err != nil {
				return nil, fmt.Errorf("ner: clusters line %d: %w", line, err)
			}
			v[i] = uint32(n)
		}
		c.words[f[0]] = v
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("ner: clusters: %w", err)
	}
	return c, nil
}

// SplitWords tokenises raw text roughly the way CoNLL-2003 does: on white
// space, with leading and trailing punctuation split off and the clitics
// 's and n't separated. It is used to build clusters from unlabelled text.
func SplitWords(text string) []string {
	var out []string
	for _, f := range strings.Fields(text) {
		var tail []string
		for len(f) > 0 {
			r, sz := utf8.DecodeRuneInString(f)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			out = append(out, f[:sz])
			f = f[sz:]
		}
		for len(f) > 0 {
			r, sz := utf8.DecodeLastRuneInString(f)
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				break
			}
			if r == '.' && strings.Count(f, ".") > 1 && len(f) <= 6 { // U.S.
				break
			}
			tail = append(tail, f[len(f)-sz:])
			f = f[:len(f)-sz]
		}
		if f != "" {
			lf := strings.ToLower(f)
			switch {
			case strings.HasSuffix(lf, "n't") && len(f) > 3:
				out = append(out, f[:len(f)-3], f[len(f)-3:])
			case (strings.HasSuffix(lf, "'s") || strings.HasSuffix(lf, "’s")) && len(f) > 2:
				k := strings.LastIndexAny(f, "'’")
				out = append(out, f[:k], f[k:])
			default:
				out = append(out, f)
			}
		}
		for i := len(tail) - 1; i >= 0; i-- {
			out = append(out, tail[i])
		}
	}
	return out
}

// ClusterOptions tunes BuildClusters.
type ClusterOptions struct {
	MinCount int    // words seen fewer times get no cluster (default 4)
	MaxWords int    // at most this many most frequent words (default 60000)
	Contexts int    // most frequent lowercased words used as contexts (default 1000)
	Dims     int    // random projection dimensions (default 96)
	Window   int    // context words on each side (default 1)
	Seed     uint64 // random seed
}

// BuildClusters derives hierarchical word clusters from tokenised sentences:
// each word is represented by the positive PMI of its left and right
// neighbours (a random projection of it), and spherical k-means splits the
// words into 16 clusters, each of those into 8, and each of those into 8.
func BuildClusters(sents [][]string, o ClusterOptions) *Clusters {
	if o.MinCount == 0 {
		o.MinCount = 4
	}
	if o.MaxWords == 0 {
		o.MaxWords = 60000
	}
	if o.Contexts == 0 {
		o.Contexts = 1000
	}
	if o.Dims == 0 {
		o.Dims = 96
	}
	if o.Window == 0 {
		o.Window = 1
	}
	count := map[string]int{}
	lcount := map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			count[w]++
			lcount[strings.ToLower(w)]++
		}
	}
	vocab := topKeys(count, o.MinCount, o.MaxWords)
	ctx := topKeys(lcount, 1, o.Contexts)
	vid := make(map[string]int32, len(vocab))
	for i, w := range vocab {
		vid[w] = int32(i)
	}
	cid := make(map[string]int32, len(ctx)+2)
	for i, w := range ctx {
		cid[w] = int32(i)
	}
	nc := int32(len(ctx) + 1) // last id: sentence boundary
	pairs := map[uint64]float32{}
	nPos := 2 * o.Window
	ctxTotal := make([]float64, int32(nPos)*nc)
	total := 0.0
	for _, s := range sents {
		for i, w := range s {
			v, ok := vid[w]
			if !ok {
				continue
			}
			for side := 0; side < nPos; side++ {
				j := i - o.Window + side
				if side >= o.Window {
					j = i + 1 + side - o.Window
				}
				c := nc - 1
				if j >= 0 && j < len(s) {
					x, ok := cid[strings.ToLower(s[j])]
					if !ok {
						continue
					}
					c = x
				}
				k := int32(side)*nc + c
				pairs[uint64(v)<<32|uint64(k)]++
				ctxTotal[k]++
				total++
			}
		}
	}
	// Sorted keys make the result independent of map order.
	keys := make([]uint64, 0, len(pairs))
	for key := range pairs {
		keys = append(keys, key)
	}
	slices.Sort(keys)
	wordTotal := make([]float64, len(vocab))
	for _, key := range keys {
		wordTotal[key>>32] += float64(pairs[key])
	}
	rng := rand.New(rand.NewPCG(o.Seed, 0x5eed))
	proj := make([][]float32, int32(nPos)*nc)
	for i := range proj {
		proj[i] = make([]float32, o.Dims)
		for d := range proj[i] {
			proj[i][d] = float32(rng.NormFloat64())
		}
	}
	vecs := make([][]float32, len(vocab))
	for i := range vecs {
		vecs[i] = make([]float32, o.Dims)
	}
	for _, key := range keys {
		n := pairs[key]
		w, c := key>>32, key&0xffffffff
		pmi := math.Log(float64(n) * total / (wordTotal[w] * math.Pow(ctxTotal[c], 0.75) * math.Pow(total, 0.25)))
		if pmi <= 0 {
			continue
		}
		v, p := vecs[w], proj[c]
		for d := range v {
			v[d] += float32(pmi) * p[d]
		}
	}
	for _, v := range vecs {
		normalize(v)
	}
	out := &Clusters{words: make(map[string][3]uint32, len(vocab))}
	all := make([]int, len(vocab))
	for i := range all {
		all[i] = i
	}
	for a, ga := range kmeans(vecs, all, 16, rng) {
		for b, gb := range kmeans(vecs, ga, 8, rng) {
			for c, gc := range kmeans(vecs, gb, 8, rng) {
				for _, w := range gc {
					out.words[vocab[w]] = [3]uint32{uint32(a + 1), uint32(a*8 + b + 1), uint32((a*8+b)*8 + c + 1)}
				}
			}
		}
	}
	return out
}

func topKeys(count map[string]int, minCount, max int) []string {
	keys := make([]string, 0, len(count))
	for k, n := range count {
		if n >= minCount {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(i, j int) bool {
		if count[keys[i]] != count[keys[j]] {
			return count[keys[i]] > count[keys[j]]
		}
		return keys[i] < keys[j]
	})
	if len(keys) > max {
		keys = keys[:max]
	}
	return keys
}

func normalize(v []float32) {
	s := 0.0
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}

func dot(a, b []float32) float32 {
	s := float32(0)
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

// kmeans splits the members (indices into vecs) into k groups with
// spherical k-means; groups may be empty.
func kmeans(vecs [][]float32, members []int, k int, rng *rand.Rand) [][]int {
	groups := make([][]int, k)
	if len(members) <= k {
		for i, m := range members {
			groups[i] = []int{m}
		}
		return groups
	}
	dims := len(vecs[members[0]])
	cent := make([][]float32, k)
	perm := rng.Perm(len(members))
	for i := range cent {
		cent[i] = append([]float32(nil), vecs[members[perm[i]]]...)
	}
	assign := make([]int, len(members))
	for iter := 0; iter < 10; iter++ {
		for i, m := range members {
			best, bs := 0, float32(-2)
			for c := range cent {
				if s := dot(vecs[m], cent[c]); s > bs {
					best, bs = c, s
				}
			}
			assign[i] = best
		}
		for c := range cent {
			clear(cent[c])
		}
		sizes := make([]int, k)
		for i, m := range members {
			c := cent[assign[i]]
			sizes[assign[i]]++
			for d := 0; d < dims; d++ {
				c[d] += vecs[m][d]
			}
		}
		for c := range cent {
			if sizes[c] == 0 { // reseed an empty cluster
				copy(cent[c], vecs[members[rng.IntN(len(members))]])
			}
			normalize(cent[c])
		}
	}
	for i, m := range members {
		groups[assign[i]] = append(groups[assign[i]], m)
	}
	return groups
}
