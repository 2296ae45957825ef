package rag

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestNearestMatchesChromem checks the store's scan against chromem-go's
// own query over the same collection: the same chunks with bit-identical
// similarities, best first, for a collection scanned by one goroutine and
// one split over several, with chunks lacking a vector among them.
func TestNearestMatchesChromem(t *testing.T) {
	ctx := context.Background()
	for _, n := range []int{500, 3 * scanParallelMin} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(7, uint64(n)))
			randVec := func() []float32 {
				v := make([]float32, 48)
				for j := range v {
					v[j] = float32(rng.NormFloat64())
				}
				return v // not normalized: the store must normalize as chromem does
			}
			st, err := newChromemStore("r", "m")
			if err != nil {
				t.Fatal(err)
			}
			chunks := make([]StoredChunk, n)
			for i := range chunks {
				chunks[i] = StoredChunk{ID: fmt.Sprintf("c%d", i), Text: "x"}
				if i%97 != 5 {
					chunks[i].Vector = randVec()
				}
			}
			if err := st.Add(ctx, chunks); err != nil {
				t.Fatal(err)
			}
			if got, want := st.Count(), n-(n+91)/97; got != want {
				t.Fatalf("Count = %d, want %d", got, want)
			}
			for range 5 {
				q := randVec()
				got, err := st.Nearest(ctx, q, 40)
				if err != nil {
					t.Fatal(err)
				}
				res, err := st.coll.QueryEmbedding(ctx, q, 40, nil, nil)
				if err != nil {
					t.Fatal(err)
				}
				if len(got) != len(res) {
					t.Fatalf("%d hits, chromem %d", len(got), len(res))
				}
				for i, r := range res {
					if want := fmt.Sprintf("c%d", got[i].Chunk); r.ID != want || float64(r.Similarity) != got[i].Score {
						t.Fatalf("hit %d: %s %v, chromem %s %v", i, want, got[i].Score, r.ID, r.Similarity)
					}
				}
			}
		})
	}
}
