package sqlite

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/dossier/dossier"
)

// crashEnv names the database a re-executed test binary writes to.
const crashEnv = "DOSSIER_SQLITE_CRASH_CHILD"

// TestCrashChild is the child side of TestCrashRecovery: it puts the
// corpus in small batches, reporting each commit, until it is killed.
func TestCrashChild(t *testing.T) {
	path := os.Getenv(crashEnv)
	if path == "" {
		t.Skip("child process of TestCrashRecovery only")
	}
	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	as := append(bbcArticles(t), seedArticle(t))
	for i := 0; i < len(as); i += 25 {
		if _, err := s.PutArticles(context.Background(), as[i:min(i+25, len(as))]); err != nil {
			t.Fatal(err)
		}
		fmt.Printf("committed %d\n", min(i+25, len(as)))
	}
	fmt.Println("done")
}

// TestCrashRecovery kills a child process with SIGKILL while it stores the
// corpus, then checks the file is sound and that a rerun completes it.
func TestCrashRecovery(t *testing.T) {
	if os.Getenv(crashEnv) != "" {
		t.Skip("in the child")
	}
	as := append(bbcArticles(t), seedArticle(t))
	path := filepath.Join(t.TempDir(), "crash.db")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.v")
	cmd.Env = append(os.Environ(), crashEnv+"="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	commits := 0
	for sc.Scan() {
		if strings.HasPrefix(sc.Text(), "committed ") {
			commits++
		}
		if commits == 20 {
			// Let the next batch get under way, then kill mid-transaction.
			time.Sleep(3 * time.Millisecond)
			if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Fatal(err)
			}
			break
		}
		if sc.Text() == "done" {
			t.Fatal("child finished before it could be killed")
		}
	}
	go func() { _, _ = bufio.NewReader(out).WriteTo(devNull{}) }()
	werr := cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("child was not killed by SIGKILL: %v", werr)
	}
	if commits < 20 {
		t.Fatalf("child committed %d batches before exiting", commits)
	}

	s, err := Open(context.Background(), path)
	if err != nil {
		t.Fatalf("reopen after kill: %v", err)
	}
	defer s.Close()
	checkIntegrity(t, s)
	var n, distinct int
	if err := s.db.QueryRow(`SELECT count(*), count(DISTINCT id) FROM articles`).Scan(&n, &distinct); err != nil {
		t.Fatal(err)
	}
	if n != distinct || n < 20*25-98 || n > len(as) {
		t.Errorf("after kill: %d rows, %d distinct ids (committed %d batches of 25)", n, distinct, commits)
	}
	t.Logf("killed after %d committed batches; %d articles survived", commits, n)

	st := putBatches(t, s, as, 200)
	if st.New+st.Unchanged+st.Duplicate != len(as) || st.Updated != 0 {
		t.Errorf("rerun: %+v", st)
	}
	stats, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if stats.Articles != 2128 || stats.Duplicates != 98 {
		t.Errorf("after rerun Stats = %+v, want 2128 articles and 98 duplicates", stats)
	}
	if err := s.db.QueryRow(`SELECT count(*), count(DISTINCT id) FROM articles`).Scan(&n, &distinct); err != nil {
		t.Fatal(err)
	}
	if n != 2128 || distinct != 2128 {
		t.Errorf("after rerun: %d rows, %d distinct", n, distinct)
	}
	checkIntegrity(t, s)
	res, err := s.Search(context.Background(), dossier.SearchQuery{Text: "putin china"})
	if err != nil || len(res.Results) == 0 || res.Results[0].ID != "seed-putin-china" {
		t.Errorf("search after recovery: %+v, %v", res, err)
	}
}

type devNull struct{}

func (devNull) Write(p []byte) (int, error) { return len(p), nil }
