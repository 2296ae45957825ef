package rag

import (
	"container/heap"
	"context"
	"math"
	"slices"
	"strings"
	"sync"
)

// lexical is the in-memory LexicalStore: BM25 over character unigrams and
// bigrams of a report's chunks, kept as postings (term → the chunks holding
// it, with its frequency in each) so a question touches only the chunks
// that share a term with it. A term with several alternatives (a synonym
// group) is scored as one term: a chunk's term frequency for it is the
// number of times any alternative occurs in it.
type lexical struct {
	n      int                  // chunks
	grams  map[string]*postings // gram → chunks holding it
	length []int32              // grams per chunk
	total  int                  // grams over all chunks
	avgdl  float64
	// norm is BM25's length normalisation per chunk,
	// k1·(1-b+b·length/avgdl), computed once per Add.
	norm []float64
	// text is each chunk's text as given (shared, not copied), for groups
	// the store was not given.
	text   []string
	groups [][]string
	group  map[string]*postings // synonym group key → chunks holding a member
	// scratch holds score accumulators (one per chunk) reused across
	// searches; each search takes its own.
	scratch sync.Pool
}

// postings lists the chunks holding a term, in chunk order, with the term's
// frequency in each (a chunk is at most knowledge.MaxChunk runes).
type postings struct {
	chunk []uint32
	tf    []uint16
}

func (p *postings) add(chunk, tf int) {
	p.chunk = append(p.chunk, uint32(chunk))
	p.tf = append(p.tf, uint16(min(tf, math.MaxUint16)))
}

// clip drops the spare capacity appending left.
func (p *postings) clip() {
	p.chunk = slices.Clip(p.chunk)
	p.tf = slices.Clip(p.tf)
}

// bm25K1 and bm25B are BM25's standard term-frequency saturation and
// length normalisation. They belong to this store, not to the answerer's
// Weights: another LexicalStore scores with its own.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// newLexical returns an empty in-memory lexical store that counts the
// given synonym groups once per chunk when chunks are added, so questions
// need not scan the report for them.
func newLexical(groups [][]string) *lexical {
	return &lexical{grams: map[string]*postings{}, groups: groups, group: map[string]*postings{}}
}

// Add implements LexicalStore.
func (l *lexical) Add(_ context.Context, chunks []StoredChunk) error {
	first := l.n
	tf := map[string]int{}
	for i, c := range chunks {
		clear(tf)
		length := 0
		for _, g := range grams(c.Text) {
			tf[g]++
			length++
		}
		for g, f := range tf {
			p := l.grams[g]
			if p == nil {
				// The gram may be a slice of the chunk's folded text: a
				// key of its own keeps that text collectable.
				p = &postings{}
				l.grams[strings.Clone(g)] = p
			}
			p.add(first+i, f)
		}
		l.length = append(l.length, int32(length))
		l.text = append(l.text, c.Text)
		l.total += length
	}
	l.n += len(chunks)
	for _, p := range l.grams {
		p.clip()
	}
	if l.n > 0 {
		l.avgdl = float64(l.total) / float64(l.n)
	}
	l.norm = make([]float64, l.n)
	for i, length := range l.length {
		l.norm[i] = bm25K1 * (1 - bm25B + bm25B*float64(length)/l.avgdl)
	}
	l.indexGroups(first)
	return nil
}

// indexGroups adds the synonym groups' postings of the chunks from first on.
func (l *lexical) indexGroups(first int) {
	folded := make([]string, l.n-first)
	for i := range folded {
		folded[i] = fold(l.text[first+i])
	}
	for _, g := range l.groups {
		key := groupKey(g)
		p := l.group[key]
		if p == nil {
			p = &postings{}
			l.group[key] = p
		} else if len(p.chunk) > 0 && int(p.chunk[len(p.chunk)-1]) >= first {
			continue // the same group listed twice
		}
		for i, f := range folded {
			if n := groupCount(f, g); n > 0 {
				p.add(first+i, n)
			}
		}
		p.clip()
	}
}

func (l *lexical) idf(df int) float64 {
	n := float64(l.n)
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// accumulator is one search's BM25 scores: dense by chunk, with the chunks
// touched listed so that only they are read and reset.
type accumulator struct {
	score   []float64
	seen    []bool
	touched []uint32
}

// Search implements LexicalStore. It scores only the chunks in the terms'
// postings and keeps the best with a bounded heap; ties keep chunk order,
// as a stable sort of all scores would.
func (l *lexical) Search(_ context.Context, q LexicalQuery, k int) ([]ChunkHit, error) {
	acc := l.accumulate(q)
	defer l.release(acc)
	if k > 0 {
		k = max(k, l.covered(acc, q.Cover))
	}
	if k <= 0 || 4*k >= len(acc.touched) {
		// Most of what scores is wanted: sorting it beats a heap that
		// large.
		out := make([]ChunkHit, 0, len(acc.touched))
		for _, c := range acc.touched {
			if s := acc.score[c]; s > 0 {
				out = append(out, ChunkHit{Chunk: int(c), Score: s})
			}
		}
		slices.SortFunc(out, compareHits)
		if k > 0 && len(out) > k {
			out = out[:k]
		}
		return out, nil
	}
	h := make(worstFirst, 0, k)
	for _, c := range acc.touched {
		s := acc.score[c]
		if s <= 0 {
			continue
		}
		hit := ChunkHit{Chunk: int(c), Score: s}
		h.keep(hit, k)
	}
	out := []ChunkHit(h)
	slices.SortFunc(out, compareHits)
	return out, nil
}

// covered returns how many chunks rank at or above the lowest-ranked chunk
// of cover that scores above zero (0 when none does).
func (l *lexical) covered(acc *accumulator, cover []int) int {
	var low ChunkHit
	found := false
	for _, c := range cover {
		if c < 0 || c >= l.n || acc.score[c] <= 0 {
			continue
		}
		if h := (ChunkHit{Chunk: c, Score: acc.score[c]}); !found || compareHits(h, low) > 0 {
			low, found = h, true
		}
	}
	if !found {
		return 0
	}
	n := 0
	for _, c := range acc.touched {
		if s := acc.score[c]; s > 0 && compareHits(ChunkHit{Chunk: int(c), Score: s}, low) <= 0 {
			n++
		}
	}
	return n
}

// compareHits orders hits best first: higher score, then lower chunk.
func compareHits(a, b ChunkHit) int {
	switch {
	case a.Score > b.Score:
		return -1
	case a.Score < b.Score:
		return 1
	}
	return a.Chunk - b.Chunk
}

// worstFirst is a heap of hits whose root is the worst kept.
type worstFirst []ChunkHit

// keep adds hit to the heap of the best k, in place of the worst if the
// heap is full and hit is better. Hits are appended until k are kept and
// the heap is only then ordered, so nothing is boxed for container/heap.
func (h *worstFirst) keep(hit ChunkHit, k int) {
	switch {
	case len(*h) < k-1:
		*h = append(*h, hit)
	case len(*h) == k-1:
		*h = append(*h, hit)
		heap.Init(h)
	case compareHits(hit, (*h)[0]) < 0:
		(*h)[0] = hit
		heap.Fix(h, 0)
	}
}

func (h worstFirst) Len() int           { return len(h) }
func (h worstFirst) Less(i, j int) bool { return compareHits(h[i], h[j]) > 0 }
func (h worstFirst) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *worstFirst) Push(x any)        { *h = append(*h, x.(ChunkHit)) }
func (h *worstFirst) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// accumulate sums the query's terms' BM25 contributions per chunk, term by
// term in query order.
func (l *lexical) accumulate(q LexicalQuery) *accumulator {
	acc, _ := l.scratch.Get().(*accumulator)
	if acc == nil || len(acc.score) != l.n {
		acc = &accumulator{score: make([]float64, l.n), seen: make([]bool, l.n)}
	}
	add := func(p *postings, w float64) {
		if p == nil || len(p.chunk) == 0 {
			return
		}
		idf := l.idf(len(p.chunk)) * w
		for j, c := range p.chunk {
			f := float64(p.tf[j])
			if !acc.seen[c] {
				acc.seen[c] = true
				acc.touched = append(acc.touched, c)
			}
			acc.score[c] += idf * f * (bm25K1 + 1) / (f + l.norm[c])
		}
	}
	for _, t := range q.Terms {
		switch {
		case !t.Group:
			add(l.grams[t.Alts[0]], t.Weight)
		default:
			p, ok := l.group[groupKey(t.Alts)]
			if !ok {
				p = l.scan(t.Alts)
			}
			add(p, t.Weight)
		}
	}
	return acc
}

// release resets the scores a search touched and returns its accumulator.
func (l *lexical) release(acc *accumulator) {
	for _, c := range acc.touched {
		acc.score[c], acc.seen[c] = 0, false
	}
	acc.touched = acc.touched[:0]
	l.scratch.Put(acc)
}

// scan finds a group the store was not given in every chunk.
func (l *lexical) scan(grp []string) *postings {
	p := &postings{}
	for i, t := range l.text {
		if n := groupCount(fold(t), grp); n > 0 {
			p.add(i, n)
		}
	}
	return p
}

func groupCount(f string, grp []string) int {
	n := 0
	for _, m := range grp {
		n += strings.Count(f, m)
	}
	return n
}

// lexicalQuery turns an analysed question into store terms: content grams
// (single characters weigh less) and synonym groups (weigh more).
func (ix *Index) lexicalQuery(q *query) LexicalQuery {
	lq := LexicalQuery{Terms: make([]LexicalTerm, 0, len(q.grams)+len(q.groups))}
	for _, g := range q.grams {
		w := ix.w.LexicalGramWeight
		if len([]rune(g)) == 1 {
			w = ix.w.LexicalCharWeight
		}
		lq.Terms = append(lq.Terms, LexicalTerm{Alts: []string{g}, Weight: w})
	}
	for _, grp := range q.groups {
		lq.Terms = append(lq.Terms, LexicalTerm{Alts: grp, Weight: ix.w.LexicalGroupWeight, Group: true})
	}
	return lq
}
