package rag

import (
	"github.com/reportbot/reportbot/rag/lexicon"

	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/reportbot/reportbot/knowledge"
)

// TestDebugQuestion prints the analysis of RAG_Q against report RAG_R; it is
// a development aid and skips unless both are set.
func TestDebugQuestion(t *testing.T) {
	name, qs := os.Getenv("RAG_R"), os.Getenv("RAG_Q")
	if name == "" || qs == "" {
		t.Skip("set RAG_R and RAG_Q")
	}
	var r *knowledge.Report
	if strings.HasSuffix(name, ".txt") || strings.HasSuffix(name, ".md") {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if r, err = knowledge.Parse(filepath.Base(name), data); err != nil {
			t.Fatal(err)
		}
	} else {
		r = loadTestReport(t, name)
	}
	ix := &answerer{buildTestIndex(t, r)}
	t.Logf("region=%v year=%d", ix.region, ix.report.Year)
	for _, q := range strings.Split(qs, "|") {
		var prev *query
		for _, part := range splitQuestion(lexicon.Default(), q) {
			pq := ix.analyze(part, q)
			pq.kind = ix.refine(pq)
			t.Logf("part %q kind=%v unit=%q scope=%v text=%q focus=%q level=%v abbrev=%v", part, pq.kind, pq.unit, pq.scope, pq.text, pq.focus, pq.level, pq.abbrev)
			for _, tm := range pq.terms {
				t.Logf("   term %v w=%.2f weak=%v", tm.alts, tm.weight, tm.weak)
			}
			hits, _ := ix.retrieve(context.Background(), nil, pq, part, 8)
			t.Logf("   hits %v", hits)
			wq := ix.analyze(q, q)
			cs := ix.candidates(pq, wq, hits)
			for i, c := range cs {
				if i >= 8 {
					break
				}
				t.Logf("   cand acc=%v %s", ix.acceptable(pq, c), debugCand(ix, c))
			}
			pa, q2, _ := ix.answerPart(context.Background(), nil, part, q, wq, prev)
			prev = q2
			t.Logf("   => found=%v %q", pa.found, pa.text)
		}
	}
}
