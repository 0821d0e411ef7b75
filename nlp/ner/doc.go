// Package ner is dossier's named-entity recogniser for the CoNLL-2003 types
// PER, ORG, LOC and MISC.
//
// The model is a first-order linear-chain structured perceptron (averaged)
// over IOB2 tags with Viterbi decoding. Its features are hashed: word
// identity, shape, affixes, capitalisation, neighbouring words ±2,
// gazetteer membership (package gazetteer), distributional word clusters
// that BuildClusters derives from unlabelled news text (BBC, PolNeAR and
// the CoNLL training tokens), and document-level context: for a
// capitalised word, the words around its other occurrences in the same
// document and whether it also occurs lower-case or capitalised
// mid-sentence. Documents are what TagDoc is given (a CoNLL -DOCSTART-
// block, an article).
//
// Options (9 epochs, 2^20 hash rows) were tuned on eng.testa with a model
// trained on eng.train alone; that model scores 0.9216 span F1 on
// eng.testa (TestTrainTestaFloor retrains it and checks a floor). The
// committed model (`make model`) is then trained on eng.train and
// eng.testa together, so scoring it on eng.testa is not a measure of
// quality. eng.testb is never used. The compressed model is embedded in
// the binary (see Default).
//
// The package also reads and writes CoNLL column files and scores tags with
// the conlleval span rules (Evaluate).
package ner
