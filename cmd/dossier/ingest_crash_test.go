package main

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dossier/dossier/internal/shareddata"
	"github.com/dossier/dossier/sample"
)

// ingestCrashEnv names the database a re-executed test binary ingests into.
const ingestCrashEnv = "DOSSIER_INGEST_CRASH_DB"

// TestIngestCrashChild is the child side of TestIngestKillAndRerun: it runs
// 'dossier ingest' on the BBC corpus and the seed in small batches until
// it is killed.
func TestIngestCrashChild(t *testing.T) {
	db := os.Getenv(ingestCrashEnv)
	if db == "" {
		t.Skip("child process of TestIngestKillAndRerun only")
	}
	bbc := shareddata.Path(t, "data", "news-corpus", "bbc-news.jsonl.gz")
	seed := filepath.Join(filepath.Dir(db), "putin-china.txt")
	if _, _, err := runCmd(t, "ingest", "--db", db, "--no-nlp", "--batch", "10", bbc, seed); err != nil {
		t.Fatal(err)
	}
}

// TestIngestKillAndRerun kills 'dossier ingest' with SIGKILL part way
// through the corpus, then reruns it: the database passes SQLite's
// integrity check and holds every article exactly once.
func TestIngestKillAndRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the BBC corpus in a child process; skipped with -short")
	}
	if os.Getenv(ingestCrashEnv) != "" {
		t.Skip("in the child")
	}
	bbc := shareddata.Path(t, "data", "news-corpus", "bbc-news.jsonl.gz")
	dir := t.TempDir()
	db := filepath.Join(dir, "crash.db")
	seed := writeFile(t, dir, "putin-china.txt", sample.Seed())

	cmd := exec.Command(os.Args[0], "-test.run=^TestIngestCrashChild$")
	cmd.Env = append(os.Environ(), ingestCrashEnv+"="+db)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill once some batches are committed: the write-ahead log has grown.
	deadline := time.Now().Add(60 * time.Second)
	for {
		if fi, err := os.Stat(db + "-wal"); err == nil && fi.Size() > 512<<10 {
			break
		}
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatal("the child wrote nothing within 60 s")
		}
		time.Sleep(2 * time.Millisecond)
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	werr := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("child finished before it was killed (%v); nothing to recover", werr)
	}
	survived := countRows(t, db)
	t.Logf("killed mid-ingest; %d articles survived", survived)
	if survived == 0 || survived >= 2128 {
		t.Fatalf("%d articles after the kill: want a partial ingest", survived)
	}

	out, errOut, err := runCmd(t, "ingest", "--db", db, "--no-nlp", bbc, seed)
	if err != nil {
		t.Fatalf("rerun: %v\n%s", err, errOut)
	}
	if !strings.Contains(out, "2226 articles from 2 inputs") || !strings.Contains(out, " 0 failed") {
		t.Errorf("rerun summary = %q", out)
	}
	if n := countRows(t, db); n != 2128 {
		t.Errorf("after the rerun %d articles, want 2128 (2,225 BBC - 98 duplicates + the seed)", n)
	}
}

// countRows checks the database's integrity and that no id is stored
// twice, and returns the number of stored articles.
func countRows(t *testing.T, path string) int {
	t.Helper()
	conn, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var res string
	if err := conn.QueryRowContext(context.Background(), `PRAGMA integrity_check`).Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check = %q, %v", res, err)
	}
	var n, distinct int
	if err := conn.QueryRow(`SELECT count(*), count(DISTINCT id) FROM articles`).Scan(&n, &distinct); err != nil {
		t.Fatal(err)
	}
	if n != distinct {
		t.Errorf("%d article rows but %d distinct ids", n, distinct)
	}
	return n
}
