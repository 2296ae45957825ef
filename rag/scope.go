package rag

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/reportbot/reportbot/knowledge"
	"github.com/reportbot/reportbot/rag/lexicon"
)

// scope is the time a statement or a question is about. Reports review the
// past year and the past plan period, then set targets for this year and
// the next plan period; the same indicator often appears in all four.
type scope int

const (
	scopeAny          scope = iota
	scopeReview             // last year's results (去年, 过去一年)
	scopePlan               // this year's targets (今年, 主要预期目标)
	scopePeriodReview       // the plan period just ended (十四五, 五年来)
	scopePeriodPlan         // the plan period ahead (十五五, 今后五年)
	scopeCurrent            // the latest result, whichever period (现在, 目前)
)

func (s scope) String() string {
	return [...]string{"any", "review", "plan", "period-review", "period-plan", "current"}[s]
}

// fivePlans maps the five-year plan names of the lexicon's time table to
// their first year.
var fivePlans = func() map[string]int {
	m := map[string]int{}
	for _, t := range lexicon.Default().Time {
		if t.Scope == lexicon.ScopeFiveYear {
			m[t.Word] = t.First
		}
	}
	return m
}()

// periodScope tells whether the named five-year plan is the one ahead or
// behind a report of the given year.
func periodScope(name string, year int) scope {
	first, ok := fivePlans[name]
	if !ok {
		return scopeAny
	}
	return fiveYearScope(first, year)
}

// fiveYearScope tells whether the five-year plan starting in first is the
// one ahead or behind a report of the given year.
func fiveYearScope(first, year int) scope {
	if year == 0 {
		return scopeAny
	}
	if year >= first && year < first+5 {
		return scopePeriodPlan
	}
	if year >= first+5 {
		return scopePeriodReview
	}
	return scopePeriodPlan
}

var yearRE = regexp.MustCompile(`(20\d\d)年`)

// questionScope reads the time a folded question asks about from the
// lexicon's time table: a five-year plan first (ahead or behind the
// report's year), then the plan periods, then a stated year, then the
// relative words, then the words of a target question.
func questionScope(lx *lexicon.Lexicon, q string, year int) scope {
	for _, t := range lx.Time {
		if t.Scope == lexicon.ScopeFiveYear && strings.Contains(q, t.Word) {
			return fiveYearScope(t.First, year)
		}
	}
	for _, s := range []lexicon.Scope{lexicon.ScopePeriodPlan, lexicon.ScopePeriodReview} {
		if containsAny(q, lx.TimeWords(s)...) {
			return scopeOf(s)
		}
	}
	if m := yearRE.FindStringSubmatch(q); m != nil && year != 0 {
		y, _ := strconv.Atoi(m[1])
		switch {
		case y == year || y == year+1:
			return scopePlan
		case y < year:
			return scopeReview
		}
	}
	for _, s := range []lexicon.Scope{lexicon.ScopeReview, lexicon.ScopePlan, lexicon.ScopeCurrent, lexicon.ScopeFrame} {
		if containsAny(q, lx.TimeWords(s)...) {
			return scopeOf(s)
		}
	}
	return scopeAny
}

// scopeOf maps a time-table scope to the answerer's; a frame word (目标)
// asks for a target.
func scopeOf(s lexicon.Scope) scope {
	switch s {
	case lexicon.ScopeReview:
		return scopeReview
	case lexicon.ScopePlan, lexicon.ScopeFrame:
		return scopePlan
	case lexicon.ScopePeriodPlan:
		return scopePeriodPlan
	case lexicon.ScopePeriodReview:
		return scopePeriodReview
	case lexicon.ScopeCurrent:
		return scopeCurrent
	}
	return scopeAny
}

// paragraphScopes assigns a scope to every paragraph from its section
// headings and its opening words, carrying the last known scope forward.
func paragraphScopes(r *knowledge.Report) []scope {
	out := make([]scope, len(r.Paragraphs))
	cur := scopeAny
	lastTop := ""
	for i, p := range r.Paragraphs {
		top := ""
		if len(p.Section) > 0 {
			top = p.Section[0]
		}
		if top != lastTop {
			lastTop = top
			if s := headingScope(fold(top), r.Year); s != scopeAny {
				cur = s
			}
		}
		head := fold(p.Text)
		if rs := []rune(head); len(rs) > 40 {
			head = string(rs[:40])
		}
		// A paragraph that is itself a heading (when the loader keeps them)
		// also moves the scope.
		if len([]rune(p.Text)) < 40 && headingRE.MatchString(p.Text) {
			if s := headingScope(head, r.Year); s != scopeAny {
				cur = s
			}
		}
		s := cur
		if o := openingScope(head, r.Year); o != scopeAny {
			s = o
			if o == scopePlan || o == scopePeriodPlan {
				cur = o
			}
		}
		out[i] = s
	}
	return out
}

var headingRE = regexp.MustCompile(`^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)`)

// headingScope classifies a section heading.
func headingScope(h string, year int) scope {
	switch {
	case h == "":
		return scopeAny
	case containsAny(h, "回顾", "过去", "成就", "成绩"):
		if containsAny(h, "十五五") && !containsAny(h, "回顾") {
			return scopePeriodPlan
		}
		if year != 0 && strings.Contains(h, strconv.Itoa(year-1)) || !containsAny(h, "五年", "十四五", "十三五") {
			return scopeReview
		}
		return scopePeriodReview
	case containsAny(h, "十五五", "今后五年", "主要考虑", "规划"):
		for name := range fivePlans {
			if strings.Contains(h, name) {
				return periodScope(name, year)
			}
		}
		return scopePeriodPlan
	case containsAny(h, "工作安排", "重点工作", "重点任务", "今年", "主要预期目标", "工作任务"):
		return scopePlan
	case year != 0 && strings.Contains(h, strconv.Itoa(year)+"年"):
		return scopePlan
	}
	return scopeAny
}

// openingScope classifies a paragraph by how it opens.
func openingScope(h string, year int) scope {
	switch {
	case hasPrefixAny(h, "过去一年", "一年来", "去年", "刚刚过去的一年"),
		year != 0 && hasPrefixAny(h, strconv.Itoa(year-1)+"年", "刚刚过去的"+strconv.Itoa(year-1)+"年"):
		return scopeReview
	case hasPrefixAny(h, "五年来", "这五年", "过去五年", "这是", "经过五年", "十四五时期", "“十四五”时期"):
		if strings.HasPrefix(h, "这是") && !strings.Contains(h, "五年") {
			return scopeAny
		}
		return scopePeriodReview
	case hasPrefixAny(h, "今后五年", "纲要草案", "《纲要草案》"):
		return scopePeriodPlan
	case hasPrefixAny(h, "今年", "建议"+strconv.Itoa(year)):
		return scopePlan
	}
	return scopeAny
}

// clauseScope is the time a folded clause or sentence is about: its own
// time marker when it has one (markedScope), else the scope around it.
func clauseScope(f string, around scope, year int) scope {
	if s, _ := markedScope(f, around, year); s != scopeAny {
		return s
	}
	return around
}

// markedScope reads the time a folded clause states itself: an explicit
// year (2025年 in a 2026 report is last year), a period (五年来, 十四五
// 时期, 今后五年), or a relative word (去年, 今年). around is the scope the
// clause sits in, which decides what 年均 means. carries reports whether
// the marker sets the time of the clauses after it (刚刚过去的2025年，全省
// 生产总值增长5.6%，…) rather than of its own clause only (年均增长5.5%).
func markedScope(f string, around scope, year int) (s scope, carries bool) {
	for name := range fivePlans {
		if !strings.Contains(f, name) {
			continue
		}
		ps := periodScope(name, year)
		if ps == scopePeriodReview && !lastYearOnly(f, year) {
			return ps, true
		}
		if ps == scopePeriodPlan && containsAny(f, "期间", "时期", "末", "时段") {
			return ps, true
		}
	}
	switch {
	case containsAny(f, "今后五年", "未来五年", "到2030年", "2030年"):
		return scopePeriodPlan, true
	case containsAny(f, "五年来", "这五年", "过去五年", "五年增长") || averageGrowth(f):
		switch around {
		case scopePlan, scopePeriodPlan:
			return around, false
		}
		return scopePeriodReview, !averageGrowth(f)
	case containsAny(f, "去年", "过去一年", "一年来", "刚刚过去的一年", "上一年度"):
		return scopeReview, true
	}
	if y, period, ok := statedYear(f); ok && year != 0 {
		switch {
		case period && y < year:
			return scopePeriodReview, true
		case y == year-1:
			return scopeReview, true
		case y == year:
			return scopePlan, true
		}
	}
	if containsAny(f, "今年") {
		return scopePlan, true
	}
	return scopeAny, false
}

// averageGrowth reports whether a clause gives a growth rate averaged over
// years (年均增长5.5%), a period's figure; 年均浓度 is one year's average.
func averageGrowth(f string) bool {
	return containsAny(f, "年均增长", "年均增速", "年均提高", "年均下降", "年均降低", "年均增幅", "年均递增")
}

// statedYearRE finds a year with the character before it, which tells a
// base of comparison (比2020年, 较2020年, 从2020年的) or the end of a span
// (2021—2025年, 2021年以来) from the year a statement is about.
var statedYearRE = regexp.MustCompile(`(.?)(20\d\d)年(以来)?`)

// statedYear returns the year a folded clause is about, and whether it
// names a span ending or starting there rather than one year.
func statedYear(f string) (int, bool, bool) {
	for _, m := range statedYearRE.FindAllStringSubmatch(f, -1) {
		before := m[1]
		if containsAny(before, "比", "较", "从", "与", "同", "自", "于") {
			continue
		}
		y, _ := strconv.Atoi(m[2])
		period := m[3] != "" || containsAny(before, "—", "-", "–", "～", "~", "至")
		return y, period, true
	}
	return 0, false, false
}

// lastYearOnly reports whether a clause naming the past plan period is
// about last year in it: 2025年是“十四五”收官之年.
func lastYearOnly(f string, year int) bool {
	y, period, ok := statedYear(f)
	return ok && !period && y == year-1 && !containsAny(f, "时期", "期间", "以来", "五年", "年均")
}

// sentenceScopes gives every clause of a paragraph its scope. A clause
// takes its own time marker first; else the last marker before it in the
// paragraph that carries (a sentence's marker also covers the clauses of
// that sentence before it); else the paragraph's scope from its heading
// and opening words.
func sentenceScopes(fcl [][]string, para scope, year int) [][]scope {
	out := make([][]scope, len(fcl))
	carry := scopeAny
	for si, cls := range fcl {
		// The sentence's first carrying marker covers the clauses before it.
		lead := scopeAny
		for _, fc := range cls {
			if s, c := markedScope(fc, orAny(carry, para), year); s != scopeAny && c {
				lead = s
				break
			}
		}
		cur := orAny(carry, para)
		if lead != scopeAny {
			cur = lead
		}
		out[si] = make([]scope, len(cls))
		for ci, fc := range cls {
			s, c := markedScope(fc, cur, year)
			if s == scopeAny {
				out[si][ci] = cur
				continue
			}
			out[si][ci] = s
			if c {
				cur = s
				// In a review, this year named after a sentence's first
				// clause is an aside (…一期工程，今年上半年可建成投入使用。):
				// the next sentence is still review.
				if !(ci > 0 && s == scopePlan && (para == scopeReview || para == scopePeriodReview)) {
					carry = s
				}
			}
		}
	}
	return out
}

// orAny returns s, or def when s is scopeAny.
func orAny(s, def scope) scope {
	if s == scopeAny {
		return def
	}
	return s
}

// compatible reports whether a statement of scope s can answer a question
// of scope q.
func compatible(q, s scope) bool {
	switch q {
	case scopeAny:
		return true
	case scopeCurrent:
		return s == scopeReview || s == scopePeriodReview || s == scopeAny
	case scopePeriodReview:
		return s == scopePeriodReview || s == scopeReview || s == scopeAny
	case scopeReview:
		return s == scopeReview || s == scopeAny
	case scopePlan:
		return s == scopePlan || s == scopeAny
	case scopePeriodPlan:
		return s == scopePeriodPlan
	}
	return true
}

func containsAny(s string, subs ...string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

func hasPrefixAny(s string, ps ...string) bool {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
