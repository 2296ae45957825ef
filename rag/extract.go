package rag

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// numberRE finds figures: digits with decimals, percent signs, ranges and
// fractions, or Chinese numerals followed by a measure word.
var numberRE = regexp.MustCompile(`\d+(?:\.\d+)?(?:/\d+)?%?(?:\s*[-—–~～至到]\s*\d+(?:\.\d+)?%?)?|[二三四五六七八九十两百千][一二三四五六七八九十两百千]*(?:个|大|项|条|类|张|样|方面|件|种|位)`)

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
		if regexp.MustCompile(`^(19|20)\d\d$`).MatchString(num) && (strings.HasPrefix(after, "年") || strings.HasPrefix(after, "—") || strings.HasPrefix(after, "-")) {
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
		rs := []rune(fg.after)
		window := string(rs[:min(len(rs), len([]rune(unit))+2)])
		if strings.Contains(window, unit) {
			return true
		}
	}
	return false
}

// continuation returns the folded clause that may carry the figure for
// clause ci of sentence si: the next clause or the next sentence's first,
// when it is short or plainly continues the subject (首期规模50亿元). A
// clause after ；is the next item of a list, never a continuation.
func continuation(cls []string, ci int, ss []string, si int) string {
	next := ""
	switch {
	case ci+1 < len(cls):
		if strings.HasSuffix(cls[ci], "；") || strings.HasSuffix(cls[ci], ";") {
			return ""
		}
		next = cls[ci+1]
	case si+1 < len(ss):
		if strings.HasSuffix(ss[si], "；") || strings.HasSuffix(ss[si], ";") {
			return ""
		}
		next = clauses(ss[si+1])[0]
	default:
		return ""
	}
	f := fold(next)
	if len([]rune(f)) <= 10 || hasPrefixAny(f, "其中", "首期", "规模", "总投资", "共", "合计", "分别", "达到", "达", "总量", "总数") {
		return f
	}
	return ""
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
	hasNum, unitOK     bool
	scopeOK            bool
	scope              scope
}

// matchTerm reports whether t occurs in the folded text, ignoring group
// members that are only modifiers of another indicator (人均地区生产总值
// is not 地区生产总值).
func matchTerm(t term, f string, q string) bool {
	for _, a := range t.alts {
		idx := strings.Index(f, a)
		for idx >= 0 {
			if !t.group || !modified(f, idx, q) {
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

// modifiers turn one indicator into another: 人均 GDP is not GDP.
var modifiers = []string{"人均", "单位", "万元"}

func modified(f string, idx int, q string) bool {
	before := f[:idx]
	for _, m := range modifiers {
		// Allow a short gap: 人均地区生产总值.
		tail := before
		if rs := []rune(tail); len(rs) > 4 {
			tail = string(rs[len(rs)-4:])
		}
		if strings.Contains(tail, m) && !strings.Contains(q, m) {
			return true
		}
	}
	return false
}

// coverage returns the weighted share of terms found in f (strong terms
// only when strong is set) and the total weight considered.
func coverage(terms []term, f, q string, strong bool) (float64, float64) {
	var got, total float64
	for _, t := range terms {
		if strong && t.weak {
			continue
		}
		total += t.weight
		if matchTerm(t, f, q) {
			got += t.weight
		}
	}
	if total == 0 {
		return 1, 0
	}
	return got / total, total
}

// partAnswer is the extractive answer to one question part.
type partAnswer struct {
	found   bool
	text    string // the answer snippet, verbatim from the report
	para    int
	quote   string // the sentence(s) quoted in the citation
	topic   string // what was asked, for "not in the report"
	related int    // closest paragraph when not found
}

// answerPart finds the clause that answers one question part.
func (ix *Index) answerPart(ctx context.Context, part, whole string, prev *query) (partAnswer, *query, error) {
	q := ix.analyze(part, whole)
	if strongWeight(q) == 0 && prev != nil {
		// "比上年降了多少" leans on the part before it.
		q2 := ix.analyze(prev.text+part, whole)
		q2.kind, q2.unit = q.kind, q.unit
		q = q2
	}
	wq := ix.analyze(whole, whole)
	pa := partAnswer{topic: topicOf(part)}
	hits, err := ix.retrieve(ctx, q, part, 10)
	if err != nil {
		return pa, q, err
	}
	if whole != part {
		more, err := ix.retrieve(ctx, wq, whole, 4)
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
	pa.related = hits[0].para
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
	if best < 0 {
		pa.related = cands[0].para
		return pa, q, nil
	}
	c := cands[best]
	pa.found = true
	pa.para = c.para
	pa.text, pa.quote = ix.snippet(q, c)
	return pa, q, nil
}

// clauseText returns the text of a candidate's clause.
func (ix *Index) clauseText(c candidate) string {
	return clauses(ix.paras[c.para-1].sentences[c.sent])[c.clause]
}

func strongWeight(q *query) float64 {
	var w float64
	for _, t := range q.terms {
		if !t.weak {
			w += t.weight
		}
	}
	return w
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

// minStrongCoverage is the share of a question's content (weighted by IDF)
// that must appear around a clause before the clause may answer it.
const minStrongCoverage = 0.7

// minTextCoverage is the same share for questions that do not ask for a figure.
const minTextCoverage = 0.35

// acceptable decides whether a candidate answers the question: the asked
// content is there, and for figures the clause has one, in the asked unit,
// about the asked time.
func (ix *Index) acceptable(q *query, c candidate) bool {
	if q.kind == kindWho && containsAny(fold(ix.clauseText(c)), "省长", "市长", "区长", "县长", "州长", "主席") {
		return true
	}
	need := minStrongCoverage
	if q.kind != kindNumber {
		// Descriptive questions use verbs and framing the report never
		// uses (担心, 承认); only figures need the strict check.
		need = minTextCoverage
	}
	if c.strongCov < need {
		return false
	}
	switch q.kind {
	case kindNumber:
		if !c.hasNum || !c.scopeOK || c.windowCov < minStrongCoverage {
			return false
		}
		if q.unitHard && !c.unitOK {
			return false
		}
	case kindText, kindWho:
		if !c.scopeOK && q.scope != scopeAny && q.scope != scopeCurrent {
			return false
		}
	}
	return true
}

// candidates scores every clause of the retrieved paragraphs, best first.
func (ix *Index) candidates(q, wq *query, hits []hit) []candidate {
	year := ix.report.Year
	var out []candidate
	for rank, h := range hits {
		p := ix.report.Paragraphs[h.para-1]
		info := ix.paras[h.para-1]
		ss := info.sentences
		lead := ""
		if len(ss) > 0 {
			lead = fold(ss[0])
		}
		section := fold(info.section)
		for si, s := range ss {
			fs := fold(s)
			sScope := clauseScope(fs, info.scope, year)
			prevS := ""
			if si > 0 {
				prevS = fold(ss[si-1])
			}
			cls := clauses(s)
			for ci, cl := range cls {
				fc := fold(cl)
				// A figure in the next clause or sentence counts for a clause
				// that names the thing but not the number.
				next := continuation(cls, ci, ss, si)
				c := candidate{para: p.N, sent: si, clause: ci, rank: rank}
				c.clauseCov, _ = coverage(q.terms, fc, q.text, false)
				sentCov, _ := coverage(q.terms, fs, q.text, false)
				wholeCov, _ := coverage(wq.terms, fs, wq.text, false)
				ctx := fs + "|" + prevS + "|" + section
				if q.kind != kindNumber || len([]rune(lead)) <= 30 {
					// A short first sentence is the paragraph's topic
					// (加快建设高水平体育强省。) and names what its figures count.
					ctx += "|" + lead
				}
				c.strongCov, _ = coverage(q.terms, ctx, q.text, true)
				clauseStrong, _ := coverage(q.terms, fc, q.text, true)
				// The window a figure's subject may sit in: the clause, the
				// one before it in the same list item, the continuation, and
				// a short topic sentence.
				win := fc
				if len(figures(cl)) == 0 {
					win += "|" + next
				}
				if ci > 0 && !strings.HasSuffix(cls[ci-1], "；") && !strings.HasSuffix(cls[ci-1], ";") {
					win += "|" + fold(cls[ci-1])
				}
				if si > 0 && len([]rune(lead)) <= 30 {
					win += "|" + lead
				}
				c.windowCov, _ = coverage(q.terms, win, q.text, true)
				c.scope = clauseScope(fc, sScope, year)
				c.scopeOK = compatible(q.scope, c.scope)
				figs := figures(cl)
				c.hasNum = len(figs) > 0
				if !c.hasNum && q.kind == kindNumber && next != "" && len(figures(next)) > 0 {
					figs = figures(next)
					c.hasNum = true
				}
				if q.unit != "" {
					c.unitOK = unitMatches(figs, q.unit)
				}
				sc := 2*c.clauseCov + 1.0*sentCov + 1.5*clauseStrong + 0.3*wholeCov + 0.4/float64(rank+1)
				switch q.kind {
				case kindNumber:
					if c.hasNum {
						sc += 0.6
					}
					if c.unitOK {
						sc += 0.6
					}
					if !c.scopeOK {
						sc -= 1.2
					}
				case kindWho:
					if containsAny(fc, "省长", "市长", "区长", "县长", "同志", "主席") {
						sc += 1.5
					}
				default:
					if !c.scopeOK {
						sc -= 0.4
					}
				}
				if (q.scope == scopePlan || q.scope == scopePeriodPlan) && containsAny(fc, targetWords...) {
					sc += 0.3
				}
				if len([]rune(fc)) < 4 {
					sc -= 0.5
				}
				c.score = sc
				out = append(out, c)
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// snippet returns the answer text for a chosen clause and the sentence(s)
// to quote.
func (ix *Index) snippet(q *query, c candidate) (string, string) {
	info := ix.paras[c.para-1]
	ss := info.sentences
	s := ss[c.sent]
	cls := clauses(s)
	quote := s
	switch q.kind {
	case kindList:
		if items := ix.listItems(q, c); len(items) > 0 {
			return strings.Join(items, "；"), quote
		}
		return s, quote
	}
	text := cls[c.clause]
	fc := fold(text)
	// The figure may sit in the next clause or sentence.
	if q.kind == kindNumber && len(figures(text)) == 0 {
		if nx := continuation(cls, c.clause, ss, c.sent); nx != "" {
			if c.clause+1 < len(cls) {
				text += cls[c.clause+1]
			} else {
				text += clauses(ss[c.sent+1])[0]
				quote += ss[c.sent+1]
			}
		}
	}
	// Give a bare figure its subject: "分别稳定在3900万头" needs what came before.
	if cov, _ := coverage(q.terms, fc, q.text, true); (cov < 0.5 || len([]rune(text)) < 10) && c.clause > 0 {
		text = cls[c.clause-1] + text
	}
	if q.kind == kindText && len([]rune(text)) < 12 && c.clause+1 < len(cls) {
		text += cls[c.clause+1]
	}
	return trimPunct(text), quote
}

var enumRE = regexp.MustCompile(`(?:^|[。；;，,：:])\s*(?:[一二三四五六七八九十]+是|（[一二三四五六七八九十]+）|第[一二三四五六七八九十]+，|[①②③④⑤⑥⑦⑧⑨⑩])`)

// listItems returns the enumerated items that answer a list question: the
// 一是…二是… items of the paragraph, the 、-list of the sentence, or the
// first clauses of the sentences that follow a lead sentence.
func (ix *Index) listItems(q *query, c candidate) []string {
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
		lead := trimPunct(clauses(ss[c.sent])[0])
		if !strings.Contains(items[0], lead) && len([]rune(lead)) < 40 && !enumRE.MatchString(clauses(ss[c.sent])[0]) {
			return append([]string{lead}, items...)
		}
		return items
	}
	s := ss[c.sent]
	if quoted := quotedTerms(q.raw); len(quoted) > 0 {
		// 哪几个“突出”: every clause of the paragraph built on the quoted word.
		var items []string
		for _, x := range ss {
			for _, cl := range clauses(x) {
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
	if cl := clauses(s)[c.clause]; strings.Contains(cl, "、") && len([]rune(cl)) >= 8 {
		return []string{trimPunct(cl)}
	}
	if strings.Count(s, "、") >= 2 {
		// The clause with the enumeration.
		best := s
		for _, cl := range clauses(s) {
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
	// A lead sentence followed by parallel sentences.
	if c.sent+1 < len(ss) {
		items := []string{trimPunct(s)}
		for _, nx := range ss[c.sent+1:] {
			items = append(items, trimPunct(clauses(nx)[0]))
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
	t = strings.TrimSuffix(strings.TrimSuffix(t, "是"), "的")
	if t == "" {
		return trimPunct(part)
	}
	return t
}

func debugCand(ix *Index, c candidate) string {
	ss := ix.paras[c.para-1].sentences
	return fmt.Sprintf("p%d s%d c%d score=%.2f strong=%.2f num=%v unit=%v scope=%v(%v) %s", c.para, c.sent, c.clause, c.score, c.strongCov, c.hasNum, c.unitOK, c.scope, c.scopeOK, clauses(ss[c.sent])[c.clause])
}
