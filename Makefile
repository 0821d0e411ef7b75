# dossier — common tasks. `make test` is the project's test command (CI runs it).
GO ?= go

.PHONY: all build test test-short lint bench fuzz demo

all: build

build:
	$(GO) build -o bin/dossier ./cmd/dossier

test:
	$(GO) test -timeout 25m ./...

test-short:
	$(GO) test -short ./...

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l . 2>&1); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

bench:
	$(GO) test -run '^$$' -bench . -benchtime 3x ./...

demo:
	$(GO) run ./cmd/dossier demo
