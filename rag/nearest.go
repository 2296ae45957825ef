package rag

import (
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
)

// scanParallelMin is the fewest vectors worth splitting a scan over
// several goroutines: below it starting them costs more than it saves.
const scanParallelMin = 8192

// scanNearest returns the k vectors of vecs most similar (dot product) to q,
// best first, equal similarities in chunk order. A nil vector is never
// found.
//
// It is chromem-go's exhaustive query loop (query.go getMostSimilarDocs)
// without what makes that loop run at several times the memory-bandwidth
// limit at scale: a channel send and a locked append per document to
// filter by metadata even when there is no filter, and a mutex per
// document around one shared heap. Here each goroutine scans a contiguous
// share of the vectors into its own heap, and the heaps are merged. The
// dot product is chromem's, summed in the same order, so similarities are
// bit for bit those chromem returns (TestNearestMatchesChromem). See
// docs/SCALING.md.
func scanNearest(ctx context.Context, vecs [][]float32, q []float32, k int) ([]ChunkHit, error) {
	if k <= 0 || len(vecs) == 0 {
		return nil, nil
	}
	workers := 1
	if len(vecs) >= scanParallelMin {
		workers = min(runtime.GOMAXPROCS(0), len(vecs)/(scanParallelMin/2))
	}
	if workers == 1 {
		return scanShare(vecs, 0, q, k).sorted(), ctx.Err()
	}
	parts := make([]worstFirst, workers)
	var wg sync.WaitGroup
	share := (len(vecs) + workers - 1) / workers
	for w := range workers {
		lo, hi := w*share, min((w+1)*share, len(vecs))
		wg.Go(func() { parts[w] = scanShare(vecs[lo:hi], lo, q, k) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	all := slices.Concat(parts...)
	slices.SortFunc(all, compareHits)
	return all[:min(k, len(all))], nil
}

// scanShare scans vecs, numbered from first, into a heap of the best k.
func scanShare(vecs [][]float32, first int, q []float32, k int) worstFirst {
	h := make(worstFirst, 0, k)
	for i, v := range vecs {
		if len(v) != len(q) {
			continue // no vector, or another model's
		}
		var dot float32
		for j := range q {
			dot += q[j] * v[j]
		}
		hit := ChunkHit{Chunk: first + i, Score: float64(dot)}
		h.keep(hit, k)
	}
	return h
}

func (h worstFirst) sorted() []ChunkHit {
	out := []ChunkHit(h)
	slices.SortFunc(out, compareHits)
	return out
}

// unitVector returns v at unit length as chromem-go stores it: unchanged
// when chromem deems it normalized, else divided by its norm with
// chromem's arithmetic (vector.go), so the vectors this package scans are
// the very ones chromem holds.
func unitVector(v []float32) []float32 {
	var sq float64
	for _, x := range v {
		sq += float64(x) * float64(x)
	}
	if math.Abs(math.Sqrt(sq)-1) < 1e-6 {
		return v
	}
	var norm float32
	for _, x := range v {
		norm += x * x
	}
	norm = float32(math.Sqrt(float64(norm)))
	out := make([]float32, len(v))
	for i, x := range v {
		out[i] = x / norm
	}
	return out
}
