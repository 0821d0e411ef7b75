package dedup

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/dossier/dossier"
)

// fpStore is a pagedStore that keeps fingerprints (a
// dossier.FingerprintStore) and counts the articles it loads.
type fpStore struct {
	pagedStore
	fps    map[string]dossier.ArticleFingerprint
	loaded int
}

func (s *fpStore) Articles(ctx context.Context, ids []string) ([]*dossier.Article, error) {
	s.loaded += len(ids)
	return s.pagedStore.Articles(ctx, ids)
}

func (s *fpStore) DedupRecords(ctx context.Context, after string, limit int) ([]dossier.DedupRecord, error) {
	ids, _ := s.ArticleIDs(ctx, after, limit)
	var out []dossier.DedupRecord
	for _, id := range ids {
		a := s.arts[id]
		r := dossier.DedupRecord{ID: id, ContentHash: dossier.StoredContentHash(a), Published: a.Published,
			Fetched: a.Fetched, DuplicateOf: a.DuplicateOf, StoryID: a.StoryID}
		if f, ok := s.fps[id]; ok && f.ContentHash == r.ContentHash {
			r.Fingerprint = f.Fingerprint
		}
		out = append(out, r)
	}
	return out, nil
}

func (s *fpStore) PutFingerprints(_ context.Context, fps []dossier.ArticleFingerprint) error {
	for _, f := range fps {
		if s.arts[f.ID] != nil {
			s.fps[f.ID] = f
		}
	}
	return nil
}

func TestFingerprintRoundTrip(t *testing.T) {
	ix := New(Options{})
	for _, text := range []string{"", "one", strings.Join(wire, "\n\n"), "Putin met Xi. Putin met Xi in Beijing, said Putin."} {
		fp := ix.Fingerprint(text)
		b, err := fp.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var got Fingerprint
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		if !reflect.DeepEqual(&got, fp) {
			t.Errorf("%q: round trip\n got %+v\nwant %+v", text, got, *fp)
		}
	}
	var fp Fingerprint
	good, _ := ix.Fingerprint("a few words here").MarshalBinary()
	for _, bad := range [][]byte{nil, {0}, {fingerprintVersion + 1}, good[:len(good)-1], append(good, 0)} {
		if err := fp.UnmarshalBinary(bad); err == nil {
			t.Errorf("UnmarshalBinary(%v) accepted", bad)
		}
	}
}

func FuzzFingerprintUnmarshal(f *testing.F) {
	ix := New(Options{})
	for _, s := range []string{"", "one two three", strings.Join(wire, " ")} {
		b, _ := ix.Fingerprint(s).MarshalBinary()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var fp Fingerprint
		if err := fp.UnmarshalBinary(b); err != nil {
			return
		}
		again, err := fp.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded fingerprint does not encode: %v", err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("re-encoded %x, decoded from %x", again, b)
		}
	})
}

// seedCorpus returns articles for seeding: stories, copies and a few
// already linked, with dates (some missing).
func seedCorpus(tb testing.TB) map[string]*dossier.Article {
	arts := map[string]*dossier.Article{}
	day := time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC)
	add := func(id, text string, when time.Time) *dossier.Article {
		a := &dossier.Article{ID: id, Title: id, Text: text, Published: when}
		arts[id] = a
		return a
	}
	body := strings.Join(wire, "\n\n")
	add("a-copy", body, day).DuplicateOf = "b-orig"
	add("b-orig", body, day.Add(time.Hour))
	add("c-meteor", strings.Join(unrelated, "\n\n"), time.Time{})
	for i := range 40 {
		p := wire[i%len(wire)] + " " + unrelated[i%len(unrelated)]
		add(fmt.Sprintf("d-%02d", i), p, day.Add(time.Duration(i)*12*time.Hour))
	}
	if !testing.Short() {
		for _, a := range loadBBC(tb) {
			add(a.ID, a.Text, time.Time{})
		}
	}
	return arts
}

// TestSeedStoredEqualsTexts checks that seeding from stored fingerprints
// builds the same index as seeding from texts, and that only missing
// fingerprints are made (and stored) again.
func TestSeedStoredEqualsTexts(t *testing.T) {
	ctx := context.Background()
	arts := seedCorpus(t)
	fromTexts := New(Options{})
	if _, err := seedFromTexts(ctx, &pagedStore{arts: arts}, fromTexts); err != nil {
		t.Fatal(err)
	}
	st := &fpStore{pagedStore: pagedStore{arts: arts}, fps: map[string]dossier.ArticleFingerprint{}}
	first := New(Options{})
	s, err := SeedStored(ctx, st, first)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != len(arts) || s.Computed != len(arts) || len(st.fps) != len(arts) {
		t.Fatalf("first seeding: %+v, %d stored fingerprints; want all %d made and stored", s, len(st.fps), len(arts))
	}
	// One article changed since its fingerprint was stored.
	arts["c-meteor"].Text += " A late paragraph."
	fromTexts = New(Options{})
	if _, err := seedFromTexts(ctx, &pagedStore{arts: arts}, fromTexts); err != nil {
		t.Fatal(err)
	}
	st.loaded = 0
	second := New(Options{})
	if s, err = SeedStored(ctx, st, second); err != nil {
		t.Fatal(err)
	}
	if s.Articles != len(arts) || s.Computed != 1 || st.loaded != 1 {
		t.Fatalf("second seeding: %+v, %d articles loaded; want only the changed one", s, st.loaded)
	}
	sameIndex(t, fromTexts, second)

	// New articles get the same results from both.
	body := strings.Join(wire, "\n\n")
	ids := make([]string, 0, len(arts))
	for id := range arts {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	news := []dossier.Article{{ID: "new-copy", Text: body}, {ID: "new-other", Text: wire[0] + " " + unrelated[1]}}
	for _, id := range ids[len(ids)-5:] {
		news = append(news, dossier.Article{ID: "re-" + id, Text: arts[id].Text + " Updated."})
	}
	for _, n := range news {
		a, b := n, n
		ra, rb := fromTexts.Add(&a), second.Add(&b)
		if ra != rb {
			t.Errorf("%s: from texts %+v, from fingerprints %+v", n.ID, ra, rb)
		}
	}
}

// sameIndex fails unless two indexes hold the same state.
func sameIndex(t *testing.T, a, b *Index) {
	t.Helper()
	if !reflect.DeepEqual(a.docs, b.docs) {
		t.Errorf("docs differ")
	}
	if !reflect.DeepEqual(a.byID, b.byID) || !reflect.DeepEqual(a.byBody, b.byBody) {
		t.Errorf("id or body maps differ")
	}
	if !reflect.DeepEqual(a.buckets, b.buckets) || !reflect.DeepEqual(a.posting, b.posting) {
		t.Errorf("LSH buckets or story postings differ")
	}
	if !reflect.DeepEqual(a.terms, b.terms) || !reflect.DeepEqual(a.df, b.df) {
		t.Errorf("term dictionary or document frequencies differ")
	}
}
