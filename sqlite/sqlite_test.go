package sqlite

import (
	"context"
	"path/filepath"
	"testing"
	"testing/fstest"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/migration"
	"github.com/dossier/dossier/storetest"
)

// openTemp opens a store in a new file under t.TempDir().
func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "dossier.db"))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	storetest.Run(t, func(t *testing.T) dossier.Store {
		s := openTemp(t)
		// After the suite's Close (cleanups run last-in first-out), reopen
		// the file and check that the indexes match the content.
		path := s.path
		t.Cleanup(func() {
			s, err := Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			checkIntegrity(t, s)
		})
		return s
	})
}

func TestOpenReadOnly(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "ro.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	a := storetest.Article("ro-1", "Read-only title", "Body about lighthouses.")
	if _, err := s.PutArticles(ctx, []*dossier.Article{a}); err != nil {
		t.Fatal(err)
	}
	s.Close()

	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	res, err := ro.Search(ctx, dossier.SearchQuery{Text: "lighthouses"})
	if err != nil || res.Total != 1 {
		t.Errorf("read-only search: %+v, %v", res, err)
	}
	if _, err := ro.PutArticles(ctx, []*dossier.Article{storetest.Article("ro-2", "x", "y")}); err == nil {
		t.Error("read-only store accepted a write")
	}
	ro.Close()

	if _, err := OpenReadOnly(ctx, filepath.Join(t.TempDir(), "missing.db")); dossier.ErrorCode(err) != dossier.ENOTFOUND {
		t.Errorf("missing file: %v, want ENOTFOUND", err)
	}
	// A database behind the embedded migrations is refused, not migrated.
	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.Exec(`DELETE FROM schema_migrations`); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := OpenReadOnly(ctx, path); dossier.ErrorCode(err) != dossier.ECONFLICT {
		t.Errorf("old schema: %v, want ECONFLICT", err)
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "m.db")
	for i := 0; i < 2; i++ {
		s, err := Open(ctx, path)
		if err != nil {
			t.Fatalf("open %d: %v", i, err)
		}
		var n int
		if err := s.db.QueryRow(`SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		ms, _ := migration.Load(migrationFS)
		if n != len(ms) {
			t.Errorf("open %d: %d migrations recorded, want %d", i, n, len(ms))
		}
		s.Close()
	}
}

func TestLoadMigrationsRejectsBadNames(t *testing.T) {
	for name, files := range map[string]fstest.MapFS{
		"no number": {"migrations/init.sql": {Data: []byte("SELECT 1")}},
		"duplicate": {"migrations/0001_a.sql": {Data: []byte("SELECT 1")}, "migrations/0001_b.sql": {Data: []byte("SELECT 1")}},
	} {
		if _, err := migration.Load(files); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	ms, err := migration.Load(fstest.MapFS{
		"migrations/0010_c.sql": {Data: []byte("c")}, "migrations/0002_b.sql": {Data: []byte("b")},
	})
	if err != nil || len(ms) != 2 || ms[0].Version != 2 || ms[1].Version != 10 {
		t.Errorf("numeric order: %+v, %v", ms, err)
	}
}
