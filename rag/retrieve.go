package rag

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/reportbot/reportbot/rag/lexicon"
)

// analyze turns one question part into a query against this index:
// folded, colloquial words rewritten, the report's own place name and time
// words removed, paraphrases grouped, content grams weighted by IDF.
func (ix *answerer) analyze(part string, whole string) *query {
	f := fold(part)
	q := &query{raw: part}
	q.scope = questionScope(ix.lx, fold(whole), ix.report.Year)
	q.earlier = earlierYear(f, fold(whole), ix.report.Year)
	if s := questionScope(ix.lx, f, ix.report.Year); s != scopeAny {
		q.scope = s
	}
	if q.earlier != 0 && q.scope == scopeReview {
		// A year before last is reviewed among the plan period's years.
		q.scope = scopePeriodReview
	}
	f = ix.lx.Colloquialize(f)
	places := ix.lx.PlaceNames(f)
	q.kind = kindOf(ix.lx, f)
	if q.kind == kindText && bareTargetRE.MatchString(f) {
		// 城镇新增就业目标, with no question word: the target's figure,
		// or (answerPart) the target in words when it has none.
		q.kind, q.bareTarget = kindNumber, true
	}
	q.unit, q.unitHard = questionUnit(ix.lx, f)
	for _, r := range ix.region {
		f = strings.ReplaceAll(f, r, "|")
	}
	for _, name := range ix.lx.TimeWords(lexicon.ScopeFiveYear) {
		f = strings.ReplaceAll(f, name, "|")
	}
	f = yearRE.ReplaceAllString(f, "|")
	q.focus = questionFocus(f)
	q.wild = wildPatterns(f)
	if m := abbrevRE.FindStringSubmatch(f); m != nil && containsAny(f, "指", "是什么", "什么意思", "意思", "包括", "哪") {
		q.abbrev.n, q.abbrev.key = chineseDigit(m[1]), m[2]
	}
	q.speaker = q.kind == kindWho && speakerRE.MatchString(f)
	q.count = askedCount(f)
	// An indicator named with an amount word (社会消费品零售总额) asks no
	// amount by that word: its target is often a rate.
	lf := namedAmountRE.ReplaceAllString(f, "|")
	q.level = q.kind == kindNumber && q.unit != "%" && levelRE.MatchString(lf) && !rateRE.MatchString(lf)
	if q.kind == kindNumber && slices.Contains(ix.lx.GenericUnits, q.unit) && !rateRE.MatchString(f) {
		// 多少个 counts things: a rate or share does not answer it.
		q.level = true
	}
	// Drop the unit word that follows 多少/几: it is a signal, not content.
	for _, lead := range []string{"多少", "几"} {
		for _, u := range ix.lx.Units {
			f = strings.ReplaceAll(f, lead+u, "|")
		}
	}
	q.text = f

	seenGroup := map[string]bool{}
	type segment struct {
		text string
		ctx  bool
	}
	var segs []segment
	var seg strings.Builder
	lastGroup := -1 // the group term just read, when no word followed it
	flush := func() {
		if seg.Len() > 0 {
			segs = append(segs, segment{text: seg.String()})
			seg.Reset()
		}
	}
	for i := 0; i < len(f); {
		rest := f[i:]
		if k := matchPrefix(rest, ix.lx.ContextMarkers); k != "" {
			// 一老一小方面: the words before frame the question.
			switch {
			case seg.Len() > 0:
				flush()
				segs[len(segs)-1].ctx = true
			case lastGroup >= 0:
				q.terms[lastGroup].ctx = true
			}
			lastGroup = -1
			i += len(k)
			continue
		}
		if k := matchPrefix(rest, ix.lx.GroupKeys); k != "" {
			flush()
			grp := ix.lx.Group(k)
			key := strings.Join(grp, "|")
			if !seenGroup[key] {
				seenGroup[key] = true
				q.groups = append(q.groups, grp)
				weak := isWeakGroup(ix.lx, grp)
				q.terms = append(q.terms, term{alts: grp, weight: ix.groupWeight(grp), weak: weak, group: true, typed: k})
				lastGroup = len(q.terms) - 1
			}
			i += len(k)
			continue
		}
		if k := matchPrefix(rest, ix.lx.Stops); k != "" && !ix.protected(k, rest) {
			flush()
			i += len(k)
			continue
		}
		r, n := utf8.DecodeRuneInString(rest)
		if isWordRune(r) {
			lastGroup = -1
			seg.WriteString(rest[:n])
		} else {
			flush()
		}
		i += n
	}
	flush()
	for _, sg := range segs {
		first := len(q.terms)
		for _, run := range units(sg.text) {
			weakSeg := ix.lx.Weak[strings.Join(run, "")]
			if len(run) == 1 {
				u := run[0]
				if hasHan(u) && len([]rune(u)) == 1 {
					// A lone character is too vague to require.
					q.grams = append(q.grams, u)
					q.terms = append(q.terms, term{alts: []string{u}, weight: ix.w.LoneCharWeight * ix.gramWeight(u), weak: true})
					continue
				}
				q.grams = append(q.grams, u)
				w, weak := ix.termWeight(u, places)
				q.terms = append(q.terms, term{alts: []string{u}, weight: w, weak: weakSeg || weak})
				continue
			}
			// A bigram the report never uses, between two characters that
			// each belong to a word it does use, is a junction of two words
			// (生态环境|方面), not a missing word.
			inReport := make([]bool, len(run)-1)
			for j := range inReport {
				inReport[j] = ix.sentDF[run[j]+run[j+1]] > 0
			}
			for j := 0; j+1 < len(run); j++ {
				g := run[j] + run[j+1]
				if !inReport[j] && j > 0 && inReport[j-1] && j+1 < len(inReport) && inReport[j+1] {
					continue
				}
				q.grams = append(q.grams, g)
				w, weak := ix.termWeight(g, places)
				q.terms = append(q.terms, term{alts: []string{g}, weight: w, weak: weakSeg || weak})
			}
			for _, u := range run {
				if hasHan(u) {
					q.grams = append(q.grams, u)
				}
			}
		}
		if sg.ctx {
			for j := first; j < len(q.terms); j++ {
				q.terms[j].ctx = true
			}
		}
	}
	if q.focus != "" {
		for i, t := range q.terms {
			for _, a := range t.alts {
				if strings.Contains(q.focus, a) {
					q.terms[i].focus = true
					break
				}
			}
		}
		// The focus ranks paragraphs with all its words, question-framing
		// ones too (发展目标).
		have := map[string]bool{}
		for _, g := range q.grams {
			have[g] = true
		}
		for _, run := range units(q.focus) {
			for j := 0; j+1 < len(run); j++ {
				if g := run[j] + run[j+1]; !have[g] && hasHan(run[j]) && hasHan(run[j+1]) {
					have[g] = true
					q.grams = append(q.grams, g)
				}
			}
		}
	}
	return q
}

// protected reports whether a one-character stop word at the start of rest
// is really the first character of a word the report uses (有 in 保有量 is
// not, 里 in 里程 and 上 in 上市 are).
func (ix *answerer) protected(stop, rest string) bool {
	rs := []rune(rest)
	if len([]rune(stop)) != 1 || len(rs) < 2 || stop == "的" || stop == "了" || stop == "是" {
		return false
	}
	if next := matchPrefix(string(rs[1:]), ix.lx.Stops); len([]rune(next)) > 1 {
		return false // 有什么: the next word is a stop word too
	}
	return ix.sentDF[string(rs[:2])] >= 1
}

func matchPrefix(s string, keys []string) string {
	for _, k := range keys {
		if strings.HasPrefix(s, k) {
			return k
		}
	}
	return ""
}

// hit is one retrieved paragraph with its fused score.
type hit struct {
	para  int // paragraph number
	score float64
}

// retrieve ranks paragraphs for the query: BM25 over the chunks and the
// vector search, fused by reciprocal rank, with the lexical list weighted
// higher (on Chinese reports it is the stronger signal). An index set to a
// baseline retriever ranks with that alone. Rankings come from the
// question's memo m when it holds them (nil: retrieve afresh).
func (ix *Index) retrieve(ctx context.Context, m *memo, q *query, raw string, k int) ([]hit, error) {
	if ix.retriever != Hybrid {
		return ix.baseline(ctx, m, q, raw, k)
	}
	vec, err := m.vector(ctx, ix, raw, 4*k)
	if err != nil {
		return nil, err
	}
	lex, err := m.lexical(ctx, ix, q, k, vec)
	if err != nil {
		return nil, err
	}
	return ix.fuseRanked(k, fusionRanks(lex, k, vec), vec), nil
}

// lexRanking is a prefix of BM25's ranking of paragraphs for one query,
// deep enough for fusion: its first k paragraphs, and every paragraph of
// cover that scores at all. Fusing it with a vector ranking of cover's
// paragraphs for the best k gives exactly what fusing the whole ranking
// would: a paragraph beyond it is in no vector list and ranks below k
// paragraphs that score more.
type lexRanking struct {
	paras []int
	k     int
	cover map[int]bool
	all   bool // every paragraph scoring above zero
}

// enough reports whether r holds what fusing k hits with a vector ranking
// of the paragraphs cover needs.
func (r *lexRanking) enough(k int, cover []int) bool {
	if r.all {
		return true
	}
	if r.k < k {
		return false
	}
	for _, p := range cover {
		if !r.cover[p] {
			return false
		}
	}
	return true
}

// lexicalRanking returns BM25's ranking of paragraphs for q, best first,
// through the k-th and down to every paragraph of cover that scores
// (k <= 0: all that score).
func (ix *Index) lexicalRanking(ctx context.Context, q *query, k int, cover []int) (lexRanking, error) {
	lq := ix.lexicalQuery(q)
	n := 0
	if k > 0 {
		// k chunks may come from fewer than k paragraphs.
		n = k * ix.maxParaChunks()
	}
	r := lexRanking{k: k, cover: make(map[int]bool, len(cover))}
	for _, p := range cover {
		r.cover[p] = true
		lq.Cover = append(lq.Cover, ix.chunksOf(p)...)
	}
	res, err := ix.lex.Search(ctx, lq, n)
	if err != nil {
		return lexRanking{}, fmt.Errorf("lexical search: %w", err)
	}
	r.paras, r.all = ix.paragraphs(res), n <= 0 || len(res) < n
	return r, nil
}

// maxParaChunks returns the most chunks one paragraph was cut into.
func (ix *Index) maxParaChunks() int {
	if ix.paraChunks == 0 {
		return 1
	}
	return ix.paraChunks
}

// chunksOf returns the numbers of paragraph p's chunks (chunks are in
// paragraph order).
func (ix *Index) chunksOf(p int) []int {
	i, _ := slices.BinarySearchFunc(ix.chunks, p, func(c chunk, p int) int { return c.para - p })
	var out []int
	for ; i < len(ix.chunks) && ix.chunks[i].para == p; i++ {
		out = append(out, i)
	}
	return out
}

// vectorRanking returns the paragraphs of the n chunks nearest the
// question's vector, best first.
func (ix *Index) vectorRanking(ctx context.Context, raw string, n int) ([]int, error) {
	v, err := ix.queryVector(ctx, raw)
	if err != nil || v == nil {
		return nil, err
	}
	res, err := ix.vec.Nearest(ctx, v, n)
	if err != nil {
		return nil, err
	}
	return ix.paragraphs(res), nil
}

// questionEmbedTimeout bounds the embedding of one question text, retries
// included; past it the question is answered from the lexical index.
const questionEmbedTimeout = 4 * time.Second

// queryVector embeds a question text (its queryText) with the embedder
// meant for questions; nil when the index holds no vectors or the text
// has none.
func (ix *Index) queryVector(ctx context.Context, raw string) ([]float32, error) {
	if ix.vec.Count() == 0 {
		return nil, nil
	}
	ctx, cancel := context.WithTimeout(ctx, questionEmbedTimeout)
	defer cancel()
	vs, err := queryEmbedder(ix.emb).Embed(ctx, []string{queryText(raw)})
	if err != nil {
		return nil, fmt.Errorf("embed question: %w", err)
	}
	if len(vs) != 1 || isZero(vs[0]) {
		return nil, nil
	}
	return vs[0], nil
}

// paragraphs maps ranked chunks to their paragraphs, each once.
func (ix *Index) paragraphs(res []ChunkHit) []int {
	out := make([]int, 0, len(res))
	seen := make([]bool, len(ix.report.Paragraphs)+1)
	for _, r := range res {
		if r.Chunk < 0 || r.Chunk >= len(ix.chunks) {
			continue
		}
		p := ix.chunks[r.Chunk].para
		if p >= 0 && p < len(seen) && !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	return out
}

// fuse merges the lexical and vector rankings by weighted reciprocal rank
// and keeps the best k.
func (ix *Index) fuse(k int, lex, vec []int) []hit {
	return ix.fuseRanked(k, fusionRanks(lex, len(lex), nil), vec)
}

// paraRank is a paragraph at its rank (from 0) in a ranking.
type paraRank struct{ para, rank int }

// fusionRanks returns what fusing the best k with the vector ranking vec
// reads of the lexical ranking lex: its first k paragraphs, and the
// paragraphs of vec wherever lex ranks them. Fusing these gives exactly
// the hits fusing all of lex would (see lexRanking), without building and
// sorting a map of a ranking that may run to every chunk of the report.
func fusionRanks(lex []int, k int, vec []int) []paraRank {
	out := make([]paraRank, 0, min(k, len(lex))+len(vec))
	for r, p := range lex[:min(k, len(lex))] {
		out = append(out, paraRank{p, r})
	}
	if len(lex) <= k || len(vec) == 0 {
		return out
	}
	want := make(map[int]bool, len(vec))
	for _, p := range vec {
		want[p] = true
	}
	for r, p := range lex[k:] {
		if want[p] {
			out = append(out, paraRank{p, k + r})
			if delete(want, p); len(want) == 0 {
				break
			}
		}
	}
	return out
}

// fuseRanked is fuse over lexical paragraphs with their ranks.
func (ix *Index) fuseRanked(k int, lex []paraRank, vec []int) []hit {
	fused := make(map[int]float64, len(lex)+len(vec))
	for _, r := range lex {
		fused[r.para] += 1.0 / (ix.w.RRFK + float64(r.rank))
	}
	for rank, p := range vec {
		fused[p] += ix.w.VectorWeight / (ix.w.RRFK + float64(rank))
	}
	hits := make([]hit, 0, len(fused))
	for p, s := range fused {
		hits = append(hits, hit{para: p, score: s})
	}
	sortHits(hits)
	if len(hits) > k {
		hits = hits[:k]
	}
	return hits
}

func sortHits(hits []hit) {
	sort.Slice(hits, func(a, b int) bool {
		if hits[a].score != hits[b].score {
			return hits[a].score > hits[b].score
		}
		return hits[a].para < hits[b].para
	})
}
