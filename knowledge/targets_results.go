package knowledge

import (
	"regexp"
	"strconv"
	"strings"
)

// This file finds what surrounds the main targets: the secondary targets in
// the rest of the year's plan, and last year's results in the review part.

// macroRe names the indicators a report's plan sets as year targets outside
// the main-targets paragraph: fiscal, employment, innovation, trade, grain,
// energy and environment aggregates. Project counts (新建学校, 改造小区)
// are deliberately absent: they are tasks, not targets.
var macroRe = regexp.MustCompile(`^投资$|赤字|专项债|特别国债|地方政府债|新增就业|失业率|研发投入|研发经费|R&D|固定资产投资|` +
	`社会消费品零售总额|社零|进出口|外贸|出口总额|使用外资|利用外资|粮食产量|粮食总产量|粮食播种面积|粮食种植面积|` +
	`能耗|碳排放|居民消费价格|一般公共预算|工业增加值|城镇化率|森林覆盖率|细颗粒物|PM2\.5|优良天数|地表水|` +
	`生产总值|居民收入|可支配收入|数字经济核心产业|高新技术企业|单位.{0,6}(?:能耗|碳排放)`)

// secondaryTargets collects macro figures stated in the plan part, after the
// main-targets statement, that the main targets do not already cover.
func secondaryTargets(r *Report, main targetsBlock) []Target {
	seen := map[string]bool{}
	for _, t := range main.targets {
		seen[targetKey(t)] = true
	}
	var out []Target
	for _, p := range r.Paragraphs {
		if p.N <= main.last {
			continue
		}
		for _, s := range targetSentences(p.Text) {
			sent := p.Text[s.start:s.end]
			if periodRe.MatchString(sent) || otherYear(sent, r.Year) || lastYearRe.MatchString(sent) {
				continue
			}
			for _, c := range splitTargetClauses(p.Text, s.start, s.end, "；;，,。！？!?") {
				items, _ := clauseItems(p.Text, c)
				for _, it := range items {
					t := it.Target
					if t.Value == "" {
						continue
					}
					t.Text = p.Text[it.span.start:pieceEnd(p.Text, it)]
					// In "专项产业基金、新增能耗、…项目比重不低于80%" the
					// names before the figure's own piece are a list, not
					// the figure's indicator.
					if ps := splitTargetClauses(p.Text, it.span.start, it.span.end, "、"); len(ps) > 1 && !strings.Contains(t.Text, "分别") {
						if own, ok := parseTarget(t.Text[strings.LastIndex(t.Text, "、")+len("、"):]); ok && own.Value == t.Value && len(items) == 1 {
							t = own
						}
					}
					name, _ := indicatorKey(t.Indicator)
					if !macroRe.MatchString(name) || strings.Contains(name, "分别") {
						continue
					}
					k := targetKey(t)
					if seen[k] {
						continue
					}
					seen[k] = true
					t.Paragraph, t.Secondary = p.N, true
					out = append(out, t)
				}
			}
		}
	}
	return out
}

// lastYearRe marks a sentence about last year inside the plan part.
var lastYearRe = regexp.MustCompile(`^\s*(?:去年|上年|过去一年|一年来)`)

// targetKey identifies an indicator for de-duplication: its normalized name,
// direction and unit family.
func targetKey(t Target) string {
	name, dir := indicatorKey(t.Indicator)
	fam := ""
	if m, ok := parseTargetMeasure(t.Value); ok {
		fam = unitFamily(m.Unit)
	}
	return name + "|" + strconv.Itoa(dir) + "|" + fam
}

// otherYear reports whether s names a year other than year (到2027年,
// 2024年12月22日): such a figure is not this year's target.
func otherYear(s string, year int) bool {
	if year <= 0 {
		return false
	}
	for _, m := range targetYearRe.FindAllStringSubmatch(s, -1) {
		if y, _ := strconv.Atoi(m[1]); y != year {
			return true
		}
	}
	return false
}

// statedResult is a stated actual with the normalized indicator it belongs to.
type statedResult struct {
	name string
	dir  int
	fam  string
	Result
}

// timeScope is what stretch of time a sentence of the review speaks of.
type timeScope int

const (
	scopeNone   timeScope = iota // the sentence and its context say nothing
	scopeYear                    // last year, the one before the plan year
	scopePeriod                  // several years, or a year other than last year
)

// Time markers. A period voice (五年来, 过去五年, “十四五”时期) speaks of
// several years until another voice takes over; a last-year voice (2025年,
// 过去一年, 刚刚过去的一年) of last year. A period figure (年均, 累计, a year
// other than last year) makes its own sentence's figures no last year's but
// does not change the voice: "累计识别监测对象20.9万户" sits in a paragraph
// about last year. Bare 十四五 in a sentence is a plan's name
// ("2025年是“十四五”规划收官之年"); in a heading it is the period.
var (
	periodVoiceRe  = regexp.MustCompile(`五年|[二三四五六七八九十两多几近]年来|[0-9０-９]+年来|近几年|十[三四五六]五[”"」]?(?:时期|期间|以来|末)`)
	periodTitleRe  = regexp.MustCompile(`十[三四五六]五|五年`)
	periodFigureRe = regexp.MustCompile(`年均(?:[^浓]|$)|累计`)
	lastYearMarkRe = regexp.MustCompile(`过去一年|过去的一年|刚刚过去的一年|一年来|去年|上年`)
)

// timeMarks reads the time markers of s: whether it has a period voice, a
// last-year voice, and a period figure. voice is the regexp for a period
// voice (periodVoiceRe in a sentence, periodTitleRe in a heading).
func timeMarks(s string, year int, voice *regexp.Regexp) (period, last, figure bool) {
	period = voice.MatchString(s)
	last = lastYearMarkRe.MatchString(s)
	figure = periodFigureRe.MatchString(s) // 年均浓度 is one year's level
	for _, m := range targetYearRe.FindAllStringSubmatch(s, -1) {
		if y, _ := strconv.Atoi(m[1]); year > 0 && y == year-1 {
			last = true
		} else {
			figure = true
		}
	}
	return period, last, figure
}

// headingScope reads the scope a heading gives the text under it; a heading
// naming both last year and a period (2025年工作总结和“十四五”发展成就)
// gives none.
func headingScope(h string, year int) timeScope {
	period, last, figure := timeMarks(h, year, periodTitleRe)
	switch {
	case period && last:
		return scopeNone
	case period || (figure && !last):
		return scopePeriod
	case last:
		return scopeYear
	}
	return scopeNone
}

// reviewResults collects the actual figures stated before the main targets,
// in order. Each sentence is dated by its own time markers: one with a
// last-year voice and nothing of a period gives last year's figures; one
// with a period voice or a period figure gives none. A sentence without
// markers speaks in the voice last set at its level of the outline: by an
// earlier sentence of its paragraph or of an earlier paragraph under the
// same heading, else by its heading when that has a clear scope, else by
// the enclosing level. So "近几年，…" in one subsection does not carry into
// the next, and "刚刚过去的2025年" under a “十四五” heading speaks of last
// year until a period voice takes over. With no marker anywhere, a figure of
// the review is taken as last year's.
func reviewResults(r *Report, before int) []statedResult {
	var out []statedResult
	voices := []timeScope{scopeNone} // voices[d]: the voice at outline depth d
	var path []string
	for _, p := range r.Paragraphs {
		if p.N >= before {
			break
		}
		if len(voices) != len(p.Section)+1 || !samePath(path, p.Section) {
			cp := 0
			for cp < len(path) && cp < len(p.Section) && path[cp] == p.Section[cp] {
				cp++
			}
			voices = voices[:cp+1]
			for d := cp; d < len(p.Section); d++ {
				v := voices[d]
				if hs := headingScope(p.Section[d], r.Year); hs != scopeNone {
					v = hs
				}
				voices = append(voices, v)
			}
			path = p.Section
		}
		cur := len(voices) - 1
		for _, s := range targetSentences(p.Text) {
			sent := p.Text[s.start:s.end]
			period, last, figure := timeMarks(sent, r.Year, periodVoiceRe)
			if !figure {
				switch {
				case period:
					voices[cur] = scopePeriod
				case last:
					voices[cur] = scopeYear
				}
			}
			if period || figure || voices[cur] == scopePeriod || strings.Contains(sent, "目标") {
				continue
			}
			out = append(out, sentenceResults(p, s)...)
		}
	}
	return out
}

// sentenceResults reads the figures of one sentence. A clause with no name
// of its own ("增长5.5%" after "实现地区生产总值67665亿元") takes the
// name of the clause before it, and its Text runs from that clause.
func sentenceResults(p Paragraph, s targetSpan) []statedResult {
	var out []statedResult
	prevName, prevStart := "", -1
	for _, c := range splitTargetClauses(p.Text, s.start, s.end, "；;，,。！？!?") {
		items, ok := clauseItems(p.Text, c)
		if !ok {
			prevName, prevStart = "", -1
			continue
		}
		for _, it := range items {
			m, ok := parseTargetMeasure(it.Value)
			if !ok {
				prevName, prevStart = "", -1
				continue
			}
			name, dir := indicatorKey(it.Indicator)
			start := it.span.start
			switch {
			case strings.Contains(name, "分别") || strings.Contains(name, "从"):
				prevName, prevStart = "", -1
				continue
			case name == "" && prevName != "":
				name, start = prevName, prevStart
			case name == "":
				continue
			default:
				prevName, prevStart = name, it.span.start
			}
			out = append(out, statedResult{name: name, dir: dir, fam: unitFamily(m.Unit),
				Result: Result{Value: it.Value, Text: p.Text[start:pieceEnd(p.Text, it)], Paragraph: p.N}})
		}
	}
	return out
}

// pieceEnd returns where the quote of a figure ends: at the end of the
// 、-joined piece that holds its value ("城镇新增就业149.4万人、超额完成
// 国家下达任务" quotes only the first piece).
func pieceEnd(text string, it targetItem) int {
	if strings.Contains(text[it.span.start:it.span.end], "分别") {
		return it.span.end // the pairing of names and figures is the quote
	}
	i := strings.Index(text[it.span.start:it.span.end], it.Value)
	if i < 0 {
		return it.span.end
	}
	from := it.span.start + i + len(it.Value)
	for _, p := range splitTargetClauses(text, it.span.start, it.span.end, "、") {
		if p.end >= from {
			return p.end
		}
	}
	return it.span.end
}

// previousFor returns the first review result for exactly t's indicator,
// direction and unit family, or nil. It never pairs by resemblance.
func previousFor(t Target, results []statedResult) *Result {
	if t.Value == "" {
		return nil
	}
	m, ok := parseTargetMeasure(t.Value)
	if !ok {
		return nil
	}
	name, dir := indicatorKey(t.Indicator)
	fam := unitFamily(m.Unit)
	for _, r := range results {
		if r.name == name && r.dir == dir && r.fam == fam {
			res := r.Result
			return &res
		}
	}
	return nil
}

// targetSentences splits text into sentences ending in 。！？ (kept).
func targetSentences(text string) []targetSpan {
	var out []targetSpan
	for from := 0; from < len(text); {
		end := targetSentenceEnd(text, from)
		out = append(out, targetSpan{from, end})
		from = end
	}
	return out
}
