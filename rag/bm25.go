package rag

import (
	"math"
	"strings"
)

// lexical is a BM25 index over character unigrams and bigrams of a report's
// chunks. Synonym groups are scored as one term: a chunk's term frequency
// for a group is the number of times any member occurs in it.
type lexical struct {
	docs    []lexDoc
	df      map[string]int
	avgdl   float64
	groupTF map[string][]int // synonym group key → occurrences per document
}

type lexDoc struct {
	folded string
	tf     map[string]int
	length int
}

const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

func newLexical(texts []string) *lexical {
	l := &lexical{df: map[string]int{}}
	total := 0
	for _, t := range texts {
		d := lexDoc{folded: fold(t), tf: map[string]int{}}
		for _, g := range grams(t) {
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
	return l
}

func (l *lexical) idf(df int) float64 {
	n := float64(len(l.docs))
	return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
}

// score returns the BM25 score of every document for the query's terms.
func (l *lexical) score(q *query) []float64 {
	scores := make([]float64, len(l.docs))
	add := func(tfOf func(i int) int, w float64) {
		df := 0
		tfs := make([]int, len(l.docs))
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
	for _, g := range q.grams {
		w := 1.0
		if len([]rune(g)) == 1 {
			w = 0.3
		}
		add(func(i int) int { return l.docs[i].tf[g] }, w)
	}
	for _, grp := range q.groups {
		if tf, ok := l.groupTF[groupKey(grp)]; ok {
			add(func(i int) int { return tf[i] }, 1.5)
			continue
		}
		add(func(i int) int { return groupCount(l.docs[i].folded, grp) }, 1.5)
	}
	return scores
}

// indexGroups counts every synonym group's occurrences per document once,
// so questions need not scan the report for them.
func (l *lexical) indexGroups(groups [][]string) {
	l.groupTF = map[string][]int{}
	for _, g := range groups {
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
