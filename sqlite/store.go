package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dossier/dossier"
	"github.com/dossier/dossier/internal/migration"
	"github.com/dossier/dossier/textindex"
	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

var (
	_ dossier.Store    = (*Store)(nil)
	_ dossier.Preparer = (*Store)(nil)
)

// TitleWeight is the bm25 weight of a title match relative to a body
// match (weight 1).
const TitleWeight = 5.0

// Store is a dossier.Store in one SQLite file. It is safe for concurrent
// use; writes are serialised by SQLite.
type Store struct {
	db    *sql.DB
	path  string
	cache searchCache
	// prep holds articles tokenized by Prepare (id -> *prepared) until
	// PutArticles stores them; prepCount counts them.
	prep      sync.Map
	prepCount atomic.Int64
	// vocab numbers the terms of the search postings across write
	// transactions (see vocabulary).
	vocabMu sync.Mutex
	vocab   *textindex.Vocabulary
}

// searchCache keeps what searches read of the index between writes.
type searchCache struct {
	mu    sync.Mutex
	view  *indexView
	attrs *docAttrs
}

// Open opens the database file at path, creating it if needed, and applies
// any pending migrations.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, dossier.Errorf(dossier.EINVALID, "empty database path")
	}
	q := url.Values{}
	for _, p := range []string{
		"busy_timeout(10000)",   // wait for another writer instead of failing
		"journal_mode(WAL)",     // readers never block the writer
		"synchronous(NORMAL)",   // in WAL: durable at checkpoints, never corrupt
		"foreign_keys(1)",       // child rows follow their article
		"cache_size(-32000)",    // 32 MB page cache
		"temp_store(MEMORY)",    // sorts and temp b-trees in memory
		"mmap_size(2147418112)", // read through mmap up to 2 GB (SQLite's limit): no read call per page
		"journal_size_limit(67108864)",
	} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate") // write transactions take the lock up front: no upgrade deadlocks
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := migrate(ctx, db, migrationFS); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := buildSearchIndex(ctx, db, path); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return &Store{db: db, path: path}, nil
}

// OpenExisting opens the database file at path like Open, but returns an
// ENOTFOUND error if the file does not exist instead of creating it. If
// the file cannot be opened for writing (a read-only file, directory or
// file system), it falls back to OpenReadOnly.
func OpenExisting(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "database %s does not exist", path)
	}
	s, err := Open(ctx, path)
	if err != nil && isReadOnlyError(err) {
		return OpenReadOnly(ctx, path)
	}
	return s, err
}

// isReadOnlyError reports whether err is SQLite refusing to write.
func isReadOnlyError(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "readonly") || strings.Contains(msg, "read-only") ||
		strings.Contains(msg, "unable to open database file")
}

// OpenReadOnly opens an existing database for reading only: nothing is
// ever written (no migrations, no journal-mode change, query_only), so it
// works on a read-only file or file system and never disturbs a running
// ingest. Its schema must be current: otherwise it returns an ECONFLICT
// error asking to open the file once with write access. Writes through
// the returned Store fail.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, dossier.Errorf(dossier.ENOTFOUND, "database %s does not exist", path)
	}
	q := url.Values{}
	for _, p := range []string{"busy_timeout(10000)", "query_only(1)", "cache_size(-32000)", "temp_store(MEMORY)", "mmap_size(2147418112)"} {
		q.Add("_pragma", p)
	}
	q.Set("mode", "ro")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("open %s read-only: %w", path, err)
	}
	ms, err := migration.Load(migrationFS)
	if err != nil {
		db.Close()
		return nil, err
	}
	var have int
	if err := db.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_migrations`).Scan(&have); err != nil {
		db.Close()
		return nil, fmt.Errorf("open %s read-only: %w", path, err)
	}
	if want := ms[len(ms)-1].Version; have < want {
		db.Close()
		return nil, dossier.Errorf(dossier.ECONFLICT,
			"database %s has schema version %d, this dossier needs %d: open it once with write access (for example with dossier ingest)",
			path, have, want)
	}
	var built bool
	if err := db.QueryRowContext(ctx, `SELECT built FROM search_stats`).Scan(&built); err != nil || !built {
		db.Close()
		return nil, dossier.Errorf(dossier.ECONFLICT,
			"database %s has no complete search index: open it once with write access (for example with dossier ingest)", path)
	}
	return &Store{db: db, path: path}, nil
}

// DB returns the underlying database handle, for tests and tools.
func (s *Store) DB() *sql.DB { return s.db }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// timeLayout is a fixed-width UTC form that sorts as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

func encTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

func decTime(s sql.NullString) (time.Time, error) {
	if !s.Valid || s.String == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(timeLayout, s.String)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s.String, err)
	}
	return t.UTC(), nil
}
