package knowledge

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file holds the clause-level grammar of targets: how a figure, its
// unit, a range and its qualifier are written, and how an indicator name is
// cut out of the words around the figure. Every pattern accepts both ASCII
// and full-width forms, because reports mix them freely; values are always
// returned as sliced from the input, never rewritten.

const (
	numPat = `[0-9０-９]+(?:[.．][0-9０-９]+)?`
	// unitPat is the units of data/units.tsv (what figure.go reads), each
	// with an optional magnitude, longest first: Go's regexp alternation is
	// leftmost-first.
	unitPat = ""
	dashPat = `(?:——|—|－|-|–|~|～|〜|至|到)`
)

// valueRe matches a figure with its unit, or a range of two figures. The
// first figure's unit is optional only in a range ("5—5.5%").
var valueRe = func() *regexp.Regexp {
	var alts []string
	for _, n := range units().names {
		// Reports write units full-width too: ５％, 微克／立方米.
		alts = append(alts, strings.NewReplacer("%", "[%％]", "/", "[/／]").Replace(regexp.QuoteMeta(n)))
	}
	unit := `(?:(?:万亿|亿|万|千)?(?:` + strings.Join(alts, "|") + `))`
	return regexp.MustCompile(`(` + numPat + `)(` + unit + `)?(?:\s*` + dashPat + `\s*(` + numPat + `)(` + unit + `))?`)
}()

// preQualifiers may stand right before a figure. Ordered longest first
// within a shared suffix.
var preQualifiers = []string{
	"不低于", "不少于", "不高于", "不超过", "控制在", "稳定在", "保持在", "维持在",
	"提高到", "提升到", "提高至", "增加到", "增至", "降至", "降到", "下降到",
	"超过", "高于", "低于", "突破", "达到", "约", "达",
}

// comparators are pre-qualifiers that bound the value: they are the qualifier.
var comparators = map[string]bool{
	"不低于": true, "不少于": true, "不高于": true, "不超过": true,
	"超过": true, "高于": true, "低于": true, "约": true,
}

// holders are pre-qualifiers that keep a value within a limit; they combine
// with a following 以内/以下/左右 as "控制在…以内".
var holders = map[string]bool{"控制在": true, "稳定在": true, "保持在": true, "维持在": true}

var postQualifiers = []string{"以上", "以内", "以下", "左右", "上下", "之内"}

// targetMeasure is a figure found in a clause.
type targetMeasure struct {
	start, end int    // byte offsets of Value in the clause
	Value      string // verbatim
	Unit       string // unit of the (last) figure, width-folded
	Range      bool
	Pre, Post  string // qualifier words before and after the figure
	Qualifier  string
}

// parseTargetMeasure finds the first figure with a unit in s, with its qualifier.
func parseTargetMeasure(s string) (targetMeasure, bool) {
	for _, m := range valueRe.FindAllStringSubmatchIndex(s, -1) {
		start, end := m[0], m[1]
		if r, _ := utf8.DecodeLastRuneInString(s[:start]); start > 0 && (asciiLetter(foldWidth(r)) || r == '.' || r == '．') {
			continue // PM2.5, G20, version numbers
		}
		rng := m[6] >= 0
		unit := ""
		switch {
		case rng:
			unit = s[m[8]:m[9]]
		case m[4] >= 0:
			unit = s[m[4]:m[5]]
		default:
			continue // a bare number is a count, a year or a date, not a value
		}
		// A range needs both ends in one unit family; "3%至5万人" is two things.
		if rng && m[4] >= 0 && unitFamily(s[m[4]:m[5]]) != unitFamily(unit) {
			end = m[5]
			unit = s[m[4]:m[5]]
			rng = false
		}
		// "重点把握3个方面" counts the speech's own parts.
		rest := s[end:]
		if unit == "个" && strings.HasPrefix(rest, "方面") {
			continue
		}
		ms := targetMeasure{start: start, end: end, Value: s[start:end], Unit: foldWidthString(unit), Range: rng}
		before := strings.TrimRight(s[:start], " \t")
		for _, q := range preQualifiers {
			if strings.HasSuffix(before, q) {
				ms.Pre = q
				break
			}
		}
		after := strings.TrimLeft(rest, " \t")
		for _, q := range postQualifiers {
			if strings.HasPrefix(after, q) {
				ms.Post = q
				break
			}
		}
		ms.Qualifier = qualifierOf(ms)
		return ms, true
	}
	return targetMeasure{}, false
}

// qualifierOf names how the value binds: 以上, 以内, 左右, 不低于, 区间,
// 控制在…以内, 控制在, or "" for an exact figure.
func qualifierOf(m targetMeasure) string {
	post := m.Post
	if post == "之内" {
		post = "以内"
	}
	switch {
	case holders[m.Pre] && post != "":
		return m.Pre + "…" + post
	case comparators[m.Pre] && post == "":
		return m.Pre
	case post != "":
		return post
	case m.Range:
		return "区间"
	case holders[m.Pre] || comparators[m.Pre]:
		return m.Pre
	}
	return ""
}

// unitFamily groups units that measure the same thing, so that a target in
// 亿元 can be paired with a result in 万亿元 but never with one in %.
func unitFamily(u string) string {
	u = foldWidthString(u)
	switch {
	case u == "%" || u == "‰":
		return "%"
	case strings.Contains(u, "百分点"):
		return "pp"
	case strings.Contains(u, "美元"):
		return "usd"
	case strings.HasSuffix(u, "元"):
		return "cny"
	case strings.HasSuffix(u, "斤"):
		return "jin"
	case strings.HasSuffix(u, "吨"):
		return "t"
	case strings.HasSuffix(u, "人次"):
		return "visits"
	case strings.HasSuffix(u, "人"):
		return "people"
	case strings.HasSuffix(u, "亩"):
		return "mu"
	case strings.Contains(u, "立方米"):
		return "conc"
	case strings.HasSuffix(u, "平方米") || strings.HasSuffix(u, "平方公里"):
		return "area"
	case strings.HasSuffix(u, "公里") || strings.HasSuffix(u, "千米"):
		return "km"
	case strings.Contains(u, "千瓦时"):
		return "kwh"
	case strings.Contains(u, "千瓦"):
		return "kw"
	}
	return strings.TrimPrefix(strings.TrimPrefix(u, "万"), "亿")
}

// foldWidth maps a full-width ASCII variant to ASCII and the ideographic space to
// a space; other runes are returned unchanged.
func foldWidth(r rune) rune {
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	case r == 0x3000:
		return ' '
	}
	return r
}

func foldWidthString(s string) string { return strings.Map(foldWidth, s) }

func asciiLetter(r rune) bool { return r < 128 && unicode.IsLetter(r) }

// targetLeadRe strips list markers and scope words that start a clause but are no
// part of the indicator's name.
var targetLeadRe = regexp.MustCompile(`^(?:\s|——|—|－|-|•|·|、|[:：]|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十0-9０-９]+[)）]|[0-9０-９]{1,2}[、)）]|[①-⑳]` +
	`|其中|同时|全年|今年|明年|全市|全省|全区|全县|全州|全国|全镇|我市|我省|我区|我县|确保|力争|努力|争取|预计|实现|完成|拟安排|拟发行|拟|安排|并)+`)

// targetTrailRe strips verbs that link an indicator to its figure.
var targetTrailRe = regexp.MustCompile(`(?:\s|达到|达|为|是|在|实现|保持|稳定|控制|维持|约|超过|突破|力争|争取|拟按|按|拟|安排|确保|累计)+$`)

// cutIndicator returns the indicator named by the words before a figure.
func cutIndicator(before string, m targetMeasure) string {
	s := strings.TrimSuffix(strings.TrimRight(before, " \t"), m.Pre)
	s = trimTargetQuotes(s)
	for i := 0; i < 3; i++ {
		t := targetTrailRe.ReplaceAllString(targetLeadRe.ReplaceAllString(s, ""), "")
		if t == s {
			break
		}
		s = t
	}
	// 地区生产总值按增长5%安排: the target is framed, the indicator is
	// 地区生产总值增长.
	for _, w := range []string{"按增长", "按增速", "按照增长"} {
		s = strings.Replace(s, w, strings.TrimPrefix(strings.TrimPrefix(w, "按照"), "按"), 1)
	}
	return s
}

func trimTargetQuotes(s string) string {
	return strings.Trim(s, " \t“”\"'‘’《》")
}

// Words that end a value-less clause's indicator and start its qualitative
// predicate ("…质量 | 完成省市明确的既定目标").
var predicateRe = regexp.MustCompile(`全面完成|完成|达到|符合|保持|持续|实现|稳定|基本|明显|不断|进一步|继续|好于|优于|控制|守住|确保|改善|提高|提升|下降|降低|缩小`)

// byRequirementRe matches "按照国家要求完成节能减排降碳任务": the predicate
// comes first and the indicator is its object.
var byRequirementRe = regexp.MustCompile(`^(?:按照|根据|按|落实)[^，,；;]*?要求(?:完成|达到|实现|落实)?(.+?)(?:任务|目标|指标|要求)?$`)

// splitQualitative cuts a value-less clause into indicator and qualitative
// phrase. ok is false when no predicate is found.
func splitQualitative(c string) (indicator, phrase string, ok bool) {
	c = targetLeadRe.ReplaceAllString(c, "")
	if m := byRequirementRe.FindStringSubmatch(c); m != nil {
		return m[1], c, true
	}
	if i := strings.Index(c, "同步"); i > 0 {
		j := max(strings.LastIndex(c[:i], "与"), strings.LastIndex(c[:i], "和"), strings.LastIndex(c[:i], "同"))
		if j > 0 {
			return c[:j], c[j:], true
		}
	}
	if loc := predicateRe.FindStringIndex(c); loc != nil && loc[0] > 0 {
		return c[:loc[0]], c[loc[0]:], true
	}
	return "", c, false
}

// Names that mean one indicator. GDP is written three ways.
var gdpRe = regexp.MustCompile(`GDP|地区生产总值|国内生产总值`)

var keyLeadRe = regexp.MustCompile(`^(?:地方|全市|全省|全区|全县|全州|全国|全年|年末|年底|我市|我省|我区|我县|本市)+`)

var upWords = []string{"实际增长", "名义增长", "增长率", "增长", "增速", "涨幅", "增幅", "上涨", "提高", "提升", "增加"}
var downWords = []string{"下降率", "下降", "降低", "减少", "下滑"}

// indicatorKey normalizes an indicator name for matching: width-folded, no
// spaces or quotes, GDP spelled one way, scope prefixes dropped, and a trailing
// direction word moved into dir (+1 up, -1 down, 0 a level).
func indicatorKey(s string) (name string, dir int) {
	s = foldWidthString(s)
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || strings.ContainsRune("“”\"'‘’《》「」", r) {
			return -1
		}
		return r
	}, s)
	s = gdpRe.ReplaceAllString(s, "生产总值")
	s = strings.ReplaceAll(s, "规上", "规模以上") // 规上工业增加值 is 规模以上工业增加值
	s = keyLeadRe.ReplaceAllString(s, "")
	for changed := true; changed; {
		changed = false
		for _, w := range []string{"平均值", "平均水平", "平均", "实际", "名义", "指数"} {
			if strings.HasSuffix(s, w) {
				s, changed = strings.TrimSuffix(s, w), true
			}
		}
		if dir == 0 {
			for _, w := range upWords {
				if strings.HasSuffix(s, w) {
					s, dir, changed = strings.TrimSuffix(s, w), 1, true
					break
				}
			}
		}
		if dir == 0 {
			for _, w := range downWords {
				if strings.HasSuffix(s, w) {
					s, dir, changed = strings.TrimSuffix(s, w), -1, true
					break
				}
			}
		}
	}
	return s, dir
}

// targetSpan is a byte range of a text.
type targetSpan struct{ start, end int }

// splitTargetClauses splits s[from:to] at clause punctuation outside brackets and
// quotes. A comma between digits ("67,665") is no separator. The spans
// exclude the separators and surrounding spaces.
func splitTargetClauses(s string, from, to int, seps string) []targetSpan {
	var out []targetSpan
	depth := 0
	start := from
	emit := func(end int) {
		a, b := start, end
		for a < b && (s[a] == ' ' || s[a] == '\t') {
			a++
		}
		for b > a && (s[b-1] == ' ' || s[b-1] == '\t') {
			b--
		}
		if a < b {
			out = append(out, targetSpan{a, b})
		}
	}
	for i := from; i < to; {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case strings.ContainsRune("（(“《「【", r):
			depth++
		case strings.ContainsRune("）)”》」】", r):
			if depth > 0 {
				depth--
			}
		case depth == 0 && strings.ContainsRune(seps, r):
			if r == ',' && i > 0 && i+1 < len(s) && asciiDigit(s[i-1]) && asciiDigit(s[i+1]) {
				break
			}
			emit(i)
			start = i + n
		}
		i += n
	}
	emit(to)
	return out
}

func asciiDigit(b byte) bool { return b >= '0' && b <= '9' }

// targetSentenceEnd returns the offset just past the first sentence end at or after
// from, or len(s).
func targetSentenceEnd(s string, from int) int {
	if i := strings.IndexAny(s[from:], "。！？!?"); i >= 0 {
		_, n := utf8.DecodeRuneInString(s[from+i:])
		return from + i + n
	}
	return len(s)
}
