package ner

import (
	"log/slog"
	"math"
	"math/rand/v2"

	"github.com/dossier/dossier/nlp/gazetteer"
)

// TrainOptions tunes Train.
type TrainOptions struct {
	Epochs   int                  // passes over the data (default 9)
	Bits     uint                 // log2 of the feature hash rows (default 20)
	Seed     uint64               // shuffling seed
	Clusters *Clusters            // word clusters; nil for none
	Gaz      *gazetteer.Gazetteer // gazetteer; nil for none
	Dev      []Sentence           // scored after every epoch when not empty
	Log      *slog.Logger         // progress; nil for none
}

type encoded struct {
	feats []uint32
	offs  []int32
	gold  []int8
}

// encode computes the features of tagged sentences, document by document.
func encode(f *featurizer, sents []Sentence) []encoded {
	out := make([]encoded, 0, len(sents))
	for i := 0; i < len(sents); {
		j := i
		for j < len(sents) && sents[j].Doc == sents[i].Doc {
			j++
		}
		doc := make([][]string, 0, j-i)
		for _, s := range sents[i:j] {
			doc = append(doc, s.Tokens)
		}
		ds := newDocStats(doc)
		for _, s := range sents[i:j] {
			f.extract(s.Tokens, ds)
			e := encoded{feats: append([]uint32(nil), f.feats...), offs: append([]int32(nil), f.offs...)}
			e.gold = make([]int8, len(s.Tags))
			for k, t := range s.Tags {
				e.gold[k] = int8(tagIndex[t])
			}
			out = append(out, e)
		}
		i = j
	}
	return out
}

// Train fits an averaged structured perceptron on IOB2-tagged sentences.
func Train(train []Sentence, o TrainOptions) *Model {
	if o.Epochs == 0 {
		o.Epochs = 9
	}
	if o.Bits == 0 {
		o.Bits = 20
	}
	log := o.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	f := &featurizer{clusters: o.Clusters, gaz: o.Gaz, mask: 1<<o.Bits - 1}
	data := encode(f, train)
	log.Info("features computed", "sentences", len(data))
	size := (1 << o.Bits) * nTags
	w := make([]float32, size)
	u := make([]float32, size) // sum of c*delta, for averaging
	var tw, tu [nTags + 1][nTags]float32
	c := float32(1)
	rng := rand.New(rand.NewPCG(o.Seed, 7))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var em []float32
	var pred []int8
	for ep := 1; ep <= o.Epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs := 0
		for _, k := range order {
			d := &data[k]
			n := len(d.gold)
			if cap(em) < n*nTags {
				em = make([]float32, n*nTags)
			}
			em = em[:n*nTags]
			for i := 0; i < n; i++ {
				var acc [nTags]float32
				for _, r := range d.feats[d.offs[i]:d.offs[i+1]] {
					row := w[int(r)*nTags : int(r)*nTags+nTags]
					for t := range acc {
						acc[t] += row[t]
					}
				}
				copy(em[i*nTags:], acc[:])
			}
			pred = viterbi(em, n, &tw, pred)
			for i := 0; i < n; i++ {
				g, p := int(d.gold[i]), int(pred[i])
				if g != p {
					errs++
					for _, r := range d.feats[d.offs[i]:d.offs[i+1]] {
						base := int(r) * nTags
						w[base+g]++
						u[base+g] += c
						w[base+p]--
						u[base+p] -= c
					}
				}
				gp, pp := nTags, nTags
				if i > 0 {
					gp, pp = int(d.gold[i-1]), int(pred[i-1])
				}
				if gp != pp || g != p {
					tw[gp][g]++
					tu[gp][g] += c
					tw[pp][p]--
					tu[pp][p] -= c
				}
			}
			c++
		}
		m := finish(w, u, &tw, &tu, c, o)
		m.priors = typePriors(train)
		if len(o.Dev) > 0 {
			s := m.Score(o.Dev)
			log.Info("epoch", "n", ep, "token_errors", errs, "dev_f1", math.Round(s.Overall.F1()*10000)/100)
		} else {
			log.Info("epoch", "n", ep, "token_errors", errs)
		}
		if ep == o.Epochs {
			return m
		}
	}
	return nil
}

// finish averages and quantises the weights into a Model.
func finish(w, u []float32, tw, tu *[nTags + 1][nTags]float32, c float32, o TrainOptions) *Model {
	m := &Model{bits: o.Bits, clusters: o.Clusters, gaz: o.Gaz, clusterH: clustersFingerprint(o.Clusters)}
	maxAbs := float32(0)
	avg := make([]float32, len(w))
	for i := range w {
		a := w[i] - u[i]/c
		avg[i] = a
		if a > maxAbs {
			maxAbs = a
		} else if -a > maxAbs {
			maxAbs = -a
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	m.scale = maxAbs / 32767
	m.w = make([]int16, len(w))
	for i, a := range avg {
		m.w[i] = int16(math.Round(float64(a / m.scale)))
	}
	for p := range tw {
		for t := range tw[p] {
			m.trans[p][t] = tw[p][t] - tu[p][t]/c
		}
	}
	return m
}

// Score tags sentences (grouped into documents by their Doc field) and
// scores them against their tags.
func (m *Model) Score(sents []Sentence) Score {
	var s Score
	for i := 0; i < len(sents); {
		j := i
		for j < len(sents) && sents[j].Doc == sents[i].Doc {
			j++
		}
		doc := make([][]string, 0, j-i)
		for _, x := range sents[i:j] {
			doc = append(doc, x.Tokens)
		}
		for k, tags := range m.TagDoc(doc) {
			s.Add(sents[i+k].Tags, tags)
		}
		i = j
	}
	return s
}
