package rag

import (
	"bytes"
	"context"
	"encoding/gob"
	"math/rand/v2"
	"reflect"
	"runtime"
	"testing"
)

// withANNMin lowers the size from which stores build the approximate
// index, for one (non-parallel) test.
func withANNMin(t testing.TB, n int) {
	old := annMin
	annMin = n
	t.Cleanup(func() { annMin = old })
}

// exactIndex returns ix searching its vectors exhaustively.
func exactIndex(ix *Index) *Index {
	cp := *ix
	vs := *ix.vec.(*chromemStore)
	vs.ann = nil
	cp.vec = &vs
	return &cp
}

// annQueries are the vectors recall is measured on: the scale questions
// and n chunk texts drawn from ix, each embedded as a question.
func annQueries(tb testing.TB, ix *Index, n int) [][]float32 {
	ctx := context.Background()
	texts := append([]string(nil), scaleQuestions...)
	rng := rand.New(rand.NewPCG(7, uint64(len(ix.chunks))))
	for range n {
		c := ix.chunks[rng.IntN(len(ix.chunks))].text
		r := []rune(c)
		texts = append(texts, string(r[:min(len(r), 20)])) // a question-sized piece
	}
	var out [][]float32
	for _, q := range texts {
		v, err := ix.queryVector(ctx, q)
		if err != nil {
			tb.Fatal(err)
		}
		if v != nil {
			out = append(out, v)
		}
	}
	return out
}

// annRecall returns the share of the exact top k the approximate search
// finds, over qs. A chunk scoring as much as the exact k-th counts as
// found (equal similarities may rank either way), and a chunk both find
// must have the same similarity in both.
func annRecall(tb testing.TB, ix *Index, qs [][]float32, k int) float64 {
	ctx := context.Background()
	vs := ix.vec.(*chromemStore)
	if vs.ann == nil {
		tb.Fatal("no approximate index")
	}
	found, want := 0, 0
	for _, q := range qs {
		exact, err := scanNearest(ctx, vs.vecs, unitVector(q), k)
		if err != nil {
			tb.Fatal(err)
		}
		score := make(map[int]float64, len(exact))
		for _, h := range exact {
			score[h.Chunk] = h.Score
		}
		approx, err := vs.Nearest(ctx, q, k)
		if err != nil {
			tb.Fatal(err)
		}
		if len(approx) != k {
			tb.Fatalf("%d hits, want %d", len(approx), k)
		}
		kth := exact[k-1].Score
		for _, h := range approx {
			if s, ok := score[h.Chunk]; ok && h.Score != s {
				tb.Fatalf("chunk %d: similarity %v, exact scan %v", h.Chunk, h.Score, s)
			}
			if h.Score >= kth {
				found++
			}
		}
		want += k
	}
	return float64(found) / float64(want)
}

// fusedAgreement returns the share of the hybrid top k of the questions
// that the index with the approximate search shares with the exact one.
func fusedAgreement(tb testing.TB, ix *Index, raw []string, qs []*query, k int) float64 {
	ctx := context.Background()
	exact := exactIndex(ix)
	same, all := 0, 0
	for i, q := range qs {
		a, err := ix.retrieve(ctx, nil, q, raw[i], k)
		if err != nil {
			tb.Fatal(err)
		}
		e, err := exact.retrieve(ctx, nil, q, raw[i], k)
		if err != nil {
			tb.Fatal(err)
		}
		in := map[int]bool{}
		for _, h := range e {
			in[h.para] = true
		}
		for _, h := range a {
			if in[h.para] {
				same++
			}
		}
		all += len(e)
	}
	if all == 0 {
		tb.Fatal("no hybrid hits")
	}
	return float64(same) / float64(all)
}

// TestANNRecall builds a synthetic index large enough for the approximate
// search (the threshold lowered) and checks it against the exact scan:
// at least 95% of the exact top 10, the same similarities, and the
// hybrid top 10 of the scale questions nearly unchanged.
func TestANNRecall(t *testing.T) {
	withANNMin(t, 1_000)
	r := syntheticReport(t, 4_000)
	ix := buildTestIndex(t, r)
	vs := ix.vec.(*chromemStore)
	if vs.ann == nil {
		t.Fatal("no approximate index at 4 000 chunks with the threshold at 1 000")
	}
	if err := vs.ann.check(vs.vecs); err != nil {
		t.Fatal(err)
	}
	pieces := 200
	if raceEnabled { // ten times slower; the race detector's part is TestSketchParallel
		pieces = 40
	}
	qs0 := annQueries(t, ix, pieces)
	recall := annRecall(t, ix, qs0, 10)
	var qs []*query
	for _, q := range scaleQuestions {
		qs = append(qs, (&answerer{ix}).analyze(q, q))
	}
	fused := fusedAgreement(t, ix, scaleQuestions, qs, 10)
	t.Logf("recall@10 %.3f, hybrid top-10 agreement %.3f", recall, fused)
	if recall < 0.95 {
		t.Errorf("recall@10 %.3f, want at least 0.95", recall)
	}
	if fused < 0.95 {
		t.Errorf("hybrid top-10 agreement %.3f, want at least 0.95", fused)
	}

	// Rescoring a share of the chunks near the one the default rescores
	// at 100 000 (256, 0.26%), so that the small size does not flatter
	// it; rescoring 10 (0.25%) finds 0.948.
	ctx := context.Background()
	for _, want := range []int{20, 40} {
		found, all := 0, 0
		for _, q := range qs0 {
			q = unitVector(q)
			exact, err := scanNearest(ctx, vs.vecs, q, 10)
			if err != nil {
				t.Fatal(err)
			}
			got, err := vs.ann.search(ctx, vs.vecs, q, 10, want)
			if err != nil {
				t.Fatal(err)
			}
			for _, h := range got {
				if h.Score >= exact[9].Score {
					found++
				}
			}
			all += 10
		}
		r := float64(found) / float64(all)
		t.Logf("rescoring %d of %d: recall@10 %.3f", want, len(vs.vecs), r)
		if r < 0.95 {
			t.Errorf("recall@10 %.3f rescoring %d, want at least 0.95", r, want)
		}
	}
}

// TestANNOnlyAboveThreshold: the development reports, far below the
// threshold, are searched exactly, so their answers do not change.
func TestANNOnlyAboveThreshold(t *testing.T) {
	for name := range devQuestions(t) {
		ix := buildTestIndex(t, loadTestReport(t, name))
		if vs := ix.vec.(*chromemStore); vs.ann != nil {
			t.Errorf("%s: %d chunks, approximate index built (threshold %d)", name, len(vs.vecs), annMin)
		}
	}
}

// randomVectors returns n unit vectors of d dimensions, every nilEvery-th
// one missing (a chunk without a vector).
func randomVectors(n, d, nilEvery int) [][]float32 {
	rng := rand.New(rand.NewPCG(3, 4))
	vecs := make([][]float32, n)
	for i := range vecs {
		if nilEvery > 0 && i%nilEvery == nilEvery-1 {
			continue
		}
		v := make([]float32, d)
		for j := range v {
			if rng.IntN(8) == 0 { // sparse, as hashed n-gram vectors of short texts
				v[j] = float32(rng.NormFloat64())
			}
		}
		v[rng.IntN(d)] = 1
		vecs[i] = unitVector(v)
	}
	return vecs
}

// TestSketch checks the sketch on random vectors: an odd count (a half
// byte at the end), chunks without a vector never found, deterministic,
// exact similarities, bad input refused.
func TestSketch(t *testing.T) {
	ctx := context.Background()
	vecs := randomVectors(2_001, 256, 7)
	s, err := buildSketch(ctx, vecs)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.check(vecs); err != nil {
		t.Fatal(err)
	}
	again, err := buildSketch(ctx, vecs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(again, s) {
		t.Error("two builds over the same vectors differ")
	}
	found, want := 0, 0
	for qi := 0; qi < 2_001; qi += 37 {
		q := vecs[qi]
		if q == nil {
			continue
		}
		got, err := s.nearest(ctx, vecs, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		exact, err := scanNearest(ctx, vecs, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 10 {
			t.Fatalf("%d hits, want 10", len(got))
		}
		for _, h := range got {
			if vecs[h.Chunk] == nil {
				t.Fatalf("chunk %d without a vector found", h.Chunk)
			}
			if h.Score != float64(scanDot(q, vecs[h.Chunk])) {
				t.Fatalf("chunk %d: similarity %v is not the scan's", h.Chunk, h.Score)
			}
			if h.Score >= exact[9].Score {
				found++
			}
		}
		want += 10
		if got[0].Chunk != qi {
			t.Errorf("query %d: nearest is %d, not itself", qi, got[0].Chunk)
		}
	}
	if r := float64(found) / float64(want); r < 0.95 {
		t.Errorf("recall@10 %.3f on random sparse vectors, want at least 0.95", r)
	}
	// A dense question vector is searched exhaustively: the very result
	// of the scan.
	dense := make([]float32, 256)
	for j := range dense {
		dense[j] = float32(j%5) - 2.5
	}
	dense = unitVector(dense)
	got, err := s.nearest(ctx, vecs, dense, 10)
	if err != nil {
		t.Fatal(err)
	}
	exact, err := scanNearest(ctx, vecs, dense, 10)
	if err != nil {
		t.Fatal(err)
	}
	if s.dimsOf(dense) != nil || !reflect.DeepEqual(got, exact) {
		t.Errorf("dense question: %v, the scan %v", got, exact)
	}
	if _, err := s.nearest(ctx, vecs, make([]float32, 8), 10); err == nil {
		t.Error("a question vector of other dimensions was searched")
	}
	if _, err := buildSketch(ctx, [][]float32{make([]float32, 4), make([]float32, 5)}); err == nil {
		t.Error("vectors of different dimensions were sketched")
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := buildSketch(canceled, vecs); err == nil {
		t.Error("a canceled build succeeded")
	}
}

// TestANNPersisted: the approximate index is written in the index file
// and loaded from it, not rebuilt; a damaged one is refused.
func TestANNPersisted(t *testing.T) {
	ctx := context.Background()
	withANNMin(t, 500)
	r := syntheticReport(t, 1_200)
	built := buildTestIndex(t, r)
	bann := built.vec.(*chromemStore).ann
	if bann == nil {
		t.Fatal("no approximate index")
	}
	key := indexKey{build: "b", lexicon: "l", report: "r", model: NewHashEmbedder(0).Model()}
	encode := func(f *indexFile) *indexFile {
		var buf bytes.Buffer
		if err := gob.NewEncoder(&buf).Encode(f); err != nil {
			t.Fatal(err)
		}
		var back indexFile
		if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
			t.Fatal(err)
		}
		return &back
	}
	f, err := snapshot(built, key)
	if err != nil {
		t.Fatal(err)
	}
	f.ANN.Cols = append([]byte(nil), f.ANN.Cols...)
	f.ANN.Cols[0] ^= 0x11 // a rebuild would not keep this
	got, err := encode(f).restore(ctx, r, NewHashEmbedder(0), built.lx)
	if err != nil {
		t.Fatal(err)
	}
	gann := got.vec.(*chromemStore).ann
	if gann == nil || gann.cols[0] != bann.cols[0]^0x11 {
		t.Fatal("approximate index rebuilt or dropped, not loaded")
	}
	gann.cols[0] = bann.cols[0]
	if !reflect.DeepEqual(gann, bann) {
		t.Error("loaded approximate index differs from the built one")
	}

	// A file written without one (below a threshold since lowered) gets
	// one built on loading.
	f, err = snapshot(built, key)
	if err != nil {
		t.Fatal(err)
	}
	f.ANN = nil
	got, err = encode(f).restore(ctx, r, NewHashEmbedder(0), built.lx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.vec.(*chromemStore).ann, bann) {
		t.Error("no approximate index built on loading a file without one")
	}

	for _, c := range []struct {
		what   string
		damage func(a *fileANN)
	}{
		{"columns cut short", func(a *fileANN) { a.Cols = a.Cols[:len(a.Cols)-1] }},
		{"steps cut short", func(a *fileANN) { a.Step = a.Step[:len(a.Step)-1] }},
		{"more chunks", func(a *fileANN) { a.N++ }},
		{"step for no vector", func(a *fileANN) { a.Step[0] = 0 }},
		{"negative step", func(a *fileANN) { a.Step[1] = -a.Step[1] }},
	} {
		t.Run(c.what, func(t *testing.T) {
			f, err := snapshot(built, key)
			if err != nil {
				t.Fatal(err)
			}
			f.ANN.Step = append([]float32(nil), f.ANN.Step...)
			c.damage(f.ANN)
			if _, err := encode(f).restore(ctx, r, NewHashEmbedder(0), built.lx); err == nil {
				t.Error("restored")
			}
		})
	}
}

// TestSketchParallel builds and searches a sketch large enough to be
// split over goroutines (run under the race detector in CI) and checks it
// against the exhaustive scan.
func TestSketchParallel(t *testing.T) {
	ctx := context.Background()
	vecs := randomVectors(20_001, 32, 11)
	s, err := buildSketch(ctx, vecs)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.check(vecs); err != nil {
		t.Fatal(err)
	}
	if w := min(annWorkers(), s.stride()/4096); w < 2 && runtime.GOMAXPROCS(0) > 1 {
		t.Fatalf("%d goroutines for %d chunks", w, s.n)
	}
	found, want := 0, 0
	for qi := 0; qi < len(vecs); qi += 1000 {
		q := vecs[qi]
		if q == nil {
			continue
		}
		got, err := s.nearest(ctx, vecs, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		exact, err := scanNearest(ctx, vecs, q, 10)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range got {
			if h.Score >= exact[9].Score {
				found++
			}
		}
		want += 10
		if got[0] != exact[0] {
			t.Errorf("query %d: nearest %v, the scan's %v", qi, got[0], exact[0])
		}
	}
	if want == 0 || found*100 < want*95 {
		t.Errorf("found %d of %d of the exact top 10s, want at least 95%%", found, want)
	}
}
