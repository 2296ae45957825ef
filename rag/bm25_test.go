package rag

import (
	"context"
	"math"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
)

// refLexical is the scorer bm25.go had before postings, kept as the
// reference the postings index must match: a term-count map per chunk,
// every chunk scored for every term, all of them stably sorted.
type refLexical struct {
	docs    []refDoc
	df      map[string]int
	avgdl   float64
	groupTF map[string][]int
}

type refDoc struct {
	folded string
	tf     map[string]int
	length int
}

func newRefLexical(groups [][]string, chunks []StoredChunk) *refLexical {
	l := &refLexical{df: map[string]int{}, groupTF: map[string][]int{}}
	total := 0
	for _, c := range chunks {
		d := refDoc{folded: fold(c.Text), tf: map[string]int{}}
		for _, g := range grams(c.Text) {
			d.tf[g]++
			d.length++
		}
		for g := range d.tf {
			l.df[g]++
		}
		total += d.length
		l.docs = append(l.docs, d)
	}
	l.avgdl = float64(total) / float64(len(l.docs))
	for _, g := range groups {
		tf := make([]int, len(l.docs))
		for i := range l.docs {
			tf[i] = groupCount(l.docs[i].folded, g)
		}
		l.groupTF[groupKey(g)] = tf
	}
	return l
}

func (l *refLexical) search(q LexicalQuery) []ChunkHit {
	n := float64(len(l.docs))
	scores := make([]float64, len(l.docs))
	tfs := make([]int, len(l.docs))
	add := func(tfOf func(i int) int, w float64) {
		df := 0
		for i := range l.docs {
			tfs[i] = tfOf(i)
			if tfs[i] > 0 {
				df++
			}
		}
		if df == 0 {
			return
		}
		idf := math.Log(1+(n-float64(df)+0.5)/(float64(df)+0.5)) * w
		for i, tf := range tfs {
			if tf == 0 {
				continue
			}
			d := &l.docs[i]
			f := float64(tf)
			scores[i] += idf * f * (bm25K1 + 1) / (f + bm25K1*(1-bm25B+bm25B*float64(d.length)/l.avgdl))
		}
	}
	for _, t := range q.Terms {
		switch {
		case !t.Group:
			g := t.Alts[0]
			add(func(i int) int { return l.docs[i].tf[g] }, t.Weight)
		default:
			if tf, ok := l.groupTF[groupKey(t.Alts)]; ok {
				add(func(i int) int { return tf[i] }, t.Weight)
				continue
			}
			add(func(i int) int { return groupCount(l.docs[i].folded, t.Alts) }, t.Weight)
		}
	}
	var out []ChunkHit
	for i, s := range scores {
		if s > 0 {
			out = append(out, ChunkHit{Chunk: i, Score: s})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	return out
}

// devQuestions returns every development question (testdata/qa) by the
// report it is asked of.
func devQuestions(t *testing.T) map[string][]string {
	sets, _ := filepath.Glob(filepath.Join("..", "testdata", "qa", "*.jsonl"))
	if len(sets) == 0 {
		t.Fatal("no question sets")
	}
	out := map[string][]string{}
	for _, set := range sets {
		own := strings.SplitN(filepath.Base(set), ".", 2)[0]
		for _, c := range readCases(t, set) {
			name := c.Report
			if name == "" {
				name = own
			}
			out[name] = append(out[name], c.Q)
		}
	}
	return out
}

// TestPostingsMatchReference checks the postings index against the old
// scorer on every development question over its report, and on the scale
// benchmark's questions over a synthetic report of 2000 chunks, where
// the vector search finds paragraphs deep in the lexical ranking: the same
// top 10 chunks with the same scores, a full ranking identical to the old
// one, and hybrid retrieval (a lexical ranking cut for fusion) fusing
// exactly as the whole old ranking does.
func TestPostingsMatchReference(t *testing.T) {
	questions := devQuestions(t)
	n := 0
	for name, qs := range questions {
		n += checkPostings(t, name, buildTestIndex(t, loadTestReport(t, name)), qs)
	}
	if n < 250 {
		t.Errorf("only %d questions compared", n)
	}
	deep := checkPostings(t, "synthetic", buildTestIndex(t, syntheticReport(t, 2000)), scaleQuestions)
	if deep == 0 {
		t.Error("no synthetic question needed lexical ranks beyond the top k")
	}
}

// checkPostings compares the index's lexical store with the reference
// scorer for the questions, and returns how many of them needed the cover:
// vector paragraphs ranked lexically below the top k.
func checkPostings(t *testing.T, name string, ix *Index, qs []string) int {
	t.Helper()
	ctx := context.Background()
	stored := make([]StoredChunk, len(ix.chunks))
	for i, c := range ix.chunks {
		stored[i] = StoredChunk{ID: c.id, Text: c.text}
	}
	ref := newRefLexical(ix.lx.Synonyms, stored)
	deep := 0
	for _, q := range qs {
		an := (&answerer{ix}).analyze(q, q)
		lq := ix.lexicalQuery(an)
		want := ref.search(lq)
		top, err := ix.lex.Search(ctx, lq, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := top, want[:min(10, len(want))]; !slices.Equal(got, want) {
			t.Errorf("%s %q: top 10\n got %v\nwant %v", name, q, got, want)
		}
		all, err := ix.lex.Search(ctx, lq, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(all, want) {
			t.Errorf("%s %q: full ranking differs (%d hits, want %d)", name, q, len(all), len(want))
		}
		full := ix.paragraphs(want)
		for _, k := range []int{4, memoK} {
			// The memo keeps the vector ranking retrieval fused with
			// (chromem orders equal similarities arbitrarily).
			m := newMemo()
			got, err := ix.retrieve(ctx, m, an, q, k)
			if err != nil {
				t.Fatal(err)
			}
			var vec []int
			if e := m.vec[queryKey(q)]; e != nil {
				vec = ix.paragraphs(e.chunks[:min(4*k, len(e.chunks))])
			}
			if wantHits := ix.fuse(k, full, vec); !slices.Equal(got, wantHits) {
				t.Errorf("%s %q k=%d: fused\n got %v\nwant %v", name, q, k, got, wantHits)
			}
			if !slices.Equal(got, ix.fuse(k, full[:min(k, len(full))], vec)) {
				deep++
			}
		}
	}
	return deep
}

// TestLexicalUnindexedGroups checks the path for synonym groups a store was
// not given at Add: found by scanning the chunks, scored as the reference
// scores them.
func TestLexicalUnindexedGroups(t *testing.T) {
	ctx := context.Background()
	ix := buildTestIndex(t, loadTestReport(t, "zhenhai2023"))
	stored := make([]StoredChunk, len(ix.chunks))
	for i, c := range ix.chunks {
		stored[i] = StoredChunk{ID: c.id, Text: c.text}
	}
	l := newLexical(nil)
	if err := l.Add(ctx, stored); err != nil {
		t.Fatal(err)
	}
	ref := newRefLexical(nil, stored)
	groups := 0
	for _, q := range devQuestions(t)["zhenhai2023"] {
		lq := ix.lexicalQuery((&answerer{ix}).analyze(q, q))
		for _, term := range lq.Terms {
			if term.Group {
				groups++
			}
		}
		got, err := l.Search(ctx, lq, 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := ref.search(lq); !slices.Equal(got, want) {
			t.Errorf("%q: ranking differs (%d hits, want %d)", q, len(got), len(want))
		}
	}
	if groups == 0 {
		t.Fatal("no question had a synonym group")
	}
}
