package postgres

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/migration"
	"github.com/dossier/dossier/storetest"
	"github.com/jackc/pgx/v5"
)

// testURL returns $DOSSIER_POSTGRES_URL or skips.
func testURL(t testing.TB) string {
	u := os.Getenv("DOSSIER_POSTGRES_URL")
	if u == "" && os.Getenv("DOSSIER_REQUIRE_POSTGRES") != "" {
		t.Fatal("DOSSIER_REQUIRE_POSTGRES is set but DOSSIER_POSTGRES_URL is not: the PostgreSQL contract suite must run")
	}
	if u == "" {
		t.Skip("DOSSIER_POSTGRES_URL is not set; start a server with: eval \"$(scripts/postgres-test.sh start)\"")
	}
	return u
}

var schemaSeq atomic.Int64

// openTemp opens a store in a new schema of the test database, dropped
// when the test ends.
func openTemp(t testing.TB) *Store {
	t.Helper()
	base := testURL(t)
	ctx := context.Background()
	schema := fmt.Sprintf("dossier_test_%d_%d", os.Getpid(), schemaSeq.Add(1))
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, `CREATE SCHEMA `+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		c, err := pgx.Connect(context.Background(), base)
		if err != nil {
			t.Error(err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(context.Background(), `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			t.Error(err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	s, err := Open(ctx, u.String())
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestContract(t *testing.T) {
	testURL(t)
	storetest.Run(t, func(t *testing.T) dossier.Store { return openTemp(t) })
}

func TestOpenErrors(t *testing.T) {
	if _, err := Open(context.Background(), "postgres://%zz"); dossier.ErrorCode(err) != dossier.EINVALID {
		t.Errorf("bad URL: %v, want EINVALID", err)
	}
}

func TestMigrationsIdempotent(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	if err := migrate(context.Background(), s.pool, migrationFS); err != nil {
		t.Fatalf("second migrate: %v", err)
	}
	var n int
	if err := s.pool.QueryRow(context.Background(), `SELECT count(*) FROM schema_migrations`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	ms, _ := migration.Load(migrationFS)
	if n != len(ms) {
		t.Errorf("%d migrations recorded, want %d", n, len(ms))
	}
}

func TestBBCCorpus(t *testing.T) {
	s := openTemp(t)
	defer s.Close()
	storetest.RunBBC(t, s)
}
