package rag

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// annMin is the fewest vectors one index must hold for its vector search
// to go through the approximate index (an IVF, below) instead of the
// exhaustive scan. Every development and evaluation report is far below
// it, so their answers are exact. Tests lower it (withANNMin); nothing
// else changes it.
var annMin = 20_000

// IVF parameters. A query ranks the lists by their centroid and scans the
// best annProbeFrac of them (at least annProbeMin); on the scale
// benchmark's vectors that finds at least 95% of the exact top 10
// (TestANNRecall, BenchmarkScale's recall@10). See docs/SCALING.md.
const (
	annProbeFrac  = 0.08
	annProbeMin   = 8
	annIterations = 8  // k-means rounds over the training sample
	annSamplePer  = 48 // training vectors per list
)

// ivf is an inverted-file index over a store's vectors: spherical k-means
// cuts them into lists around unit centroids; a query scans only the
// lists whose centroids are nearest to it. It holds chunk numbers, not
// vectors: the vectors stay those the chromem collection holds, so a
// chunk the IVF finds has exactly the similarity the exhaustive scan
// gives it. It costs 4 bytes per vector plus the centroids.
type ivf struct {
	dims      int
	centroids []float32 // lists × dims, each unit length
	starts    []uint32  // list i holds members[starts[i]:starts[i+1]]
	members   []uint32  // chunk numbers, ascending within a list
	probe     int
}

// annLists is the number of lists for n vectors: about √n, so a query
// ranks as many centroids as it scans vectors in one list.
func annLists(n int) int {
	return max(1, int(math.Round(math.Sqrt(float64(n)))))
}

// annWorkers bounds the goroutines building an IVF.
func annWorkers() int { return max(1, runtime.GOMAXPROCS(0)) }

// buildIVF clusters vecs (unit length; nil entries are left out) into
// annLists lists. It is deterministic: the same vectors give the same
// index.
func buildIVF(ctx context.Context, vecs [][]float32) (*ivf, error) {
	var ids []uint32
	dims := 0
	for i, v := range vecs {
		if v == nil {
			continue
		}
		if dims == 0 {
			dims = len(v)
		}
		if len(v) != dims {
			return nil, fmt.Errorf("ann: %w: %d and %d", ErrDimensions, dims, len(v))
		}
		ids = append(ids, uint32(i))
	}
	if len(ids) == 0 {
		return nil, errors.New("ann: no vectors")
	}
	lists := min(annLists(len(ids)), len(ids))
	rng := rand.New(rand.NewPCG(uint64(len(ids)), uint64(dims)))
	sample := slices.Clone(ids)
	rng.Shuffle(len(sample), func(i, j int) { sample[i], sample[j] = sample[j], sample[i] })
	sample = sample[:min(len(sample), lists*annSamplePer)]

	ix := &ivf{dims: dims, centroids: make([]float32, lists*dims), probe: min(lists, max(annProbeMin, int(math.Ceil(annProbeFrac*float64(lists)))))}
	for c := range lists { // the first lists sample vectors seed the centroids
		copy(ix.centroids[c*dims:], vecs[sample[c]])
	}
	assign := make([]int32, len(sample))
	for range annIterations {
		if err := ix.assign(ctx, vecs, sample, assign); err != nil {
			return nil, err
		}
		ix.update(vecs, sample, assign, rng)
	}
	all := make([]int32, len(ids))
	if err := ix.assign(ctx, vecs, ids, all); err != nil {
		return nil, err
	}
	counts := make([]uint32, lists+1)
	for _, c := range all {
		counts[c+1]++
	}
	for c := range lists {
		counts[c+1] += counts[c]
	}
	ix.starts = counts
	ix.members = make([]uint32, len(ids))
	next := slices.Clone(counts[:lists])
	for i, c := range all { // ids ascend, so each list does too
		ix.members[next[c]] = ids[i]
		next[c]++
	}
	return ix, nil
}

// assign sets out[i] to the list whose centroid is nearest vecs[ids[i]],
// over annWorkers goroutines each taking a contiguous share.
func (ix *ivf) assign(ctx context.Context, vecs [][]float32, ids []uint32, out []int32) error {
	workers := min(annWorkers(), len(ids))
	share := (len(ids) + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*share, min((w+1)*share, len(ids))
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				if i%1024 == 0 && ctx.Err() != nil {
					return
				}
				out[i] = int32(ix.nearestList(vecs[ids[i]]))
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ann: %w", err)
	}
	return nil
}

func (ix *ivf) lists() int { return len(ix.centroids) / ix.dims }

func (ix *ivf) nearestList(v []float32) int {
	best, bestDot := 0, float32(math.Inf(-1))
	for c := range ix.lists() {
		if d := dot(v, ix.centroids[c*ix.dims:(c+1)*ix.dims]); d > bestDot {
			best, bestDot = c, d
		}
	}
	return best
}

// update moves each centroid to the normalized mean of its members; a
// list left empty takes a random sample vector instead.
func (ix *ivf) update(vecs [][]float32, sample []uint32, assign []int32, rng *rand.Rand) {
	sums := make([]float64, len(ix.centroids))
	n := make([]int, ix.lists())
	for i, c := range assign {
		n[c]++
		row := sums[int(c)*ix.dims:]
		for j, x := range vecs[sample[i]] {
			row[j] += float64(x)
		}
	}
	for c := range ix.lists() {
		cen := ix.centroids[c*ix.dims : (c+1)*ix.dims]
		row := sums[c*ix.dims : (c+1)*ix.dims]
		var sq float64
		for _, x := range row {
			sq += x * x
		}
		if n[c] == 0 || sq == 0 {
			copy(cen, vecs[sample[rng.IntN(len(sample))]])
			continue
		}
		norm := math.Sqrt(sq)
		for j, x := range row {
			cen[j] = float32(x / norm)
		}
	}
}

// nearest returns the k vectors of the probed lists most similar to q (a
// unit vector), best first, equal similarities in chunk order, with the
// very similarities scanNearest gives them.
func (ix *ivf) nearest(ctx context.Context, vecs [][]float32, q []float32, k int) ([]ChunkHit, error) {
	if k <= 0 {
		return nil, nil
	}
	if len(q) != ix.dims {
		return nil, fmt.Errorf("ann: %w: the question's vector has %d, the index's %d", ErrDimensions, len(q), ix.dims)
	}
	lists := make([]ChunkHit, ix.lists())
	for c := range lists {
		lists[c] = ChunkHit{Chunk: c, Score: float64(dot(q, ix.centroids[c*ix.dims:(c+1)*ix.dims]))}
	}
	slices.SortFunc(lists, compareHits)
	h := make(worstFirst, 0, k)
	for i, l := range lists {
		if i >= ix.probe && len(h) >= k {
			break // beyond the probed lists only while fewer than k are found
		}
		for _, m := range ix.members[ix.starts[l.Chunk]:ix.starts[l.Chunk+1]] {
			v := vecs[m]
			var d float32 // summed as scanShare does, so scores match it bit for bit
			for j := range q {
				d += q[j] * v[j]
			}
			h.keep(ChunkHit{Chunk: int(m), Score: float64(d)}, k)
		}
	}
	return h.sorted(), ctx.Err()
}

// dot is a dot product in eight lanes, for clustering only: its sums are
// not the scan's, so no similarity a search returns comes from it.
func dot(a, b []float32) float32 {
	b = b[:len(a)]
	var s0, s1, s2, s3, s4, s5, s6, s7 float32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
		s4 += a[i+4] * b[i+4]
		s5 += a[i+5] * b[i+5]
		s6 += a[i+6] * b[i+6]
		s7 += a[i+7] * b[i+7]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7
}

// check reports whether ix can serve vecs: its lists partition exactly the
// chunks that have a vector, and its centroids have their dimensions.
func (ix *ivf) check(vecs [][]float32) error {
	if ix.dims <= 0 || len(ix.centroids) == 0 || len(ix.centroids)%ix.dims != 0 {
		return errors.New("ann: bad centroids")
	}
	if len(ix.starts) != ix.lists()+1 || ix.starts[0] != 0 || int(ix.starts[len(ix.starts)-1]) != len(ix.members) {
		return errors.New("ann: lists do not match their members")
	}
	for c := range ix.lists() {
		if ix.starts[c] > ix.starts[c+1] {
			return errors.New("ann: lists out of order")
		}
	}
	if ix.probe < 1 || ix.probe > ix.lists() {
		return errors.New("ann: bad probe count")
	}
	seen := make([]bool, len(vecs))
	for _, m := range ix.members {
		if int(m) >= len(vecs) || seen[m] || len(vecs[m]) != ix.dims {
			return errors.New("ann: a list names a chunk without a vector, or twice")
		}
		seen[m] = true
	}
	for i, v := range vecs {
		if v != nil && !seen[i] {
			return errors.New("ann: a vector is in no list")
		}
	}
	return nil
}
