package main

import (
	"bufio"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestServe(t *testing.T) {
	db := searchDB(t)
	t.Setenv("DOSSIER_TOKEN", "")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v", err)
	}
	go io.Copy(io.Discard, pr) //nolint:errcheck // drain
	m := regexp.MustCompile(`http://(\S+)/`).FindStringSubmatch(line)
	if m == nil || !strings.Contains(line, "writes disabled") {
		t.Fatalf("start line %q", line)
	}
	resp, err := http.Get("http://" + m[1] + "/api/search?q=putin")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"a1"`) {
		t.Errorf("GET /api/search = %d %s", resp.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v after cancel", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
}

func TestServeErrors(t *testing.T) {
	if _, _, err := runCmd(t, "serve", "--db", searchDB(t), "extra"); err == nil || !strings.Contains(err.Error(), "unexpected argument") {
		t.Errorf("err = %v", err)
	}
	if _, _, err := runCmd(t, "serve", "--db", searchDB(t), "--addr", "256.0.0.1:99999"); err == nil || !strings.Contains(err.Error(), "listen") {
		t.Errorf("err = %v", err)
	}
}
