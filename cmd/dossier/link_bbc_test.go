package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/dedup"
	"github.com/dossier/dossier/ingest"
	"github.com/dossier/dossier/internal/shareddata"
	"github.com/dossier/dossier/nlp"
	"github.com/dossier/dossier/nlp/entity"
	"github.com/dossier/dossier/sqlite"
)

// bbcLinkDB ingests the BBC corpus but every heldOut-th article into a new
// database (NLP on, through the ingest command) and returns its path and
// the held-out articles, one JSON Lines file each.
func bbcLinkDB(t *testing.T, heldOut int) (string, []string) {
	t.Helper()
	if testing.Short() {
		t.Skip("ingests the BBC corpus with NLP (about 30 s); run without -short")
	}
	src := shareddata.Path(t, "data", "news-corpus", "bbc-news.jsonl.gz")
	f, err := os.Open(src)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	var base strings.Builder
	var held []string
	sc := bufio.NewScanner(zr)
	sc.Buffer(nil, 1<<24)
	for i := 0; sc.Scan(); i++ {
		if i%heldOut == heldOut/2 {
			p := filepath.Join(dir, fmt.Sprintf("held-%04d.jsonl", i))
			if err := os.WriteFile(p, append(sc.Bytes(), '\n'), 0o644); err != nil {
				t.Fatal(err)
			}
			held = append(held, p)
			continue
		}
		base.Write(sc.Bytes())
		base.WriteByte('\n')
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	basePath := filepath.Join(dir, "base.jsonl")
	if err := os.WriteFile(basePath, []byte(base.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "bbc.db")
	if _, errOut, err := runCmd(t, "ingest", "--quiet", "--db", db, basePath); err != nil {
		t.Fatalf("ingest: %v\n%s", err, errOut)
	}
	return db, held
}

// textsOnly hides a store's stored fingerprints, so that dedup.Seed
// fingerprints every stored text as it did before they were stored.
type textsOnly struct{ dossier.Store }

// checkSeedFromFingerprints checks on the stored corpus that seeding a
// duplicate index from the fingerprints ingest stored gives the same
// duplicates and stories as seeding it from the texts: probes made from
// the held-out articles (each without its first paragraph, and mixed with
// the next) are added to both.
func checkSeedFromFingerprints(t *testing.T, st dossier.Store, held []string) {
	t.Helper()
	ctx := context.Background()
	fromTexts := dedup.New(dedup.Options{})
	n, err := dedup.Seed(ctx, textsOnly{st}, fromTexts)
	if err != nil {
		t.Fatal(err)
	}
	fromStored := dedup.New(dedup.Options{})
	s, err := dedup.SeedStored(ctx, st, fromStored)
	if err != nil {
		t.Fatal(err)
	}
	if s.Articles != n || s.Computed != 0 {
		t.Fatalf("seeded %+v from fingerprints, %d from texts: every fingerprint should have been stored by ingest", s, n)
	}
	var texts []string
	for _, p := range held {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var rec struct{ Text string }
		if err := json.Unmarshal(data, &rec); err != nil {
			t.Fatal(err)
		}
		texts = append(texts, rec.Text)
	}
	dups, stories := 0, 0
	for i, text := range texts {
		paras := strings.Split(text, "\n\n")
		next := strings.Split(texts[(i+1)%len(texts)], "\n\n")
		probes := []string{strings.Join(paras[1:], "\n\n"), strings.Join(append(paras[:min(2, len(paras))], next[:min(2, len(next))]...), "\n\n")}
		for j, p := range probes {
			id := fmt.Sprintf("probe-%d-%d", i, j)
			a, b := dossier.Article{ID: id, Text: p}, dossier.Article{ID: id, Text: p}
			ra, rb := fromTexts.Add(&a), fromStored.Add(&b)
			if ra != rb {
				t.Errorf("%s: seeded from texts %+v, from fingerprints %+v", id, ra, rb)
			}
			if ra.DuplicateOf != "" {
				dups++
			}
			if ra.StoryID != id {
				stories++
			}
		}
	}
	t.Logf("%d probes: %d duplicates, %d joined a story, the same from texts and from fingerprints", 2*len(texts), dups, stories)
	if dups == 0 || stories == 0 {
		t.Error("no probe found a duplicate or a story: the comparison proved little")
	}
}

// TestIncrementalIngestMatchesFullPassBBC checks that a duplicate index
// seeded from stored fingerprints matches new articles as one seeded from
// the texts (see checkSeedFromFingerprints). Then it stores held-out BBC
// articles one at a time into the linked BBC corpus and checks, on the real entities, that
// every linking round of linkChanged (CanonicalizeAround the stored and
// the merged entities) returns exactly the merges of a full Canonicalize
// pass. It then perturbs the article counts of random entities and adds
// surname-only entities, checking that CanonicalizeAround finds every
// merge the change makes possible.
func TestIncrementalIngestMatchesFullPassBBC(t *testing.T) {
	db, held := bbcLinkDB(t, 250)
	ctx := context.Background()
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	// The ingest linked once; a full pass may still find merges made
	// possible by that linking. Settle them first.
	for round := 0; ; round++ {
		all, err := linkSummaries(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		merges := entity.Canonicalize(all)
		t.Logf("settling round %d: %d entities, %d merges", round, len(all), len(merges))
		if len(merges) == 0 {
			break
		}
		if round == maxLinkRounds {
			t.Fatalf("full passes still merge after %d rounds: %v", round, merges)
		}
		if err := st.RelinkEntities(ctx, merges); err != nil {
			t.Fatal(err)
		}
	}

	checkSeedFromFingerprints(t, st, held)

	total, stored := 0, 0
	for _, path := range held {
		rec := newRecordingStore(st, nil)
		sum, err := ingest.Run(ctx, []string{path}, ingest.Options{Store: rec, Annotate: nlp.Annotate, Workers: 1})
		if err != nil {
			t.Fatalf("ingest %s: %v", path, err)
		}
		if sum.New != 1 {
			continue // an exact copy of a stored article
		}
		stored++
		changed := rec.changedEntities()
		if len(changed) == 0 {
			t.Fatalf("%s: no entities recorded", path)
		}
		for round := 0; len(changed) > 0; round++ {
			all, err := linkSummaries(ctx, st)
			if err != nil {
				t.Fatal(err)
			}
			full := entity.Canonicalize(all)
			isChanged := func(id string) bool { return changed[id] }
			around := entity.CanonicalizeAround(all, isChanged)
			near, err := linkNeighbours(ctx, st, changed)
			if err != nil {
				t.Fatal(err)
			}
			if want := entity.Neighbours(all, isChanged); !reflect.DeepEqual(near, want) {
				t.Fatalf("%s round %d: linkNeighbours read %d entities, want the %d neighbours in the full list", filepath.Base(path), round, len(near), len(want))
			}
			if !reflect.DeepEqual(around, full) {
				t.Fatalf("%s round %d (%d changed entities):\nfull pass %v\n   around %v", filepath.Base(path), round, len(changed), full, around)
			}
			if len(full) == 0 {
				break
			}
			total += len(full)
			if err := st.RelinkEntities(ctx, full); err != nil {
				t.Fatal(err)
			}
			changed = map[string]bool{}
			for from, to := range full {
				changed[from], changed[to] = true, true
			}
		}
	}
	t.Logf("%d held-out articles stored one at a time: %d merges, all equal to the full pass", stored, total)
	if stored < len(held)/2 {
		t.Fatalf("only %d of %d held-out articles stored", stored, len(held))
	}

	// Perturbed corpora: a change of counts or new short names.
	base, err := linkSummaries(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	before := entity.Canonicalize(base)
	rng := rand.New(rand.NewPCG(1, 2))
	found := 0
	for trial := range 6 {
		s := append([]dossier.EntitySummary(nil), base...)
		changed := map[string]bool{}
		for range 30 {
			i := rng.IntN(len(s))
			s[i].Articles += 1 + rng.IntN(4)
			changed[s[i].ID] = true
		}
		for range 30 {
			e := base[rng.IntN(len(base))]
			w := strings.Fields(e.Name)
			if len(w) < 2 {
				continue
			}
			id := fmt.Sprintf("new-%d-%s", trial, e.ID)
			s = append(s, dossier.EntitySummary{ID: id, Name: w[len(w)-1], Type: e.Type, Articles: 1 + rng.IntN(3)})
			changed[id] = true
		}
		after := entity.Canonicalize(s)
		around := entity.CanonicalizeAround(s, func(id string) bool { return changed[id] })
		for from, to := range around {
			if after[from] != to {
				t.Errorf("trial %d: around merges %s -> %s, the full pass %q", trial, from, to, after[from])
			}
		}
		for from, to := range after {
			if _, ok := around[from]; !ok && before[from] != to {
				t.Errorf("trial %d: the full pass merges %s -> %s, new after the change, but around does not", trial, from, to)
			}
		}
		found += len(around)
	}
	if found == 0 {
		t.Error("perturbed corpora gave no merges around the changes: the check above proved nothing")
	}
}
