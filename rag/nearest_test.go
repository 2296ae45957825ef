package rag

import (
	"context"
	"fmt"
	"math/rand/v2"
	"runtime"
	"sync"
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

// BenchmarkVectorScan sets chromem-go's exhaustive query against this
// package's scan of the same collection and against the memory-bandwidth
// limit: 100k unit vectors of 512 dimensions (205 MB), top 40.
//
//   - chromem: Collection.QueryEmbedding (a channel send and a locked
//     append per document to filter, a mutex per document around one heap);
//
//   - scan: chromemStore.Nearest (scanNearest: a contiguous share per
//     goroutine, a heap each);
//
//   - scan-8sums: the scan on one core with a dot product in eight
//     partial sums (not bit-identical to chromem, so not the product's);
//
//   - stream: the same vectors summed, one goroutine per core, eight
//     running sums, nothing else: what reading 205 MB costs on this
//     machine (GB/s reported). The scan's dot product sums in one chain,
//     as chromem's does, to return chromem's similarities bit for bit;
//     each add waits for the one before, so it is bound by add latency
//     before memory bandwidth.
//
//     go test ./rag -run '^$' -bench VectorScan -benchmem -benchtime 20x
func BenchmarkVectorScan(b *testing.B) {
	ctx := context.Background()
	const n, dims = 100_000, DefaultHashDims
	rng := rand.New(rand.NewPCG(3, 5))
	st, err := newChromemStore("r", "m")
	if err != nil {
		b.Fatal(err)
	}
	chunks := make([]StoredChunk, n)
	for i := range chunks {
		v := make([]float32, dims)
		for j := range v {
			v[j] = float32(rng.NormFloat64())
		}
		normalize(v)
		chunks[i] = StoredChunk{ID: fmt.Sprintf("c%d", i), Text: "x", Vector: v}
	}
	if err := st.Add(ctx, chunks); err != nil {
		b.Fatal(err)
	}
	q := st.vecs[7]
	bytes := float64(n * dims * 4)
	b.Run("chromem", func(b *testing.B) {
		for b.Loop() {
			res, err := st.coll.QueryEmbedding(ctx, q, 40, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			benchResults = len(res)
		}
		b.ReportMetric(bytes/1e9/(b.Elapsed().Seconds()/float64(b.N)), "GB/s")
	})
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			res, err := st.Nearest(ctx, q, 40)
			if err != nil {
				b.Fatal(err)
			}
			benchResults = len(res)
		}
		b.ReportMetric(bytes/1e9/(b.Elapsed().Seconds()/float64(b.N)), "GB/s")
	})
	b.Run("scan-8sums", func(b *testing.B) {
		// What the scan would cost with a dot product in eight partial
		// sums: not chromem's similarities bit for bit, so not used.
		for b.Loop() {
			h := make(worstFirst, 0, 40)
			for i, v := range st.vecs {
				h.keep(ChunkHit{Chunk: i, Score: float64(dot8(q, v))}, 40)
			}
			benchResults = len(h)
		}
		b.ReportMetric(bytes/1e9/(b.Elapsed().Seconds()/float64(b.N)), "GB/s")
	})
	b.Run("stream", func(b *testing.B) {
		workers := runtime.GOMAXPROCS(0)
		sums := make([]float32, workers)
		for b.Loop() {
			var wg sync.WaitGroup
			share := (n + workers - 1) / workers
			for w := range workers {
				wg.Go(func() {
					// Eight sums, so that adding is not the bottleneck.
					var s0, s1, s2, s3, s4, s5, s6, s7 float32
					for _, v := range st.vecs[w*share : min((w+1)*share, n)] {
						for j := 0; j+8 <= len(v); j += 8 {
							x := v[j : j+8 : j+8]
							s0 += x[0]
							s1 += x[1]
							s2 += x[2]
							s3 += x[3]
							s4 += x[4]
							s5 += x[5]
							s6 += x[6]
							s7 += x[7]
						}
					}
					sums[w] = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7
				})
			}
			wg.Wait()
		}
		benchResults = int(sums[0])
		b.ReportMetric(bytes/1e9/(b.Elapsed().Seconds()/float64(b.N)), "GB/s")
	})
}

var benchResults int

// dot8 is a dot product summed in eight lanes.
func dot8(a, b []float32) float32 {
	var s0, s1, s2, s3, s4, s5, s6, s7 float32
	for j := 0; j+8 <= len(a) && j+8 <= len(b); j += 8 {
		x, y := a[j:j+8:j+8], b[j:j+8:j+8]
		s0 += x[0] * y[0]
		s1 += x[1] * y[1]
		s2 += x[2] * y[2]
		s3 += x[3] * y[3]
		s4 += x[4] * y[4]
		s5 += x[5] * y[5]
		s6 += x[6] * y[6]
		s7 += x[7] * y[7]
	}
	return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7
}
