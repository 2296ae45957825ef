package rag

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sync"
)

// annMin is the fewest vectors one index must hold for its vector search
// to go through the approximate index (a sketch, below) instead of the
// exhaustive scan. Every development and evaluation report is far below
// it, so their answers are exact. Tests lower it (withANNMin); nothing
// else changes it.
var annMin = 20_000

// Parameters of the approximate search. A question vector with at most
// annDims dimensions not zero (hashed n-gram questions have 10 to 25 of
// 512) estimates every chunk's similarity from the sketch's columns of
// those dimensions, then computes the exact similarity of the annRerank
// best estimates (at least 4·k). On the scale benchmark's vectors that
// finds at least 95% of the exact top 10 (TestANNRecall,
// BenchmarkScale's recall@10). A denser question vector (an OpenAI
// embedding) is searched exhaustively: the sketch would read as much as
// the scan and estimate worse. See docs/SCALING.md.
const (
	annDims   = 128
	annRerank = 256
	annBits   = 4                  // bits a sketch value; the search loop assumes 4 (2 bits: recall@10 0.94 rescoring 1% at 4k)
	annPer    = 8 / annBits        // sketch values a byte
	annOffset = 1 << (annBits - 1) // a value v is stored as v+annOffset
	annLevels = annOffset - 1      // a value is a multiple of its chunk's step in [-annLevels, annLevels]
)

// sketch is the approximate index over a store's vectors: every vector
// quantized to four bits a value and stored by dimension (one column of
// all chunks per dimension), so a question touches only the columns of
// the dimensions its vector uses. Hashed n-gram question vectors use 10
// to 25 of 512 dimensions, so estimating all chunks reads 5 to 13 bytes
// a chunk where the exhaustive scan reads 2 048; the best estimates are then scored
// exactly on the vectors the chromem collection holds, so every
// similarity returned is the exhaustive scan's, bit for bit. It costs
// dims/2 + 4 bytes per vector (260 at 512 dimensions).
type sketch struct {
	dims, n int
	// cols holds dimension j's column at cols[j*stride:(j+1)*stride]:
	// chunk 2i in the low nibble of byte i, chunk 2i+1 in the high one,
	// each value+8 in steps of the chunk's step.
	cols []byte
	// step is each chunk's quantization step (its largest magnitude / 7);
	// 0 for a chunk without a vector, which is never found.
	step []float32
}

func (s *sketch) stride() int { return (s.n + annPer - 1) / annPer }

// annWorkers bounds the goroutines building or searching a sketch.
func annWorkers() int { return max(1, runtime.GOMAXPROCS(0)) }

// buildSketch quantizes vecs (nil entries have no vector) over annWorkers
// goroutines, each taking a contiguous share of chunks.
func buildSketch(ctx context.Context, vecs [][]float32) (*sketch, error) {
	dims := 0
	for _, v := range vecs {
		if v == nil {
			continue
		}
		if dims == 0 {
			dims = len(v)
		}
		if len(v) != dims {
			return nil, fmt.Errorf("ann: %w: %d and %d", ErrDimensions, dims, len(v))
		}
	}
	if dims == 0 {
		return nil, errors.New("ann: no vectors")
	}
	s := &sketch{dims: dims, n: len(vecs), step: make([]float32, len(vecs))}
	s.cols = make([]byte, dims*s.stride())
	stride := s.stride()
	// Shares start at a byte, so no two goroutines write one.
	err := shares(ctx, stride, func(lo, hi int) {
		for i := annPer * lo; i < min(annPer*hi, len(vecs)); i++ {
			v := vecs[i]
			if v == nil {
				continue
			}
			var top float64
			for _, x := range v {
				top = max(top, math.Abs(float64(x)))
			}
			if top == 0 {
				continue
			}
			step := float32(top / annLevels)
			s.step[i] = step
			shift := uint(annBits * (i % annPer))
			for j, x := range v {
				c := int(math.Round(float64(x/step))) + annOffset
				s.cols[j*stride+i/annPer] |= byte(min(max(c, annOffset-annLevels), annOffset+annLevels)) << shift
			}
		}
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// shares calls f over [0, n) cut into one contiguous share per worker,
// and returns the context's error if it ended.
func shares(ctx context.Context, n int, f func(lo, hi int)) error {
	workers := max(1, min(annWorkers(), n/4096))
	share := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for w := range workers {
		lo, hi := w*share, min((w+1)*share, n)
		wg.Go(func() { f(lo, hi) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ann: %w", err)
	}
	return nil
}

// nearest returns about the k vectors most similar to q (a unit vector),
// best first, equal similarities in chunk order, with the very
// similarities scanNearest gives them.
func (s *sketch) nearest(ctx context.Context, vecs [][]float32, q []float32, k int) ([]ChunkHit, error) {
	return s.search(ctx, vecs, q, k, max(annRerank, 4*k))
}

// search is nearest rescoring the want best estimates exactly.
func (s *sketch) search(ctx context.Context, vecs [][]float32, q []float32, k, want int) ([]ChunkHit, error) {
	if k <= 0 {
		return nil, nil
	}
	if len(q) != s.dims || len(vecs) != s.n {
		return nil, fmt.Errorf("ann: %w: the question's vector has %d, the index's %d", ErrDimensions, len(q), s.dims)
	}
	use := s.dimsOf(q)
	if use == nil {
		return scanNearest(ctx, vecs, q, k)
	}
	stride := s.stride()
	var mu sync.Mutex
	best := make(worstFirst, 0, want)
	err := shares(ctx, stride, func(lo, hi int) {
		acc := make([]float32, annPer*(hi-lo))
		var lut [1 << annBits]float32
		for _, j := range use {
			for c := range lut {
				lut[c] = q[j] * float32(c-annOffset)
			}
			col := s.cols[j*stride+lo : j*stride+hi]
			acc := acc[:2*len(col)] // two values a byte (annBits is 4), unrolled: the hot loop
			for i, b := range col {
				acc[2*i] += lut[b&15]
				acc[2*i+1] += lut[b>>4]
			}
		}
		h := make(worstFirst, 0, want)
		for i, a := range acc {
			c := annPer*lo + i
			if c < s.n && s.step[c] != 0 {
				h.keep(ChunkHit{Chunk: c, Score: float64(a * s.step[c])}, want)
			}
		}
		mu.Lock()
		for _, hit := range h {
			best.keep(hit, want)
		}
		mu.Unlock()
	})
	if err != nil {
		return nil, err
	}
	out := make(worstFirst, 0, k)
	for _, c := range best {
		out.keep(ChunkHit{Chunk: c.Chunk, Score: float64(scanDot(q, vecs[c.Chunk]))}, k)
	}
	return out.sorted(), nil
}

// dimsOf returns the dimensions where q is not zero, or nil when there
// are more than annDims of them (or none): then the sketch does not pay.
func (s *sketch) dimsOf(q []float32) []int {
	var use []int
	for j, x := range q {
		if x != 0 {
			if len(use) == annDims {
				return nil
			}
			use = append(use, j)
		}
	}
	return use
}

// scanDot is the dot product as scanShare sums it, so that similarities
// match the exhaustive scan's bit for bit.
func scanDot(q, v []float32) float32 {
	var d float32
	for j := range q {
		d += q[j] * v[j]
	}
	return d
}

// check reports whether s can serve vecs: its shape fits them, and it
// gives a step exactly to the chunks that have a vector.
func (s *sketch) check(vecs [][]float32) error {
	if s.n != len(vecs) || len(s.step) != s.n || s.dims <= 0 || len(s.cols) != s.dims*s.stride() {
		return errors.New("ann: sketch does not match the vectors")
	}
	for i, v := range vecs {
		if (v == nil) != (s.step[i] == 0) || (v != nil && len(v) != s.dims) {
			return fmt.Errorf("ann: sketch does not match chunk %d's vector", i)
		}
		if f := s.step[i]; math.IsNaN(float64(f)) || math.IsInf(float64(f), 0) || f < 0 {
			return fmt.Errorf("ann: bad step for chunk %d", i)
		}
	}
	return nil
}
