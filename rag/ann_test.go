package rag

import (
	"bytes"
	"context"
	"encoding/gob"
	"math/rand/v2"
	"reflect"
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
// found (equal similarities may rank either way), and every similarity
// the approximate search returns must equal the exact one.
func annRecall(tb testing.TB, ix *Index, qs [][]float32, k int) float64 {
	ctx := context.Background()
	vs := ix.vec.(*chromemStore)
	if vs.ann == nil {
		tb.Fatal("no approximate index")
	}
	found, want := 0, 0
	for _, q := range qs {
		exact, err := scanNearest(ctx, vs.vecs, unitVector(q), len(vs.vecs))
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
			if h.Score != score[h.Chunk] {
				tb.Fatalf("chunk %d: similarity %v, exact scan %v", h.Chunk, h.Score, score[h.Chunk])
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
	recall := annRecall(t, ix, annQueries(t, ix, 200), 10)
	var qs []*query
	for _, q := range scaleQuestions {
		qs = append(qs, (&answerer{ix}).analyze(q, q))
	}
	fused := fusedAgreement(t, ix, scaleQuestions, qs, 10)
	t.Logf("recall@10 %.3f, hybrid top-10 agreement %.3f (%d lists, %d probed)", recall, fused, vs.ann.lists(), vs.ann.probe)
	if recall < 0.95 {
		t.Errorf("recall@10 %.3f, want at least 0.95", recall)
	}
	if fused < 0.9 {
		t.Errorf("hybrid top-10 agreement %.3f, want at least 0.9", fused)
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

// TestANNSmallLists: with fewer vectors in the probed lists than asked
// for, the search goes on to further lists and returns k.
func TestANNSmallLists(t *testing.T) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(3, 4))
	vecs := make([][]float32, 300)
	for i := range vecs {
		if i%7 == 3 {
			continue // chunks without a vector are in no list
		}
		v := make([]float32, 16)
		for j := range v {
			v[j] = float32(rng.NormFloat64())
		}
		vecs[i] = unitVector(v)
	}
	ix, err := buildIVF(ctx, vecs)
	if err != nil {
		t.Fatal(err)
	}
	if err := ix.check(vecs); err != nil {
		t.Fatal(err)
	}
	ix.probe = 1
	got, err := ix.nearest(ctx, vecs, vecs[0], 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 100 || got[0].Chunk != 0 {
		t.Fatalf("%d hits, first %v; want 100, chunk 0 first", len(got), got[:min(1, len(got))])
	}
	again, err := buildIVF(ctx, vecs)
	if err != nil {
		t.Fatal(err)
	}
	again.probe = 1
	if !reflect.DeepEqual(again, ix) {
		t.Error("two builds over the same vectors differ")
	}
	if _, err := ix.nearest(ctx, vecs, make([]float32, 8), 10); err == nil {
		t.Error("a question vector of other dimensions was searched")
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := buildIVF(canceled, vecs); err == nil {
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
	f.ANN.Probe = bann.probe - 1 // a rebuild would not keep this
	got, err := encode(f).restore(ctx, r, NewHashEmbedder(0), built.lx)
	if err != nil {
		t.Fatal(err)
	}
	gann := got.vec.(*chromemStore).ann
	if gann == nil || gann.probe != bann.probe-1 {
		t.Fatal("approximate index rebuilt or dropped, not loaded")
	}
	gann.probe = bann.probe
	if !reflect.DeepEqual(gann, bann) {
		t.Error("loaded approximate index differs from the built one")
	}

	for _, c := range []struct {
		what   string
		damage func(a *fileANN)
	}{
		{"member out of range", func(a *fileANN) { a.Members[0] = uint32(len(built.chunks)) }},
		{"member twice", func(a *fileANN) { a.Members[1] = a.Members[0] }},
		{"lists cut short", func(a *fileANN) { a.Starts = a.Starts[:len(a.Starts)-1] }},
		{"centroids cut short", func(a *fileANN) { a.Centroids = a.Centroids[:len(a.Centroids)-3] }},
		{"no probe", func(a *fileANN) { a.Probe = 0 }},
	} {
		t.Run(c.what, func(t *testing.T) {
			f, err := snapshot(built, key)
			if err != nil {
				t.Fatal(err)
			}
			c.damage(f.ANN)
			if _, err := encode(f).restore(ctx, r, NewHashEmbedder(0), built.lx); err == nil {
				t.Error("restored")
			}
		})
	}
}
