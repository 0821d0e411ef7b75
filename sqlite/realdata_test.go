package sqlite

import (
	"context"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/storetest"
)

// Helpers shared with the benchmarks and the crash test.
var (
	bbcArticles    = storetest.BBCArticles
	seedArticle    = storetest.SeedArticle
	duplicatePairs = storetest.DuplicatePairs
	article        = storetest.Article
)

func putBatches(tb testing.TB, s *Store, as []*dossier.Article, size int) dossier.PutStats {
	tb.Helper()
	return storetest.PutBatches(tb, s, as, size)
}

func TestBBCCorpus(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	storetest.RunBBC(t, s)
	checkIntegrity(t, s)
}

// checkIntegrity runs SQLite's and FTS5's integrity checks.
func checkIntegrity(t *testing.T, s *Store) {
	t.Helper()
	var res string
	if err := s.db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Errorf("integrity_check = %q, %v", res, err)
	}
	// With rank 1, FTS5 also checks the index against the content table.
	// FTS5 checks its index against every row of the content table,
	// and near-duplicates are stored but deliberately not indexed.
	var nearDups int
	if err := s.db.QueryRow(`SELECT count(*) FROM articles WHERE duplicate_of <> ''`).Scan(&nearDups); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil && nearDups == 0 {
		t.Errorf("FTS5 integrity-check of articles_fts: %v", err)
	}
	if err := s.checkSearchIndex(context.Background()); err != nil {
		t.Error(err)
	}
	var fk int
	if err := s.db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&fk); err != nil || fk != 0 {
		t.Errorf("foreign_key_check: %d violations, %v", fk, err)
	}
}
