package knowledge

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ParagraphScope is the time scope of one paragraph and of what it says.
type ParagraphScope struct {
	// Scope is the paragraph's, from its section headings and opening
	// words, carried forward from the paragraphs before it.
	Scope Scope
	// Items are the scopes of the paragraph's Items, in order.
	Items []ItemScope
}

// ItemScope is the time scope of one item of a paragraph (Items).
type ItemScope struct {
	// Scope is the item's own: its time marker when it has one, else the
	// paragraph's.
	Scope Scope
	// Clauses are the scopes of the item's Clauses, in order, decided over
	// the whole paragraph: a marker carries to the clauses after it.
	Clauses []Scope
}

// Scopes dates every paragraph of r, every item of it (Items) and every
// clause of those (Clauses) against the report's year: review (去年),
// plan (今年), period-review (十四五, 五年来), period-plan (十五五, 今后
// 五年), or any. The result has one entry per paragraph, in order.
func Scopes(r *Report) []ParagraphScope {
	paras := paragraphScopes(r)
	out := make([]ParagraphScope, len(r.Paragraphs))
	for i, p := range r.Paragraphs {
		items := Items(p)
		fcl := make([][]string, len(items))
		for k, s := range items {
			for _, cl := range Clauses(s) {
				fcl[k] = append(fcl[k], Fold(cl))
			}
		}
		cs := sentenceScopes(fcl, paras[i], r.Year)
		ps := ParagraphScope{Scope: paras[i], Items: make([]ItemScope, len(items))}
		for k, s := range items {
			ps.Items[k] = ItemScope{Scope: clauseScope(Fold(s), paras[i], r.Year), Clauses: cs[k]}
		}
		out[i] = ps
	}
	return out
}

// Fold returns s in the form time words and headings are compared in:
// NFKC (full-width letters, digits and punctuation become ASCII), lower
// case, white space, brackets and quotes removed (so that 新（改）建 reads
// as 新改建 and “两新” as 两新).
func Fold(s string) string {
	s = norm.NFKC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if unicode.IsSpace(r) || strings.ContainsRune(dropped, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// dropped are the characters Fold removes.
const dropped = "()（）【】[]“”‘’\"「」『』《》"

// fivePlans maps the five-year plan names of the time table to their
// first year.
var fivePlans = func() map[string]int {
	m := map[string]int{}
	for _, t := range TimeWords() {
		if t.Scope == ScopeFiveYear {
			m[t.Word] = t.First
		}
	}
	return m
}()

// periodScope tells whether the named five-year plan is the one ahead or
// behind a report of the given year.
func periodScope(name string, year int) Scope {
	first, ok := fivePlans[name]
	if !ok {
		return ScopeAny
	}
	return FiveYearScope(first, year)
}

// FiveYearScope tells whether the five-year plan starting in first is the
// one ahead (ScopePeriodPlan) or behind (ScopePeriodReview) a report of
// the given year; ScopeAny when the year is unknown (0).
func FiveYearScope(first, year int) Scope {
	if year == 0 {
		return ScopeAny
	}
	if year >= first && year < first+5 {
		return ScopePeriodPlan
	}
	if year >= first+5 {
		return ScopePeriodReview
	}
	return ScopePeriodPlan
}

// paragraphScopes assigns a scope to every paragraph from its section
// headings and its opening words, carrying the last known scope forward.
func paragraphScopes(r *Report) []Scope {
	out := make([]Scope, len(r.Paragraphs))
	cur := ScopeAny
	lastTop := ""
	for i, p := range r.Paragraphs {
		top := ""
		if len(p.Section) > 0 {
			top = p.Section[0]
		}
		if top != lastTop {
			lastTop = top
			if s := sectionTitleScope(Fold(top), r.Year); s != ScopeAny {
				cur = s
			}
		}
		head := Fold(p.Text)
		if rs := []rune(head); len(rs) > 40 {
			head = string(rs[:40])
		}
		// A paragraph that is itself a heading (when the loader keeps them)
		// also moves the scope.
		if len([]rune(p.Text)) < 40 && scopeHeadingRE.MatchString(p.Text) {
			if s := sectionTitleScope(head, r.Year); s != ScopeAny {
				cur = s
			}
		}
		s := cur
		if o := openingScope(head, r.Year); o != ScopeAny {
			s = o
			if o == ScopePlan || o == ScopePeriodPlan {
				cur = o
			}
		}
		out[i] = s
	}
	return out
}

// scopeHeadingRE matches a numbered heading (一、 or （一）).
var scopeHeadingRE = regexp.MustCompile(`^\s*([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)`)

// sectionTitleScope classifies a section heading.
func sectionTitleScope(h string, year int) Scope {
	switch {
	case h == "":
		return ScopeAny
	case containsAny(h, "回顾", "过去", "成就", "成绩"):
		if containsAny(h, "十五五") && !containsAny(h, "回顾") {
			return ScopePeriodPlan
		}
		if year != 0 && strings.Contains(h, strconv.Itoa(year-1)) || !containsAny(h, "五年", "十四五", "十三五") {
			return ScopeReview
		}
		return ScopePeriodReview
	case containsAny(h, "十五五", "今后五年", "主要考虑", "规划"):
		for name := range fivePlans {
			if strings.Contains(h, name) {
				return periodScope(name, year)
			}
		}
		return ScopePeriodPlan
	case containsAny(h, "工作安排", "重点工作", "重点任务", "今年", "主要预期目标", "工作任务"):
		return ScopePlan
	case year != 0 && strings.Contains(h, strconv.Itoa(year)+"年"):
		return ScopePlan
	}
	return ScopeAny
}

// openingScope classifies a paragraph by how it opens.
func openingScope(h string, year int) Scope {
	switch {
	case hasPrefixAny(h, "过去一年", "一年来", "去年", "刚刚过去的一年"),
		year != 0 && hasPrefixAny(h, strconv.Itoa(year-1)+"年", "刚刚过去的"+strconv.Itoa(year-1)+"年"):
		return ScopeReview
	case hasPrefixAny(h, "五年来", "这五年", "过去五年", "这是", "经过五年", "十四五时期", "“十四五”时期"):
		if strings.HasPrefix(h, "这是") && !strings.Contains(h, "五年") {
			return ScopeAny
		}
		return ScopePeriodReview
	case hasPrefixAny(h, "今后五年", "纲要草案", "《纲要草案》"):
		return ScopePeriodPlan
	case hasPrefixAny(h, "今年", "建议"+strconv.Itoa(year)):
		return ScopePlan
	}
	return ScopeAny
}

// clauseScope is the time a folded clause or sentence is about: its own
// time marker when it has one (markedScope), else the scope around it.
func clauseScope(f string, around Scope, year int) Scope {
	if s, _ := markedScope(f, around, year); s != ScopeAny {
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
func markedScope(f string, around Scope, year int) (s Scope, carries bool) {
	for name := range fivePlans {
		if !strings.Contains(f, name) {
			continue
		}
		ps := periodScope(name, year)
		if ps == ScopePeriodReview && !lastYearOnly(f, year) {
			// A period in time words (十四五时期, 十四五以来) sets the time of
			// the clauses around it; named as a thing done (完成十四五任务)
			// it is this clause's only.
			lead := strings.HasPrefix(strings.TrimLeft(f, "“\"「"), name)
			return ps, lead || containsAny(f, "时期", "期间", "以来", "五年")
		}
		if ps == ScopePeriodPlan && containsAny(f, "期间", "时期", "末", "时段") {
			return ps, true
		}
	}
	// 比去年有所下调 compares with last year: the base is no time of the
	// clause (今年赤字率拟按2.8%左右安排、比去年有所下调).
	f = relativeBaseRE.ReplaceAllString(f, "|")
	switch {
	case containsAny(f, "今后五年", "未来五年", "到2030年", "2030年"):
		return ScopePeriodPlan, true
	case containsAny(f, "五年来", "这五年", "过去五年", "五年增长") || averageGrowth(f):
		switch around {
		case ScopePlan, ScopePeriodPlan:
			return around, false
		}
		return ScopePeriodReview, !averageGrowth(f)
	case containsAny(f, "去年", "过去一年", "一年来", "刚刚过去的一年", "上一年度"):
		return ScopeReview, true
	}
	if y, period, ok := statedYear(f); ok && year != 0 {
		switch {
		case period && y < year:
			return ScopePeriodReview, true
		case y == year-1:
			return ScopeReview, true
		case y == year:
			return ScopePlan, true
		}
	}
	if containsAny(f, "今年") {
		return ScopePlan, true
	}
	return ScopeAny, false
}

// relativeBaseRE is last year as the base of a comparison (比去年, 较上年,
// 与去年相比), not the time a clause is about.
var relativeBaseRE = regexp.MustCompile(`(?:比|较|同|与|和|跟)(?:去年|上年|上一年)(?:相比|同期)?`)

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
	if containsAny(f, "收官之年", "收官年", "最后一年") && !containsAny(f, "今年", "明年") {
		// 刚刚过去的一年，是“十四五”收官之年: the period names its last
		// year, the one a report reviews.
		return true
	}
	y, period, ok := statedYear(f)
	return ok && !period && y == year-1 && !containsAny(f, "时期", "期间", "以来", "五年", "年均")
}

// sentenceScopes gives every clause of a paragraph its scope. A clause
// takes its own time marker first; else the last marker before it in the
// paragraph that carries (a sentence's marker also covers the clauses of
// that sentence before it); else the paragraph's scope from its heading
// and opening words.
func sentenceScopes(fcl [][]string, para Scope, year int) [][]Scope {
	out := make([][]Scope, len(fcl))
	carry := ScopeAny
	for si, cls := range fcl {
		// The sentence's first carrying marker covers the clauses before it.
		lead := ScopeAny
		for _, fc := range cls {
			if s, c := markedScope(fc, orAny(carry, para), year); s != ScopeAny && c {
				lead = s
				break
			}
		}
		cur := orAny(carry, para)
		if lead != ScopeAny {
			cur = lead
		}
		out[si] = make([]Scope, len(cls))
		for ci, fc := range cls {
			s, c := markedScope(fc, cur, year)
			if s == ScopeAny {
				out[si][ci] = cur
				continue
			}
			out[si][ci] = s
			if c {
				cur = s
				// In a review, this year named after a sentence's first
				// clause is an aside (…一期工程，今年上半年可建成投入使用。):
				// the next sentence is still review.
				if !(ci > 0 && s == ScopePlan && (para == ScopeReview || para == ScopePeriodReview)) {
					carry = s
				}
			}
		}
	}
	return out
}

// orAny returns s, or def when s is ScopeAny.
func orAny(s, def Scope) Scope {
	if s == ScopeAny {
		return def
	}
	return s
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
