package rag

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/knowledge"
)

// numberRE finds figures: digits with decimals, percent signs, ranges and
// fractions, or Chinese numerals followed by a measure word.
var numberRE = regexp.MustCompile(`\d+(?:\.\d+)?(?:/\d+)?%?(?:\s*[-—–~～至到]\s*\d+(?:\.\d+)?%?)?|[二三四五六七八九十两百千][一二三四五六七八九十两百千]*(?:个|大|项|条|类|张|样|方面|件|种|位)`)

var yearNumRE = regexp.MustCompile(`^(19|20)\d\d$`)

// figure is a number found in a clause with the text that follows it.
type figure struct {
	text, after string
}

func figures(s string) []figure {
	f := fold(s)
	var out []figure
	for _, loc := range numberRE.FindAllStringIndex(f, -1) {
		num := f[loc[0]:loc[1]]
		// Part of a name, not a figure: pm2.5, 6g, 5g.
		if loc[0] > 0 && isASCIILetter(f[loc[0]-1]) || loc[1] < len(f) && isASCIILetter(f[loc[1]]) {
			continue
		}
		after := f[loc[1]:]
		if rs := []rune(after); len(rs) > 8 {
			after = string(rs[:8])
		}
		// Years and dates are not answers to 多少 questions.
		if yearNumRE.MatchString(num) && (strings.HasPrefix(after, "年") || strings.HasPrefix(after, "—") || strings.HasPrefix(after, "-")) {
			continue
		}
		if strings.HasPrefix(after, "月") || strings.HasPrefix(after, "日") {
			continue
		}
		out = append(out, figure{text: num, after: after})
	}
	return out
}

func isASCIILetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// unitMatches reports whether some figure carries the unit.
func unitMatches(figs []figure, unit string) bool {
	for _, fg := range figs {
		if unit == "%" {
			if strings.Contains(fg.text, "%") || strings.Contains(fg.text, "/") ||
				hasPrefixAny(fg.after, "个百分点", "倍", "成", "‰") {
				return true
			}
			continue
		}
		if strings.HasSuffix(fg.text, unit) { // Chinese numeral with its measure word
			return true
		}
		// The unit's family: 万千瓦 answers 多少千瓦, 亿元 多少元.
		base := unitBase(unit)
		rs := []rune(fg.after)
		window := string(rs[:min(len(rs), len([]rune(base))+2)])
		if strings.Contains(window, base) {
			return true
		}
	}
	return false
}

// unitBase strips a magnitude from a unit: 万千瓦 → 千瓦, 亿元 → 元,
// 万人 → 人. 千瓦 and 千克 keep their 千.
func unitBase(u string) string {
	for _, m := range []string{"万亿", "千万", "百万", "万", "亿"} {
		if b := strings.TrimPrefix(u, m); b != u && b != "" {
			return b
		}
	}
	return u
}

// continuation returns the folded clause that may carry the figure for
// clause ci of sentence si: the next clause or the next sentence's first,
// when it is short or plainly continues the subject (首期规模50亿元). A
// clause after ；is the next item of a list, never a continuation. It also
// returns the continuation's figures.
func continuation(ss []sentInfo, si, ci int) (string, []figure) {
	cls := ss[si].clauses
	var f string
	var figs []figure
	switch {
	case ci+1 < len(cls):
		if endsItem(cls[ci]) {
			return "", nil
		}
		f, figs = ss[si].fcl[ci+1], ss[si].figs[ci+1]
	case si+1 < len(ss):
		if endsItem(cls[ci]) {
			return "", nil
		}
		f, figs = ss[si+1].fcl[0], ss[si+1].figs[0]
	default:
		return "", nil
	}
	if len([]rune(f)) <= 10 || hasPrefixAny(f, continuationWords...) {
		return f, figs
	}
	return "", nil
}

// continuationWords open a clause that goes on about the subject before
// it: 「设立产业引导基金。首期规模50亿元。」
var continuationWords = []string{"其中", "首期", "规模", "总投资", "共", "合计", "分别", "达到", "达", "总量", "总数"}

// endsItem reports whether a clause closes a list item (；).
func endsItem(cl string) bool {
	return strings.HasSuffix(cl, "；") || strings.HasSuffix(cl, ";")
}

// subjectless reports whether a folded clause opens with a predicate and so
// takes its subject from the clauses before it (…，年均增速5.7%).
func subjectless(fc string) bool {
	return hasPrefixAny(fc, "年均", "增长", "增速", "同比", "比上年", "占", "分别", "达到", "达", "下降", "降低",
		"提高", "提升", "居", "总量", "规模", "超过", "突破", "其中", "累计", "实现", "完成", "增加")
}

// targetWords mark a clause that sets a target rather than reports a result.
var targetWords = []string{"左右", "以上", "以内", "不低于", "不少于", "力争", "确保", "控制在", "以下", "争取", "预期"}

// candidate is one clause considered as an answer.
type candidate struct {
	para, sent, clause int // paragraph number, sentence and clause index
	rank               int // retrieval rank of the paragraph
	score              float64
	strongCov          float64 // share of the strong content found near the clause
	clauseCov          float64
	windowCov          float64 // strong content in the clause's own window
	// indicatorOK is set when every indicator the question names (a
	// strong paraphrase group: GDP, 社零) is in the clause's own window:
	// a figure belongs to the indicator next to it, not to one named
	// elsewhere in the sentence.
	indicatorOK    bool
	hasNum, unitOK bool
	levelOK        bool // has a figure that is an amount, not a rate
	scopeOK        bool
	scope          scope
}

// matchTerm reports whether t occurs in the folded text, ignoring group
// members that are only modifiers of another indicator (人均地区生产总值
// is not 地区生产总值) or name another area (大湾区经济总量).
func (ix *answerer) matchTerm(t term, f string, q string) bool {
	for _, a := range t.alts {
		idx := strings.Index(f, a)
		for idx >= 0 {
			if !t.group || !ix.modified(f, idx, q) {
				return true
			}
			next := strings.Index(f[idx+len(a):], a)
			if next < 0 {
				break
			}
			idx += len(a) + next
		}
	}
	return false
}

// modified reports whether the indicator at idx of folded text f is made
// another one by what stands before it: a modifier (人均 GDP is not GDP)
// or another area's name (大湾区经济总量); the vocabulary is in the
// lexicon's places table.
func (ix *answerer) modified(f string, idx int, q string) bool {
	before := f[:idx]
	tail := before
	if rs := []rune(tail); len(rs) > 4 {
		tail = string(rs[len(rs)-4:])
	}
	for _, m := range ix.lx.Modifiers {
		// Allow a short gap: 人均地区生产总值.
		if strings.Contains(tail, m) && !strings.Contains(q, m) {
			return true
		}
	}
	// Another area named right before the indicator.
	b := strings.TrimSuffix(before, "地区")
	for _, r := range ix.region {
		if strings.HasSuffix(b, r) {
			return false
		}
	}
	for _, suf := range ix.lx.PlaceSuffixes {
		if !strings.HasSuffix(b, suf) {
			continue
		}
		rs := []rune(b)
		name := string(rs[max(0, len(rs)-len([]rune(suf))-2):])
		if strings.Contains(q, name) || hasSuffixAny(b, ix.lx.OwnPlaces...) {
			return false
		}
		return true
	}
	return false
}

func hasSuffixAny(s string, suffixes ...string) bool {
	for _, x := range suffixes {
		if strings.HasSuffix(s, x) {
			return true
		}
	}
	return false
}

// coverage returns the weighted share of terms found in f among those keep
// selects, and the total weight considered.
func (ix *answerer) coverage(terms []term, f, q string, keep func(term) bool) (float64, float64) {
	var got, total float64
	for _, t := range terms {
		if keep != nil && !keep(t) {
			continue
		}
		total += t.weight
		if ix.matchTerm(t, f, q) {
			got += t.weight
		}
	}
	if total == 0 {
		return 1, 0
	}
	return got / total, total
}

func strong(t term) bool    { return !t.weak }
func strongOwn(t term) bool { return !t.weak && !t.ctx }
func focusTerm(t term) bool { return t.focus }
func anyTerm(term) bool     { return true }

// partAnswer is the extractive answer to one question part.
type partAnswer struct {
	found   bool
	skip    bool   // the part asks nothing of its own (列一下)
	text    string // the answer snippet, verbatim from the report
	para    int
	quote   string // the sentence(s) quoted in the citation
	topic   string // what was asked, for "not in the report"
	related int    // closest paragraph when not found
	// relatedQuote is the closest sentence of the related paragraph.
	relatedQuote string
	// more are further paragraphs the answer draws on: the items a list's
	// lead-in announces, in the paragraphs after it.
	more []int
	// lead is the asked figure as the report writes it (3%以内), which
	// the answer puts first; "" when the part asks no figure.
	lead string
}

// thin reports whether a query part has no content the report uses: it
// leans on the part before it (比上年降了多少, 是哪次会上提出的).
func (ix *answerer) thin(q *query) bool {
	for _, t := range q.terms {
		if t.weak {
			continue
		}
		for _, a := range t.alts {
			if t.group && ix.groupDF[groupKey(t.alts)] > 0 || !t.group && ix.sentDF[a] > 0 {
				return false
			}
		}
	}
	return true
}

// answerPart finds the clause that answers one question part; wq is the
// whole question analysed, m the question's retrieval memo.
func (ix *answerer) answerPart(ctx context.Context, m *memo, part, whole string, wq, prev *query) (partAnswer, *query, error) {
	q := ix.analyze(part, whole)
	q.kind = ix.refine(q)
	return ix.answerQuery(ctx, m, q, part, whole, wq, prev)
}

// answerQuery is answerPart for the part analysed as q.
func (ix *answerer) answerQuery(ctx context.Context, m *memo, q *query, part, whole string, wq, prev *query) (partAnswer, *query, error) {
	pa := partAnswer{topic: ix.topic(q, part)}
	if prev != nil && len(q.terms) == 0 && q.kind == kindText && q.abbrev.n == 0 {
		pa.skip = true
		return pa, prev, nil
	}
	if prev != nil && ix.thin(q) {
		// "比上年降了多少" leans on the part before it.
		q2 := ix.analyze(prev.raw+"，"+part, whole)
		q2.kind, q2.unit, q2.unitHard, q2.level = q.kind, q.unit, q.unitHard, q.level
		if q.focus != "" {
			q2.focus = q.focus
		}
		if ownTimeRE.MatchString(q.text) {
			// 去年GDP增长多少，今年目标又是多少: the part's own time.
			q2.scope, q2.earlier = q.scope, q.earlier
		}
		q2.raw = part
		q = q2
	}
	hits, err := ix.retrieve(ctx, m, q, part, memoK)
	if err != nil {
		return pa, q, err
	}
	if whole != part {
		more, err := ix.retrieve(ctx, m, wq, whole, 4)
		if err != nil {
			return pa, q, err
		}
		hits = mergeHits(hits, more)
	}
	if len(hits) == 0 {
		return pa, q, nil
	}
	if q.kind == kindWho {
		// The speaker is named at the top of the report.
		var top []hit
		for n := 1; n <= min(6, len(ix.report.Paragraphs)); n++ {
			top = append(top, hit{para: n})
		}
		hits = mergeHits(hits, top)
	}
	if h, ok := q.kind.impl().(hinter); ok {
		hits = mergeHits(hits, h.hints(ix, q))
	}
	pa.related = hits[0].para
	if ss := ix.paras[hits[0].para-1].sentences; len(ss) > 0 {
		pa.relatedQuote = ss[0]
	}
	cands := ix.candidates(q, wq, hits)
	if len(cands) == 0 {
		return pa, q, nil
	}
	best := -1
	for i, c := range cands {
		if ix.acceptable(q, c) {
			best = i
			break
		}
	}
	if best < 0 && q.softLevel() {
		// 今年GDP要达到多少 asked of a report that sets GDP only as a rate
		// (增长8%左右): no level answers it, so the rate does.
		rq := *q
		rq.level = false
		for i, c := range cands {
			if ix.acceptable(&rq, c) {
				best, q = i, &rq
				break
			}
		}
	}
	if best < 0 && q.bareTarget {
		// 居民收入增长目标: the target is in words (与经济增长同步).
		rq := *q
		rq.kind, rq.bareTarget = kindText, false
		return ix.answerQuery(ctx, m, &rq, part, whole, wq, prev)
	}
	if best < 0 && q.level && q.scope == scopeReview {
		// 去年GDP达到多少 asked of a report that reviews only the five
		// years: the level the span reached (地区生产总值达到5002.5亿元) is
		// last year's; a sum over the span (累计) or a rate is not.
		rq := *q
		rq.scope = scopePeriodReview
		for i, c := range cands {
			fc := ix.paras[c.para-1].sents[c.sent].fcl[c.clause]
			c.scopeOK = true // as a level, it is last year's
			if c.scope == scopePeriodReview && c.levelOK && reachedRE.MatchString(fc) && !strings.Contains(fc, "累计") &&
				!strings.Contains(fc, "年均") && ix.acceptable(&rq, c) {
				best, cands[i] = i, c
				break
			}
		}
	}
	if best < 0 {
		pa.related = cands[0].para
		pa.relatedQuote = ix.paras[cands[0].para-1].sentences[cands[0].sent]
		return pa, q, nil
	}
	c := cands[best]
	pa.found = true
	pa.para = c.para
	pa.text, pa.quote = ix.snippet(q, c)
	pa.lead = q.kind.impl().lead(ix, q, c, pa.text)
	if ix.wantsItems(q, c) {
		// Items announced by the clause may sit in other paragraphs: cite them.
		for _, it := range ix.leadItems(c) {
			if it.para != c.para && !slices.Contains(pa.more, it.para) {
				pa.more = append(pa.more, it.para)
			}
		}
	}
	if k, ok := q.kind.impl().(citer); ok {
		for _, p := range k.more(ix, q, c) {
			if p != c.para && !slices.Contains(pa.more, p) {
				pa.more = append(pa.more, p)
			}
		}
	}
	return pa, q, nil
}

// clauseText returns the text of a candidate's clause.
func (ix *answerer) clauseText(c candidate) string {
	return ix.paras[c.para-1].sents[c.sent].clauses[c.clause]
}

func mergeHits(a, b []hit) []hit {
	seen := map[int]bool{}
	for _, h := range a {
		seen[h.para] = true
	}
	for _, h := range b {
		if !seen[h.para] {
			a = append(a, h)
			seen[h.para] = true
		}
	}
	return a
}

// acceptable decides whether a candidate answers the question: its kind
// says (the asked content is there, and for figures the clause has one, in
// the asked unit, about the asked time).
func (ix *answerer) acceptable(q *query, c candidate) bool {
	return q.kind.impl().accept(ix, q, c)
}

// askedFigure returns the figure a figure question's answer leads with, as
// the snippet writes it: the number with its unit and qualifier (3%以内,
// 12万人以上). When the clause holds several, it is the first in the asked
// unit; when it holds none of its own, the continuation's.
func (ix *answerer) askedFigure(q *query, c candidate, snippet string) string {
	st := &ix.paras[c.para-1].sents[c.sent]
	figs := st.figs[c.clause]
	if len(figs) == 0 {
		_, figs = continuation(ix.paras[c.para-1].sents, c.sent, c.clause)
	}
	pick := -1
	for i, fg := range figs {
		if q.unit == "" || unitMatches([]figure{fg}, q.unit) {
			pick = i
			break
		}
	}
	if pick >= 0 && pick+1 < len(figs) && fromToRE.MatchString(st.fcl[c.clause]) && !strings.Contains(q.text, "从") {
		// 从11.37万亿元提高到14.58万亿元: the level reached, not the start.
		pick++
	}
	if pick < 0 {
		if len(figs) == 0 {
			return ""
		}
		pick = 0
	}
	fg := figs[pick]
	text := fg.text + ix.unitAndQualifier(fg.after)
	// Quote it only as the snippet writes it (full-width digits, 至).
	if !strings.Contains(fold(snippet), text) {
		return ""
	}
	if i := strings.Index(snippet, text); i >= 0 {
		return text
	}
	return fg.text
}

// unitAndQualifier returns the start of folded text after a number that
// belongs to the figure: a magnitude and unit (万人, 亿元, 个百分点) and
// a qualifier (以上, 以内, 左右).
func (ix *answerer) unitAndQualifier(after string) string {
	rest := after
	out := ""
	for _, m := range []string{"万亿", "千万", "百万", "万", "亿"} {
		if strings.HasPrefix(rest, m) {
			out, rest = m, rest[len(m):]
			break
		}
	}
	if strings.HasPrefix(rest, "个百分点") {
		out, rest = out+"个百分点", rest[len("个百分点"):]
	} else {
		for _, u := range ix.lx.Units {
			if u != "%" && strings.HasPrefix(rest, u) {
				out, rest = out+u, rest[len(u):]
				break
			}
		}
	}
	for _, w := range []string{"以上", "以内", "以下", "左右", "上下"} {
		if strings.HasPrefix(rest, w) {
			return out + w
		}
	}
	return out
}

// otherIndicators returns the indicators (strong paraphrase groups) the
// question does not ask about, for namesOther.
func (ix *answerer) otherIndicators(q *query) [][]string {
	asked := map[string]bool{}
	for _, t := range q.terms {
		if t.group {
			asked[groupKey(t.alts)] = true
		}
	}
	var out [][]string
	for _, g := range ix.lx.Synonyms {
		if len(g) >= 2 && !asked[groupKey(g)] && !weakGroup(ix.lx, g) {
			out = append(out, g)
		}
	}
	return out
}

// matchAll reports whether every term occurs in folded text f.
func (ix *answerer) matchAll(terms []term, f, q string) bool {
	for _, t := range terms {
		if !ix.matchTerm(t, f, q) {
			return false
		}
	}
	return true
}

// namesOther reports whether folded clause fc names one of the indicators.
func namesOther(others [][]string, fc string) bool {
	for _, g := range others {
		for _, m := range g {
			if strings.Contains(fc, m) {
				return true
			}
		}
	}
	return false
}

// siblingIn reports whether the paragraph also states another member of
// the group term t than the one the question typed, and not one that
// merely contains it: then the two figures compete.
func siblingIn(t term, info *paraInfo) bool {
	for _, m := range t.alts {
		if m == t.typed || strings.Contains(m, t.typed) || strings.Contains(t.typed, m) {
			continue
		}
		for _, s := range info.sents {
			if strings.Contains(s.folded, m) {
				return true
			}
		}
	}
	return false
}

// earlierYear returns the year before last year that a folded question
// part (or else the whole question) names, or 0.
func earlierYear(part, whole string, year int) int {
	for _, f := range []string{part, whole} {
		if m := yearRE.FindStringSubmatch(f); m != nil {
			y, _ := strconv.Atoi(m[1])
			if year != 0 && y < year-1 {
				return y
			}
			return 0
		}
	}
	return 0
}

// namesYear reports whether the candidate's sentence, an earlier sentence
// of its paragraph or its section names the year.
func (ix *answerer) namesYear(c candidate, y int) bool {
	info := &ix.paras[c.para-1]
	ys := strconv.Itoa(y)
	if strings.Contains(info.fsection, ys) {
		return true
	}
	for si := 0; si <= c.sent && si < len(info.sents); si++ {
		if strings.Contains(info.sents[si].folded, ys) {
			return true
		}
	}
	return false
}

// enumOf reports whether the enumeration in folded clause f lists the
// asked kind of thing: in 无人驾驶、智慧交通、低空起降等设施 the items are
// 设施, not 未来产业.
func enumOf(f, focus string) bool {
	i := strings.LastIndex(f, "、")
	j := strings.Index(f[i:], "等")
	if focus == "" || j < 0 {
		return true
	}
	head := []rune(strings.TrimLeft(f[i+j+len("等"):], "0123456789个大项类种"))
	end := len(head)
	for k, r := range head {
		if !isHan(r) {
			end = k
			break
		}
	}
	head = head[:min(end, 8)]
	fr := []rune(focus)
	for k := 0; k+1 < len(fr); k++ {
		if strings.Contains(string(head), string(fr[k:k+2])) {
			return true
		}
	}
	return len(head) == 0
}

// expands reports whether folded text f spells out the numbered
// abbreviation the question asks about: “两个先行” → 共同富裕先行和省域
// 现代化先行; 六大科技专项 → 人工智能、航空航天…等6个重大科技专项.
func (ix *answerer) expands(q *query, f string) bool {
	n, key := q.abbrev.n, q.abbrev.key
	if n == 0 {
		return false
	}
	short := key
	if rs := []rune(key); len(rs) > 2 {
		short = string(rs[len(rs)-2:])
	}
	if !strings.Contains(f, short) {
		return false
	}
	digit := string([]rune("两三四五六七八九十")[n-2])
	if strings.Contains(f, digit+"个"+key) || strings.Contains(f, digit+"大"+key) {
		return false // names the abbreviation, does not expand it
	}
	return strings.Count(f, short) >= n || strings.Count(f, "、")+strings.Count(f, "和")+strings.Count(f, "及") >= n-1
}

// levelFigure reports whether a figure is an amount (67665亿元, 9000个)
// rather than a rate, a share, a rank or a span of years.
func levelFigure(fg figure) bool {
	if strings.Contains(fg.text, "%") || strings.Contains(fg.text, "/") {
		return false
	}
	return !hasPrefixAny(fg.after, "个百分点", "倍", "成", "‰", "年", "位", "次", "届", "名", "个月")
}

// candidates scores every clause of the retrieved paragraphs, best first.
func (ix *answerer) candidates(q, wq *query, hits []hit) []candidate {
	var out []candidate
	// A figure is bound to the indicators the question names; others are
	// the ones it does not.
	var indicators []term
	var others [][]string
	if q.kind == kindNumber {
		for _, t := range q.terms {
			if t.group && !t.weak && !t.ctx && !weakGroup(ix.lx, t.alts) {
				indicators = append(indicators, t)
			}
		}
		if len(indicators) > 0 {
			others = ix.otherIndicators(q)
		}
	}
	for rank, h := range hits {
		info := &ix.paras[h.para-1]
		ss := info.sents
		lead := info.lead
		shortLead := len([]rune(lead)) <= 30
		for si := range ss {
			st := &ss[si]
			fs := st.folded
			prevS := ""
			if si > 0 {
				prevS = ss[si-1].folded
			}
			sentCov, _ := ix.coverage(q.terms, fs, q.text, anyTerm)
			wholeCov, _ := ix.coverage(wq.terms, fs, wq.text, anyTerm)
			ctx := fs + "|" + prevS + "|" + info.fsection
			if q.kind != kindNumber || shortLead {
				// A short first sentence is the paragraph's topic
				// (加快建设高水平体育强省。) and names what its figures count.
				ctx += "|" + lead
			}
			strongCov, _ := ix.coverage(q.terms, ctx, q.text, strong)
			for ci, fc := range st.fcl {
				// A figure in the next clause or sentence counts for a clause
				// that names the thing but not the number.
				next, nextFigs := continuation(ss, si, ci)
				c := candidate{para: h.para, sent: si, clause: ci, rank: rank, strongCov: strongCov}
				c.clauseCov, _ = ix.coverage(q.terms, fc, q.text, anyTerm)
				clauseStrong, _ := ix.coverage(q.terms, fc, q.text, strong)
				figs := st.figs[ci]
				// The window a figure's subject may sit in: the clause, the
				// one before it in the same list item (all of them when the
				// clause has no subject of its own), the continuation, and a
				// short topic sentence.
				win := fc
				if len(figs) == 0 {
					win += "|" + next
				}
				if ci > 0 && !endsItem(st.clauses[ci-1]) {
					win += "|" + st.fcl[ci-1]
					if subjectless(fc) {
						for k := ci - 2; k >= 0 && !endsItem(st.clauses[k]); k-- {
							win += "|" + st.fcl[k]
						}
					}
				}
				if si > 0 && shortLead {
					win += "|" + lead
				}
				if ci == 0 && si > 0 && hasPrefixAny(fc, continuationWords...) {
					// 首期规模50亿元 takes its subject from the sentence before.
					win += "|" + ss[si-1].folded
				}
				c.windowCov, _ = ix.coverage(q.terms, win, q.text, strongOwn)
				// A clause that names another indicator (居民人均可支配收入增长
				// 6.8%) binds its figure to that one; otherwise (增长5.2%,
				// 总里程达909公里) the figure's subject may sit in the window.
				c.indicatorOK = true
				if len(indicators) > 0 && !ix.matchAll(indicators, fc, q.text) {
					// Not all in the clause itself: the window may supply
					// them unless the clause names another indicator.
					c.indicatorOK = ix.matchAll(indicators, win, q.text) && !namesOther(others, fc)
				}
				c.scope = st.cscope[ci]
				c.scopeOK = compatible(q.scope, c.scope)
				c.hasNum = len(figs) > 0
				if !c.hasNum && q.kind == kindNumber && next != "" && len(nextFigs) > 0 {
					figs = nextFigs
					c.hasNum = true
				}
				if q.unit != "" {
					c.unitOK = unitMatches(figs, q.unit)
				}
				for _, fg := range figs {
					c.levelOK = c.levelOK || levelFigure(fg)
				}
				sc := ix.w.ClauseCoverage*c.clauseCov + ix.w.SentenceCoverage*sentCov + ix.w.ClauseStrongCoverage*clauseStrong + ix.w.WholeCoverage*wholeCov + ix.w.RankBonus/float64(rank+1)
				focusCov, focusW := ix.coverage(q.terms, fc, q.text, focusTerm)
				v := clauseView{c: c, info: info, st: st, ci: ci, fc: fc, focusCov: focusCov, focusW: focusW}
				sc += q.kind.impl().score(ix, q, v)
				for _, w := range q.wild {
					if w.MatchString(fc) {
						sc += ix.w.WildcardBonus / float64(len(q.wild))
					}
				}
				if ix.expands(q, fc) {
					sc += ix.w.AbbrevExpansionBonus
				}
				if (q.scope == scopePlan || q.scope == scopePeriodPlan) && containsAny(fc, targetWords...) {
					sc += ix.w.PlanTargetBonus
				}
				if len([]rune(fc)) < 4 {
					sc -= ix.w.ShortClausePenalty
				}
				c.score = sc
				out = append(out, c)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// maxSentenceAnswer is the longest sentence given whole as a descriptive
// answer; longer ones are cut to the answering clauses.
const maxSentenceAnswer = 64

// snippet returns the answer text for a chosen clause and the sentence(s)
// to quote, as the question's kind renders it.
func (ix *answerer) snippet(q *query, c candidate) (string, string) {
	return q.kind.impl().render(ix, q, c)
}

// itemsSnippet answers with the items a clause announces (重点做好六个方面
// 工作：…), when the question wants them and they can be found.
func (ix *answerer) itemsSnippet(q *query, c candidate) (string, string, bool) {
	if !ix.wantsItems(q, c) {
		return "", "", false
	}
	items := ix.leadItems(c)
	if len(items) == 0 {
		return "", "", false
	}
	var ts []string
	for _, it := range items {
		ts = append(ts, it.text)
	}
	st := ix.paras[c.para-1].sents[c.sent]
	return trimPunct(st.clauses[c.clause]) + "：" + strings.Join(ts, "；"), ix.paras[c.para-1].sentences[c.sent], true
}

// clauseSnippet answers with the chosen clause, completed: a figure
// clause with the continuation that carries its number, a bare figure
// with its subject, a short clause with the next.
func (ix *answerer) clauseSnippet(q *query, c candidate) (string, string) {
	info := ix.paras[c.para-1]
	ss := info.sents
	st := ss[c.sent]
	cls := st.clauses
	quote := info.sentences[c.sent]
	text := cls[c.clause]
	fc := st.fcl[c.clause]
	// The figure may sit in the next clause or sentence.
	if q.kind == kindNumber && len(st.figs[c.clause]) == 0 {
		if nx, _ := continuation(ss, c.sent, c.clause); nx != "" {
			if c.clause+1 < len(cls) {
				text += cls[c.clause+1]
			} else {
				text += ss[c.sent+1].clauses[0]
				quote += info.sentences[c.sent+1]
			}
		}
	}
	// Give a bare figure its subject: "分别稳定在3900万头" needs what came before.
	if cov, _ := ix.coverage(q.terms, fc, q.text, strongOwn); (cov < 0.5 || len([]rune(text)) < 10) && c.clause > 0 {
		text = cls[c.clause-1] + text
	}
	if q.kind != kindNumber && len([]rune(text)) < 12 && c.clause+1 < len(cls) {
		text += cls[c.clause+1]
	}
	return trimPunct(text), quote
}

var enumRE = regexp.MustCompile(`(?:^|[。；;，,：:])\s*(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+，|[①②③④⑤⑥⑦⑧⑨⑩])`)

// listItems returns the enumerated items that answer a list question: the
// 一是…二是… items of the paragraph, the 、-list of the sentence, or the
// first clauses of the sentences that follow a lead sentence.
func (ix *answerer) listItems(q *query, c candidate) []string {
	info := ix.paras[c.para-1]
	ss := info.sentences
	text := strings.Join(ss[c.sent:], "")
	if locs := enumRE.FindAllStringIndex(text, -1); len(locs) >= 2 {
		var items []string
		for i, l := range locs {
			end := len(text)
			if i+1 < len(locs) {
				end = locs[i+1][0]
			}
			item := text[l[0]:end]
			item = strings.TrimLeft(item, "。；;，,：: ")
			// Keep the item's head: up to its first clause end.
			if cut := strings.IndexAny(item, "。；;，,"); cut > 0 {
				item = item[:cut]
			}
			items = append(items, trimPunct(item))
		}
		lead := trimPunct(knowledge.Clauses(ss[c.sent])[0])
		if !strings.Contains(items[0], lead) && len([]rune(lead)) < 40 && !enumRE.MatchString(knowledge.Clauses(ss[c.sent])[0]) {
			return append([]string{lead}, items...)
		}
		return items
	}
	s := ss[c.sent]
	if quoted := quotedTerms(q.raw); len(quoted) > 0 {
		// 哪几个“突出”: every clause of the paragraph built on the quoted word.
		var items []string
		for _, x := range ss {
			for _, cl := range knowledge.Clauses(x) {
				for _, qt := range quoted {
					if strings.Contains(fold(cl), qt) && !strings.Contains(fold(q.raw), fold(cl)) {
						items = append(items, trimPunct(cl))
					}
				}
			}
		}
		if len(items) >= 2 {
			return items
		}
	}
	st := info.sents[c.sent]
	cl, fc := st.clauses[c.clause], st.fcl[c.clause]
	if strings.Contains(cl, "、") && len([]rune(cl)) >= 8 {
		return []string{trimPunct(cl)}
	}
	focused := q.focus != "" && (strings.Contains(fc, q.focus) || func() bool {
		cov, w := ix.coverage(q.terms, fc, q.text, focusTerm)
		return w > 0 && cov > 0
	}())
	if focused {
		// 进一步加强未来产业布局，大力发展第六代移动通信、具身智能…: the
		// clause naming the asked thing, then the enumeration after it.
		if c.clause+1 < len(st.clauses) && strings.Count(st.clauses[c.clause+1], "、") >= 2 {
			return []string{trimPunct(cl + st.clauses[c.clause+1])}
		}
		// 抓好巡视巡察反馈和“七张问题清单”整改落实: the clause names them.
		if len([]rune(cl)) >= 10 && containsAny(cl, "和", "及", "与") {
			return []string{trimPunct(cl)}
		}
	}
	if strings.Count(s, "、") >= 2 {
		// The clause with the enumeration.
		best := s
		for _, cl := range knowledge.Clauses(s) {
			if strings.Count(cl, "、") >= 2 {
				best = cl
				break
			}
		}
		if len([]rune(best)) < 25 {
			best = s
		}
		return []string{trimPunct(best)}
	}
	// A short sentence of several clauses lists its items itself
	// (城市能级和品质有待提升，城市风貌还不够大气，…).
	if len(st.clauses) >= 2 && len([]rune(s)) <= 2*maxSentenceAnswer {
		return []string{trimPunct(s)}
	}
	// A lead sentence followed by parallel sentences.
	if c.sent+1 < len(ss) {
		items := []string{trimPunct(s)}
		for _, nx := range ss[c.sent+1:] {
			items = append(items, trimPunct(knowledge.Clauses(nx)[0]))
			if len(items) > 10 {
				break
			}
		}
		return items
	}
	// The items may follow in the next paragraphs.
	return []string{trimPunct(s)}
}

var topicTrimRE = regexp.MustCompile(`(是多少|有多少|多少.*|几.*|是什么.*|是啥.*|有啥.*|有哪些.*|哪些.*|吗|呢|了没有|没有)$`)

// topicTailRE are the words a question puts between its topic and its
// question word (GDP目标分别是多少, CPI定的多少): not part of the topic.
var topicTailRE = regexp.MustCompile(`(分别|各自|各|都|要|将|定的|定了|打算|计划|大概|一共|实际|具体|到底|的)+$`)

var quotedRE = regexp.MustCompile(`[“"]([^”"]{1,12})[”"]`)

// quotedTerms returns the folded words a question puts in quotes.
func quotedTerms(q string) []string {
	var out []string
	for _, m := range quotedRE.FindAllStringSubmatch(q, -1) {
		out = append(out, fold(m[1]))
	}
	return out
}

// topicOf is the asked thing, for "报告中没有提到…".
func topicOf(part string) string {
	t := trimPunct(part)
	t = topicTrimRE.ReplaceAllString(t, "")
	t = strings.TrimSuffix(t, "是")
	t = topicTailRE.ReplaceAllString(t, "")
	if t == "" {
		return trimPunct(part)
	}
	return t
}

func debugCand(ix *answerer, c candidate) string {
	ss := ix.paras[c.para-1].sentences
	return fmt.Sprintf("p%d s%d c%d score=%.2f strong=%.2f num=%v unit=%v scope=%v(%v) %s", c.para, c.sent, c.clause, c.score, c.strongCov, c.hasNum, c.unitOK, c.scope, c.scopeOK, knowledge.Clauses(ss[c.sent])[c.clause])
}
