package storetest

import (
	"bytes"
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/dossier/dossier"
)

// testFingerprints checks dossier.FingerprintStore, for stores that
// implement it.
func testFingerprints(t *testing.T, s dossier.Store) {
	fs, ok := s.(dossier.FingerprintStore)
	if !ok {
		t.Skip("store does not implement dossier.FingerprintStore")
	}
	ctx := context.Background()
	load(t, s)
	arts := corpus()
	arts[1].DuplicateOf, arts[1].StoryID = arts[0].ID, arts[0].ID
	put(t, s, arts[1]) // changed fields but not content: unchanged
	copyOf := doc("zz-copy", arts[0].Title, "copy", "", arts[0].Published)
	copyOf.Text, copyOf.ContentHash = arts[0].Text, arts[0].ContentHash
	put(t, s, copyOf) // an exact duplicate: not stored

	all, err := s.ArticleIDs(ctx, "", 0)
	if err != nil {
		t.Fatal(err)
	}
	recs := dedupRecords(t, fs, 2)
	if got := recordIDs(recs); !reflect.DeepEqual(got, all) {
		t.Fatalf("DedupRecords ids %q, want ArticleIDs %q", got, all)
	}
	for _, r := range recs {
		a, err := s.Article(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := dossier.DedupRecord{ID: a.ID, ContentHash: a.ContentHash, Published: a.Published, Fetched: a.Fetched,
			DuplicateOf: a.DuplicateOf, StoryID: a.StoryID}
		if !reflect.DeepEqual(r, want) {
			t.Errorf("record before fingerprints:\n got %+v\nwant %+v", r, want)
		}
	}

	var fps []dossier.ArticleFingerprint
	for i, r := range recs {
		fps = append(fps, dossier.ArticleFingerprint{ID: r.ID, ContentHash: r.ContentHash, Fingerprint: []byte{1, byte(i), 0, 255}})
	}
	ignored := []dossier.ArticleFingerprint{
		{ID: copyOf.ID, ContentHash: copyOf.ContentHash, Fingerprint: []byte{9}},
		{ID: "never-stored", ContentHash: "x", Fingerprint: []byte{9}},
	}
	if err := fs.PutFingerprints(ctx, append(fps, ignored...)); err != nil {
		t.Fatalf("PutFingerprints: %v", err)
	}
	// Replacing one is allowed.
	fps[0].Fingerprint = []byte("replaced")
	if err := fs.PutFingerprints(ctx, fps[:1]); err != nil {
		t.Fatalf("PutFingerprints again: %v", err)
	}
	recs = dedupRecords(t, fs, 0)
	if got := recordIDs(recs); !reflect.DeepEqual(got, all) {
		t.Fatalf("DedupRecords ids after put %q, want %q", got, all)
	}
	for i, r := range recs {
		if !bytes.Equal(r.Fingerprint, fps[i].Fingerprint) {
			t.Errorf("%s: fingerprint %v, want %v", r.ID, r.Fingerprint, fps[i].Fingerprint)
		}
	}

	// A changed article has no current fingerprint until one is put for
	// its new content.
	changed := corpus()[0]
	changed.Text, changed.ContentHash = "Putin flew home.", "changed"
	changed.Paragraphs, changed.Entities, changed.Quotes, changed.Figures, changed.Dates = nil, nil, nil, nil, nil
	put(t, s, changed)
	for _, r := range dedupRecords(t, fs, 0) {
		if r.ID == changed.ID && (r.Fingerprint != nil || r.ContentHash != "changed") {
			t.Errorf("changed article: fingerprint %v content hash %q, want none and %q", r.Fingerprint, r.ContentHash, "changed")
		}
	}

	for _, bad := range []dossier.ArticleFingerprint{{ContentHash: "h", Fingerprint: []byte{1}},
		{ID: "a", Fingerprint: []byte{1}}, {ID: "a", ContentHash: "h"}} {
		if err := fs.PutFingerprints(ctx, []dossier.ArticleFingerprint{bad}); dossier.ErrorCode(err) != dossier.EINVALID {
			t.Errorf("PutFingerprints(%+v): %v, want EINVALID", bad, err)
		}
	}
}

// dedupRecords pages through every record, limit at a time.
func dedupRecords(t *testing.T, fs dossier.FingerprintStore, limit int) []dossier.DedupRecord {
	t.Helper()
	var out []dossier.DedupRecord
	after := ""
	for {
		page, err := fs.DedupRecords(context.Background(), after, limit)
		if err != nil {
			t.Fatalf("DedupRecords(%q, %d): %v", after, limit, err)
		}
		if len(page) == 0 {
			return out
		}
		if limit > 0 && len(page) > limit {
			t.Fatalf("DedupRecords(%q, %d) returned %d", after, limit, len(page))
		}
		out = append(out, page...)
		after = page[len(page)-1].ID
	}
}

func recordIDs(recs []dossier.DedupRecord) []string {
	ids := []string{}
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	return ids
}

// testEntityNames checks dossier.EntityLister against Entities, for
// stores that implement it.
func testEntityNames(t *testing.T, s dossier.Store) {
	l, ok := s.(dossier.EntityLister)
	if !ok {
		t.Skip("store does not implement dossier.EntityLister")
	}
	ctx := context.Background()
	load(t, s)
	// Two names for one entity, the less frequent one longer.
	extra := doc("zz-extra", "More", "x", "", date("2024-05-20T10:00:00Z"), "Putin and Xi spoke.")
	extra.Entities = []dossier.Entity{{ID: "per-vladimir-putin", Name: "Vladimir Vladimirovich Putin", Type: dossier.PER,
		Roles: []string{}, Mentions: []dossier.Span{span(extra.Text, "Putin", 0)}}}
	put(t, s, extra)
	types := []string{dossier.PER, dossier.ORG, "loc"}
	var want []dossier.EntitySummary
	for _, typ := range types {
		list, err := s.Entities(ctx, dossier.EntityFilter{Type: typ, Limit: 1000})
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range list {
			e.Aliases, e.Roles, e.Country = []string{}, []string{}, ""
			want = append(want, e)
		}
	}
	if len(want) < 3 {
		t.Fatalf("fixtures hold %d entities", len(want))
	}
	got, err := l.EntityNames(ctx, types...)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("EntityNames:\n got %+v\nwant %+v", got, want)
	}
	if _, err := l.EntityNames(ctx, ""); dossier.ErrorCode(err) != dossier.EINVALID {
		t.Errorf("EntityNames(\"\"): %v, want EINVALID", err)
	}
}

// testEntityLinkNames checks dossier.EntityLinkLister against Entities
// after puts, an update and a relink, for stores that implement it.
func testEntityLinkNames(t *testing.T, s dossier.Store) {
	l, ok := s.(dossier.EntityLinkLister)
	if !ok {
		t.Skip("store does not implement dossier.EntityLinkLister")
	}
	ctx := context.Background()
	check := func(when string) {
		t.Helper()
		for _, typ := range []string{dossier.PER, dossier.ORG, "loc", dossier.MISC} {
			full, err := s.Entities(ctx, dossier.EntityFilter{Type: typ, Limit: 1000})
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			byID := map[string]dossier.EntitySummary{}
			for i := range full {
				full[i].Aliases, full[i].Roles, full[i].Country = []string{}, []string{}, ""
				ids = append(ids, full[i].ID)
				byID[full[i].ID] = full[i]
			}
			names, err := l.EntityLinkNames(ctx, typ)
			if err != nil {
				t.Fatal(err)
			}
			var want []dossier.EntitySummary
			for _, id := range slices.Sorted(slices.Values(ids)) {
				e := byID[id]
				e.Articles, e.Mentions = 0, 0
				want = append(want, e)
			}
			if !reflect.DeepEqual(names, orEmpty(want)) {
				t.Errorf("%s: EntityLinkNames(%s):\n got %+v\nwant %+v", when, typ, names, want)
			}
			// Every other id, plus one that is not stored.
			var some []string
			var wantCounts []dossier.EntitySummary
			for i, e := range full {
				if i%2 == 0 {
					some = append(some, e.ID)
					wantCounts = append(wantCounts, e)
				}
			}
			counts, err := l.EntityCounts(ctx, typ, append(some, "no-such-entity"))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(counts, orEmpty(wantCounts)) {
				t.Errorf("%s: EntityCounts(%s):\n got %+v\nwant %+v", when, typ, counts, wantCounts)
			}
		}
	}
	check("empty store")
	load(t, s)
	extra := doc("zz-extra", "More", "x", "", date("2024-05-20T10:00:00Z"), "Putin and Xi spoke.")
	extra.Entities = []dossier.Entity{{ID: "per-vladimir-putin", Name: "Vladimir Vladimirovich Putin", Type: dossier.PER,
		Roles: []string{}, Mentions: []dossier.Span{span(extra.Text, "Putin", 0)}},
		{ID: "per-xi", Name: "Xi", Type: dossier.PER, Roles: []string{}, Mentions: []dossier.Span{span(extra.Text, "Xi", 0)}}}
	put(t, s, extra)
	check("after put")
	extra.Text, extra.ContentHash = "Xi spoke.", ""
	extra.Paragraphs = nil
	extra.Entities = extra.Entities[1:]
	extra.Entities[0].Mentions = []dossier.Span{span(extra.Text, "Xi", 0)}
	put(t, s, extra)
	check("after update")
	all, err := s.Entities(ctx, dossier.EntityFilter{Type: dossier.PER, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	target := ""
	for _, e := range all {
		if e.ID != "per-xi" && target == "" {
			target = e.ID
		}
	}
	if err := s.RelinkEntities(ctx, map[string]string{"per-xi": target}); err != nil {
		t.Fatal(err)
	}
	check("after relink")
	if _, err := l.EntityLinkNames(ctx, ""); dossier.ErrorCode(err) != dossier.EINVALID {
		t.Errorf("EntityLinkNames(\"\"): %v, want EINVALID", err)
	}
	if _, err := l.EntityCounts(ctx, "", nil); dossier.ErrorCode(err) != dossier.EINVALID {
		t.Errorf("EntityCounts(\"\"): %v, want EINVALID", err)
	}
}
