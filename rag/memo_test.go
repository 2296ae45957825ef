package rag

import (
	"context"
	"fmt"
	"testing"
)

// TestExtractRankedNeedsNoRetrieval checks that Answer.Ranked comes from
// the hits the answer was built from: the cited paragraphs first, then the
// whole question's ranking, as if retrieved for it.
func TestExtractRankedNeedsNoRetrieval(t *testing.T) {
	ix := buildTestIndex(t, smallReport())
	for _, q := range []string{"今年GDP目标是多少？", "今年GDP目标是多少？失业率呢？", "今年新能源汽车保有量目标多少"} {
		t.Run(q, func(t *testing.T) {
			a, err := ix.Extract(context.Background(), q)
			if err != nil {
				t.Fatal(err)
			}
			whole, err := ix.Rank(context.Background(), q, 10)
			if err != nil {
				t.Fatal(err)
			}
			var want []int
			seen := map[int]bool{}
			for _, c := range a.Citations {
				if !seen[c.Paragraph] {
					seen[c.Paragraph] = true
					want = append(want, c.Paragraph)
				}
			}
			for _, p := range whole {
				if !seen[p] {
					seen[p] = true
					want = append(want, p)
				}
			}
			if got := fmt.Sprint(a.Ranked); got != fmt.Sprint(want) {
				t.Errorf("Ranked = %s, want %s", got, fmt.Sprint(want))
			}
			if len(a.Ranked) == 0 {
				t.Errorf("empty ranking")
			}
		})
	}
}

// TestExtractRetrievesEachTextOnce counts, for one question each, the
// embeddings (with an embedder that caches nothing), vector searches and
// BM25 searches answering makes (through countingStores): one of each per
// distinct text among the whole question and its parts, whichever
// retriever ranks.
func TestExtractRetrievesEachTextOnce(t *testing.T) {
	tests := []struct {
		q     string
		texts int // distinct texts: the whole question and its parts
	}{
		{"今年GDP目标是多少", 1},
		{"今年GDP目标是多少？", 1},
		{"今年GDP目标是多少？失业率呢？", 3},
		{"GDP和CPI目标分别是多少", 3},
		{"今年GDP和CPI目标分别是多少？城镇新增就业呢？", 4},
	}
	emb := &countingEmbedder{Embedder: fixedEmbedder{NewHashEmbedder(64), "model-a"}}
	st := &countingStores{}
	base, err := BuildIndexIn(context.Background(), discard, st, smallReport(), emb, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Retrievers {
		ix := base.WithRetriever(r)
		for _, tt := range tests {
			t.Run(r.String()+"/"+tt.q, func(t *testing.T) {
				emb.calls.Store(0)
				st.nearest.Store(0)
				st.searched.Store(0)
				if _, err := ix.Extract(context.Background(), tt.q); err != nil {
					t.Fatal(err)
				}
				wantVec, wantLex := int64(tt.texts), int64(tt.texts)
				switch r {
				case Vector:
					wantLex = 0
				case Lexical:
					wantVec = 0
				case Grep:
					wantVec, wantLex = 0, 0
				}
				if got := emb.calls.Load(); got != wantVec {
					t.Errorf("embeddings = %d, want %d", got, wantVec)
				}
				if got := st.nearest.Load(); got != wantVec {
					t.Errorf("vector searches = %d, want %d", got, wantVec)
				}
				// A part leaning on the one before it is searched with that
				// one's words too, so it may need its own BM25 search.
				if got := st.searched.Load(); got > wantLex {
					t.Errorf("lexical searches = %d, want at most %d", got, wantLex)
				}
			})
		}
	}
}
