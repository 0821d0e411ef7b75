package searcheval

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// Depth is the number of ranked documents scored per query.
const Depth = 1000

// Run is a system's ranking: query id -> document numbers, best first.
type Run map[string][]string

// QueryScore is one query's measures.
type QueryScore struct {
	ID        string
	Relevant  int // judged relevant documents
	Retrieved int // relevant documents in the ranking
	AP        float64
	P10       float64
	NDCG10    float64
}

// Report is the measures of a run, per query and averaged over the
// queries that have at least one relevant document.
type Report struct {
	Queries []QueryScore // in query id order
	MAP     float64
	P10     float64
	NDCG10  float64
}

// Evaluate scores a run against judgments, over the first Depth documents
// of each ranking. Queries judged but absent from the run score zero.
// Relevance is binary (any positive judgment is relevant).
func Evaluate(run Run, qrels Qrels) Report {
	var rep Report
	ids := make([]string, 0, len(qrels))
	for id := range qrels {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, compareIDs)
	for _, id := range ids {
		rel := map[string]bool{}
		for doc, r := range qrels[id] {
			if r > 0 {
				rel[doc] = true
			}
		}
		if len(rel) == 0 {
			continue
		}
		rank := run[id]
		if len(rank) > Depth {
			rank = rank[:Depth]
		}
		qs := QueryScore{ID: id, Relevant: len(rel)}
		var sumPrec, dcg float64
		top10 := 0
		seen := map[string]bool{}
		for i, doc := range rank {
			if seen[doc] || !rel[doc] {
				seen[doc] = true
				continue
			}
			seen[doc] = true
			qs.Retrieved++
			sumPrec += float64(qs.Retrieved) / float64(i+1)
			if i < 10 {
				top10++
				dcg += 1 / math.Log2(float64(i+2))
			}
		}
		qs.AP = sumPrec / float64(len(rel))
		qs.P10 = float64(top10) / 10
		var ideal float64
		for i := range min(10, len(rel)) {
			ideal += 1 / math.Log2(float64(i+2))
		}
		qs.NDCG10 = dcg / ideal
		rep.Queries = append(rep.Queries, qs)
		rep.MAP += qs.AP
		rep.P10 += qs.P10
		rep.NDCG10 += qs.NDCG10
	}
	if n := float64(len(rep.Queries)); n > 0 {
		rep.MAP /= n
		rep.P10 /= n
		rep.NDCG10 /= n
	}
	return rep
}

// compareIDs orders query ids numerically when both are numbers.
func compareIDs(a, b string) int {
	if len(a) != len(b) && strings.Trim(a+b, "0123456789") == "" {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// Write prints the averages and the worst queries by average precision,
// with their text when queries holds it.
func (r Report) Write(w io.Writer, queries []Query, worst int) error {
	text := map[string]string{}
	for _, q := range queries {
		text[q.ID] = q.Text
	}
	if _, err := fmt.Fprintf(w, "%d queries: MAP %.4f  P@10 %.4f  nDCG@10 %.4f\n", len(r.Queries), r.MAP, r.P10, r.NDCG10); err != nil {
		return err
	}
	byAP := slices.Clone(r.Queries)
	slices.SortStableFunc(byAP, func(a, b QueryScore) int {
		switch {
		case a.AP < b.AP:
			return -1
		case a.AP > b.AP:
			return 1
		}
		return 0
	})
	if worst > 0 && len(byAP) > 0 {
		fmt.Fprintf(w, "worst queries:\n")
	}
	for _, q := range byAP[:min(worst, len(byAP))] {
		if _, err := fmt.Fprintf(w, "  %-5s AP %.3f  P@10 %.1f  %d/%d relevant found  %.70q\n", q.ID, q.AP, q.P10, q.Retrieved, q.Relevant, text[q.ID]); err != nil {
			return err
		}
	}
	return nil
}
