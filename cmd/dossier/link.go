package main

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"slices"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/dedup"
	"github.com/dossier/dossier/nlp/entity"
)

// maxLinkedEntities bounds how many corpus entities one linking pass reads.
const maxLinkedEntities = 1 << 20

// maxLinkRounds bounds the linking rounds after an ingest: a merge changes
// the article counts of the entity it joins, which may settle the
// decision about another short name (see linkChanged).
const maxLinkRounds = 4

// linkEntities joins corpus entities that name the same person or
// organisation across articles ("Blair" in one article, "Tony Blair" in
// another): entity.Canonicalize decides over every entity, the store
// relinks. Demo runs it after storing.
func linkEntities(ctx context.Context, st dossier.Store) error {
	all, err := linkSummaries(ctx, st)
	if err != nil {
		return err
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

// linkChanged is linkEntities after storing articles into a corpus that
// was linked before: only the entities those articles hold (changed) can
// join or be joined, so entity.CanonicalizeAround decides over them and
// their namesakes only, which returns the merges a full pass would. When a
// round merges, the entities it joined changed in turn and another round
// looks around them, until nothing more joins (a full pass would find
// those merges at the next ingest). It returns the number of entities
// merged.
func linkChanged(ctx context.Context, st dossier.Store, changed map[string]bool) (int, error) {
	merged := 0
	for round := 0; round < maxLinkRounds && len(changed) > 0; round++ {
		near, err := linkNeighbours(ctx, st, changed)
		if err != nil {
			return merged, err
		}
		merges := entity.Canonicalize(near)
		if len(merges) == 0 {
			break
		}
		if err := st.RelinkEntities(ctx, merges); err != nil {
			return merged, fmt.Errorf("link entities: %w", err)
		}
		merged += len(merges)
		slog.Debug("linked entities", "round", round, "merges", len(merges))
		changed = map[string]bool{}
		for from, to := range maps.All(merges) {
			changed[from], changed[to] = true, true
		}
	}
	return merged, nil
}

// linkSummaries lists the corpus persons and organisations Canonicalize
// reads, cheaply when the store is a dossier.EntityLister.
func linkSummaries(ctx context.Context, st dossier.Store) ([]dossier.EntitySummary, error) {
	types := []string{dossier.PER, dossier.ORG}
	if l, ok := st.(dossier.EntityLister); ok {
		all, err := l.EntityNames(ctx, types...)
		if err != nil {
			return nil, fmt.Errorf("link entities: %w", err)
		}
		return all, nil
	}
	var all []dossier.EntitySummary
	for _, typ := range types {
		list, err := st.Entities(ctx, dossier.EntityFilter{Type: typ, Limit: maxLinkedEntities})
		if err != nil {
			return nil, fmt.Errorf("link entities: %w", err)
		}
		all = append(all, list...)
	}
	return all, nil
}

// linkNeighbours returns what entity.CanonicalizeAround decides over for
// the changed entities: entity.Neighbours of the full list. With a
// dossier.EntityLinkLister it reads every entity's names and counts the
// articles of the neighbours only, in the order of the full list.
func linkNeighbours(ctx context.Context, st dossier.Store, changed map[string]bool) ([]dossier.EntitySummary, error) {
	isChanged := func(id string) bool { return changed[id] }
	l, ok := st.(dossier.EntityLinkLister)
	if !ok {
		all, err := linkSummaries(ctx, st)
		if err != nil {
			return nil, err
		}
		return entity.Neighbours(all, isChanged), nil
	}
	types := []string{dossier.PER, dossier.ORG}
	var names []dossier.EntitySummary
	for _, typ := range types {
		list, err := l.EntityLinkNames(ctx, typ)
		if err != nil {
			return nil, fmt.Errorf("link entities: %w", err)
		}
		names = append(names, list...)
	}
	want := map[string]bool{}
	for _, e := range entity.Neighbours(names, isChanged) {
		want[e.ID] = true
	}
	if len(want) == 0 {
		return nil, nil
	}
	ids := slices.Sorted(maps.Keys(want))
	var near []dossier.EntitySummary
	for _, typ := range types {
		list, err := l.EntityCounts(ctx, typ, ids)
		if err != nil {
			return nil, fmt.Errorf("link entities: %w", err)
		}
		near = append(near, list...)
	}
	return near, nil
}

// seedDedup returns a duplicate and story index holding every article
// already in st, so that new articles are matched against them. With a
// dossier.FingerprintStore it reads the stored fingerprints and only
// fingerprints the articles that have none (which it then stores).
func seedDedup(ctx context.Context, st dossier.Store) (*dedup.Index, error) {
	ix := dedup.New(dedup.Options{})
	s, err := dedup.SeedStored(ctx, st, ix)
	if err != nil {
		return nil, err
	}
	slog.Debug("seeded duplicate index", "articles", s.Articles, "fingerprinted", s.Computed)
	return ix, nil
}
