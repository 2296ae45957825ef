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
			for _, c := range splitTargetClauses(p.Text, s.start, s.end, "；;，,。！？!?、") {
				clause := p.Text[c.start:c.end]
				t, ok := parseTarget(clause)
				if !ok || t.Value == "" {
					continue
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

// periodVoiceRe marks a paragraph that opens a review of several years;
// periodTitleRe a heading for one. Their figures are totals or averages over
// the period, never last year's.
var (
	periodVoiceRe = regexp.MustCompile(`五年来|过去五年|这五年|的五年|经过五年|五年间`)
	periodTitleRe = regexp.MustCompile(`十[三四五]五|五年`)
)

// reviewResults collects the actual figures stated before the main targets,
// in order, skipping the multi-year review (from a paragraph that opens it
// to the end of its top-level section).
func reviewResults(r *Report, before int) []statedResult {
	var out []statedResult
	periodFrom := "" // top-level heading under which the period review runs
	inPeriod := false
	for _, p := range r.Paragraphs {
		if p.N >= before {
			break
		}
		top := ""
		if len(p.Section) > 0 {
			top = p.Section[0]
		}
		if inPeriod && top != periodFrom {
			inPeriod = false
		}
		if periodVoiceRe.MatchString(p.Text) || (periodTitleRe.MatchString(p.SectionPath()) && !strings.Contains(p.SectionPath(), strconv.Itoa(r.Year-1))) {
			inPeriod, periodFrom = true, top
		}
		if inPeriod {
			continue
		}
		for _, s := range targetSentences(p.Text) {
			sent := p.Text[s.start:s.end]
			if periodRe.MatchString(sent) || strings.Contains(sent, "目标") || otherYear(sent, r.Year-1) {
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
	for _, c := range splitTargetClauses(p.Text, s.start, s.end, "；;，,。！？!?、") {
		clause := p.Text[c.start:c.end]
		m, ok := parseTargetMeasure(clause)
		if !ok {
			prevName, prevStart = "", -1
			continue
		}
		name, dir := indicatorKey(cutIndicator(clause[:m.start], m))
		start := c.start
		switch {
		case strings.Contains(name, "分别") || strings.Contains(name, "从"):
			prevName, prevStart = "", -1
			continue
		case name == "" && prevName != "":
			name, start = prevName, prevStart
		case name == "":
			continue
		default:
			prevName, prevStart = name, c.start
		}
		out = append(out, statedResult{name: name, dir: dir, fam: unitFamily(m.Unit),
			Result: Result{Value: m.Value, Text: p.Text[start:c.end], Paragraph: p.N}})
	}
	return out
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
