# dossier — common tasks. `make test` is the project's test command (CI runs it).
GO ?= go

.PHONY: all build test test-short lint bench fuzz demo

all: build

build:
	$(GO) build -o bin/dossier ./cmd/dossier

# The whole suite once, then the fast part again under the race detector.
test:
	$(GO) test -timeout 25m ./...
	$(GO) test -race -short -timeout 25m ./...

test-short:
	$(GO) test -short ./...

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l . 2>&1); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./...

demo:
	$(GO) run ./cmd/dossier demo

# model rebuilds the named-entity model's committed artifacts from ../shared/data:
# the compact gazetteer, the word clusters and the tagger (trained on eng.train + eng.testa,
# with the epoch count tuned on eng.testa; see nlp/ner/doc.go).
.PHONY: model
model:
	$(GO) run ./nlp/gazetteer/internal/gen
	$(GO) run ./cmd/dossier train clusters --out nlp/ner/clusters.tsv.gz
	$(GO) run ./cmd/dossier train ner --train ../shared/data/conll2003/eng.train.gz --train ../shared/data/conll2003/eng.testa.gz --epochs 9 --bits 20 --out nlp/ner/model.bin.gz
