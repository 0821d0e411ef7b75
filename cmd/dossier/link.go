package main

import (
	"context"
	"fmt"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/dedup"
	"github.com/dossier/dossier/nlp/entity"
)

// maxLinkedEntities bounds how many corpus entities one linking pass reads.
const maxLinkedEntities = 1 << 20

// linkEntities joins corpus entities that name the same person or
// organisation across articles ("Blair" in one article, "Tony Blair" in
// another): entity.Canonicalize decides, the store relinks. Ingest and demo
// run it after storing.
func linkEntities(ctx context.Context, st dossier.Store) error {
	var all []dossier.EntitySummary
	for _, typ := range []string{dossier.PER, dossier.ORG} {
		list, err := st.Entities(ctx, dossier.EntityFilter{Type: typ, Limit: maxLinkedEntities})
		if err != nil {
			return fmt.Errorf("link entities: %w", err)
		}
		all = append(all, list...)
	}
	merges := entity.Canonicalize(all)
	if len(merges) == 0 {
		return nil
	}
	if err := st.RelinkEntities(ctx, merges); err != nil {
		return fmt.Errorf("link entities: %w", err)
	}
	return nil
}

// seedDedup returns a duplicate and story index holding every article
// already in st, so that new articles are matched against them.
func seedDedup(ctx context.Context, st dossier.Store) (*dedup.Index, error) {
	ix := dedup.New(dedup.Options{})
	if _, err := dedup.Seed(ctx, st, ix); err != nil {
		return nil, err
	}
	return ix, nil
}
