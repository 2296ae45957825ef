package knowledge

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Target is one expected target of the report's year.
type Target struct {
	// Indicator names what is measured, e.g. 地区生产总值增长, 城镇调查失业率.
	Indicator string
	// Value is the figure exactly as written ("5.5%", "95亿元", "5%—5.5%"),
	// or "" for a qualitative target.
	Value string
	// Qualifier says how the value binds: 以上, 以内, 左右, 不低于, 区间,
	// 控制在…以内, 控制在, or "" for an exact figure; for a qualitative
	// target it is the phrase as written (与经济增长基本同步).
	Qualifier string
	// Text is the raw clause, verbatim from the paragraph.
	Text string
	// Paragraph is the number of the paragraph Text comes from.
	Paragraph int
	// Secondary marks a target stated elsewhere in the year's plan, not in
	// the main-targets paragraph.
	Secondary bool
	// Previous is last year's result for the same indicator when the report
	// states it; nil otherwise.
	Previous *Result
}

// Result is a stated actual figure with its citation.
type Result struct {
	// Value is the figure exactly as written.
	Value string
	// Text is the clause stating it, verbatim.
	Text string
	// Paragraph is the number of the paragraph Text comes from.
	Paragraph int
}

// Targets returns the report's expected targets for its year: the items of
// its main-targets paragraph (主要预期目标) in the order written, then the
// secondary targets found in the rest of the year's plan. Each carries last
// year's result when the review part states one for the same indicator. A
// report with no main-targets paragraph gives an empty, non-nil slice: the
// secondary figures alone would be a guess at what the report calls targets.
func Targets(r *Report) []Target {
	out := []Target{}
	if r == nil {
		return out
	}
	main, ok := mainTargets(r)
	if !ok {
		return out
	}
	out = append(out, main.targets...)
	out = append(out, secondaryTargets(r, main)...)
	results := reviewResults(r, main.first)
	for i := range out {
		out[i].Previous = previousFor(out[i], results)
	}
	return out
}

// targetsBlock is the main-targets statement found in a report.
type targetsBlock struct {
	first, last int // paragraph numbers spanned by the items
	targets     []Target
	score       int
}

// triggerRe finds the lead-in of a targets statement: 主要预期目标是：,
// 预期目标为, 主要目标建议为: and the like.
var triggerRe = regexp.MustCompile(`(?:主要预期目标|预期目标|主要目标|发展目标|目标任务|主要指标|预期指标)[^，,。；;：:！!？?、]{0,6}?(?:[：:]|是|为)[：:]?`)

// headingTriggerRe is a heading that is itself the lead-in ("（一）主要预期目标"),
// with the items in the paragraphs under it.
var headingTriggerRe = regexp.MustCompile(`(?:预期目标|主要目标|主要指标|预期指标)[\s:：]*$`)

// periodRe marks a sentence scoped to a multi-year plan or period rather
// than one year; periodLeadRe is the wider test for the lead-in of a
// targets statement, where 时期/规划/纲要 can only mean a plan period.
var (
	periodRe     = regexp.MustCompile(`十[三四五六]五|五年|远景|20[3-9]0年|年均增|年均分别|累计`)
	periodLeadRe = regexp.MustCompile(`十[三四五六]五|五年|时期|规划|纲要|远景|20[3-9]0年|年均增|累计`)
)

var targetYearRe = regexp.MustCompile(`((?:19|20)[0-9]{2})年`)

// mainTargets finds the report's main-targets statement and parses its items.
// When several paragraphs qualify, the one that names the year or 今年 and
// says 预期 wins; ties go to the first.
func mainTargets(r *Report) (targetsBlock, bool) {
	var best targetsBlock
	found := false
	for i := range r.Paragraphs {
		b, ok := targetsAt(r, i)
		if ok && (!found || b.score > best.score) {
			best, found = b, true
		}
	}
	return best, found
}

// targetsAt tries paragraph i as the one holding (or opening) the targets.
func targetsAt(r *Report, i int) (targetsBlock, bool) {
	p := r.Paragraphs[i]
	prefix := targetLeadIn(r, i)
	joined := prefix + p.Text
	for _, loc := range triggerRe.FindAllStringIndex(joined, -1) {
		if loc[1] < len(prefix) {
			continue // the trigger belongs to an earlier paragraph
		}
		// The scope is set by the sentence that introduces the targets.
		sentStart := strings.LastIndexAny(joined[:loc[0]], "。！？!?") + 1
		lead := joined[sentStart:loc[1]]
		if !inYear(lead, r.Year) {
			continue
		}
		from := loc[1] - len(prefix)
		b := targetsBlock{first: p.N, last: p.N, score: 1}
		if strings.Contains(lead, "预期") {
			b.score += 2
		}
		if strings.Contains(lead, "今年") || (r.Year > 0 && strings.Contains(lead, strconv.Itoa(r.Year)+"年")) {
			b.score += 2
		}
		if strings.TrimSpace(p.Text[from:]) == "" {
			b.targets = listTargets(r, i+1)
			if len(b.targets) > 0 {
				b.first = b.targets[0].Paragraph
				b.last = b.targets[len(b.targets)-1].Paragraph
			}
		} else {
			if !opensWithTarget(p.Text, from, targetSentenceEnd(p.Text, from)) {
				continue // "以实现预期目标为导向，…": a phrase, not a lead-in
			}
			end := targetRunEnd(p.Text, from, r.Year)
			b.targets = clauseTargets(p.Text, from, end, p.N)
		}
		if len(b.targets) == 0 || fiveYearItems(b.targets) {
			continue
		}
		return b, true
	}
	if h := targetHeadingBefore(r, i); h != "" && headingTriggerRe.MatchString(h) && inYear(strings.Join(p.Section, "。"), r.Year) {
		b := targetsBlock{first: p.N, last: p.N, score: 1}
		if strings.Contains(h, "预期") {
			b.score += 2
		}
		if listMarkerLen(p.Text) > 0 {
			b.targets = listTargets(r, i)
		} else {
			b.targets = clauseTargets(p.Text, 0, targetRunEnd(p.Text, 0, r.Year), p.N)
		}
		if len(b.targets) > 0 && !fiveYearItems(b.targets) {
			b.last = b.targets[len(b.targets)-1].Paragraph
			return b, true
		}
	}
	return targetsBlock{}, false
}

// opensWithTarget reports whether the first clause of text[from:to] is a
// target, as it is right after a real lead-in.
func opensWithTarget(text string, from, to int) bool {
	cs := splitTargetClauses(text, from, to, "；;，,。！？!?")
	if len(cs) == 0 {
		return false
	}
	c := text[cs[0].start:cs[0].end]
	_, ok := parseTarget(c[listMarkerLen(c):])
	return ok
}

// inYear reports whether a lead-in sentence speaks of the plan year: not of
// a multi-year plan, not of last year, not of another dated year.
func inYear(lead string, year int) bool {
	if periodLeadRe.MatchString(lead) || strings.Contains(lead, "去年") || strings.Contains(lead, "过去") {
		return false
	}
	if year > 0 {
		for _, m := range targetYearRe.FindAllStringSubmatch(lead, -1) {
			if y, _ := strconv.Atoi(m[1]); y != year {
				return false
			}
		}
	}
	return true
}

// fiveYearItems reports whether the first item is a multi-year average
// ("年均增长5%左右"): then the statement is a plan period's, not the year's.
func fiveYearItems(ts []Target) bool {
	return strings.Contains(ts[0].Text, "年均")
}

// targetLeadIn returns the unfinished sentence that runs into paragraph i from the
// headings and paragraphs right before it, as when a page breaks
// "今年经济社会发展的 / 主要预期目标 / 是：…" over three lines.
func targetLeadIn(r *Report, i int) string {
	var parts []string
	for k, j := 0, i; k < 3 && j >= 0; k++ {
		if j != i {
			t := r.Paragraphs[j].Text
			tail := t[strings.LastIndexAny(t, "。！？!?；;")+1:]
			if strings.TrimSpace(tail) == "" {
				break
			}
			parts = append(parts, tail)
			if len(tail) != len(t) {
				break
			}
		}
		if h := targetHeadingBefore(r, j); h != "" {
			if strings.ContainsAny(h[max(0, len(h)-3):], "。！？!?") {
				break
			}
			parts = append(parts, h)
		}
		j--
	}
	var b strings.Builder
	for k := len(parts) - 1; k >= 0; k-- {
		b.WriteString(parts[k])
	}
	return b.String()
}

// targetHeadingBefore returns the innermost heading of paragraph j when j is the
// first paragraph under it, else "".
func targetHeadingBefore(r *Report, j int) string {
	p := r.Paragraphs[j]
	if len(p.Section) == 0 {
		return ""
	}
	if j > 0 && samePath(r.Paragraphs[j-1].Section, p.Section) {
		return ""
	}
	return p.Section[len(p.Section)-1]
}

func samePath(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// itemMarkRe matches the start of a list item paragraph.
var itemMarkRe = regexp.MustCompile(`^(?:——|—|－|-|•|·|\*|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十0-9０-９]+[)）]|[0-9０-９]+[.．、)）]|[①-⑳])`)

// listMarkerLen returns the byte length of the list marker s starts with,
// or 0. "2.5%" does not start with the marker "2.".
func listMarkerLen(s string) int {
	loc := itemMarkRe.FindStringIndex(s)
	if loc == nil {
		return 0
	}
	if r, _ := utf8.DecodeLastRuneInString(s[:loc[1]]); r == '.' || r == '．' {
		if next, _ := utf8.DecodeRuneInString(s[loc[1]:]); unicode.IsDigit(next) {
			return 0
		}
	}
	return loc[1]
}

// listTargets reads targets written one per paragraph after a lead-in that
// ends with its colon.
func listTargets(r *Report, i int) []Target {
	var out []Target
	for j := i; j < len(r.Paragraphs) && j < i+30; j++ {
		p := r.Paragraphs[j]
		t := strings.TrimSpace(p.Text)
		_, hasValue := parseTargetMeasure(t)
		short := utf8.RuneCountInString(t) <= 80
		if listMarkerLen(t) == 0 && !(short && (hasValue || qualitativeRe.MatchString(t))) {
			break
		}
		first := targetSentenceEnd(p.Text, 0)
		if backRefRe.MatchString(p.Text[:first]) || len(clauseTargets(p.Text, 0, first, p.N)) == 0 {
			break
		}
		ts := clauseTargets(p.Text, 0, targetRunEnd(p.Text, 0, r.Year), p.N)
		out = append(out, ts...)
	}
	return out
}

// qualitativeRe marks a value-less clause that is a target in its own right
// rather than a gloss on the one before it.
var qualitativeRe = regexp.MustCompile(`同步|要求|目标|任务|平衡`)

// continuationRe marks a clause that qualifies the target before it
// ("在实际工作中全力争取更好结果", "力争更好").
var continuationRe = regexp.MustCompile(`^(?:在实际工作中|实际工作中|争取|力争|努力|全力|并|且)`)

// clauseTargets parses the targets stated in text[from:to], clause by clause.
// A clause that only glosses the one before it (争取更好结果, 城乡居民收入比
// 持续缩小 after 城乡居民收入增长…同步) is kept in that target's Text.
func clauseTargets(text string, from, to, n int) []Target {
	var out []Target
	var spans []targetSpan // each target's span in text
	for _, c := range splitTargetClauses(text, from, to, "；;，,。！？!?") {
		// A list marker (——, 一是, （1）) is layout, not part of the clause.
		c.start += listMarkerLen(text[c.start:c.end])
		for c.start < c.end && (text[c.start] == ' ' || text[c.start] == '\t') {
			c.start++
		}
		// A heading-like label ("经济增长：地区生产总值增长5.5%") names a
		// group, not the indicator.
		if k := strings.LastIndexAny(text[c.start:c.end], "：:"); k >= 0 {
			_, n := utf8.DecodeRuneInString(text[c.start+k:])
			if _, ok := parseTarget(text[c.start+k+n : c.end]); ok {
				c.start += k + n
			}
		}
		clause := text[c.start:c.end]
		body := targetLeadRe.ReplaceAllString(clause, "")
		if body == "" {
			continue
		}
		items, ok := clauseItems(text, c)
		var t Target
		if ok {
			t = items[0].Target
		}
		last := len(out) - 1
		if last >= 0 && (continuationRe.MatchString(body) ||
			(t.Value == "" && !qualitativeRe.MatchString(body) && sharesName(body, out[last].Indicator))) {
			spans[last].end = c.end
			out[last].Text = text[spans[last].start:c.end]
			continue
		}
		if !ok {
			// Whatever cannot stand alone ("确保完成市下达目标") glosses the
			// target before it and stays in its quote.
			if last >= 0 {
				spans[last].end = c.end
				out[last].Text = text[spans[last].start:c.end]
			}
			continue
		}
		for _, it := range items {
			it.Paragraph = n
			out = append(out, it.Target)
			spans = append(spans, it.span)
		}
	}
	return out
}

// parseTarget reads one clause as a target.
func parseTarget(clause string) (Target, bool) {
	t := Target{Text: clause}
	if m, ok := parseTargetMeasure(clause); ok {
		t.Value, t.Qualifier = m.Value, m.Qualifier
		t.Indicator = cutIndicator(clause[:m.start], m)
		return t, t.Indicator != ""
	}
	ind, phrase, ok := splitQualitative(clause)
	if !ok || ind == "" {
		return t, false
	}
	t.Indicator, t.Qualifier = trimTargetQuotes(ind), phrase
	return t, true
}

// sharesName reports whether clause c repeats at least three characters of
// indicator ind, as 城乡居民收入比 does of 城乡居民收入增长.
func sharesName(c, ind string) bool {
	rs := []rune(ind)
	for i := 0; i+3 <= len(rs); i++ {
		if strings.Contains(c, string(rs[i:i+3])) {
			return true
		}
	}
	return false
}

// Goal renders the target's value with its qualifier as the report would
// say it: 5.5%以上, 控制在3%以内, 不少于28万人, 4.5%—5%, or the qualitative
// phrase.
func (t Target) Goal() string {
	switch q := t.Qualifier; {
	case t.Value == "":
		return q
	case strings.Contains(q, "…"):
		return strings.Replace(q, "…", t.Value, 1)
	case q == "以上" || q == "以内" || q == "以下" || q == "左右" || q == "上下":
		return t.Value + q
	case q == "" || q == "区间":
		return t.Value
	default:
		return q + t.Value
	}
}

// Key names what a target measures, the same for every report that sets
// it however the report words it: 地区生产总值增长, 国内生产总值增长 and
// GDP增长 are one key. Reports are compared by it.
func (t Target) Key() string {
	name, dir := indicatorKey(t.Indicator)
	switch dir {
	case 1:
		return name + "↑"
	case -1:
		return name + "↓"
	}
	return name
}
