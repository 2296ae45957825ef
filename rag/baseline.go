package rag

import (
	"context"
	"fmt"
	"sort"
	"strings"
)

// Retriever names a ranking function. The product uses Hybrid; the others
// are baselines that evaluation feeds to the same extractive answerer, so a
// score table shows what each part of retrieval buys end to end.
type Retriever int

const (
	// Hybrid fuses BM25 and vector search by reciprocal rank (retrieve.go).
	Hybrid Retriever = iota
	// Vector is chromem-go nearest-neighbour search alone, same embedder.
	Vector
	// Lexical is BM25 alone, with the same question analysis.
	Lexical
	// Grep is the plain keyword match a user might try first: paragraphs
	// ranked by how many of the question's character bigrams and Latin
	// words they contain. No IDF, no synonyms, no question analysis.
	Grep
)

// Retrievers lists every retriever, the product's first.
var Retrievers = []Retriever{Hybrid, Vector, Lexical, Grep}

var retrieverNames = map[Retriever]string{Hybrid: "hybrid", Vector: "vector", Lexical: "lexical", Grep: "grep"}

// String returns the retriever's name as ParseRetriever reads it.
func (r Retriever) String() string {
	if s, ok := retrieverNames[r]; ok {
		return s
	}
	return fmt.Sprintf("Retriever(%d)", int(r))
}

// ParseRetriever reads a retriever name: hybrid, vector, lexical or grep.
func ParseRetriever(s string) (Retriever, error) {
	for r, name := range retrieverNames {
		if strings.EqualFold(s, name) {
			return r, nil
		}
	}
	return Hybrid, fmt.Errorf("unknown retriever %q (want hybrid, vector, lexical or grep)", s)
}

// WithRetriever returns a copy of the index that ranks paragraphs with r.
// The copy shares everything else with ix, so it costs no rebuild.
func (ix *Index) WithRetriever(r Retriever) *Index {
	cp := *ix
	cp.retriever = r
	if r == Grep && cp.grepText == nil {
		cp.grepText = make([]string, len(ix.report.Paragraphs))
		for i, p := range ix.report.Paragraphs {
			cp.grepText[i] = fold(p.Text)
		}
	}
	return &cp
}

// Retriever returns the ranking the index uses.
func (ix *Index) Retriever() Retriever { return ix.retriever }

// Rank returns the paragraphs the index's retriever ranks for a question,
// best first, at most k: what the answerer reads before it picks a clause.
func (ix *Index) Rank(ctx context.Context, question string, k int) ([]int, error) {
	q := (&answerer{ix}).analyze(question, question)
	hits, err := ix.retrieve(ctx, nil, q, question, k)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(hits))
	for i, h := range hits {
		out[i] = h.para
	}
	return out, nil
}

// baseline ranks with one of the baseline retrievers, through the
// question's memo m like retrieve.
func (ix *Index) baseline(ctx context.Context, m *memo, q *query, raw string, k int) ([]hit, error) {
	var ranked []int
	var err error
	switch ix.retriever {
	case Vector:
		ranked, err = m.vector(ctx, ix, raw, 4*k)
	case Lexical:
		ranked, err = m.lexical(ctx, ix, q, k, nil)
	case Grep:
		ranked = m.grepRanking(ix, raw)
	default:
		return nil, fmt.Errorf("retrieve: %v has no ranking", ix.retriever)
	}
	if err != nil {
		return nil, err
	}
	hits := make([]hit, 0, min(k, len(ranked)))
	for rank, p := range ranked[:min(k, len(ranked))] {
		hits = append(hits, hit{para: p, score: 1.0 / (ix.w.RRFK + float64(rank))})
	}
	return hits, nil
}

// grepRanking ranks paragraphs by how many distinct keywords of the
// question they contain: every pair of adjacent Chinese characters and
// every Latin or digit word (GDP, 5G), as a user would type them into a
// search box. Ties keep report order.
func (ix *Index) grepRanking(raw string) []int {
	keys := grepKeys(fold(raw))
	type scored struct{ para, n int }
	var out []scored
	for i, t := range ix.grepText {
		n := 0
		for _, k := range keys {
			if strings.Contains(t, k) {
				n++
			}
		}
		if n > 0 {
			out = append(out, scored{para: i + 1, n: n})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].n > out[b].n })
	ranked := make([]int, len(out))
	for i, s := range out {
		ranked[i] = s.para
	}
	return ranked
}

// grepKeys splits folded text into Chinese bigrams and Latin/digit words,
// each once.
func grepKeys(f string) []string {
	var keys []string
	seen := map[string]bool{}
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	var prev rune
	var word strings.Builder
	for _, r := range f {
		switch {
		case isHan(r):
			add(word.String())
			word.Reset()
			if prev != 0 {
				add(string(prev) + string(r))
			}
			prev = r
			continue
		case isWordRune(r):
			word.WriteRune(r)
		default:
			add(word.String())
			word.Reset()
		}
		prev = 0
	}
	add(word.String())
	return keys
}
