package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestIngestURL ingests an article page, a feed, and a front page whose
// announced feed is discovered, all from a loopback site.
func TestIngestURL(t *testing.T) {
	t.Setenv(allowPrivateEnv, "1")
	site := newNewsSite(t, "quay", "ferry")
	db := filepath.Join(t.TempDir(), "i.db")

	out, errOut, err := runCmd(t, "ingest", "--db", db, "--no-nlp", "--quiet", site.srv.URL+"/news/wall")
	if err != nil || !strings.Contains(out, "1 new") {
		t.Fatalf("article page: %v %s %s", err, out, errOut)
	}
	out, errOut, err = runCmd(t, "ingest", "--db", db, "--no-nlp", "--quiet", site.srv.URL+"/")
	if err != nil || !strings.Contains(out, "2 new") {
		t.Fatalf("front page with a feed: %v %s %s", err, out, errOut)
	}
	if ids := storedIDs(t, db, site, "wall", "quay", "ferry"); len(ids) != 3 {
		t.Fatalf("stored %v", ids)
	}
	if site.count("/feed.xml") != 1 || site.count("/news/quay") != 1 {
		t.Fatalf("requests: %v", site.hits)
	}
}

func TestIngestURLRefusesPrivateByDefault(t *testing.T) {
	t.Setenv(allowPrivateEnv, "")
	site := newNewsSite(t, "quay")
	_, errOut, err := runCmd(t, "ingest", "--db", filepath.Join(t.TempDir(), "i.db"), "--no-nlp", "--quiet", site.srv.URL+"/news/quay")
	if err == nil || !strings.Contains(errOut, "non-public address") || len(site.hits) != 0 {
		t.Fatalf("err %v, stderr %q, hits %v", err, errOut, site.hits)
	}
}
