package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier/dossier/brief"
)

func TestBriefFormats(t *testing.T) {
	db := searchDB(t)
	out, _, err := runCmd(t, "brief", "--db", db, "--format", "json", "putin china")
	if err != nil {
		t.Fatal(err)
	}
	var b brief.Brief
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatalf("brief json: %v\n%s", err, out)
	}
	if b.Schema != brief.SchemaVersion || b.Query != "putin china" || b.Overview.Matches != 2 || b.Articles[0].ID != "a1" {
		t.Errorf("brief = %+v", b.Overview)
	}
	// No entities are stored: the frequent names stand in.
	if len(b.Names) == 0 {
		t.Errorf("no frequent names in a brief without entities")
	}

	out, _, err = runCmd(t, "brief", "putin china", "--db", db) // flags after the query
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Brief: putin china") || !strings.Contains(out, "Top articles") || strings.Contains(out, "\x1b[") {
		t.Errorf("text brief (piped, so no colour):\n%s", out)
	}
	out, _, err = runCmd(t, "brief", "--db", db, "--format", "markdown", "putin")
	if err != nil || !strings.HasPrefix(out, "# Brief: putin") {
		t.Errorf("markdown brief: %v\n%s", err, out)
	}
	out, _, err = runCmd(t, "brief", "--db", db, "--format", "html", "putin")
	if err != nil || !strings.HasPrefix(out, "<!DOCTYPE html>") || !strings.Contains(out, "<style>") {
		t.Errorf("html brief: %v\n%.300s", err, out)
	}
}

func TestBriefErrors(t *testing.T) {
	db := searchDB(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"brief", "--db", db}, "no query"},
		{[]string{"brief", "--db", db, "--format", "pdf", "x"}, "unknown format"},
		{[]string{"brief", "--db", db, "--limit", "0", "x"}, "must be positive"},
		{[]string{"brief", "--db", filepath.Join(t.TempDir(), "missing.db"), "x"}, "no database"},
		{[]string{"brief", "--db", db, `"unterminated`}, "brief"},
	} {
		_, _, err := runCmd(t, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: err = %v, want %q", tc.args[1:], err, tc.want)
		}
	}
}

func TestWriteBrief(t *testing.T) {
	st, err := openStore(context.Background(), searchDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out bytes.Buffer
	if err := writeBrief(context.Background(), env{stdout: &out, stderr: &out}, st, "putin", "text"); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Xi and Putin discuss alliances") {
		t.Errorf("writeBrief:\n%s", out.String())
	}
}

func TestColorOutput(t *testing.T) {
	if colorOutput(&bytes.Buffer{}) {
		t.Error("a buffer is not a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if colorOutput(f) {
		t.Error("a regular file is not a terminal")
	}
}
