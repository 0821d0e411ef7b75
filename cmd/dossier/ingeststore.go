package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/dedup"
)

// recordingStore is the store ingest writes through: after each stored
// batch it stores the articles' dedup fingerprints (when the store keeps
// them and ix made them) and remembers which entities the batch held, so
// that linking afterwards looks only around those.
type recordingStore struct {
	dossier.Store
	ix *dedup.Index // nil without dedup

	mu       sync.Mutex
	entities map[string]bool // ids of the entities in stored batches
	replaced bool            // some stored article replaced an older version
}

// newRecordingStore wraps st; ix may be nil. It asks ix to keep the
// fingerprints it makes.
func newRecordingStore(st dossier.Store, ix *dedup.Index) *recordingStore {
	if _, ok := st.(dossier.FingerprintStore); !ok || ix == nil {
		ix = nil
	} else {
		ix.KeepFingerprints()
	}
	return &recordingStore{Store: st, ix: ix, entities: map[string]bool{}}
}

// Prepare passes on to the wrapped store when it is a dossier.Preparer.
func (s *recordingStore) Prepare(a *dossier.Article) {
	if p, ok := s.Store.(dossier.Preparer); ok {
		p.Prepare(a)
	}
}

// PutArticles stores the batch, then the fingerprints of its articles, and
// records its entities.
func (s *recordingStore) PutArticles(ctx context.Context, articles []*dossier.Article) (dossier.PutStats, error) {
	stats, err := s.Store.PutArticles(ctx, articles)
	if err != nil {
		return stats, err
	}
	s.mu.Lock()
	if stats.Updated > 0 {
		// The entities an updated article held before are not known.
		s.replaced = true
	}
	for _, a := range articles {
		for _, e := range a.Entities {
			s.entities[e.ID] = true
		}
	}
	s.mu.Unlock()
	if s.ix == nil {
		return stats, nil
	}
	var fps []dossier.ArticleFingerprint
	for _, a := range articles {
		fp := s.ix.TakeFingerprint(a.ID)
		if fp == nil {
			continue
		}
		b, err := fp.MarshalBinary()
		if err != nil {
			return stats, fmt.Errorf("article %q: %w", a.ID, err)
		}
		fps = append(fps, dossier.ArticleFingerprint{ID: a.ID, ContentHash: dossier.StoredContentHash(a), Fingerprint: b})
	}
	// The articles are stored: a fingerprint that fails to be stored is
	// made again by the next seeding, so the batch did not fail.
	if err := s.Store.(dossier.FingerprintStore).PutFingerprints(ctx, fps); err != nil {
		slog.Warn("ingest: articles stored without their dedup fingerprints", "err", err)
	}
	return stats, nil
}

// changedEntities returns the ids of the entities of every stored batch,
// or nil when an article was replaced: the entities it held before changed
// too, and are not known.
func (s *recordingStore) changedEntities() map[string]bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.replaced {
		return nil
	}
	return s.entities
}

// link joins the entities of the batches stored since the last call with
// their namesakes across the corpus (linkChanged), or runs the full pass
// when an article was replaced, then forgets those batches.
func (s *recordingStore) link(ctx context.Context) error {
	changed := s.changedEntities()
	var err error
	if changed != nil {
		_, err = linkChanged(ctx, s.Store, changed)
	} else {
		err = linkEntities(ctx, s.Store)
	}
	s.mu.Lock()
	s.entities, s.replaced = map[string]bool{}, false
	s.mu.Unlock()
	return err
}
