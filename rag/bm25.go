package rag

import (
	"context"
	"math"
	"sort"
	"strings"
)

// lexical is the in-memory LexicalStore: BM25 over character unigrams and
// bigrams of a report's chunks. A term with several alternatives (a synonym
// group) is scored as one term: a chunk's term frequency for it is the
// number of times any alternative occurs in it.
type lexical struct {
	docs    []lexDoc
	df      map[string]int
	avgdl   float64
	groups  [][]string
	groupTF map[string][]int // synonym group key → occurrences per document
}

type lexDoc struct {
	folded string
	tf     map[string]int
	length int
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
	return &lexical{df: map[string]int{}, groups: groups}
}

// Add implements LexicalStore.
func (l *lexical) Add(_ context.Context, chunks []StoredChunk) error {
	total := 0
	for _, d := range l.docs {
		total += d.length
	}
	for _, c := range chunks {
		d := lexDoc{folded: fold(c.Text), tf: map[string]int{}}
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
	if len(l.docs) > 0 {
		l.avgdl = float64(total) / float64(len(l.docs))
	}
	l.indexGroups()
	return nil
}

func (l *lexical) idf(df int) float64 {
	n := float64(len(l.docs))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// Search implements LexicalStore.
func (l *lexical) Search(_ context.Context, q LexicalQuery, k int) ([]ChunkHit, error) {
	scores := l.score(q)
	var out []ChunkHit
	for i, s := range scores {
		if s > 0 {
			out = append(out, ChunkHit{Chunk: i, Score: s})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].Score > out[b].Score })
	if k > 0 && len(out) > k {
		out = out[:k]
	}
	return out, nil
}

// score returns the BM25 score of every document for the query's terms.
func (l *lexical) score(q LexicalQuery) []float64 {
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
		idf := l.idf(df) * w
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
	return scores
}

// indexGroups counts every synonym group's occurrences per document.
func (l *lexical) indexGroups() {
	l.groupTF = map[string][]int{}
	for _, g := range l.groups {
		key := groupKey(g)
		if _, ok := l.groupTF[key]; ok {
			continue
		}
		tf := make([]int, len(l.docs))
		for i := range l.docs {
			tf[i] = groupCount(l.docs[i].folded, g)
		}
		l.groupTF[key] = tf
	}
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
