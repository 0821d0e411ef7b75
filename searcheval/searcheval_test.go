package searcheval

import (
	"math"
	"strings"
	"testing"
	"time"
)

func TestEvaluate(t *testing.T) {
	qrels := Qrels{
		"1": {"a": 1, "c": 1, "z": 0},
		"2": {"x": 1},
		"3": {"y": 0}, // no relevant document: not scored
	}
	run := Run{"1": {"a", "b", "c", "d", "a"}}
	rep := Evaluate(run, qrels)
	if len(rep.Queries) != 2 {
		t.Fatalf("%d queries scored, want 2", len(rep.Queries))
	}
	q := rep.Queries[0]
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-4 }
	if !near(q.AP, (1+2.0/3)/2) || !near(q.P10, 0.2) || !near(q.NDCG10, 1.5/(1+1/math.Log2(3))) || q.Retrieved != 2 {
		t.Errorf("query 1: %+v", q)
	}
	if rep.Queries[1].AP != 0 || rep.Queries[1].Retrieved != 0 {
		t.Errorf("query 2, absent from the run: %+v", rep.Queries[1])
	}
	if !near(rep.MAP, (1+2.0/3)/4) {
		t.Errorf("MAP %.4f", rep.MAP)
	}
	var sb strings.Builder
	if err := rep.Write(&sb, []Query{{ID: "2", Text: "lost query"}}, 1); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(sb.String(), "2 queries: MAP 0.4167") || !strings.Contains(sb.String(), `"lost query"`) {
		t.Errorf("report:\n%s", sb.String())
	}
}

func TestLoad(t *testing.T) {
	c, err := Load("testdata/mini")
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Documents) != 6 || len(c.Queries) != 3 || len(c.Qrels) != 3 {
		t.Fatalf("loaded %d documents, %d queries, %d judged queries", len(c.Documents), len(c.Queries), len(c.Qrels))
	}
	if d := c.Documents[0]; d.DocNo != "1" || !d.Date.Equal(time.Date(1963, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("first document %+v", d)
	}
	for _, bad := range []struct{ read func() error }{
		{func() error {
			_, err := ReadDocuments(strings.NewReader(`{"text": "no number"}`), "d.jsonl")
			return err
		}},
		{func() error { _, err := ReadDocuments(strings.NewReader("{not json"), "d.jsonl"); return err }},
		{func() error {
			_, err := ReadQueries(strings.NewReader("qid\tquery\nno tab here\n"), "q.tsv")
			return err
		}},
		{func() error { _, err := ReadQrels(strings.NewReader("1 0 4\n"), "r.txt"); return err }},
		{func() error { _, err := ReadQrels(strings.NewReader("1 0 4 yes\n"), "r.txt"); return err }},
	} {
		err := bad.read()
		if err == nil || !strings.Contains(err.Error(), ":1:") && !strings.Contains(err.Error(), ":2:") {
			t.Errorf("bad input: %v, want an error naming the file and line", err)
		}
	}
}
