package rag

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// memo remembers what retrieval found while one question is answered. A
// question retrieves for each of its parts and for the whole question, and
// a one-part question's part is the whole question without its question
// mark; with the memo each distinct text is embedded and searched once.
//
// It keeps rankings, not fused hits: the lexical ranking per lexical query
// (a part that leans on the one before it is analysed with that part's
// words, so its query differs from its text's) and the nearest chunks per
// text, fetched once for the largest k a question uses and sliced for
// smaller ones. Fusing them again for any k gives exactly the hits a fresh
// retrieval would.
//
// A memo is created per question (see Extract) and is not safe for
// concurrent use; questions answered at the same time have their own. A
// nil *memo retrieves afresh every time.
type memo struct {
	vec  map[string]*nearest    // queryKey → the text's nearest chunks
	lex  map[string]*lexRanking // lexicalKey → ranked paragraphs
	grep map[string][]int       // queryKey → the Grep baseline's ranking
	// embedErr is why a question text could not be embedded; the question
	// is then answered from the lexical index alone (degraded).
	embedErr error
}

// nearest is the vector search done for one question text.
type nearest struct {
	v      []float32 // the text's vector; nil when it has none
	n      int       // chunks asked for
	chunks []ChunkHit
}

// memoK is the largest k a question retrieves with (Answer.Ranked and each
// part's own retrieval): the first vector search for a text fetches enough
// chunks for it, so later smaller searches slice that one.
const memoK = 10

func newMemo() *memo {
	return &memo{vec: map[string]*nearest{}, lex: map[string]*lexRanking{}, grep: map[string][]int{}}
}

// trailingMarks end a question without changing what it asks.
const trailingMarks = "?？。!！"

// queryKey is the form under which retrieval for a question text is
// remembered: folded as the query analysis folds it (width, case, spaces,
// brackets and quotes) and without its closing question mark or full stop,
// so 「GDP目标是多少？」 and 「GDP目标是多少」 share one retrieval.
func queryKey(s string) string {
	return strings.TrimRight(fold(s), trailingMarks)
}

// queryText is what is embedded for a question text: width-folded and
// without its closing marks, but with its case and spaces, which a neural
// model reads (fold would glue English words together). Texts with the
// same queryKey within one question share the first one's vector.
func queryText(s string) string {
	return strings.TrimRightFunc(norm.NFKC.String(strings.TrimSpace(s)), func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(trailingMarks, r)
	})
}

// vector returns the paragraphs of the n chunks nearest raw, best first.
func (m *memo) vector(ctx context.Context, ix *Index, raw string, n int) ([]int, error) {
	if m == nil {
		return ix.vectorRanking(ctx, raw, n)
	}
	key := queryKey(raw)
	e := m.vec[key]
	if e == nil {
		v, err := ix.queryVector(ctx, raw)
		if err != nil {
			if ctx.Err() != nil {
				return nil, err // the question itself was given up
			}
			// The embedder failed or timed out: answer from the lexical
			// ranking, and say so (Answer.Degraded).
			m.embedErr = err
			v = nil
		}
		e = &nearest{v: v}
		m.vec[key] = e
	}
	if e.v != nil && n > e.n {
		want := max(n, 4*memoK)
		res, err := ix.vec.Nearest(ctx, e.v, want)
		if errors.Is(err, ErrDimensions) {
			// The endpoint now embeds in another space: answer lexically.
			m.embedErr, e.v = err, nil
			return nil, nil
		}
		if err != nil {
			return nil, err
		}
		e.n, e.chunks = want, res
	}
	return ix.paragraphs(e.chunks[:min(n, len(e.chunks))]), nil
}

// lexical returns the paragraphs BM25 ranks for q, best first, deep
// enough to fuse the best k hits with a vector ranking of cover (see
// lexRanking). The first search for a query fetches enough for the largest
// k a question uses; a later one needing more searches again, for the
// union of what both need.
func (m *memo) lexical(ctx context.Context, ix *Index, q *query, k int, cover []int) ([]int, error) {
	if m == nil {
		r, err := ix.lexicalRanking(ctx, q, k, cover)
		return r.paras, err
	}
	key := lexicalKey(ix.lexicalQuery(q))
	r := m.lex[key]
	if r != nil && r.enough(k, cover) {
		return r.paras, nil
	}
	want, union := max(k, memoK), cover
	if r != nil {
		want = max(want, r.k)
		union = slices.Clone(cover)
		for p := range r.cover {
			union = append(union, p)
		}
	}
	nr, err := ix.lexicalRanking(ctx, q, want, union)
	if err != nil {
		return nil, err
	}
	m.lex[key] = &nr
	return nr.paras, nil
}

// grepRanking returns the Grep baseline's ranking for raw.
func (m *memo) grepRanking(ix *Index, raw string) []int {
	if m == nil {
		return ix.grepRanking(raw)
	}
	key := queryKey(raw)
	r, ok := m.grep[key]
	if !ok {
		r = ix.grepRanking(raw)
		m.grep[key] = r
	}
	return r
}

// lexicalKey identifies a lexical query by everything that ranks with it.
func lexicalKey(lq LexicalQuery) string {
	var b strings.Builder
	for _, t := range lq.Terms {
		for _, a := range t.Alts {
			b.WriteString(a)
			b.WriteByte(0x1f)
		}
		b.WriteString(strconv.FormatFloat(t.Weight, 'g', -1, 64))
		if t.Group {
			b.WriteByte('g')
		}
		b.WriteByte(0x1e)
	}
	return b.String()
}
