// Package ner is dossier's named-entity recogniser for the CoNLL-2003 types
// PER, ORG, LOC and MISC.
//
// The model is a first-order linear-chain structured perceptron (averaged)
// over IOB2 tags with Viterbi decoding. Its features are hashed: word
// identity, shape, affixes, capitalisation, neighbouring words, gazetteer
// membership (package gazetteer) and distributional word clusters that
// BuildClusters derives from unlabelled news text. The project trains it on
// CoNLL-2003 eng.train (tuned on eng.testa) with `dossier train ner`, and
// the compressed model is embedded in the binary (see Default).
//
// The package also reads and writes CoNLL column files and scores tags with
// the conlleval span rules (Evaluate).
package ner
