package main

import (
	"context"
	"fmt"
	"hash/fnv"
	"net/url"
	"slices"
	"strings"

	"github.com/dossier/dossier/extract"
)

// runEvalExtraction scores article extraction on an
// article-extraction-benchmark folder (html/ and ground-truth.json).
func runEvalExtraction(ctx context.Context, e env, args []string) error {
	fs := newFlagSet(e, "eval extraction", "DIR")
	engine := fs.String("engine", "dossier", "extractor: dossier, or a library alone: "+strings.Join(extract.Baselines, ", "))
	worst := fs.Int("worst", 10, "list this many worst pages")
	half := fs.String("half", "all", "score only the hosts of one half: a, b or all (split by a hash of the host)")
	contentType := fs.String("content-type", "text/html; charset=utf-8", "Content-Type header assumed for every page (the benchmark stores UTF-8)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		fs.Usage()
		return fmt.Errorf("eval extraction: want one DIR, got %d arguments", len(pos))
	}
	if *engine != "dossier" && !slices.Contains(extract.Baselines, *engine) {
		return fmt.Errorf("eval extraction: unknown engine %q (want dossier, %s)", *engine, strings.Join(extract.Baselines, ", "))
	}
	if *half != "all" && *half != "a" && *half != "b" {
		return fmt.Errorf("eval extraction: --half must be a, b or all, not %q", *half)
	}
	pages, err := extract.LoadBenchmark(pos[0])
	if err != nil {
		return fmt.Errorf("eval extraction: %w", err)
	}
	type result struct {
		page  extract.BenchmarkPage
		score extract.PageScore
	}
	var results []result
	var scores []extract.PageScore
	var meta extract.MetaTally
	for _, p := range pages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if *half != "all" && hostHalf(p.URL) != *half {
			continue
		}
		data, err := p.Load()
		if err != nil {
			return fmt.Errorf("eval extraction: %w", err)
		}
		var text string
		if *engine == "dossier" {
			art, err := extract.HTMLWithContentType(data, p.URL, *contentType)
			if err != nil {
				fmt.Fprintf(e.stderr, "%s: %v\n", p.ID, err)
			}
			text = art.Text
			meta.Add(extract.CheckMetadata(data, *contentType, art))
		} else {
			text, err = extract.BaselineText(*engine, data, p.URL, *contentType)
			if err != nil {
				fmt.Fprintf(e.stderr, "%s: %v\n", p.ID, err)
			}
		}
		s := extract.ScorePage(p.Truth, text)
		scores = append(scores, s)
		results = append(results, result{p, s})
	}
	total := extract.Aggregate(scores)
	fmt.Fprintf(e.stdout, "engine %s, %d pages (half %s)\n", *engine, total.Pages, *half)
	fmt.Fprintf(e.stdout, "precision %.4f  recall %.4f  F1 %.4f  accuracy %.4f\n", total.Precision, total.Recall, total.F1, total.Accuracy)
	slices.SortStableFunc(results, func(a, b result) int {
		switch fa, fb := a.score.F1(), b.score.F1(); {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	})
	if *worst > 0 {
		fmt.Fprintf(e.stdout, "\nworst %d pages:\n", min(*worst, len(results)))
		for _, r := range results[:min(*worst, len(results))] {
			fmt.Fprintf(e.stdout, "  %.3f  P %.3f  R %.3f  %s  %s\n", r.score.F1(), r.score.Precision, r.score.Recall, r.page.ID[:min(12, len(r.page.ID))], r.page.URL)
		}
	}
	if *engine == "dossier" {
		fmt.Fprintf(e.stdout, "\nmetadata, on pages whose own JSON-LD or meta tags give it:\n%s", meta.String())
	}
	return nil
}

// hostHalf assigns a page's host (without "www.") to half "a" or "b" by a
// hash, so that tuning on one half can be confirmed on the other.
func hostHalf(pageURL string) string {
	host := pageURL
	if u, err := url.Parse(pageURL); err == nil && u.Host != "" {
		host = u.Host
	}
	h := fnv.New32a()
	h.Write([]byte(strings.TrimPrefix(strings.ToLower(host), "www.")))
	if h.Sum32()%2 == 0 {
		return "a"
	}
	return "b"
}
